"""The hunt: every distinct deviation a property can find within its budget, each once.

Hypothesis stops a test at its first failure and shrinks it; alone, it would
tell an implementation with three bugs about one.  So a property runs in
*rounds* (docs/deviations.md):

1. Generate scenarios, each explored to its end (engine/runner.py: past every
   difference that left both sides in the same state).  Signatures already
   known (listed in an expectation file, or found in an earlier round) never
   fail a scenario; the first new one does, and becomes the round's *target*.
2. Hypothesis shrinks the scenario, and a candidate fails only if it shows the
   target's signature: shrinking never drifts to another deviation.  New
   signatures met on the way are kept, with their scenario, for a later round.
3. The shrunk scenario is made 1-minimal (engine/minimize.py), the finding
   recorded, its signature becomes known, and the next round starts on a new
   seed: first with a kept scenario, if any, else by generating again.

Rounds end when the property's examples (``max_examples``, counted over all
rounds; shrinking is bounded by time instead) or its time are spent.  A dead,
hung or lying implementation ends the property at once, keeping what it found.
"""

from __future__ import annotations

import math
import random
import time
import unittest
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Optional

from hypothesis import HealthCheck, Phase, example, given, reject, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import Flaky, Unsatisfiable

from ..errors import INTERRUPTED, ImplCrashed, ImplHung
from ..spec.protocol import Observation, Op, ProtocolError, Refused
from ..spec.semantics import rules_for
from .attribution import attribute, reached
from .causes import Consequences, ReferenceRun, as_if_without, is_known
from .compare import Comparator
from .executor import Capabilities, Executor
from .minimize import one_minimal
from .property import Property
from .result import (
    CONFORMS,
    CRASHED,
    DEVIATES,
    FLAKY,
    HUNG,
    MINIMAL,
    PROTOCOL_ERROR,
    SHRINK_BUDGET_SPENT,
    UNSUPPORTED,
    Finding,
    Result,
)
from .rootcause import Rooted
from .runner import Deviation, Divergence, ReferenceFailure, Step, Unsupported, explore_scenario
from .scenario import Scenario

SHRINK_SECONDS = 20.0
SOCKET_TYPES = frozenset(("stream", "dgram", "seqpacket"))


@dataclass(frozen=True)
class Progress:
    """What a live progress line shows (cli.py), reported after every scenario."""

    property_id: str
    examples: int
    budget: int
    deviations: int
    elapsed: float


