"""Errors that end a run with exit status 2: the set-up, not the implementation, is wrong.

Each message names the problem and the fix in one line, because it is what a
newcomer sees instead of a traceback.
"""

import os
import signal
import threading
from typing import Callable, Optional


class SetupError(Exception):
    """Bad input or environment: unknown --impl, missing compiler, bad report..."""


# Set by the CLI's SIGINT handler; long waits and every example check it (see cli.py).
INTERRUPTED = threading.Event()


# Tests only: a terminal's Ctrl-C delivered at exactly this phase of a run, instead of
# after a guessed delay (tests/test_hygiene.py interrupts each phase in turn).
INTERRUPT_AT_ENV = "SOCKETPAIR_CONFORMANCE_INTERRUPT_AT"
PHASES = ("startup", "build", "start", "hunt", "deviation", "report")
_FIRED: set[str] = set()


def checkpoint(phase: str) -> None:
    """Where ``phase`` begins; if the environment asks for a Ctrl-C there, send it (once),
    to the whole process group as a terminal would, drivers and make included."""
    if os.environ.get(INTERRUPT_AT_ENV) == phase and phase not in _FIRED:
        _FIRED.add(phase)
        os.killpg(os.getpgrp(), signal.SIGINT)


_HEARTBEAT: list[Callable[[], None]] = []


def heartbeat() -> None:
    """A step is about to run: tells a supervising process (runs.py) that this one still
    comes back to the suite between steps (a no-op unless one listens)."""
    for beat in _HEARTBEAT:
        beat()


def listen_for_heartbeats(beat: Callable[[], None]) -> None:
    _HEARTBEAT[:] = [beat]


# Errors no socket method raises: where one starts in the suite's own code (the
# innermost frame is in this package, not in an implementation or an adapter), the
# suite is wrong, and saying "the implementation raised" would blame the wrong party.
SUITE_ERRORS = (NameError, KeyError, IndexError, ImportError, AssertionError, ZeroDivisionError)
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_ADAPTERS = os.path.join(_PACKAGE, "impl", "adapters")


def started_in_suite(exc: BaseException) -> Optional[str]:
    """``FILE:LINE`` (under the package) where ``exc`` started, if that is the suite's own code
    and not an adapter (an adapter is the implementation's glue); None otherwise."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = os.path.abspath(tb.tb_frame.f_code.co_filename) if tb is not None else ""
    if tb is None or not where.startswith(_PACKAGE + os.sep) or where.startswith(_ADAPTERS + os.sep):
        return None
    return f"{os.path.relpath(where, _PACKAGE)}:{tb.tb_lineno}"


def suite_bug_at(exc: BaseException) -> Optional[str]:
    """Where ``exc`` shows a bug in the suite (one of SUITE_ERRORS, started in its code), or None."""
    return started_in_suite(exc) if isinstance(exc, SUITE_ERRORS) else None


def caused_by_interrupt(exc: BaseException) -> bool:
    """Did a Ctrl-C cause this?  Python sometimes wraps the KeyboardInterrupt
    (an import's ``__set_name__`` turns it into a RuntimeError), and a child
    process that got the same SIGINT makes whatever waited for it fail."""
    seen: set[int] = set()
    cause: Optional[BaseException] = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return INTERRUPTED.is_set()


class SuiteBug(BaseException):
    """The suite's own code failed while running a step: never the implementation's deviation.

    A BaseException, like KeyboardInterrupt, so that hypothesis neither shrinks it nor
    counts it as a failing example: it ends the run at once (exit status 3)."""


class ImplCrashed(Exception):
    """The implementation's process died or closed its output."""


class ImplHung(Exception):
    """The implementation did not answer within the bound."""


class StepCancelled(Exception):
    """An adapter cancelled, the library's own way, a call that outlived its step's bound."""
