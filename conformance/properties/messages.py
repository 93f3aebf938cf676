"""DGRAM and SEQPACKET: message boundaries, truncation, zero-length messages, EMSGSIZE."""

from ..engine import scenario as s
from . import register

register(
    "messages.boundaries_and_truncation",
    "messages",
    "B1 B3 B10 D1 D2 D3 D4 D5 D6 D7 D8 D10 G1 G2 G4 G5 G6 G7",
    s.scenarios(
        {"send": s.sends, "send2": s.sends, "recv": s.recvs, "recv2": s.recvs, "poll": lambda r: s.polls()},
        types=("dgram", "seqpacket"),
        max_steps=14,
    ),
    "dgram seqpacket peek trunc",
    "One send is one receive, in order; short buffers truncate with MSG_TRUNC; empty messages are real.",
)
