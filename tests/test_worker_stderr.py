"""A worker's stderr (conformance/worker_stderr.py): bounded, whatever it writes."""

from __future__ import annotations

import os
import time

from conformance.worker_stderr import KEEP, StderrTap


def test_a_flood_is_counted_and_kept_bounded() -> None:
    tap = StderrTap()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child: a worker that floods its stderr)
        try:
            tap.in_worker()
            os.write(2, b"first words\n")
            for _ in range(20000):  # 20000 lines, 1.2 MB: far beyond the pipe's 64 KiB
                os.write(2, b"x" * 59 + b"\n")
            os.write(2, b"last words")  # no newline: still a line
        finally:
            os._exit(0)
    tap.after_start()
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        tap.pump()  # the main loop's part: without it the child would wait on a full pipe
        time.sleep(0.001)
    assert len(tap._head) <= KEEP and len(tap._tail) <= KEEP  # 1.2 MB came through, this much is kept
    said = tap.take()
    tap.close()
    assert said == "20002 lines on stderr: first words ... last words", said
    assert tap.take() is None  # each task starts afresh


def test_a_traceback_is_summed_up_by_what_was_raised() -> None:
    # gevent's hub prints a traceback, then a bare timestamp: the line worth showing is the exception
    tap = StderrTap()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        try:
            tap.in_worker()
            os.write(2, b'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n')
            os.write(2, b"    raise OSError(9)\nOSError: [Errno 9] Bad file descriptor\n2026-12-03T16:32:01Z\n")
        finally:
            os._exit(0)
    tap.after_start()
    os.waitpid(pid, 0)
    said = tap.take()
    tap.close()
    assert said == (
        "5 lines on stderr: Traceback (most recent call last): ... OSError: [Errno 9] Bad file descriptor"
    ), said
