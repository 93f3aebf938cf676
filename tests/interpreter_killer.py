"""A socketpair whose receive takes its whole process down, as PyPy's recvmsg abort does
(docs/findings.md, 14): with run -j N only the worker running it dies, its last words on
stderr in the *crashed* detail; and one that only talks on stderr (tests/test_cli.py)."""

from __future__ import annotations

import os
import signal
import socket
from typing import Any, Callable


class _OnReceive:
    """The socket, with ``before`` called ahead of every receive method."""

    def __init__(self, sock: socket.socket, before: Callable[[], None]):
        self._s, self._before = sock, before

    def __getattr__(self, name: str) -> Any:
        real = getattr(self._s, name)
        if not name.startswith("recv"):
            return real

        def receive(*args: Any, **kwargs: Any) -> Any:
            self._before()
            return real(*args, **kwargs)

        return receive


def _abort() -> None:
    os.write(2, b"Fatal error: planted abort in recv\n")  # as PyPy's "Fatal RPython error"
    os.kill(os.getpid(), signal.SIGABRT)


def _chat() -> None:
    # conforms, but talks at every receive, as a library logging (or gevent's libev
    # complaining) would: the run says so in one line per property
    os.write(2, b"chatty: receiving\n")


def pair(family: int = socket.AF_UNIX, kind: int = socket.SOCK_STREAM, proto: int = 0) -> tuple[Any, Any]:
    a, b = socket.socketpair(family, kind, proto)
    return _OnReceive(a, _abort), _OnReceive(b, _abort)


def chatty(family: int = socket.AF_UNIX, kind: int = socket.SOCK_STREAM, proto: int = 0) -> tuple[Any, Any]:
    a, b = socket.socketpair(family, kind, proto)
    return _OnReceive(a, _chat), _OnReceive(b, _chat)
