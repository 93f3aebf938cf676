"""SOCK_STREAM: bytes in order, coalescing allowed, MSG_WAITALL, peeking, zero-length I/O."""

from ..engine.scenario import scenarios, trap
from ..ops.composite import burst_then_read, peek_then_read
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from ..spec.protocol import op
from . import register

# The catalog's traps, on every run: G1 (a peek, through recv and recvmsg, leaves
# the bytes), C1 (sends coalesce), C6 (a zero-length recvmsg on an empty queue is
# EAGAIN, a zero-length read(2) is 0), C4 (no MSG_TRUNC on a stream), C11.
TRAPS = (
    trap(
        "stream",
        "nonblock",
        op("send", end=0, data=b"hello".hex()),
        op("send", end=0, data=b"world".hex()),
        op("recv", end=1, size=3, flags="peek", via="recv", method="recv"),
        op("recv", end=1, size=4, flags="peek,trunc"),
        op("recv", end=1, size=64),
        op("recv", end=1, size=0),
        op("recv", end=1, size=0, via="read"),
    ),
    # C11: a blocking send that fits completes in full (no short count), by send and sendmsg
    trap(
        "stream",
        "",
        op("send", end=0, data=(b"x" * 6000).hex(), via="send", method="send"),
        op("send", end=0, data=(b"y" * 3000).hex() + "," + (b"z" * 3000).hex()),
        op("recv", end=1, size=65536, flags="dontwait"),
    ),
)

register(
    "stream.bytes_in_order",
    "stream",
    "B1 B3 B10 C1 C2 C3 C4 C5 C6 C7 C11 C12 C14 G1 G2 G4 G5 G6",
    scenarios(
        {
            "send": sends,
            "send2": sends,
            "recv": recvs,
            "recv2": recvs,
            "poll": lambda r: polls(),
            "peek": peek_then_read,
            "burst": burst_then_read,
        },
        types=("stream",),
        max_steps=14,
    ),
    "stream peek",
    "Bytes arrive in order and unchanged, however they are chunked; MSG_TRUNC is never reported.",
    TRAPS,
)
