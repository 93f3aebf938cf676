"""SCM_RIGHTS: which object arrives, in which order, with which flags, and what truncation does."""

from hypothesis import strategies as st

from ..engine.scenario import phased_scenarios, scenarios, trap
from ..ops.base import ENDS, flag_sets, weighted
from ..ops.inflight import inflights
from ..ops.recv import recvs
from ..ops.recv.strategy import recv_fds_room
from ..ops.send import rights, sends
from ..spec.protocol import Op, op
from ..spec.semantics import TypeRules
from . import register


def exchanges(rules: TypeRules) -> st.SearchStrategy[tuple[Op, ...]]:
    """A send carrying fds and, on the other end, a receive with room for them:
    the round trip whose result says which object arrived.  Independent sends
    and receives rarely line up (wrong end, wrong order, a bare header for a
    control buffer), so fd identity would be checked in few examples."""
    room = st.sampled_from(["len(fds1)", "space(fds2)", "space(fds4)", "4096"])  # spec/ctrl_units.py

    def build(
        end: int, data: bytes, anc: str, ctrl: str, size: int, flags: str, child: bool, method: str
    ) -> tuple[Op, ...]:
        sent = op("send", end=end, data=data.hex(), anc=anc)
        where = "child" if child else None
        if method == "recv_fds":  # the stdlib function: room for its maxfds, no flags (ops/views.py)
            ctrl, flags = recv_fds_room(4), ""
        received = op("recv", end=1 - end, size=size, ctrl=ctrl, flags=flags, method=method, **{"in": where})
        return sent, received

    return st.builds(
        build,
        ENDS,
        # H22 (a stream drops fds sent without data) is the behaviour implementations get wrong most
        weighted((3, st.binary(min_size=1, max_size=16)), (2, st.just(b""))),
        rights(),
        room,
        st.sampled_from([1, 16, 64, 4096]),
        flag_sets(tuple(f for f in rules.recv_flags if f != "waitall"), usually="dontwait"),
        st.sampled_from([True, False, False, False]),
        st.sampled_from(["recvmsg_into", "recvmsg_into", "recvmsg", "recvmsg", "recv_fds"]),  # Python's ways to get fds
    )


_ROOM = "space(fds4)"
# The catalog's traps, on every run: H22 (a stream drops fds sent without data,
# a datagram carries them), H2 order through each of Python's ways to receive
# fds, H13/H14 truncation (exactly what fits arrives, the rest is closed), H17
# (the sender's FD_CLOEXEC is not carried over), H12 (read() discards them).
TRAPS = (
    trap(
        "stream",
        "nonblock",
        op("send", end=0, data="", anc="rights:f,p.r"),
        op("recv", end=1, size=16, ctrl=_ROOM),
        op("send", end=0, data="61", anc="rights:g"),
        op("recv", end=1, size=16, ctrl=_ROOM),
    ),
    trap("dgram", "nonblock", op("send", end=0, data="", anc="rights:f,p.r"), op("recv", end=1, size=16, ctrl=_ROOM)),
    trap(
        "seqpacket",
        "nonblock",
        op("send", end=0, data="61", anc="rights:f,g,p.r"),
        op("recv", end=1, size=4, ctrl=_ROOM, method="recvmsg"),
        op("send", end=1, data="62", anc="rights:g,f,c"),
        op("recv", end=0, size=4, ctrl=recv_fds_room(4), method="recv_fds"),
        op("send", end=0, data="63", anc="rights:f,g,n"),
        op("recv", end=1, size=4, ctrl="len(fds1)"),
        op("send", end=0, data="64", anc="rights:f"),
        op("recv", end=1, size=4, via="read"),
    ),
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
    TRAPS,
)


def _numbered_recv(rules: TypeRules) -> st.SearchStrategy[Op]:
    """A receive that says whether the descriptors took the lowest free numbers (H4),
    sometimes with room for only a few more under RLIMIT_NOFILE, in a child (H16)."""
    return st.builds(
        lambda room, ctrl, child: op(
            "recv",
            end=1,
            size=8,
            ctrl=ctrl,
            flags="dontwait",
            fdnums=1,
            nofile=room,
            **{"in": "child" if child else None},
        ),
        st.sampled_from([None, None, 0, 1, 2]),
        st.sampled_from(["space(fds4)", "4096"]),
        st.booleans(),
    )


register(
    "fdpass.numbers_and_limits",
    "fdpass",
    "H4 H16",
    phased_scenarios(
        [
            ({"send": lambda r: sends(r, fds=True, big=False).map(lambda o: _from(o, 0))}, 1, 3),
            ({"recv": _numbered_recv}, 1, 3),
        ]
    ),
    "scm_rights fd_numbers",
    "Received descriptors take the lowest free numbers, in order; a receiver at RLIMIT_NOFILE gets "
    "the ones that fit, MSG_CTRUNC, and the rest closed.",
    traps=(
        trap(
            "dgram",
            "",
            op("send", end=0, data="61", anc="rights:f,p.r,n"),
            op("recv", end=1, size=8, ctrl="4096", flags="dontwait", fdnums=1, nofile=1, **{"in": "child"}),
            op("send", end=0, data="62", anc="rights:f,p.r,n"),
            op("recv", end=1, size=8, ctrl="4096", flags="dontwait", fdnums=1),
        ),
    ),
)


def _from(step: Op, end: int) -> Op:
    return Op(step.verb, tuple((k, str(end) if k == "end" else v) for k, v in step.args))


register(
    "fdpass.inflight_limit",
    "fdpass",
    "H30",
    scenarios({"inflight": lambda r: inflights(), "recv": lambda r: recvs(r, control=True)}, max_steps=3),
    "scm_rights inflight",
    "A sender without CAP_SYS_RESOURCE may have no more descriptors in flight than its "
    "RLIMIT_NOFILE: the next send fails ETOOMANYREFS.",
    traps=(trap("dgram", "", op("inflight", end=0, n=20, nofile=16, obj="f")),),
)
