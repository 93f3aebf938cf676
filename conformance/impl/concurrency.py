"""How a Python implementation's ``duplex`` jobs run at once (ops/duplex.py).

Plain sockets get OS threads and ``select``; a green-thread library (gevent,
eventlet) brings its own (impl/adapters/green_threads.py), because its sockets
belong to the hub of the thread that made them and a blocking ``select`` would
stall every greenlet.
"""

from __future__ import annotations

import select
import threading
import time
from typing import Any, Callable

from ..ops.duplex import Job
from .bounds import abandon


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
        for _ in filter(threading.Thread.is_alive, threads):  # left behind: the step is blocked all the same
            abandon("a duplex transfer thread")
        return False

    def wait_fd(self, fd: int, writable: bool, timeout: float) -> bool:
        return select_ready(select.select, fd, writable, timeout)


def select_ready(select_call: Callable[..., Any], fd: int, writable: bool, timeout: float) -> bool:
    """One fd, one direction, through whichever ``select`` the concurrency uses."""
    ready = select_call([] if writable else [fd], [fd] if writable else [], [], timeout)
    return bool(ready[0] or ready[1])


THREADS = Threads()
