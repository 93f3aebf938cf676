"""``setsockopt``: set an integer SOL_SOCKET option on an end."""

from __future__ import annotations

import socket
from typing import Optional

from hypothesis import strategies as st

from ..spec import names
from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Context, Operation, PythonSide, register
from .getsockopt import OPTION_RULES, OPTS, SIZED, STRUCTS, needs_of

# protocol version 2: timeouts (SEC.USEC; a usec out of range is EDOM, a negative
# second is accepted), lingers (ONOFF.SECS), forced sizes and the rest
VALUES_2: dict[str, tuple[object, ...]] = {
    "rcvtimeo": ("0.000000", "0.004000", "1.500000", "2.000000", "-1.000000", "0.1000000", "0.-1"),
    "sndtimeo": ("0.000000", "0.004000", "2.000000", "0.1000000", "0.-1"),
    "linger": ("1.5", "0.0", "1.0"),
    "peek_off": (0, 1, 3, -1),
    "inq": (1, 0),
    "rcvbufforce": (8192, 1 << 22),
    "sndbufforce": (8192, 1 << 22),
    "sndbuf": (0, 1, 8192, 1 << 30),
    "rcvbuf": (0, 1, 8192, 1 << 30),
    "oobinline": (1, 0),
    "passrights": (0, 1),
    "passpidfd": (1, 0),
}


def setsockopts() -> st.SearchStrategy[Op]:
    values = st.sampled_from([0, 1, 2, -1, 1000, 4096, 100000])
    return st.builds(
        lambda e, o, v: op("setsockopt", end=e, opt=o, value=v),
        ENDS,
        st.sampled_from(["passcred", "passcred", "keepalive", "rcvlowat", "bogus"]),
        values,
    )


def setsockopts_2(opts: tuple[str, ...] = tuple(VALUES_2)) -> st.SearchStrategy[Op]:
    """The options of protocol version 2 with the values that tell Linux's rules apart."""
    return st.sampled_from(list(opts)).flatmap(
        lambda o: st.builds(lambda e, v: op("setsockopt", end=e, opt=o, value=v), ENDS, st.sampled_from(VALUES_2[o]))
    )


def struct_bytes(opt: str, value: str) -> bytes:
    first, _, second = value.partition(".")
    return STRUCTS[opt].pack(int(first), int(second))


def passcred() -> st.SearchStrategy[Op]:
    return st.builds(lambda e, v: op("setsockopt", end=e, opt="passcred", value=v), ENDS, st.sampled_from([1, 1, 0]))


class Setsockopt(Operation):
    verb = "setsockopt"
    rows = ("A13", "I1", "L2", "L3", "L5", "G10", "G3", "C16", "O2", "H31")
    attribution = (
        ("A13", lambda w: w.op.get("opt") == "bogus"),
        *OPTION_RULES,
        ("L3", lambda w: w.op.get("opt") in ("rcvbufforce", "sndbufforce")),
        ("I1", lambda w: w.op.get("opt") == "passcred"),
        ("L2", lambda w: w.op.get("opt") in ("sndbuf", "rcvbuf")),
        ("L5", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return setsockopts()

    def needs(self, op: Op) -> frozenset[str]:
        return needs_of(op)

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        opt, value = op.get("opt"), op.get("value")
        given = struct_bytes(opt, value) if opt in STRUCTS else int(value)
        ex.end(op).setsockopt(socket.SOL_SOCKET, names.lookup(OPTS, opt), given)
        return ok()

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        opt = op.get("opt")
        if opt in ("sndbuf", "rcvbuf", "sndbufforce", "rcvbufforce"):  # read back exactly from now on (L2)
            sized = opt.replace("force", "")
            ctx.state.setdefault(SIZED, set()).add((op.get("end"), sized))
        return super().compare(ctx, op, ref, iut)

    def salient(self, op: Op, field: str) -> str:
        return f"opt={op.get('opt')} value={op.get('value')}"

    def c_lines(self, n: int, op: Op) -> list[str]:
        opt, end = names.lookup(OPTS, op.get("opt")), f"ends[{op.get('end', '0')}]"
        if op.get("opt") in STRUCTS:
            first, _, second = op.get("value").partition(".")
            kind = "struct timeval" if op.get("opt") != "linger" else "struct linger"
            return [
                f"{kind} v = {{ {int(first)}, {int(second)} }};",
                f'if (setsockopt({end}, SOL_SOCKET, {opt}, &v, sizeof v) != 0) fail({n}, "setsockopt");'
                f' else printf("{n} setsockopt: ok\\n");',
            ]
        return [
            f"int v = {op.get('value', '0')};",
            f'if (setsockopt({end}, SOL_SOCKET, {opt}, &v, sizeof v) != 0) fail({n}, "setsockopt");'
            f' else printf("{n} setsockopt: ok\\n");',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        opt, e = names.lookup(OPTS, op.get("opt")), op.get("end", "0")
        if op.get("opt") in STRUCTS:
            given = struct_bytes(op.get("opt"), op.get("value"))
            return [f"show({n}, 'setsockopt', lambda: end({e}).setsockopt(socket.SOL_SOCKET, {opt}, {given!r}))"]
        return [f"show({n}, 'setsockopt', lambda: end({e}).setsockopt(socket.SOL_SOCKET, {opt}, {op.get('value')}))"]


register(Setsockopt())
