"""Non-blocking ends: EAGAIN instead of blocking, short counts when the buffer fills."""

from ..engine.scenario import scenarios
from ..ops.fdflags import fdflags
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from . import register

register(
    "nonblocking.eagain_and_short_writes",
    "nonblocking",
    "A10 G4 C12 D11 L1",
    scenarios(
        {
            "send": sends,  # big payloads fill the buffer: short counts, then EAGAIN
            "send2": sends,
            "recv": recvs,
            "flags": lambda r: fdflags(),
            "poll": lambda r: polls(),
        },
        flags=("nonblock", "nonblock,cloexec"),
        max_steps=12,
    ),
    "stream dgram seqpacket nonblock",
    "SOCK_NONBLOCK ends never block: an empty queue is EAGAIN, a full buffer a short count then EAGAIN.",
)
