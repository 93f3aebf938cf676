"""Bounds on one step of a Python implementation: nothing it does may hang the run.

On the main thread the bound is a one-shot ``ITIMER_REAL`` whose SIGALRM
handler wakes the pair, which interrupts a blocked call for a few microseconds
per step; elsewhere a persistent helper thread runs the step and the caller
waits with a timeout.  Either way: at the bound the pair is woken (``wake``:
``shutdown()`` of both ends, and the library's own cancellation where an
adapter offers one) and the step is *blocked*; a step that waking cannot end
within WAKE_GRACE is *hung*.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Iterable
from typing import Any, Callable, Optional

from ..errors import ImplHung
from ..spec.protocol import BLOCKED, Observation


def wake_ends(ends: Iterable[Any]) -> None:
    """End whatever the pair's ends are blocked in: ``shutdown()`` for real socket
    calls, and the adapter's ``cancel_blocking_call()`` for an event loop waiting
    for readiness that shutdown() never signals (a DGRAM socket's own SHUT_RD).
    May run in a signal handler."""
    for sock in ends:
        if sock is None:
            continue
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except Exception:  # already closed or not connected: nothing to wake
            pass
        cancel = getattr(sock, "cancel_blocking_call", None)
        if cancel is not None:
            cancel()


COMPLETES_WITHIN = 1.0  # seconds a step Linux completed may take here (local socket calls take microseconds)
WAKE_GRACE = 1.0  # seconds a woken step may take to return before it counts as hung


class _StepTimeout(Exception):
    pass


def with_alarm(call: Callable[[], Observation], bound: float, wake: Callable[[], None]) -> Observation:
    """Run ``call`` on the main thread, bounded the way a driver bounds a step.

    At ``bound`` the pair is woken (``shutdown`` of both ends) from the signal
    handler; a call stuck in a real socket call then returns and the step is
    *blocked*, a deviation the comparator reports.  A call that shutdown cannot
    wake (a lock, a sleep, a loop) is interrupted WAKE_GRACE later and the
    implementation is *hung*.
    """
    state = {"armed": True, "woken": False}

    def on_alarm(signum: int, frame: object) -> None:
        if not state["armed"]:  # never raise once the call has returned
            return
        if not state["woken"]:
            state["woken"] = True
            wake()
            signal.setitimer(signal.ITIMER_REAL, WAKE_GRACE)
            return
        raise _StepTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, bound)
    try:
        result = call()
        state["armed"] = False
        return BLOCKED if state["woken"] else result
    except _StepTimeout:
        raise ImplHung(f"a step blocked for {bound:g}s and shutdown() did not wake it within {WAKE_GRACE:g}s") from None
    except Exception:
        if state["woken"]:  # whatever the woken call raised (EPIPE, ...) is an artefact of waking it
            return BLOCKED
        raise
    finally:
        state["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Worker:
    """One persistent helper thread for steps that may block (cheap hand-off)."""

    def __init__(self) -> None:
        self._job: Optional[Callable[[], Observation]] = None
        self._result: Any = None
        self._ready, self._done = threading.Event(), threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="socketpair-conformance-worker", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while True:
            self._ready.wait()
            self._ready.clear()
            if self._stopping:
                return
            assert self._job is not None
            try:
                self._result = self._job()
            except BaseException as exc:  # handed back to the caller
                self._result = exc
            self._done.set()

    def run(self, job: Callable[[], Observation], bound: float, wake: Callable[[], None]) -> Observation:
        self._job, self._result = job, None
        self._done.clear()
        self._ready.set()
        if not self._done.wait(bound):
            wake()
            if not self._done.wait(WAKE_GRACE):
                raise ImplHung(f"a step blocked for {bound:g}s and shutdown() did not wake it within {WAKE_GRACE:g}s")
            return BLOCKED
        if isinstance(self._result, BaseException):
            raise self._result
        result: Observation = self._result
        return result

    def stop(self) -> None:
        self._stopping = True
        self._ready.set()
        self._thread.join(1.0)
