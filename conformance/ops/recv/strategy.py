"""What a receive step asks for: buffer sizes, scatter lists, control space, flags, and the view it is made with."""

from __future__ import annotations

from typing import Optional

from hypothesis import strategies as st

from ...spec.protocol import Op, op
from ...spec.semantics import TypeRules
from ..base import ENDS, flag_sets, weighted
from ..views import DEFAULT_VIA, ONLY_FLAGS, SPLICE_MAX, View, views_of

# Control-buffer sizes probed around the edges where truncation changes (H13-H15, I9):
# a bare header, k fds by CMSG_LEN, +-1, and credentials; in units each executor maps
# to its own ABI (spec/ctrl_units.py).  Only sizes that admit as many descriptors on
# every ABI: CMSG_SPACE of an odd number of fds has room for one more on LP64 (the
# padding to 8 bytes holds an int) and for none on i386, so it is asked for even k only.
CTRL_SIZES = sorted(
    {"0", "1", "8", "hdr-1", "hdr", "hdr+1", "4096", "space(fds2)", "space(fds4)"}
    | {f"len(fds{k}){'' if d == 0 else f'{d:+d}'}" for k in (1, 2, 3, 4) for d in (-1, 0, 1)}
    | {"len(creds)", "len(creds)-1", "space(creds)+hdr", "space(creds)+len(fds1)"}
)
UIO_MAXIOV = 1024
MMSG_TIMEOUTS = (None, None, None, 0, 5, -1)  # ms; negative is EINVAL (B12)


def recv_views(control: bool, uniform: bool = False) -> st.SearchStrategy[View]:
    """Every view of receiving: each as likely as the others (``uniform``), or by the table's
    weights; where control messages are the point, mostly those that carry them."""
    weights = ((1 if uniform else v.weight * (8 if control and v.control else 1), v) for v in views_of("recv"))
    return weighted(*((w, st.just(v)) for w, v in weights))


def recv_fds_room(maxfds: int) -> str:
    """The control space socket.recv_fds() asks for: CMSG_LEN(maxfds * sizeof(int))."""
    return f"len(fds{maxfds})"


def recvs(rules: TypeRules, control: bool = False, uniform: bool = False, also: str = "") -> st.SearchStrategy[Op]:
    """Receives; with ``control``, control buffers around CMSG_LEN/CMSG_SPACE, and
    one in five performed by a forked child (fds then arrive in another process).
    ``also``: a flag every receive carries whose view takes flags (``peek``)."""
    sizes = st.sampled_from([0, 1, 2, 5, 16, 64, 65536, 262144]) | st.integers(0, 100)

    def build(
        view: View,
        end: int,
        size: int,
        flags: str,
        ctrl: str,
        iov_cut: list[int],
        child: bool,
        extra: tuple[bool, int, int, Optional[int], bool, bool],
    ) -> Op:
        name, maxfds, vlen, timeout, wide, one_at_a_time = extra
        iov: Optional[list[int]] = None
        if also:
            flags = ",".join(dict.fromkeys([*filter(None, flags.split(",")), also]))
        if not view.flags:
            flags = ""
        if view.via == "splice":  # SPLICE_F_NONBLOCK is the only flag it has; a pipe holds 64 KiB
            flags, size = ",".join(f for f in flags.split(",") if f in ONLY_FLAGS["splice"]), min(size, SPLICE_MAX)
        if view.via == "recvmmsg":
            size = min(size, 65536)
            flags = ",".join(filter(None, [flags, "waitforone" if one_at_a_time else ""]))
        if view.scatter and wide:  # more iovecs than UIO_MAXIOV: EMSGSIZE or EINVAL (B5)
            size, iov = UIO_MAXIOV + 1, [1] * (UIO_MAXIOV + 1)
        elif view.scatter:
            cuts = sorted(c for c in iov_cut if c <= size)
            iov = [b - a for a, b in zip([0, *cuts], [*cuts, size])] if cuts else None
        room: Optional[object] = None
        if view.method == "recv_fds":
            room = recv_fds_room(maxfds)
        elif view.control:
            room = ctrl
        return op(
            "recv",
            end=end,
            size=size,
            iov=iov,
            ctrl=room,
            flags=flags,
            via=None if view.via == DEFAULT_VIA["recv"] else view.via,
            method=view.method,
            vlen=vlen if view.via == "recvmmsg" else None,
            timeout=timeout if view.via == "recvmmsg" else None,
            name=1 if name and view.via == "recvmsg" else None,
            **{"in": "child" if child and control and view.control else None},
        )

    ctrls = (st.sampled_from(CTRL_SIZES) | st.just("4096")) if control else st.sampled_from(["0", "0", "64"])
    extra = st.tuples(
        st.sampled_from([True, False, False]),  # name=1
        st.integers(0, 4),  # recv_fds: maxfds
        st.sampled_from([1, 2, 3, 5]),  # recvmmsg: vlen
        st.sampled_from(MMSG_TIMEOUTS),
        st.sampled_from([True] + [False] * 24),  # a scatter list longer than UIO_MAXIOV
        st.sampled_from([True, False, False, False]),  # recvmmsg: MSG_WAITFORONE
    )
    return st.builds(
        build,
        recv_views(control, uniform),
        ENDS,
        sizes,
        flag_sets(rules.recv_flags, usually="dontwait"),
        ctrls,
        st.lists(st.integers(0, 64), max_size=2),
        st.sampled_from([True, False, False, False, False]),
        extra,
    )
