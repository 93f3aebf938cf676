"""A driver for docs/protocol.md, written from that document alone: the worked example.

    socketpair-conformance run --impl "exec:python3 conformance/examples/driver.py"

It wraps Python's socket module (so, the real kernel) and imports nothing from
the suite: copy it, replace the socket calls with your implementation's, and
declare in CAPS only what you support.  Standard library only, Python >= 3.9.
"""

from __future__ import annotations

import array
import fcntl
import os
import select
import signal
import socket
import stat
import struct
import sys
import tempfile
import threading
import time
import zlib
from typing import Any, Callable, Optional

CAPS = "stream,dgram,seqpacket,nonblock,cloexec,scm_rights,scm_credentials,peek,trunc,waitall,shutdown,poll,sockopt"
CAPS += ",duplex,pep446"  # Python makes every descriptor close-on-exec (PEP 446)
# The views it can make a recv or send with (docs/protocol.md, Views): the standard
# library has no recvmmsg or sendmmsg, and os.splice only from Python 3.10.
VIEWS = "recv.recvmsg,recv.recv,recv.recvfrom,recv.read,recv.readv,recv.msg_name"
VIEWS += ",send.sendmsg,send.send,send.sendto,send.write,send.writev,send.sendall"
VIEWS += ",recv.splice,send.splice" if hasattr(os, "splice") else ""
SPLICE_F_NONBLOCK = 2

# The protocol's name tables (docs/protocol.md); numbers outside them travel as decimal.
FAMILIES = {"unix": 1, "inet": 2, "inet6": 10, "unspec": 0}
TYPES = {"stream": 1, "dgram": 2, "raw": 3, "rdm": 4, "seqpacket": 5}
TYPE_FLAGS = {"nonblock": os.O_NONBLOCK, "cloexec": os.O_CLOEXEC, "bogus": 0x40000000}
# Linux's numbers where an interpreter (PyPy) does not export the name
O_ACCMODE = getattr(os, "O_ACCMODE", 3)
SCM_CREDENTIALS = getattr(socket, "SCM_CREDENTIALS", 2)
SEND_FLAGS = {"dontwait": 0x40, "nosignal": 0x4000, "eor": 0x80, "oob": 0x1}
RECV_FLAGS = {"peek": 0x2, "trunc": 0x20, "waitall": 0x100, "dontwait": 0x40, "cmsg_cloexec": 0x40000000, "oob": 0x1}
MSG_FLAGS = {"trunc": 0x20, "ctrunc": 0x8, "eor": 0x80, "oob": 0x1, "errqueue": 0x2000, "cmsg_cloexec": 0x40000000}
HOWS = {"rd": 0, "wr": 1, "rdwr": 2}
POLL = {"in": 0x1, "pri": 0x2, "out": 0x4, "err": 0x8, "hup": 0x10, "rdhup": 0x2000, "nval": 0x20}
OPTS = {"type": 3, "domain": 39, "protocol": 38, "passcred": 16, "peercred": 17, "sndbuf": 7, "rcvbuf": 8}
OPTS.update({"error": 4, "acceptconn": 30, "rcvlowat": 18, "keepalive": 9, "bogus": 9999})
ERRNO_ALIASES = {"ENOTSUP": "EOPNOTSUPP", "EWOULDBLOCK": "EAGAIN", "EDEADLOCK": "EDEADLK"}
UCRED = struct.Struct("iII")
BAD_FD = 1 << 20  # never open


class Blocked(Exception):
    pass


class Bad(Exception):
    pass


def errno_name(number: int) -> str:
    import errno

    name = errno.errorcode.get(number, f"E{number}")
    return ERRNO_ALIASES.get(name, name)


def bits(table: dict[str, int], text: str) -> int:
    value = 0
    for item in filter(None, text.split(",")):
        value |= table[item] if item in table else int(item)
    return value


def names(table: dict[str, int], value: int) -> str:
    out = []
    for name, bit in table.items():
        if value & bit:
            out.append(name)
            value &= ~bit
    return ",".join(out + ([str(value)] if value else []))


def lookup(table: dict[str, int], text: str) -> int:
    return table[text] if text in table else int(text)


def name_of(table: dict[str, int], value: int) -> str:
    return next((k for k, v in table.items() if v == value), str(value))


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd")) - 1  # minus listdir's own descriptor


