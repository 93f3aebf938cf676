"""``send``: one send through one of the views of the queue (ops/views.py).

``via=`` picks the system call (sendmsg(2) with a gather list and control
messages by default; send, sendto, write, writev, sendmmsg, a send loop, or
splice from a pipe), ``method=`` the Python method that makes it.  Every view
replies ``ret``.
"""

from __future__ import annotations

from typing import Optional

from hypothesis import strategies as st

from ...spec.protocol import Capabilities, Observation, Op
from ...spec.semantics import TypeRules
from ..base import Context, Operation, PythonSide, register
from ..views import adapt
from . import python, reproduce
from .python import UCRED as UCRED
from .strategy import payloads as payloads
from .strategy import rights as rights
from .strategy import sends as sends
from .strategy import splits as splits

_EOF_ERRORS = {"EPIPE", "ECONNRESET", "ECONNREFUSED", "ENOTCONN"}


def _empty(op: Op) -> bool:
    return not op.get("data").replace(",", "")


def _fd_count(anc: str) -> int:
    return sum(len([n for n in item[7:].split(",") if n]) for item in anc.split(";") if item.startswith("rights:"))


ENDS_SENT = "ends sent"  # Context.state: the pair's own ends a send put in flight


def _ends_in(anc: str) -> set[str]:
    names = {n for item in anc.split(";") if item.startswith("rights:") for n in item[7:].split(",")}
    return names & {"end0", "end1"}


def _other_view(op: Op) -> bool:
    """Made with a view other than sendmsg(2) (the one every implementation has)."""
    return bool(op.get("via")) or op.get("method") not in ("", "sendmsg")


def _needs(op: Op) -> frozenset[str]:
    anc = op.get("anc")
    needs = {"cmsg_bytes"} if "rightsbytes:" in anc or "credsbytes:" in anc else set()
    return frozenset(needs | ({"creds_spoof"} if "creds:" in anc else set()))


class Send(Operation):
    verb = "send"
    rows = tuple("B1 B2 B3 B5 C7 C9 C11 C12 C15 D7 D8 D11 E1 E2 E6 E7 G5 H5 H9 H10 H11 H22 H29 I7 I8 M2 M3 M6".split())
    attribution = (
        ("C15", lambda w: w.op.has("to") and w.stream and w.field in ("status", "errno")),
        ("E6", lambda w: w.op.has("to") and w.sock_type == "seqpacket" and w.field in ("status", "errno", "ret")),
        ("E7", lambda w: w.op.has("to") and w.sock_type == "dgram" and w.field in ("status", "errno", "ret")),
        ("B5", lambda w: w.op.get("via") == "sendmmsg" and w.op.get("data").count(",") >= 1024),
        ("H10", lambda w: w.op.get("method") == "send_fds" and w.op.get("anc") == "rights:"),
        ("H5", lambda w: "badfd" in w.op.get("anc")),
        ("H11", lambda w: "rightsbytes:" in w.op.get("anc")),
        ("I8", lambda w: "credsbytes:" in w.op.get("anc")),
        ("I7", lambda w: "creds:" in w.op.get("anc")),
        ("H9", lambda w: "raw:" in w.op.get("anc")),
        ("I8", lambda w: "creds" in w.op.get("anc") and w.field in ("status", "errno")),
        # more than SCM_MAX_FD is the limit's row, whatever else the send carries (or not)
        ("H29", lambda w: _fd_count(w.op.get("anc")) > 253),
        ("H22", lambda w: "rights:" in w.op.get("anc") and _empty(w.op)),
        ("C7", lambda w: w.stream and _empty(w.op)),
        ("D7", lambda w: not w.stream and _empty(w.op)),
        ("D8", lambda w: "EMSGSIZE" in w.errnos),
        ("M6", lambda w: bool(w.errnos & _EOF_ERRORS) and w.has_flag("nosignal")),
        ("C9", lambda w: w.stream and bool(w.errnos & _EOF_ERRORS)),
        ("E1", lambda w: w.sock_type == "seqpacket" and bool(w.errnos & _EOF_ERRORS)),
        ("E2", lambda w: w.sock_type == "dgram" and bool(w.errnos & _EOF_ERRORS)),
        ("M2", lambda w: bool(w.errnos & _EOF_ERRORS)),
        ("M3", lambda w: bool(w.errnos & _EOF_ERRORS)),
        ("B3", lambda w: "," in w.op.get("data") and w.field == "ret"),
        ("G5", lambda w: w.has_flag("dontwait")),
        ("C12", lambda w: w.stream and w.field in ("ret", "errno", "status")),
        ("D11", lambda w: not w.stream and w.field in ("errno", "status")),
        ("C11", lambda w: w.stream),
        ("B3", lambda w: "," in w.op.get("data")),
        ("B2", lambda w: _other_view(w.op)),
        ("B1", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return sends(rules, fds=True, creds=True, big=False)

    def adapt(self, op: Op, declared: Capabilities) -> Op:
        return adapt(op, declared)

    def needs(self, op: Op) -> frozenset[str]:
        return _needs(op)

    def call(self, op: Op) -> str:
        return op.get("method") or op.get("via") or "sendmsg"

    def salient(self, op: Op, field: str) -> str:
        """Per field, only what changes its meaning: the errno names say it all; a
        refusal depends on what travels (nothing, control data, an address), and Linux's
        ``blocked`` or ``EAGAIN`` already says whether it could wait; a count depends on
        whether it could."""
        anc = op.get("anc")
        if field == "errno":
            return ""
        if field == "ret":
            return "dontwait" if "dontwait" in op.get("flags").split(",") else ""
        count = _fd_count(anc)
        parts = [
            "empty" if _empty(op) else "",
            *sorted({item.split(":")[0] for item in anc.split(";") if item}),
            "badfd" if "badfd" in anc else "",
            "fds>253" if count > 253 else "",
            "oob" if "oob" in op.get("flags").split(",") else "",
            "to" if op.has("to") else "",
        ]
        return " ".join(filter(None, parts))

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        if ref.status == "ok":  # a pair end now in flight (ops/close.py: leaves_pair_unknown)
            ctx.state.setdefault(ENDS_SENT, set()).update(_ends_in(op.get("anc")))
        return super().compare(ctx, op, ref, iut)

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        return python.run(ex, op)

    def c_lines(self, n: int, op: Op) -> list[str]:
        return reproduce.c_lines(n, op)

    def py_lines(self, n: int, op: Op) -> list[str]:
        return reproduce.py_lines(n, op)


register(Send())
