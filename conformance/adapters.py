"""Named adapters for socketpair implementations that exist outside this project.

Each entry makes an executor for a real alternative.  Only those whose
library is importable here are usable; the others fail with one clear line.
"""

from __future__ import annotations

import socket
from typing import Callable

from .errors import SetupError
from .pyexec import PythonExecutor
from .session import Executor

# CPython's TCP-loopback emulation (used on platforms without AF_UNIX pairs).
# It only offers stream pairs and nothing of AF_UNIX's ancillary data.
FALLBACK_CAPS = frozenset("stream nonblock cloexec peek waitall shutdown poll sockopt duplex pep446".split())


def _fallback() -> Callable[[], Executor]:
    """Checked when the spec is parsed, so a missing library is a set-up error up front."""
    fallback = getattr(socket, "_fallback_socketpair", None)
    if fallback is None:
        raise SetupError("fallback: this Python has no socket._fallback_socketpair (added in 3.12 on POSIX)")

    def factory(family: int, sock_type: int, proto: int) -> tuple[socket.socket, socket.socket]:
        # It only makes AF_INET pairs; asking for AF_UNIX is how the suite
        # calls every implementation, so the request is passed on as INET.
        if family == socket.AF_UNIX:
            family = socket.AF_INET
        a, b = fallback(family, sock_type, proto)
        return a, b

    return lambda: PythonExecutor(factory, "fallback", caps=FALLBACK_CAPS)


ADAPTERS: dict[str, Callable[[], Callable[[], Executor]]] = {"fallback": _fallback}
