"""How the in-process executor makes a receive step: the implementation's own method for the step's view.

Every method's result is reported in the shape the C reference driver reports
(``ret data msg_flags anc leaked``, and ``addr`` where the call returns one):
a method without msg_flags or control data reports them empty, as recv(2) and
read(2) do.
"""

from __future__ import annotations

import array
import errno
import fcntl
import os
import resource
import select
import signal
import socket
import sys
from typing import Any, Optional

from ...errors import ImplHung
from ...spec import names
from ...spec.constants import exported
from ...spec.ctrl_units import control_bytes
from ...spec.protocol import Observation, Op, ok, parse_reply
from ..base import PythonSide
from ..fdident import close_pidfds, describe_pidfd, open_fds
from ..send.python import UCRED
from ..views import DEFAULT_METHOD, by_method, by_via

RECV_FLAGS = {
    "peek": socket.MSG_PEEK,
    "trunc": socket.MSG_TRUNC,
    "waitall": socket.MSG_WAITALL,
    "dontwait": socket.MSG_DONTWAIT,
    "cmsg_cloexec": exported(socket, "MSG_CMSG_CLOEXEC"),
    "oob": socket.MSG_OOB,
    "waitforone": exported(socket, "MSG_WAITFORONE"),
    # output-only bits given as input (capability output_flags): Linux ignores them
    "ctrunc": socket.MSG_CTRUNC,
    "eor": socket.MSG_EOR,
}
MSG_FLAGS = {
    "trunc": socket.MSG_TRUNC,
    "ctrunc": socket.MSG_CTRUNC,
    "eor": socket.MSG_EOR,
    "oob": socket.MSG_OOB,
    "errqueue": socket.MSG_ERRQUEUE,
    "cmsg_cloexec": exported(socket, "MSG_CMSG_CLOEXEC"),
}
INT = array.array("i").itemsize
SCM_PIDFD = 0x04  # with SO_PASSPIDFD (Linux 6.5): a pidfd of the sender
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
    if isinstance(address, tuple):  # not AF_UNIX's: an emulation over TCP hands out (host, port)
        return f"other:{socket.AF_INET6 if len(address) == 4 else socket.AF_INET}"
    raw = os.fsencode(address) if isinstance(address, str) else bytes(address)
    return f"abstract:{raw[1:].hex()}" if raw[:1] == b"\0" else f"path:{raw.hex()}"


def describe_anc(ex: PythonSide, level: int, kind: int, payload: bytes) -> str:
    if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
        return describe_fds(ex, array.array("i", payload[: len(payload) - len(payload) % INT]))
    if (level, kind) == (socket.SOL_SOCKET, exported(socket, "SCM_CREDENTIALS")):
        if len(payload) < UCRED.size:
            return "creds:partial"
        pid, uid, gid = UCRED.unpack(payload[: UCRED.size])
        if (uid, gid) == (os.getuid(), os.getgid()) and pid in (ex.pid, ex.ppid):
            return "creds:self" if pid == ex.pid else "creds:parent"
        return f"creds:{pid}.{uid}.{gid}"
    if (level, kind) == (socket.SOL_SOCKET, SCM_PIDFD) and len(payload) >= INT:
        pidfd = int.from_bytes(payload[:INT], sys.byteorder, signed=True)
        try:
            return describe_pidfd(pidfd, ex.pid, ex.ppid)
        finally:
            os.close(pidfd)
    return f"other:{level}:{kind}:{len(payload)}"


def describe_fds(ex: PythonSide, fds: Any) -> str:
    """``rights:`` with what each received descriptor is; then they are closed."""
    ends = {f"end{i}": (s.fileno() if s is not None else None) for i, s in enumerate(ex.ends)}
    described = [ex.objects.describe(fd, ends) for fd in fds]
    for fd in fds:
        os.close(fd)
    return "rights:" + ",".join(described)


class _Recvmsg:
    """The object as socket.recv_fds sees it: its recvmsg, whose control data is kept."""

    def __init__(self, sock: Any):
        self._sock = sock
        self.ancdata: list[tuple[int, int, bytes]] = []

    def recvmsg(self, *args: Any) -> Any:
        got = self._sock.recvmsg(*args)
        self.ancdata = list(got[1])
        return got


