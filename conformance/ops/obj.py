"""``obj``: descriptors with known identities (files, a pipe, /dev/null), so that
a received descriptor can be said to *be* one of them (ops/fdident.py)."""

from __future__ import annotations

from hypothesis import strategies as st

from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import Operation, PythonSide, register
from .source import c_bytes

# Objects every scenario starts with, so fds with known identities can travel:
# a read-write file, a read-only file, a pipe, /dev/null, and a file whose
# descriptor has FD_CLOEXEC in the sender (H17: not carried over).
OBJECTS = (
    op("obj", name="f", kind="file", data=b"file f".hex()),
    op("obj", name="g", kind="rofile", data=b"read-only g".hex()),
    op("obj", name="p", kind="pipe", data=b"pipe".hex()),
    op("obj", name="n", kind="devnull"),
    op("obj", name="c", kind="file", data=b"cloexec c".hex(), cloexec=1),
)
FD_NAMES = ("f", "g", "p.r", "p.w", "n", "c", "end0", "end1")


class Obj(Operation):
    verb = "obj"
    setup = True  # the executor's own files: no catalog row

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return st.sampled_from(OBJECTS)

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        ex.objects.create(op.get("name"), op.get("kind"), bytes.fromhex(op.get("data")), op.get("cloexec") == "1")
        return ok()

    def c_lines(self, n: int, op: Op) -> list[str]:
        text, length = c_bytes(op.get("data"))
        cloexec = int(op.get("cloexec") == "1")
        return [f'make_object("{op.get("name")}", "{op.get("kind")}", {text}, {length}, {cloexec});']

    def py_lines(self, n: int, op: Op) -> list[str]:
        data, cloexec = op.get("data"), op.get("cloexec") == "1"
        return [f"make_object({op.get('name')!r}, {op.get('kind')!r}, bytes.fromhex({data!r}), {cloexec})"]


register(Obj())