class Driver:
    def __init__(self) -> None:
        self.block = 0.02
        self.ends: list[Optional[socket.socket]] = [None, None]
        self.objects: dict[str, int] = {}  # creation order matters for describing fds
        self.stream = False

    # -- helpers -------------------------------------------------------------
    def bounded(self, call: Callable[[], str]) -> str:
        """Answer ``blocked`` if the call does not return within block_ms."""

        def on_alarm(signum: int, frame: Any) -> None:
            raise Blocked

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.block)
        try:
            return call()
        except Blocked:
            return "blocked"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def end(self, a: dict[str, str]) -> socket.socket:
        if a.get("end") not in ("0", "1"):
            raise Bad("end= must be 0 or 1")
        sock = self.ends[int(a["end"])]
        if sock is None:
            raise OSError(9, "closed end")  # EBADF, without touching any descriptor
        return sock

    def fd_named(self, name: str) -> int:
        if name in ("end0", "end1"):
            sock = self.ends[int(name[3])]
            return sock.fileno() if sock else BAD_FD
        if name == "badfd":
            return BAD_FD
        if name not in self.objects:
            raise Bad(f"no object {name}")
        return self.objects[name]

    def candidates(self) -> list[tuple[str, int]]:
        ends = [(f"end{i}", s.fileno()) for i, s in enumerate(self.ends) if s is not None]
        return list(self.objects.items()) + ends

    def describe_fd(self, fd: int) -> str:
        st, fl = os.fstat(fd), fcntl.fcntl(fd, fcntl.F_GETFL)
        mode = fl & O_ACCMODE
        access = {os.O_RDONLY: "r", os.O_WRONLY: "w"}.get(mode, "rw")
        match: Optional[tuple[str, int]] = None
        for name, cand in self.candidates():
            cst = os.fstat(cand)
            if (cst.st_dev, cst.st_ino) != (st.st_dev, st.st_ino):
                continue
            same_mode = fcntl.fcntl(cand, fcntl.F_GETFL) & O_ACCMODE == mode
            if match is None or same_mode:
                match = (name, cand)
            if same_mode:
                break
        if match is None:
            kinds = [
                (stat.S_ISREG, "?file"),
                (stat.S_ISFIFO, "?pipe"),
                (stat.S_ISSOCK, "?sock"),
                (stat.S_ISCHR, "?chr"),
            ]
            name, ofd = next((k for test, k in kinds if test(st.st_mode)), "?other"), "-"
        else:
            name, original = match
            flags = fcntl.fcntl(original, fcntl.F_GETFL)
            fcntl.fcntl(original, fcntl.F_SETFL, flags ^ os.O_NONBLOCK)
            seen = fcntl.fcntl(fd, fcntl.F_GETFL)
            fcntl.fcntl(original, fcntl.F_SETFL, flags)
            ofd = "same-ofd" if (seen ^ flags) & os.O_NONBLOCK else "other-ofd"
        cloexec = "cloexec" if fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC else "-"
        return f"{name}/{access}/{ofd}/{cloexec}"

    def describe_cmsg(self, level: int, kind: int, data: bytes) -> str:
        if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
            fds = array.array("i", data[: len(data) - len(data) % 4])
            text = "rights:" + ",".join(self.describe_fd(fd) for fd in fds)
            for fd in fds:
                os.close(fd)
            return text
        if (level, kind) == (socket.SOL_SOCKET, SCM_CREDENTIALS):
            if len(data) < UCRED.size:
                return "creds:partial"
            creds = UCRED.unpack(data[: UCRED.size])
            return "creds:self" if creds == (self.pid, os.getuid(), os.getgid()) else "creds:{}.{}.{}".format(*creds)
        return f"other:{level}:{kind}:{len(data)}"

    # -- verbs -----------------------------------------------------------------
    def do_start(self, a: dict[str, str]) -> str:
        if a.get("version") != "1":
            raise Bad("this driver speaks protocol version 1 only")
        self.block = int(a.get("block_ms", "20")) / 1000
        self.pid = os.getpid()
        return f"ok version=1 name=python-example impl_version=1 caps={CAPS} views={VIEWS}"

    def do_reset(self, a: dict[str, str]) -> str:
        for sock in self.ends:
            if sock is not None:
                sock.close()
        for fd in self.objects.values():
            os.close(fd)
        self.ends, self.objects = [None, None], {}
        return "ok"

    def do_obj(self, a: dict[str, str]) -> str:
        kind, name, data = a["kind"], a["name"], bytes.fromhex(a.get("data", ""))
        if kind in ("file", "rofile"):
            fd, path = tempfile.mkstemp(prefix="spc-example-")
            os.unlink(path)
            os.write(fd, data)
            os.lseek(fd, 0, os.SEEK_SET)
            if kind == "rofile":
                fd, old = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY), fd
                os.close(old)
            made = {name: fd}
        elif kind == "pipe":
            r, w = os.pipe()
            os.write(w, data)
            made = {f"{name}.r": r, f"{name}.w": w}
        elif kind == "devnull":
            made = {name: os.open(os.devnull, os.O_RDWR)}
        else:
            raise Bad(f"unknown kind {kind}")
        for key, fd in made.items():
            os.set_inheritable(fd, a.get("cloexec") != "1")
            self.objects[key] = fd
        return "ok"

    def do_pair(self, a: dict[str, str]) -> str:
        family, kind = lookup(FAMILIES, a.get("family", "unix")), lookup(TYPES, a.get("type", "stream"))
        self.ends = list(
            socket.socketpair(family, kind | bits(TYPE_FLAGS, a.get("flags", "")), int(a.get("proto", "0")))
        )
        self.stream = kind == socket.SOCK_STREAM
        return "ok"

    def do_send(self, a: dict[str, str]) -> str:
        sock, flags = self.end(a), bits(SEND_FLAGS, a.get("flags", ""))
        pieces = [bytes.fromhex(p) for p in a["data"].split(",")] if "data" in a else []
        anc = []
        for item in filter(None, a.get("anc", "").split(";")):
            if item.startswith("rights:"):
                fds = [self.fd_named(n) for n in filter(None, item[7:].split(","))]
                anc.append((socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds).tobytes()))
            elif item == "creds":
                anc.append((socket.SOL_SOCKET, SCM_CREDENTIALS, UCRED.pack(self.pid, os.getuid(), os.getgid())))
            elif item.startswith("raw:"):
                level, kind, hexdata = item[4:].split(":")
                anc.append((int(level), int(kind), bytes.fromhex(hexdata)))
            else:
                raise Bad(f"unknown anc item {item}")
        via, one = a.get("via", "sendmsg"), pieces[0] if pieces else b""
        if via == "send" or (via == "sendto" and "to" not in a):  # send(2) is sendto(2) with no address
            return self.bounded(lambda: f"ok ret={sock.send(one, flags)}")
        if via == "sendto":
            return self.bounded(lambda: f"ok ret={sock.sendto(one, flags, address(a['to']))}")
        if via == "write":
            return self.bounded(lambda: f"ok ret={os.write(sock.fileno(), one)}")
        if via == "writev":
            return self.bounded(lambda: f"ok ret={os.writev(sock.fileno(), pieces) if pieces else 0}")
        if via == "sendall":
            return self.bounded(lambda: f"ok ret={send_all(sock, one, flags)}")
        if via == "splice":
            return self.bounded(lambda: f"ok ret={splice_in(sock, one, flags)}")
        if via != "sendmsg":
            raise Bad(f"via={via} is not among the views this driver declared")
        return self.bounded(lambda: f"ok ret={sock.sendmsg(pieces, anc, flags)}")

    def do_recv(self, a: dict[str, str]) -> str:
        sock = self.end(a)
        if a.get("in") == "child":
            return self.recv_in_child(a)
        flags, size, ctrl = bits(RECV_FLAGS, a.get("flags", "")), int(a.get("size", "0")), int(a.get("ctrl", "0"))
        buffers = [bytearray(int(n)) for n in a["iov"].split(",")] if "iov" in a else [bytearray(size)]
        before = open_fds()

        via, fd = a.get("via", "recvmsg"), sock.fileno()

        def call() -> str:
            msg_flags, tail = 0, ""
            ancdata: list[tuple[int, int, bytes]] = []
            if via in ("recvmsg", "recv"):
                # recvmsg_into even for via=recv: CPython's recv() with a 0-byte buffer
                # returns at once without entering the kernel (recv(2) would consume an
                # empty datagram); recv(2) and recvmsg(2) are the same call in the kernel.
                ret, ancdata, msg_flags, sender = sock.recvmsg_into(buffers, ctrl, flags)
                if via == "recv":
                    msg_flags = 0  # recv(2) has no msg_flags to report
                elif a.get("name") == "1":
                    tail = f" addr={addr_of(sender)}"
            elif via == "recvfrom":
                got, sender = sock.recvfrom(size, flags)  # enters the kernel also for size 0
                ret, buffers[:] = len(got), [bytearray(got)]
                tail = f" addr={addr_of(sender)}"
            elif via == "read":
                got = os.read(fd, size)  # read(2) of 0 bytes returns 0 at once, as Linux's does
                ret, buffers[:] = len(got), [bytearray(got)]
            elif via == "readv":
                ret = os.readv(fd, buffers)
            elif via == "splice":
                got = splice_out(sock, size, flags)
                ret, buffers[:] = len(got), [bytearray(got)]
            else:
                raise Bad(f"via={via} is not among the views this driver declared")
            data = b"".join(buffers)[: min(ret, size)]
            anc = ";".join(self.describe_cmsg(*item) for item in ancdata)
            leaked = open_fds() - before
            fields = f"ret={ret} data={data.hex()} msg_flags={names(MSG_FLAGS, msg_flags)} anc={anc} leaked={leaked}"
            return f"ok {fields}{tail}"

        return self.bounded(call)

    def recv_in_child(self, a: dict[str, str]) -> str:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(r)
                os.write(w, self.answer(dict(a, **{"in": ""}), "do_recv").encode())
            finally:
                os._exit(0)
        os.close(w)
        got = b""
        while True:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            got += chunk
        os.close(r)
        os.waitpid(pid, 0)
        return got.decode()

    def do_shutdown(self, a: dict[str, str]) -> str:
        self.end(a).shutdown(lookup(HOWS, a.get("how", "")))
        return "ok"

    def do_close(self, a: dict[str, str]) -> str:
        self.end(a).close()
        self.ends[int(a["end"])] = None
        return "ok"

    def do_getsockopt(self, a: dict[str, str]) -> str:
        sock, opt = self.end(a), lookup(OPTS, a["opt"])
        if opt == OPTS["peercred"]:
            creds = UCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, opt, UCRED.size))
            mine = creds == (self.pid, os.getuid(), os.getgid())
            return "ok value=" + ("self" if mine else "{}.{}.{}".format(*creds))
        value = sock.getsockopt(socket.SOL_SOCKET, opt)
        if opt == OPTS["type"]:
            return f"ok value={name_of(TYPES, value)}"
        if opt == OPTS["domain"]:
            return f"ok value={name_of(FAMILIES, value)}"
        if opt == OPTS["error"]:
            return f"ok value={errno_name(value) if value else 0}"
        return f"ok value={value}"

    def do_setsockopt(self, a: dict[str, str]) -> str:
        self.end(a).setsockopt(socket.SOL_SOCKET, lookup(OPTS, a["opt"]), int(a["value"]))
        return "ok"

    def do_poll(self, a: dict[str, str]) -> str:
        poller = select.poll()
        poller.register(self.end(a).fileno(), bits(POLL, a.get("events", "")))
        got = poller.poll(0)
        return f"ok revents={names(POLL, got[0][1] if got else 0)}"

    def do_fdflags(self, a: dict[str, str]) -> str:
        fd = self.end(a).fileno()
        nonblock = int(bool(fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_NONBLOCK))
        return f"ok nonblock={nonblock} cloexec={int(bool(fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC))}"

    def do_duplex(self, a: dict[str, str]) -> str:
        if self.ends[0] is None or self.ends[1] is None:
            return "err errno=EBADF"
        return duplex(self.ends, self.stream, a)

    # -- the loop --------------------------------------------------------------
    def answer(self, a: dict[str, str], handler_name: str) -> str:
        try:
            return str(getattr(self, handler_name)(a))
        except OSError as exc:
            return f"err errno={errno_name(exc.errno or 0)}"
        except (Bad, KeyError, ValueError, IndexError) as exc:
            return f"bad why={type(exc).__name__}: {exc}"


