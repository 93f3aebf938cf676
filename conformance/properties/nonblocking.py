"""Non-blocking ends: EAGAIN instead of blocking, short counts when the buffer fills, through every view."""

from ..engine.scenario import phased_scenarios, trap
from ..ops.duplex import PATTERN
from ..ops.fdflags import fdflags
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.views import DEFAULT_VIA, views_of
from ..spec.protocol import op
from . import register

# The catalog's trap, on every run, through every view of sending: more than a
# stream's buffer holds comes back short (C12); after a partial drain, again.
_BIG = (PATTERN * 1200)[:300000].hex()
TRAPS = tuple(
    trap(
        "stream",
        "nonblock",
        op("send", end=0, data=_BIG, via=None if v.via == DEFAULT_VIA["send"] else v.via, method=v.method),
        op("recv", end=1, size=65536),
        op("send", end=0, data=_BIG, via=None if v.via == DEFAULT_VIA["send"] else v.via, method=v.method),
    )
    for v in views_of("send")
    if v.via not in ("sendto", "splice", "sendmmsg")  # an address, 64 KiB, one message per piece
)

# Fill the buffer (big payloads: short counts, then EAGAIN), drain part of it,
# fill again: a send through any view (send, sendall, a makefile() writer,
# write, writev, splice, ...) then meets a buffer with some room but not enough.
_FILL = {"send": lambda r: sends(r, large_share=4, uniform=True)}
_DRAIN = {"recv": lambda r: recvs(r, uniform=True)}
_AFTER = {
    "send": lambda r: sends(r, uniform=True),
    "recv": lambda r: recvs(r, uniform=True),
    "flags": lambda r: fdflags(),
    "poll": lambda r: polls(),
}

register(
    "nonblocking.eagain_and_short_writes",
    "nonblocking",
    "A10 G4 C12 D11 L1 B2",
    phased_scenarios(
        [(_FILL, 1, 3), (_DRAIN, 1, 3), (_FILL, 1, 3), (_AFTER, 0, 6)],
        types=("stream", "stream", "dgram", "seqpacket"),  # short counts are a stream's (C12)
        flags=("nonblock", "nonblock,cloexec"),
    ),
    "stream dgram seqpacket nonblock",
    "SOCK_NONBLOCK ends never block: an empty queue is EAGAIN, a full buffer a short count then EAGAIN.",
    TRAPS,
)
