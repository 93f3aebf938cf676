"""DGRAM and SEQPACKET: message boundaries, truncation, zero-length messages, EMSGSIZE."""

from ..engine.scenario import scenarios
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from . import register

register(
    "messages.boundaries_and_truncation",
    "messages",
    "B1 B3 B10 D1 D2 D3 D4 D5 D6 D7 D8 D10 G1 G2 G4 G5 G6 G7",
    scenarios(
        {"send": sends, "send2": sends, "recv": recvs, "recv2": recvs, "poll": lambda r: polls()},
        types=("dgram", "seqpacket"),
        max_steps=14,
    ),
    "dgram seqpacket peek trunc",
    "One send is one receive, in order; short buffers truncate with MSG_TRUNC; empty messages are real.",
)
