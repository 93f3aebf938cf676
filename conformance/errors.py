"""Errors that end a run with exit status 2: the set-up, not the implementation, is wrong.

Each message names the problem and the fix in one line, because it is what a
newcomer sees instead of a traceback.
"""

import threading


class SetupError(Exception):
    """Bad input or environment: unknown --impl, missing compiler, bad report..."""


# Set by the CLI's SIGINT handler; long waits and every example check it (see __main__).
INTERRUPTED = threading.Event()


class ImplCrashed(Exception):
    """The implementation's process died or closed its output."""


class ImplHung(Exception):
    """The implementation did not answer within the bound."""


class StepCancelled(Exception):
    """An adapter cancelled, the library's own way, a call that outlived its step's bound."""
