"""Bad input gets one clear line on stderr and exit status 2; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPORT_HEADER = {"type": "header", "format": "socketpair-conformance-report/2", "impls": ["native"]}


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(run: subprocess.CompletedProcess[str], fragment: str) -> None:
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert len(lines) == 1 and lines[0].startswith("socketpair-conformance: "), run.stderr
    assert fragment in lines[0], lines[0]
    assert run.stdout == "", "nothing may be printed as if a run had happened"


@pytest.fixture
def not_executable(tmp_path: Path) -> str:
    path = tmp_path / "driver.sh"
    path.write_text("#!/bin/sh\n")
    path.chmod(0o644)
    return str(path)


@pytest.mark.parametrize(
    "impl, fragment",
    [
        ("bogus", "unknown implementation 'bogus': use one of native, reference"),
        ("python:socket", "is not of the form python:MODULE:ATTR"),
        ("python:no_such_module_xyz:make", "module 'no_such_module_xyz' does not import (ModuleNotFoundError"),
        ("python:socket:no_such_factory", "has no attribute 'no_such_factory'"),
        ("python:socket:AF_UNIX", "'AF_UNIX' is not callable"),
        ("exec:", "exec: needs a command"),
        ("exec:no-such-driver-xyz --flag", "command 'no-such-driver-xyz' is not on PATH"),
        ("exec:/no/such/driver", "'/no/such/driver' does not exist"),
        ("exec:'unbalanced", "cannot split the command"),
    ],
)
def test_bad_impl_is_one_line(impl: str, fragment: str) -> None:
    # native first: a bad spec must be refused before anything runs
    assert_one_line_error(cli("run", "--impl", "native", "--impl", impl), fragment)


def test_exec_not_executable(not_executable: str) -> None:
    assert_one_line_error(cli("run", "--impl", f"exec:{not_executable}"), "is not executable; chmod +x it")


def test_unknown_area() -> None:
    assert_one_line_error(cli("run", "--area", "nosuch"), "--area nosuch: no such area; areas: abi, addresses")


def test_max_deviations_must_be_positive() -> None:
    assert_one_line_error(cli("run", "--max-deviations", "0"), "--max-deviations 0: give 1 or more")


def test_missing_compiler() -> None:
    assert_one_line_error(cli("run", env={"CC": "no-such-cc"}), "no C compiler: 'no-such-cc' is not on PATH")


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("", "is not a socketpair-conformance report"),
        ("this is not json\n", "line 1 is not JSON"),
        ('{"type": "result"}\n', "is not a socketpair-conformance report"),
        ('{"type": "header", "format": "socketpair-conformance-report/1"}\n', "this version reads"),
        (json.dumps(REPORT_HEADER) + "\n", "is truncated"),
        (json.dumps(REPORT_HEADER) + '\n{"type": "footer", "results": 3}\n', "is truncated"),
        (json.dumps(REPORT_HEADER) + '\n{"type": "result", "property": "x", "kind": "conforms"', "is not JSON"),
    ],
)
def test_bad_report_is_one_line(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "report.jsonl"
    path.write_text(content)
    assert_one_line_error(cli("summary", str(path)), fragment)


def test_missing_report(tmp_path: Path) -> None:
    assert_one_line_error(cli("summary", str(tmp_path / "nope.jsonl")), "cannot read report")


def test_pytest_rejects_unknown_impl() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--impl", "bogus", "tests/properties"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stdout[-2000:]
    assert "unknown implementation 'bogus'" in run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def run_creation(*args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "conformance", "run", "--area", "creation", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=300)


def test_the_report_carries_every_deviation_structured_and_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "report.jsonl"
    done = run_creation(
        "--profile", "ci", "--impl", "python:tests.quality.faulty:accepts_any_family", "--report", str(path)
    )
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in path.read_text().splitlines()]
    header, footer = records[0], records[-1]
    for key in ("kernel", "libc", "python", "hypothesis", "suite", "commit", "impls", "profile", "seed", "argv"):
        assert header.get(key) not in (None, ""), key
    deviations = [r for r in records if r["type"] == "deviation"]
    assert len(deviations) == footer["deviations"] >= 2  # the hunt went on past the first
    assert len({d["signature"] for d in deviations}) == len(deviations)  # each once
    finding = deviations[0]["finding"]
    for key in ("signature", "operation", "linux", "implementation", "differing_fields", "catalog_row", "scenario"):
        assert finding[key], key
    assert finding["status"] == "confirmed" and finding["shrink"] == "1-minimal"
    assert not any("...(" in line for line in finding["scenario"])  # whole, never shortened
    assert not any(" obj " in line for line in finding["scenario"])  # setup objects only where used
    assert f"] {deviations[0]['signature']}" in done.stdout


def test_a_run_prints_its_seed_and_replays_with_it() -> None:
    bug = "python:tests.quality.faulty:accepts_any_family"
    first = run_creation("--profile", "dev", "--impl", bug, "--seed", "7")
    again = run_creation("--profile", "dev", "--impl", bug, "--seed", "7")
    assert "seed 7 (replay this run with --seed 7)" in first.stderr
    headlines = [[line for line in run.stdout.splitlines() if line.startswith("  [")] for run in (first, again)]
    assert headlines[0] and headlines[0] == headlines[1]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["run", "--area", "creation", "--area", "mesages"], "--area mesages: no such area; did you mean messages?"),
        (["run", "--shrink-seconds", "-5"], "--shrink-seconds -5: give 0 or more seconds"),
        (["run", "--budget", "0"], "--budget 0: give a positive number of seconds (leave it out for no bound)"),
    ],
)
def test_bad_run_arguments_are_one_line_before_any_work(args: list[str], fragment: str) -> None:
    done = subprocess.run([sys.executable, "-m", "conformance", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == "", done
    assert done.stderr.strip().splitlines() == [f"socketpair-conformance: {fragment}"], done.stderr


def test_version_and_list() -> None:
    version = subprocess.run([sys.executable, "-m", "conformance", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("socketpair-conformance "), version
    listed = subprocess.run([sys.executable, "-m", "conformance", "list"], capture_output=True, text=True)
    assert "  messages.boundaries_and_truncation  [B1 " in listed.stdout and listed.stdout.startswith("abi\n")


def test_a_python_spec_imports_from_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "mypair.py").write_text("import socket\nsocketpair = socket.socketpair\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "ci", "--area", "creation"]
    done = subprocess.run(
        [*argv, "--impl", "python:mypair:socketpair"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