def address(spec: str) -> Any:
    """to=: unnamed, abstract:HEX or path:HEX, as CPython's sendto takes an AF_UNIX address."""
    if spec == "unnamed":
        return ""
    kind, _, name = spec.partition(":")
    return (b"\0" if kind == "abstract" else b"") + bytes.fromhex(name)


def addr_of(sender: Any) -> str:
    """addr=: none, unnamed, abstract:HEX or path:HEX."""
    if sender is None:
        return "none"
    raw = os.fsencode(sender) if isinstance(sender, str) else bytes(sender)
    if not raw:
        return "unnamed"
    return f"abstract:{raw[1:].hex()}" if raw[:1] == b"\0" else f"path:{raw.hex()}"


def send_all(sock: socket.socket, data: bytes, flags: int) -> int:
    """send(2) until all is sent or a call fails (via=sendall)."""
    done = 0
    while True:
        done += sock.send(data[done:], flags)
        if done >= len(data):
            return done


def splice_in(sock: socket.socket, data: bytes, flags: int) -> int:
    """The bytes into a pipe, then the pipe into the socket (via=splice)."""
    r, w = os.pipe()
    try:
        os.write(w, data)
        return os.splice(r, sock.fileno(), len(data), flags=SPLICE_F_NONBLOCK if flags & 0x40 else 0)
    finally:
        os.close(r)
        os.close(w)


