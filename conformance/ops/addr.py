"""``addr``: the address calls on a pair end (catalog K1, K2, K4, K5; protocol version 2).

``call=getsockname|getpeername`` replies ``addr`` (and ``len``, the returned
length, from a driver: Python cannot see it, so the in-process executor leaves
it out and only ``addr`` is compared there); ``bind`` and ``connect`` take
``addr=`` (``unnamed`` asks Linux to autobind an abstract name, ``badfamily``
is an AF_INET family in a sockaddr_un, ``path:HEX`` a path); ``listen``,
``accept``.  Paths are never made: the suite binds only names that fail
(a missing directory) or that the kernel picks, so two executors never collide.
``addrlen=-1`` (a negative ``*addrlen``) is for C callers only: capability ``abi``.
"""

from __future__ import annotations

from typing import Any, Optional

from hypothesis import strategies as st

from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Context, Operation, PythonSide, describe, register
from .recv import autobound_class
from .recv.python import describe_address
from .send.python import address_of

CALLS = ("getsockname", "getpeername", "bind", "listen", "accept", "connect")
MISSING = "path:" + b"/nonexistent-spc/x".hex()  # ENOENT: its directory does not exist
TARGETS = ("unnamed", MISSING)  # badfamily is a C caller's (properties/abi.py)


def addrs() -> st.SearchStrategy[Op]:
    named = st.builds(lambda e, c: op("addr", end=e, call=c), ENDS, st.sampled_from(["getsockname", "getpeername"]))
    target = st.builds(
        lambda e, c, a: op("addr", end=e, call=c, addr=a),
        ENDS,
        st.sampled_from(["bind", "connect"]),
        st.sampled_from(TARGETS),
    )
    other = st.builds(lambda e, c: op("addr", end=e, call=c), ENDS, st.sampled_from(["listen", "accept"]))
    return st.one_of(named, target, other)


def negative_length() -> st.SearchStrategy[Op]:
    return st.builds(lambda e: op("addr", end=e, call="getpeername", addrlen=-1), ENDS)


class Addr(Operation):
    verb = "addr"
    rows = ("K1", "K2", "K4", "K5")
    attribution = (
        ("K2", lambda w: w.op.has("addrlen")),
        ("K5", lambda w: w.op.get("call") in ("listen", "accept")),
        ("K4", lambda w: w.op.get("call") in ("bind", "connect")),
        ("K1", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return addrs()

    def needs(self, op: Op) -> frozenset[str]:
        # a negative *addrlen, a sockaddr of another family: Python's API cannot make these calls
        return frozenset({"abi"}) if op.has("addrlen") or op.get("addr") == "badfamily" else frozenset()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        sock, call = ex.end(op), op.get("call")
        if self.needs(op):
            raise NotImplementedError("addr: a C caller's call (capability abi)")
        if call in ("getsockname", "getpeername"):
            return ok(addr=describe_address(getattr(sock, call)()))
        if call == "bind" or call == "connect":
            getattr(sock, call)(address_of(op.get("addr")))
            return ok()
        if call == "listen":
            sock.listen(1)
            return ok()
        return ex.bounded(lambda: _accepted(sock))

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        # len is a driver's; an autobound name is Linux's choice, that there is one is not
        left, right = (
            ok(addr=autobound_class(o.get("addr"))) if o.status == "ok" and o.get("addr") else o for o in (ref, iut)
        )
        return None if left == right else describe(ref, iut)

    def salient(self, op: Op, field: str) -> str:
        return f"call={op.get('call')}" + (f" addr={op.get('addr')}" if op.has("addr") else "")

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        return op.get("call") in ("getsockname", "getpeername") and "blocked" not in (ref.status, iut.status)

    def c_lines(self, n: int, op: Op) -> list[str]:
        end, call = f"ends[{op.get('end', '0')}]", op.get("call")
        if call in ("getsockname", "getpeername"):
            given = op.get("addrlen") or "(int)sizeof a"
            return [
                f"struct sockaddr_un a; socklen_t len = (socklen_t)({given}); memset(&a, 0, sizeof a);",
                f'if ({call}({end}, (struct sockaddr *)&a, &len) != 0) fail({n}, "addr");',
                f'else printf("{n} addr: ok len=%u family=%d name=%.*s\\n", (unsigned)len, a.sun_family,'
                ' (int)(len > 2 ? len - 2 : 0), a.sun_path[0] ? a.sun_path : "(abstract or none)");',
            ]
        if call in ("bind", "connect"):
            spec = op.get("addr")
            name = b"" if spec in ("unnamed", "badfamily") else address_of(spec)
            family = "AF_INET" if spec == "badfamily" else "AF_UNIX"
            length = "sizeof a" if spec == "badfamily" else f"offsetof(struct sockaddr_un, sun_path) + {len(name)}"
            return [
                f"struct sockaddr_un a; memset(&a, 0, sizeof a); a.sun_family = {family};",
                f'memcpy(a.sun_path, "{name.decode("latin-1")}", {len(name)});',
                f'if ({call}({end}, (struct sockaddr *)&a, {length}) != 0) fail({n}, "addr");',
                f'else printf("{n} addr: ok\\n");',
            ]
        if call == "listen":
            return [f'if (listen({end}, 1) != 0) fail({n}, "addr"); else printf("{n} addr: ok\\n");']
        return [
            f'arm({n}, "addr"); int got = accept({end}, NULL, NULL); alarm(0);',
            f'if (got < 0) fail({n}, "addr"); else {{ close(got); printf("{n} addr: ok\\n"); }}',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        end, call = f"end({op.get('end', '0')})", op.get("call")
        if call in ("getsockname", "getpeername"):
            return [f"show({n}, 'addr', lambda: 'addr=%r' % ({end}.{call}(),))"]
        if call in ("bind", "connect"):
            if op.get("addr") == "badfamily":
                return [f"print('{n} addr: (a sockaddr of another family: C only)')"]
            return [f"show({n}, 'addr', lambda: {end}.{call}({address_of(op.get('addr'))!r}))"]
        if call == "listen":
            return [f"show({n}, 'addr', lambda: {end}.listen(1))"]
        return [f"show({n}, 'addr', lambda: {end}.accept()[0].close())"]


def _accepted(sock: Any) -> Observation:
    new, _ = sock.accept()
    new.close()
    return ok()


register(Addr())
