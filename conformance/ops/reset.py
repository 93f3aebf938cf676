"""``reset``: close the pair and every object; the start of every scenario."""

from __future__ import annotations

from hypothesis import strategies as st

from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import Operation, PythonSide, register

RESET = op("reset")  # the first step of every scenario


class Reset(Operation):
    verb = "reset"
    setup = True  # observes nothing of the implementation: no catalog row

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return st.just(RESET)

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        ex.reset()
        return ok()

    def c_lines(self, n: int, op: Op) -> list[str]:
        return []  # a standalone program starts with nothing open

    def py_lines(self, n: int, op: Op) -> list[str]:
        return []


register(Reset())
