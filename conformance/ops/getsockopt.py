"""``getsockopt``: SOL_SOCKET options of an end, values by name where Linux has one."""

from __future__ import annotations

import ctypes
import os
import socket
import struct
from collections.abc import Sequence
from typing import Any, Callable, Optional

from hypothesis import strategies as st

from ..spec import names
from ..spec.constants import exported, refuse_if_lacking
from ..spec.protocol import Observation, Op, err, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Context, Operation, PythonSide, Rule, Where, register
from .fdident import describe_pidfd
from .pair import FAMILIES, TYPES
from .send import UCRED

OPTS = {
    "type": socket.SO_TYPE,
    "domain": exported(socket, "SO_DOMAIN"),
    "protocol": exported(socket, "SO_PROTOCOL"),
    "passcred": exported(socket, "SO_PASSCRED"),
    "peercred": exported(socket, "SO_PEERCRED"),
    "sndbuf": socket.SO_SNDBUF,
    "rcvbuf": socket.SO_RCVBUF,
    "error": socket.SO_ERROR,
    "acceptconn": socket.SO_ACCEPTCONN,
    "rcvlowat": socket.SO_RCVLOWAT,
    "keepalive": socket.SO_KEEPALIVE,
    "bogus": 9999,
}
ALL_OPTS = tuple(OPTS)
# protocol version 2 (capability sockopt2); timeouts are SEC.USEC, a linger ONOFF.SECS
OPTS_2 = {
    "rcvtimeo": socket.SO_RCVTIMEO,
    "sndtimeo": socket.SO_SNDTIMEO,
    "peek_off": getattr(socket, "SO_PEEK_OFF", 42),
    "linger": socket.SO_LINGER,
    "inq": 84,  # SO_INQ
    "rcvbufforce": getattr(socket, "SO_RCVBUFFORCE", 33),
    "sndbufforce": getattr(socket, "SO_SNDBUFFORCE", 32),
    "oobinline": socket.SO_OOBINLINE,
    "passrights": 83,  # SO_PASSRIGHTS, Linux 6.16
    "passpidfd": 76,  # SO_PASSPIDFD: an SCM_PIDFD of the sender with each message
    "peerpidfd": 77,  # SO_PEERPIDFD: a pidfd of the peer
}
OPTS.update(OPTS_2)
TIMEVAL = struct.Struct("ll")  # struct timeval on LP64 Linux
LINGER = struct.Struct("ii")
STRUCTS = {"rcvtimeo": TIMEVAL, "sndtimeo": TIMEVAL, "linger": LINGER}


def _shape(opt: str) -> str:
    """How a two-field option prints (as the C reproducer prints it): a timeval SEC.USEC."""
    return "%d.%06d" if STRUCTS[opt] is TIMEVAL else "%d.%d"


def struct_value(opt: str, raw: bytes) -> str:
    return _shape(opt) % STRUCTS[opt].unpack(raw[: STRUCTS[opt].size])


def _timeout_class(value: str) -> str:
    """A timeout as Linux keeps it, in ticks: what HZ does not change (a 20 ms grain)."""
    sec, _, usec = value.partition(".")
    if not (sec.lstrip("-").isdigit() and usec.isdigit()):
        return value
    total = int(sec) * 1_000_000 + int(usec)
    return f"{-(-total // 20_000) * 20} ms" if total >= 0 else value


def _positive(value: str) -> str:
    return "positive" if value.lstrip("-").isdigit() and int(value) > 0 else value


# Values compared by class: a buffer size is an implementation's choice (L1);
# that it is a positive number is not.
VALUE_CLASSES: dict[str, Callable[[str], str]] = {
    "sndbuf": _positive,
    "rcvbuf": _positive,
    "rcvtimeo": _timeout_class,
    "sndtimeo": _timeout_class,
}
SIZED = "sized"  # Context.state: the (end, option) pairs a setsockopt sized in this scenario (L2)


def getsockopts(opts: Sequence[str] = ALL_OPTS) -> st.SearchStrategy[Op]:
    return st.builds(lambda e, o: op("getsockopt", end=e, opt=o), ENDS, st.sampled_from(list(opts)))


