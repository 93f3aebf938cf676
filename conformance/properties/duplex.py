"""Full duplex: both ends send and receive at once, volumes beyond the socket buffer."""

from ..engine.scenario import scenarios
from ..ops.duplex import duplexes
from ..ops.recv import recvs
from ..ops.send import sends
from . import register

register(
    "duplex.both_directions_at_once",
    "duplex",
    "B1 C1 C2 C11 D1 D10",
    scenarios(
        {"duplex": duplexes, "duplex2": duplexes, "recv": recvs, "send": lambda r: sends(r, big=False)},
        max_steps=4,
    ),
    "stream dgram seqpacket duplex",
    "Four threads per side push megabytes both ways; each direction arrives whole, in order, independently.",
)
