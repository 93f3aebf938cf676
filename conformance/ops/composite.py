"""Steps that belong together: short runs whose second half only means something after the first.

Independent random steps rarely line up the way a behaviour needs: two
messages queued before a read with room for both (D1, C1), a read shorter
than the message just sent (D2, D3), a peek followed by the read it must
agree with (G1).  Properties draw these runs like single steps.
"""

from __future__ import annotations

from hypothesis import strategies as st

from ..spec.protocol import Op, op
from ..spec.semantics import TypeRules
from .base import ENDS
from .recv.strategy import recvs
from .send.strategy import sends


def _between(send: Op, receive: Op, sender: int) -> tuple[Op, Op]:
    """The send from ``sender``, the receive on the other end."""
    return _at(send, sender), _at(receive, 1 - sender)


def _at(step: Op, end: int) -> Op:
    return Op(step.verb, tuple((k, str(end) if k == "end" else v) for k, v in step.args))


def peek_then_read(rules: TypeRules, uniform: bool = False) -> st.SearchStrategy[tuple[Op, ...]]:
    """A send, a peek through one view, then a read through another: both must see the same bytes (G1)."""

    def build(sender: int, send: Op, peek: Op, read: Op) -> tuple[Op, ...]:
        return (*_between(send, peek, sender), _at(read, 1 - sender))

    return st.builds(
        build, ENDS, sends(rules, big=False), recvs(rules, uniform=uniform, also="peek"), recvs(rules, uniform=uniform)
    )


def burst_then_read(rules: TypeRules, uniform: bool = False) -> st.SearchStrategy[tuple[Op, ...]]:
    """Two or three sends, then one read with room for all of them: one message (D1), or
    the bytes coalesced (C1)."""

    def build(sender: int, burst: list[Op], size: int, read: Op) -> tuple[Op, ...]:
        roomy = Op(read.verb, tuple((k, str(size) if k == "size" else v) for k, v in read.args if k != "iov"))
        return (*(_at(s, sender) for s in burst), _at(roomy, 1 - sender))

    return st.builds(
        build,
        ENDS,
        st.lists(sends(rules, big=False, uniform=uniform), min_size=2, max_size=3),
        st.sampled_from([64, 200, 4096]),
        recvs(rules, uniform=uniform),
    )


def truncating_read(rules: TypeRules, uniform: bool = False) -> st.SearchStrategy[tuple[Op, ...]]:
    """A message of n bytes, then a read of fewer (often with MSG_TRUNC or MSG_PEEK): the rest
    of a datagram is gone and MSG_TRUNC says so (D2, D3); a stream keeps it (C2)."""

    def build(sender: int, data: bytes, cut: int, read: Op) -> tuple[Op, ...]:
        size = str(min(cut, len(data) - 1))
        short = Op(read.verb, tuple((k, size if k == "size" else v) for k, v in read.args if k != "iov"))
        return _between(op("send", end=sender, data=data.hex()), short, sender)

    reads = {flag: recvs(rules, uniform=uniform, also=flag) for flag in ("trunc", "peek", "")}  # built once
    return st.builds(
        build,
        ENDS,
        st.binary(min_size=2, max_size=40),
        st.integers(0, 39),
        st.sampled_from(["trunc", "trunc", "peek", ""]).flatmap(reads.__getitem__),
    )
