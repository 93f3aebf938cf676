"""Adapters for event-loop libraries: the suite's operations through *their* APIs.

The executor (impl/pyexec.py, through ops/) drives socket-like objects with the ``socket.socket``
method names.  These wrappers give it that shape while every data transfer
goes through the library's own calls, run to completion on the library's own
loop, exactly as an application would use it:

- asyncio: ``loop.sock_sendall``, ``loop.sock_recv``, ``loop.sock_recv_into``
  on a private event loop per thread.  asyncio's socket API has no flags and
  no ancillary data: a step that needs them raises ``NotImplementedError``
  (reported, truthfully, as a deviation that names the missing feature), and
  the properties that are about them are *unsupported* through the caps.
- trio: ``trio.socket.socketpair`` and the trio socket's async ``send``,
  ``recv``, ``recv_into``, ``sendmsg``, ``recvmsg_into``, each inside
  ``trio.run``.

Both libraries wait for readiness instead of returning EAGAIN: that is their
design, and the matrix shows what it means next to Linux.  Operations that
have no async form (shutdown, close, get/setsockopt, fileno) are the socket's
own, as applications call them.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import os
import signal
import socket
import sys
import threading
import warnings
from collections.abc import Awaitable
from typing import Any, Callable, Optional

from ...errors import StepCancelled
from ...ops.views import DATA_METHODS

_LOOPS = threading.local()


def _asyncio_run(end: AsyncioEnd, make: Callable[[asyncio.AbstractEventLoop], Awaitable[Any]]) -> Any:
    """Run one operation to completion on this thread's private loop."""
    loop = getattr(_LOOPS, "loop", None)
    if loop is None:
        loop = _LOOPS.loop = asyncio.new_event_loop()
    task: asyncio.Task[Any] = loop.create_task(make(loop))  # type: ignore[arg-type]
    end.pending = (loop, task)
    try:
        return loop.run_until_complete(task)
    except asyncio.CancelledError:
        raise StepCancelled("cancelled past the step's bound") from None
    finally:
        end.pending = None


class _Delegating:
    """Everything without an async form is the underlying socket's own, except the
    ways of reading and writing: a method the library does not offer is missing
    (its steps are made through one it has, ops/views.py), never the raw socket's,
    which would test the kernel instead of the library."""

    def __init__(self, sock: Any):
        self._sock = sock

    def __getattr__(self, name: str) -> Any:
        if name in DATA_METHODS:
            raise AttributeError(f"{type(self).__name__} offers no {name}(): the library has no form of it")
        found = getattr(self._sock, name)
        if inspect.iscoroutinefunction(found):  # trio's bind, connect, accept: run on the library's loop
            return lambda *args: self._run_coroutine(name, *args)
        return found

    def _run_coroutine(self, name: str, *args: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__}: {name}() is a coroutine and no loop runs it")


