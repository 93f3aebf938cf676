"""A socketpair whose receive takes its whole process down, as PyPy's recvmsg abort does
(docs/findings.md, 14): with run -j N only the worker running it dies, its last words on
stderr in the *crashed* detail; and one that only talks on stderr (tests/test_cli.py)."""

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
            os.write(2, b"Fatal error: planted abort in recv\n")  # as PyPy's "Fatal RPython error"
            os.kill(os.getpid(), signal.SIGABRT)

        return abort


def pair(family: int = socket.AF_UNIX, kind: int = socket.SOCK_STREAM, proto: int = 0) -> tuple[Any, Any]:
    a, b = socket.socketpair(family, kind, proto)
    return _Killer(a), _Killer(b)


class _Chatty:
    """Conforms, but writes a line to stderr at every receive, as a library logging
    (or gevent's libev complaining) would: the run says so in one line per property."""

    def __init__(self, sock: socket.socket):
        self._s = sock

    def __getattr__(self, name: str) -> Any:
        real = getattr(self._s, name)
        if not name.startswith("recv"):
            return real

        def logged(*args: Any, **kwargs: Any) -> Any:
            os.write(2, b"chatty: receiving\n")
            return real(*args, **kwargs)

        return logged


def chatty(family: int = socket.AF_UNIX, kind: int = socket.SOCK_STREAM, proto: int = 0) -> tuple[Any, Any]:
    a, b = socket.socketpair(family, kind, proto)
    return _Chatty(a), _Chatty(b)
