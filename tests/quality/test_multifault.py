"""Several faults at once: each is reported as a finding of its own, no fault as more than two,
and a fault listed as known never hides one that is not.

Each entry of ``MULTI`` (python:) and ``SHIM_MULTI`` (exec: drivers with several
faults of reference_c/faultshim.c) names its areas and, per fault, a pattern
that one of the run's distinct deviations must match.  The deviations are grouped
into findings (reporting/findings.py: one per cause); each fault must be credited
a finding of its own (no two faults share the one finding that shows them), and
the run may report at most two findings per planted fault.  Counts per entry,
distinct deviations before findings existed and findings now (ci profile, HEAD
2778e91 against this change; ``python bench/findings_per_fault.py --multi``):

    truncation_and_type 4 -> 2; truncation_and_empty 4 -> 2; three_areas 14 -> 4;
    short_writes_and_peek 4 -> 3; credentials_twice 13 -> 2 (its faults now told apart:
    see multifault.py); recvmsg_two_bugs 8 -> 2; recvmsg_two_flag_bugs (new) 2;
    the four drivers 4 -> 2, 8 -> 3, 8 -> 3, 8 -> 2.
"""

from __future__ import annotations

import re

import pytest

from conformance.engine.result import DEVIATES, HUNG, Result
from conformance.impl.harness import Harness
from conformance.impl.specs import parse
from conformance.reporting.distinct import Distinct, distinct
from conformance.reporting.findings import FindingGroup, group
from conformance.testing import properties_of
from tests.quality.multifault import MULTI, SHIM_MULTI
from tests.quality.test_gallery import shim_spec

pytestmark = pytest.mark.quality

SHRINK_SECONDS = 5.0  # the scenarios need not be minimal here, only distinct


def hunt(spec: str, areas: tuple[str, ...], known: frozenset[str] = frozenset()) -> list[Result]:
    harness = Harness(parse(spec))
    try:
        return [
            harness.check(prop, shrink_seconds=SHRINK_SECONDS, known=known)
            for area in areas
            for prop in properties_of(area)
        ]
    finally:
        harness.close()


def credited(found: list[Distinct], faults: dict[str, str]) -> dict[str, list[str]]:
    """Per fault, the deviations whose signature (with its calls) matches its pattern."""
    return {fault: [d.headline for d in found if re.search(pattern, d.headline)] for fault, pattern in faults.items()}


def own_findings(groups: list[FindingGroup], faults: dict[str, str]) -> dict[str, FindingGroup]:
    """A finding for each fault, no finding for two: an assignment of faults to findings that
    show them (a variant matching the fault's pattern), found by trying each in turn."""
    shows = {
        fault: [g for g in groups if any(re.search(pattern, v.headline) for v in g.variants)]
        for fault, pattern in faults.items()
    }

    def assign(left: list[str], taken: dict[str, FindingGroup]) -> dict[str, FindingGroup]:
        if not left:
            return taken
        for g in shows[left[0]]:
            if all(g is not other for other in taken.values()):
                found = assign(left[1:], {**taken, left[0]: g})
                if len(found) == len(faults):
                    return found
        return taken

    return assign(sorted(faults, key=lambda f: len(shows[f])), {})


def assert_each_fault_reported(spec: str, areas: tuple[str, ...], faults: dict[str, str]) -> list[Distinct]:
    results = hunt(spec, areas)
    found = distinct(results)
    groups = group(results)
    shown = "\n  ".join(f"[{n}] {d.headline}" for n, g in enumerate(groups, 1) for d in g.variants)
    assert DEVIATES in {r.kind for r in results}, [(r.property_id, r.kind, r.detail) for r in results]
    # a blocked step ends as blocked even when shutdown() cannot wake it (impl/bounds.py): no planted
    # fault is an implementation that cannot be recovered, so none may sink a property as hung
    hung = [(r.property_id, r.detail) for r in results if r.kind == HUNG]
    assert not hung, f"{spec}: {hung}"
    for fault, matches in credited(found, faults).items():
        assert matches, f"{spec}: fault {fault!r} was not reported; the run reported:\n  {shown}"
    own = own_findings(groups, faults)
    lacking = sorted(set(faults) - set(own))
    assert not lacking, f"{spec}: faults without a finding of their own: {lacking}; the run reported:\n  {shown}"
    assert len(groups) <= 2 * len(faults), f"{spec}: {len(groups)} findings for {len(faults)} faults:\n  {shown}"
    return found


@pytest.mark.parametrize("name", sorted(MULTI))
def test_each_fault_of_a_python_implementation_is_its_own_deviation(name: str) -> None:
    areas, faults = MULTI[name]
    assert_each_fault_reported(f"python:tests.quality.multifault:{name}", areas, faults)


@pytest.mark.parametrize("faults", sorted(SHIM_MULTI))
def test_each_fault_of_a_driver_is_its_own_deviation(faults: str) -> None:
    areas, patterns = SHIM_MULTI[faults]
    assert_each_fault_reported(shim_spec(faults), areas, patterns)


@pytest.mark.parametrize("name, hidden", [("truncation_and_empty", "hides MSG_TRUNC"), ("three_areas", "reverses fds")])
def test_a_known_fault_never_hides_another(name: str, hidden: str) -> None:
    # every deviation of one fault listed as known: the others are still found, as new
    areas, faults = MULTI[name]
    spec = f"python:tests.quality.multifault:{name}"
    first = distinct(hunt(spec, areas))
    known = frozenset(d.signature for d in first if re.search(faults[hidden], d.headline))
    assert known, f"{hidden!r} was not found to begin with"
    results = hunt(spec, areas, known)
    found = distinct(results)
    assert not {d.signature for d in found} & known, "a known deviation was reported as new"
    others = {fault: pattern for fault, pattern in faults.items() if fault != hidden}
    for fault, matches in credited(found, others).items():
        assert matches, f"{fault!r} went unreported once {hidden!r} was known: {[d.headline for d in found]}"
    assert any(r.known_seen for r in results), "the known deviation was not seen again"
