"""Make a deviation's scenario 1-minimal: dropping any one step or setup line loses it.

Hypothesis shrinks a scenario toward simpler *draws*; what a reader needs is a
scenario where every line matters.  This pass tries the scenario without each
step in turn, and without each of the setup objects every scenario starts
with (ops/obj.py), keeping any removal after which the same signature still
shows, until no single removal does.  Bounded by a deadline: past it the
result says the budget ran out (and the scenario is as small as it got).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

from ..spec.protocol import Op
from .runner import Divergence, Unsupported
from .scenario import Scenario


def used_names(steps: tuple[Op, ...]) -> set[str]:
    """The setup objects the steps name (``anc=rights:f,p.r`` names ``f`` and ``p``)."""
    return {word.split(".")[0] for step in steps for _, value in step.args for word in re.split("[,;:]", value)}


def smaller(scenario: Scenario) -> Iterator[Scenario]:
    """The scenario without one step, then without one setup object no step names: later
    ones first, since a late step more often only follows the one that matters."""
    for i in reversed(range(len(scenario.steps))):
        yield replace(scenario, steps=scenario.steps[:i] + scenario.steps[i + 1 :])
    used = used_names(scenario.steps)
    for i in reversed(range(len(scenario.objects))):
        if scenario.objects[i].get("name") not in used:
            yield replace(scenario, objects=scenario.objects[:i] + scenario.objects[i + 1 :])


def one_minimal(
    divergence: Divergence,
    target: str,
    explore: Callable[[Scenario], list[Divergence]],
    deadline: float,
) -> tuple[Divergence, bool]:
    """The smallest divergence with signature ``target`` found by single removals, and
    whether it is 1-minimal (False: the deadline came first)."""
    current = divergence
    while True:
        for candidate in smaller(current.scenario):
            if time.monotonic() > deadline:
                return current, False
            try:
                hit = next((d for d in explore(candidate) if str(d.signature) == target), None)
            except Unsupported:
                hit = None
            if hit is not None:
                current = hit
                break
        else:
            return current, True
