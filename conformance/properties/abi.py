"""What only a C caller can do wrong: bad pointers, lying lengths, garbage in msg_flags."""

from hypothesis import strategies as st

from ..engine.scenario import scenarios, trap
from ..ops.addr import negative_length
from ..ops.base import ENDS
from ..ops.msghdr import bad_pair_pointer, lying_control, received_header
from ..ops.recv import recvs
from ..ops.send import sends
from ..spec.protocol import op
from . import register

register(
    "abi.caller_memory_and_headers",
    "abi",
    "A8 B4 B6 B7 B8 B9 H6 H7 H8 K2",
    scenarios(
        {
            "header": lambda r: received_header(),
            "control": lambda r: lying_control(),
            "pair": lambda r: bad_pair_pointer(),
            "name": lambda r: negative_length(),
            "family": lambda r: st.builds(
                lambda e, c: op("addr", end=e, call=c, addr="badfamily"), ENDS, st.sampled_from(["bind", "connect"])
            ),
            "send": lambda r: sends(r, big=False),
            "recv": lambda r: recvs(r, control=True),
        },
        max_steps=10,
    ),
    "abi",
    "Bad user memory is EFAULT; a successful recvmsg overwrites msg_flags and a failed one leaves it; "
    "iov_len is not rewritten; MSG_CTRUNC as input does nothing; a cmsg_len below a header or past "
    "msg_controllen is EINVAL and a msg_controllen below a header sends no control data.",
    traps=(
        trap(
            "stream",
            "",
            op("send", end=0, data="61"),
            op("msghdr", end=1, call="recvmsg", size=16, flags="dontwait", preset=169),
        ),
        trap("dgram", "", op("msghdr", end=1, call="recvmsg", size=16, flags="dontwait", preset=169)),
        trap(
            "dgram",
            "",
            op("msghdr", end=0, call="sendmsg", size=4, rights="f", cmsg_len=1),
            op("msghdr", end=0, call="sendmsg", size=4, rights="f", controllen=8),
            op("recv", end=1, size=8, ctrl=64, flags="dontwait"),
        ),
    ),
)
