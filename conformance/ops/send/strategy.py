"""What a send step carries: payloads, gather lists, fds and credentials, and the view it is made with."""

from __future__ import annotations

from typing import Optional

from hypothesis import strategies as st

from ...spec.protocol import Op, op
from ...spec.semantics import TypeRules
from ..base import ENDS, flag_sets, weighted
from ..duplex import PATTERN
from ..obj import FD_NAMES
from ..views import DEFAULT_VIA, SPLICE_MAX, View, views_of

# Destinations for sendto: Linux ignores them on SEQPACKET (E6), refuses them
# on STREAM (C15) and sends to them on DGRAM, where these do not exist (E7).
NOBODY = b"spc-conformance-nobody"
ADDRESSES = ("unnamed", "abstract:" + NOBODY.hex(), "path:" + b"/nonexistent/spc-conformance".hex())
UIO_MAXIOV = 1024


def payloads(rules: TypeRules, big: bool = True) -> st.SearchStrategy[bytes]:
    small = st.binary(max_size=40)
    if not big:
        return small
    limit = rules.max_message
    sizes = st.sampled_from([limit, limit + 1] if limit else [300000]) | st.integers(1000, 70000)
    # the duplex pattern (period 251): cheap, never aligned with buffer sizes, and
    # a reproducer writes it as one repeated block instead of megabytes of hex
    large = st.builds(lambda n, seed: (PATTERN * (n // len(PATTERN) + 2))[seed : seed + n], sizes, st.integers(0, 250))
    return weighted((4, small), (1, large))


def splits(data: bytes) -> st.SearchStrategy[list[bytes]]:
    if not data:
        return st.sampled_from([[b""], [], [b"", b""]])
    cut = st.lists(st.integers(0, len(data)), max_size=3).map(sorted)
    return cut.map(lambda cs: [data[a:b] for a, b in zip([0, *cs], [*cs, len(data)])])


def rights(max_fds: int = 4) -> st.SearchStrategy[str]:
    names = st.lists(st.sampled_from(FD_NAMES), min_size=1, max_size=max_fds)
    if max_fds <= 2:
        return names.map(lambda g: "rights:" + ",".join(g))
    # A bad fd fails the whole send (H10) and an over-long list is EINVAL (H29:
    # 253 ok, more is not); both are worth probing, but each failed send is one
    # fewer object to follow, so most lists are valid and most sends one group.
    with_bad = st.builds(lambda g, at: [*g[:at], "badfd", *g[at:]], names, st.integers(0, max_fds))
    many = st.sampled_from([253, 254, 300]).map(lambda n: ["f"] * n)
    group = weighted((8, names), (1, with_bad), (1, many), (1, st.just([])))  # [] is an empty SCM_RIGHTS
    groups = weighted((3, group.map(lambda g: [g])), (1, st.lists(group, min_size=2, max_size=3)))
    return groups.map(lambda gs: ";".join("rights:" + ",".join(g) for g in gs))


def send_views(control: bool) -> st.SearchStrategy[View]:
    """Every view of sending; where control messages are the point, mostly those that carry them."""
    return weighted(*((v.weight * (3 if control and v.control else 1), st.just(v)) for v in views_of("send")))


def sends(rules: TypeRules, fds: bool = False, creds: bool = False, big: bool = True) -> st.SearchStrategy[Op]:
    # where fds or credentials are the point, most sends carry them, and an
    # empty payload is common (H22: a stream drops fds sent with no data)
    anc_kinds: list[tuple[int, st.SearchStrategy[Optional[str]]]] = [(1, st.none())]
    if fds:
        anc_kinds.append((3, rights()))
    if creds:
        anc_kinds.append((2, st.just("creds")))
    if fds and creds:
        anc_kinds.append((1, rights(2).map(lambda r: "creds;" + r)))

    def build(
        view: View, end: int, pieces: list[bytes], flags: str, anc: Optional[str], to: Optional[str], many: bool
    ) -> Op:
        if not view.flags:
            flags = ""
        if view.via == "splice":  # SPLICE_F_NONBLOCK is the only flag it has
            flags = "dontwait" if "dontwait" in flags.split(",") else ""
        if not view.control:
            anc = None
        elif view.method == "send_fds":  # one SCM_RIGHTS list, maybe empty, nothing else
            anc = next((item for item in (anc or "").split(";") if item.startswith("rights:")), "rights:")
        if not view.scatter:  # one contiguous buffer
            pieces = [b"".join(pieces)][: len(pieces) or 0]
        if view.via == "splice":
            pieces = [piece[:SPLICE_MAX] for piece in pieces]
        if view.via == "sendmmsg" and many:  # more messages than UIO_MAXIOV: sendmmsg sends 1024 (B5)
            pieces = [b"a"] * (UIO_MAXIOV + 1)
        return op(
            "send",
            end=end,
            data=",".join(p.hex() for p in pieces) if pieces else None,
            flags=flags,
            anc=anc,
            via=None if view.via == DEFAULT_VIA["send"] else view.via,
            method=view.method,
            to=to if view.via == "sendto" else None,
        )

    return st.builds(
        build,
        send_views(fds or creds),
        ENDS,
        (st.one_of(st.just(b""), payloads(rules, big)) if fds else payloads(rules, big)).flatmap(splits),
        flag_sets((*rules.send_flags, "dontwait")),
        weighted(*anc_kinds),
        st.sampled_from([None, *ADDRESSES]),
        st.sampled_from([False] * 9 + [True]),
    )
