"""Run one scenario in lockstep on the reference and on the implementation.

Both sides execute the same operations; an observation that differs (as far as
Linux promises, engine/compare.py) is a *divergence*, named by its signature
(engine/signature.py).  The hunt (engine/hunt.py) generates the scenarios and
keeps each distinct divergence once.  An implementation that refuses a feature
raises :class:`Unsupported`; the reference failing is :class:`ReferenceFailure`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from ..errors import ImplCrashed, ImplHung, SuiteBug, heartbeat
from ..ops.base import operation as verb_of
from ..spec.protocol import Observation, Op, ProtocolError
from ..spec.semantics import rules_for
from .compare import Comparator
from .executor import Capabilities, Executor
from .scenario import Scenario
from .signature import Signature, signature, totals_signature, totals_site
from .signature import sites as sites_at


@dataclass(frozen=True)
class Step:
    index: int
    op: Op
    reference: Observation
    implementation: Observation


@dataclass(frozen=True)
class Divergence:
    """One difference in one scenario: the steps up to it, why they differ, and its
    signature (engine/signature.py).  ``neutral``: both sides were left in the same
    state, and the scenario went on past it."""

    scenario: Scenario
    steps: tuple[Step, ...]
    reason: str
    signature: Signature
    neutral: bool = False
    culprit_call: str = ""  # the call of the step it is named by, when that is an earlier one (rootcause.py)
    culprit_step: int = 0  # that step's index in scenario.ops() (1-based; 0: the divergence's own step)
    # the signature of an earlier difference in the same scenario this one is a consequence of
    # (engine/causes.py): reported as a variant of that one's finding, never a finding of its own
    cause: str = ""

    @property
    def call(self) -> str:
        """The method or system call the deviation showed through (``recv_into``, ``readv``)."""
        last = self.steps[-1].op
        return self.culprit_call or verb_of(last.verb).call(last)

    def __str__(self) -> str:
        lines = [f"Scenario ({self.scenario.sock_type}), difference at step {self.steps[-1].index}: {self.reason}"]
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


class ReferenceFailure(SuiteBug):
    """The reference driver, not the implementation, misbehaved: the suite asked it for
    what it cannot do, or it broke.  Either way the suite's problem (exit 3), never a
    failing example for hypothesis to shrink, never the implementation's deviation."""


class Unsupported(Exception):
    """The implementation refused a feature Linux offers (e.g. a socket type)."""


def adapted(scenario: Scenario, declared: Capabilities) -> Scenario:
    """The scenario as this implementation makes it: each step through the views it
    declared (ops/views.py), on both sides, so the comparison stays exact."""
    steps = tuple(verb_of(step.verb).adapt(step, declared) for step in scenario.steps)
    return scenario if steps == scenario.steps else replace(scenario, steps=steps)


def explore_scenario(
    scenario: Scenario,
    reference: Executor,
    implementation: Executor,
    declared: Capabilities,
    sites: Optional[set[str]] = None,
    trace: Optional[list[Step]] = None,
) -> list[Divergence]:
    """Run a scenario in lockstep and return every difference, in order.

    A difference that left both sides in the same state (the step's operation
    says so: ``Operation.neutral``) is recorded and the comparison goes on; the
    first one that did not ends the scenario, since what follows would compare
    two different states.  ``sites`` collects what Linux answered where
    (engine/signature.py: sites).  ``trace`` collects every step, agreeing or not
    (engine/causes.py compares what Linux answered with and without an earlier step).
    """
    scenario = adapted(scenario, declared)
    for step in (scenario.pair, *scenario.steps):  # what it did not declare is unsupported, before anything runs
        lacking = declared.lacks(verb_of(step.verb).needs(step) | {step.verb})
        if lacking:
            raise Unsupported(f"{', '.join(lacking)} (not declared): {step}")
    sock_type = scenario.sock_type
    comparator = Comparator(rules_for(sock_type), "pep446" in declared.caps, "cloexec" in scenario.pair.get("flags"))
    steps: list[Step] = trace if trace is not None else []
    found: list[Divergence] = []

    def impl_only(operation: Op, note: str) -> Observation:
        got = implementation.execute(operation)
        steps.append(Step(len(steps) + 1, operation, Observation("ok", (("note", note),)), got))
        return got

    def finish(blocked: bool) -> list[Divergence]:
        reason = comparator.finish(blocked, impl_only)
        if sites is not None and sock_type == "stream":
            sites.add(totals_site(sock_type))
        if reason:
            found.append(Divergence(scenario, tuple(steps), reason, totals_signature(reason, sock_type)))
        return found

    for index, operation in enumerate(scenario.ops(), 1):
        heartbeat()  # back in the suite between steps: a supervisor (runs.py) sees this one is alive
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
        if sites is not None:
            sites |= sites_at(operation, ref, sock_type)
        reason = comparator.difference(operation, ref, iut)
        if reason:
            neutral = verb_of(operation.verb).neutral(operation, ref, iut) and not creating
            found.append(Divergence(scenario, tuple(steps), reason, signature(operation, ref, iut, sock_type), neutral))
            if not neutral:
                return found
        unknown = verb_of(operation.verb).leaves_pair_unknown(comparator.context, operation, ref)
        if ref.status == "blocked" or (creating and ref.status != "ok") or unknown:
            # the pair's state is no longer known (or there is no pair): the scenario ends here
            return finish(True)
    return finish(False)


def run_scenario(
    scenario: Scenario, reference: Executor, implementation: Executor, declared: Capabilities
) -> Optional[Divergence]:
    """The first difference of a scenario, if any (explore_scenario finds them all)."""
    found = explore_scenario(scenario, reference, implementation, declared)
    return found[0] if found else None
