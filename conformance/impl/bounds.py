"""Bounds on one step of a Python implementation: nothing it does may hang the run.

On the main thread the bound is a one-shot ``ITIMER_REAL`` whose SIGALRM
handler wakes the pair, which interrupts a blocked call for a few microseconds
per step; elsewhere a persistent helper thread runs the step and the caller
waits with a timeout.  Either way: at the bound the pair is woken (``wake``:
``shutdown()`` of both ends, and the library's own cancellation where an
adapter offers one) and the step is *blocked*.

The implementation's help is not needed to end a step (issue 29: a ``shutdown()``
that does nothing, or a library whose waits ignore it, cost whole properties as
*hung*).  A step that waking did not end within WAKE_GRACE is ended without it:
on the main thread the handler raises :class:`_StepTimeout` into the call (a
BaseException, so an implementation's ``except Exception`` cannot swallow it; a
blocked system call returns EINTR to run the handler), up to INTERRUPTS times;
a helper thread that does not come back is left behind and a fresh one takes the
next step.  Either way the step is *blocked* and the scenario ends there (the
pair's state is unknown); the next scenario makes a fresh pair.  *Hung* is left
for an implementation that cannot be recovered at all: one that swallows every
interrupt, or that has left ABANDONED_LIMIT threads stuck in this process.
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
# seconds a woken step may take to return before it is interrupted (main thread) or left behind
# (helper thread).  Not less: an interrupt can leave a library's own state behind (eventlet's hub
# kept the interrupted read's listener, and the next read on that descriptor number raised
# RuntimeError: a false finding at 0.1 s), while a woken call in a busy event loop can take most
# of a second
WAKE_GRACE = 1.0


INTERRUPTS = 3  # times the handler raises into a call that waking did not end
ABANDONED_LIMIT = 8  # threads left stuck in an implementation before it counts as unrecoverable
_abandoned = [0]


class _StepTimeout(BaseException):
    """Raised into a step that waking did not end: not an Exception, so that an
    implementation's own ``except Exception`` (a retry loop) does not swallow it."""


def abandon(what: str) -> None:
    """A thread of the implementation stays blocked after waking: leave it (a daemon) and
    go on, unless so many are stuck that the process is no place to go on in."""
    _abandoned[0] += 1
    if _abandoned[0] > ABANDONED_LIMIT:
        raise ImplHung(
            f"{_abandoned[0]} threads stay blocked after shutdown() and cancellation ({what}): the implementation"
            " cannot be recovered in this process"
        )


def with_alarm(
    call: Callable[[], Observation],
    bound: float,
    wake: Callable[[], None],
    interrupted: Callable[[], None] = lambda: None,
) -> Observation:
    """Run ``call`` on the main thread, bounded the way a driver bounds a step.

    At ``bound`` the pair is woken (``shutdown`` of both ends) from the signal
    handler; a call stuck in a real socket call then returns and the step is
    *blocked*, a deviation the comparator reports.  A call that shutdown cannot
    wake (a lock, a sleep, a loop, a ``shutdown()`` that does nothing) is
    interrupted WAKE_GRACE later and is *blocked* too (module docstring); one that
    swallows INTERRUPTS interrupts is *hung*.  ``interrupted`` is told when a step
    was ended that way (the library's own state may need rebuilding: pyexec.py).
    """
    state = {"armed": True, "woken": False, "raised": 0}

    def on_alarm(signum: int, frame: object) -> None:
        if not state["armed"]:  # never raise once the call has returned
            return
        if not state["woken"]:
            state["woken"] = True
            wake()
            signal.setitimer(signal.ITIMER_REAL, WAKE_GRACE)
            return
        state["raised"] += 1
        if state["raised"] < INTERRUPTS:  # again, should the implementation catch this one
            signal.setitimer(signal.ITIMER_REAL, WAKE_GRACE)
            raise _StepTimeout
        raise ImplHung(
            f"a step blocked for {bound:g}s, shutdown() did not wake it and it caught {INTERRUPTS} interrupts"
        )

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, bound)
    try:
        result = call()
        state["armed"] = False
        return BLOCKED if state["woken"] else result
    except _StepTimeout:  # ended without the implementation's help: blocked, and the scenario ends
        state["armed"] = False
        interrupted()
        return BLOCKED
    except ImplHung:
        raise
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
        self.stuck = False  # its thread never came back from a step: left behind (run)
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
        """The job's observation; *blocked* at the bound.  A job that waking did not end
        leaves this worker ``stuck``: its owner starts a fresh one (module docstring)."""
        self._job, self._result = job, None
        self._done.clear()
        self._ready.set()
        if not self._done.wait(bound):
            wake()
            if not self._done.wait(WAKE_GRACE):
                self.stuck = True
                abandon("a step's helper thread")
            return BLOCKED
        if isinstance(self._result, BaseException):
            raise self._result
        result: Observation = self._result
        return result

    def stop(self) -> None:
        self._stopping = True
        self._ready.set()
        if not self.stuck:
            self._thread.join(1.0)
