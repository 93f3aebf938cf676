"""Edge-triggered epoll on a pair end: every new write is a new edge."""

from hypothesis import strategies as st

from ..engine.scenario import phased_scenarios, trap
from ..ops.epoll import WAIT, watches
from ..ops.recv import recvs
from ..ops.send import sends
from ..spec.protocol import op
from . import register

register(
    "polling.edges",
    "polling",
    "N2",
    phased_scenarios(
        [
            ({"watch": lambda r: watches()}, 1, 1),
            (
                {
                    "send": lambda r: sends(r, big=False),
                    "recv": recvs,
                    "wait": lambda r: st.just(WAIT),
                    "wait2": lambda r: st.just(WAIT),
                },
                2,
                8,
            ),
        ]
    ),
    "epoll",
    "With EPOLLET each new write is a new edge, also on an end that was readable already; "
    "a wait with nothing new reports nothing.",
    traps=tuple(
        trap(
            t,
            "",
            op("epoll", call="add", end=1, events="in,et"),
            op("send", end=0, data="61"),
            WAIT,
            WAIT,
            op("send", end=0, data="62"),
            WAIT,
        )
        for t in ("stream", "dgram", "seqpacket")
    ),
)
