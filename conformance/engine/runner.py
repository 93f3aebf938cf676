"""Run properties against an implementation, in lockstep with the reference.

For each generated scenario both sides execute the same operations; the first
observation that differs (as far as Linux promises, see engine/compare.py) is a
*deviation* and hypothesis shrinks the scenario to a minimal one.  Failures of
the implementation itself are kept apart as *crashed*, *hung* and
*protocol-error*; features it refuses are *unsupported*, never counted as
conformance.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Optional

from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import Flaky, Unsatisfiable

from ..errors import INTERRUPTED, ImplCrashed, ImplHung
from ..ops.base import operation as verb_of
from ..spec.protocol import Observation, Op, ProtocolError
from ..spec.semantics import rules_for
from .attribution import attribute
from .compare import Comparator
from .executor import Capabilities, Executor
from .property import Property
from .scenario import Scenario

CONFORMS, DEVIATES, UNSUPPORTED, CRASHED, HUNG, PROTOCOL_ERROR = (
    "conforms",
    "deviates",
    "unsupported",
    "crashed",
    "hung",
    "protocol-error",
)
KINDS = (CONFORMS, DEVIATES, UNSUPPORTED, CRASHED, HUNG, PROTOCOL_ERROR)


@dataclass(frozen=True)
class Step:
    index: int
    op: Op
    reference: Observation
    implementation: Observation


@dataclass(frozen=True)
class Divergence:
    scenario: Scenario
    steps: tuple[Step, ...]
    reason: str

    def __str__(self) -> str:
        lines = [
            f"Scenario ({self.scenario.sock_type}), first difference at step {self.steps[-1].index}: {self.reason}"
        ]
        for step in self.steps:
            if step is self.steps[-1] or step.reference != step.implementation:
                lines += [
                    f"{step.index:3}. {step.op}",
                    f"       linux: {step.reference}",
                    f"        impl: {step.implementation}",
                ]
            else:
                lines.append(f"{step.index:3}. {step.op}  ->  {step.reference}")
        return "\n".join(lines)


class Deviation(AssertionError):
    def __init__(self, divergence: Divergence):
        super().__init__(str(divergence))
        self.divergence = divergence


class ReferenceFailure(RuntimeError):
    """The reference driver, not the implementation, misbehaved."""


class Unsupported(Exception):
    """The implementation refused a feature Linux offers (e.g. a socket type)."""


def adapted(scenario: Scenario, declared: Capabilities) -> Scenario:
    """The scenario as this implementation makes it: each step through the views it
    declared (ops/views.py), on both sides, so the comparison stays exact."""
    steps = tuple(verb_of(step.verb).adapt(step, declared) for step in scenario.steps)
    return scenario if steps == scenario.steps else Scenario(scenario.pair, steps)


def run_scenario(
    scenario: Scenario, reference: Executor, implementation: Executor, declared: Capabilities
) -> Optional[Divergence]:
    scenario = adapted(scenario, declared)
    caps = declared.caps
    comparator = Comparator(rules_for(scenario.sock_type), "pep446" in caps, "cloexec" in scenario.pair.get("flags"))
    steps: list[Step] = []

    def impl_only(operation: Op, note: str) -> Observation:
        got = implementation.execute(operation)
        steps.append(Step(len(steps) + 1, operation, Observation("ok", (("note", note),)), got))
        return got

    for index, operation in enumerate(scenario.ops(), 1):
        try:
            ref = reference.execute(operation)
        except (ImplCrashed, ImplHung, ProtocolError) as exc:  # the oracle itself failed: our bug
            raise ReferenceFailure(f"the reference driver failed at step {index} ({operation}): {exc}") from exc
        iut = implementation.execute(operation, ref)
        if iut.status == "unsupported":  # refused explicitly (NotImplementedError)
            raise Unsupported(f"{iut.get('why')}: {operation.verb}")
        steps.append(Step(index, operation, ref, iut))
        creating = operation is scenario.pair
        if creating and ref.status == "ok" and iut.status != "ok":
            raise Unsupported(
                f"{scenario.pair.get('type')} pairs (flags {scenario.pair.get('flags') or 'none'}): {iut}"
            )
        reason = comparator.difference(operation, ref, iut)
        if reason:
            return Divergence(scenario, tuple(steps), reason)
        if ref.status == "blocked" or (creating and ref.status != "ok"):
            # the pair's state is no longer known (or there is no pair): the scenario ends here
            reason = comparator.finish(True, impl_only)
            return Divergence(scenario, tuple(steps), reason) if reason else None
    reason = comparator.finish(False, impl_only)
    return Divergence(scenario, tuple(steps), reason) if reason else None


@dataclass(frozen=True)
class Result:
    property_id: str
    impl: str
    kind: str
    detail: str = ""
    divergence: Optional[Divergence] = None
    examples: int = 0
    seconds: float = 0.0
    catalog: tuple[str, ...] = ()
    behaviour: str = ""  # for a deviation: the catalog row it breaks (engine/attribution.py)

    @property
    def id(self) -> str:
        """Stable id of a deviation, as expectation files name it: PROPERTY:ROW."""
        return f"{self.property_id}:{self.behaviour}" if self.behaviour else self.property_id


class _Fatal(BaseException):
    """A dead, hung or lying implementation.  A BaseException so that hypothesis
    neither shrinks nor replays it (every further example would fail the same
    way, each costing a restart or a full reply bound); it stops the run."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail = kind, detail


