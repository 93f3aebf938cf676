"""SOCK_STREAM: bytes in order, coalescing allowed, MSG_WAITALL, peeking, zero-length I/O."""

from ..engine.scenario import scenarios
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from . import register

register(
    "stream.bytes_in_order",
    "stream",
    "B1 B3 B10 C1 C2 C3 C4 C5 C6 C7 C12 C14 G1 G2 G4 G5 G6",
    scenarios(
        {"send": sends, "send2": sends, "recv": recvs, "recv2": recvs, "poll": lambda r: polls()},
        types=("stream",),
        max_steps=14,
    ),
    "stream peek",
    "Bytes arrive in order and unchanged, however they are chunked; MSG_TRUNC is never reported.",
)
