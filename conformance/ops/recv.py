"""``recv``: recvmsg(2) into a scatter list with a control buffer, or recv(2) into one buffer.

Comparison: exact, except for the stream's freedom to chunk
(``TypeRules.boundaries`` is False).  A stream read may return a shorter or
longer prefix of the queued bytes than Linux did, so the comparison keeps each
side's concatenated received bytes per end and asks only that one stays a
prefix of the other; ancillary data, flags and errors still compare exactly,
and when the scenario ends the implementation reads what it still owes
(``finish``), so both sides must deliver the same total.
"""

from __future__ import annotations

import array
import os
import select
import signal
import socket
from dataclasses import dataclass, field
from typing import Optional

from hypothesis import strategies as st

from ..errors import ImplHung
from ..spec import names
from ..spec.protocol import Observation, Op, ok, op, parse_reply
from ..spec.semantics import TypeRules
from .base import ENDS, Context, ImplOnly, Operation, PythonSide, Rule, Where, describe, flag_sets, register
from .fdident import count_open_fds
from .send import UCRED

RECV_FLAGS = {
    "peek": socket.MSG_PEEK,
    "trunc": socket.MSG_TRUNC,
    "waitall": socket.MSG_WAITALL,
    "dontwait": socket.MSG_DONTWAIT,
    "cmsg_cloexec": socket.MSG_CMSG_CLOEXEC,
    "oob": socket.MSG_OOB,
}
MSG_FLAGS = {
    "trunc": socket.MSG_TRUNC,
    "ctrunc": socket.MSG_CTRUNC,
    "eor": socket.MSG_EOR,
    "oob": socket.MSG_OOB,
    "errqueue": socket.MSG_ERRQUEUE,
    "cmsg_cloexec": socket.MSG_CMSG_CLOEXEC,
}
INT = array.array("i").itemsize
# Control-buffer sizes probed around the edges where truncation changes (H13-H15, I9):
# a bare header, k fds by CMSG_LEN and CMSG_SPACE, +-1, and credentials (12 bytes).
_HDR = socket.CMSG_LEN(0)
CTRL_SIZES = sorted(
    {0, 1, 8, _HDR - 1, _HDR, _HDR + 1, 4096}
    | {f(4 * k) + d for k in (1, 2, 3, 4) for f in (socket.CMSG_LEN, socket.CMSG_SPACE) for d in (-1, 0, 1)}
    | {socket.CMSG_SPACE(12) * 2 + 16, socket.CMSG_SPACE(12), socket.CMSG_SPACE(12) - 4}
)
CATCH_UP_READS = 64
_NO_DATA = ("EAGAIN",)


def recvs(rules: TypeRules, control: bool = False) -> st.SearchStrategy[Op]:
    """Receives; with ``control``, control buffers around CMSG_LEN/CMSG_SPACE, and
    one in five performed by a forked child (fds then arrive in another process)."""
    sizes = st.sampled_from([0, 1, 2, 5, 16, 64, 65536, 262144]) | st.integers(0, 100)

    def build(end: int, size: int, flags: str, ctrl: int, iov_cut: list[int], via_recv: bool, child: bool) -> Op:
        where = "child" if child and control else None
        if via_recv and not ctrl:
            return op("recv", end=end, size=size, flags=flags, via="recv", **{"in": where})
        cuts = sorted(c for c in iov_cut if c <= size)
        iov = [b - a for a, b in zip([0, *cuts], [*cuts, size])] if cuts else None
        return op("recv", end=end, size=size, iov=iov, ctrl=ctrl, flags=flags, **{"in": where})

    ctrls = (st.sampled_from(CTRL_SIZES) | st.just(4096)) if control else st.sampled_from([0, 0, 64])
    return st.builds(
        build,
        ENDS,
        sizes,
        flag_sets(rules.recv_flags, usually="dontwait"),
        ctrls,
        st.lists(st.integers(0, 64), max_size=2),
        st.booleans(),
        st.sampled_from([True, False, False, False, False]),
    )


def plain_recv(op: Op) -> bool:
    """A receive the suite performs with recv(2) rather than recvmsg(2).  A zero-size
    one goes through recvmsg: CPython's recv() returns at once for it, without
    entering the kernel."""
    return op.get("via") == "recv" and int(op.get("size", "0")) > 0


# -- comparison state: what each end has received on either side ----------------------


@dataclass
class Received:
    ref: bytearray = field(default_factory=bytearray)
    iut: bytearray = field(default_factory=bytearray)

    def consistent(self) -> bool:
        shorter = min(len(self.ref), len(self.iut))
        return self.ref[:shorter] == self.iut[:shorter]

    @property
    def iut_behind(self) -> int:
        return len(self.ref) - len(self.iut)


