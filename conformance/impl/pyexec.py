"""Execute protocol operations on a Python socketpair implementation, in process.

The implementation is a factory with the signature of ``socket.socketpair``;
the executor talks to the two objects it returns only through ``socket.socket``
methods, using ``fileno()`` for readiness and for identifying received fds.
Observations have exactly the shape the C reference driver reports.

Never hang: every send and receive is bounded, whatever its flags say (an
implementation may ignore MSG_DONTWAIT).  On the main thread the bound is a
one-shot ``ITIMER_REAL`` whose SIGALRM handler raises, which interrupts a
blocked call (PEP 475 retries only when the handler returns) for a few
microseconds per step; elsewhere a helper thread waits with a timeout.  When
the bound passes the step is ``blocked`` and both ends are shut down so the
state is not reused; an implementation that cannot be woken is *hung*.
"""

from __future__ import annotations

import array
import fcntl
import os
import select
import signal
import socket
import struct
import threading
from typing import Any, Callable, Optional

from ..engine.executor import Capabilities
from ..errors import ImplHung
from ..ops.duplex import plan
from ..ops.fdident import BAD_FD, Objects, count_open_fds
from ..spec import names
from ..spec.protocol import Observation, Op, ProtocolError, err, ok, parse_reply, plain_recv
from .bounds import COMPLETES_WITHIN, Worker, wake_ends, with_alarm
from .concurrency import THREADS, Concurrency, run_duplex

SocketFactory = Callable[[int, int, int], "tuple[Any, Any]"]
UCRED = struct.Struct("iII")
INT = array.array("i").itemsize
# pep446: Python makes every descriptor close-on-exec (PEP 446), so socket
# objects' ends have FD_CLOEXEC even without SOCK_CLOEXEC.
ALL_CAPS = frozenset(
    "stream dgram seqpacket nonblock cloexec scm_rights scm_credentials peek trunc waitall shutdown poll sockopt duplex"
    " pep446".split()
)


