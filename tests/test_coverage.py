"""`socketpair-conformance coverage`: every catalog row, exercised (by which properties
and verbs) or not applicable (why); the count on the last line."""

from __future__ import annotations

import json
from pathlib import Path

from conformance.engine.attribution import reached
from conformance.properties import all_properties
from conformance.reporting.coverage import EXERCISED, NOT_APPLICABLE_KIND, REACHED, coverage, reached_in
from conformance.spec.applicability import NOT_APPLICABLE
from conformance.spec.catalog import rows
from conformance.spec.protocol import Observation, op
from tests.forked_cli import run_cli


def cli(*args: str) -> str:
    done = run_cli("coverage", *args)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


def test_every_row_is_listed_once_and_the_last_line_counts_them() -> None:
    lines = cli().splitlines()
    assert [line.split()[0] for line in lines[:-1]] == list(rows())
    table = coverage()
    exercised = sum(1 for r in table if r.status == EXERCISED)
    assert lines[-1] == (
        f"{exercised} of 155 catalog rows exercised, {len(NOT_APPLICABLE)} not applicable,"
        f" {155 - exercised - len(NOT_APPLICABLE)} not covered"
    )
    assert exercised >= 145  # the floor: anything less is a regression


def test_json_carries_the_same_table() -> None:
    data = json.loads(cli("--json"))
    assert [r["row"] for r in data["rows"]] == list(rows())
    assert data["summary"] == cli().splitlines()[-1]


def test_not_applicable_rows_say_why_and_are_never_also_counted_as_covered() -> None:
    for r in coverage():
        if r.status == NOT_APPLICABLE_KIND:
            assert r.reason and not r.properties, r
        if r.status == EXERCISED:
            assert r.row not in NOT_APPLICABLE, f"{r.row} is tagged by {r.properties} and listed not applicable"
    assert set(NOT_APPLICABLE) <= set(rows())


def test_a_run_tells_rows_reached_from_rows_only_tagged(tmp_path: Path) -> None:
    # a run of one area reaches that area's rows (each with the step that observed it) and
    # leaves every other area's rows tagged only: tagged is not reached (issue 29)
    report = tmp_path / "r.jsonl"
    done = run_cli("run", "--impl", "native", "--area", "creation", "--report", str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = dict(line.split(None, 1) for line in cli("--run", str(report)).splitlines()[:-1])
    assert (
        lines["A4"].startswith("reached: creation.arguments_and_flags native: stream: ")
        and "EAFNOSUPPORT" in lines["A4"]
    )
    assert lines["D3"].startswith("tagged only"), lines["D3"]  # messages: not in this run
    table = coverage(reached_in(report))
    assert {r.row for r in table if r.status == REACHED} <= set(
        next(p for p in all_properties() if p.area == "creation").catalog
    )


def test_a_step_reaches_only_the_rows_it_observes() -> None:
    trunc = op("recv", end=1, size=2, flags="trunc,dontwait")
    cut = Observation("ok", (("ret", "6"), ("data", "6162"), ("msg_flags", "trunc"), ("anc", ""), ("leaked", "0")))
    assert "D3" in reached(trunc, cut, "dgram", frozenset({"D3", "A4"}))
    made = op("obj", name="f", kind="file", data="61")
    assert not reached(made, Observation("ok", ()), "dgram", frozenset(rows()))  # only made state
