"""``close``: close one end (its number may then be reused; the suite never touches it again)."""

from __future__ import annotations

from hypothesis import strategies as st

from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Context, Operation, PythonSide, always, register
from .send import ENDS_SENT


def closes() -> st.SearchStrategy[Op]:
    return st.builds(lambda e: op("close", end=e), ENDS)


class Close(Operation):
    verb = "close"
    rows = ("B11",)
    attribution = (("B11", always),)

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return closes()

    def leaves_pair_unknown(self, ctx: Context, op: Op, ref: Observation) -> bool:
        # An end sent over the pair may still be in flight, perhaps in its own queue: closed
        # here, only the kernel's unix garbage collector frees it, asynchronously, so whether
        # its peer then reads EOF or waits is timing (seen in the state machine).
        return f"end{op.get('end', '0')}" in ctx.state.get(ENDS_SENT, set())

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        sock = ex.end(op)
        ex.ends[int(op.get("end"))] = None
        sock.close()
        return ok()

    def c_lines(self, n: int, op: Op) -> list[str]:
        end = f"ends[{op.get('end', '0')}]"
        return [f'if (close({end}) != 0) fail({n}, "close"); else printf("{n} close: ok\\n");', f"{end} = -1;"]

    def py_lines(self, n: int, op: Op) -> list[str]:
        e = op.get("end", "0")
        return [f"show({n}, 'close', lambda: (end({e}).close(), ends.__setitem__({op.get('end')}, None))[1])"]


register(Close())
