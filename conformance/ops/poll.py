"""``poll``: one poll(2) with timeout 0; what readiness an end reports."""

from __future__ import annotations

import select
from typing import Optional

from hypothesis import strategies as st

from ..spec import names
from ..spec.protocol import Capabilities, Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Context, Operation, PythonSide, always, register
from .recv import unbalanced

POLL_BITS = {
    "in": select.POLLIN,
    "pri": select.POLLPRI,
    "out": select.POLLOUT,
    "err": select.POLLERR,
    "hup": select.POLLHUP,
    "rdhup": getattr(select, "POLLRDHUP", 0x2000),
    "nval": select.POLLNVAL,
}


def polls() -> st.SearchStrategy[Op]:
    return st.builds(lambda e: op("poll", end=e, events="in,out,rdhup"), ENDS)


class Poll(Operation):
    verb = "poll"
    rows = ("N1", "N3", "N4", "N5")
    attribution = (
        ("N3", lambda w: not w.stream),
        ("N4", lambda w: w.stream),
        ("N1", always),
        ("N5", always),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return polls()

    # readiness may differ because the queue does (a peek that consumed leaves no "in")
    queue_fields = frozenset({"revents"})

    def witnesses(self, step: Op, declared: Capabilities) -> list[Op]:
        """A peek at the same end sees the queue without changing it: if it agrees
        with Linux, the readiness poll reports is poll's own deviation."""
        return [op("recv", end=step.get("end", "0"), size=1, flags="peek,dontwait")]

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        poller = select.poll()
        poller.register(ex.end(op).fileno(), names.lookup_set(POLL_BITS, op.get("events")))
        events = poller.poll(0)
        return ok(revents=names.name_set(POLL_BITS, events[0][1] if events else 0))

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        if ref.status == iut.status == "ok" and unbalanced(ctx, op.get("end")):
            # readable-or-not depends on how much each side has read so far (a stream's chunking)
            def strip(revents: str) -> str:
                return ",".join(b for b in revents.split(",") if b != "in")

            return None if strip(ref.get("revents")) == strip(iut.get("revents")) else "revents differ"
        return super().compare(ctx, op, ref, iut)

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        return "blocked" not in (ref.status, iut.status) and iut.status != "raised"  # it only looks

    def c_lines(self, n: int, op: Op) -> list[str]:
        events = names.lookup_set(POLL_BITS, op.get("events"))
        return [
            f"struct pollfd p = {{ ends[{op.get('end', '0')}], {events}, 0 }};",
            f'if (poll(&p, 1, 0) < 0) fail({n}, "poll");'
            f' else printf("{n} poll: ok revents=0x%x\\n", (unsigned)p.revents);',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        events, end = names.lookup_set(POLL_BITS, op.get("events")), f"end({op.get('end', '0')})"
        return [
            f"show({n}, 'poll', lambda: (lambda p: (p.register({end}.fileno(), {events}), 'revents=0x%x' % "
            f"dict(p.poll(0)).get({end}.fileno(), 0))[1])(select.poll()))"
        ]


register(Poll())