@dataclass
class _State:
    examples: int = 0
    failed_at: Optional[float] = None
    unsupported: set[str] = field(default_factory=set)
    refused: int = 0  # scenarios the implementation refused (NotImplementedError, a pair type)
    fatal: Optional[_Fatal] = None
    first_deviation: Optional[Divergence] = None
    smallest: Optional[Divergence] = None


class _MostlyRefused(BaseException):
    """More scenarios were refused than the property's budget of examples: what it
    supports has been tried; going on would only generate more refusals."""


class _StopShrinking(BaseException):
    """The shrink budget is spent: stop hypothesis (a BaseException, which it
    does not catch) and report the smallest failing scenario seen."""


def _size(divergence: Divergence) -> tuple[int, int]:
    ops = list(divergence.scenario.ops())
    return len(ops), sum(len(o.line(0)) for o in ops)


SHRINK_SECONDS = 20.0
SOCKET_TYPES = frozenset(("stream", "dgram", "seqpacket"))


def check(
    prop: Property,
    reference: Executor,
    implementation: Executor,
    declared: Capabilities,
    impl_name: str,
    hypothesis_settings: Optional[settings] = None,
    shrink_seconds: float = SHRINK_SECONDS,
    seed: Optional[int] = None,
) -> Result:
    """Run one property; the result says which of the five kinds it is.

    Shrinking is bounded by ``shrink_seconds`` after the first deviation: a
    scenario whose steps block costs the whole bound each time it is tried,
    and hypothesis would otherwise spend minutes.  Past the budget the run
    stops and the smallest failing scenario executed so far is reported
    (older hypothesis versions otherwise kept proposing candidates for minutes).
    """
    started = time.monotonic()
    caps = declared.caps

    def result(kind: str, detail: str = "", divergence: Optional[Divergence] = None) -> Result:
        behaviour = ""
        if divergence is not None:
            last = divergence.steps[-1]
            behaviour = attribute(
                last.op, last.reference, last.implementation, divergence.scenario.sock_type, prop.catalog
            )
            if kind == DEVIATES:  # the headline names the call that differed (recvfrom_into, readv, ...)
                detail = f"{verb_of(last.op.verb).call(last.op)}: {detail}"
        return Result(
            prop.id,
            impl_name,
            kind,
            detail,
            divergence,
            state.examples,
            time.monotonic() - started,
            prop.catalog,
            behaviour,
        )

    state = _State()
    # Socket types are alternatives: a property over all three still runs on the
    # types an implementation declares, and says which it could not try.
    types_needed = prop.needs & SOCKET_TYPES
    missing = (prop.needs - SOCKET_TYPES - caps) | (types_needed if not types_needed & caps else frozenset())
    if missing:
        return result(UNSUPPORTED, "declares no support for " + ", ".join(sorted(missing)))
    base = hypothesis_settings or settings()

    @settings(base, report_multiple_bugs=False, suppress_health_check=list(HealthCheck), deadline=None)
    @given(prop.scenarios)
    def run(scenario: Scenario) -> None:
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt
        if state.fatal:  # a dead implementation fails every example at once
            raise state.fatal
        if state.failed_at is not None and time.monotonic() - state.failed_at > shrink_seconds:
            raise _StopShrinking  # keep the smallest failure found so far
        if scenario.sock_type in SOCKET_TYPES - caps:
            state.unsupported.add(f"{scenario.sock_type} pairs (not declared)")
            reject()
        state.examples += 1
        try:
            divergence = run_scenario(scenario, reference, implementation, declared)
            if INTERRUPTED.is_set():  # a step cut short by the interrupt proves nothing
                raise KeyboardInterrupt
        except Unsupported as exc:
            state.unsupported.add(str(exc).split(":")[0])
            state.refused += 1
            if state.refused > base.max_examples and state.failed_at is None:  # never while shrinking
                raise _MostlyRefused from None
            reject()
        except ImplCrashed as exc:
            state.fatal = _Fatal(CRASHED, f"{exc} (in scenario:\n{scenario})")
        except ImplHung as exc:
            state.fatal = _Fatal(HUNG, f"{exc} (in scenario:\n{scenario})")
        except ProtocolError as exc:
            state.fatal = _Fatal(PROTOCOL_ERROR, str(exc))
        else:
            if divergence:
                state.first_deviation = state.first_deviation or divergence
                if state.smallest is None or _size(divergence) < _size(state.smallest):
                    state.smallest = divergence
                state.failed_at = state.failed_at or time.monotonic()
                raise Deviation(divergence)
            return
        raise state.fatal

    try:
        for trap in reversed(prop.traps):  # explicit examples run first, in the order listed
            run = example(trap)(run)
        (run if seed is None else hypothesis_seed(seed)(run))()
    except Deviation as exc:
        return result(DEVIATES, exc.divergence.reason, exc.divergence)
    except _StopShrinking:
        assert state.smallest is not None
        return result(DEVIATES, state.smallest.reason, state.smallest)
    except _Fatal as exc:
        return result(exc.kind, exc.detail)
    except Flaky:
        first = state.first_deviation
        return result(DEVIATES, f"not reproducible on replay (flaky): {first.reason if first else ''}", first)
    except Unsatisfiable:
        return result(UNSUPPORTED, "unsupported: " + ", ".join(sorted(state.unsupported)))
    except _MostlyRefused:
        pass  # reported below, as a run that ended would be
    if state.unsupported:
        return result(UNSUPPORTED, "conforms where supported; unsupported: " + ", ".join(sorted(state.unsupported)))
    return result(CONFORMS)
