"""SCM_RIGHTS: which object arrives, in which order, with which flags, and what truncation does."""

from ..engine import scenario as s
from . import register

register(
    "fdpass.rights_identity_and_order",
    "fdpass",
    "H1 H2 H3 H5 H10 H12 H26 B13 H13 H14 H15 H17 H18 H19 H20 H21 H22 H23 H24 H25 H27 H29 B10",
    s.scenarios(
        {
            "send": lambda r: s.sends(r, fds=True, big=False),
            "send2": lambda r: s.sends(r, fds=True, big=False),
            "recv": lambda r: s.recvs(r, control=True),
            "recv2": lambda r: s.recvs(r, control=True),
            "exchange": s.exchanges,
        },
        max_steps=10,
    ),
    "stream dgram seqpacket scm_rights",
    "Received fds are new descriptors for the same open files, in order, without the sender's FD_CLOEXEC;"
    " control-buffer truncation delivers exactly what fits and leaks nothing.",
)
