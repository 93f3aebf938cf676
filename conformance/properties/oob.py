"""Out-of-band data: the urgent byte of a stream, refused by datagram and seqpacket."""

from dataclasses import replace

from ..engine.scenario import scenarios, trap
from ..ops.ioctl import ioctls
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.setsockopt import setsockopts_2
from ..spec.protocol import op
from ..spec.semantics import TypeRules
from . import register


def _with_oob(rules: TypeRules) -> TypeRules:
    return replace(rules, send_flags=(*rules.send_flags, "oob"), recv_flags=(*rules.recv_flags, "oob"))


register(
    "oob.urgent_byte",
    "oob",
    "O3 O4",
    scenarios(
        {
            "send": lambda r: sends(_with_oob(r), big=False),
            "recv": lambda r: recvs(_with_oob(r)),
            "recv2": lambda r: recvs(_with_oob(r)),
            "mark": lambda r: ioctls(("atmark", "inq")),
            "poll": lambda r: polls(),
            "inline": lambda r: setsockopts_2(("oobinline",)),
        },
        max_steps=10,
    ),
    "oob sockopt2",
    "On a stream the last byte of a MSG_OOB send is the mark: recv(MSG_OOB) takes it, ordinary reads "
    "stop at it, a newer one supersedes it; datagram and seqpacket refuse MSG_OOB (EOPNOTSUPP).",
    traps=(
        trap(
            "stream",
            "",
            op("send", end=0, data="616263", flags="oob"),
            op("ioctl", end=1, req="atmark"),
            op("recv", end=1, size=8, flags="dontwait"),
            op("ioctl", end=1, req="atmark"),
            op("recv", end=1, size=8, flags="oob,dontwait"),
            op("recv", end=1, size=8, flags="oob,dontwait"),
        ),
        trap("dgram", "", op("send", end=0, data="61", flags="oob")),
        trap("seqpacket", "", op("recv", end=0, size=1, flags="oob,dontwait")),
    ),
)