def _close_what_the_helper_dropped(ancdata: list[tuple[int, int, bytes]]) -> None:
    """socket.recv_fds keeps SCM_RIGHTS only and leaks the pidfd of an SCM_PIDFD message the
    object's recvmsg returned (docs/findings.md 19).  That helper is CPython's code: native's
    deviation, not that of an implementation whose recvmsg delivered the message correctly,
    so for any other implementation the suite closes it before counting what leaked."""
    for level, kind, payload in ancdata:
        if level == socket.SOL_SOCKET and kind == SCM_PIDFD and len(payload) >= INT:
            try:
                os.close(array.array("i", payload[:INT])[0])
            except OSError:
                pass


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
    before = open_fds()
    # protocol version 2 (fd_numbers): did received fds take the lowest free numbers (H4);
    # receive with RLIMIT_NOFILE lowered so that only N more fit (H16)
    free = lowest_free() if op.has("fdnums") or op.has("nofile") else []
    room = int(op.get("nofile")) if op.has("nofile") else None
    limited = _Limit(free, room)
    got_fds: list[int] = []

    def call() -> Observation:
        address: Any = None
        anc, msg_flags = "", 0
        if method == "recvmsg_into":
            with limited:
                nbytes, ancdata, msg_flags, address = sock.recvmsg_into(buffers, ctrl, flags)
            got_fds.extend(_fds_in(ancdata))
            data = b"".join(buffers)[: min(nbytes, size)]
            anc = ";".join(describe_anc(ex, level, kind, payload) for level, kind, payload in ancdata)
        elif method == "recvmsg":
            with limited:
                data, ancdata, msg_flags, address = sock.recvmsg(size, ctrl, flags)
            got_fds.extend(_fds_in(ancdata))
            nbytes = len(data)
            anc = ";".join(describe_anc(ex, level, kind, payload) for level, kind, payload in ancdata)
        elif method == "recv_fds":  # the stdlib function: the object's recvmsg, fds only
            seen: Any = _Recvmsg(sock)  # duck-typed, as any implementation's object is
            with limited:
                data, fds, msg_flags, address = socket.recv_fds(seen, size, max(0, (ctrl - socket.CMSG_LEN(0)) // INT))
            got_fds.extend(fds)
            if ex.factory is not socket.socketpair:
                _close_what_the_helper_dropped(seen.ancdata)
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
        after = open_fds()
        close_pidfds(after - before)
        fields: dict[str, object] = {
            "ret": nbytes,
            "data": data.hex(),
            "msg_flags": names.name_set(MSG_FLAGS, msg_flags or 0),
            "anc": anc,
            "leaked": len(after) - len(before),
        }
        if op.has("fdnums"):
            fields["lowest"] = "-" if not got_fds else int(got_fds == free[: len(got_fds)])
        if method in _NAMED or (op.get("name") == "1" and method in ("recvmsg_into", "recvmsg", "recv_fds")):
            fields["addr"] = describe_address(address)
        return ok(**fields)

    return ex.bounded(call)


def lowest_free(count: int = 512) -> list[int]:
    """The lowest free descriptor numbers, in order."""
    free: list[int] = []
    fd = 0
    while len(free) < count and fd < 1 << 16:
        try:
            fcntl.fcntl(fd, fcntl.F_GETFD)
        except OSError:
            free.append(fd)
        fd += 1
    return free


class _Limit:
    """RLIMIT_NOFILE lowered around one receive so that only ``room`` more descriptors fit."""

    def __init__(self, free: list[int], room: Optional[int]):
        self.free, self.room = free, room
        self.saved: Optional[tuple[int, int]] = None

    def __enter__(self) -> None:
        if self.room is None:
            return
        self.saved = resource.getrlimit(resource.RLIMIT_NOFILE)
        room = self.room
        limit = self.free[room - 1] + 1 if 0 < room <= len(self.free) else self.free[0]
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, self.saved[1]))

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, self.saved)


def _fds_in(ancdata: Any) -> list[int]:
    return [
        fd
        for level, kind, payload in ancdata
        if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS)
        for fd in array.array("i", payload[: len(payload) - len(payload) % INT])
    ]


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
            # the parent's bound (where Linux completed, a generous one): a child just forked on a
            # busy machine may take longer than the short bound before its call even starts
            os.write(write_end, ex.execute(op, keep_bound=True).line().encode())
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
