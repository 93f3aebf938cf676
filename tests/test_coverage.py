"""`socketpair-conformance coverage`: every catalog row, exercised (by which properties
and verbs) or not applicable (why); the count on the last line."""

from __future__ import annotations

import json

from conformance.reporting.coverage import EXERCISED, NOT_APPLICABLE_KIND, coverage
from conformance.spec.applicability import NOT_APPLICABLE
from conformance.spec.catalog import rows
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
