"""Adapters for green-thread libraries: gevent and eventlet.

Both offer a socket class with the standard library's method names whose
blocking calls switch to the library's hub (an event loop per OS thread)
instead of blocking the thread: ``gevent.socket.socketpair`` and
``eventlet.green.socket.socketpair``.  That *is* their API, so the ends are
the library's own sockets; the thin wrapper here only remembers which
greenlet is inside a call, so that a step past its bound can be cancelled the
library's way (an exception thrown into that greenlet from the hub, which is
what the libraries' own ``Timeout`` does).  Concurrency in ``duplex`` is the
library's greenlets and its ``select``: its sockets belong to the hub of the
thread that made them, so OS threads cannot share them.
"""

from __future__ import annotations

import functools
import importlib
import socket
import warnings
from typing import Any, Callable

from ...errors import ImplHung, SetupError, StepCancelled
from ...ops.duplex import Job
from ...ops.views import DATA_METHODS
from ..concurrency import select_ready


def require(library: str) -> Any:
    try:
        with warnings.catch_warnings():  # eventlet announces its deprecation on import
            warnings.simplefilter("ignore")
            return importlib.import_module(library)
    except ImportError:
        raise SetupError(
            f"{library}: the {library} library is not installed; pip install 'socketpair-conformance[{library}]'"
        ) from None


class GreenEnd:
    """One end: the library's socket, plus which greenlets are inside it."""

    def __init__(self, sock: Any, current: Callable[[], Any], schedule: Callable[[Callable[[], None]], None]):
        self._sock, self._current, self._schedule = sock, current, schedule
        self._inside: dict[Any, object] = {}  # greenlet -> the call it is in

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._sock, name)
        if name not in DATA_METHODS or name == "makefile":  # the library's own file object reads through it
            return attribute

        def call(*args: Any) -> Any:
            me, this_call = self._current(), object()
            self._inside[me] = this_call
            try:
                return attribute(*args)
            finally:
                del self._inside[me]

        return call

    def cancel_blocking_call(self) -> None:
        # Runs in a signal handler, possibly while the hub itself is running:
        # never switch from here, ask the hub to throw on its next iteration.
        for greenlet, that_call in list(self._inside.items()):
            self._schedule(functools.partial(self._throw, greenlet, that_call))

    def _throw(self, greenlet: Any, that_call: object) -> None:
        # only into the call that outlived its bound, never into a later one
        if self._inside.get(greenlet) is that_call:
            greenlet.throw(StepCancelled())


# -- gevent ---------------------------------------------------------------


def gevent_socketpair(
    family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
) -> tuple[GreenEnd, GreenEnd]:
    gevent = importlib.import_module("gevent")
    gsocket = importlib.import_module("gevent.socket")
    loop = gevent.get_hub().loop
    a, b = gsocket.socketpair(family, sock_type, proto)
    return (
        GreenEnd(a, gevent.getcurrent, loop.run_callback_threadsafe),
        GreenEnd(b, gevent.getcurrent, loop.run_callback_threadsafe),
    )


class GeventConcurrency:
    def run(self, jobs: list[Job], deadline: float, wake: Callable[[], None]) -> bool:
        gevent = importlib.import_module("gevent")
        greenlets = [gevent.spawn(job) for job in jobs]
        gevent.joinall(greenlets, timeout=deadline)
        if all(g.dead for g in greenlets):
            return True
        wake()
        gevent.joinall(greenlets, timeout=2.0)
        if not all(g.dead for g in greenlets):
            gevent.killall(greenlets, timeout=1.0)
            raise ImplHung("duplex greenlets could not be woken by shutdown() or cancellation")
        return False

    def wait_fd(self, fd: int, writable: bool, timeout: float) -> bool:
        return select_ready(importlib.import_module("gevent.select").select, fd, writable, timeout)


# -- eventlet -------------------------------------------------------------


def eventlet_socketpair(
    family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
) -> tuple[GreenEnd, GreenEnd]:
    greenlet = importlib.import_module("greenlet")
    hubs = importlib.import_module("eventlet.hubs")
    gsocket = importlib.import_module("eventlet.green.socket")
    hub = hubs.get_hub()

    def schedule(callback: Callable[[], None]) -> None:
        hub.schedule_call_global(0, callback)

    a, b = gsocket.socketpair(family, sock_type, proto)
    return GreenEnd(a, greenlet.getcurrent, schedule), GreenEnd(b, greenlet.getcurrent, schedule)


def _fresh_eventlet_hub() -> None:
    """After a call the suite had to interrupt (impl/bounds.py: eventlet's makefile reads are not
    cancellable here), the hub still holds that call's listener, and the next read on the same
    descriptor number raises RuntimeError: a fresh hub forgets it (eventlet.hubs.use_hub)."""
    importlib.import_module("eventlet.hubs").use_hub()


eventlet_socketpair.after_interrupt = _fresh_eventlet_hub  # type: ignore[attr-defined]


class EventletConcurrency:
    def run(self, jobs: list[Job], deadline: float, wake: Callable[[], None]) -> bool:
        eventlet = importlib.import_module("eventlet")
        threads = [eventlet.spawn(job) for job in jobs]

        def join(seconds: float) -> bool:
            with eventlet.Timeout(seconds, False):
                for thread in threads:
                    thread.wait()
                return True
            return False

        if join(deadline):
            return True
        wake()
        if not join(2.0):
            for thread in threads:
                thread.kill()
            raise ImplHung("duplex green threads could not be woken by shutdown() or cancellation")
        return False

    def wait_fd(self, fd: int, writable: bool, timeout: float) -> bool:
        return select_ready(importlib.import_module("eventlet.green.select").select, fd, writable, timeout)
