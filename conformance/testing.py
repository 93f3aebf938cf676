"""Public entry points for other test suites (in the spirit of trio's ``check_two_way_stream``).

    from conformance.testing import check_socketpair

    def test_my_socketpair():
        check_socketpair(my_module.socketpair)   # raises AssertionError listing every deviation

or, one pytest test per property, through the plugin's ``harness`` fixture
(``--impl`` chooses the implementation; see conformance/pytest_plugin.py):

    from conformance.testing import conformance_tests

    test_socketpair = conformance_tests(areas=["messages", "fdpass"])

The factory has ``socket.socketpair``'s signature; every property runs against
it in lockstep with the Linux kernel.  A deviation is named by its signature,
the stable id a report, an expectation file and a reproducer use too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Callable, Optional

from hypothesis import settings

from .engine.result import CONFORMS, DEVIATES, UNSUPPORTED, Result
from .impl.harness import Harness
from .impl.pyexec import PythonExecutor, SocketFactory
from .impl.specs import ImplSpec
from .properties import Property, all_properties, select


def properties_of(area: str) -> list[Property]:
    return [p for p in all_properties() if p.area == area]


def failure_message(prop: Property, result: Result) -> str:
    """Every distinct deviation the property found, each with its smallest scenario."""
    where = f"{prop.id} [{' '.join(prop.catalog)}]"
    lines = [f"{where} {result.kind} for {result.impl}: {result.detail}".rstrip(": ")]
    for number, finding in enumerate(result.findings, 1):
        lines += [f"[{number}] {finding.headline} ({finding.behaviour}, {finding.status})", str(finding.divergence)]
    return "\n".join(lines)


def check_socketpair(
    factory: SocketFactory,
    name: str = "under-test",
    areas: Optional[Iterable[str]] = None,
    hypothesis_settings: Optional[settings] = None,
) -> list[Result]:
    """Run the suite against ``factory``; raise one AssertionError listing every property
    that did not conform, each with every distinct deviation it found.  The caller's CPU
    affinity and signal handlers are as they were when this returns or raises."""
    chosen = select(areas=areas) if areas is not None else all_properties()
    harness = Harness(ImplSpec(f"python:{name}", lambda: PythonExecutor(factory, name)))
    results = []
    try:
        for prop in chosen:
            results.append(harness.check(prop, hypothesis_settings))
    finally:
        harness.close()
    failed = [(p, r) for p, r in zip(chosen, results) if r.kind not in (CONFORMS, UNSUPPORTED)]
    if failed:
        head = f"{len(failed)} of {len(results)} properties do not conform for {name}:"
        raise AssertionError("\n\n".join([head] + [failure_message(p, r) for p, r in failed]))
    return results


def assert_conforms(harness: Harness, prop: Property, hypothesis_settings: Optional[settings] = None) -> None:
    """Under pytest: the property holds for the harness's implementation (apart from the deviations
    its expectation file lists), or is skipped as unsupported."""
    import pytest  # only under pytest: the package does not depend on it

    result = harness.check(prop, hypothesis_settings, known=harness.known(prop.id))
    if result.kind == UNSUPPORTED and result.detail.startswith("declares"):
        pytest.skip(f"{harness.impl.spec}: {result.detail}")
    only_known = result.kind == DEVIATES and not result.findings  # every deviation is listed (--conformance-expect)
    assert result.kind in (CONFORMS, UNSUPPORTED) or only_known, failure_message(prop, result)


def conformance_tests(areas: Optional[Iterable[str]] = None, ids: Optional[Iterable[str]] = None) -> Callable[..., Any]:
    """A pytest test, one case per chosen property, run on the plugin's ``harness`` fixture:
    ``test_socketpair = conformance_tests(areas=["messages"])`` in a test module."""
    import pytest

    chosen = select(areas, ids)

    @pytest.mark.parametrize("conformance_property", chosen, ids=[p.id for p in chosen])
    def test_conformance(harness: Harness, conformance_property: Property) -> None:
        assert_conforms(harness, conformance_property)

    return test_conformance
