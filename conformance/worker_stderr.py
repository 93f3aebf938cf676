"""What an in-process implementation writes to stderr, told apart from the run's own lines.

A library under test may print while the suite drives it (gevent's libev reports
"Too many open files" while a property holds RLIMIT_NOFILE low; CPython prints
"Exception ignored ..." for a handler it could not run).  Interleaved with the
progress lines, that reads as the suite's own output, and a worker that dies
takes its last words with it.  So each worker's descriptor 2 is the write end of
a pipe the main process reads (runs.py): per task it keeps the first and last
lines and a count, bounded whatever the implementation writes, and prints one
line naming the implementation and the property; a dead worker's last line goes
into its *crashed* detail.  A pipe, not a file: nothing to clean up, and no
disk filled by a flood.  Exec drivers are not concerned: their stderr goes to
/dev/null (impl/exec_client.py).
"""

from __future__ import annotations

import os
from typing import Optional

KEEP = 4096  # bytes kept from the start of a task's output (and the last line, whatever its length)


class StderrTap:
    """One worker's stderr: the pipe, and what came through it since the task began."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        self._head = bytearray()
        self._tail = b""
        self._bytes = 0
        self._lines = 0

    def in_worker(self) -> None:
        """In the forked worker, before anything runs: descriptor 2 is the pipe."""
        os.dup2(self._write, 2)
        os.close(self._write)
        os.close(self._read)

    def after_start(self) -> None:
        """In the main process once the worker is forked: only the worker writes."""
        os.close(self._write)

    def pump(self) -> None:
        """Read what is waiting (never blocks): the main loop calls this often, so a
        worker writing a lot waits on a full pipe for a moment at most."""
        while True:
            try:
                chunk = os.read(self._read, 65536)
            except BlockingIOError:
                return
            except OSError:
                return
            if not chunk:
                return
            self._bytes += len(chunk)
            self._lines += chunk.count(b"\n")
            if len(self._head) < KEEP:
                self._head += chunk[: KEEP - len(self._head)]
            self._tail = (self._tail + chunk)[-KEEP:]

    def take(self) -> Optional[str]:
        """What the task wrote, as one line (None if nothing), and start afresh."""
        self.pump()
        if not self._bytes:
            return None
        lines = [line for line in _text(self._tail).splitlines() if line.strip()]
        first = next((line for line in _text(bytes(self._head)).splitlines() if line.strip()), "")
        last = _what_was_raised(lines) or (lines[-1] if lines else "")
        count = self._lines + (not self._tail.endswith(b"\n"))  # an unfinished last line counts
        size = f"{count} line{'s' if count != 1 else ''}"
        said = first.strip()[:200]
        if last and last.strip() != first.strip():
            said += f" ... {last.strip()[:200]}"
        self._head, self._tail, self._bytes, self._lines = bytearray(), b"", 0, 0
        return f"{size} on stderr: {said}"

    def close(self) -> None:
        try:
            os.close(self._read)
        except OSError:
            pass


def _what_was_raised(lines: list[str]) -> str:
    """The exception line of the last traceback, if the output holds one: what
    went wrong, where the last line may be a library's footer (gevent's hub
    ends a report with a bare timestamp)."""
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last):")]
    if not starts:
        return ""
    return next((line for line in lines[starts[-1] + 1 :] if not line[:1].isspace()), "")


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")
