"""What a send step carries: payloads, gather lists, fds and credentials, and the view it is made with."""

from __future__ import annotations

from typing import Optional

from hypothesis import strategies as st

from ...spec.protocol import Op, op
from ...spec.semantics import TypeRules
from ..base import ENDS, flag_sets, weighted
from ..duplex import PATTERN
from ..obj import FD_NAMES
from ..views import DEFAULT_VIA, ONLY_FLAGS, SPLICE_MAX, View, views_of

# Destinations for sendto: Linux ignores them on SEQPACKET (E6), refuses them
# on STREAM (C15) and sends to them on DGRAM, where these do not exist (E7).
NOBODY = b"spc-conformance-nobody"
ADDRESSES = ("unnamed", "abstract:" + NOBODY.hex(), "path:" + b"/nonexistent/spc-conformance".hex())
UIO_MAXIOV = 1024
# lengths where a fault at one exact size lives: powers of two and one either side (the
# small payloads, up to 40 bytes, cover 0, 1 and those below 40)
POWERS_OF_TWO = tuple(2**k + d for k in range(6, 18) for d in (-1, 0, 1))


def payloads(rules: TypeRules, big: bool = True, large_share: int = 1) -> st.SearchStrategy[bytes]:
    """Mostly small payloads; ``large_share`` in 4 + ``large_share`` beyond 1000 bytes (at or past
    the largest datagram, or the stream's buffer) when ``big``."""
    small = st.binary(max_size=40)
    if not big:
        return small
    limit = rules.max_message
    # mostly at the edge: the largest datagram and one more (D8), or more than a
    # stream's buffer holds (a short count, C12); sometimes tens of kilobytes
    edge = st.sampled_from([limit, limit + 1] if limit else [300000, 230000])
    sizes = weighted((3, edge), (1, st.integers(1000, 70000)), (1, st.sampled_from(POWERS_OF_TWO)))
    # the duplex pattern (period 251): cheap, never aligned with buffer sizes, and
    # a reproducer writes it as one repeated block instead of megabytes of hex
    large = st.builds(lambda n, seed: (PATTERN * (n // len(PATTERN) + 2))[seed : seed + n], sizes, st.integers(0, 250))
    return weighted((4, small), (large_share, large))


def split(data: bytes, cuts: list[int], empty: int) -> list[bytes]:
    """A gather list for ``data``: cut at the positions ``cuts`` (taken modulo its length
    + 1); no data is one empty piece, none, or two empty ones (``empty``)."""
    if not data:
        return [[b""], [], [b"", b""]][empty]
    positions = sorted(c % (len(data) + 1) for c in cuts)
    return [data[a:b] for a, b in zip([0, *positions], [*positions, len(data)])]


def splits(data: st.SearchStrategy[bytes]) -> st.SearchStrategy[list[bytes]]:
    """Gather lists of the payloads ``data`` draws (no per-payload strategy to build)."""
    return st.builds(split, data, st.lists(st.integers(0, 1 << 20), max_size=3), st.integers(0, 2))


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


def send_views(control: bool, uniform: bool = False) -> st.SearchStrategy[View]:
    """Every view of sending: each as likely as the others (``uniform``), or by the table's
    weights; where control messages are the point, mostly those that carry them."""
    weights = ((1 if uniform else v.weight * (8 if control and v.control else 1), v) for v in views_of("send"))
    return weighted(*((w, st.just(v)) for w, v in weights))


def sends(
    rules: TypeRules,
    fds: bool = False,
    creds: bool = False,
    big: bool = True,
    large_share: int = 1,
    uniform: bool = False,
) -> st.SearchStrategy[Op]:
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
            flags = ",".join(f for f in flags.split(",") if f in ONLY_FLAGS["splice"])
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
        send_views(fds or creds, uniform),
        ENDS,
        splits(st.one_of(st.just(b""), payloads(rules, big)) if fds else payloads(rules, big, large_share)),
        flag_sets((*rules.send_flags, "dontwait")),
        weighted(*anc_kinds),
        st.sampled_from([None, *ADDRESSES]),
        st.sampled_from([False] * 9 + [True]),
    )
