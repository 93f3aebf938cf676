"""Scenarios as values, and the hypothesis strategies that generate them.

A :class:`Scenario` is data (a pair to create and a list of steps), so it can
be shrunk by hypothesis, sent to any driver, printed as a numbered list and
turned into a standalone reproducer.  Strategies read the semantics table to
decide what is worth generating for each socket type.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar, Union

from hypothesis import strategies as st

from ..ops.duplex import PATTERN
from ..spec.protocol import Op, op
from ..spec.semantics import SEMANTICS, TYPES, TypeRules

# Objects every scenario starts with, so fds with known identities can travel:
# a read-write file, a read-only file, a pipe, /dev/null, and a file whose
# descriptor has FD_CLOEXEC in the sender (H17: not carried over).
OBJECTS = (
    op("obj", name="f", kind="file", data=b"file f".hex()),
    op("obj", name="g", kind="rofile", data=b"read-only g".hex()),
    op("obj", name="p", kind="pipe", data=b"pipe".hex()),
    op("obj", name="n", kind="devnull"),
    op("obj", name="c", kind="file", data=b"cloexec c".hex(), cloexec=1),
)
FD_NAMES = ("f", "g", "p.r", "p.w", "n", "c", "end0", "end1")
# Control-buffer sizes probed around the edges where truncation changes (H13-H15, I9):
# a bare header, k fds by CMSG_LEN and CMSG_SPACE, +-1, and credentials (12 bytes).
_HDR = socket.CMSG_LEN(0)
CTRL_SIZES = sorted(
    {0, 1, 8, _HDR - 1, _HDR, _HDR + 1, 4096}
    | {f(4 * k) + d for k in (1, 2, 3, 4) for f in (socket.CMSG_LEN, socket.CMSG_SPACE) for d in (-1, 0, 1)}
    | {socket.CMSG_SPACE(12) * 2 + 16, socket.CMSG_SPACE(12), socket.CMSG_SPACE(12) - 4}
)


@dataclass(frozen=True)
class Scenario:
    pair: Op
    steps: tuple[Op, ...]

    @property
    def sock_type(self) -> str:
        return self.pair.get("type", "stream")

    def ops(self) -> Iterator[Op]:
        yield op("reset")
        yield from OBJECTS
        yield self.pair
        yield from self.steps

    def __str__(self) -> str:
        return "\n".join(f"{i:3}. {step}" for i, step in enumerate(self.ops(), 1))

    def __repr__(self) -> str:  # hypothesis prints this; the full list is in the divergence
        return f"Scenario({self.pair}; {len(self.steps)} steps)"


# -- building blocks -------------------------------------------------------

T = TypeVar("T")
# A step maker may return single steps or short runs of steps that belong
# together (a send and the receive that collects it), flattened into the list.
StepMaker = Callable[[TypeRules], st.SearchStrategy[Union[Op, tuple[Op, ...]]]]

ENDS = st.sampled_from([0, 1])


def weighted(*choices: tuple[int, st.SearchStrategy[T]]) -> st.SearchStrategy[T]:
    """Pick a strategy with the given relative weights.

    ``st.one_of(a, a, b)`` does *not* make ``a`` twice as likely: hypothesis
    drops repeated strategy objects, so weights have to be explicit."""
    indexes = [i for i, (weight, _) in enumerate(choices) for _ in range(weight)]
    return st.sampled_from(indexes).flatmap(lambda i: choices[i][1])


def flag_sets(names: Sequence[str], usually: str = "") -> st.SearchStrategy[str]:
    """Up to three of ``names``; ``usually`` is added four times in five.

    Receives usually carry MSG_DONTWAIT: a step that blocks ends its scenario
    (the pair's state is unknown afterwards), so blocking is worth trying but
    must not cut most scenarios short."""
    chosen = st.lists(st.sampled_from(list(names)), unique=True, max_size=3) if names else st.just([])
    if not usually:
        return chosen.map(",".join)
    extra = st.sampled_from([True, True, True, True, False])
    return st.builds(lambda fs, add: ",".join(dict.fromkeys([*fs, usually] if add else fs)), chosen, extra)


def pairs(
    types: Sequence[str] = TYPES, flags: Sequence[str] = ("", "nonblock", "cloexec", "nonblock,cloexec")
) -> st.SearchStrategy[Op]:
    return st.builds(
        lambda t, f: op("pair", family="unix", type=t, flags=f, proto=0),
        st.sampled_from(list(types)),
        st.sampled_from(list(flags)),
    )


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


def sends(rules: TypeRules, fds: bool = False, creds: bool = False, big: bool = True) -> st.SearchStrategy[Op]:
    # where fds or credentials are the point, most sends carry them, and an
    # empty payload is common (H22: a stream drops fds sent with no data)
    anc_kinds: list[tuple[int, st.SearchStrategy[str | None]]] = [(1, st.none())]
    if fds:
        anc_kinds.append((3, rights()))
    if creds:
        anc_kinds.append((2, st.just("creds")))
    if fds and creds:
        anc_kinds.append((1, rights(2).map(lambda r: "creds;" + r)))

    def build(end: int, pieces: list[bytes], flags: str, anc: str | None, via_send: bool) -> Op:
        if via_send and anc is None and len(pieces) == 1:
            return op("send", end=end, data=pieces[0].hex(), flags=flags, via="send")
        return op("send", end=end, data=",".join(p.hex() for p in pieces) if pieces else None, flags=flags, anc=anc)

    return st.builds(
        build,
        ENDS,
        (st.one_of(st.just(b""), payloads(rules, big)) if fds else payloads(rules, big)).flatmap(splits),
        flag_sets((*rules.send_flags, "dontwait")),
        weighted(*anc_kinds),
        st.booleans(),
    )


def recvs(rules: TypeRules, control: bool = False) -> st.SearchStrategy[Op]:
    """Receives; with ``control``, control buffers around CMSG_LEN/CMSG_SPACE, and
    one in five performed by a forked child (fds then arrive in another process)."""
    sizes = st.sampled_from([0, 1, 2, 5, 16, 64, 65536, 262144]) | st.integers(0, 100)

    def build(end: int, size: int, flags: str, ctrl: int, iov_cut: list[int], via_recv: bool, child: bool) -> Op:
        where = "child" if child and control else None
        if via_recv and not ctrl:
            return op("recv", end=end, size=size, flags=flags, via="recv", **{"in": where})
        cuts = sorted(c for c in iov_cut if c <= size)
        iov = [b - a for a, b in zip([0, *cuts], [*cuts, size])] if cuts else None
        return op("recv", end=end, size=size, iov=iov, ctrl=ctrl, flags=flags, **{"in": where})

    ctrls = (st.sampled_from(CTRL_SIZES) | st.just(4096)) if control else st.sampled_from([0, 0, 64])
    return st.builds(
        build,
        ENDS,
        sizes,
        flag_sets(rules.recv_flags, usually="dontwait"),
        ctrls,
        st.lists(st.integers(0, 64), max_size=2),
        st.booleans(),
        st.sampled_from([True, False, False, False, False]),
    )


def shutdowns() -> st.SearchStrategy[Op]:
    return st.builds(
        lambda e, h: op("shutdown", end=e, how=h), ENDS, st.sampled_from(["rd", "wr", "rdwr", "rdwr", "3", "-1"])
    )


def closes() -> st.SearchStrategy[Op]:
    return st.builds(lambda e: op("close", end=e), ENDS)


def polls() -> st.SearchStrategy[Op]:
    return st.builds(lambda e: op("poll", end=e, events="in,out,rdhup"), ENDS)


def getsockopts(
    opts: Sequence[str] = (
        "type",
        "domain",
        "protocol",
        "passcred",
        "peercred",
        "sndbuf",
        "rcvbuf",
        "error",
        "acceptconn",
        "rcvlowat",
        "keepalive",
        "bogus",
    ),
) -> st.SearchStrategy[Op]:
    return st.builds(lambda e, o: op("getsockopt", end=e, opt=o), ENDS, st.sampled_from(list(opts)))


def setsockopts() -> st.SearchStrategy[Op]:
    values = st.sampled_from([0, 1, 2, -1, 1000, 4096, 100000])
    return st.builds(
        lambda e, o, v: op("setsockopt", end=e, opt=o, value=v),
        ENDS,
        st.sampled_from(["passcred", "passcred", "keepalive", "rcvlowat", "bogus"]),
        values,
    )


def passcred() -> st.SearchStrategy[Op]:
    return st.builds(lambda e, v: op("setsockopt", end=e, opt="passcred", value=v), ENDS, st.sampled_from([1, 1, 0]))


def fdflags() -> st.SearchStrategy[Op]:
    return st.builds(lambda e: op("fdflags", end=e), ENDS)


def duplexes(rules: TypeRules) -> st.SearchStrategy[Op]:
    if rules.boundaries:
        side = st.lists(st.integers(0, 4096) | st.integers(0, 65536), max_size=40)
    else:  # beyond the socket buffer, so partial writes and blocking happen
        side = st.lists(st.integers(1, 262144), max_size=6)
    return st.builds(
        lambda a, b, s: op("duplex", sizes0=a or None, sizes1=b or None, seed=s), side, side, st.integers(0, 10**6)
    )


def _flatten(steps: Sequence[Union[Op, tuple[Op, ...]]]) -> tuple[Op, ...]:
    return tuple(one for step in steps for one in ((step,) if isinstance(step, Op) else step))


def scenarios(
    step_kinds: Mapping[str, StepMaker],
    types: Sequence[str] = TYPES,
    max_steps: int = 12,
    flags: Sequence[str] = ("", "nonblock", "cloexec", "nonblock,cloexec"),
) -> st.SearchStrategy[Scenario]:
    """Scenarios whose steps are drawn from ``step_kinds``: a name -> function(rules) -> strategy."""

    def for_type(sock_type: str) -> st.SearchStrategy[Scenario]:
        rules = SEMANTICS[sock_type]
        choices = [make(rules) for make in step_kinds.values()]
        return st.builds(
            Scenario, pairs([sock_type], flags), st.lists(st.one_of(*choices), max_size=max_steps).map(_flatten)
        )

    return st.sampled_from(list(types)).flatmap(for_type)


def phased_scenarios(
    phases: Sequence[tuple[Mapping[str, StepMaker], int, int]],  # step kinds, min and max steps
    types: Sequence[str] = TYPES,
    flags: Sequence[str] = ("", "nonblock", "cloexec", "nonblock,cloexec"),
) -> st.SearchStrategy[Scenario]:
    """Scenarios built in phases (e.g. traffic, then the event under test, then what follows),
    so the interesting orderings are common instead of rare."""

    def for_type(sock_type: str) -> st.SearchStrategy[Scenario]:
        rules = SEMANTICS[sock_type]
        parts = [
            st.lists(st.one_of(*[make(rules) for make in kinds.values()]), min_size=lo, max_size=hi)
            for kinds, lo, hi in phases
        ]
        steps = st.tuples(*parts).map(lambda groups: _flatten([step for group in groups for step in group]))
        return st.builds(Scenario, pairs([sock_type], flags), steps)

    return st.sampled_from(list(types)).flatmap(for_type)
