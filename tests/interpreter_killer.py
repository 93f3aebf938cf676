"""A socketpair whose receive takes its whole process down, as PyPy's recvmsg abort does
(docs/findings.md, 14): with run -j N only the worker running it dies (tests/test_cli.py)."""

from __future__ import annotations

import os
import signal
import socket
from typing import Any


class _Killer:
    def __init__(self, sock: socket.socket):
        self._s = sock

    def __getattr__(self, name: str) -> Any:
        real = getattr(self._s, name)
        if not name.startswith("recv"):
            return real

        def abort(*args: Any, **kwargs: Any) -> Any:
            os.kill(os.getpid(), signal.SIGABRT)

        return abort


def pair(family: int = socket.AF_UNIX, kind: int = socket.SOCK_STREAM, proto: int = 0) -> tuple[Any, Any]:
    a, b = socket.socketpair(family, kind, proto)
    return _Killer(a), _Killer(b)
