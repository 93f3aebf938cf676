"""``socketpair-conformance ARGV`` run by its entry point in a forked child of the test
process, for the tests that are about what a command prints, writes and returns.

A new interpreter costs about a second per command (start-up, hypothesis, every
property's strategies); the test process has paid that once, and a fork inherits
it.  The child is made to look like a new process where that matters: its own
session (a timeout kills it and every worker it forked), directory, environment,
stdout and stderr, and nothing built yet in it (the compiler is looked for again).
Tests about the process itself (Ctrl-C, a dying interpreter, the real command line)
still run ``python -m conformance``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Optional

import conformance.cli  # noqa: F401 (imported once here, not in every child)
from conformance.__main__ import main as entry_point
from conformance.impl import build
from conformance.properties import all_properties

all_properties()  # the same: every property's strategies, built once


def run_cli(
    *argv: str, cwd: Optional[Path] = None, env: Optional[dict[str, str]] = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="spc-cli-") as tmp:
        out, err = Path(tmp) / "out", Path(tmp) / "err"
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the child)
            _child(list(argv), cwd, env or {}, out, err)
        status = _wait(pid, timeout)
        return subprocess.CompletedProcess(list(argv), status, out.read_text(), err.read_text())


def _child(argv: list[str], cwd: Optional[Path], env: dict[str, str], out: Path, err: Path) -> None:
    status = 99
    try:
        os.setsid()
        if cwd is not None:
            os.chdir(cwd)
        os.environ.update(env)
        build._BUILT = None
        for fd, path in ((1, out), (2, err)):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.stdout = open(1, "w", closefd=False)
        sys.stderr = open(2, "w", closefd=False)
        try:
            status = entry_point(argv)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _wait(pid: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise subprocess.TimeoutExpired(["socketpair-conformance"], timeout)
        time.sleep(0.01)
