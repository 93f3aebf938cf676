"""A gallery of deliberately faulty socketpairs, one realistic bug each.

Each is a ``python:`` implementation (``python:tests.quality.faulty:NAME``)
wrapping the real socketpair and getting exactly one thing wrong, the way
user-space emulations and wrappers do.  ``GALLERY`` maps each to the property
area that must report it as *deviates*.
"""

from __future__ import annotations

import array
import errno
import fcntl
import io
import os
import signal
import socket
import struct
import threading
from typing import Any, Callable

INT = array.array("i").itemsize


class Wrapper:
    """Delegates everything to the real socket; subclasses override one method."""

    def __init__(self, sock: socket.socket):
        self._s = sock

    def __getattr__(self, name: str) -> Any:
        return getattr(self._s, name)

    @property
    def is_stream(self) -> bool:
        return self._s.type == socket.SOCK_STREAM


def factory(cls: type[Wrapper], fix_type: Callable[[int], int] = lambda t: t) -> Callable[..., tuple[Wrapper, Wrapper]]:
    def make(
        family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
    ) -> tuple[Wrapper, Wrapper]:
        a, b = socket.socketpair(family, fix_type(sock_type), proto)
        return cls(a), cls(b)

    return make


def _map_rights(ancdata: list, change: Callable[[list], list]) -> list:  # type: ignore[type-arg]
    out = []
    for level, kind, data in ancdata:
        if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
            fds = change(list(array.array("i", data)))
            if fds is None:
                continue
            data = array.array("i", fds).tobytes()
        out.append((level, kind, data))
    return out


# -- message boundaries and truncation -------------------------------------


class MergesDatagrams(Wrapper):
    """Treats datagrams like a byte stream: one read drains several messages."""

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        n, anc, mflags, addr = self._s.recvmsg_into(buffers, ancbufsize, flags)
        room = sum(len(b) for b in buffers) - n
        if not self.is_stream and room > 0 and not flags & socket.MSG_PEEK:
            try:
                more = self._s.recv(room, socket.MSG_DONTWAIT)
            except OSError:
                more = b""
            flat = bytearray(b"".join(buffers))
            flat[n : n + len(more)] = more
            pos = 0
            for buf in buffers:
                buf[:] = flat[pos : pos + len(buf)]
                pos += len(buf)
            n += len(more)
        return n, anc, mflags, addr

    def recv_into(self, buffer, nbytes=0, flags=0):  # type: ignore[no-untyped-def]
        return self.recvmsg_into([memoryview(buffer)[: nbytes or len(buffer)]], 0, flags)[0]

    def recvfrom_into(self, buffer, nbytes=0, flags=0):  # type: ignore[no-untyped-def]
        return self.recv_into(buffer, nbytes, flags), None

    def recv(self, bufsize, flags=0):  # type: ignore[no-untyped-def]
        buffer = bytearray(bufsize)
        return bytes(buffer[: self.recv_into(buffer, bufsize, flags)])

    def recvfrom(self, bufsize, flags=0):  # type: ignore[no-untyped-def]
        return self.recv(bufsize, flags), None

    def recvmsg(self, bufsize, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        buffer = bytearray(bufsize)
        n, anc, mflags, addr = self.recvmsg_into([buffer], ancbufsize, flags)
        return bytes(buffer[:n]), anc, mflags, addr


class HidesTruncation(Wrapper):
    """Never reports MSG_TRUNC: a cut datagram looks complete (recvmsg and recvmsg_into)."""

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        n, anc, mflags, addr = self._s.recvmsg_into(buffers, ancbufsize, flags)
        return n, anc, mflags & ~socket.MSG_TRUNC, addr

    def recvmsg(self, bufsize, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        data, anc, mflags, addr = self._s.recvmsg(bufsize, ancbufsize, flags)
        return data, anc, mflags & ~socket.MSG_TRUNC, addr


class DropsEmptyMessages(Wrapper):
    """Skips zero-length sends, which on DGRAM/SEQPACKET are real messages."""

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):  # type: ignore[no-untyped-def]
        if not self.is_stream and not any(len(b) for b in buffers):
            return 0
        return self._s.sendmsg(buffers, ancdata, flags)

    def send(self, data, flags=0):  # type: ignore[no-untyped-def]
        return self.sendmsg([data], (), flags)

    def sendall(self, data, flags=0):  # type: ignore[no-untyped-def]
        self.sendmsg([data], (), flags)

    def sendto(self, data, *args):  # type: ignore[no-untyped-def]
        if not self.is_stream and not data:
            return 0
        return self._s.sendto(data, *args)


class SeqpacketIsStream(Wrapper):
    """Emulates SOCK_SEQPACKET with a stream: boundaries are lost."""


def _seqpacket_as_stream(sock_type: int) -> int:
    base = sock_type & 0xF
    return (sock_type & ~0xF) | socket.SOCK_STREAM if base == socket.SOCK_SEQPACKET else sock_type


class TypeAlwaysStream(Wrapper):
    """getsockopt(SO_TYPE) answers SOCK_STREAM whatever the type."""

    def getsockopt(self, level, opt, *args):  # type: ignore[no-untyped-def]
        value = self._s.getsockopt(level, opt, *args)
        return socket.SOCK_STREAM if (level, opt) == (socket.SOL_SOCKET, socket.SO_TYPE) else value


# -- stream bytes -----------------------------------------------------------


class ShortBlockingWrites(Wrapper):
    """A blocking send of more than 4 KiB sends 4 KiB and returns a short count."""

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):  # type: ignore[no-untyped-def]
        data = b"".join(bytes(b) for b in buffers)
        if self.is_stream and len(data) > 4096:
            return self._s.sendmsg([data[:4096]], ancdata, flags)
        return self._s.sendmsg(buffers, ancdata, flags)

    def send(self, data, flags=0):  # type: ignore[no-untyped-def]
        return self.sendmsg([data], (), flags)