def received(ctx: Context) -> dict[str, Received]:
    """Per end, the bytes each side has delivered so far (stream comparison)."""
    tally: dict[str, Received] = ctx.state.setdefault("received", {"0": Received(), "1": Received()})
    return tally


def unbalanced(ctx: Context, end: str) -> bool:
    """Has one side of this end delivered more than the other so far?"""
    tally = received(ctx)
    return end in tally and tally[end].iut_behind != 0


# -- the operation -------------------------------------------------------------------


def _arguments(op: Op) -> tuple[int, int, int, list[int]]:
    flags = names.lookup_set(RECV_FLAGS, op.get("flags"))
    size, ctrl = int(op.get("size", "0")), int(op.get("ctrl", "0"))
    iov = [int(n) for n in op.get("iov").split(",")] if op.has("iov") else [size]
    return flags, size, ctrl, iov


def _describe_anc(ex: PythonSide, level: int, kind: int, payload: bytes) -> str:
    if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
        fds = array.array("i", payload[: len(payload) - len(payload) % INT])
        ends = {f"end{i}": (s.fileno() if s is not None else None) for i, s in enumerate(ex.ends)}
        described = [ex.objects.describe(fd, ends) for fd in fds]
        for fd in fds:
            os.close(fd)
        return "rights:" + ",".join(described)
    if (level, kind) == (socket.SOL_SOCKET, socket.SCM_CREDENTIALS):
        if len(payload) < UCRED.size:
            return "creds:partial"
        pid, uid, gid = UCRED.unpack(payload[: UCRED.size])
        return "creds:self" if (pid, uid, gid) == (ex.pid, os.getuid(), os.getgid()) else f"creds:{pid}.{uid}.{gid}"
    return f"other:{level}:{kind}:{len(payload)}"


def _in_child(ex: PythonSide, op: Op) -> Observation:
    """A forked child performs the receive (fds arrive in another process, the
    article's setting) and hands its observation back on a pipe."""
    ex.end(op)  # a closed end is EBADF here, as in the parent
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read_end)
            os.write(write_end, ex.execute(op).line().encode())
        finally:
            os._exit(0)
    os.close(write_end)
    got = b""
    try:
        while select.select([read_end], [], [], 5.0)[0]:
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            got += chunk
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)
    if not got:
        raise ImplHung("the child receiver gave no observation within 5 s")
    line = got.decode("ascii")
    status, _, rest = line.partition(" ")
    if status in ("raised", "unsupported"):  # in-process only: never a protocol status
        key, _, value = rest.partition("=")
        return Observation(status, ((key, value),))
    return parse_reply("0 " + line, 0)


