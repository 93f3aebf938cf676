"""Who is to blame: an error that starts in the suite's own code is never reported as the
implementation's deviation (it ends the run as the suite's bug, exit status 3); one that
starts in the implementation is its observation ("raised X"), as Linux never raises."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.engine.runner import ReferenceFailure
from conformance.errors import SuiteBug
from conformance.impl.pyexec import PythonExecutor
from conformance.ops.base import operation
from conformance.spec import constants
from conformance.spec.protocol import Op, op

REPO = Path(__file__).resolve().parent.parent


def _executor() -> PythonExecutor:
    ex = PythonExecutor(socket.socketpair, "native")
    ex.start()
    assert ex.execute(op("pair", family="unix", type="stream", flags="", proto="0")).status == "ok"
    return ex


def test_a_key_error_in_the_suites_code_is_the_suites_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ex: Any, step: Op) -> Any:
        return constants.exported(os, "NOT_A_CONSTANT_XYZ")  # KeyError inside conformance/spec/constants.py

    monkeypatch.setattr(type(operation("shutdown")), "run_python", lambda self, ex, step: broken(ex, step))
    ex = _executor()
    try:
        with pytest.raises(SuiteBug, match=r"shutdown: KeyError: .*NOT_A_CONSTANT_XYZ.* at spec/constants\.py:\d+"):
            ex.execute(op("shutdown", end=0, how="rd"))
    finally:
        ex.close()


def test_the_same_error_from_the_implementation_is_its_observation(monkeypatch: pytest.MonkeyPatch) -> None:
    class Raising:
        def __init__(self, sock: socket.socket):
            self._s = sock

        def __getattr__(self, name: str) -> Any:
            return getattr(self._s, name)

        def shutdown(self, how: int) -> None:
            raise KeyError("the implementation's own")

    def factory(family: int = socket.AF_UNIX, kind: int = socket.SOCK_STREAM, proto: int = 0) -> Any:
        a, b = socket.socketpair(family, kind, proto)
        return Raising(a), Raising(b)

    ex = PythonExecutor(factory, "raising")
    ex.start()
    try:
        assert ex.execute(op("pair", family="unix", type="stream", flags="", proto="0")).status == "ok"
        seen = ex.execute(op("shutdown", end=0, how="rd"))
        assert (seen.status, seen.get("exc")) == ("raised", "KeyError")
    finally:
        ex.close()


def test_a_constant_the_interpreter_lacks_makes_the_step_unsupported() -> None:
    lacking = constants.Lacking(0x4000, "socket.MSG_NOSIGNAL")
    with pytest.raises(NotImplementedError, match=r"this interpreter has no socket\.MSG_NOSIGNAL"):
        constants.refuse_if_lacking(lacking)
    assert lacking | 0x40 == 0x4040  # the suite's own bookkeeping still uses the number


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_in_the_suite_ends_the_run_in_one_line_with_status_3(tmp_path: Path, jobs: str) -> None:
    # In a worker (-j 2) as in the main process: a worker that raised used to die and be
    # reported as the implementation crashing its process.
    report = tmp_path / "r.jsonl"
    # two properties, so that -j 2 does run them in workers
    args = ["--impl", "python:tests.suite_bug_planter:socketpair", "--area", "shutdown", "--area", "creation"]
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "run", *args, "-j", jobs, "--report", str(report)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 3, done.stderr[-2000:]
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("socketpair-conformance: internal error, a bug in the suite"), done.stderr[-2000:]
    assert "NOT_A_CONSTANT_XYZ" in last and "Traceback" not in done.stderr
    assert "crashed" not in done.stderr and not report.exists()


def test_the_reference_failing_is_the_suites_bug_not_a_failing_example() -> None:
    # A BaseException: hypothesis does not shrink it, and the run ends with status 3.
    assert issubclass(ReferenceFailure, SuiteBug)
