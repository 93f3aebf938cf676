"""Every bad input is one line on stderr and exit status 2, found before any work
starts: no traceback, nothing printed as if a run had happened, nothing written.

One table across the commands (run, summary, coverage, schema, --expect, --impl);
each case is (argv, files to create first, extra environment, the fragment the
line must contain).  ``{tmp}`` in an argument is the case's own directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.forked_cli import run_cli

HEADER = {"type": "header", "format": "socketpair-conformance-report/2", "impls": ["native"]}
FULL_HEADER = {
    **HEADER,
    **dict.fromkeys(("kernel", "machine", "libc", "python", "hypothesis", "suite", "commit"), "x"),
    "profile": "ci",
    "seed": 0,
    "argv": [],
}
FOOTER = {"type": "footer", "results": 1, "deviations": 0}
SIGNATURE = "pair family=other: status linux err EAFNOSUPPORT / impl ok"
EXPECT = f'impl = "native"\n\n[[deviation]]\nsignature = "{SIGNATURE}"\nreason = "x"\n'

CASES: list[tuple[str, list[str], dict[str, bytes], dict[str, str], str]] = [
    # --impl, parsed (and imported) before anything runs
    ("impl-unknown", ["run", "--impl", "bogus"], {}, {}, "unknown implementation 'bogus': use one of native"),
    ("impl-python-form", ["run", "--impl", "python:socket"], {}, {}, "is not of the form python:MODULE:ATTR"),
    ("impl-no-module", ["run", "--impl", "python:no_such_mod_xyz:f"], {}, {}, "module 'no_such_mod_xyz' does not"),
    ("impl-no-attr", ["run", "--impl", "python:socket:nope"], {}, {}, "has no attribute 'nope'"),
    ("impl-not-callable", ["run", "--impl", "python:socket:AF_UNIX"], {}, {}, "'AF_UNIX' is not callable"),
    ("impl-broken-module", ["run", "--impl", "python:broken:f"], {"broken.py": b"1/0\n"}, {}, "ZeroDivisionError"),
    ("impl-exec-empty", ["run", "--impl", "exec:"], {}, {}, "exec: needs a command"),
    ("impl-exec-not-on-path", ["run", "--impl", "exec:no-such-driver-xyz"], {}, {}, "is not on PATH"),
    ("impl-exec-missing", ["run", "--impl", "exec:/no/such/driver"], {}, {}, "'/no/such/driver' does not exist"),
    ("impl-exec-quote", ["run", "--impl", "exec:'unbalanced"], {}, {}, "cannot split the command"),
    ("impl-exec-not-executable", ["run", "--impl", "exec:{tmp}/d.sh"], {"d.sh": b"#!/bin/sh\n"}, {}, "chmod +x"),
    # names and numbers
    ("area-unknown", ["run", "--area", "nosuch"], {}, {}, "--area nosuch: no such area"),
    ("area-typo", ["run", "--area", "creation", "--area", "mesages"], {}, {}, "did you mean messages"),
    ("profile-unknown", ["run", "--profile", "fast"], {}, {}, "invalid choice: 'fast'"),
    ("profile-env", ["run"], {}, {"SOCKETPAIR_CONFORMANCE_PROFILE": "fast"}, "unknown hypothesis profile 'fast'"),
    ("seed-not-int", ["run", "--seed", "x"], {}, {}, "--seed: invalid int value"),
    ("budget-zero", ["run", "--budget", "0"], {}, {}, "--budget 0: give a positive number"),
    ("shrink-negative", ["run", "--shrink-seconds", "-5"], {}, {}, "--shrink-seconds -5: give 0 or more"),
    ("jobs-zero", ["run", "-j", "0"], {}, {}, "-j 0: give 1 or more worker processes"),
    ("require-unknown", ["run", "--require", "ioctl,iocl"], {}, {}, "--require iocl: not a capability or verb"),
    ("require-waiver", ["run", "--require", "pep446"], {}, {}, "--require pep446: a waiver an implementation"),
    ("max-deviations-zero", ["run", "--max-deviations", "0"], {}, {}, "--max-deviations 0: give 1 or more"),
    ("stall-env", ["run"], {}, {"SOCKETPAIR_CONFORMANCE_STALL_SECONDS": "x"}, "is not a positive number of seconds"),
    ("compiler-missing", ["run"], {}, {"CC": "no-such-cc"}, "no C compiler: 'no-such-cc' is not on PATH"),
    # where results go, checked before the run
    ("report-no-dir", ["run", "--report", "{tmp}/no/r.jsonl"], {}, {}, "the directory {tmp}/no does not exist"),
    ("report-a-dir", ["run", "--report", "{tmp}"], {}, {}, "is a directory; give a file name"),
    ("junit-a-dir", ["run", "--junit-xml", "{tmp}"], {}, {}, "--junit-xml {tmp} is a directory"),
    ("reproducers-a-file", ["run", "--reproducers", "{tmp}/f"], {"f": b""}, {}, "is a file; give a directory"),
    # --expect
    ("expect-missing", ["run", "--expect", "{tmp}/none.toml"], {}, {}, "cannot read expectation file"),
    ("expect-not-toml", ["run", "--expect", "{tmp}/e.toml"], {"e.toml": b"[[x]\n"}, {}, "is not valid TOML"),
    (
        "expect-other-impl",
        ["run", "--expect", "{tmp}/e.toml", "--impl", "reference"],
        {"e.toml": EXPECT.encode()},
        {},
        "which this run does not test",
    ),
    # summary: any file that is not a whole report
    ("summary-missing", ["summary", "{tmp}/none.jsonl"], {}, {}, "cannot read report"),
    ("summary-a-dir", ["summary", "{tmp}"], {}, {}, "cannot read report"),
    ("summary-empty", ["summary", "{tmp}/r"], {"r": b""}, {}, "is not a socketpair-conformance report"),
    ("summary-binary", ["summary", "{tmp}/r"], {"r": b"\x89PNG\r\n\x1a\n\xff\xfe"}, {}, "it is not UTF-8 text"),
    ("summary-not-json", ["summary", "{tmp}/r"], {"r": b"hello\n"}, {}, "line 1 is not JSON"),
    ("summary-bad-gzip", ["summary", "{tmp}/r.gz"], {"r.gz": b"\x1f\x8bnot gzip"}, {}, "it is not valid gzip"),
    ("summary-a-list", ["summary", "{tmp}/r"], {"r": b"[1, 2]\n"}, {}, "is not a socketpair-conformance report"),
    (
        "summary-old-format",
        ["summary", "{tmp}/r"],
        {"r": json.dumps({**HEADER, "format": "socketpair-conformance-report/1"}).encode()},
        {},
        "this version reads",
    ),
    (
        "summary-header-fields",
        ["summary", "{tmp}/r"],
        {"r": (json.dumps(HEADER) + "\n").encode()},
        {},
        "has no 'kernel'",
    ),
    (
        "summary-result-fields",
        ["summary", "{tmp}/r"],
        {"r": "\n".join(map(json.dumps, [FULL_HEADER, {"type": "result", "kind": "conforms"}, FOOTER])).encode()},
        {},
        "record 2: result has no 'id'",
    ),
    (
        "summary-bad-kind",
        ["summary", "{tmp}/r"],
        {"r": "\n".join(map(json.dumps, [FULL_HEADER, [3], FOOTER])).encode()},
        {},
        "record 2: the line is not a header",
    ),
    ("summary-truncated", ["summary", "{tmp}/r"], {"r": (json.dumps(FULL_HEADER) + "\n").encode()}, {}, "is truncated"),
    # commands and options
    ("command-unknown", ["sumary"], {}, {}, "invalid choice: 'sumary'"),
    ("coverage-option", ["coverage", "--xml"], {}, {}, "unrecognized arguments: --xml"),
    ("schema-argument", ["schema", "extra"], {}, {}, "unrecognized arguments: extra"),
]


def _written(directory: Path) -> list[Path]:
    """What is in the directory, but Python's own bytecode cache of a module it imported."""
    return sorted(p for p in directory.rglob("*") if "__pycache__" not in p.parts)