class AsyncioEnd(_Delegating):
    def __init__(self, sock: socket.socket):
        sock.setblocking(False)  # asyncio's sock_* API requires it; waiting is the loop's job
        super().__init__(sock)
        self.pending: Optional[tuple[asyncio.AbstractEventLoop, asyncio.Task[Any]]] = None

    def cancel_blocking_call(self) -> None:
        # asyncio's own cancellation, handed to the loop safely (signal handler)
        pending = self.pending
        if pending is not None:
            loop, task = pending
            loop.call_soon_threadsafe(task.cancel)

    @staticmethod
    def _no(what: str) -> None:
        raise NotImplementedError(f"asyncio's socket API has no {what}")

    def send(self, data: bytes, flags: int = 0) -> int:
        if flags:
            self._no("send flags")
        _asyncio_run(self, lambda loop: loop.sock_sendall(self._sock, data))
        return len(data)

    def sendall(self, data: bytes, flags: int = 0) -> None:
        self.send(data, flags)

    def sendmsg(self, buffers: list[bytes], ancdata: Any = (), flags: int = 0, address: Any = None) -> int:
        if ancdata:
            self._no("ancillary data")
        return self.send(b"".join(buffers), flags)

    def recv(self, size: int, flags: int = 0) -> bytes:
        if flags:
            self._no("receive flags")
        data: bytes = _asyncio_run(self, lambda loop: loop.sock_recv(self._sock, size))
        return data

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        if flags:
            self._no("receive flags")
        view = memoryview(buffer)[: nbytes or len(buffer)]
        count: int = _asyncio_run(self, lambda loop: loop.sock_recv_into(self._sock, view))
        return count

    def recvmsg_into(self, buffers: list[Any], ancbufsize: int = 0, flags: int = 0) -> tuple[int, list[Any], int, Any]:
        if ancbufsize:
            self._no("ancillary data")
        # one receive, scattered into the buffers: what an asyncio application would write
        total = sum(len(b) for b in buffers)
        data = self.recv(total, flags)  # flags refused there; a zero size is asyncio's to answer
        at = 0
        for buf in buffers:
            chunk = data[at : at + len(buf)]
            buf[: len(chunk)] = chunk
            at += len(chunk)
        return len(data), [], 0, None

    if sys.version_info >= (3, 11):  # loop.sock_recvfrom, sock_recvfrom_into and sock_sendto

        def recvfrom(self, size: int, flags: int = 0) -> tuple[bytes, Any]:
            if flags:
                self._no("receive flags")
            got: tuple[bytes, Any] = _asyncio_run(self, lambda loop: loop.sock_recvfrom(self._sock, size))
            return got

        def recvfrom_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> tuple[int, Any]:
            if flags:
                self._no("receive flags")
            got: tuple[int, Any] = _asyncio_run(
                self, lambda loop: loop.sock_recvfrom_into(self._sock, buffer, nbytes or len(buffer))
            )
            return got

        def sendto(self, data: bytes, *rest: Any) -> int:
            flags, address = rest if len(rest) == 2 else (0, rest[0])
            if flags:
                self._no("send flags")
            _asyncio_run(self, lambda loop: loop.sock_sendto(self._sock, data, address))
            return len(data)


def asyncio_socketpair(
    family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
) -> tuple[AsyncioEnd, AsyncioEnd]:
    a, b = socket.socketpair(family, sock_type, proto)
    return AsyncioEnd(a), AsyncioEnd(b)


class TrioEnd(_Delegating):
    def __init__(self, sock: Any):
        super().__init__(sock)
        self._pending: Optional[tuple[Any, Any]] = None  # (trio token, cancel scope) of the call in progress

    def _run(self, method: str, *args: Any) -> Any:
        trio = importlib.import_module("trio")
        call = getattr(self._sock, method)

        async def step() -> Any:
            with trio.CancelScope() as scope:
                self._pending = (trio.lowlevel.current_trio_token(), scope)
                try:
                    return await call(*args)
                finally:
                    self._pending = None
            raise StepCancelled(f"{method} cancelled past the step's bound")

        return _trio_run(step)

    def _run_coroutine(self, name: str, *args: Any) -> Any:
        return self._run(name, *args)

    def cancel_blocking_call(self) -> None:
        # trio's own cancellation, requested the signal-safe way (run_sync_soon)
        pending = self._pending
        if pending is not None:
            token, scope = pending
            token.run_sync_soon(scope.cancel)

    def send(self, data: bytes, flags: int = 0) -> int:
        count: int = self._run("send", data, flags)
        return count

    def sendmsg(self, buffers: list[bytes], ancdata: Any = (), flags: int = 0, address: Any = None) -> int:
        count: int = self._run("sendmsg", buffers, list(ancdata), flags)
        return count

    def recv(self, size: int, flags: int = 0) -> bytes:
        data: bytes = self._run("recv", size, flags)
        return data

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        count: int = self._run("recv_into", buffer, nbytes, flags)
        return count

    def recvmsg_into(self, buffers: list[Any], ancbufsize: int = 0, flags: int = 0) -> tuple[int, list[Any], int, Any]:
        result: tuple[int, list[Any], int, Any] = self._run("recvmsg_into", buffers, ancbufsize, flags)
        return result

    def recvmsg(self, size: int, ancbufsize: int = 0, flags: int = 0) -> tuple[bytes, list[Any], int, Any]:
        result: tuple[bytes, list[Any], int, Any] = self._run("recvmsg", size, ancbufsize, flags)
        return result

    def recvfrom(self, size: int, flags: int = 0) -> tuple[bytes, Any]:
        result: tuple[bytes, Any] = self._run("recvfrom", size, flags)
        return result

    def recvfrom_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> tuple[int, Any]:
        result: tuple[int, Any] = self._run("recvfrom_into", buffer, nbytes, flags)
        return result

    def sendto(self, data: bytes, *rest: Any) -> int:
        count: int = self._run("sendto", data, *rest)
        return count

    def fileno(self) -> int:
        number: int = self._sock.fileno()
        return number

    def close(self) -> None:
        # trio tells its I/O manager about the closing descriptor: only inside a run
        async def close() -> None:
            self._sock.close()

        _trio_run(close)


