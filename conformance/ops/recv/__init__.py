"""``recv``: one receive through one of the views of the queue (ops/views.py).

``via=`` picks the system call (recvmsg(2) with a scatter list and a control
buffer by default; recv, recvfrom, read, readv, recvmmsg, or splice into a
pipe), ``method=`` the Python method that makes it.

Comparison: exact, as far as the step's method can observe (``observed``),
except for the stream's freedom to chunk (``TypeRules.boundaries`` is False).
A stream read may return a shorter or longer prefix of the queued bytes than
Linux did, so the comparison keeps each side's concatenated received bytes per
end and asks only that one stays a prefix of the other; ancillary data, flags
and errors still compare exactly, and when the scenario ends the
implementation reads what it still owes (``finish``), so both sides must
deliver the same total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from hypothesis import strategies as st

from ...spec.ctrl_units import control_bytes, is_bytes
from ...spec.protocol import Capabilities, Observation, Op, op
from ...spec.semantics import TypeRules
from ..base import Context, ImplOnly, Operation, PythonSide, Rule, Where, describe, register
from ..views import adapt, alternatives, by_method
from . import python, reproduce
from .strategy import CTRL_SIZES as CTRL_SIZES
from .strategy import recvs as recvs

CATCH_UP_READS = 64
# A sender with SO_PASSCRED and no name is bound to an abstract name of five hex
# digits (unix(7), autobind): that it has one is Linux's promise, not which.
_AUTOBOUND = re.compile("abstract:(3[0-9]|6[1-6]){5}")
_NO_DATA = ("EAGAIN",)
# msg_flags bits that only come out of recvmsg; given as input, Linux ignores them (catalog B9)
OUTPUT_ONLY = frozenset({"ctrunc", "eor"})


def autobound_class(addr: str) -> str:
    """An autobound abstract name compared by class (any five hex digits)."""
    return "abstract:(autobound)" if _AUTOBOUND.fullmatch(addr) else addr


def _other_view(op: Op) -> bool:
    """Made with a view other than recvmsg(2) (the one every implementation has)."""
    return bool(op.get("via")) or op.get("method") not in ("", "recvmsg_into")


# -- comparison state: what each end has received on either side ----------------------


@dataclass
class Received:
    ref: bytearray = field(default_factory=bytearray)
    iut: bytearray = field(default_factory=bytearray)

    def consistent(self) -> bool:
        shorter = min(len(self.ref), len(self.iut))
        return self.ref[:shorter] == self.iut[:shorter]

    @property
    def iut_behind(self) -> int:
        return len(self.ref) - len(self.iut)


def received(ctx: Context) -> dict[str, Received]:
    """Per end, the bytes each side has delivered so far (stream comparison)."""
    tally: dict[str, Received] = ctx.state.setdefault("received", {"0": Received(), "1": Received()})
    return tally


def unbalanced(ctx: Context, end: str) -> bool:
    """Has one side of this end delivered more than the other so far?"""
    tally = received(ctx)
    return end in tally and tally[end].iut_behind != 0


class Recv(Operation):
    verb = "recv"
    rows = tuple(
        "B1 B2 B3 B5 B12 C1 C2 C4 C5 C6 C8 C14 D1 D2 D3 D5 D10 E1 E3 E4 G1 G2 G4"
        " G5 G6 G7 H1 H2 H4 H12 H13 H14 H16 H17 H18 H19 H20 H23 H25 H26 H27 I2 I3 I15 K3 M4".split()
    )
    attribution = (
        ("H4", lambda w: w.field == "lowest"),
        ("I15", lambda w: "pidfd:" in w.ref.get("anc") + w.iut.get("anc") and w.field == "anc"),
        ("I15", lambda w: "pidfd:" in w.linux_anc and w.field == "leaked"),
        ("H16", lambda w: w.op.has("nofile")),
        ("H26", lambda w: w.op.get("in") == "child" and w.field == "anc"),
        ("I3", lambda w: "creds" in w.ref.get("anc") + w.iut.get("anc") and w.field == "anc"),
        ("I2", lambda w: "creds" in w.ref.get("anc") + w.iut.get("anc") and w.field == "anc"),
        ("H18", lambda w: w.field == "anc" and w.has_flag("peek")),
        ("H12", lambda w: w.field in ("anc", "leaked") and w.op.get("ctrl") in ("", "0")),
        ("H23", lambda w: w.field == "anc" and w.op.get("size") == "0"),
        ("H14", lambda w: w.field in ("anc", "leaked", "msg_flags") and "ctrunc" in w.ref.get("msg_flags")),
        ("H13", lambda w: w.field in ("anc", "leaked", "msg_flags") and "ctrunc" in w.ref.get("msg_flags")),
        ("H17", lambda w: w.field == "anc" and ("cloexec" in w.ref.get("anc")) != ("cloexec" in w.iut.get("anc"))),
        ("H25", lambda w: w.field == "anc" and "ofd" in w.ref.get("anc") + w.iut.get("anc")),
        ("H2", lambda w: w.field == "anc" and w.ref.get("anc").count(",") > 0),
        ("H19", lambda w: w.field == "anc" and w.stream),
        ("H20", lambda w: w.field == "anc" and w.stream),
        ("H27", lambda w: w.field == "anc" and not w.ref.get("anc")),
        ("H1", lambda w: w.field in ("anc", "leaked")),
        ("C4", lambda w: w.field == "msg_flags" and w.stream),
        ("D3", lambda w: w.field in ("msg_flags", "ret") and "trunc" in w.ref.get("msg_flags") + w.op.get("flags")),
        ("D5", lambda w: not w.stream and w.op.get("size") == "0"),
        ("C5", lambda w: w.stream and w.op.get("size") == "0" and w.ref.status == "ok"),
        ("C6", lambda w: w.stream and w.op.get("size") == "0"),
        ("G6", lambda w: w.has_flag("waitall") and w.has_flag("dontwait")),
        ("C14", lambda w: w.stream and w.has_flag("waitall")),
        ("G7", lambda w: not w.stream and w.has_flag("waitall")),
        ("G2", lambda w: w.has_flag("peek") and w.field in ("data", "ret")),
        ("G1", lambda w: w.has_flag("peek")),
        ("B5", lambda w: w.op.get("iov").count(",") >= 1024),
        ("B3", lambda w: "," in w.op.get("iov")),
        ("B12", lambda w: w.op.get("via") == "recvmmsg" and (w.op.has("timeout") or w.field in ("status", "errno"))),
        ("K3", lambda w: w.field == "addr"),
        ("C6", lambda w: w.op.get("via") == "read" and w.op.get("size") == "0"),
        ("E4", lambda w: w.sock_type == "seqpacket" and "ECONNRESET" in w.errnos),
        ("E1", lambda w: w.sock_type == "seqpacket" and w.field in ("status", "errno", "ret", "data")),
        ("E3", lambda w: w.sock_type == "dgram" and w.field in ("status", "errno")),
        ("C8", lambda w: w.stream and w.field in ("status", "errno", "ret", "data")),
        ("M4", lambda w: w.stream and w.field in ("status", "errno")),
        ("G5", lambda w: w.has_flag("dontwait") and w.field in ("status", "errno")),
        ("G4", lambda w: w.field in ("status", "errno")),
        ("D1", lambda w: not w.stream),
        ("D2", lambda w: not w.stream),
        ("D10", lambda w: not w.stream),
        ("B2", lambda w: _other_view(w.op)),
        ("C1", lambda w: w.stream),
        ("C2", lambda w: w.stream),
    )
    # the implementation delivered a different total than Linux by the scenario's end
    totals: tuple[Rule, ...] = (("C1", lambda w: True), ("B1", lambda w: True))

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return recvs(rules, control=True)

    def rules_for(self, where: Where) -> tuple[Rule, ...]:
        return self.totals if where.field == "totals" else self.attribution

    def all_rules(self) -> tuple[Rule, ...]:
        return self.attribution + self.totals

    def needs(self, op: Op) -> frozenset[str]:
        flags = set(op.get("flags").split(","))
        return frozenset(
            ["fd_numbers"] * (op.has("fdnums") or op.has("nofile")) + ["output_flags"] * bool(flags & OUTPUT_ONLY)
        )

    def adapt(self, op: Op, declared: Capabilities) -> Op:
        op = adapt(op, declared)
        if "ctrl_units" in declared.caps or is_bytes(op.get("ctrl")):
            return op
        # a driver without ctrl_units gets bytes, on the harness's ABI (as protocol version 1 did)
        return Op(op.verb, tuple((k, str(control_bytes(v)) if k == "ctrl" else v) for k, v in op.args))

    def call(self, op: Op) -> str:
        return op.get("method") or op.get("via") or "recvmsg"

    queue_fields = frozenset({"status", "errno", "ret", "data", "lens"})

    def witnesses(self, op: Op, declared: Capabilities) -> list[Op]:
        return alternatives(op, declared)

    def salient(self, op: Op, field: str) -> str:
        flags = set(op.get("flags").split(","))
        if field == "errno":  # the two errno names say it all
            parts = []
        elif field == "status":  # whether it may wait, and whether there is room
            parts = ["size=0" if op.get("size", "0") == "0" else "", "dontwait" if "dontwait" in flags else ""]
            parts += ["oob" if "oob" in flags else "", "timeout" if op.has("timeout") else ""]
        elif field == "delivery":  # what it took from the queue: a peek takes nothing
            parts = ["peek"] if "peek" in flags else [f for f in ("trunc", "oob") if f in flags]
        elif field in ("ret", "data", "lens"):  # what a count and the bytes mean
            parts = [f for f in ("peek", "trunc", "waitall", "oob") if f in flags]
            parts += ["vlen>1" if op.get("vlen") not in ("", "1") else ""]
        elif field in ("anc", "leaked"):  # where descriptors may land
            parts = ["no ctrl" if op.get("ctrl") in ("", "0") else "", "child" if op.get("in") == "child" else ""]
        else:  # msg_flags, addr: the value says it all
            parts = []
        return " ".join(filter(None, parts))

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        # the same bytes and descriptors moved; only what is reported about them differs
        if ref.status == iut.status == "err":
            return True
        if not ref.status == iut.status == "ok":
            return False
        return all(ref.get(k) == iut.get(k) for k in ("ret", "data", "anc", "leaked", "lens"))

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        return python.run(ex, op)

    def observed(self, op: Op, obs: Observation, stream: bool) -> Observation:
        """What the step's method can see of an observation: ``recvmsg`` and
        ``recv_fds`` return the bytes, not a truncated datagram's full length;
        ``recv_fds`` returns descriptors only; an autobound sender's name is
        compared by class.  A recvmmsg on a stream is one read
        of the concatenated bytes (how they split into messages is chunking)."""
        if obs.status != "ok":
            return obs
        method, fields = op.get("method"), dict(obs.fields)
        if method and not by_method("recv", method).full_ret:
            fields["ret"] = str(min(int(fields["ret"]), int(op.get("size", "0"))))
        if method == "recv_fds":
            fds = [item[7:] for item in fields["anc"].split(";") if item.startswith("rights:")]
            fields["anc"] = "rights:" + ",".join(filter(None, fds)) if any(fds) else ""
        if _AUTOBOUND.fullmatch(fields.get("addr", "")):
            fields["addr"] = "autobound"  # which name the kernel picked is its choice
        if op.get("via") == "recvmmsg" and "lens" in fields and stream:
            data = fields["data"].replace(",", "")
            fields.update(ret=str(len(data) // 2), data=data, lens="", msg_flags=fields["msg_flags"].replace("/", ""))
        return Observation(obs.status, tuple((k, fields[k]) for k, _ in obs.fields))

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        stream = not ctx.rules.boundaries
        ref, iut = self.observed(op, ref, stream), self.observed(op, iut, stream)
        if ctx.rules.boundaries:
            return None if ref == iut else describe(ref, iut)
        rx = received(ctx).get(op.get("end"))
        if rx is None:
            return None if ref == iut else describe(ref, iut)
        ref_data = bytes.fromhex(ref.get("data")) if ref.status == "ok" else b""
        iut_data = bytes.fromhex(iut.get("data")) if iut.status == "ok" else b""
        if ref == iut:
            rx.ref += ref_data
            rx.iut += iut_data
            return None
        if ref.status == iut.status == "ok":
            for key in ("msg_flags", "anc", "leaked", "addr"):
                if ref.get(key) != iut.get(key):
                    return describe(ref, iut)
            if int(ref.get("ret")) - len(ref_data) != int(iut.get("ret")) - len(iut_data):
                return describe(ref, iut)
        rx.ref += ref_data
        rx.iut += iut_data
        if not rx.consistent():
            return "received bytes differ from the reference's stream " + describe(ref, iut)
        ref_empty = ref.status == "blocked" or ref.get("errno") in _NO_DATA or (ref.status == "ok" and not ref_data)
        iut_empty = iut.status == "blocked" or iut.get("errno") in _NO_DATA or (iut.status == "ok" and not iut_data)
        if ref.status == iut.status == "ok" and ref_data and iut_data:
            return None  # both read something; a different chunking is allowed
        if iut_empty and ref_data and rx.iut_behind <= 0:
            return None  # the implementation had already delivered these bytes
        if ref_empty and iut_data and rx.iut_behind >= 0 and not iut.get("anc") and ref.status != "blocked":
            return None  # the implementation is catching up with bytes Linux gave earlier
        return describe(ref, iut)

    def finish(self, ctx: Context, blocked: bool, impl_only: ImplOnly) -> Optional[str]:
        tally = received(ctx)
        if blocked:
            # a blocked step ends a scenario (the pair's state is no longer known),
            # but bytes the implementation delivered and Linux never had are final
            ahead = [end for end, rx in tally.items() if rx.iut_behind < 0]
            return f"end {ahead[0]} received more than Linux sent" if ahead else None
        for end, rx in tally.items():  # chunked differently: let it deliver the rest
            if rx.iut_behind <= 0:
                continue
            for _ in range(CATCH_UP_READS):
                got = impl_only(op("recv", end=end, size=262144, flags="dontwait"), "catch-up-read-on-impl-only")
                if got.status != "ok" or not got.get("data"):
                    break
                rx.iut += bytes.fromhex(got.get("data"))
        for end, rx in tally.items():
            if rx.iut_behind:
                fewer = "fewer" if len(rx.iut) < len(rx.ref) else "more"
                return f"end {end} received {len(rx.iut)} bytes in all, {fewer} than the {len(rx.ref)} Linux delivered"
        return None

    def c_lines(self, n: int, op: Op) -> list[str]:
        return reproduce.c_lines(n, op)

    def py_lines(self, n: int, op: Op) -> list[str]:
        return reproduce.py_lines(n, op)


register(Recv())
