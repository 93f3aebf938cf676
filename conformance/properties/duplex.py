"""Full duplex: both ends send and receive at once, volumes beyond the socket buffer."""

from ..engine.scenario import scenarios, trap
from ..ops.duplex import duplexes
from ..ops.recv import recvs
from ..ops.send import sends
from ..spec.protocol import op
from . import register

# The trap, on every run: messages both ways at once keep their boundaries on
# the message types (D1, D10) and arrive whole on a stream (C1, C2).
TRAPS = tuple(
    trap(kind, "", op("duplex", sizes0="100,2000,3", sizes1="70000,1,4096,0", seed=7))
    for kind in ("seqpacket", "dgram", "stream")
)

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
    TRAPS,
)
