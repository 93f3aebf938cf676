"""``fdflags``: O_NONBLOCK and FD_CLOEXEC of an end's descriptor."""

from __future__ import annotations

import fcntl
import os
from typing import Optional

from hypothesis import strategies as st

from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Context, Operation, PythonSide, describe, register


def fdflags() -> st.SearchStrategy[Op]:
    return st.builds(lambda e: op("fdflags", end=e), ENDS)


class Fdflags(Operation):
    verb = "fdflags"
    rows = ("A9", "A10")
    attribution = (("A9", lambda w: w.field == "cloexec"), ("A10", lambda w: True))

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return fdflags()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        fd = ex.end(op).fileno()
        nonblock = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_NONBLOCK
        cloexec = fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
        return ok(nonblock=int(bool(nonblock)), cloexec=int(bool(cloexec)))

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        if ctx.waive_end_cloexec and ref.status == iut.status == "ok":  # PEP 446 (ops/base.py Context)
            return None if ref.get("nonblock") == iut.get("nonblock") else describe(ref, iut)
        return super().compare(ctx, op, ref, iut)

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        return "blocked" not in (ref.status, iut.status) and iut.status != "raised"  # it only looks

    def reproduced(self, op: Op, ref: Observation, iut: Observation, deviating: bool) -> Op:
        # a difference the suite waived (FD_CLOEXEC, PEP 446) is not printed by
        # the programs either: they differ only where the suite said so
        if not deviating and ref != iut:
            return Op(op.verb, (*op.args, ("show", "nonblock")))
        return op

    def c_lines(self, n: int, op: Op) -> list[str]:
        end = f"ends[{op.get('end', '0')}]"
        # FD_CLOEXEC where the suite waived it (PEP 446) is printed as such
        shown, arg = (
            ("(not compared: PEP 446)", "") if op.get("show") == "nonblock" else ("%d", ", !!(fd & FD_CLOEXEC)")
        )
        return [
            f"int fl = fcntl({end}, F_GETFL), fd = fcntl({end}, F_GETFD);",
            f'if (fl < 0 || fd < 0) fail({n}, "fdflags");',
            f'else printf("{n} fdflags: ok nonblock=%d cloexec={shown}\\n", !!(fl & O_NONBLOCK){arg});',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        end = f"end({op.get('end', '0')})"
        waived = op.get("show") == "nonblock"
        shown = "(not compared: PEP 446)" if waived else "%d"
        arg = "" if waived else f", bool(fcntl.fcntl({end}.fileno(), fcntl.F_GETFD) & fcntl.FD_CLOEXEC)"
        return [
            f"show({n}, 'fdflags', lambda: 'nonblock=%d cloexec={shown}' % "
            f"(bool(fcntl.fcntl({end}.fileno(), fcntl.F_GETFL) & os.O_NONBLOCK){arg}))"
        ]


register(Fdflags())
