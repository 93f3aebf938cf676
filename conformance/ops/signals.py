"""``signals``: which of SIGPIPE, SIGIO and SIGURG this process received since the
last look (catalog M8, N8; protocol version 2, capability ``signals``).

A driver counts them from start (handlers with SA_RESTART, so a counted signal
never turns a call into EINTR).  The in-process executor does the same while a
session runs, from the main thread only (Python runs signal handlers there), and
puts the process's own handlers back when the session ends.
"""

from __future__ import annotations

import signal
import threading
from typing import Any, Callable, Optional, Union

from hypothesis import strategies as st

from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import Operation, PythonSide, register

SIGNALS = {"pipe": signal.SIGPIPE, "io": signal.SIGIO, "urg": signal.SIGURG}
LOOK = op("signals")

Handler = Union[Callable[[int, Any], Any], int, signal.Handlers, None]


class Counter:
    """The in-process counters: installed by the first session, restored when the last one
    ends (a run may hold several executors at once: a confirmation runs on a fresh one)."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(SIGNALS, 0)
        self.saved: Optional[dict[str, Handler]] = None
        self.sessions = 0

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        self.sessions += 1
        if self.saved is not None:
            return
        self.saved = {name: signal.getsignal(number) for name, number in SIGNALS.items()}
        for name, number in SIGNALS.items():
            signal.signal(number, self._counter(name))
            signal.siginterrupt(number, False)
        self.counts = dict.fromkeys(SIGNALS, 0)

    def restore(self) -> None:
        if self.saved is None or threading.current_thread() is not threading.main_thread():
            return
        self.sessions -= 1
        if self.sessions > 0:
            return
        for name, handler in self.saved.items():
            signal.signal(SIGNALS[name], handler)
        self.saved = None

    def _counter(self, name: str) -> Callable[[int, Any], None]:
        def count(signum: int, frame: Any) -> None:
            self.counts[name] += 1

        return count

    def zero(self) -> None:
        self.counts = dict.fromkeys(SIGNALS, 0)

    def take(self) -> dict[str, int]:
        if self.saved is None:
            raise NotImplementedError("signals: counted only when the session runs in the main thread")
        counts, self.counts = self.counts, dict.fromkeys(SIGNALS, 0)
        return counts


COUNTER = Counter()


class Signals(Operation):
    verb = "signals"
    rows = ("M8", "N8")
    attribution = (("N8", lambda w: w.field in ("io", "urg")), ("M8", lambda w: True))

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return st.just(LOOK)

    def start_python(self, ex: PythonSide) -> None:
        COUNTER.install()

    def stop_python(self, ex: PythonSide) -> None:
        COUNTER.restore()

    def reset_python(self, ex: PythonSide) -> None:
        COUNTER.zero()  # as a driver's reset: what closing the ends raised is not counted

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        return ok(**COUNTER.take())

    def salient(self, op: Op, field: str) -> str:
        return field

    def c_lines(self, n: int, op: Op) -> list[str]:
        return [
            f'printf("{n} signals: ok pipe=%d io=%d urg=%d\\n",',
            "       (int)sig_counts[0], (int)sig_counts[1], (int)sig_counts[2]);",
            "sig_counts[0] = sig_counts[1] = sig_counts[2] = 0;",
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        return [
            f"print('{n} signals: ok ' + ' '.join('%s=%d' % kv for kv in signal_counts.items()))",
            "signal_counts.update(dict.fromkeys(signal_counts, 0))",
        ]


register(Signals())
