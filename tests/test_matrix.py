"""The published matrix (docs/matrix/) is what the command saw, and its reproducers still demonstrate it."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from conformance.publish import IMPLS, LIBRARIES, REPO, REPORT
from conformance.reporting import expectations, report
from conformance.reporting.reproducers import demonstrate

MATRIX = Path(__file__).resolve().parent.parent / "docs" / "matrix"
_, RESULTS, FINDINGS = report.load(MATRIX / REPORT)
# every distinct deviation of the published run (the report may predate findings: format 2)
VARIANTS = [v for f in FINDINGS for v in f["variants"]]
EXPECTED = {e.impl: e for e in (expectations.load(p) for p in sorted((MATRIX / "expectations").glob("*.toml")))}
PAGE = (MATRIX / "README.md").read_text()
# one per finding: its smallest variant's two programs, and what they print or why they cannot
PUBLISHED = re.findall(r"\[C\]\((reproducers/[^)]+\.c)\)[^\n]*\[Python\]\((reproducers/[^)]+\.py)\)([^\n]*)", PAGE)


def _findings(impl: str) -> int:
    section = PAGE.split(f"## {impl} (", 1)[1].split("\n## ", 1)[0]
    return len(re.findall(r"^[0-9]+\. ", section, re.M))


def test_every_implementation_and_property_is_on_the_page_with_its_count() -> None:
    assert {r["impl"] for r in RESULTS} == set(IMPLS)
    for impl in IMPLS:
        mine = [v for v in VARIANTS if v["impl"] == impl]
        assert f"## {impl} (" in PAGE
        assert f"): {_findings(impl)} findings ({len(mine)} distinct deviations)" in PAGE
        # the counts table, and one finding per cause: at most an entry per reason and a half
        entries = EXPECTED[impl].entries
        reasons = len({e.reason for e in entries})
        assert f"| {impl} | {_findings(impl)} | {len(mine)} | {len(entries)} | {reasons} |" in PAGE
        assert len(entries) <= 1.5 * reasons
    for r in RESULTS:
        assert f"| {r['property']} |" in PAGE
        if r["kind"] == "deviates":
            assert re.search(rf"\| {re.escape(r['property'])} \|.*deviates \([0-9]+\)", PAGE)


def test_every_deviation_is_a_variant_of_an_explained_finding_with_its_two_reproducers() -> None:
    assert VARIANTS, "the published matrix shows no deviation at all: regenerate it (tox -e matrix)"
    for v in VARIANTS:
        assert f"`{v['signature']}`" in PAGE, v["signature"]
        assert any(e.matches(v["signature"]) for e in EXPECTED[v["impl"]].entries), v["signature"]
    assert len(PUBLISHED) == sum(_findings(impl) for impl in IMPLS)
    for c, py, _ in PUBLISHED:
        assert (MATRIX / c).is_file() and (MATRIX / py).is_file(), (c, py)


def _impl_of(c_program: str) -> str:
    """The implementation whose section on the page lists this program."""
    return re.findall(r"^## (\S+) \(", PAGE.split(f"[C]({c_program})")[0], re.M)[-1]


def _one_per_impl() -> list[tuple[str, str]]:
    """The first demonstrated finding of each implementation, as (C, Python) paths (an
    undemonstrable one says why on the page instead of quoting the programs' lines)."""
    seen: dict[str, tuple[str, str]] = {}
    for c, py, said in PUBLISHED:
        impl = _impl_of(c)
        if said.startswith(" prints"):
            seen.setdefault(impl, (c, py))
    return list(seen.values())


def test_an_undemonstrated_finding_says_why() -> None:
    for _, py, said in PUBLISHED:
        assert said.startswith(" prints") or said.startswith(" do not show it on demand: "), (py, said)


# runs the published programs: once (tox -e e2e, on 3.13 like tox -e matrix), not per Python
@pytest.mark.e2e
@pytest.mark.skipif(sys.version_info[:2] != (3, 13), reason="the matrix is published from Python 3.13 (tox -e matrix)")
@pytest.mark.parametrize("programs", _one_per_impl(), ids=lambda p: Path(p[1]).name.split("-")[0])
def test_a_published_reproducer_still_shows_the_difference_it_quotes(programs: tuple[str, str]) -> None:
    library = LIBRARIES.get(_impl_of(programs[0]))
    if library and not importlib.util.find_spec(library):
        pytest.skip(f"{library} is not installed")
    demo = demonstrate([MATRIX / p for p in programs], REPO)
    assert isinstance(demo, tuple), demo
    linux, lib = demo
    assert f"prints `{linux[:100]}`" in PAGE
    # the library's line as quoted, but for numbers that change from run to run (an ephemeral
    # TCP port in fallback's addresses)
    quoted = re.findall(r"prints `([^`]*)`", PAGE)
    assert _numbers_masked(lib[:100]) in {_numbers_masked(q) for q in quoted}, lib


def _numbers_masked(line: str) -> str:
    return re.sub(r"[0-9]+", "N", line)
