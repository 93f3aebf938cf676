"""Adapter for anyio: the suite's operations through anyio's socket streams.

anyio has no socketpair of its own; an application makes one with
``socket.socketpair()`` and hands each end to anyio: ``UNIXSocketStream``
for SOCK_STREAM, ``ConnectedUNIXDatagramSocket`` for SOCK_DGRAM (anyio has
no class for SOCK_SEQPACKET, so those pairs are refused at creation and
reported *unsupported*).  Every transfer is then anyio's own call, each run to
completion by ``anyio.run`` on the asyncio backend:

- send: ``send(data)`` (a stream's send writes everything), or
  ``send_fds(data, fds)`` for SCM_RIGHTS, anyio's only ancillary data;
- receive: ``receive(max_bytes)`` on a stream (``EndOfStream`` is EOF, 0
  bytes), ``receive()`` on a datagram socket (the whole message, at most
  65536 bytes: anyio's limit), or ``receive_fds(msglen, maxfds)`` when a
  control buffer is offered;
- SHUT_WR is ``send_eof()``; close is ``aclose()``.

anyio has no flags (MSG_PEEK, MSG_DONTWAIT ...), no credentials and no
msg_flags: a step that needs them raises ``NotImplementedError``.  Options,
readiness and SHUT_RD are the raw socket's, which anyio hands out for exactly
that (``SocketAttribute.raw_socket``).
"""

from __future__ import annotations

import array
import asyncio
import importlib
import logging
import socket
from collections.abc import Awaitable
from typing import Any, Callable, Optional

from ...errors import StepCancelled
from ...ops.views import DATA_METHODS

INT = array.array("i").itemsize


def anyio_socketpair(
    family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
) -> tuple[AnyioEnd, AnyioEnd]:
    base_type = sock_type & ~(socket.SOCK_NONBLOCK | socket.SOCK_CLOEXEC)
    if base_type not in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        raise NotImplementedError("anyio has socket streams and datagram sockets only")
    a, b = socket.socketpair(family, sock_type, proto)
    return AnyioEnd(a), AnyioEnd(b)


