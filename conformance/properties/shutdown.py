"""shutdown() and close(): EOF, EPIPE, ECONNRESET, ECONNREFUSED/ENOTCONN, and what poll() says."""

from hypothesis import strategies as st

from ..engine.scenario import StepMaker, phased_scenarios, trap
from ..ops.close import closes
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.shutdown import shutdowns
from ..spec.protocol import Op, op
from ..spec.semantics import TypeRules
from . import register


def close_then_use(rules: TypeRules) -> st.SearchStrategy[tuple[Op, ...]]:
    """One end closes, the survivor sends and receives at once: where the first
    error differs from the next (E2: ECONNREFUSED once, then ENOTCONN; C10, E4)."""

    def build(close: Op, send: Op, recv: Op) -> tuple[Op, ...]:
        survivor = str(1 - int(close.get("end")))
        return close, _at(send, survivor), _at(recv, survivor)

    return st.builds(build, closes(), sends(rules, big=False), recvs(rules))


def _at(step: Op, end: str) -> Op:
    return Op(step.verb, tuple((k, end if k == "end" else v) for k, v in step.args))


_TRAFFIC = {"send": lambda r: sends(r, big=False), "recv": recvs}
_EVENT: dict[str, StepMaker] = {
    "shutdown": lambda r: shutdowns(),
    "close": lambda r: closes(),
    "close_then_use": close_then_use,
    "close_then_use2": close_then_use,  # twice as likely: E2's first error is only seen right after the close
}
_AFTER = {
    "send": lambda r: sends(r, big=False),
    "recv": recvs,
    "poll": lambda r: polls(),
    "event": lambda r: shutdowns(),
}

# The catalog's traps, on every run: E2 (a datagram's first send to a closed
# peer is ECONNREFUSED, the next ENOTCONN), C10 (a stream drains what is queued
# for it, then ECONNRESET once, then EOF), E4 (seqpacket: ECONNRESET first), M3.
_DRAINED = op("recv", end=0, size=8, flags="dontwait")
TRAPS = (
    trap("dgram", "", op("close", end=1), op("send", end=0, data="61"), op("send", end=0, data="62", via="send")),
    trap(
        "stream",
        "",
        op("send", end=0, data="61"),
        op("send", end=1, data="62"),
        op("close", end=1),
        _DRAINED,
        _DRAINED,
        _DRAINED,
    ),
    trap(
        "seqpacket",
        "",
        op("send", end=0, data="61"),
        op("send", end=1, data="62"),
        op("close", end=1),
        _DRAINED,
        _DRAINED,
    ),
    trap("stream", "", op("shutdown", end=0, how="wr"), op("send", end=0, data="61", flags="nosignal")),
    # M2 on each type: after its own SHUT_RD an end still reads what was queued, then 0 at once
    # (EAGAIN on a non-blocking datagram end); the peer's send is EPIPE, its own still goes.
    # Generated rarely enough that a library spinning in that recv went unseen (issue 29).
    *(
        trap(
            t,
            flags,
            op("send", end=1, data="61"),
            op("shutdown", end=0, how="rd"),
            op("send", end=1, data="62", flags="nosignal"),
            op("send", end=0, data="63", flags="nosignal"),
            op("recv", end=0, size=8),
            op("recv", end=0, size=8),
        )
        for t, flags in (("stream", ""), ("seqpacket", ""), ("dgram", ""), ("dgram", "nonblock"))
    ),
)

register(
    "shutdown.eof_and_error_ordering",
    "shutdown",
    "C8 C9 C10 E1 E2 E3 E4 E5 M1 M2 M3 M4 M5 M6 M7 N1 N3 N4 B11",
    phased_scenarios([(_TRAFFIC, 0, 4), (_EVENT, 1, 2), (_AFTER, 1, 8)]),
    "stream dgram seqpacket shutdown poll",
    "After shutdown or close each type reports EOF, EPIPE, ECONNRESET or ECONNREFUSED in Linux's order.",
    TRAPS,
)
