"""Every bench in bench/ runs to its end with tiny counts and prints its figures.

The benches are measurements, never timed assertions (README, "Speed"); what is
tested here is that they run on a clean checkout, so the README's performance
tools do not rot (bench.py once crashed on its first property: issue 31).
Marked ``e2e`` (once, tox -e e2e), the HypoFuzz one ``campaign`` (it needs the extra).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NUMBER = r"\d+(\.\d+)?"


def bench(name: str, *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / name), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "SOCKETPAIR_CONFORMANCE_PROFILE": "ci"},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


@pytest.mark.e2e
def test_bench_prints_each_section() -> None:
    out = bench(
        "bench.py",
        "--examples", "3",
        "--property", "stream.bytes_in_order",
        "--property", "abi.caller_memory_and_headers",  # native declares no abi: skipped, not a crash
        "--operations", "1000",
        "--bugs", "1",
        "--tests", "tests/test_architecture.py",
    )  # fmt: skip
    assert re.search(rf"^stream\.bytes_in_order( +{NUMBER}){{5}} +{NUMBER} +{NUMBER} +0$", out, re.M), out
    assert re.search(r"^abi\.caller_memory_and_headers .* - +\d+$", out, re.M), out  # every scenario skipped
    assert re.search(rf"driver round trip, one CPU .*: {NUMBER} us per operation", out), out
    assert re.search(r"driver resident memory: \d+ KiB after 1,000 operations", out), out
    assert re.search(r"^python:\w+ +\w+ +deviates +\d+", out, re.M), out  # the first planted bug is found
    assert re.search(r"ci suite with -n 2: .* passed", out), out


@pytest.mark.e2e
def test_bench_refuses_an_unknown_section_or_property_before_any_work() -> None:
    for args in (["--only", "throughput,speed"], ["--property", "no.such"]):
        done = subprocess.run([sys.executable, str(REPO / "bench" / "bench.py"), *args], capture_output=True, text=True)
        assert done.returncode == 2 and "unknown" in done.stderr and "==" not in done.stdout, (args, done)


@pytest.mark.e2e
def test_miss_rate_findings_and_multifault_benches_run() -> None:
    out = bench("miss_rate.py", "--seeds", "1", "--only", "hides_truncation")
    assert re.search(r"^hides_truncation +messages +0/1 ", out, re.M), out
    out = bench("findings_per_fault.py", "--only", "hides_truncation", "--shrink-seconds", "0.5")
    assert re.search(r"^hides_truncation +1 +[12] +\d+ ", out, re.M), out
    out = bench("multifault.py", "--only", "truncation_and_type", "--shrink-seconds", "0.5")
    assert "truncation_and_type" in out and "finding" in out, out


@pytest.mark.e2e
def test_jobs_bench_runs() -> None:
    out = bench("jobs.py", "--profile", "dev", "--area", "creation", "--jobs", "2")
    assert re.search(rf"^ratio -j 1 / -j 2: {NUMBER}", out, re.M), out
    assert out.count("exit 0") == 2, out  # a ratio is never read off a broken run


@pytest.mark.campaign
def test_campaign_bench_runs() -> None:
    out = bench("campaign.py", "--seconds", "8", "--area", "creation", "--workers", "1")
    assert re.search(rf"run, 1 process: +{NUMBER} examples/s per core \(\d+ in 8 s\)", out), out
    assert re.search(rf"HypoFuzz, 1 workers: +{NUMBER} examples/s per core", out), out
