"""DGRAM and SEQPACKET: message boundaries, truncation, zero-length messages, EMSGSIZE."""

from ..engine.scenario import scenarios, trap
from ..ops.composite import burst_then_read, peek_then_read, truncating_read
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from ..spec.protocol import op
from . import register

# The catalog's traps, on every run: D7 (an empty datagram is a message), D1 (one
# message per read), D3 (MSG_TRUNC: the rest is gone, the full length told), D5, B3, G5.
_READ = op("recv", end=1, size=16, flags="dontwait")
TRAPS = (
    *(
        trap(
            kind,
            "nonblock",
            op("send", end=0, data=""),
            op("send", end=0, data=b"abcdef".hex()),
            op("send", end=0, data=b"gh".hex()),
            _READ,
            op("recv", end=1, size=2, flags="trunc,dontwait"),
            op("recv", end=1, size=0, flags="dontwait"),
            _READ,
        )
        for kind in ("dgram", "seqpacket")
    ),
    # B3: a scatter list is filled in order, the message spread over its buffers
    trap("dgram", "nonblock", op("send", end=0, data=b"abcdefgh".hex()), op("recv", end=1, size=8, iov="3,5")),
    # D9: a message just under the default SO_RCVBUF (212992) arrives whole; so does one
    # sent as a gather list of 40 pages
    *(
        trap(
            kind,
            "nonblock",
            op("send", end=0, data=(b"d" * 200_000).hex()),
            op("recv", end=1, size=262144, flags="dontwait"),
            op("send", end=0, data=",".join([(b"p" * 4096).hex()] * 40)),
            op("recv", end=1, size=262144, flags="dontwait"),
        )
        for kind in ("dgram", "seqpacket")
    ),
    # B9: msg_flags' output-only bits given as input are ignored, never echoed (an
    # implementation that echoed MSG_CTRUNC conformed on every property before: issue 29)
    *(
        trap(
            kind,
            "nonblock",
            op("send", end=0, data=b"ab".hex()),
            op("recv", end=1, size=8, flags="ctrunc,eor,dontwait"),
            op("recv", end=1, size=8, flags="ctrunc,dontwait"),
        )
        for kind in ("stream", "dgram", "seqpacket")
    ),
    # G5: MSG_DONTWAIT makes one receive on a blocking pair answer EAGAIN at once
    trap("dgram", "", op("recv", end=1, size=8, flags="dontwait"), op("recv", end=1, size=8, flags="peek,dontwait")),
)

register(
    "messages.boundaries_and_truncation",
    "messages",
    "B1 B3 B9 B10 D1 D2 D3 D4 D5 D6 D7 D8 D9 D10 G1 G2 G4 G5 G6 G7",
    scenarios(
        {
            "send": sends,
            "send2": sends,
            "recv": recvs,
            "recv2": recvs,
            "poll": lambda r: polls(),
            "peek": peek_then_read,
            "burst": burst_then_read,
            "short": truncating_read,
        },
        types=("dgram", "seqpacket"),
        max_steps=14,
    ),
    "dgram seqpacket peek trunc",
    "One send is one receive, in order; short buffers truncate with MSG_TRUNC; empty messages are real.",
    TRAPS,
)