def splice_out(sock: socket.socket, size: int, flags: int) -> bytes:
    """From the socket into a pipe, then what moved out of the pipe (via=splice)."""
    r, w = os.pipe()
    try:
        moved = os.splice(sock.fileno(), w, size, flags=SPLICE_F_NONBLOCK if flags & 0x40 else 0)
        return os.read(r, moved) if moved else b""
    finally:
        os.close(r)
        os.close(w)


def duplex(ends: list[Any], stream: bool, a: dict[str, str]) -> str:
    """Both ends send and receive at once (docs/protocol.md, duplex)."""
    seed = int(a.get("seed", "0"))
    sizes = [[int(n) for n in filter(None, a.get(f"sizes{e}", "").split(","))] for e in (0, 1)]
    deadline = time.monotonic() + 3.0
    got: list[list[bytes]] = [[], []]
    errors: dict[int, str] = {}

    def message(e: int, k: int, n: int) -> bytes:
        base = seed + 1000 * e + 37 * k
        return bytes(((base + j) * 7 + 3) % 251 for j in range(n))

    def wait(sock: Any, write: bool) -> bool:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        r, w, _ = select.select([] if write else [sock], [sock] if write else [], [], left)
        return bool(r or w)

    finished: set[str] = set()

    def sender(e: int) -> None:
        sock = ends[e]
        try:
            for k, n in enumerate(sizes[e]):
                data, sent = message(e, k, n), 0
                while sent < n or (n == 0 and sent == 0):
                    if not wait(sock, True):
                        return
                    try:
                        count = sock.send(data[sent:], socket.MSG_DONTWAIT)
                    except BlockingIOError:
                        continue
                    sent += count
                    if not stream or n == 0:
                        break
            finished.add(f"send{e}")
        except OSError as exc:
            errors.setdefault(e, errno_name(exc.errno or 0))

    def receiver(e: int) -> None:
        sock, theirs = ends[e], sizes[1 - e]
        total, want = 0, sum(theirs)
        try:
            for _ in range(1 if stream else len(theirs)):
                while True:
                    if stream and total >= want:
                        return
                    if not wait(sock, False):
                        return
                    try:
                        chunk = sock.recv(min(want - total, 262144) if stream else 262145, socket.MSG_DONTWAIT)
                    except BlockingIOError:
                        continue
                    got[e].append(chunk)
                    total += len(chunk)
                    if stream and not chunk:
                        errors.setdefault(e, "early-eof")
                        return
                    if not stream:
                        break
        except OSError as exc:
            errors.setdefault(e, errno_name(exc.errno or 0))

    threads = [threading.Thread(target=f, args=(e,)) for e in (0, 1) for f in (sender, receiver)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if stream:
        received = all(sum(map(len, got[e])) >= sum(sizes[1 - e]) for e in (0, 1))
    else:
        received = all(len(got[e]) == len(sizes[1 - e]) for e in (0, 1))
    if not (received and {"send0", "send1"} <= finished) and not errors:
        return "blocked"
    fields = []
    for e in (0, 1):
        data = b"".join(got[e])
        fields.append(f"got{e}={len(data)}:{zlib.crc32(data):08x}")
        if not stream:
            lengths = array.array("I", [len(m) for m in got[e]]).tobytes()
            fields.append(f"msgs{e}={len(got[e])}:{zlib.crc32(lengths):08x}")
        if e in errors:
            fields.append(f"error{e}={errors[e]}")
    return "ok " + " ".join(fields)


def main() -> None:
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # EPIPE is an answer, not a reason to die
    driver = Driver()
    for line in sys.stdin:
        tokens = line.rstrip("\n").split(" ")
        seq = tokens[0] if tokens[0].isdigit() else "?"
        if seq == "?" or len(tokens) < 2:
            reply = "bad why=malformed request"
        else:
            args = dict(t.partition("=")[::2] for t in tokens[2:])
            handler = f"do_{tokens[1]}"
            reply = driver.answer(args, handler) if hasattr(driver, handler) else f"bad why=unknown verb {tokens[1]}"
        sys.stdout.write(f"{seq} {reply}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
