"""How the in-process executor makes a send step: the implementation's own method for the step's view."""

from __future__ import annotations

import array
import errno
import os
import socket
import struct
from typing import Any

from ...spec import names
from ...spec.constants import exported, refuse_if_lacking
from ...spec.protocol import Observation, Op, ProtocolError, ok
from ..base import PythonSide
from ..fdident import BAD_FD
from ..views import by_via

SEND_FLAGS = {
    "dontwait": socket.MSG_DONTWAIT,
    "nosignal": exported(socket, "MSG_NOSIGNAL"),
    "eor": socket.MSG_EOR,
    "oob": socket.MSG_OOB,
}
UCRED = struct.Struct("iII")
NO_PID = 0x3FFFFFF0  # creds:nopid, a pid no process has (above pid_max)


def _scm_credentials() -> int:
    return refuse_if_lacking(exported(socket, "SCM_CREDENTIALS"))


def pieces_of(op: Op) -> list[str]:
    return op.get("data").split(",") if op.has("data") else []


def flags_of(op: Op) -> int:
    return names.lookup_set(SEND_FLAGS, op.get("flags"))


def address_of(spec: str) -> Any:
    """``to=`` as CPython takes an AF_UNIX address: '' unnamed, bytes with a NUL abstract, bytes a path."""
    if spec == "unnamed":
        return ""
    kind, _, hexname = spec.partition(":")
    name = bytes.fromhex(hexname)
    return b"\0" + name if kind == "abstract" else name


def method_of(op: Op) -> str:
    """The method this step calls (one named by the step, else the one its system call stands for)."""
    view = by_via("send", op.get("via") or "sendmsg")
    return op.get("method") or view.method or view.fallback


def named_fd(ex: PythonSide, name: str) -> int:
    if name in ("end0", "end1"):
        sock = ex.ends[int(name[3])]
        return int(sock.fileno()) if sock is not None else BAD_FD
    if name == "badfd":
        return BAD_FD
    if name not in ex.objects.fds:
        raise ProtocolError(f"unknown fd name {name!r}")
    return ex.objects.fds[name]


def ancdata(ex: PythonSide, spec: str) -> list[tuple[int, int, bytes]]:
    items = []
    for item in spec.split(";") if spec else []:
        if item.startswith("rights:"):
            fds = [named_fd(ex, n) for n in filter(None, item[7:].split(","))]
            items.append((socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds).tobytes()))
        elif item in ("creds", "creds:parent", "creds:nopid"):
            pid = {"creds": os.getpid(), "creds:parent": ex.ppid}.get(item, NO_PID)
            items.append((socket.SOL_SOCKET, _scm_credentials(), UCRED.pack(pid, os.getuid(), os.getgid())))
        elif item.startswith(("rightsbytes:", "credsbytes:")):  # the first N bytes, zero-padded (cmsg_bytes)
            kind, count, *rest = item.split(":")
            if kind == "rightsbytes":
                fds = [named_fd(ex, n) for n in filter(None, (rest[0] if rest else "").split(","))]
                full, cmsg_type = array.array("i", fds).tobytes(), socket.SCM_RIGHTS
            else:
                full, cmsg_type = UCRED.pack(os.getpid(), os.getuid(), os.getgid()), _scm_credentials()
            items.append((socket.SOL_SOCKET, cmsg_type, full[: int(count)].ljust(int(count), b"\xff")))
        elif item.startswith("raw:"):
            level, kind, data = item[4:].split(":")
            items.append((int(level), int(kind), bytes.fromhex(data)))
        else:
            raise ProtocolError(f"unknown anc item {item!r}")
    return items


def run(ex: PythonSide, op: Op) -> Observation:
    sock = ex.end(op)
    method, flags = method_of(op), flags_of(op)
    pieces = [bytes.fromhex(p) for p in pieces_of(op)]
    data = b"".join(pieces)
    if method != "send_fds" and getattr(sock, method, None) is None:
        raise NotImplementedError(f"the implementation's objects have no {method}()")
    if method == "sendmsg":
        anc = ancdata(ex, op.get("anc")) if op.has("anc") else []
        return ex.bounded(lambda: ok(ret=sock.sendmsg(pieces, anc, flags)))
    if method == "send_fds":  # the stdlib function, which calls the object's sendmsg
        fds = [fd for _, _, payload in ancdata(ex, op.get("anc")) for fd in array.array("i", payload)]
        return ex.bounded(lambda: ok(ret=socket.send_fds(sock, pieces, fds)))
    if method == "send":
        return ex.bounded(lambda: ok(ret=sock.send(data, flags)))
    if method == "sendall":
        return ex.bounded(lambda: ok(ret=_sendall(sock, data, flags)))
    if method == "sendto":
        return ex.bounded(lambda: ok(ret=sock.sendto(data, flags, address_of(op.get("to")))))
    if method == "makefile":
        return ex.bounded(lambda: ok(ret=_write(sock, data)))
    raise ProtocolError(f"malformed send: no method {method!r}")


def _sendall(sock: Any, data: bytes, flags: int) -> int:
    sock.sendall(data, flags)  # returns None: all of it went, or it raised
    return len(data)


def _write(sock: Any, data: bytes) -> int:
    writer = sock.makefile("wb", buffering=0)
    try:
        sent = writer.write(data)
    finally:
        writer.close()  # the socket stays open: makefile() counted a reference
    if sent is None:
        raise BlockingIOError(errno.EAGAIN, "makefile writer would block")  # RawIOBase.write's None
    return int(sent)