# The rows of the version-2 options, the same whether the step sets or reads them
_OPTION_ROWS = (
    ("G10", ("rcvtimeo", "sndtimeo")),
    ("G3", ("peek_off",)),
    ("C16", ("linger",)),
    ("O2", ("inq",)),
    ("H31", ("passrights",)),
)


def _option_in(opts: tuple[str, ...]) -> Callable[[Where], bool]:
    return lambda w: w.op.get("opt") in opts


OPTION_RULES: tuple[Rule, ...] = tuple((row, _option_in(opts)) for row, opts in _OPTION_ROWS)


def needs_of(op: Op) -> frozenset[str]:
    needs = {"sockopt2"} if op.get("opt") in OPTS_2 else set()
    return frozenset(needs | ({"pidns"} if op.get("in") == "pidns" else set()))


def _peercred_in_new_pidns(sock: Any) -> bytes:
    """SO_PEERCRED as a process in a new pid namespace reads it (J3): a helper child
    unshares CLONE_NEWPID and forks the reader, pid 1 there; ours never changes."""
    read_end, write_end = os.pipe()
    helper = os.fork()
    if helper == 0:  # pragma: no cover - runs in the child
        try:
            _unshare_pid_namespace()
            reader = os.fork()
            if reader == 0:
                got = sock.getsockopt(socket.SOL_SOCKET, refuse_if_lacking(OPTS["peercred"]), UCRED.size)
                os.write(write_end, b"ok " + bytes(got).hex().encode())
                os._exit(0)
            os.waitpid(reader, 0)
        except OSError as exc:
            os.write(write_end, f"err {exc.errno}".encode())
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        answer = os.read(read_end, 256).decode()
    finally:
        os.close(read_end)
        os.waitpid(helper, 0)
    kind, _, rest = answer.partition(" ")
    if kind != "ok":
        raise OSError(int(rest or 5), "in a new pid namespace")
    return bytes.fromhex(rest)


def _unshare_pid_namespace() -> None:
    unshare = getattr(os, "unshare", None)  # Python 3.12
    if unshare is not None:
        unshare(0x20000000)  # CLONE_NEWPID
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(0x20000000) != 0:
        raise OSError(ctypes.get_errno(), "unshare")


