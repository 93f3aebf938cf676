"""``getsockopt``: SOL_SOCKET options of an end, values by name where Linux has one."""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from typing import Callable, Optional

from hypothesis import strategies as st

from ..spec import names
from ..spec.protocol import Observation, Op, err, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Context, Operation, PythonSide, register
from .pair import FAMILIES, TYPES
from .send import UCRED

OPTS = {
    "type": socket.SO_TYPE,
    "domain": getattr(socket, "SO_DOMAIN", 39),
    "protocol": getattr(socket, "SO_PROTOCOL", 38),
    "passcred": socket.SO_PASSCRED,
    "peercred": socket.SO_PEERCRED,
    "sndbuf": socket.SO_SNDBUF,
    "rcvbuf": socket.SO_RCVBUF,
    "error": socket.SO_ERROR,
    "acceptconn": socket.SO_ACCEPTCONN,
    "rcvlowat": socket.SO_RCVLOWAT,
    "keepalive": socket.SO_KEEPALIVE,
    "bogus": 9999,
}
ALL_OPTS = tuple(OPTS)


def _positive(value: str) -> str:
    return "positive" if value.lstrip("-").isdigit() and int(value) > 0 else value


# Values compared by class: a buffer size is an implementation's choice (L1);
# that it is a positive number is not.
VALUE_CLASSES: dict[str, Callable[[str], str]] = {"sndbuf": _positive, "rcvbuf": _positive}


def getsockopts(opts: Sequence[str] = ALL_OPTS) -> st.SearchStrategy[Op]:
    return st.builds(lambda e, o: op("getsockopt", end=e, opt=o), ENDS, st.sampled_from(list(opts)))


class Getsockopt(Operation):
    verb = "getsockopt"
    rows = ("A11", "A12", "A13", "I1", "J1", "L1", "L5")
    attribution = (
        ("A11", lambda w: w.op.get("opt") in ("type", "domain", "protocol")),
        ("A13", lambda w: w.op.get("opt") == "bogus"),
        ("J1", lambda w: w.op.get("opt") == "peercred"),
        ("I1", lambda w: w.op.get("opt") == "passcred"),
        ("L1", lambda w: w.op.get("opt") in ("sndbuf", "rcvbuf")),
        ("L5", lambda w: w.op.get("opt") == "keepalive"),
        ("A12", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return getsockopts()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        sock, opt = ex.end(op), names.lookup(OPTS, op.get("opt"))
        if opt == socket.SO_PEERCRED:
            pid, uid, gid = UCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, opt, UCRED.size))
            return ok(value="self" if (pid, uid, gid) == (ex.pid, os.getuid(), os.getgid()) else f"{pid}.{uid}.{gid}")
        value = sock.getsockopt(socket.SOL_SOCKET, opt)
        if opt == socket.SO_TYPE:
            return ok(value=names.name_of(TYPES, value))
        if opt == OPTS["domain"]:
            return ok(value=names.name_of(FAMILIES, value))
        if opt == socket.SO_ERROR:
            return ok(value=err(value).get("errno") if value else "0")
        return ok(value=value)

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        classify = VALUE_CLASSES.get(op.get("opt"))
        if classify is None or not ref.status == iut.status == "ok":
            return super().compare(ctx, op, ref, iut)
        same = classify(ref.get("value")) == classify(iut.get("value"))
        return None if same else f"value class {classify(ref.get('value'))} vs {classify(iut.get('value'))}"

    def salient(self, op: Op, field: str) -> str:
        return f"opt={op.get('opt')}"

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        return "blocked" not in (ref.status, iut.status) and iut.status != "raised"  # it only looks

    def c_lines(self, n: int, op: Op) -> list[str]:
        opt = names.lookup(OPTS, op.get("opt"))
        return [
            "int v[16] = {0}; socklen_t len = sizeof v;",
            f'if (getsockopt(ends[{op.get("end", "0")}], SOL_SOCKET, {opt}, v, &len) != 0) fail({n}, "getsockopt");',
            f'else printf("{n} getsockopt: ok value=%d (%u bytes)\\n", v[0], (unsigned)len);',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        opt, e = names.lookup(OPTS, op.get("opt")), op.get("end", "0")
        value = "(lambda b: 'value=%d (%d bytes)' % (int.from_bytes(b[:4], 'little', signed=True), len(b)))"
        return [f"show({n}, 'getsockopt', lambda: {value}(end({e}).getsockopt(socket.SOL_SOCKET, {opt}, 64)))"]


register(Getsockopt())
