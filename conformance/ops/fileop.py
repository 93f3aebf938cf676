"""``fileop``: the file calls a socket refuses (catalog A14, protocol version 2).

Made on the object's descriptor (``fileno()``); an object without one is *unsupported*.
"""

from __future__ import annotations

import os
import stat

from hypothesis import strategies as st

from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Operation, PythonSide, register
from .ioctl import descriptor

CALLS = ("pread", "pwrite", "lseek", "fallocate", "fstat", "reopen")


def fileops() -> st.SearchStrategy[Op]:
    return st.builds(lambda e, c: op("fileop", end=e, call=c), ENDS, st.sampled_from(list(CALLS)))


def _run(fd: int, call: str) -> Observation:
    if call == "pread":
        os.pread(fd, 1, 0)
    elif call == "pwrite":
        os.pwrite(fd, b"x", 0)
    elif call == "lseek":
        os.lseek(fd, 0, os.SEEK_CUR)
    elif call == "fallocate":
        os.posix_fallocate(fd, 0, 1)
    elif call == "fstat":
        mode = os.fstat(fd).st_mode
        return ok(value=f"{'sock' if stat.S_ISSOCK(mode) else 'other'}:{mode & 0o7777:o}")
    else:
        os.close(os.open(f"/proc/self/fd/{fd}", os.O_RDWR | os.O_CLOEXEC))
    return ok()


class Fileop(Operation):
    verb = "fileop"
    rows = ("A14",)
    attribution = (("A14", lambda w: True),)

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return fileops()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        return _run(descriptor(ex.end(op)), op.get("call"))

    def salient(self, op: Op, field: str) -> str:
        return f"call={op.get('call')}"

    def site_type(self, op: Op, sock_type: str) -> str:
        return "any"  # a socket refuses file calls whatever its type

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        return op.get("call") != "pwrite" and "blocked" not in (ref.status, iut.status)

    def c_lines(self, n: int, op: Op) -> list[str]:
        fd, call = f"ends[{op.get('end', '0')}]", op.get("call")
        if call == "fstat":
            return [
                "struct stat st;",
                f'if (fstat({fd}, &st) != 0) fail({n}, "fileop");',
                f'else printf("{n} fileop: ok value=%s:%o\\n", S_ISSOCK(st.st_mode) ? "sock" : "other",'
                " (unsigned)(st.st_mode & 07777));",
            ]
        if call == "reopen":
            return [
                f'char path[64]; snprintf(path, sizeof path, "/proc/self/fd/%d", {fd});',
                "int again = open(path, O_RDWR | O_CLOEXEC);",
                f'if (again < 0) fail({n}, "fileop"); else {{ close(again); printf("{n} fileop: ok\\n"); }}',
            ]
        made = {
            "pread": f"char b; long rc = pread({fd}, &b, 1, 0);",
            "pwrite": f'long rc = pwrite({fd}, "x", 1, 0);',
            "lseek": f"long rc = lseek({fd}, 0, SEEK_CUR);",
            "fallocate": f"int e = posix_fallocate({fd}, 0, 1); long rc = e ? -1 : 0; if (e) errno = e;",
        }[call]
        return [made, f'if (rc < 0) fail({n}, "fileop"); else printf("{n} fileop: ok\\n");']

    def py_lines(self, n: int, op: Op) -> list[str]:
        fd, call = f"end({op.get('end', '0')}).fileno()", op.get("call")
        made = {
            "pread": f"[os.pread({fd}, 1, 0), None][1]",
            "pwrite": f"[os.pwrite({fd}, b'x', 0), None][1]",
            "lseek": f"[os.lseek({fd}, 0, os.SEEK_CUR), None][1]",
            "fallocate": f"os.posix_fallocate({fd}, 0, 1)",
            "fstat": f"(lambda m: 'value=%s:%o' % ('sock' if (m & 0o170000) == 0o140000 else 'other', m & 0o7777))"
            f"(os.fstat({fd}).st_mode)",
            "reopen": f"os.close(os.open('/proc/self/fd/%d' % {fd}, os.O_RDWR | os.O_CLOEXEC))",
        }[call]
        return [f"show({n}, 'fileop', lambda: {made})"]


register(Fileop())