class PythonExecutor:
    def __init__(
        self,
        factory: SocketFactory,
        name: str,
        block_seconds: float = 0.03,
        caps: frozenset[str] = ALL_CAPS,
        concurrency: Concurrency = THREADS,
    ):
        self.factory, self.name, self.block_seconds, self.caps = factory, name, block_seconds, caps
        self.concurrency = concurrency
        self.ends: list[Optional[Any]] = [None, None]
        self.objects = Objects()
        self.stream = True
        self._worker: Optional[Worker] = None
        self._bound = block_seconds
        self.pid = os.getpid()  # "self" in creds, also inside a forked child receiver

    # -- session ---------------------------------------------------------
    def start(self) -> Capabilities:
        return Capabilities(self.name, "in-process", self.caps)

    def close(self) -> None:
        self._reset()
        if self._worker:
            self._worker.stop()
            self._worker = None

    def execute(self, op: Op, reference: Optional[Observation] = None) -> Observation:
        """Run one step.  ``reference`` is Linux's observation of the same step, when
        known: where Linux completed, the implementation gets a generous bound
        (a busy machine must not turn a slow step into "blocked"); where Linux
        blocked, a short one is enough to confirm that it blocks too."""
        self._bound = self.block_seconds if reference is None or reference.status == "blocked" else COMPLETES_WITHIN
        handler = getattr(self, f"_do_{op.verb}", None)
        if handler is None:
            raise ProtocolError(f"unknown verb {op.verb!r}")
        try:
            result: Observation = handler(op)
            return result
        except OSError as exc:
            return err(exc.errno or 0)
        except (ProtocolError, ImplHung):
            raise
        except NotImplementedError as exc:  # an explicit refusal: unsupported, not a deviation
            return Observation("unsupported", (("why", str(exc) or op.verb),))
        except ValueError as exc:
            if "malformed" in str(exc):
                raise ProtocolError(str(exc)) from None
            return Observation("raised", (("exc", type(exc).__name__),))
        except Exception as exc:  # an implementation raising what Linux never does
            return Observation("raised", (("exc", type(exc).__name__),))

    # -- helpers -----------------------------------------------------------
    def _end(self, op: Op) -> Any:
        index = op.get("end")
        if index not in ("0", "1"):
            raise ProtocolError("end= must be 0 or 1")
        sock = self.ends[int(index)]
        if sock is None:
            raise OSError(9, "closed")  # EBADF, as the kernel reports for a closed fd
        return sock

    def _end_fds(self) -> dict[str, Optional[int]]:
        return {f"end{i}": (s.fileno() if s is not None else None) for i, s in enumerate(self.ends)}

    def _bounded(self, call: Callable[[], Observation]) -> Observation:
        # Every send/receive is bounded, whatever Linux would do: the
        # implementation is not trusted to honour non-blocking flags.
        if threading.current_thread() is threading.main_thread():
            return with_alarm(call, self._bound, self._wake)
        if self._worker is None:
            self._worker = Worker()
        return self._worker.run(call, self._bound, self._wake)

    def _wake(self) -> None:
        wake_ends(self.ends)

    def _reset(self) -> None:
        for i, sock in enumerate(self.ends):
            if sock is not None:
                sock.close()
            self.ends[i] = None
        self.objects.close_all()

    # -- verbs -------------------------------------------------------------
    def _do_reset(self, op: Op) -> Observation:
        self._reset()
        return ok()

    def _do_obj(self, op: Op) -> Observation:
        self.objects.create(op.get("name"), op.get("kind"), bytes.fromhex(op.get("data")), op.get("cloexec") == "1")
        return ok()

    def _do_pair(self, op: Op) -> Observation:
        try:
            family = names.lookup(names.FAMILIES, op.get("family", "unix"))
            sock_type = names.lookup(names.TYPES, op.get("type", "stream"))
            flags = names.lookup_set(names.TYPE_FLAGS, op.get("flags"))
            proto = int(op.get("proto", "0"))
        except ValueError:
            raise ProtocolError("malformed pair arguments") from None
        if self.ends != [None, None]:
            raise ProtocolError("a pair exists; reset first")
        a, b = self.factory(family, sock_type | flags, proto)
        self.ends = [a, b]
        self.stream = sock_type == socket.SOCK_STREAM
        return ok()

    def _do_send(self, op: Op) -> Observation:
        sock = self._end(op)
        flags = names.lookup_set(names.SEND_FLAGS, op.get("flags"))
        pieces = [bytes.fromhex(p) for p in op.get("data").split(",")] if op.has("data") else []
        ancdata = self._ancdata(op.get("anc")) if op.has("anc") else []
        if op.get("via") == "send":
            return self._bounded(lambda: ok(ret=sock.send(pieces[0] if pieces else b"", flags)))
        return self._bounded(lambda: ok(ret=sock.sendmsg(pieces, ancdata, flags)))

    def _ancdata(self, spec: str) -> list[tuple[int, int, bytes]]:
        items = []
        for item in spec.split(";") if spec else []:
            if item.startswith("rights:"):
                fds = [self._named_fd(n) for n in filter(None, item[7:].split(","))]
                items.append((socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds).tobytes()))
            elif item == "creds":
                items.append(
                    (socket.SOL_SOCKET, socket.SCM_CREDENTIALS, UCRED.pack(os.getpid(), os.getuid(), os.getgid()))
                )
            elif item.startswith("raw:"):
                level, kind, data = item[4:].split(":")
                items.append((int(level), int(kind), bytes.fromhex(data)))
            else:
                raise ProtocolError(f"unknown anc item {item!r}")
        return items

    def _named_fd(self, name: str) -> int:
        if name in ("end0", "end1"):
            sock = self.ends[int(name[3])]
            return sock.fileno() if sock is not None else BAD_FD
        if name == "badfd":
            return BAD_FD
        if name not in self.objects.fds:
            raise ProtocolError(f"unknown fd name {name!r}")
        return self.objects.fds[name]

    def _do_recv(self, op: Op) -> Observation:
        if op.get("in") == "child":
            return self._recv_in_child(Op(op.verb, tuple(kv for kv in op.args if kv[0] != "in")))
        sock = self._end(op)
        flags = names.lookup_set(names.RECV_FLAGS, op.get("flags"))
        size, ctrl = int(op.get("size", "0")), int(op.get("ctrl", "0"))
        sizes = [int(n) for n in op.get("iov").split(",")] if op.has("iov") else [size]
        buffers = [bytearray(n) for n in sizes]
        before = count_open_fds()

        def call() -> Observation:
            # CPython's recv()/recv_into() return at once for a zero-size buffer
            # without entering the kernel (a pending empty datagram would stay
            # queued); recvmsg_into does enter it, so zero-size reads use it.
            if plain_recv(op):
                nbytes, ancdata, msg_flags = sock.recv_into(buffers[0], size, flags), [], 0
            else:
                nbytes, ancdata, msg_flags, _ = sock.recvmsg_into(buffers, ctrl, flags)
                msg_flags = 0 if op.get("via") == "recv" else msg_flags  # recv(2) has no msg_flags
            data = b"".join(buffers)[: min(nbytes, size)]
            anc = ";".join(self._describe(level, kind, payload) for level, kind, payload in ancdata)
            fields = {
                "ret": nbytes,
                "data": data.hex(),
                "msg_flags": names.name_set(names.MSG_FLAGS, msg_flags or 0),
                "anc": anc,
            }
            return ok(**fields, leaked=count_open_fds() - before)

        return self._bounded(call)

    def _recv_in_child(self, op: Op) -> Observation:
        """A forked child performs the receive (fds arrive in another process, the
        article's setting) and hands its observation back on a pipe."""
        self._end(op)  # a closed end is EBADF here, as in the parent
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            try:
                os.close(read_end)
                os.write(write_end, self.execute(op).line().encode())
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

    def _describe(self, level: int, kind: int, payload: bytes) -> str:
        if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
            fds = array.array("i", payload[: len(payload) - len(payload) % INT])
            described = [self.objects.describe(fd, self._end_fds()) for fd in fds]
            for fd in fds:
                os.close(fd)
            return "rights:" + ",".join(described)
        if (level, kind) == (socket.SOL_SOCKET, socket.SCM_CREDENTIALS):
            if len(payload) < UCRED.size:
                return "creds:partial"
            pid, uid, gid = UCRED.unpack(payload[: UCRED.size])
            return (
                "creds:self" if (pid, uid, gid) == (self.pid, os.getuid(), os.getgid()) else f"creds:{pid}.{uid}.{gid}"
            )
        return f"other:{level}:{kind}:{len(payload)}"

    def _do_shutdown(self, op: Op) -> Observation:
        self._end(op).shutdown(names.lookup(names.HOWS, op.get("how")))
        return ok()

    def _do_close(self, op: Op) -> Observation:
        sock = self._end(op)
        self.ends[int(op.get("end"))] = None
        sock.close()
        return ok()

    def _do_getsockopt(self, op: Op) -> Observation:
        sock, opt = self._end(op), names.lookup(names.OPTS, op.get("opt"))
        if opt == socket.SO_PEERCRED:
            pid, uid, gid = UCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, opt, UCRED.size))
            return ok(value="self" if (pid, uid, gid) == (self.pid, os.getuid(), os.getgid()) else f"{pid}.{uid}.{gid}")
        value = sock.getsockopt(socket.SOL_SOCKET, opt)
        if opt == socket.SO_TYPE:
            return ok(value=names.name_of(names.TYPES, value))
        if opt == names.OPTS["domain"]:
            return ok(value=names.name_of(names.FAMILIES, value))
        if opt == socket.SO_ERROR:
            return ok(value=err(value).get("errno") if value else "0")
        return ok(value=value)

    def _do_setsockopt(self, op: Op) -> Observation:
        self._end(op).setsockopt(socket.SOL_SOCKET, names.lookup(names.OPTS, op.get("opt")), int(op.get("value")))
        return ok()

    def _do_poll(self, op: Op) -> Observation:
        poller = select.poll()
        poller.register(self._end(op).fileno(), names.lookup_set(names.POLL_BITS, op.get("events")))
        events = poller.poll(0)
        return ok(revents=names.name_set(names.POLL_BITS, events[0][1] if events else 0))

    def _do_fdflags(self, op: Op) -> Observation:
        fd = self._end(op).fileno()
        nonblock = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_NONBLOCK
        cloexec = fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
        return ok(nonblock=int(bool(nonblock)), cloexec=int(bool(cloexec)))

    def _do_duplex(self, op: Op) -> Observation:
        if self.ends[0] is None or self.ends[1] is None:
            return err(9)
        return run_duplex(self.ends, self.stream, plan(op), self.concurrency)