class Getsockopt(Operation):
    verb = "getsockopt"
    rows = ("A11", "A12", "A13", "I1", "J1", "L1", "L5", "G10", "G3", "C16", "O2", "H31", "O3", "L2", "I15", "J2", "J3")
    attribution = (
        ("A11", lambda w: w.op.get("opt") in ("type", "domain", "protocol")),
        ("A13", lambda w: w.op.get("opt") == "bogus"),
        ("J3", lambda w: w.op.get("in") == "pidns"),
        ("J2", lambda w: w.op.get("opt") == "peercred" and "creator" in w.ref.get("value")),
        ("J1", lambda w: w.op.get("opt") == "peercred"),
        ("I1", lambda w: w.op.get("opt") == "passcred"),
        *OPTION_RULES,
        ("I15", lambda w: w.op.get("opt") in ("passpidfd", "peerpidfd")),
        ("O3", lambda w: w.op.get("opt") == "oobinline"),
        ("L2", lambda w: w.op.get("opt") in ("sndbuf", "rcvbuf") and w.field == "value" and w.iut.status == "ok"),
        ("L1", lambda w: w.op.get("opt") in ("sndbuf", "rcvbuf")),
        ("L5", lambda w: w.op.get("opt") == "keepalive"),
        ("A12", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return getsockopts()

    def needs(self, op: Op) -> frozenset[str]:
        return needs_of(op)

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        sock, opt = ex.end(op), names.lookup(OPTS, op.get("opt"))
        if op.get("opt") in STRUCTS:
            return ok(value=struct_value(op.get("opt"), sock.getsockopt(socket.SOL_SOCKET, opt, 16)))
        if op.get("opt") == "peerpidfd":
            pidfd = sock.getsockopt(socket.SOL_SOCKET, opt)
            try:
                return ok(value=describe_pidfd(pidfd, ex.pid, ex.ppid))
            finally:
                os.close(pidfd)
        if opt == OPTS["peercred"]:
            raw = (
                _peercred_in_new_pidns(sock) if op.get("in") == "pidns" else sock.getsockopt(socket.SOL_SOCKET, opt, 12)
            )
            pid, uid, gid = UCRED.unpack(raw)
            if op.get("in") == "pidns":
                return ok(value=f"{pid}.{uid}.{gid}")
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
        if (op.get("end"), op.get("opt")) in ctx.state.get(SIZED, ()):
            classify = None  # set in this scenario: Linux stores double the request, clamped (L2)
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
        if op.get("in") == "pidns":  # J3: read in a new pid namespace, by a grandchild
            return [
                "int pipe_[2]; if (pipe(pipe_) != 0) exit(1); fflush(stdout); pid_t helper = fork();",
                "if (helper == 0) { if (unshare(CLONE_NEWPID) != 0) _exit(1); pid_t reader = fork();",
                "    if (reader == 0) { struct ucred uc; socklen_t len = sizeof uc;",
                f"        int e = ends[{op.get('end', '0')}];",
                "        if (getsockopt(e, SOL_SOCKET, SO_PEERCRED, &uc, &len) != 0) _exit(1);",
                "        _exit(write(pipe_[1], &uc, sizeof uc) != (ssize_t)sizeof uc); }",
                "    waitpid(reader, NULL, 0); _exit(0); }",
                "struct ucred uc; close(pipe_[1]); ssize_t got = read(pipe_[0], &uc, sizeof uc);",
                "waitpid(helper, NULL, 0);",
                f'if (got != (ssize_t)sizeof uc) printf("{n} getsockopt: err (in a new pid namespace)\\n");',
                f'else printf("{n} getsockopt: ok value=%d.%u.%u\\n",',
                "            (int)uc.pid, (unsigned)uc.uid, (unsigned)uc.gid);",
            ]
        if op.get("opt") in STRUCTS:
            return [
                "long v[2] = {0}; int *w = (int *)v; socklen_t len = sizeof v;",
                f"if (getsockopt(ends[{op.get('end', '0')}], SOL_SOCKET, {opt}, v, &len) != 0)",
                f'    fail({n}, "getsockopt");',
                f'else if (len == sizeof v) printf("{n} getsockopt: ok value=%ld.%06ld\\n", v[0], v[1]);',
                f'else printf("{n} getsockopt: ok value=%d.%d\\n", w[0], w[1]);',
            ]
        return [
            "int v[16] = {0}; socklen_t len = sizeof v;",
            f'if (getsockopt(ends[{op.get("end", "0")}], SOL_SOCKET, {opt}, v, &len) != 0) fail({n}, "getsockopt");',
            f'else printf("{n} getsockopt: ok value=%d (%u bytes)\\n", v[0], (unsigned)len);',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        opt, e = names.lookup(OPTS, op.get("opt")), op.get("end", "0")
        if op.get("in") == "pidns":  # J3: read in a new pid namespace, by a grandchild
            return [
                f"def in_pidns{n}():",
                "    r, w = os.pipe(); sys.stdout.flush(); helper = os.fork()",
                "    if helper == 0:",
                "        import ctypes",
                "        if ctypes.CDLL(None, use_errno=True).unshare(0x20000000) != 0: os._exit(1)",
                "        reader = os.fork()",
                "        if reader == 0:",
                f"            os.write(w, end({e}).getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)); os._exit(0)",
                "        os.waitpid(reader, 0); os._exit(0)",
                "    os.close(w); got = os.read(r, 12); os.close(r); os.waitpid(helper, 0)",
                "    return 'value=%d.%d.%d' % struct.unpack('iII', got)",
                f"show({n}, 'getsockopt', in_pidns{n})",
            ]
        if op.get("opt") in STRUCTS:
            form = STRUCTS[op.get("opt")].format
            raw = f"end({e}).getsockopt(socket.SOL_SOCKET, {opt}, struct.calcsize({form!r}))"
            shape = _shape(op.get("opt"))
            return [f"show({n}, 'getsockopt', lambda: 'value={shape}' % struct.unpack({form!r}, {raw}))"]
        value = "(lambda b: 'value=%d (%d bytes)' % (int.from_bytes(b[:4], 'little', signed=True), len(b)))"
        return [f"show({n}, 'getsockopt', lambda: {value}(end({e}).getsockopt(socket.SOL_SOCKET, {opt}, 64)))"]


register(Getsockopt())
