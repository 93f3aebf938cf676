"""Named adapters for socketpair implementations that exist outside this project.

Each entry makes an executor for a real alternative.  Only those whose
library is importable here are usable; the others fail with one clear line.
"""

from __future__ import annotations

import importlib
import socket
from typing import Callable

from ...engine.executor import Executor
from ...errors import SetupError
from ..pyexec import PythonExecutor
from .green_threads import require

# Version-2 capabilities any in-process adapter has, whatever its library: ctrl_units is
# how the executor itself sizes control buffers; signals are counted by the executor while
# the library's calls run; pidns reads an option in a new pid namespace (getsockopt is the
# socket's own in every adapter).  The others are the library's: see each set.
EXECUTOR_V2 = frozenset("ctrl_units signals pidns".split())

# CPython's TCP-loopback emulation (used on platforms without AF_UNIX pairs).
# It only offers stream pairs and nothing of AF_UNIX's ancillary data (so no
# cmsg_bytes, fd_numbers, creds_spoof); its ends are real sockets, so every option
# (sockopt2) and MSG_OOB are there, with TCP's meaning.
FALLBACK_CAPS = EXECUTOR_V2 | frozenset(
    "stream nonblock cloexec peek waitall shutdown poll sockopt duplex pep446 sockopt2 oob".split()
)


def fallback_socketpair(
    family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
) -> tuple[socket.socket, socket.socket]:
    """CPython's emulation, asked the way the suite asks every implementation.

    It only makes AF_INET pairs; the suite asks for AF_UNIX, so that request is
    passed on as AF_INET (any other family is passed through unchanged).
    """
    if family == socket.AF_UNIX:
        family = socket.AF_INET
    a, b = socket._fallback_socketpair(family, sock_type, proto)  # type: ignore[attr-defined]
    return a, b


def _fallback() -> tuple[Callable[[], Executor], str]:
    """Checked when the spec is parsed, so a missing library is a set-up error up front."""
    if getattr(socket, "_fallback_socketpair", None) is None:
        raise SetupError("fallback: this Python has no socket._fallback_socketpair (POSIX has it from 3.13)")
    return (
        lambda: PythonExecutor(fallback_socketpair, "fallback", caps=FALLBACK_CAPS),
        "conformance.impl.adapters:fallback_socketpair",
    )


# asyncio's socket API carries bytes only: no flags (so no oob), no ancillary data (no
# cmsg_bytes, fd_numbers, creds_spoof); options are the socket's own (event_loops.py)
ASYNCIO_CAPS = EXECUTOR_V2 | frozenset(
    "stream dgram seqpacket nonblock cloexec shutdown poll sockopt duplex pep446 sockopt2".split()
)


def _asyncio() -> tuple[Callable[[], Executor], str]:
    from .event_loops import asyncio_socketpair

    return (
        lambda: PythonExecutor(asyncio_socketpair, "asyncio", caps=ASYNCIO_CAPS),
        "conformance.impl.adapters.event_loops:asyncio_socketpair",
    )


def _trio() -> tuple[Callable[[], Executor], str]:
    try:
        importlib.import_module("trio")
    except ImportError:
        raise SetupError(
            "trio: the trio library is not installed; pip install 'socketpair-conformance[trio]'"
        ) from None
    from .event_loops import trio_socketpair

    return lambda: PythonExecutor(trio_socketpair, "trio"), "conformance.impl.adapters.event_loops:trio_socketpair"


def _gevent() -> tuple[Callable[[], Executor], str]:
    require("gevent")
    from .green_threads import GeventConcurrency, gevent_socketpair

    return (
        lambda: PythonExecutor(gevent_socketpair, "gevent", concurrency=GeventConcurrency()),
        "conformance.impl.adapters.green_threads:gevent_socketpair",
    )


def _eventlet() -> tuple[Callable[[], Executor], str]:
    require("eventlet")
    from .green_threads import EventletConcurrency, eventlet_socketpair

    return (
        lambda: PythonExecutor(eventlet_socketpair, "eventlet", concurrency=EventletConcurrency()),
        "conformance.impl.adapters.green_threads:eventlet_socketpair",
    )


# anyio has no SOCK_SEQPACKET class, no flags (no oob), no credentials, no msg_flags, and
# sends only well-formed SCM_RIGHTS (no cmsg_bytes); receive_fds hands out descriptor
# numbers (fd_numbers); options are the raw socket's (sockopt2)
ANYIO_CAPS = EXECUTOR_V2 | frozenset(
    "stream dgram nonblock cloexec scm_rights shutdown poll sockopt duplex pep446 sockopt2 fd_numbers".split()
)


def _anyio() -> tuple[Callable[[], Executor], str]:
    require("anyio")
    from .anyio_streams import anyio_socketpair

    return (
        lambda: PythonExecutor(anyio_socketpair, "anyio", caps=ANYIO_CAPS),
        "conformance.impl.adapters.anyio_streams:anyio_socketpair",
    )


# name -> (executor maker, MODULE:ATTR of the factory, for reproducers)
ADAPTERS: dict[str, Callable[[], tuple[Callable[[], Executor], str]]] = {
    "fallback": _fallback,
    "asyncio": _asyncio,
    "trio": _trio,
    "gevent": _gevent,
    "eventlet": _eventlet,
    "anyio": _anyio,
}
