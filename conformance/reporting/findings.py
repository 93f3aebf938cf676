"""One cause, one finding: a run's distinct deviations grouped by what explains them.

reporting/distinct.py lists each signature once per implementation; one bug shows
as many (a type each, an argument each, what it broke later in the scenario).
Here they are joined into *findings* by the evidence engine/causes.py defines,
and nothing else:

- the same symptom (operation, field and value classes, any type or arguments);
- the same step differing in the same several fields at once;
- behaving as if the same step, flag or control data had not been given;
- a consequence of an earlier difference in the same scenario;
- one ``[[finding]]`` entry of an expectation file matching both.

A finding is *known* when an expectation entry names one of its variants; a
variant that no entry matches is then a *new variant of a known finding*: said
as such, and it fails the run as a new finding does (the entry's pattern says
what is known, nothing wider).  A consequence never fails a run by itself: its
cause does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from ..engine.causes import pattern_of, symptom_of
from ..engine.result import CONFIRMED, FLAKY, Result
from .distinct import Distinct, distinct
from .expectations import Expectations, Expected


@dataclass(frozen=True)
class FindingGroup:
    """One cause: its variants (each a distinct deviation), and the entry that names it."""

    impl: str
    variants: tuple[Distinct, ...]  # hunted this run: new ones, smallest first
    known_variants: tuple[str, ...] = ()  # signatures an expectation entry lists, seen this run
    entry: Optional[Expected] = None  # the expectation entry that names this cause

    @property
    def genuine(self) -> tuple[Distinct, ...]:
        """The variants that are not a consequence of another variant."""
        return tuple(v for v in self.variants if not v.cause)

    @property
    def new_variants(self) -> tuple[Distinct, ...]:
        """Variants that fail the run: a new finding's own, or ones no entry matches."""
        return tuple(v for v in self.genuine if self.entry is None or not self.entry.matches(v.signature))

    @property
    def fails(self) -> bool:
        return bool(self.new_variants)

    @property
    def smallest(self) -> Distinct:
        """The variant whose scenario is smallest (a genuine one where there is one): its
        reproducers stand for the finding."""
        pool = self.genuine or self.variants
        return min(pool, key=lambda v: v.smallest[1].divergence.scenario.size)

    @property
    def signatures(self) -> list[str]:
        return [v.signature for v in self.variants] + list(self.known_variants)

    @property
    def pattern(self) -> str:
        """A ``match`` pattern covering every variant (what an expectation entry may say)."""
        return self.entry.label if self.entry is not None else pattern_of(self.signatures)

    @property
    def headline(self) -> str:
        return self.smallest.headline if self.variants else self.pattern

    @property
    def as_if_without(self) -> str:
        """What its variants behaved as if they had not been given, where they say."""
        return next((v.as_if_without for v in self.variants if v.as_if_without), "")

    @property
    def properties(self) -> list[str]:
        return list(dict.fromkeys(p for v in self.variants for p in v.properties))

    @property
    def behaviours(self) -> list[str]:
        """The catalog rows its variants break, the smallest's first."""
        rows = [self.smallest.behaviour] if self.variants else []
        return list(dict.fromkeys(rows + [v.behaviour for v in self.variants]))

    @property
    def status(self) -> str:
        statuses = {v.status for v in self.genuine or self.variants}
        return CONFIRMED if CONFIRMED in statuses else FLAKY if FLAKY in statuses else next(iter(statuses), "")

    @property
    def variant_count(self) -> int:
        return len(self.signatures)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def group(results: Sequence[Result], expected: Optional[dict[str, Expectations]] = None) -> list[FindingGroup]:
    """Every implementation's findings, in the order their first variant was found."""
    return group_distinct(distinct(list(results)), results, expected or {})


def group_distinct(
    found: Sequence[Distinct], results: Sequence[Result], expected: dict[str, Expectations]
) -> list[FindingGroup]:
    out: list[FindingGroup] = []
    for impl in dict.fromkeys([d.impl for d in found] + [r.impl for r in results if r.known_seen]):
        exp = expected.get(impl)
        mine = [d for d in found if d.impl == impl]
        known = list(dict.fromkeys(s for r in results if r.impl == impl for s in r.known_seen))
        out.extend(_groups(impl, mine, known, exp))
    return out


