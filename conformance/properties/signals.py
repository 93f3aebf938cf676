"""Signals a pair raises: SIGPIPE for a stream only, SIGIO and SIGURG only to an owner."""

from hypothesis import strategies as st

from ..engine.scenario import phased_scenarios, trap
from ..ops.close import closes
from ..ops.ioctl import async_owner, ioctls
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.shutdown import shutdowns
from ..ops.signals import LOOK
from ..spec.protocol import op
from . import register

_LOOK = {"look": lambda r: st.just(LOOK)}

register(
    "signals.sigpipe_only_for_stream",
    "signals",
    "M8",
    phased_scenarios(
        [
            (_LOOK, 1, 1),
            (
                {"send": lambda r: sends(r, big=False), "shutdown": lambda r: shutdowns(), "close": lambda r: closes()},
                1,
                4,
            ),
            ({"send": lambda r: sends(r, big=False), "look": lambda r: st.just(LOOK)}, 1, 5),
            (_LOOK, 1, 1),
        ]
    ),
    "signals",
    "A send without MSG_NOSIGNAL to a closed or shut-down stream raises SIGPIPE (and fails EPIPE); "
    "datagram and seqpacket sends fail without a signal.",
    traps=tuple(
        trap(t, "", LOOK, op("close", end=1), op("send", end=0, data="61"), LOOK)
        for t in ("stream", "seqpacket", "dgram")
    ),
)

register(
    "signals.sigio_needs_an_owner",
    "signals",
    "N8",
    phased_scenarios(
        [
            (_LOOK, 1, 1),
            (
                {
                    "owner": lambda r: st.sampled_from([0, 1]).map(async_owner),
                    "async": lambda r: ioctls(("async", "getown")),
                },
                1,
                3,
            ),
            ({"send": lambda r: sends(r, big=False), "recv": recvs, "look": lambda r: st.just(LOOK)}, 1, 6),
            (_LOOK, 1, 1),
        ]
    ),
    "signals ioctl",
    "FIOASYNC with an owner (FIOSETOWN) raises SIGIO when data arrives; without an owner, nothing.",
    traps=(
        trap("seqpacket", "", LOOK, *async_owner(0), op("send", end=1, data="61"), LOOK),
        trap("seqpacket", "", LOOK, op("ioctl", end=0, req="async", value=1), op("send", end=1, data="61"), LOOK),
    ),
)
