"""Non-blocking ends: EAGAIN instead of blocking, short counts when the buffer fills."""

from ..engine import scenario as s
from . import register

register(
    "nonblocking.eagain_and_short_writes",
    "nonblocking",
    "A10 G4 C12 D11 L1",
    s.scenarios(
        {
            "send": s.sends,  # big payloads fill the buffer: short counts, then EAGAIN
            "send2": s.sends,
            "recv": s.recvs,
            "flags": lambda r: s.fdflags(),
            "poll": lambda r: s.polls(),
        },
        flags=("nonblock", "nonblock,cloexec"),
        max_steps=12,
    ),
    "stream dgram seqpacket nonblock",
    "SOCK_NONBLOCK ends never block: an empty queue is EAGAIN, a full buffer a short count then EAGAIN.",
)
