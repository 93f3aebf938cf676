"""Public entry point for other test suites (in the spirit of trio's ``check_two_way_stream``).

    from conformance.testing import check_socketpair

    def test_my_socketpair():
        check_socketpair(my_module.socketpair)   # raises AssertionError on a deviation

The factory has ``socket.socketpair``'s signature; every property runs against
it in lockstep with the Linux kernel, and the first deviation is raised with
its shrunk scenario.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from hypothesis import settings

from .engine.result import CONFORMS, UNSUPPORTED, Result
from .impl.harness import Harness
from .impl.pyexec import PythonExecutor, SocketFactory
from .impl.specs import ImplSpec
from .properties import Property, all_properties


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
    """Run the suite against ``factory``; raise AssertionError on the first non-conforming property."""
    wanted = set(areas) if areas is not None else None
    harness = Harness(ImplSpec(f"python:{name}", lambda: PythonExecutor(factory, name)))
    results = []
    try:
        for prop in all_properties():
            if wanted is not None and prop.area not in wanted:
                continue
            result = harness.check(prop, hypothesis_settings)
            results.append(result)
            if result.kind not in (CONFORMS, UNSUPPORTED):
                raise AssertionError(failure_message(prop, result))
    finally:
        harness.close()
    return results
