"""One root cause, once: the distinct deviations of each implementation across properties.

Each property hunts on its own (engine/hunt.py), so one bug in ``recv`` can be
found by several of them.  Grouped by signature, it is one deviation: shown in
those properties, attributed to the catalog row of its smallest scenario, with
one pair of reproducers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.result import CONFIRMED, FLAKY, Finding, Result


@dataclass(frozen=True)
class Distinct:
    impl: str
    signature: str
    shown_in: tuple[tuple[str, Finding], ...]  # (property id, its finding), in run order

    @property
    def properties(self) -> list[str]:
        return [prop for prop, _ in self.shown_in]

    @property
    def smallest(self) -> tuple[str, Finding]:
        return min(self.shown_in, key=lambda pair: pair[1].divergence.scenario.size)

    @property
    def behaviour(self) -> str:
        return self.smallest[1].behaviour

    @property
    def status(self) -> str:
        """Confirmed if its scenario replayed fresh in any property; flaky if in none."""
        statuses = {f.status for _, f in self.shown_in}
        return CONFIRMED if CONFIRMED in statuses else FLAKY if FLAKY in statuses else statuses.pop()

    @property
    def calls(self) -> list[str]:
        """The methods or system calls it showed through, in every property."""
        return sorted({c for _, f in self.shown_in for c in f.calls})

    @property
    def headline(self) -> str:
        operation = self.smallest[1].signature.call
        calls = [c for c in self.calls if c != operation]
        return f"{self.signature} (via {', '.join(calls)})" if calls else self.signature

    @property
    def seen(self) -> int:
        return sum(f.seen for _, f in self.shown_in)


def distinct(results: list[Result]) -> list[Distinct]:
    """The findings of all results, one entry per (implementation, signature)."""
    grouped: dict[tuple[str, str], list[tuple[str, Finding]]] = {}
    for result in results:
        for finding in result.findings:
            grouped.setdefault((result.impl, str(finding.signature)), []).append((result.property_id, finding))
    return [Distinct(impl, signature, tuple(found)) for (impl, signature), found in grouped.items()]


def cell(result: Result) -> str:
    """A matrix cell: the kind, and for a deviating property how many distinct
    deviations it found (new, and known from an expectation file)."""
    if result.kind != "deviates":
        return result.kind + (f" ({len(result.findings)} found)" if result.findings else "")
    new, known = len(result.findings), len(result.known_seen)
    counts = [f"{new}" if new else "", f"{known} known" if known else ""]
    return f"deviates ({' + '.join(filter(None, counts))})"