def _entry(exp: Optional[Expectations], signature: str, properties: Sequence[str]) -> Optional[Expected]:
    if exp is None:
        return None
    return next(
        (e for e in exp.entries if e.matches(signature) and (not properties or any(map(e.applies_to, properties)))),
        None,
    )


def _groups(impl: str, mine: list[Distinct], known: list[str], exp: Optional[Expectations]) -> list[FindingGroup]:
    union = _Union()
    signatures = [d.signature for d in mine] + [s for s in known if s not in {d.signature for d in mine}]
    properties = {d.signature: d.properties for d in mine}
    # each component's expectation entry: what its author said is one cause is, and two
    # entries are two causes, whatever their symptoms share
    named: dict[str, Expected] = {}

    def join(a: str, b: str) -> None:
        ra, rb = union.find(a), union.find(b)
        ea, eb = named.get(ra), named.get(rb)
        if ra == rb or (ea is not None and eb is not None and ea is not eb):
            return
        union.join(ra, rb)
        if ea is not None:
            named[rb] = ea

    by_entry: dict[int, str] = {}
    for sig in signatures:
        entry = _entry(exp, sig, properties.get(sig, []))
        union.find(sig)
        if entry is not None:
            named.setdefault(union.find(sig), entry)
            join(sig, by_entry.setdefault(id(entry), sig))
    by_symptom: dict[str, list[str]] = {}
    for sig in signatures:
        by_symptom.setdefault(symptom_of(sig), []).append(sig)
    for members in by_symptom.values():
        for sig in members[1:]:
            for other in members[: members.index(sig)]:  # the first it may join (another entry's may not)
                before = union.find(sig)
                join(sig, other)
                if union.find(sig) != before or union.find(sig) == union.find(other):
                    break
    by_shape: dict[tuple[str, frozenset[str]], str] = {}
    for d in mine:
        shape = _shape(d)
        if shape is not None:
            join(d.signature, by_shape.setdefault(shape, d.signature))
    by_ignored: dict[str, str] = {}  # what it behaved as if it had not been given
    for d in mine:
        if d.as_if_without:
            join(d.signature, by_ignored.setdefault(d.as_if_without, d.signature))
    for d in mine:
        if d.cause and d.cause in union.parent:
            join(d.signature, d.cause)
    components: dict[str, list[str]] = {}
    for sig in signatures:
        components.setdefault(union.find(sig), []).append(sig)
    groups = []
    for root, members in components.items():
        variants = sorted(
            (d for d in mine if d.signature in members), key=lambda d: d.smallest[1].divergence.scenario.size
        )
        known_here = tuple(s for s in members if s in known)
        groups.append(FindingGroup(impl, tuple(variants), known_here, named.get(root)))
    return groups


def _shape(d: Distinct) -> Optional[tuple[str, frozenset[str]]]:
    """The operation and the fields its step differs in, where a call that answered on both
    sides differs in several at once: the same step showing several fields is one cause
    (two values written in each other's place), whichever of them comes first."""
    step = d.smallest[1].divergence.steps[-1]
    ref, iut = step.reference, step.implementation
    if ref.status != "ok" or iut.status != "ok" or ref.get("note"):
        return None
    keys = dict.fromkeys([k for k, _ in ref.fields] + [k for k, _ in iut.fields])
    fields = frozenset(k for k in keys if ref.get(k) != iut.get(k))
    return (step.op.verb, fields) if len(fields) >= 2 else None


def cell_counts(groups: Sequence[FindingGroup], result: Result) -> tuple[int, int]:
    """A property's (new, known) findings: the causes of what it found and what it saw known."""
    mine = [g for g in groups if g.impl == result.impl]
    shown = {str(f.signature) for f in (*result.findings, *result.consequences)}
    new = sum(1 for g in mine if g.fails and shown & {v.signature for v in g.new_variants})
    known = sum(
        1
        for g in mine
        if not (g.fails and shown & {v.signature for v in g.new_variants})
        and (set(result.known_seen) & set(g.known_variants) or (g.entry and shown & set(g.signatures)))
    )
    return new, known
