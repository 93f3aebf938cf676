"""shutdown() and close(): EOF, EPIPE, ECONNRESET, ECONNREFUSED/ENOTCONN, and what poll() says."""

from ..engine.scenario import phased_scenarios
from ..ops.close import closes
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.shutdown import shutdowns
from . import register

_TRAFFIC = {"send": lambda r: sends(r, big=False), "recv": recvs}
_EVENT = {"shutdown": lambda r: shutdowns(), "close": lambda r: closes()}
_AFTER = {
    "send": lambda r: sends(r, big=False),
    "recv": recvs,
    "poll": lambda r: polls(),
    "event": lambda r: shutdowns(),
}

register(
    "shutdown.eof_and_error_ordering",
    "shutdown",
    "C8 C9 C10 E1 E2 E3 E4 E5 M1 M2 M3 M4 M5 M6 M7 N1 N3 N4 B11",
    phased_scenarios([(_TRAFFIC, 0, 4), (_EVENT, 1, 2), (_AFTER, 1, 8)]),
    "stream dgram seqpacket shutdown poll",
    "After shutdown or close each type reports EOF, EPIPE, ECONNRESET or ECONNREFUSED in Linux's order.",
)
