"""``send``: sendmsg(2) with a gather list and control messages, or send(2) with one buffer."""

from __future__ import annotations

import array
import os
import socket
import struct
from typing import Optional

from hypothesis import strategies as st

from ..spec import names
from ..spec.protocol import Observation, Op, ProtocolError, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Operation, PythonSide, flag_sets, register, weighted
from .duplex import PATTERN
from .fdident import BAD_FD
from .obj import FD_NAMES
from .source import c_bytes, py_byte_list, py_bytes

SEND_FLAGS = {
    "dontwait": socket.MSG_DONTWAIT,
    "nosignal": socket.MSG_NOSIGNAL,
    "eor": socket.MSG_EOR,
    "oob": socket.MSG_OOB,
}
UCRED = struct.Struct("iII")
_EOF_ERRORS = {"EPIPE", "ECONNRESET", "ECONNREFUSED", "ENOTCONN"}


# -- strategies ------------------------------------------------------------------


def payloads(rules: TypeRules, big: bool = True) -> st.SearchStrategy[bytes]:
    small = st.binary(max_size=40)
    if not big:
        return small
    limit = rules.max_message
    sizes = st.sampled_from([limit, limit + 1] if limit else [300000]) | st.integers(1000, 70000)
    # the duplex pattern (period 251): cheap, never aligned with buffer sizes, and
    # a reproducer writes it as one repeated block instead of megabytes of hex
    large = st.builds(lambda n, seed: (PATTERN * (n // len(PATTERN) + 2))[seed : seed + n], sizes, st.integers(0, 250))
    return weighted((4, small), (1, large))


def splits(data: bytes) -> st.SearchStrategy[list[bytes]]:
    if not data:
        return st.sampled_from([[b""], [], [b"", b""]])
    cut = st.lists(st.integers(0, len(data)), max_size=3).map(sorted)
    return cut.map(lambda cs: [data[a:b] for a, b in zip([0, *cs], [*cs, len(data)])])


def rights(max_fds: int = 4) -> st.SearchStrategy[str]:
    names_ = st.lists(st.sampled_from(FD_NAMES), min_size=1, max_size=max_fds)
    if max_fds <= 2:
        return names_.map(lambda g: "rights:" + ",".join(g))
    # A bad fd fails the whole send (H10) and an over-long list is EINVAL (H29:
    # 253 ok, more is not); both are worth probing, but each failed send is one
    # fewer object to follow, so most lists are valid and most sends one group.
    with_bad = st.builds(lambda g, at: [*g[:at], "badfd", *g[at:]], names_, st.integers(0, max_fds))
    many = st.sampled_from([253, 254, 300]).map(lambda n: ["f"] * n)
    group = weighted((8, names_), (1, with_bad), (1, many), (1, st.just([])))  # [] is an empty SCM_RIGHTS
    groups = weighted((3, group.map(lambda g: [g])), (1, st.lists(group, min_size=2, max_size=3)))
    return groups.map(lambda gs: ";".join("rights:" + ",".join(g) for g in gs))


def sends(rules: TypeRules, fds: bool = False, creds: bool = False, big: bool = True) -> st.SearchStrategy[Op]:
    # where fds or credentials are the point, most sends carry them, and an
    # empty payload is common (H22: a stream drops fds sent with no data)
    anc_kinds: list[tuple[int, st.SearchStrategy[Optional[str]]]] = [(1, st.none())]
    if fds:
        anc_kinds.append((3, rights()))
    if creds:
        anc_kinds.append((2, st.just("creds")))
    if fds and creds:
        anc_kinds.append((1, rights(2).map(lambda r: "creds;" + r)))

    def build(end: int, pieces: list[bytes], flags: str, anc: Optional[str], via_send: bool) -> Op:
        if via_send and anc is None and len(pieces) == 1:
            return op("send", end=end, data=pieces[0].hex(), flags=flags, via="send")
        return op("send", end=end, data=",".join(p.hex() for p in pieces) if pieces else None, flags=flags, anc=anc)

    return st.builds(
        build,
        ENDS,
        (st.one_of(st.just(b""), payloads(rules, big)) if fds else payloads(rules, big)).flatmap(splits),
        flag_sets((*rules.send_flags, "dontwait")),
        weighted(*anc_kinds),
        st.booleans(),
    )


# -- the operation ----------------------------------------------------------------


def _pieces(op: Op) -> list[str]:
    return op.get("data").split(",") if op.has("data") else []


def _flags(op: Op) -> int:
    return names.lookup_set(SEND_FLAGS, op.get("flags"))


def _named_fd(ex: PythonSide, name: str) -> int:
    if name in ("end0", "end1"):
        sock = ex.ends[int(name[3])]
        return int(sock.fileno()) if sock is not None else BAD_FD
    if name == "badfd":
        return BAD_FD
    if name not in ex.objects.fds:
        raise ProtocolError(f"unknown fd name {name!r}")
    return ex.objects.fds[name]


def _ancdata(ex: PythonSide, spec: str) -> list[tuple[int, int, bytes]]:
    items = []
    for item in spec.split(";") if spec else []:
        if item.startswith("rights:"):
            fds = [_named_fd(ex, n) for n in filter(None, item[7:].split(","))]
            items.append((socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds).tobytes()))
        elif item == "creds":
            items.append((socket.SOL_SOCKET, socket.SCM_CREDENTIALS, UCRED.pack(os.getpid(), os.getuid(), os.getgid())))
        elif item.startswith("raw:"):
            level, kind, data = item[4:].split(":")
            items.append((int(level), int(kind), bytes.fromhex(data)))
        else:
            raise ProtocolError(f"unknown anc item {item!r}")
    return items


def _empty(op: Op) -> bool:
    return not op.get("data").replace(",", "")


class Send(Operation):
    verb = "send"
    rows = tuple("B1 B3 C7 C9 C11 C12 D7 D8 D11 E1 E2 G5 H5 H9 H22 I8 M2 M3 M6".split())
    attribution = (
        ("H5", lambda w: "badfd" in w.op.get("anc")),
        ("H9", lambda w: "raw:" in w.op.get("anc")),
        ("I8", lambda w: "creds" in w.op.get("anc") and w.field in ("status", "errno")),
        ("H22", lambda w: "rights:" in w.op.get("anc") and _empty(w.op)),
        ("C7", lambda w: w.stream and _empty(w.op)),
        ("D7", lambda w: not w.stream and _empty(w.op)),
        ("D8", lambda w: "EMSGSIZE" in w.errnos),
        ("M6", lambda w: bool(w.errnos & _EOF_ERRORS) and w.has_flag("nosignal")),
        ("C9", lambda w: w.stream and bool(w.errnos & _EOF_ERRORS)),
        ("E1", lambda w: w.sock_type == "seqpacket" and bool(w.errnos & _EOF_ERRORS)),
        ("E2", lambda w: w.sock_type == "dgram" and bool(w.errnos & _EOF_ERRORS)),
        ("M2", lambda w: bool(w.errnos & _EOF_ERRORS)),
        ("M3", lambda w: bool(w.errnos & _EOF_ERRORS)),
        ("B3", lambda w: "," in w.op.get("data") and w.field == "ret"),
        ("G5", lambda w: w.has_flag("dontwait")),
        ("C12", lambda w: w.stream and w.field in ("ret", "errno", "status")),
        ("D11", lambda w: not w.stream and w.field in ("errno", "status")),
        ("C11", lambda w: w.stream),
        ("B3", lambda w: "," in w.op.get("data")),
        ("B1", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return sends(rules, fds=True, creds=True, big=False)

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        sock = ex.end(op)
        flags = _flags(op)
        pieces = [bytes.fromhex(p) for p in _pieces(op)]
        ancdata = _ancdata(ex, op.get("anc")) if op.has("anc") else []
        if op.get("via") == "send":
            return ex.bounded(lambda: ok(ret=sock.send(pieces[0] if pieces else b"", flags)))
        return ex.bounded(lambda: ok(ret=sock.sendmsg(pieces, ancdata, flags)))

    def c_lines(self, n: int, op: Op) -> list[str]:
        flags, pieces, end = _flags(op), _pieces(op), f"ends[{op.get('end', '0')}]"
        if op.get("via") == "send":
            text, length = c_bytes((pieces or [""])[0])
            return [
                f'arm({n}, "send"); ssize_t r = send({end}, {text}, {length}, {flags}); alarm(0);',
                f'if (r < 0) fail({n}, "send"); else printf("{n} send: ok ret=%zd\\n", r);',
            ]
        block = [f"struct iovec iov[{max(len(pieces), 1)}];"]
        for i, piece in enumerate(pieces):
            text, length = c_bytes(piece)
            block.append(f"iov[{i}].iov_base = (void *){text}; iov[{i}].iov_len = {length};")
        block.append("union { char buf[4096]; struct cmsghdr align; } ctl;")
        block.append("memset(&ctl, 0, sizeof ctl);")
        block.append(f"struct msghdr m = {{0}}; m.msg_iov = iov; m.msg_iovlen = {len(pieces)};")
        block += _c_anc(op.get("anc"))
        block.append(f'arm({n}, "sendmsg"); ssize_t r = sendmsg({end}, &m, {flags}); alarm(0);')
        block.append(f'if (r < 0) fail({n}, "sendmsg"); else printf("{n} sendmsg: ok ret=%zd\\n", r);')
        return block

    def py_lines(self, n: int, op: Op) -> list[str]:
        flags, pieces, end = _flags(op), _pieces(op), f"end({op.get('end', '0')})"
        if op.get("via") == "send":
            return [f"show({n}, 'send', lambda: 'ret=%d' % {end}.send({py_bytes((pieces or [''])[0])}, {flags}))"]
        anc = _py_anc(op.get("anc"))
        return [f"show({n}, 'sendmsg', lambda: 'ret=%d' % {end}.sendmsg({py_byte_list(pieces)}, {anc}, {flags}))"]


def _c_anc(spec: str) -> list[str]:
    lines = ["size_t used = 0;"]
    for item in filter(None, spec.split(";")):
        if item.startswith("rights:"):
            fds = [f'fd_of("{name}")' for name in filter(None, item[7:].split(","))]
            lines.append(f"{{ int fds[] = {{{', '.join(fds) or '0'}}}; size_t k = {len(fds)};")
            lines.append(
                "  struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used);"
                " c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS;"
            )
            lines.append(
                "  c->cmsg_len = CMSG_LEN(k * sizeof(int)); memcpy(CMSG_DATA(c), fds, k * sizeof(int));"
                " used += CMSG_SPACE(k * sizeof(int)); }"
            )
        elif item == "creds":
            lines.append("{ struct ucred u = { getpid(), getuid(), getgid() };")
            lines.append(
                "  struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used);"
                " c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_CREDENTIALS;"
            )
            lines.append(
                "  c->cmsg_len = CMSG_LEN(sizeof u); memcpy(CMSG_DATA(c), &u, sizeof u);"
                " used += CMSG_SPACE(sizeof u); }"
            )
        elif item.startswith("raw:"):
            level, kind, data = item[4:].split(":")
            text, length = c_bytes(data)
            lines.append(
                f"{{ struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used);"
                f" c->cmsg_level = {level}; c->cmsg_type = {kind};"
            )
            lines.append(
                f"  c->cmsg_len = CMSG_LEN({length}); memcpy(CMSG_DATA(c), {text}, {length});"
                f" used += CMSG_SPACE({length}); }}"
            )
    lines.append("if (used) { m.msg_control = ctl.buf; m.msg_controllen = used; }")
    return lines


def _py_anc(spec: str) -> str:
    items = []
    for item in filter(None, spec.split(";")):
        if item.startswith("rights:"):
            fds = ", ".join(f"fd_of({name!r})" for name in filter(None, item[7:].split(",")))
            items.append(f"(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [{fds}]).tobytes())")
        elif item == "creds":
            creds = "struct.pack('iII', os.getpid(), os.getuid(), os.getgid())"
            items.append(f"(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, {creds})")
        elif item.startswith("raw:"):
            level, kind, data = item[4:].split(":")
            items.append(f"({level}, {kind}, bytes.fromhex({data!r}))")
    return "[" + ", ".join(items) + "]"


register(Send())