class GathersFirstBufferOnly(Wrapper):
    """sendmsg sends only the first buffer of the gather list."""

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):  # type: ignore[no-untyped-def]
        buffers = list(buffers)
        return self._s.sendmsg(buffers[:1], ancdata, flags)


class ScattersFirstBufferOnly(Wrapper):
    """recvmsg_into fills only the first buffer of the scatter list."""

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        buffers = list(buffers)
        return self._s.recvmsg_into(buffers[:1], ancbufsize, flags)


class DropsReceiveFlag(Wrapper):
    """Every receive method loses one flag (``lost``) on its way to the kernel."""

    lost = 0

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recvmsg_into(buffers, ancbufsize, flags & ~self.lost)

    def recvmsg(self, bufsize, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recvmsg(bufsize, ancbufsize, flags & ~self.lost)

    def recv_into(self, buffer, nbytes=0, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recv_into(buffer, nbytes, flags & ~self.lost)

    def recv(self, bufsize, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recv(bufsize, flags & ~self.lost)

    def recvfrom_into(self, buffer, nbytes=0, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recvfrom_into(buffer, nbytes, flags & ~self.lost)

    def recvfrom(self, bufsize, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recvfrom(bufsize, flags & ~self.lost)


class PeekConsumes(DropsReceiveFlag):
    """MSG_PEEK is ignored, so peeking consumes the data (every receive method)."""

    lost = socket.MSG_PEEK


# -- fd passing --------------------------------------------------------------


class DropsRights(Wrapper):
    """Sends the data but silently drops SCM_RIGHTS."""

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):  # type: ignore[no-untyped-def]
        return self._s.sendmsg(buffers, _map_rights(list(ancdata), lambda fds: None), flags)  # type: ignore[arg-type,return-value]


class ReversesFdOrder(Wrapper):
    """Delivers the fds of one cmsg in reverse order."""

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):  # type: ignore[no-untyped-def]
        return self._s.sendmsg(buffers, _map_rights(list(ancdata), lambda fds: fds[::-1]), flags)


class ReopensFiles(Wrapper):
    """Passes a re-opened file instead of the open file description (offset not shared)."""

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):  # type: ignore[no-untyped-def]
        opened: list[int] = []

        def reopen(fds: list[int]) -> list[int]:
            out = []
            for fd in fds:
                try:
                    if os.path.isfile(f"/proc/self/fd/{fd}") and not os.path.islink(f"/proc/self/fd/{fd}/x"):
                        mode = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE
                        if os.stat(f"/proc/self/fd/{fd}").st_nlink == 0 or True:
                            new = os.open(f"/proc/self/fd/{fd}", mode)
                            opened.append(new)
                            out.append(new)
                            continue
                except OSError:
                    pass
                out.append(fd)
            return out

        try:
            return self._s.sendmsg(buffers, _map_rights(list(ancdata), reopen), flags)
        finally:
            for fd in opened:
                os.close(fd)


class SetsCloexecOnReceive(Wrapper):
    """Received fds come back with FD_CLOEXEC set even without MSG_CMSG_CLOEXEC."""

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        n, anc, mflags, addr = self._s.recvmsg_into(buffers, ancbufsize, flags)

        def mark(fds: list[int]) -> list[int]:
            for fd in fds:
                fcntl.fcntl(fd, fcntl.F_SETFD, fcntl.FD_CLOEXEC)
            return fds

        return n, _map_rights(anc, mark), mflags, addr


class HidesControlTruncation(Wrapper):
    """Never reports MSG_CTRUNC when ancillary data did not fit."""

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        n, anc, mflags, addr = self._s.recvmsg_into(buffers, ancbufsize, flags)
        return n, anc, mflags & ~socket.MSG_CTRUNC, addr


class LeaksTruncatedFds(Wrapper):
    """Receives into a big control buffer and hands back only what fits, leaking the rest."""

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        n, anc, mflags, addr = self._s.recvmsg_into(buffers, max(ancbufsize, 4096), flags)
        if ancbufsize >= 4096:
            return n, anc, mflags, addr
        room = max(0, (ancbufsize - socket.CMSG_LEN(0)) // INT)
        kept = _map_rights(anc, lambda fds: fds[:room] if room else None)
        if any(len(d) // INT < len(a[2]) // INT for (_, _, d), a in zip(kept, anc)) or len(kept) < len(anc):
            mflags |= socket.MSG_CTRUNC
        return n, kept, mflags, addr


class FdsWithEmptyStreamSend(Wrapper):
    """On a stream, a zero-byte send carrying fds sends a filler byte instead of dropping them."""

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):  # type: ignore[no-untyped-def]
        if self.is_stream and ancdata and not any(len(b) for b in buffers):
            self._s.sendmsg([b"\0"], ancdata, flags)
            return 0
        return self._s.sendmsg(buffers, ancdata, flags)


# -- credentials -------------------------------------------------------------


class DropsCredentials(Wrapper):
    """Never delivers SCM_CREDENTIALS."""

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        n, anc, mflags, addr = self._s.recvmsg_into(buffers, ancbufsize, flags)
        return n, [a for a in anc if a[1] != socket.SCM_CREDENTIALS], mflags, addr


class IgnoresPasscred(Wrapper):
    """setsockopt(SO_PASSCRED) is accepted and forgotten."""

    def setsockopt(self, level, opt, value, *rest):  # type: ignore[no-untyped-def]
        if (level, opt) == (socket.SOL_SOCKET, socket.SO_PASSCRED):
            return None
        return self._s.setsockopt(level, opt, value, *rest)


# -- shutdown and close -------------------------------------------------------


class IgnoresShutdownWrite(Wrapper):
    """shutdown(SHUT_WR) does nothing: no EOF for the peer, own writes still work."""

    def shutdown(self, how):  # type: ignore[no-untyped-def]
        if how == socket.SHUT_WR:
            return None
        return self._s.shutdown(socket.SHUT_RD if how == socket.SHUT_RDWR else how)


class EpipeAsConnreset(Wrapper):
    """Reports EPIPE as ECONNRESET."""

    def _fix(self, call: Callable[[], int]) -> int:
        try:
            return call()
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise ConnectionResetError(errno.ECONNRESET, "reset") from None
            raise

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):  # type: ignore[no-untyped-def]
        return self._fix(lambda: self._s.sendmsg(buffers, ancdata, flags))

    def send(self, data, flags=0):  # type: ignore[no-untyped-def]
        return self._fix(lambda: self._s.send(data, flags))

    # the send path of every method (a bug in the shared send path, not in one method)
    def sendall(self, data, flags=0):  # type: ignore[no-untyped-def]
        return self._fix(lambda: self._s.sendall(data, flags))

    def sendto(self, data, *args):  # type: ignore[no-untyped-def]
        return self._fix(lambda: self._s.sendto(data, *args))


class DgramRefusedAsEpipe(EpipeAsConnreset):
    """A DGRAM send to a closed peer fails EPIPE instead of ECONNREFUSED."""

    def _fix(self, call: Callable[[], int]) -> int:
        try:
            return call()
        except OSError as exc:
            if exc.errno == errno.ECONNREFUSED:
                raise BrokenPipeError(errno.EPIPE, "pipe") from None
            raise


# -- non-blocking and creation --------------------------------------------------


class RecvIgnoresDontwait(Wrapper):
    """recv() and recv_into() drop MSG_DONTWAIT while recvmsg() honours it (as eventlet's green socket does)."""

    def recv_into(self, buffer, nbytes=0, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recv_into(buffer, nbytes, flags & ~socket.MSG_DONTWAIT)

    def recv(self, bufsize, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recv(bufsize, flags & ~socket.MSG_DONTWAIT)


class IgnoresDontwait(DropsReceiveFlag):
    """MSG_DONTWAIT is dropped on receive, so an empty queue blocks (every receive method)."""

    lost = socket.MSG_DONTWAIT


class NonblockOnOneEnd(Wrapper):
    """SOCK_NONBLOCK is applied to the first end only."""


def _make_nonblock_one_end(
    family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
) -> tuple[Wrapper, Wrapper]:
    a, b = socket.socketpair(family, sock_type, proto)
    if sock_type & socket.SOCK_NONBLOCK:
        b.setblocking(True)
    return NonblockOnOneEnd(a), NonblockOnOneEnd(b)


def _accepts_any_family(
    family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
) -> tuple[Wrapper, Wrapper]:
    """Ignores the family argument: socketpair(AF_INET, ...) 'works'."""
    a, b = socket.socketpair(socket.AF_UNIX, sock_type, proto)
    return Wrapper(a), Wrapper(b)


# -- one method each: the ways of reading and writing users call -----------------
# Each breaks that method alone; every other method is the real socket's.


class RecvEagainAsEof(Wrapper):
    """recv() turns "nothing to read" (EAGAIN) into b"", which reads as end of file."""

    def recv(self, bufsize, flags=0):  # type: ignore[no-untyped-def]
        try:
            return self._s.recv(bufsize, flags)
        except BlockingIOError:
            return b""


class RecvPeekConsumes(Wrapper):
    """recv() drops MSG_PEEK, so peeking with recv() consumes."""

    def recv(self, bufsize, flags=0):  # type: ignore[no-untyped-def]
        return self._s.recv(bufsize, flags & ~socket.MSG_PEEK)


class RecvfromNamesUnnamed(Wrapper):
    """recvfrom() reports an unnamed sender ('') where Linux returns no address (None, K3)."""

    def recvfrom(self, bufsize, flags=0):  # type: ignore[no-untyped-def]
        data, address = self._s.recvfrom(bufsize, flags)
        return data, "" if address is None else address


class RecvfromIntoCountsCopied(Wrapper):
    """recvfrom_into() returns the bytes copied, not the full length MSG_TRUNC asks for (D3)."""

    def recvfrom_into(self, buffer, nbytes=0, flags=0):  # type: ignore[no-untyped-def]
        n, address = self._s.recvfrom_into(buffer, nbytes, flags)
        return min(n, nbytes or len(buffer)), address


class RecvmsgHidesTruncation(Wrapper):
    """recvmsg() never reports MSG_TRUNC (recvmsg_into does)."""

    def recvmsg(self, bufsize, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        data, anc, mflags, address = self._s.recvmsg(bufsize, ancbufsize, flags)
        return data, anc, mflags & ~socket.MSG_TRUNC, address


class RecvmsgReversesFds(Wrapper):
    """recvmsg() hands back the fds of a message in reverse order (so does socket.recv_fds, which calls it)."""

    def recvmsg(self, bufsize, ancbufsize=0, flags=0):  # type: ignore[no-untyped-def]
        data, anc, mflags, address = self._s.recvmsg(bufsize, ancbufsize, flags)
        return data, _map_rights(anc, lambda fds: fds[::-1]), mflags, address


class MakefileReadsAhead(Wrapper):
    """makefile() ignores buffering=0: its reader reads ahead and drops what it did not return."""

    def makefile(self, mode="r", buffering=None, **kwargs):  # type: ignore[no-untyped-def]
        return self._s.makefile(mode, **kwargs)


class SendOverstatesCount(Wrapper):
    """send() returns the length asked for, also when the socket took less (a full buffer)."""

    def send(self, data, flags=0):  # type: ignore[no-untyped-def]
        self._s.send(data, flags)
        return len(data)


class SendallSendsOnce(Wrapper):
    """sendall() makes one send() and returns, whatever that sent."""

    def sendall(self, data, flags=0):  # type: ignore[no-untyped-def]
        self._s.send(data, flags)


class SendtoIgnoresAddress(Wrapper):
    """sendto() sends to the peer whatever the address (C15, E7)."""

    def sendto(self, data, *args):  # type: ignore[no-untyped-def]
        return self._s.send(data, args[0] if len(args) == 2 else 0)


class MakefileWriterSendsAll(Wrapper):
    """makefile()'s writer uses sendall(): a short write on a full buffer becomes all or an error."""

    def makefile(self, mode="r", buffering=None, **kwargs):  # type: ignore[no-untyped-def]
        if "w" not in mode:
            return self._s.makefile(mode, buffering, **kwargs)
        sock = self._s

        class Writer(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, data):  # type: ignore[no-untyped-def]
                sock.sendall(data)
                return len(data)

        return Writer()


class BlocksForeverInRecv(Wrapper):
    """Not a gallery bug but a hostile one: recv waits on something shutdown() cannot wake.
    The bound ends it without the implementation's help (impl/bounds.py): *blocked*, a
    deviation where Linux answered, never *hung*."""

    def recv(self, *args: Any) -> bytes:
        threading.Event().wait()
        raise AssertionError("unreachable")

    recvmsg = recv_into = recv


class SwallowsTheBound(Wrapper):
    """Hostile, as eventlet's hub was: recv waits in a loop that catches everything, the
    step bound's interrupts included (a BaseException), and goes on waiting. It cannot be
    recovered: only the supervisor, which sees no step start for its stall bound
    (runs.stall_seconds), can end it: *hung*, and the run goes on."""

    def recv(self, *args: Any) -> bytes:
        while True:
            try:
                threading.Event().wait()
            except BaseException:  # the point: a loop that swallows every interrupt
                continue

    recvmsg = recv_into = recvmsg_into = recv


class BlocksUntilCancelled(Wrapper):
    """Like an event loop waiting for readiness shutdown() never signals, but
    with the library's own cancellation offered: must be *blocked* (deviates), not *hung*."""

    def __init__(self, sock: socket.socket):
        super().__init__(sock)
        self._cancel = threading.Event()

    def recv(self, *args: Any) -> bytes:
        self._cancel.clear()
        if not self._cancel.wait(30):
            raise AssertionError("cancel_blocking_call was never called")
        raise InterruptedError("cancelled")

    recvmsg = recvmsg_into = recv_into = recv

    def cancel_blocking_call(self) -> None:
        self._cancel.set()


class SpinsAfterShutRd(Wrapper):
    """A datagram end's receive after its own shutdown(SHUT_RD) spins forever, as a real
    async library's did (M2: Linux returns b'' at once; readiness says readable and recv
    found nothing, so its loop went round again).  Found only if the suite reaches that
    scenario and can end a step shutdown() cannot wake (issue 29)."""

    def __init__(self, sock: socket.socket):
        super().__init__(sock)
        self._read_shut = False

    def shutdown(self, how: int) -> None:
        self._s.shutdown(how)
        self._read_shut = self._read_shut or how in (socket.SHUT_RD, socket.SHUT_RDWR)

    def _call(self, method: str, args: list[Any], flags_at: int) -> Any:
        """The call; after SHUT_RD on a blocking datagram end, made non-blocking and retried
        while it would block: the library's readiness loop, which never sees the b'' Linux gives."""
        spinning = self._read_shut and self._s.type == socket.SOCK_DGRAM and self._s.gettimeout() != 0
        args += [0] * (flags_at + 1 - len(args))  # nbytes, ancbufsize and flags all default to 0
        if not spinning or args[flags_at] & socket.MSG_DONTWAIT:
            return getattr(self._s, method)(*args)
        args[flags_at] |= socket.MSG_DONTWAIT
        while True:
            try:
                return getattr(self._s, method)(*args)
            except BlockingIOError:
                continue

    def recv(self, *args: Any) -> bytes:
        return self._call("recv", list(args), 1)  # type: ignore[no-any-return]

    def recv_into(self, *args: Any) -> int:
        return self._call("recv_into", list(args), 2)  # type: ignore[no-any-return]

    def recvmsg(self, *args: Any) -> Any:
        return self._call("recvmsg", list(args), 2)

    def recvmsg_into(self, *args: Any) -> Any:
        return self._call("recvmsg_into", list(args), 2)


class EchoesInputFlags(Wrapper):
    """recvmsg_into() echoes MSG_CTRUNC and MSG_EOR given as input flags into msg_flags
    (Linux ignores output-only bits there: B9), as a driver did that conformed on every
    property until a trap gave them (issue 29)."""

    def recvmsg_into(self, buffers: Any, ancbufsize: int = 0, flags: int = 0) -> Any:
        got, anc, out, addr = self._s.recvmsg_into(buffers, ancbufsize, flags)
        return got, anc, out | (flags & (socket.MSG_CTRUNC | socket.MSG_EOR)), addr


class IgnoresSecondCancel(Wrapper):
    """Hostile, as an adapter was: a receive that would block waits for the library's
    cancellation (Linux blocks too), and only the first cancellation is honoured; a second
    blocked receive waits for ever.  Every cancel must be bounded: blocked, never *hung*."""

    def __init__(self, sock: socket.socket):
        super().__init__(sock)
        self._cancel = threading.Event()
        self._cancelled = 0

    def recv(self, size: int, flags: int = 0) -> bytes:
        try:
            return self._s.recv(size, flags | socket.MSG_DONTWAIT)  # type: ignore[no-any-return]
        except BlockingIOError:
            if flags & socket.MSG_DONTWAIT or self._s.gettimeout() == 0:
                raise
        self._cancel.clear()
        if self._cancelled:
            threading.Event().wait()  # the second time, cancellation is never looked at
        self._cancel.wait()
        self._cancelled += 1
        raise InterruptedError("cancelled")

    def recvmsg_into(self, buffers: Any, ancbufsize: int = 0, flags: int = 0) -> Any:
        data = self.recv(sum(len(b) for b in buffers), flags)
        view, at = memoryview(data), 0
        for buffer in buffers:
            take = min(len(buffer), len(data) - at)
            buffer[:take] = view[at : at + take]
            at += take
        return len(data), [], 0, None

    def cancel_blocking_call(self) -> None:
        self._cancel.set()


class RefusesEveryReceive(Wrapper):
    """Says plainly that it cannot receive: *unsupported*, never *conforms*."""

    def recv(self, *args: Any) -> bytes:
        raise NotImplementedError("no receiving here")

    recvmsg = recvmsg_into = recv_into = recvfrom = recvfrom_into = recv

    def makefile(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("no receiving here")


# -- protocol version 2: one per area ----------------------------------------


class HoldsLastByte(Wrapper):
    """Coalesces in user space: a stream sendmsg keeps its last byte back until the
    next sendmsg, so the peer's queue (SIOCINQ) is one byte short meanwhile."""

    _held = b""

    def sendmsg(self, buffers: Any, ancdata: Any = (), flags: int = 0, *rest: Any) -> int:
        if self._held:  # the byte kept back last time goes first
            self._s.send(self._held, flags)
            self._held = b""
        data = b"".join(bytes(b) for b in buffers)
        if not self.is_stream or ancdata or len(data) < 2:
            return int(self._s.sendmsg(buffers, ancdata, flags, *rest))
        sent = int(self._s.sendmsg([data[:-1]], [], flags))
        if sent == len(data) - 1:
            self._held = data[-1:]
            return len(data)
        return sent


class SigpipeForAll(Wrapper):
    """Emulates SIGPIPE for every socket type, where Linux raises it for a stream only."""

    def _send(self, method: str, *args: Any) -> int:
        try:
            return int(getattr(self._s, method)(*args))
        except BrokenPipeError:
            flags = (
                args[2]
                if method == "sendmsg" and len(args) > 2
                else args[1]
                if method == "send" and len(args) > 1
                else 0
            )
            if not self.is_stream and not flags & socket.MSG_NOSIGNAL:
                os.kill(os.getpid(), signal.SIGPIPE)
            raise

    def sendmsg(self, *args: Any) -> int:
        return self._send("sendmsg", *args)

    def send(self, *args: Any) -> int:
        return self._send("send", *args)


class ListenSucceeds(Wrapper):
    """Accepts listen() on a connected end, where Linux says EINVAL (EOPNOTSUPP for datagrams)."""

    def listen(self, *args: Any) -> None:
        return None


class IgnoresRcvtimeo(Wrapper):
    """Takes SO_RCVTIMEO and forgets it."""

    def setsockopt(self, level: int, name: int, *rest: Any) -> None:
        if (level, name) == (socket.SOL_SOCKET, socket.SO_RCVTIMEO):
            return None
        return self._s.setsockopt(level, name, *rest)


class OobSentInline(Wrapper):
    """Sends MSG_OOB data as ordinary data: no urgent byte, no mark."""

    def sendmsg(self, buffers: Any, ancdata: Any = (), flags: int = 0, *rest: Any) -> int:
        return int(self._s.sendmsg(buffers, ancdata, flags & ~socket.MSG_OOB, *rest))

    def send(self, data: Any, flags: int = 0) -> int:
        return int(self._s.send(data, flags & ~socket.MSG_OOB))


class RejectsPartialRights(Wrapper):
    """Validates SCM_RIGHTS strictly: a payload that is not whole ints is EINVAL, where
    Linux ignores the partial int."""

    def sendmsg(self, buffers: Any, ancdata: Any = (), *rest: Any) -> int:
        for level, kind, data in ancdata:
            if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS) and len(data) % INT:
                raise OSError(errno.EINVAL, "partial descriptor")
        return int(self._s.sendmsg(buffers, ancdata, *rest))


class RestartsAfterSignal(Wrapper):
    """Retries a send a signal interrupted, where Linux returns EINTR (nothing sent)."""

    def send(self, *args: Any) -> int:
        while True:
            try:
                return int(self._s.send(*args))
            except InterruptedError:
                continue


class RewritesCredentials(Wrapper):
    """Fills in SCM_CREDENTIALS itself: whatever pid the caller named, its own goes out."""

    def sendmsg(self, buffers: Any, ancdata: Any = (), *rest: Any) -> int:
        own = struct.pack("iII", os.getpid(), os.getuid(), os.getgid())
        fixed = [
            (
                level,
                kind,
                own if (level, kind) == (socket.SOL_SOCKET, socket.SCM_CREDENTIALS) and len(data) == 12 else data,
            )
            for level, kind, data in ancdata
        ]
        return int(self._s.sendmsg(buffers, fixed, *rest))


class MovesFdsHigh(Wrapper):
    """Moves every received descriptor to a number of 200 or more (out of stdio's way),
    where Linux gives the lowest free numbers."""

    def recvmsg(self, *args: Any) -> Any:
        data, ancdata, msg_flags, address = self._s.recvmsg(*args)
        return data, _map_rights(ancdata, lambda fds: [_moved(fd) for fd in fds]), msg_flags, address

    def recvmsg_into(self, *args: Any) -> Any:
        nbytes, ancdata, msg_flags, address = self._s.recvmsg_into(*args)
        return nbytes, _map_rights(ancdata, lambda fds: [_moved(fd) for fd in fds]), msg_flags, address


def _moved(fd: int) -> int:
    cloexec = fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC if cloexec else fcntl.F_DUPFD, 200)
    os.close(fd)
    return int(new)


class IgnoresPeekOff(Wrapper):
    """Takes SO_PEEK_OFF and forgets it: every peek starts at the front."""

    def setsockopt(self, level: int, name: int, *rest: Any) -> None:
        if (level, name) == (socket.SOL_SOCKET, 42):  # SO_PEEK_OFF
            return None
        return self._s.setsockopt(level, name, *rest)


merges_datagrams = factory(MergesDatagrams)
hides_truncation = factory(HidesTruncation)
drops_empty_messages = factory(DropsEmptyMessages)
seqpacket_is_stream = factory(SeqpacketIsStream, _seqpacket_as_stream)
type_always_stream = factory(TypeAlwaysStream)
short_blocking_writes = factory(ShortBlockingWrites)
gathers_first_buffer_only = factory(GathersFirstBufferOnly)
scatters_first_buffer_only = factory(ScattersFirstBufferOnly)
peek_consumes = factory(PeekConsumes)
drops_rights = factory(DropsRights)
reverses_fd_order = factory(ReversesFdOrder)
reopens_files = factory(ReopensFiles)
sets_cloexec_on_receive = factory(SetsCloexecOnReceive)
hides_control_truncation = factory(HidesControlTruncation)
leaks_truncated_fds = factory(LeaksTruncatedFds)
fds_with_empty_stream_send = factory(FdsWithEmptyStreamSend)
drops_credentials = factory(DropsCredentials)
ignores_passcred = factory(IgnoresPasscred)
ignores_shutdown_write = factory(IgnoresShutdownWrite)
epipe_as_connreset = factory(EpipeAsConnreset)
dgram_refused_as_epipe = factory(DgramRefusedAsEpipe)
ignores_dontwait = factory(IgnoresDontwait)
recv_ignores_dontwait = factory(RecvIgnoresDontwait)
nonblock_on_one_end = _make_nonblock_one_end
accepts_any_family = _accepts_any_family
recv_eagain_as_eof = factory(RecvEagainAsEof)
recv_peek_consumes = factory(RecvPeekConsumes)
recvfrom_names_unnamed = factory(RecvfromNamesUnnamed)
recvfrom_into_counts_copied = factory(RecvfromIntoCountsCopied)
recvmsg_hides_truncation = factory(RecvmsgHidesTruncation)
recvmsg_reverses_fds = factory(RecvmsgReversesFds)
makefile_reads_ahead = factory(MakefileReadsAhead)
send_overstates_count = factory(SendOverstatesCount)
sendall_sends_once = factory(SendallSendsOnce)
sendto_ignores_address = factory(SendtoIgnoresAddress)
makefile_writer_sends_all = factory(MakefileWriterSendsAll)
blocks_forever_in_recv = factory(BlocksForeverInRecv)  # hostile: *blocked* without its help, not hung
swallows_the_bound = factory(SwallowsTheBound)  # hostile: *hung* by the supervisor
blocks_until_cancelled = factory(BlocksUntilCancelled)
ignores_second_cancel = factory(IgnoresSecondCancel)  # hostile: blocked, never hung (tests/test_adapters.py)
spins_after_shut_rd = factory(SpinsAfterShutRd)
echoes_input_flags = factory(EchoesInputFlags)
refuses_every_receive = factory(RefusesEveryReceive)
holds_last_byte = factory(HoldsLastByte)
sigpipe_for_all = factory(SigpipeForAll)
listen_succeeds = factory(ListenSucceeds)
ignores_rcvtimeo = factory(IgnoresRcvtimeo)
oob_sent_inline = factory(OobSentInline)
rejects_partial_rights = factory(RejectsPartialRights)
ignores_peek_off = factory(IgnoresPeekOff)
restarts_after_signal = factory(RestartsAfterSignal)
rewrites_credentials = factory(RewritesCredentials)
moves_fds_high = factory(MovesFdsHigh)

# bug -> the property area that must report it
GALLERY = {
    "merges_datagrams": "messages",
    "hides_truncation": "messages",
    "drops_empty_messages": "messages",
    "seqpacket_is_stream": "duplex",
    "type_always_stream": "options",
    "short_blocking_writes": "stream",
    "gathers_first_buffer_only": "stream",
    "scatters_first_buffer_only": "messages",  # on a stream a short scatter read is only another chunking
    "peek_consumes": "stream",
    "drops_rights": "fdpass",
    "reverses_fd_order": "fdpass",
    "reopens_files": "fdpass",
    "sets_cloexec_on_receive": "fdpass",
    "hides_control_truncation": "fdpass",
    "leaks_truncated_fds": "fdpass",
    "fds_with_empty_stream_send": "fdpass",
    "drops_credentials": "creds",
    "ignores_passcred": "creds",
    "ignores_shutdown_write": "shutdown",
    "epipe_as_connreset": "shutdown",
    "dgram_refused_as_epipe": "shutdown",
    "ignores_dontwait": "messages",
    "recv_ignores_dontwait": "views",
    "nonblock_on_one_end": "nonblocking",
    "accepts_any_family": "creation",
    # one method each (recv_into: recv_ignores_dontwait; recvmsg_into: hides_truncation; sendmsg:
    # drops_rights and others; socket.recv_fds and socket.send_fds call recvmsg and sendmsg)
    "recv_eagain_as_eof": "views",
    "recv_peek_consumes": "views",
    "recvfrom_names_unnamed": "views",
    "recvfrom_into_counts_copied": "views",
    "recvmsg_hides_truncation": "views",
    "recvmsg_reverses_fds": "fdpass",
    "makefile_reads_ahead": "views",
    "send_overstates_count": "nonblocking",
    "sendall_sends_once": "nonblocking",
    "sendto_ignores_address": "views",
    "makefile_writer_sends_all": "nonblocking",
    # protocol version 2: one per area
    "holds_last_byte": "ioctls",
    "sigpipe_for_all": "signals",
    "listen_succeeds": "addresses",
    "ignores_rcvtimeo": "timeouts",
    "oob_sent_inline": "oob",
    "rejects_partial_rights": "control",
    "ignores_peek_off": "options",
    "restarts_after_signal": "blocking",
    "rewrites_credentials": "creds",
    "moves_fds_high": "fdpass",
    # reached by a trap and ended without the implementation's help (issue 29)
    "spins_after_shut_rd": "shutdown",
    "echoes_input_flags": "messages",
}
