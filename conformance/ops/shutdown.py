"""``shutdown``: shutdown(end, how), including values of ``how`` Linux refuses."""

from __future__ import annotations

import socket

from hypothesis import strategies as st

from ..spec import names
from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Operation, PythonSide, always, register

HOWS = {"rd": socket.SHUT_RD, "wr": socket.SHUT_WR, "rdwr": socket.SHUT_RDWR}


def shutdowns() -> st.SearchStrategy[Op]:
    return st.builds(
        lambda e, h: op("shutdown", end=e, how=h), ENDS, st.sampled_from(["rd", "wr", "rdwr", "rdwr", "3", "-1"])
    )


class Shutdown(Operation):
    verb = "shutdown"
    rows = ("M5",)
    attribution = (("M5", always),)

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return shutdowns()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        ex.end(op).shutdown(names.lookup(HOWS, op.get("how")))
        return ok()

    def salient(self, op: Op, field: str) -> str:
        return f"how={op.get('how')}"

    def c_lines(self, n: int, op: Op) -> list[str]:
        how = names.lookup(HOWS, op.get("how"))
        call = f"shutdown(ends[{op.get('end', '0')}], {how})"
        return [f'if ({call} != 0) fail({n}, "shutdown"); else printf("{n} shutdown: ok\\n");']

    def py_lines(self, n: int, op: Op) -> list[str]:
        how = names.lookup(HOWS, op.get("how"))
        return [f"show({n}, 'shutdown', lambda: end({op.get('end', '0')}).shutdown({how}))"]


register(Shutdown())
