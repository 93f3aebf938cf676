"""The ``duplex`` verb for Python implementations: both ends send and receive at once.

Concurrency is the implementation's business: plain sockets get OS threads
and ``select``; a green-thread library (gevent, eventlet) gets its own
greenlets and its own ``select``, because its sockets belong to the hub of the
thread that made them and a blocking ``select`` would stall every greenlet.
"""

from __future__ import annotations

import select
import struct
import threading
import time
import zlib
from typing import Any, Callable, Protocol

from ..errors import ImplHung
from ..ops.duplex import payload_for
from ..spec.protocol import BLOCKED, Observation, err, ok
from .bounds import wake_ends

Job = Callable[[], None]


class Concurrency(Protocol):
    def run(self, jobs: list[Job], deadline: float, wake: Callable[[], None]) -> bool:
        """Run the jobs at once; True when all finished by ``deadline``.  Past it,
        call ``wake`` once and let them finish (False); raise ImplHung if they cannot."""

    def wait_fd(self, fd: int, writable: bool, timeout: float) -> bool:
        """Wait until ``fd`` is ready (without stalling the other jobs)."""


class Threads:
    def run(self, jobs: list[Job], deadline: float, wake: Callable[[], None]) -> bool:
        threads = [threading.Thread(target=job, daemon=True) for job in jobs]
        for thread in threads:
            thread.start()
        limit = time.monotonic() + deadline
        for thread in threads:
            thread.join(max(0.0, limit - time.monotonic()))
        if not any(t.is_alive() for t in threads):
            return True
        wake()
        for thread in threads:
            thread.join(2.0)
        if any(t.is_alive() for t in threads):
            raise ImplHung("duplex transfer threads could not be woken by shutdown()")
        return False

    def wait_fd(self, fd: int, writable: bool, timeout: float) -> bool:
        return select_ready(select.select, fd, writable, timeout)


def select_ready(select_call: Callable[..., Any], fd: int, writable: bool, timeout: float) -> bool:
    """One fd, one direction, through whichever ``select`` the concurrency uses."""
    ready = select_call([] if writable else [fd], [fd] if writable else [], [], timeout)
    return bool(ready[0] or ready[1])


THREADS = Threads()


def run_duplex(
    ends: list[Any],
    stream: bool,
    sizes: tuple[list[int], list[int], int],
    concurrency: Concurrency = THREADS,
    deadline: float = 3.0,
) -> Observation:
    """Both ends send and receive at once, through the objects' own methods.

    Senders block in send(); receivers wait for readiness first so that they
    can stop when the opposite sender has failed (its bytes will never come).
    """
    sizes0, sizes1, seed = sizes
    stop = threading.Event()
    sender_failed = [threading.Event(), threading.Event()]  # indexed by receiving end
    results: dict[object, Any] = {}

    def wait(sock: Any, writable: bool) -> None:
        concurrency.wait_fd(sock.fileno(), writable, 0.05)
        if stop.is_set():
            raise InterruptedError

    def sender(e: int, mine: list[int]) -> None:
        sock = ends[e]
        try:
            for k, n in enumerate(mine):
                data = memoryview(payload_for(seed + 1000 * e, k, n))
                while True:
                    try:
                        sent = sock.send(data)
                    except BlockingIOError:
                        wait(sock, True)
                        continue
                    data = data[sent:]
                    if not stream or not data:
                        break
        except InterruptedError:
            pass
        except OSError as exc:
            results[f"send_error{1 - e}"] = exc.errno
            sender_failed[1 - e].set()
        except Exception as exc:  # what Linux never does; reported, never printed
            results[f"send_error{1 - e}"] = f"raised-{type(exc).__name__}"
            sender_failed[1 - e].set()

    def receiver(e: int, theirs: list[int]) -> None:
        sock, total, crc, lens_crc, got, msgs = ends[e], sum(theirs), 0, 0, 0, 0
        try:
            while (got < total) if stream else (msgs < len(theirs)):
                fd = sock.fileno()
                while not concurrency.wait_fd(fd, False, 0.05):
                    if stop.is_set() or sender_failed[e].is_set():
                        raise InterruptedError
                try:
                    # a stream reads exactly what the peer sends here, so bytes
                    # queued before the duplex step are counted the same way
                    chunk = sock.recv(min(1 << 18, total - got) if stream else 1 << 18 | 1)
                except BlockingIOError:
                    wait(sock, False)
                    continue
                if not chunk and stream:
                    results[f"error{e}"] = "early-eof"
                    break
                crc = zlib.crc32(chunk, crc)
                lens_crc = zlib.crc32(struct.pack("=I", len(chunk)), lens_crc)
                got, msgs = got + len(chunk), msgs + 1
        except InterruptedError:
            pass
        except OSError as exc:
            results[f"recv_error{e}"] = exc.errno
        except Exception as exc:
            results[f"recv_error{e}"] = f"raised-{type(exc).__name__}"
        results[e] = (got, crc, msgs, lens_crc)

    def wake() -> None:
        stop.set()
        wake_ends(ends)

    jobs: list[Job] = [
        lambda: sender(0, sizes0),
        lambda: sender(1, sizes1),
        lambda: receiver(0, sizes1),
        lambda: receiver(1, sizes0),
    ]
    if not concurrency.run(jobs, deadline, wake):
        return BLOCKED
    fields: dict[str, object] = {}
    for e in (0, 1):
        got, crc, msgs, lens_crc = results[e]
        fields[f"got{e}"] = f"{got}:{crc:08x}"
        if not stream:
            fields[f"msgs{e}"] = f"{msgs}:{lens_crc:08x}"
        error = results.get(f"send_error{e}") or results.get(f"recv_error{e}") or results.get(f"error{e}")
        if error:
            fields[f"error{e}"] = error if isinstance(error, str) else err(error).get("errno")
    return ok(**fields)
