"""shutdown() and close(): EOF, EPIPE, ECONNRESET, ECONNREFUSED/ENOTCONN, and what poll() says."""

from ..engine import scenario as s
from . import register

_TRAFFIC = {"send": lambda r: s.sends(r, big=False), "recv": s.recvs}
_EVENT = {"shutdown": lambda r: s.shutdowns(), "close": lambda r: s.closes()}
_AFTER = {
    "send": lambda r: s.sends(r, big=False),
    "recv": s.recvs,
    "poll": lambda r: s.polls(),
    "event": lambda r: s.shutdowns(),
}

register(
    "shutdown.eof_and_error_ordering",
    "shutdown",
    "C8 C9 C10 E1 E2 E3 E4 E5 M1 M2 M3 M4 M5 M6 M7 N1 N3 N4 B11",
    s.phased_scenarios([(_TRAFFIC, 0, 4), (_EVENT, 1, 2), (_AFTER, 1, 8)]),
    "stream dgram seqpacket shutdown poll",
    "After shutdown or close each type reports EOF, EPIPE, ECONNRESET or ECONNREFUSED in Linux's order.",
)
