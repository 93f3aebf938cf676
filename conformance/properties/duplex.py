"""Full duplex: both ends send and receive at once, volumes beyond the socket buffer."""

from ..engine import scenario as s
from . import register

register(
    "duplex.both_directions_at_once",
    "duplex",
    "B1 C1 C2 C11 D1 D10",
    s.scenarios(
        {"duplex": s.duplexes, "duplex2": s.duplexes, "recv": s.recvs, "send": lambda r: s.sends(r, big=False)},
        max_steps=4,
    ),
    "stream dgram seqpacket duplex",
    "Four threads per side push megabytes both ways; each direction arrives whole, in order, independently.",
)