class Recv(Operation):
    verb = "recv"
    rows = tuple(
        "B1 B3 C1 C2 C4 C5 C6 C8 C14 D1 D2 D3 D5 D10 E1 E3 E4 G1 G2 G4"
        " G5 G6 G7 H1 H2 H12 H13 H14 H17 H18 H19 H20 H23 H25 H26 H27 I2 I3 M4".split()
    )
    attribution = (
        ("H26", lambda w: w.op.get("in") == "child" and w.field == "anc"),
        ("I3", lambda w: "creds" in w.ref.get("anc") + w.iut.get("anc") and w.field == "anc"),
        ("I2", lambda w: "creds" in w.ref.get("anc") + w.iut.get("anc") and w.field == "anc"),
        ("H18", lambda w: w.field == "anc" and w.has_flag("peek")),
        ("H12", lambda w: w.field in ("anc", "leaked") and w.op.get("ctrl") in ("", "0")),
        ("H23", lambda w: w.field == "anc" and w.op.get("size") == "0"),
        ("H14", lambda w: w.field in ("anc", "leaked", "msg_flags") and "ctrunc" in w.ref.get("msg_flags")),
        ("H13", lambda w: w.field in ("anc", "leaked", "msg_flags") and "ctrunc" in w.ref.get("msg_flags")),
        ("H17", lambda w: w.field == "anc" and ("cloexec" in w.ref.get("anc")) != ("cloexec" in w.iut.get("anc"))),
        ("H25", lambda w: w.field == "anc" and "ofd" in w.ref.get("anc") + w.iut.get("anc")),
        ("H2", lambda w: w.field == "anc" and w.ref.get("anc").count(",") > 0),
        ("H19", lambda w: w.field == "anc" and w.stream),
        ("H20", lambda w: w.field == "anc" and w.stream),
        ("H27", lambda w: w.field == "anc" and not w.ref.get("anc")),
        ("H1", lambda w: w.field in ("anc", "leaked")),
        ("C4", lambda w: w.field == "msg_flags" and w.stream),
        ("D3", lambda w: w.field in ("msg_flags", "ret") and "trunc" in w.ref.get("msg_flags") + w.op.get("flags")),
        ("D5", lambda w: not w.stream and w.op.get("size") == "0"),
        ("C5", lambda w: w.stream and w.op.get("size") == "0" and w.ref.status == "ok"),
        ("C6", lambda w: w.stream and w.op.get("size") == "0"),
        ("G6", lambda w: w.has_flag("waitall") and w.has_flag("dontwait")),
        ("C14", lambda w: w.stream and w.has_flag("waitall")),
        ("G7", lambda w: not w.stream and w.has_flag("waitall")),
        ("G2", lambda w: w.has_flag("peek") and w.field in ("data", "ret")),
        ("G1", lambda w: w.has_flag("peek")),
        ("B3", lambda w: "," in w.op.get("iov")),
        ("E4", lambda w: w.sock_type == "seqpacket" and "ECONNRESET" in w.errnos),
        ("E1", lambda w: w.sock_type == "seqpacket" and w.field in ("status", "errno", "ret", "data")),
        ("E3", lambda w: w.sock_type == "dgram" and w.field in ("status", "errno")),
        ("C8", lambda w: w.stream and w.field in ("status", "errno", "ret", "data")),
        ("M4", lambda w: w.stream and w.field in ("status", "errno")),
        ("G5", lambda w: w.has_flag("dontwait") and w.field in ("status", "errno")),
        ("G4", lambda w: w.field in ("status", "errno")),
        ("D1", lambda w: not w.stream),
        ("D2", lambda w: not w.stream),
        ("D10", lambda w: not w.stream),
        ("C1", lambda w: w.stream),
        ("C2", lambda w: w.stream),
    )
    # the implementation delivered a different total than Linux by the scenario's end
    totals: tuple[Rule, ...] = (("C1", lambda w: True), ("B1", lambda w: True))

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return recvs(rules, control=True)

    def rules_for(self, where: Where) -> tuple[Rule, ...]:
        return self.totals if where.field == "totals" else self.attribution

    def all_rules(self) -> tuple[Rule, ...]:
        return self.attribution + self.totals

    # -- Python ----------------------------------------------------------------------

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        if op.get("in") == "child":
            return _in_child(ex, Op(op.verb, tuple(kv for kv in op.args if kv[0] != "in")))
        sock = ex.end(op)
        flags, size, ctrl, sizes = _arguments(op)
        buffers = [bytearray(n) for n in sizes]
        before = count_open_fds()

        def call() -> Observation:
            # CPython's recv()/recv_into() return at once for a zero-size buffer
            # without entering the kernel (a pending empty datagram would stay
            # queued); recvmsg_into does enter it, so zero-size reads use it.
            ancdata: list[tuple[int, int, bytes]]
            if plain_recv(op):
                nbytes, ancdata, msg_flags = sock.recv_into(buffers[0], size, flags), [], 0
            else:
                nbytes, ancdata, msg_flags, _ = sock.recvmsg_into(buffers, ctrl, flags)
                msg_flags = 0 if op.get("via") == "recv" else msg_flags  # recv(2) has no msg_flags
            data = b"".join(buffers)[: min(nbytes, size)]
            anc = ";".join(_describe_anc(ex, level, kind, payload) for level, kind, payload in ancdata)
            fields = {
                "ret": nbytes,
                "data": data.hex(),
                "msg_flags": names.name_set(MSG_FLAGS, msg_flags or 0),
                "anc": anc,
            }
            return ok(**fields, leaked=count_open_fds() - before)

        return ex.bounded(call)

    # -- comparison ------------------------------------------------------------------

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        if ctx.rules.boundaries:
            return None if ref == iut else describe(ref, iut)
        rx = received(ctx).get(op.get("end"))
        if rx is None:
            return None if ref == iut else describe(ref, iut)
        ref_data = bytes.fromhex(ref.get("data")) if ref.status == "ok" else b""
        iut_data = bytes.fromhex(iut.get("data")) if iut.status == "ok" else b""
        if ref == iut:
            rx.ref += ref_data
            rx.iut += iut_data
            return None
        if ref.status == iut.status == "ok":
            for key in ("msg_flags", "anc", "leaked"):
                if ref.get(key) != iut.get(key):
                    return describe(ref, iut)
            if int(ref.get("ret")) - len(ref_data) != int(iut.get("ret")) - len(iut_data):
                return describe(ref, iut)
        rx.ref += ref_data
        rx.iut += iut_data
        if not rx.consistent():
            return "received bytes differ from the reference's stream " + describe(ref, iut)
        ref_empty = ref.status == "blocked" or ref.get("errno") in _NO_DATA or (ref.status == "ok" and not ref_data)
        iut_empty = iut.status == "blocked" or iut.get("errno") in _NO_DATA or (iut.status == "ok" and not iut_data)
        if ref.status == iut.status == "ok" and ref_data and iut_data:
            return None  # both read something; a different chunking is allowed
        if iut_empty and ref_data and rx.iut_behind <= 0:
            return None  # the implementation had already delivered these bytes
        if ref_empty and iut_data and rx.iut_behind >= 0 and not iut.get("anc") and ref.status != "blocked":
            return None  # the implementation is catching up with bytes Linux gave earlier
        return describe(ref, iut)

    def finish(self, ctx: Context, blocked: bool, impl_only: ImplOnly) -> Optional[str]:
        tally = received(ctx)
        if blocked:
            # a blocked step ends a scenario (the pair's state is no longer known),
            # but bytes the implementation delivered and Linux never had are final
            ahead = [end for end, rx in tally.items() if rx.iut_behind < 0]
            return f"end {ahead[0]} received more than Linux sent" if ahead else None
        for end, rx in tally.items():  # chunked differently: let it deliver the rest
            if rx.iut_behind <= 0:
                continue
            for _ in range(CATCH_UP_READS):
                got = impl_only(op("recv", end=end, size=262144, flags="dontwait"), "catch-up-read-on-impl-only")
                if got.status != "ok" or not got.get("data"):
                    break
                rx.iut += bytes.fromhex(got.get("data"))
        for end, rx in tally.items():
            if rx.iut_behind:
                return f"end {end} received {len(rx.iut)} bytes in all; Linux delivered {len(rx.ref)}"
        return None

    # -- reproducers -----------------------------------------------------------------

    def c_lines(self, n: int, op: Op) -> list[str]:
        flags, size, ctrl, iov = _arguments(op)
        end = f"ends[{op.get('end', '0')}]"
        block = [
            f"static char data[{max(size, 1)}];"
            f" static union {{ char buf[{max(ctrl, 1)}]; struct cmsghdr align; }} ctl; (void)ctl;",
            f"struct iovec iov[{len(iov)}]; size_t at = 0; size_t sizes[] = {{{', '.join(map(str, iov))}}};",
            f"for (int i = 0; i < {len(iov)}; i++)"
            " { iov[i].iov_base = data + at; iov[i].iov_len = sizes[i]; at += sizes[i]; }",
            f"struct msghdr m = {{0}}; m.msg_iov = iov; m.msg_iovlen = {len(iov)};"
            f" m.msg_control = {'ctl.buf' if ctrl else 'NULL'}; m.msg_controllen = {ctrl};",
        ]
        verb, call = (
            ("recv", f"recv({end}, data, {size}, {flags})")
            if plain_recv(op)
            else ("recvmsg", f"recvmsg({end}, &m, {flags})")
        )
        receive = f'arm({n}, "{verb}"); received({n}, "{verb}", {call}, &m, iov, {len(iov)}, {size}); alarm(0);'
        if op.get("in") == "child":  # the article's setting: the descriptors arrive in a forked child
            block.append(f"pid_t pid = fork(); if (pid == 0) {{ {receive} _exit(0); }} waitpid(pid, NULL, 0);")
        else:
            block.append(receive)
        return block

    def py_lines(self, n: int, op: Op) -> list[str]:
        flags, size, ctrl, iov = _arguments(op)
        end = f"end({op.get('end', '0')})"
        # as the suite calls it: recv(2) where the step says so (it has no
        # msg_flags and no control data), recvmsg(2) otherwise
        verb, receive = "recvmsg", f"{end}.recvmsg_into(bufs, {ctrl}, {flags})"
        if plain_recv(op):
            verb, receive = "recv", f"({end}.recv_into(bufs[0], {size}, {flags}), [], 0)"
        shown = f"(lambda r: received(r, {size}) + ' data=' + b''.join(bufs)[: min(r[0], {size})].hex())"
        call = f"show({n}, {verb!r}, lambda: {shown}({receive}))"
        if op.get("in") == "child":  # the article's setting: the descriptors arrive in a forked child
            return [f"bufs = [bytearray(n) for n in {iov}]", f"in_child(lambda: {call})"]
        return [f"bufs = [bytearray(n) for n in {iov}]", call]


register(Recv())
