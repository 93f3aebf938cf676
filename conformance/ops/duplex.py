"""``duplex``: both ends send and receive at once, volumes beyond the socket buffer.

The payload plan is identical to reference_c/op_duplex.c: message k sent by
end e has byte j = PATTERN[(seed + 1000e + 37k + j) % 251], cheap to make on
both sides and never aligned with buffer sizes.  Only lengths and CRC-32s
cross the protocol, so megabytes cost nothing to compare.

Concurrency is the implementation's business: plain sockets get OS threads
and ``select``; a green-thread library (gevent, eventlet) gets its own
greenlets and its own ``select`` (impl/concurrency.py, impl/adapters/).
"""

from __future__ import annotations

import struct
import threading
import zlib
from typing import Any, Callable, Protocol

from hypothesis import strategies as st

from ..spec.protocol import BLOCKED, Observation, Op, ProtocolError, err, ok, op
from ..spec.semantics import TypeRules
from .base import Operation, PythonSide, always, register

PATTERN = bytes((i * 7 + 3) % 251 for i in range(251))
MAX_MESSAGE = 1 << 18
_TAPE = PATTERN * (MAX_MESSAGE // len(PATTERN) + 2)

Job = Callable[[], None]


class Concurrency(Protocol):
    def run(self, jobs: list[Job], deadline: float, wake: Callable[[], None]) -> bool:
        """Run the jobs at once; True when all finished by ``deadline``.  Past it,
        call ``wake`` once and let them finish (False); raise ImplHung if they cannot."""

    def wait_fd(self, fd: int, writable: bool, timeout: float) -> bool:
        """Wait until ``fd`` is ready (without stalling the other jobs)."""


def payload_for(seed: int, k: int, n: int) -> bytes:
    start = (seed + 37 * k) % len(PATTERN)
    return _TAPE[start : start + n]


def plan(op: Op) -> tuple[list[int], list[int], int]:
    try:
        sizes = [[int(n) for n in filter(None, op.get(f"sizes{e}").split(","))] for e in (0, 1)]
        seed = int(op.get("seed", "0"))
    except ValueError:
        raise ProtocolError("malformed duplex sizes") from None
    if any(n < 0 or n > MAX_MESSAGE for side in sizes for n in side):
        raise ProtocolError("malformed duplex sizes: each must be 0..262144")
    return sizes[0], sizes[1], seed


def duplexes(rules: TypeRules) -> st.SearchStrategy[Op]:
    if rules.boundaries:
        side = st.lists(st.integers(0, 4096) | st.integers(0, 65536), max_size=40)
    else:  # beyond the socket buffer, so partial writes and blocking happen
        side = st.lists(st.integers(1, 262144), max_size=6)
    return st.builds(
        lambda a, b, s: op("duplex", sizes0=a or None, sizes1=b or None, seed=s), side, side, st.integers(0, 10**6)
    )


class Duplex(Operation):
    verb = "duplex"
    rows = ("B1",)
    attribution = (("B1", always),)

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return duplexes(rules)

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        if ex.ends[0] is None or ex.ends[1] is None:
            return err(9)
        return run_duplex(ex, plan(op))

    # the preludes' duplex() does what the driver does: four threads, the same
    # payload pattern, the same CRCs (reporting/reproduce_c.py, reproduce_py.py)
    def c_lines(self, n: int, op: Op) -> list[str]:
        sizes0, sizes1, seed = plan(op)
        arrays = [f"static long s{e}[] = {{{', '.join(map(str, s or [0]))}}};" for e, s in ((0, sizes0), (1, sizes1))]
        return [*arrays, f"duplex({n}, s0, {len(sizes0)}, s1, {len(sizes1)}, {seed}u);"]

    def py_lines(self, n: int, op: Op) -> list[str]:
        sizes0, sizes1, seed = plan(op)
        return [f"duplex({n}, {sizes0}, {sizes1}, {seed})"]


def run_duplex(ex: PythonSide, sizes: tuple[list[int], list[int], int], deadline: float = 3.0) -> Observation:
    """Both ends send and receive at once, through the objects' own methods.

    Senders block in send(); receivers wait for readiness first so that they
    can stop when the opposite sender has failed (its bytes will never come).
    """
    ends: list[Any] = list(ex.ends)  # both open (checked by the caller)
    stream, concurrency = ex.stream, ex.concurrency
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
        ex.wake()

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


register(Duplex())
