"""Expectation files: known deviations keep a run green, new ones fail it, fixed ones are reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import assert_one_line_error, cli

BUG = "python:tests.quality.faulty:accepts_any_family"  # found in a few examples, shrinks fast
PROP = "creation.arguments_and_flags"


def write(tmp_path: Path, body: str, impl: str = BUG) -> str:
    path = tmp_path / "expect.toml"
    path.write_text(f'impl = "{impl}"\n\n{body}')
    return str(path)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "ci", "--area", "creation", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=300)


def entry(ident: str, reason: str = "planted: the family argument is ignored") -> str:
    return f'[[deviation]]\nid = "{ident}"\nreason = "{reason}"\n'


def test_known_deviation_keeps_the_run_green(tmp_path: Path) -> None:
    done = run("--impl", BUG, "--expect", write(tmp_path, entry(f"{PROP}:A7")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "deviates (known)" in done.stdout and "planted: the family" in done.stdout


def test_a_whole_property_can_be_expected(tmp_path: Path) -> None:
    done = run("--impl", BUG, "--expect", write(tmp_path, entry(PROP)))
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_different_behaviour_is_not_excused(tmp_path: Path) -> None:
    done = run("--impl", BUG, "--expect", write(tmp_path, entry(f"{PROP}:A4")))
    assert done.returncode == 1, done.stdout
    assert f"{PROP}:A7 deviates" in done.stdout


def test_without_the_file_the_run_fails() -> None:
    assert run("--impl", BUG).returncode == 1


def test_a_fixed_deviation_is_reported(tmp_path: Path) -> None:
    done = run("--impl", "native", "--expect", write(tmp_path, entry(f"{PROP}:A7"), impl="native"))
    assert done.returncode == 0, done.stdout
    assert f"now conforms: native: {PROP}:A7 is listed in" in done.stdout


@pytest.mark.parametrize(
    "body, impl, fragment",
    [
        ("[[deviation]\n", BUG, "is not valid TOML"),
        (entry("no.such.property:A7"), BUG, "does not name a property"),
        ('[[deviation]]\nid = "creation.arguments_and_flags"\n', BUG, "give a reason"),
        (entry(PROP) + 'kind = "conforms"\n', BUG, "kind 'conforms' is not one of"),
        (entry(PROP) + 'severity = "high"\n', BUG, "unknown key(s) severity"),
        (entry(PROP), "python:tests.quality.faulty:drops_rights", "which this run does not test"),
    ],
)
def test_bad_expectation_file_is_one_line(tmp_path: Path, body: str, impl: str, fragment: str) -> None:
    path = write(tmp_path, body, impl)
    assert_one_line_error(cli("run", "--impl", BUG, "--expect", path), fragment)


def test_missing_impl_line(tmp_path: Path) -> None:
    path = tmp_path / "expect.toml"
    path.write_text(entry(PROP))
    assert_one_line_error(cli("run", "--expect", str(path)), 'no impl = "SPEC" line')