def _trio_run(function: Any) -> Any:
    """trio.run, from synchronous code: there is no run in progress here, whatever trio's
    thread-local state says.  An exception a signal's handler raised inside an earlier run
    (a later step's signal: ops/later.py) can leave that run installed as current, and every
    trio.run after it would fail with "run() from inside a run()" (found by the matrix: the
    adapter's close() took its worker down).  The abandoned run is forgotten first."""
    trio = importlib.import_module("trio")
    context = getattr(importlib.import_module("trio._core._run"), "GLOBAL_RUN_CONTEXT", None)
    if context is not None and hasattr(context, "runner"):
        for leftover in ("runner", "task"):
            if hasattr(context, leftover):
                delattr(context, leftover)
        # its signal wakeup socket too: never restored, and closed when collected, it made
        # every later signal print "Exception ignored when trying to write to the signal
        # wakeup fd ... Bad file descriptor" (seen in the matrix run's log)
        if threading.current_thread() is threading.main_thread():
            signal.set_wakeup_fd(-1)
    return trio.run(function)


def _quiet_abandoned_trio_runs() -> None:
    """A step that never returns is interrupted (the executor's bound) inside
    trio.run; trio's half-finished objects then complain when collected.  The
    step is already reported *hung*; their complaints are not the user's."""
    previous = sys.unraisablehook
    if getattr(previous, "_spc_trio", False):
        return

    def from_trio(unraisable: Any) -> bool:
        code = getattr(unraisable.object, "cr_code", None) or getattr(unraisable.object, "__code__", None)
        files = [code.co_filename] if code is not None else []
        tb = unraisable.exc_traceback
        while tb is not None:
            files.append(tb.tb_frame.f_code.co_filename)
            tb = tb.tb_next
        return any(f"{os.sep}trio{os.sep}" in name for name in files) or "trio" in repr(unraisable.object)

    def hook(unraisable: Any) -> None:
        if not from_trio(unraisable):
            previous(unraisable)

    hook._spc_trio = True  # type: ignore[attr-defined]
    sys.unraisablehook = hook
    warnings.filterwarnings("ignore", "Trio guest run got abandoned", RuntimeWarning)


def trio_socketpair(
    family: int = socket.AF_UNIX, sock_type: int = socket.SOCK_STREAM, proto: int = 0
) -> tuple[TrioEnd, TrioEnd]:
    _quiet_abandoned_trio_runs()
    trio = importlib.import_module("trio")
    a, b = trio.socket.socketpair(family, sock_type, proto)
    return TrioEnd(a), TrioEnd(b)
