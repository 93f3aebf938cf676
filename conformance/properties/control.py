"""Malformed control messages: partial descriptors and credentials, unknown types, other levels."""

from hypothesis import strategies as st

from ..engine.scenario import scenarios, trap
from ..ops.base import ENDS
from ..ops.obj import FD_NAMES
from ..ops.recv import recvs
from ..spec.protocol import Op, op
from . import register

# SCM_RIGHTS cut short (3 bytes: no fd; 7: one fd and a partial int), SCM_CREDENTIALS
# of the wrong length, an unknown SOL_SOCKET type, a message at another level
# the byte count stays below a whole int past the names: a padding int would be a number
# that is an open descriptor in one process and not in another
_ANC = st.one_of(
    st.lists(st.sampled_from(FD_NAMES), min_size=1, max_size=2).flatmap(
        lambda names: st.integers(0, 4 * len(names) + 3).map(lambda n: f"rightsbytes:{n}:{','.join(names)}")
    ),
    st.sampled_from(["credsbytes:0", "credsbytes:11", "credsbytes:12", "credsbytes:16"]),
    st.sampled_from(["raw:1:99:00000000", "raw:6:1:01000000", "raw:0:1:01000000", "raw:1:2:"]),
)


def malformed_sends() -> st.SearchStrategy[Op]:
    return st.builds(
        lambda e, anc, data: op("send", end=e, data=data, anc=anc, flags="dontwait"),
        ENDS,
        _ANC,
        st.sampled_from(["61", "616263", ""]),
    )


register(
    "control.malformed_messages",
    "control",
    "H9 H11 I8",
    scenarios(
        {"send": lambda r: malformed_sends(), "recv": lambda r: recvs(r, control=True)},
        max_steps=8,
    ),
    "scm_rights cmsg_bytes",
    "A partial int in SCM_RIGHTS is ignored, SCM_CREDENTIALS of the wrong length is EINVAL, an "
    "unknown SOL_SOCKET type is EINVAL, a message at another level is ignored.",
    traps=(
        trap(
            "dgram",
            "",
            op("send", end=0, data="61", anc="rightsbytes:7:f"),
            op("recv", end=1, size=4, ctrl=64, flags="dontwait"),
        ),
        trap("stream", "", op("send", end=0, data="61", anc="credsbytes:11")),
    ),
)
