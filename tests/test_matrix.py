"""The published matrix (docs/matrix/) is what the command saw, and its reproducers still demonstrate it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from conformance.publish import IMPLS, LIBRARIES, demonstrate
from conformance.reporting.reproducers import slug

MATRIX = Path(__file__).resolve().parent.parent / "docs" / "matrix"
RESULTS = [r for r in map(json.loads, (MATRIX / "report.jsonl").read_text().splitlines()) if r.get("type") == "result"]
DEVIATIONS = [r for r in RESULTS if r.get("divergence")]
PAGE = (MATRIX / "README.md").read_text()


def test_every_implementation_and_property_is_on_the_page() -> None:
    assert {r["impl"] for r in RESULTS} == set(IMPLS)
    for impl in IMPLS:
        assert f"## {impl} (" in PAGE
    for r in RESULTS:
        assert f"| {r['property']} |" in PAGE


def test_every_deviation_is_explained_and_has_its_two_reproducers_on_the_page() -> None:
    assert DEVIATIONS, "the published matrix shows no deviation at all: regenerate it (tox -e matrix)"
    for r in DEVIATIONS:
        assert r["expected"], f"{r['impl']} {r['id']}: no expectation entry says what it means"
        base = f"reproducers/{slug(r['impl'])}/{slug(r['id'])}"
        assert f"({base}.c)" in PAGE and f"({base}.py)" in PAGE, r["id"]
        assert (MATRIX / f"{base}.c").is_file() and (MATRIX / f"{base}.py").is_file()


def _one_per_impl() -> list[dict[str, object]]:
    seen: dict[str, dict[str, object]] = {}
    for r in DEVIATIONS:
        seen.setdefault(r["impl"], r)
    return list(seen.values())


@pytest.mark.skipif(sys.version_info[:2] != (3, 13), reason="the matrix is published from Python 3.13 (tox -e matrix)")
@pytest.mark.parametrize("result", _one_per_impl(), ids=lambda r: str(r["impl"]))
def test_a_published_reproducer_still_shows_the_difference_it_quotes(result: dict[str, str]) -> None:
    library = LIBRARIES.get(result["impl"])
    if library and not importlib.util.find_spec(library):
        pytest.skip(f"{library} is not installed")
    demo = demonstrate(MATRIX / "reproducers" / slug(result["impl"]), slug(result["id"]))
    assert isinstance(demo, tuple), demo
    linux, lib = demo
    assert f"prints `{linux[:100]}`" in PAGE and f"prints `{lib[:100]}`" in PAGE