class AnyioEnd:
    def __init__(self, raw: socket.socket):
        self._raw = raw
        self._stream = raw.type == socket.SOCK_STREAM
        self._pending: Optional[tuple[asyncio.AbstractEventLoop, Any]] = None
        # anyio's wrappers are made inside its event loop; the object then
        # outlives the loop (the asyncio backend looks the loop up per call)
        self._anyio = _anyio()
        abc = importlib.import_module("anyio.abc")
        wrapper = abc.UNIXSocketStream if self._stream else abc.ConnectedUNIXDatagramSocket
        self._wrapped: Any = self._run(lambda: wrapper.from_socket(raw))

    def _run(self, make: Callable[[], Awaitable[Any]]) -> Any:
        anyio = self._anyio

        async def step() -> Any:
            with anyio.CancelScope() as scope:
                self._pending = (asyncio.get_running_loop(), scope)
                try:
                    return await make()
                except ValueError as exc:
                    # anyio validates arguments before any I/O (max_bytes > 0,
                    # a non-empty message and fd list for send_fds): a refusal
                    raise NotImplementedError(f"anyio refuses these arguments ({exc})") from None
                finally:
                    self._pending = None
            raise StepCancelled("cancelled past the step's bound")

        return anyio.run(step, backend="asyncio")

    def cancel_blocking_call(self) -> None:
        # anyio's own cancellation, handed to the loop's thread safely
        pending = self._pending
        if pending is not None:
            loop, scope = pending
            loop.call_soon_threadsafe(scope.cancel)

    @staticmethod
    def _no(what: str) -> None:
        raise NotImplementedError(f"anyio's socket API has no {what}")

    # -- sending ---------------------------------------------------------
    def send(self, data: bytes, flags: int = 0) -> int:
        if flags:
            self._no("send flags")
        self._run(lambda: self._wrapped.send(bytes(data)))
        return len(data)

    def sendall(self, data: bytes, flags: int = 0) -> None:
        self.send(data, flags)

    def sendmsg(self, buffers: list[bytes], ancdata: Any = (), flags: int = 0, address: Any = None) -> int:
        data = b"".join(buffers)
        if not ancdata:
            return self.send(data, flags)
        fds: list[int] = []
        for level, kind, payload in ancdata:
            if (level, kind) != (socket.SOL_SOCKET, socket.SCM_RIGHTS) or not self._stream:
                self._no("ancillary data but SCM_RIGHTS on a stream")
            fds.extend(array.array("i", bytes(payload)))
        if flags:
            self._no("send flags")
        self._run(lambda: self._wrapped.send_fds(data, fds))
        return len(data)

    # -- receiving -------------------------------------------------------
    def recv(self, size: int, flags: int = 0) -> bytes:
        if flags:
            self._no("receive flags")
        if not self._stream:
            message: bytes = self._run(self._wrapped.receive)
            return message[:size]  # the application keeps what it asked for
        end_of_stream = self._anyio.EndOfStream

        async def receive() -> bytes:
            try:
                data: bytes = await self._wrapped.receive(size)
                return data
            except end_of_stream:
                return b""

        data: bytes = self._run(receive)
        return data

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        data = self.recv(nbytes or len(buffer), flags)
        buffer[: len(data)] = data
        return len(data)

    def recvmsg_into(self, buffers: list[Any], ancbufsize: int = 0, flags: int = 0) -> tuple[int, list[Any], int, Any]:
        total = sum(len(b) for b in buffers)
        ancdata: list[tuple[int, int, bytes]] = []
        if ancbufsize:
            if flags:
                self._no("receive flags")
            if not self._stream:
                self._no("ancillary data on datagram sockets")
            if ancbufsize < socket.CMSG_LEN(INT):
                self._no("control buffer smaller than one descriptor")
            maxfds = (ancbufsize - socket.CMSG_LEN(0)) // INT
            end_of_stream = self._anyio.EndOfStream

            async def receive() -> tuple[bytes, list[int]]:
                try:
                    got: tuple[bytes, list[int]] = await self._wrapped.receive_fds(total, maxfds)
                    return got
                except end_of_stream:
                    return b"", []

            data, fds = self._run(receive)
            if fds:
                ancdata.append((socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds).tobytes()))
        else:
            data = self.recv(total, flags)
        at = 0
        for buf in buffers:
            chunk = data[at : at + len(buf)]
            buf[: len(chunk)] = chunk
            at += len(chunk)
        return len(data), ancdata, 0, None

    # -- the rest ----------------------------------------------------------
    def shutdown(self, how: int) -> None:
        if how == socket.SHUT_WR:
            if not self._stream:  # only anyio's streams can half-close
                self._no("SHUT_WR for a datagram socket (send_eof is a stream's)")
            self._run(self._wrapped.send_eof)  # anyio's half-close
        else:
            self._raw.shutdown(how)

    def close(self) -> None:
        self._run(self._wrapped.aclose)

    def __getattr__(self, name: str) -> Any:
        # fileno, getsockopt, setsockopt, setblocking ...: the raw socket's; but a way of
        # reading or writing anyio does not offer is missing, never the raw socket's
        if name in DATA_METHODS:
            raise AttributeError(f"anyio's socket streams offer no {name}()")
        return getattr(self._raw, name)


def _anyio() -> Any:
    _quiet_cancelled_waits()
    return importlib.import_module("anyio")


def _quiet_cancelled_waits() -> None:
    """anyio waits with ``loop.add_reader(sock, future.set_result, None)``; when
    the wait is cancelled (past a step's bound) and the socket becomes readable
    before the reader is removed, asyncio logs an InvalidStateError.  The step
    is already reported; that log line is not the user's business."""
    log = logging.getLogger("asyncio")
    if any(isinstance(f, _CancelledWaitNoise) for f in log.filters):
        return
    log.addFilter(_CancelledWaitNoise())


class _CancelledWaitNoise(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not (isinstance(exc, asyncio.InvalidStateError) and "Future.set_result" in record.getMessage())
