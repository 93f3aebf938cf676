"""Timeouts: SO_RCVTIMEO and SO_SNDTIMEO read back, refuse a bad tv_usec, and expire."""

from hypothesis import strategies as st

from ..engine.scenario import phased_scenarios, trap
from ..ops.getsockopt import getsockopts
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.setsockopt import setsockopts_2
from ..spec.protocol import Op, op
from ..spec.semantics import TypeRules
from . import register

_TIMEOUTS = ("rcvtimeo", "sndtimeo")


def waiting_recv(rules: TypeRules) -> st.SearchStrategy[Op]:
    """A receive that waits (no MSG_DONTWAIT): released by a timeout that expires
    before the driver's bound, or blocked."""
    return recvs(rules).map(lambda o: Op(o.verb, tuple((k, v) for k, v in o.args if k != "flags")))


def waiting_send(rules: TypeRules) -> st.SearchStrategy[Op]:
    return sends(rules).map(lambda o: Op(o.verb, tuple((k, v) for k, v in o.args if k != "flags")))


register(
    "timeouts.round_trip_and_expiry",
    "timeouts",
    "G9 G10",
    phased_scenarios(
        [
            ({"set": lambda r: setsockopts_2(_TIMEOUTS), "get": lambda r: getsockopts(_TIMEOUTS)}, 1, 4),
            (
                {
                    "send": lambda r: sends(r, big=False),
                    "wait_recv": waiting_recv,
                    "wait_send": waiting_send,
                    "get": lambda r: getsockopts(_TIMEOUTS),
                },
                1,
                5,
            ),
        ]
    ),
    "sockopt2",
    "Timeouts read back as set (to the tick), a tv_usec outside 0..999999 is EDOM, and a "
    "waiting receive or a send to a full buffer fails EAGAIN once the timeout passes.",
    traps=(
        trap(
            "stream",
            "",
            op("setsockopt", end=0, opt="rcvtimeo", value="0.004000"),
            op("getsockopt", end=0, opt="rcvtimeo"),
            op("recv", end=0, size=4),
        ),
        trap("dgram", "", op("setsockopt", end=0, opt="sndtimeo", value="0.1000000")),
        trap("seqpacket", "", op("setsockopt", end=0, opt="rcvtimeo", value="-1.000000"), op("recv", end=0, size=4)),
    ),
)
