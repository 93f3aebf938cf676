"""``setsockopt``: set an integer SOL_SOCKET option on an end."""

from __future__ import annotations

import socket

from hypothesis import strategies as st

from ..spec import names
from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Operation, PythonSide, register
from .getsockopt import OPTS


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


class Setsockopt(Operation):
    verb = "setsockopt"
    rows = ("A13", "I1", "L2", "L5")
    attribution = (
        ("A13", lambda w: w.op.get("opt") == "bogus"),
        ("I1", lambda w: w.op.get("opt") == "passcred"),
        ("L2", lambda w: w.op.get("opt") in ("sndbuf", "rcvbuf")),
        ("L5", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return setsockopts()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        ex.end(op).setsockopt(socket.SOL_SOCKET, names.lookup(OPTS, op.get("opt")), int(op.get("value")))
        return ok()

    def salient(self, op: Op, field: str) -> str:
        return f"opt={op.get('opt')} value={op.get('value')}"

    def c_lines(self, n: int, op: Op) -> list[str]:
        opt, end = names.lookup(OPTS, op.get("opt")), f"ends[{op.get('end', '0')}]"
        return [
            f"int v = {op.get('value', '0')};",
            f'if (setsockopt({end}, SOL_SOCKET, {opt}, &v, sizeof v) != 0) fail({n}, "setsockopt");'
            f' else printf("{n} setsockopt: ok\\n");',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        opt, e = names.lookup(OPTS, op.get("opt")), op.get("end", "0")
        return [f"show({n}, 'setsockopt', lambda: end({e}).setsockopt(socket.SOL_SOCKET, {opt}, {op.get('value')}))"]


register(Setsockopt())
