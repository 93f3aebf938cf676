"""Hostile implementations are reported with the right kind, within seconds, and the run goes on.

One ``socketpair-conformance run`` over every hostile driver, a Python
implementation that blocks forever in recv, and ``native`` last: the report
must be complete (footer present), each hostile one must carry its own kind,
and ``native`` must still conform after them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conformance.engine.result import CONFORMS, CRASHED, DEVIATES, HUNG, PROTOCOL_ERROR

# the suite's detection and robustness, the same on every Python: tox runs them once (-e quality)
pytestmark = pytest.mark.quality

HOSTILE = Path(__file__).with_name("hostile_driver.py")

EXPECTED = {
    "crash_at_start": (CRASHED, "exited with status 3"),
    "segv": (CRASHED, "SIGSEGV"),
    "exit": (CRASHED, "exited with status 0"),
    "truncated": (CRASHED, "middle of a reply line"),
    "garbage": (PROTOCOL_ERROR, "where"),
    "wrong_seq": (PROTOCOL_ERROR, "where"),
    "version_mismatch": (PROTOCOL_ERROR, "version 7"),
    "caps_lie": (PROTOCOL_ERROR, "seqpacket is not implemented"),
    "blocks_forever": (HUNG, "no reply within 3s"),
    "stderr_noise": (CONFORMS, ""),
}
BLOCKING_PYTHON = "python:tests.quality.faulty:blocks_forever_in_recv"
SWALLOWING_PYTHON = "python:tests.quality.faulty:swallows_the_bound"
STALL_SECONDS = 5  # the supervisor's patience (60 s by default), shortened for the test
BOUND_SECONDS = 15.0  # the 8 s reply bound plus a restart; "within seconds", not minutes


def _spec(mode: str) -> str:
    return f"exec:{sys.executable} {HOSTILE} {mode}"


def test_hostile_implementations_are_told_apart(tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    impls = [_spec(m) for m in EXPECTED] + [BLOCKING_PYTHON, SWALLOWING_PYTHON, "native"]
    # one deviation, shrunk briefly: the blocking one deviates now, each step of it costing its bound
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "ci", "--area", "messages"]
    argv += ["--max-deviations", "1", "--shrink-seconds", "2"]
    for spec in impls:
        argv += ["--impl", spec]
    started = time.monotonic()
    env = {
        **os.environ,
        "SOCKETPAIR_CONFORMANCE_REPLY_SECONDS": "3",  # blocks_forever is found 5 s sooner
        "SOCKETPAIR_CONFORMANCE_STALL_SECONDS": str(STALL_SECONDS),
    }
    run = subprocess.run([*argv, "--report", str(report)], capture_output=True, text=True, timeout=300, env=env)
    elapsed = time.monotonic() - started
    assert run.returncode == 1, f"hostile implementations must fail the run (exit {run.returncode}):\n{run.stderr}"
    assert "Traceback" not in run.stdout + run.stderr
    records = [json.loads(line) for line in report.read_text().splitlines()]
    findings = sum(r["type"] == "finding" for r in records)  # the blocking one's, ended without its help
    assert findings and records[-1] == {"type": "footer", "results": len(impls), "findings": findings}, records[-1]
    results = {r["impl"]: r for r in records if r["type"] == "result"}
    for mode, (kind, detail) in EXPECTED.items():
        got = results[_spec(mode)]
        assert (got["kind"], detail in got["detail"]) == (kind, True), f"{mode}: {got['kind']}: {got['detail']}"
        assert got["seconds"] < BOUND_SECONDS, f"{mode} took {got['seconds']} s to be reported"
    blocking = results[BLOCKING_PYTHON]
    # shutdown() cannot wake it, the bound's interrupt does: blocked where Linux answered, not hung
    assert blocking["kind"] == DEVIATES and "impl blocked" in blocking["detail"], blocking
    swallowing = results[SWALLOWING_PYTHON]  # the run went on past it: its worker was killed and replaced
    assert swallowing["kind"] == HUNG and "no step came back to the suite" in swallowing["detail"], swallowing
    assert results["native"]["kind"] == CONFORMS, "a hostile implementation disturbed the next one"
    assert elapsed < 120, f"the whole hostile run took {elapsed:.0f} s"
