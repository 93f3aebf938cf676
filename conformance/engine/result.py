"""What a property's run reports: one of five kinds, and every distinct deviation found.

The kinds stay apart: *deviates* (the implementation answered, differently
from Linux), *unsupported* (it refused a feature), *crashed*, *hung* and
*protocol-error* (it failed as a program).  A run that deviates carries its
:class:`Finding` s, one per signature (engine/signature.py); a run that ended
otherwise keeps the ones found before it ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Optional

from .runner import Divergence
from .signature import Signature

CONFORMS, DEVIATES, UNSUPPORTED, CRASHED, HUNG, PROTOCOL_ERROR, NOT_RUN = (
    "conforms",
    "deviates",
    "unsupported",
    "crashed",
    "hung",
    "protocol-error",
    "not-run",  # --budget was spent before the property started (or before it came back): no verdict
)
KINDS = (CONFORMS, DEVIATES, UNSUPPORTED, CRASHED, HUNG, PROTOCOL_ERROR, NOT_RUN)

# how far a finding's scenario was minimised, and whether it replayed
MINIMAL, SHRINK_BUDGET_SPENT = "1-minimal", "shrink budget spent"
CONFIRMED, FLAKY, UNCONFIRMED = "confirmed", "flaky", "unconfirmed"


@dataclass(frozen=True)
class Finding:
    """One distinct deviation: its signature and the smallest scenario that shows it."""

    signature: Signature
    divergence: Divergence
    behaviour: str  # the catalog row it breaks (engine/attribution.py)
    seen: int = 1  # scenarios it showed in
    shrink: str = MINIMAL  # or "shrink budget spent ..." saying how far it got
    status: str = UNCONFIRMED  # confirmed on a fresh reference and implementation, or flaky
    calls: tuple[str, ...] = ()  # the methods or system calls it showed through
    # what the implementation answered as if it had not been given (engine/causes.py): a step
    # left out, or a flag or the control data of one (``setsockopt opt=passcred``), or ""
    as_if_without: str = ""

    @property
    def headline(self) -> str:
        return headline(str(self.signature), self.signature.call, self.calls)

    @property
    def cause(self) -> str:
        """The signature of the difference this one is a consequence of (engine/causes.py), or ""."""
        return self.divergence.cause

    def with_status(self, status: str) -> Finding:
        return replace(self, status=status)


@dataclass(frozen=True)
class Result:
    property_id: str
    impl: str
    kind: str
    detail: str = ""
    findings: tuple[Finding, ...] = ()
    examples: int = 0
    seconds: float = 0.0
    catalog: tuple[str, ...] = ()
    known_seen: tuple[str, ...] = ()  # signatures listed as known that showed up
    sites: frozenset[str] = field(default_factory=frozenset)  # what Linux answered where (engine/signature.sites)
    seed: Optional[int] = None
    # new differences seen only as consequences of an earlier one (engine/causes.py): variants
    # of that one's finding, never findings of their own
    consequences: tuple[Finding, ...] = ()
    # what the run's --budget cut short (engine/hunt.py ``until``), "" when the hunt finished;
    # a property the budget left no time to start is kind NOT_RUN
    unfinished: str = ""
    # the property's catalog rows a step of this hunt observed, each with the first such step
    # (engine/attribution.py reached): a row tagged is not a row reached
    reached: tuple[tuple[str, str], ...] = ()

    @property
    def divergence(self) -> Optional[Divergence]:
        """The first finding's scenario (a result has one per finding)."""
        return self.findings[0].divergence if self.findings else None

    @property
    def behaviour(self) -> str:
        return self.findings[0].behaviour if self.findings else ""

    @property
    def id(self) -> str:
        """PROPERTY:ROW of the first finding; each finding has its own (:func:`finding_id`)."""
        return finding_id(self.property_id, self.findings[0]) if self.findings else self.property_id


def headline(signature: str, operation: str, calls: Sequence[str]) -> str:
    """A deviation's signature, and the calls it showed through where they are not the operation itself."""
    via = [c for c in calls if c != operation]
    return f"{signature} (via {', '.join(via)})" if via else signature


def cell_text(kind: str, found: int, known: int = 0, expected: bool = False) -> str:
    """A matrix cell: the kind; for a deviating property how many distinct deviations it
    found (new, and known from an expectation file); for one that ended as a program, what
    it found before, and whether an expectation file lists that ending."""
    if kind != DEVIATES:
        notes = [f"{found} found" if found else "", "known" if expected else ""]
        return kind + (f" ({', '.join(filter(None, notes))})" if any(notes) else "")
    return f"deviates ({' + '.join(filter(None, [f'{found}' if found else '', f'{known} known' if known else '']))})"


def finding_id(property_id: str, finding: Finding) -> str:
    return f"{property_id}:{finding.behaviour}"
