"""The published matrix (docs/matrix/) is what the command saw, and its reproducers still demonstrate it."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.publish import IMPLS, LIBRARIES, REPO, REPORT
from conformance.reporting import report
from conformance.reporting.reproducers import demonstrate

MATRIX = Path(__file__).resolve().parent.parent / "docs" / "matrix"
_, RESULTS, DEVIATIONS = report.load(MATRIX / REPORT)
PAGE = (MATRIX / "README.md").read_text()


def test_every_implementation_and_property_is_on_the_page_with_its_count() -> None:
    assert {r["impl"] for r in RESULTS} == set(IMPLS)
    for impl in IMPLS:
        mine = [d for d in DEVIATIONS if d["impl"] == impl]
        assert f"## {impl} (" in PAGE and f"): {len(mine)} distinct deviations" in PAGE
    for r in RESULTS:
        assert f"| {r['property']} |" in PAGE
        if r["kind"] == "deviates":
            assert f"deviates ({len(r['findings'])})" in PAGE


def test_every_deviation_is_explained_and_has_its_two_reproducers_on_the_page() -> None:
    assert DEVIATIONS, "the published matrix shows no deviation at all: regenerate it (tox -e matrix)"
    for d in DEVIATIONS:
        assert f"`{d['signature']}`" in PAGE, d["signature"]
        assert len(d["reproducers"]) == 2, d
        for path in d["reproducers"]:
            assert (MATRIX / path).is_file() and f"({path})" in PAGE, path


def _one_per_impl() -> list[dict[str, Any]]:
    """The first demonstrated deviation of each implementation (an undemonstrable one says
    why on the page instead of quoting the programs' lines)."""
    seen: dict[str, dict[str, Any]] = {}
    for d in DEVIATIONS:
        script = next(p for p in d["reproducers"] if p.endswith(".py"))
        if f"[Python]({script}) prints" in PAGE:
            seen.setdefault(d["impl"], d)
    return list(seen.values())


def test_an_undemonstrated_deviation_says_why() -> None:
    for d in DEVIATIONS:
        script = next(p for p in d["reproducers"] if p.endswith(".py"))
        assert f"[Python]({script}) prints" in PAGE or f"[Python]({script}) do not show it on demand: " in PAGE, d


# runs the published programs: once (tox -e e2e, on 3.13 like tox -e matrix), not per Python
@pytest.mark.e2e
@pytest.mark.skipif(sys.version_info[:2] != (3, 13), reason="the matrix is published from Python 3.13 (tox -e matrix)")
@pytest.mark.parametrize("deviation", _one_per_impl(), ids=lambda d: str(d["impl"]))
def test_a_published_reproducer_still_shows_the_difference_it_quotes(deviation: dict[str, Any]) -> None:
    library = LIBRARIES.get(deviation["impl"])
    if library and not importlib.util.find_spec(library):
        pytest.skip(f"{library} is not installed")
    demo = demonstrate([MATRIX / p for p in deviation["reproducers"]], REPO)
    assert isinstance(demo, tuple), demo
    linux, lib = demo
    assert f"prints `{linux[:100]}`" in PAGE
    # the library's line as quoted, but for numbers that change from run to run (an ephemeral
    # TCP port in fallback's addresses)
    quoted = re.findall(r"prints `([^`]*)`", PAGE)
    assert _numbers_masked(lib[:100]) in {_numbers_masked(q) for q in quoted}, lib


def _numbers_masked(line: str) -> str:
    return re.sub(r"[0-9]+", "N", line)
