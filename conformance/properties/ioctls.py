"""ioctls on a pair end: queue sizes (SIOCINQ, SIOCOUTQ) and a netdevice ioctl."""

from ..engine.scenario import scenarios, trap
from ..ops.ioctl import ioctls
from ..ops.recv import recvs
from ..ops.send import sends
from ..spec.protocol import op
from . import register

_INQ = op("ioctl", end=1, req="inq")

register(
    "ioctls.queue_sizes",
    "ioctls",
    "D12 O1 O5",
    scenarios(
        {
            "send": lambda r: sends(r, big=False),
            "recv": recvs,
            "ioctl": lambda r: ioctls(),
            "inq": lambda r: ioctls(("inq",)),
        },
        max_steps=10,
    ),
    "ioctl",
    "SIOCINQ is what a read would get (a datagram's first message; a stream's or seqpacket's sum), "
    "SIOCOUTQ 0 on a fresh end, SIOCGIFINDEX answers for 'lo'.",
    traps=(
        # D12: two messages queued; a datagram end reports the first only
        trap("dgram", "", op("send", end=0, data="616263"), op("send", end=0, data="6465666768"), _INQ),
        trap("seqpacket", "", op("send", end=0, data="616263"), op("send", end=0, data="6465666768"), _INQ),
        trap("stream", "", op("ioctl", end=0, req="outq"), _INQ, op("send", end=0, data="6162"), _INQ),
    ),
)
