"""Which catalog behaviour a deviation breaks: the second half of its stable id.

A property exercises many behaviours of ../shared/reference/behaviour-catalog.md;
a deviation is the one step where Linux and the implementation disagree.  The
table below looks at that step (verb, arguments, socket type, and the first
field that differs) and lists the catalog rows it could be, most specific
first.  The first row the property is tagged with wins; if none is, the first
row listed; if no rule matches, ``?``.  The id is then ``PROPERTY:ROW``
(``messages.boundaries_and_truncation:D3``), stable for a given minimal
scenario, which is what expectation files name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..spec.protocol import Observation, Op

UNATTRIBUTED = "?"


@dataclass(frozen=True)
class Where:
    """The diverging step, as the rules see it."""

    op: Op
    ref: Observation
    iut: Observation
    sock_type: str
    field: str  # the first differing field: status, errno, ret, data, anc, msg_flags, value, ... or "totals"

    def has_flag(self, flag: str) -> bool:
        return flag in self.op.get("flags").split(",")

    @property
    def stream(self) -> bool:
        return self.sock_type == "stream"

    @property
    def errnos(self) -> set[str]:
        return {self.ref.get("errno"), self.iut.get("errno")} - {""}


Rule = tuple[str, Callable[[Where], bool]]

_EOF_ERRORS = {"EPIPE", "ECONNRESET", "ECONNREFUSED", "ENOTCONN"}

RULES: dict[str, list[Rule]] = {
    "pair": [
        ("A4", lambda w: w.op.get("family") not in ("unix", "inet", "inet6")),
        ("A7", lambda w: w.op.get("family") in ("inet", "inet6")),
        ("A5", lambda w: "bogus" in w.op.get("flags")),
        ("A6", lambda w: w.op.get("type") == "rdm"),
        ("A3", lambda w: w.op.get("type") == "raw"),
        ("A2", lambda w: w.op.get("proto") not in ("", "0")),
        ("A1", lambda w: True),
    ],
    "fdflags": [("A9", lambda w: w.field == "cloexec"), ("A10", lambda w: True)],
    "getsockopt": [
        ("A11", lambda w: w.op.get("opt") in ("type", "domain", "protocol")),
        ("A13", lambda w: w.op.get("opt") == "bogus"),
        ("J1", lambda w: w.op.get("opt") == "peercred"),
        ("I1", lambda w: w.op.get("opt") == "passcred"),
        ("L1", lambda w: w.op.get("opt") in ("sndbuf", "rcvbuf")),
        ("L5", lambda w: w.op.get("opt") == "keepalive"),
        ("A12", lambda w: True),
    ],
    "setsockopt": [
        ("A13", lambda w: w.op.get("opt") == "bogus"),
        ("I1", lambda w: w.op.get("opt") == "passcred"),
        ("L2", lambda w: w.op.get("opt") in ("sndbuf", "rcvbuf")),
        ("L5", lambda w: True),
    ],
    "shutdown": [("M5", lambda w: True)],
    "close": [("B11", lambda w: True)],
    "poll": [
        ("N3", lambda w: not w.stream),
        ("N4", lambda w: w.stream),
        ("N1", lambda w: True),
        ("N5", lambda w: True),
    ],
    "duplex": [("B1", lambda w: True)],
    "send": [
        ("H5", lambda w: "badfd" in w.op.get("anc")),
        ("H9", lambda w: "raw:" in w.op.get("anc")),
        ("I8", lambda w: "creds" in w.op.get("anc") and w.field in ("status", "errno")),
        ("H22", lambda w: "rights:" in w.op.get("anc") and not w.op.get("data").replace(",", "")),
        ("C7", lambda w: w.stream and not w.op.get("data").replace(",", "")),
        ("D7", lambda w: not w.stream and not w.op.get("data").replace(",", "")),
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
        ("B1", lambda w: True),
    ],
    "recv": [
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
        ("B3", lambda w: "," in w.op.get("iov")),
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
        ("C1", lambda w: w.stream),
        ("C2", lambda w: w.stream),
    ],
    "totals": [("C1", lambda w: True), ("B1", lambda w: True)],
}


def first_difference(ref: Observation, iut: Observation) -> str:
    if ref.status != iut.status:
        return "status"
    for key in dict.fromkeys([k for k, _ in ref.fields] + [k for k, _ in iut.fields]):
        if ref.get(key) != iut.get(key):
            return key
    return "status"


def attribute(op: Op, ref: Observation, iut: Observation, sock_type: str, tags: tuple[str, ...]) -> str:
    """The catalog row this step breaks (see the module docstring)."""
    field = "totals" if op.verb == "recv" and ref.get("note") else first_difference(ref, iut)
    verb = "totals" if field == "totals" else op.verb
    where = Where(op, ref, iut, sock_type, field)
    candidates = [row for row, applies in RULES.get(verb, []) if applies(where)]
    tagged = [row for row in candidates if row in tags]
    return (tagged or candidates or [UNATTRIBUTED])[0]
