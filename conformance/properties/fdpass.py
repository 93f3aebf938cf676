"""SCM_RIGHTS: which object arrives, in which order, with which flags, and what truncation does."""

import socket

from hypothesis import strategies as st

from ..engine.scenario import scenarios
from ..ops.base import ENDS, flag_sets, weighted
from ..ops.recv import recvs
from ..ops.send import rights, sends
from ..spec.protocol import Op, op
from ..spec.semantics import TypeRules
from . import register


def exchanges(rules: TypeRules) -> st.SearchStrategy[tuple[Op, ...]]:
    """A send carrying fds and, on the other end, a receive with room for them:
    the round trip whose result says which object arrived.  Independent sends
    and receives rarely line up (wrong end, wrong order, a bare header for a
    control buffer), so fd identity would be checked in few examples."""
    room = st.sampled_from([socket.CMSG_SPACE(4 * k) for k in (1, 2, 4)] + [4096])

    def build(end: int, data: bytes, anc: str, ctrl: int, size: int, flags: str, child: bool) -> tuple[Op, ...]:
        sent = op("send", end=end, data=data.hex(), anc=anc)
        where = "child" if child else None
        return sent, op("recv", end=1 - end, size=size, ctrl=ctrl, flags=flags, **{"in": where})

    return st.builds(
        build,
        ENDS,
        weighted((4, st.binary(min_size=1, max_size=16)), (1, st.just(b""))),  # H22: a stream drops fds without data
        rights(),
        room,
        st.sampled_from([1, 16, 64, 4096]),
        flag_sets(tuple(f for f in rules.recv_flags if f != "waitall"), usually="dontwait"),
        st.sampled_from([True, False, False, False]),
    )


register(
    "fdpass.rights_identity_and_order",
    "fdpass",
    "H1 H2 H3 H5 H10 H12 H26 B13 H13 H14 H15 H17 H18 H19 H20 H21 H22 H23 H24 H25 H27 H29 B10",
    scenarios(
        {
            "send": lambda r: sends(r, fds=True, big=False),
            "send2": lambda r: sends(r, fds=True, big=False),
            "recv": lambda r: recvs(r, control=True),
            "recv2": lambda r: recvs(r, control=True),
            "exchange": exchanges,
        },
        max_steps=10,
    ),
    "stream dgram seqpacket scm_rights",
    "Received fds are new descriptors for the same open files, in order, without the sender's FD_CLOEXEC;"
    " control-buffer truncation delivers exactly what fits and leaks nothing.",
)
