"""The command line end to end (the bad-input table is tests/test_bad_input.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conformance.reporting import schema
from tests.forked_cli import run_cli

REPORT_HEADER = {"type": "header", "format": "socketpair-conformance-report/2", "impls": ["native"]}


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env, timeout=120)


def assert_one_line_error(run: subprocess.CompletedProcess[str], fragment: str) -> None:
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert len(lines) == 1 and lines[0].startswith("socketpair-conformance: "), run.stderr
    assert fragment in lines[0], lines[0]
    assert run.stdout == "", "nothing may be printed as if a run had happened"


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
    return run_cli("run", "--area", "creation", *args)


@pytest.mark.e2e
def test_the_report_carries_every_deviation_structured_and_the_environment(tmp_path: Path) -> None:
    path, xml, reproducers = tmp_path / "report.jsonl", tmp_path / "junit.xml", tmp_path / "repro"
    bug = "python:tests.quality.faulty:accepts_any_family"
    done = run_creation(
        *("--profile", "ci", "--impl", bug, "--impl", "native", "--report", str(path)),
        *("--junit-xml", str(xml), "--reproducers", str(reproducers)),
    )
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in path.read_text().splitlines()]
    header, footer = records[0], records[-1]
    for key in ("kernel", "libc", "python", "hypothesis", "suite", "commit", "impls", "profile", "seed", "argv"):
        assert header.get(key) not in (None, ""), key
    findings = [r for r in records if r["type"] == "finding"]
    assert len(findings) == footer["findings"] >= 1
    deviations = [v for f in findings for v in f["variants"]]  # every distinct deviation, in its finding
    assert len(deviations) >= 2  # the hunt went on past the first
    assert len({d["signature"] for d in deviations}) == len(deviations)  # each once
    assert all(f["new"] and f["reproducers"] and f["pattern"] for f in findings)
    finding = deviations[0]["finding"]
    for key in ("signature", "operation", "linux", "implementation", "differing_fields", "catalog_row", "scenario"):
        assert finding[key], key
    assert finding["status"] == "confirmed" and finding["shrink"] == "1-minimal"
    assert not any("...(" in line for line in finding["scenario"])  # whole, never shortened
    assert not any(" obj " in line for line in finding["scenario"])  # setup objects only where used
    assert f"] {findings[0]['headline']}" in done.stdout
    # the published schema holds for every line, checked by an independent validator too
    validator = jsonschema.Draft202012Validator(schema.schema())
    for record in records:
        validator.validate(record)
        assert schema.problem(record, schema.schema(), schema.schema()) is None
    broken = {**records[1], "kind": "mostly-fine"}
    assert not validator.is_valid(broken) and schema.problem(broken, schema.schema(), schema.schema())
    # JUnit: one case per property and implementation; the deviations as one failure, named by signature
    cases = ET.parse(xml).getroot().findall("./testsuite/testcase")
    assert {(c.get("classname"), c.get("name")) for c in cases} == {
        (r["impl"], r["property"]) for r in records[1:-1] if r["type"] == "result"
    }
    failures = [c.find("failure") for c in cases if c.find("failure") is not None]
    message = f"{len(findings)} findings ({len(deviations)} distinct deviations)"
    assert len(failures) == 1 and failures[0].get("message") == message
    for d in deviations:
        assert d["signature"] in (failures[0].text or "")
    for f in findings:  # one pair of reproducers per finding, its smallest variant's
        assert len(f["reproducers"]) == 2 and all(p in (failures[0].text or "") for p in f["reproducers"])


@pytest.mark.e2e
def test_a_run_prints_its_seed_and_replays_with_it_whatever_the_workers() -> None:
    bug = "python:tests.quality.faulty:accepts_any_family"
    first = run_creation("--profile", "dev", "--impl", bug, "--impl", "native", "--seed", "7", "-j", "1")
    again = run_creation("--profile", "dev", "--impl", bug, "--impl", "native", "--seed", "7", "-j", "2")
    assert "seed 7 (replay this run with --seed 7)" in first.stderr
    assert "[2/2, " in again.stderr  # the workers' progress lines: count and time left
    headlines = [[line for line in run.stdout.splitlines() if line.startswith("  [")] for run in (first, again)]
    assert headlines[0] and headlines[0] == headlines[1]
    assert first.stdout.splitlines()[:4] == again.stdout.splitlines()[:4]  # the matrix


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["run", "--area", "creation", "--area", "mesages"], "--area mesages: no such area; did you mean messages?"),
        (["run", "--shrink-seconds", "-5"], "--shrink-seconds -5: give 0 or more seconds"),
        (["run", "--budget", "0"], "--budget 0: give a positive number of seconds (leave it out for no bound)"),
    ],
)
def test_bad_run_arguments_are_one_line_before_any_work(args: list[str], fragment: str) -> None:
    done = cli(*args)
    assert done.returncode == 2 and done.stdout == "", done
    assert done.stderr.strip().splitlines() == [f"socketpair-conformance: {fragment}"], done.stderr


def test_version_and_list() -> None:
    version = cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("socketpair-conformance "), version
    listed = cli("list")
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


def test_help_names_the_implementations_areas_and_exit_codes_in_plain_text() -> None:
    for argv in (["--help"], ["run", "--help"]):
        done = cli(*argv)
        assert done.returncode == 0
        for needed in ("python:MODULE:ATTR", "exec:COMMAND", "trio", "gevent", "fdpass", "130 interrupted"):
            assert needed in done.stdout, (argv, needed)
        assert "`" not in done.stdout
    version = cli("--version")
    assert version.stdout.startswith("socketpair-conformance ")


def test_an_implementation_that_kills_its_process_crashes_that_property_only_under_j() -> None:
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "ci", "-j", "2", "--impl"]
    argv += ["python:tests.interpreter_killer:pair", "--area", "creation", "--area", "messages", "--area", "stream"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stdout + done.stderr
    last = done.stdout.splitlines()[-1]
    assert "3 properties" in last and "crashed" in last and "conforms" in last, last  # creation never receives
    assert "the worker process running it died (killed by signal 6)" in done.stdout
    # its last words are the crash's detail, not loose lines among the run's own
    assert "on stderr: Fatal error: planted abort in recv" in done.stdout
    assert not [line for line in done.stderr.splitlines() if line.startswith("Fatal error")]


def test_what_an_implementation_prints_is_one_line_per_property_naming_it() -> None:
    argv = ["run", "--profile", "ci", "-j", "1", "--impl", "python:tests.interpreter_killer:chatty", "--area", "stream"]
    done = run_cli(*argv)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    said = [line for line in done.stderr.splitlines() if "on stderr" in line]
    assert len(said) == 1, done.stderr[-2000:]
    assert "python:tests.interpreter_killer:chatty during stream.bytes_in_order:" in said[0]
    assert "lines on stderr: chatty: receiving" in said[0]
    assert not [line for line in done.stderr.splitlines() if line.startswith("chatty")]


def test_require_all_is_what_a_driver_in_any_language_can_declare() -> None:
    # the reference driver (C) declares every capability and verb but no Python-only waiver:
    # --require all must pass for it (issue 30: it demanded pep446, which no C driver can claim)
    done = run_cli("run", "--impl", "reference", "--area", "creation", "--require", "all")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "required but not declared" not in done.stdout