def _check(status: int, stdout: str, stderr: str, fragment: str, tmp_path: Path, before: list[Path]) -> None:
    lines = stderr.strip().splitlines()
    assert status == 2, (status, stderr[-2000:])
    assert len(lines) == 1 and lines[0].startswith("socketpair-conformance: "), stderr[-2000:]
    assert fragment.replace("{tmp}", str(tmp_path)) in lines[0], lines[0]
    assert stdout == "", "nothing may be printed as if a run had happened"
    assert _written(tmp_path) == before, "nothing may be written"


@pytest.mark.parametrize("argv, files, env, fragment", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, argv: list[str], files: dict[str, bytes], env: dict[str, str], fragment: str
) -> None:
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    before = _written(tmp_path)
    done = run_cli(*(a.replace("{tmp}", str(tmp_path)) for a in argv), cwd=tmp_path, env=env)
    _check(done.returncode, done.stdout, done.stderr, fragment, tmp_path, before)


@pytest.mark.parametrize("name", ["area-typo", "summary-result-fields"])
def test_the_real_command_line_says_the_same(tmp_path: Path, name: str) -> None:
    _, argv, files, env, fragment = next(c for c in CASES if c[0] == name)
    for file, content in files.items():
        (tmp_path / file).write_bytes(content)
    before = _written(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "conformance", *(a.replace("{tmp}", str(tmp_path)) for a in argv)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, **env},
    )
    _check(done.returncode, done.stdout, done.stderr, fragment, tmp_path, before)


def test_the_table_covers_every_command() -> None:
    assert len(CASES) >= 20
    assert {c[1][0] for c in CASES} >= {"run", "summary", "coverage", "schema"}
    assert {"--expect", "--impl", "--report"} <= {a for c in CASES for a in c[1]}