class _Fatal(BaseException):
    """A dead, hung or lying implementation.  A BaseException so that hypothesis
    neither shrinks nor replays it (every further example would fail the same
    way, each costing a restart or a full reply bound); it stops the property."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail = kind, detail


class _Stop(BaseException):
    """Leave hypothesis now (it does not catch a BaseException): the examples or
    the time are spent, or the rest would only be refused."""


class _StopShrinking(BaseException):
    """The shrink budget is spent: report the smallest failing scenario seen."""


@dataclass
class _Hunt:
    known: frozenset[str]
    examples: int = 0
    refused: int = 0
    unsupported: set[str] = field(default_factory=set)
    findings: dict[str, Finding] = field(default_factory=dict)
    seen: Counter[str] = field(default_factory=Counter)  # every signature, scenarios it showed in
    calls: dict[str, set[str]] = field(default_factory=dict)  # every signature, calls it showed through
    kept: dict[str, Scenario] = field(default_factory=dict)  # new signatures met while shrinking another
    # new signatures seen only as consequences of an earlier difference (engine/causes.py)
    consequences: dict[str, Divergence] = field(default_factory=dict)
    met: set[str] = field(default_factory=set)  # every signature met, shrinking included
    sites: set[str] = field(default_factory=set)
    target: Optional[str] = None
    shrink_started: float = 0.0
    smallest: Optional[Divergence] = None
    fatal: Optional[_Fatal] = None
    until: Optional[float] = None  # the run's hard end (--budget): nothing of this hunt goes past it
    cut: set[str] = field(default_factory=set)  # what that end left undone, said in the result
    wanted: frozenset[str] = frozenset()  # the property's catalog rows
    reached: dict[str, str] = field(default_factory=dict)  # row -> the first step that observed it

    def note_reached(self, trace: list[Step], sock_type: str) -> None:
        left = set(self.wanted) - set(self.reached)  # once per scenario: this runs on every example
        for step in trace:
            if not left:
                return
            if step.reference.get("note"):  # the implementation's alone (totals): Linux answered nothing
                continue
            for row in reached(step.op, step.reference, sock_type, frozenset(left)):
                self.reached[row] = f"{sock_type}: {step.op.line(step.index)}  ->  {step.reference.line()}"[:200]
                left.discard(row)

    def out_of_time(self, what: str = "") -> bool:
        """Past ``until``; ``what`` is then what that leaves undone."""
        if self.until is None or time.monotonic() < self.until:
            return False
        self.cut.update(filter(None, [what]))
        return True

    def is_new(self, key: str) -> bool:
        return key not in self.findings and not is_known(key, self.known)

    def known_met(self) -> tuple[str, ...]:
        return tuple(sorted(k for k in self.met if k not in self.findings and is_known(k, self.known)))


def check(
    prop: Property,
    reference: Executor,
    implementation: Executor,
    declared: Capabilities,
    impl_name: str,
    hypothesis_settings: Optional[settings] = None,
    shrink_seconds: float = SHRINK_SECONDS,
    seed: Optional[int] = None,
    known: frozenset[str] = frozenset(),
    seconds: Optional[float] = None,
    max_findings: Optional[int] = None,
    progress: Optional[Callable[[Progress], None]] = None,
    database_key: Optional[bytes] = None,
    until: Optional[float] = None,
) -> Result:
    """Hunt one property (module docstring); the result says which of the five kinds it is.

    ``known``: signatures (as strings) that are not new; ``seconds``: the time
    budget, on top of the examples; ``max_findings``: stop after that many
    (the gallery's single-fault entries need one); ``seed``: replay a run;
    ``database_key``: where the settings' example database keeps this property's
    failing scenarios for this implementation (campaign.py); settings whose phases
    leave out generation only replay that database (no traps, no new examples);
    ``until``: a ``time.monotonic()`` no part of the hunt goes past, shrinking and
    "as if without" included (``--budget``: runs.py); what it cut is the result's
    ``unfinished``.
    """
    started = time.monotonic()
    caps = declared.caps
    base = hypothesis_settings or settings()
    budget = base.max_examples
    end = min(started + seconds if seconds is not None else math.inf, until or math.inf)
    deadline = end if end < math.inf else None
    first_seed = seed if seed is not None else (0 if base.derandomize else random.getrandbits(32))
    hunt = _Hunt(frozenset(known), until=until, wanted=frozenset(prop.catalog))

    def result(kind: str, detail: str = "") -> Result:
        findings = tuple(hunt.findings.values())
        known_met = hunt.known_met()
        if kind == DEVIATES:
            known_seen = len(known_met)
            detail = "; ".join([f.headline for f in findings] + ([f"{known_seen} known"] if known_seen else []))
        return Result(
            prop.id,
            impl_name,
            kind,
            detail,
            findings,
            hunt.examples,
            time.monotonic() - started,
            prop.catalog,
            known_met,
            frozenset(hunt.sites),
            first_seed,
            _consequences(hunt, prop),
            "; ".join(sorted(hunt.cut)),
            tuple(sorted(hunt.reached.items())),
        )

    # Socket types are alternatives: a property over all three still runs on the
    # types an implementation declares, and says which it could not try.
    types_needed = prop.needs & SOCKET_TYPES
    missing = set(declared.lacks(prop.needs - SOCKET_TYPES)) | (types_needed if not types_needed & caps else set())
    if missing:
        return result(UNSUPPORTED, "declares no support for " + ", ".join(sorted(missing)))

    def replay(
        scenario: Scenario, sites: Optional[set[str]] = None, trace: Optional[list[Step]] = None
    ) -> list[Divergence]:
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt
        try:
            found = explore_scenario(scenario, reference, implementation, declared, sites, trace)
        except ImplCrashed as exc:
            raise _Fatal(CRASHED, f"{exc} (in scenario:\n{scenario})") from None
        except ImplHung as exc:
            raise _Fatal(HUNG, f"{exc} (in scenario:\n{scenario})") from None
        except ProtocolError as exc:
            raise _Fatal(PROTOCOL_ERROR, str(exc)) from None
        if INTERRUPTED.is_set():  # a step cut short by the interrupt proves nothing
            raise KeyboardInterrupt
        return found

    def linux_alone(scenario: Scenario) -> list[Observation]:
        """Linux's answers to a scenario, up to its first step that blocks (engine/causes.py)."""
        seen: list[Observation] = []
        for step in scenario.ops():
            if INTERRUPTED.is_set():
                raise KeyboardInterrupt
            try:
                seen.append(reference.execute(step))
            except Refused:
                raise
            except (ImplCrashed, ImplHung, ProtocolError) as exc:  # the oracle itself failed: our bug
                raise ReferenceFailure(f"the reference driver failed alone at {step}: {exc}") from exc
            if seen[-1].status == "blocked":  # what follows would run on a state nobody knows
                break
        return seen

    rooted = Rooted(replay, declared)  # each divergence named by its root (engine/rootcause.py)
    # a later difference an earlier one caused is that one's variant (engine/causes.py)
    caused = Consequences(lambda scenario, trace: replay(scenario, None, trace))

    def explore(scenario: Scenario) -> list[Divergence]:
        # which rows the steps observed, until every row is (not while shrinking: same steps)
        trace: Optional[list[Step]] = [] if hunt.target is None and len(hunt.reached) < len(hunt.wanted) else None
        found = [rooted.root(d) for d in replay(scenario, hunt.sites if hunt.known else None, trace)]
        if trace:
            hunt.note_reached(trace, scenario.sock_type)
        return caused(found, hunt.is_new) if len(found) > 1 else found

    def one_scenario(scenario: Scenario) -> None:
        if hunt.fatal:  # a dead implementation fails every example at once
            raise hunt.fatal
        shrinking = hunt.target is not None
        if shrinking and (
            time.monotonic() - hunt.shrink_started > shrink_seconds or hunt.out_of_time("shrinking cut short")
        ):
            raise _StopShrinking
        if not shrinking and (hunt.examples >= budget or (deadline and time.monotonic() > deadline)):
            raise _Stop
        if scenario.sock_type in SOCKET_TYPES - caps:
            hunt.unsupported.add(f"{scenario.sock_type} pairs (not declared)")
            reject()
        if not shrinking:
            hunt.examples += 1
        try:
            found = explore(scenario)
        except Unsupported as exc:
            hunt.unsupported.add(str(exc).split(":")[0])
            hunt.refused += 1
            if hunt.refused > budget and not shrinking:
                raise _Stop from None
            reject()
        except _Fatal as exc:
            hunt.fatal = exc
            raise
        if progress and not shrinking:
            elapsed = time.monotonic() - started
            progress(Progress(prop.id, hunt.examples, budget, len(hunt.findings), elapsed))
        keys = list(dict.fromkeys(str(d.signature) for d in found))
        hunt.met.update(keys)
        for d in found:
            hunt.calls.setdefault(str(d.signature), set()).add(d.call)
        if not shrinking:
            hunt.seen.update(keys)
        for d in found:
            if d.cause and hunt.is_new(str(d.signature)):
                hunt.consequences.setdefault(str(d.signature), d)
        new = [d for d in found if hunt.is_new(str(d.signature)) and not d.cause]
        if not new:
            return
        if not shrinking:
            hunt.target, hunt.shrink_started = str(new[0].signature), time.monotonic()
        hit = next((d for d in new if str(d.signature) == hunt.target), None)
        for other in new:
            if other is not hit:
                hunt.kept.setdefault(str(other.signature), other.scenario)
        if hit is None:
            return
        if hunt.smallest is None or hit.scenario.size < hunt.smallest.scenario.size:
            hunt.smallest = hit
        raise Deviation(hit)

    one_scenario.__name__ = f"hunt_{prop.id.replace('.', '_')}"
    traps = list(prop.traps) if Phase.generate in base.phases else []  # a replay runs the database only
    for round_number in range(10_000):
        # the traps in every round: a round ends at its first new deviation, perhaps in a
        # trap, and the traps after it must still run (a tenth of a second per round)
        explicit = list(traps)
        if hunt.kept and hunt.out_of_time(f"{len(hunt.kept)} deviations met while shrinking not followed up"):
            break
        if hunt.kept:  # a signature met while shrinking another: start from its scenario
            explicit.insert(0, hunt.kept.pop(next(iter(hunt.kept))))
        elif round_number and (hunt.examples >= budget or (deadline and time.monotonic() > deadline)):
            break
        hunt.target, hunt.smallest = None, None
        ending = _round(prop, one_scenario, base, explicit, first_seed + round_number, database_key)
        if isinstance(ending, _Fatal):
            hunt.fatal = ending
            if hunt.target is not None and hunt.smallest is not None:  # keep what it was shrinking
                _record(hunt, prop, explore, "stopped-shrinking", shrink_seconds, linux_alone, declared)
            break
        if hunt.target is None or hunt.smallest is None:
            if ending == "unsatisfiable" and not hunt.findings:
                return result(UNSUPPORTED, "unsupported: " + ", ".join(sorted(hunt.unsupported)))
            if not hunt.kept:
                break
            continue
        _record(hunt, prop, explore, ending, shrink_seconds, linux_alone, declared)
        if hunt.out_of_time():  # no new round: its traps alone would go past it
            break
        if max_findings is not None and len(hunt.findings) >= max_findings:
            break
    if hunt.fatal:
        return result(hunt.fatal.kind, hunt.fatal.detail)
    if hunt.findings or hunt.known_met():
        return result(DEVIATES)
    if hunt.unsupported:
        return result(UNSUPPORTED, "conforms where supported; unsupported: " + ", ".join(sorted(hunt.unsupported)))
    return result(CONFORMS)


def _round(
    prop: Property,
    one_scenario: Callable[[Scenario], None],
    base: settings,
    explicit: list[Scenario],
    round_seed: int,
    database_key: Optional[bytes] = None,
) -> object:
    """One hypothesis run; how it ended: a :class:`_Fatal`, ``"shrunk"``,
    ``"stopped-shrinking"``, ``"flaky"``, ``"unsatisfiable"`` or ``"done"``."""
    run_settings = settings(base, report_multiple_bugs=False, suppress_health_check=list(HealthCheck), deadline=None)
    if explicit and Phase.explicit not in run_settings.phases:
        run_settings = settings(run_settings, phases=[Phase.explicit, *run_settings.phases])
    run = given(prop.scenarios)(one_scenario)
    for scenario in reversed(explicit):  # explicit examples run first, in the order listed
        run = example(scenario)(run)
    run = settings(run_settings)(hypothesis_seed(round_seed)(run))
    inner = getattr(getattr(run, "hypothesis", None), "inner_test", None)
    if inner is not None:  # each property its own key in an example database
        inner._hypothesis_internal_add_digest = prop.id.encode()
    if database_key is not None:  # per property and implementation, shared with HypoFuzz (campaign.py)
        run._hypothesis_internal_database_key = database_key  # type: ignore[attr-defined]
    try:
        run()
    except Deviation:
        return "shrunk"
    except _StopShrinking:
        return "stopped-shrinking"
    except _Fatal as exc:
        return exc
    except Flaky:
        return "flaky"
    except Unsatisfiable:
        return "unsatisfiable"
    except _Stop:
        pass
    except unittest.SkipTest:  # replaying a database that holds nothing for this key: no test case ran
        pass
    return "done"


def _record(
    hunt: _Hunt,
    prop: Property,
    explore: Callable[[Scenario], list[Divergence]],
    ending: object,
    shrink_seconds: float,
    linux_alone: ReferenceRun,
    declared: Capabilities,
) -> None:
    """Make the round's smallest scenario 1-minimal and keep it as a finding, with what the
    implementation behaved as if it had not been given (engine/causes.py)."""
    assert hunt.target is not None and hunt.smallest is not None
    target, smallest = hunt.target, hunt.smallest
    shrink = MINIMAL
    if ending == "stopped-shrinking":
        shrink = f"{SHRINK_BUDGET_SPENT} ({shrink_seconds:g} s) at {len(smallest.scenario.steps)} steps"
    else:
        try:
            end = min(time.monotonic() + shrink_seconds, hunt.until or math.inf)
            smaller, complete = one_minimal(smallest, target, explore, end)
        except _Fatal as exc:  # the implementation died while minimising: that too is reported
            hunt.fatal = exc
            smaller, complete = smallest, False
        smallest = smaller
        if not complete:
            shrink = f"{SHRINK_BUDGET_SPENT} ({shrink_seconds:g} s) at {len(smallest.scenario.steps)} steps"
    last = smallest.steps[-1]
    row = attribute(last.op, last.reference, last.implementation, smallest.scenario.sock_type, prop.catalog)
    calls = tuple(sorted(hunt.calls.get(target, {smallest.call})))
    scenario = smallest.scenario
    pep446, cloexec = "pep446" in declared.caps, "cloexec" in scenario.pair.get("flags")

    def agree(step: Op, linux: Observation, impl: Observation) -> bool:
        # a fresh comparison of the one step: the implementation's waivers hold (PEP 446)
        return Comparator(rules_for(scenario.sock_type), pep446, cloexec).difference(step, linux, impl) is None

    ignored = "" if hunt.out_of_time("as-if-without not tried") else as_if_without(smallest, linux_alone, agree)
    finding = Finding(smallest.signature, smallest, row, max(hunt.seen[target], 1), shrink, calls=calls)
    finding = replace(finding, as_if_without=ignored)
    hunt.findings[target] = finding.with_status(FLAKY) if ending == "flaky" else finding


def _consequences(hunt: _Hunt, prop: Property) -> tuple[Finding, ...]:
    """The differences seen only as consequences of an earlier one, never on their own:
    each a variant of its cause's finding (engine/causes.py), with the scenario it showed in."""
    out = []
    for key, d in hunt.consequences.items():
        if key in hunt.findings or is_known(key, hunt.known):
            continue
        last = d.steps[-1]
        row = attribute(last.op, last.reference, last.implementation, d.scenario.sock_type, prop.catalog)
        shrink = f"a consequence of `{d.cause}` (not shrunk)"
        out.append(Finding(d.signature, d, row, hunt.seen[key], shrink, calls=tuple(sorted(hunt.calls.get(key, ())))))
    return tuple(out)
