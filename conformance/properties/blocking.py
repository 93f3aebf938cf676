"""Blocking calls released by what happens after they began; full send buffers and what polls say of them."""

from hypothesis import strategies as st

from ..engine.scenario import phased_scenarios, trap
from ..ops.later import fills, laters
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.setsockopt import setsockopts_2
from ..spec.protocol import op
from . import register

# a call that waits for what happens later needs an end that waits: on a
# non-blocking pair it returns at once, before or after the actor, by chance
_BLOCKING = ("", "cloexec")

register(
    "blocking.released_later",
    "blocking",
    "G8 G12 C13 N5 H28",
    phased_scenarios(
        [
            ({"send": lambda r: sends(r, big=False), "fill": lambda r: fills()}, 0, 2),
            ({"later": laters}, 1, 2),
            ({"recv": recvs, "poll": lambda r: polls(), "send": lambda r: sends(r, big=False)}, 0, 3),
        ],
        flags=_BLOCKING,
    ),
    "later fill",
    "A waiting receive returns what a later send brings (descriptors from another thread too); a send "
    "blocked on a full buffer returns what it moved, or fails, when the peer closes, and EINTR when a "
    "signal interrupts it before anything moved; a waiting poll wakes on shutdown with Linux's revents.",
    traps=(
        trap("stream", "", op("later", end=0, call="recv", size=4, then="send")),
        trap("stream", "", op("fill", end=0, size=65536), op("later", end=0, call="send", size=100, then="signal")),
        trap("stream", "", op("later", end=0, call="send", size=300000, then="close")),
        trap("dgram", "", op("later", end=0, call="poll", events="rdhup", then="shutdown", how="rdwr", by="own")),
    ),
)

_SIZES = ("sndbuf", "rcvbuf", "sndtimeo")

register(
    "blocking.full_buffers",
    "blocking",
    "N6 N7 L4 G11",
    phased_scenarios(
        [
            ({"size": lambda r: setsockopts_2(_SIZES)}, 0, 2),
            ({"fill": lambda r: fills()}, 1, 1),
            (
                {
                    "poll": lambda r: polls(),
                    "recv": recvs,
                    "send": lambda r: sends(r, big=False),
                    "size": lambda r: setsockopts_2(_SIZES),
                    "wait": lambda r: st.builds(lambda e: op("send", end=e, data="61"), st.sampled_from([0, 1])),
                },
                1,
                8,
            ),
        ]
    ),
    "fill sockopt2",
    "A full buffer: datagram POLLOUT comes back only with capacity, stream POLLOUT only below a quarter "
    "of SO_SNDBUF; shrinking SO_SNDBUF below what is queued makes sends EAGAIN and growing it lets them "
    "through; with SO_SNDTIMEO a send to a full buffer fails EAGAIN when the timeout passes.",
    traps=(
        trap("dgram", "", op("fill", end=0, size=1024), op("poll", end=0, events="in,out,rdhup")),
        trap(
            "stream",
            "",
            op("fill", end=0, size=65536),
            op("recv", end=1, size=65536, flags="dontwait"),
            op("poll", end=0, events="in,out,rdhup"),
        ),
        trap(
            "stream",
            "",
            op("setsockopt", end=0, opt="sndtimeo", value="0.004000"),
            op("fill", end=0, size=65536),
            op("send", end=0, data="61"),
        ),
    ),
)
