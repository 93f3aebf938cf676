"""One root cause, once: the distinct deviations of each implementation across properties.

Each property hunts on its own (engine/hunt.py), so one bug in ``recv`` can be
found by several of them.  Grouped by signature, it is one deviation: shown in
those properties, attributed to the catalog row of its smallest scenario, with
one pair of reproducers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.causes import symptom
from ..engine.result import CONFIRMED, FLAKY, Finding, Result, cell_text, headline


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
        # a scenario where it showed on its own before one where it was a consequence
        return min(self.shown_in, key=lambda pair: (bool(pair[1].cause), pair[1].divergence.scenario.size))

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
        return headline(self.signature, self.smallest[1].signature.call, self.calls)

    @property
    def seen(self) -> int:
        return sum(f.seen for _, f in self.shown_in)

    @property
    def as_if_without(self) -> str:
        """What the implementation behaved as if it had not been given, where a scenario showed it."""
        return next((f.as_if_without for _, f in self.shown_in if f.as_if_without), "")

    @property
    def cause(self) -> str:
        """The signature it is a consequence of (engine/causes.py), if it showed only as one."""
        causes = [f.cause for _, f in self.shown_in]
        return "" if "" in causes else causes[0]


def distinct(results: list[Result]) -> list[Distinct]:
    """The findings of all results (and the consequences they saw), one entry per
    (implementation, signature); a signature hunted in one property and seen only as a
    consequence in another is hunted: its own finding's scenario comes first."""
    grouped: dict[tuple[str, str], list[tuple[str, Finding]]] = {}
    for result in results:
        for finding in result.findings:
            grouped.setdefault((result.impl, str(finding.signature)), []).append((result.property_id, finding))
    for result in results:
        for finding in result.consequences:
            grouped.setdefault((result.impl, str(finding.signature)), []).append((result.property_id, finding))
    return [Distinct(impl, signature, tuple(found)) for (impl, signature), found in grouped.items()]


def cell(result: Result) -> str:
    """A property's cell as its own result tells it (the progress line): its findings grouped
    by symptom (engine/causes.py); the run's matrix also joins consequences and entries."""
    return cell_text(result.kind, len({symptom(f.signature) for f in result.findings}), len(result.known_seen))
