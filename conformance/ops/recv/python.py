"""How the in-process executor makes a receive step: the implementation's own method for the step's view.

Every method's result is reported in the shape the C reference driver reports
(``ret data msg_flags anc leaked``, and ``addr`` where the call returns one):
a method without msg_flags or control data reports them empty, as recv(2) and
read(2) do.
"""

from __future__ import annotations

import array
import errno
import os
import select
import signal
import socket
from typing import Any, Optional

from ...errors import ImplHung
from ...spec import names
from ...spec.ctrl_units import control_bytes
from ...spec.protocol import Observation, Op, ok, parse_reply
from ..base import PythonSide
from ..fdident import count_open_fds
from ..send.python import UCRED
from ..views import DEFAULT_METHOD, by_method, by_via

RECV_FLAGS = {
    "peek": socket.MSG_PEEK,
    "trunc": socket.MSG_TRUNC,
    "waitall": socket.MSG_WAITALL,
    "dontwait": socket.MSG_DONTWAIT,
    "cmsg_cloexec": socket.MSG_CMSG_CLOEXEC,
    "oob": socket.MSG_OOB,
    "waitforone": getattr(socket, "MSG_WAITFORONE", 0x10000),
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
_NAMED = ("recvfrom", "recvfrom_into")  # always return the sender's address


def arguments(op: Op) -> tuple[int, int, int, list[int]]:
    flags = names.lookup_set(RECV_FLAGS, op.get("flags"))
    size, ctrl = int(op.get("size", "0")), control_bytes(op.get("ctrl", "0"))
    iov = [int(n) for n in op.get("iov").split(",")] if op.has("iov") else [size]
    return flags, size, ctrl, iov


def method_of(op: Op) -> str:
    """The method this step calls: the one it names, else the one its system call stands for
    (through recvmsg_into where CPython would not enter the kernel for a zero-size read)."""
    if op.get("method"):
        return op.get("method")
    stands_for = by_via("recv", op.get("via") or "recvmsg")
    method = stands_for.method or stands_for.fallback
    zero_size = op.get("size", "0") == "0"
    return DEFAULT_METHOD["recv"] if zero_size and not by_method("recv", method).zero_enters else method


def describe_address(address: Any) -> str:
    """As the driver reports a returned address: none, unnamed, abstract:HEX or path:HEX."""
    if address is None:
        return "none"
    if address in ("", b""):
        return "unnamed"
    raw = os.fsencode(address) if isinstance(address, str) else bytes(address)
    return f"abstract:{raw[1:].hex()}" if raw[:1] == b"\0" else f"path:{raw.hex()}"


def describe_anc(ex: PythonSide, level: int, kind: int, payload: bytes) -> str:
    if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
        return describe_fds(ex, array.array("i", payload[: len(payload) - len(payload) % INT]))
    if (level, kind) == (socket.SOL_SOCKET, socket.SCM_CREDENTIALS):
        if len(payload) < UCRED.size:
            return "creds:partial"
        pid, uid, gid = UCRED.unpack(payload[: UCRED.size])
        if (uid, gid) == (os.getuid(), os.getgid()) and pid in (ex.pid, ex.ppid):
            return "creds:self" if pid == ex.pid else "creds:parent"
        return f"creds:{pid}.{uid}.{gid}"
    return f"other:{level}:{kind}:{len(payload)}"


def describe_fds(ex: PythonSide, fds: Any) -> str:
    """``rights:`` with what each received descriptor is; then they are closed."""
    ends = {f"end{i}": (s.fileno() if s is not None else None) for i, s in enumerate(ex.ends)}
    described = [ex.objects.describe(fd, ends) for fd in fds]
    for fd in fds:
        os.close(fd)
    return "rights:" + ",".join(described)


def run(ex: PythonSide, op: Op) -> Observation:
    if op.get("in") == "child":
        return in_child(ex, Op(op.verb, tuple(kv for kv in op.args if kv[0] != "in")))
    sock = ex.end(op)
    method = method_of(op)
    needed = "recvmsg" if method == "recv_fds" else method  # socket.recv_fds calls the object's recvmsg
    if getattr(sock, needed, None) is None:
        raise NotImplementedError(f"the implementation's objects have no {needed}()")
    flags, size, ctrl, sizes = arguments(op)
    buffers = [bytearray(n) for n in sizes]
    before = count_open_fds()

    def call() -> Observation:
        address: Any = None
        anc, msg_flags = "", 0
        if method == "recvmsg_into":
            nbytes, ancdata, msg_flags, address = sock.recvmsg_into(buffers, ctrl, flags)
            data = b"".join(buffers)[: min(nbytes, size)]
            anc = ";".join(describe_anc(ex, level, kind, payload) for level, kind, payload in ancdata)
        elif method == "recvmsg":
            data, ancdata, msg_flags, address = sock.recvmsg(size, ctrl, flags)
            nbytes = len(data)
            anc = ";".join(describe_anc(ex, level, kind, payload) for level, kind, payload in ancdata)
        elif method == "recv_fds":  # the stdlib function: the object's recvmsg, fds only
            data, fds, msg_flags, address = socket.recv_fds(sock, size, max(0, (ctrl - socket.CMSG_LEN(0)) // INT))
            nbytes, anc = len(data), describe_fds(ex, fds) if fds else ""
        elif method in ("recv_into", "recvfrom_into"):
            got = getattr(sock, method)(buffers[0], size, flags)
            nbytes, address = got if method == "recvfrom_into" else (got, None)
            data = bytes(buffers[0][: min(nbytes, size)])
        elif method in ("recv", "recvfrom"):
            got = getattr(sock, method)(size, flags)
            received, address = got if method == "recvfrom" else (got, None)
            nbytes, data = len(received), bytes(received[:size])  # CPython's recv(n, MSG_TRUNC) returns the full length
        elif method == "makefile":
            received = _read(sock, size)
            nbytes, data = len(received), bytes(received)
        else:
            raise ValueError(f"malformed recv: no method {method!r}")
        fields: dict[str, object] = {
            "ret": nbytes,
            "data": data.hex(),
            "msg_flags": names.name_set(MSG_FLAGS, msg_flags or 0),
            "anc": anc,
            "leaked": count_open_fds() - before,
        }
        if method in _NAMED or (op.get("name") == "1" and method in ("recvmsg_into", "recvmsg", "recv_fds")):
            fields["addr"] = describe_address(address)
        return ok(**fields)

    return ex.bounded(call)


def _read(sock: Any, size: int) -> bytes:
    reader = sock.makefile("rb", buffering=0)
    try:
        got: Optional[bytes] = reader.read(size)
    finally:
        reader.close()  # the socket stays open: makefile() counted a reference
    if got is None:  # RawIOBase.read: no bytes available on a non-blocking socket
        raise BlockingIOError(errno.EAGAIN, "makefile reader would block")
    return got


def in_child(ex: PythonSide, op: Op) -> Observation:
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
