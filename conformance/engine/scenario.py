"""Scenarios as values, and the combinators that build their strategies.

A :class:`Scenario` is data (a pair to create and a list of steps), so it can
be shrunk by hypothesis, sent to any driver, printed as a numbered list and
turned into a standalone reproducer.  The steps' strategies come from the
operations (ops/); properties compose them with :func:`scenarios` and
:func:`phased_scenarios`, per socket type, reading the semantics table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

from hypothesis import strategies as st

from ..ops.obj import OBJECTS
from ..ops.pair import FLAG_CHOICES, pairs
from ..ops.reset import RESET
from ..spec.protocol import Op, op
from ..spec.semantics import SEMANTICS, TYPES, TypeRules


@dataclass(frozen=True)
class Scenario:
    """A pair, the steps on it, and the setup objects it starts with (ops/obj.py): all of
    them while generating; a minimal scenario keeps only those it uses (engine/minimize.py)."""

    pair: Op
    steps: tuple[Op, ...]
    objects: tuple[Op, ...] = OBJECTS

    @property
    def sock_type(self) -> str:
        return self.pair.get("type", "stream")

    def ops(self) -> Iterator[Op]:
        yield RESET
        yield from self.objects
        yield self.pair
        yield from self.steps

    @property
    def size(self) -> tuple[int, int]:
        """Steps, then characters: what "smallest" means between two scenarios."""
        ops = list(self.ops())
        return len(ops), sum(len(o.line(0)) for o in ops)

    def __str__(self) -> str:
        return "\n".join(f"{i:3}. {step}" for i, step in enumerate(self.ops(), 1))

    def __repr__(self) -> str:  # hypothesis prints this; the full list is in the divergence
        return f"Scenario({self.pair}; {len(self.steps)} steps)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """What hypothesis's pretty-printer shows of an example: it would otherwise print a
        dataclass field by field (hundreds of kB for a large payload, on every explicit example)."""
        printer.text(repr(self))


def trap(sock_type: str, flags: str, *steps: Op) -> Scenario:
    """An explicit scenario on an AF_UNIX pair of ``sock_type`` (engine/property.py: traps)."""
    return Scenario(op("pair", family="unix", type=sock_type, flags=flags, proto=0), steps)


# A step maker may return single steps or short runs of steps that belong
# together (a send and the receive that collects it), flattened into the list.
StepMaker = Callable[[TypeRules], st.SearchStrategy[Union[Op, tuple[Op, ...]]]]


def _flatten(steps: Sequence[Union[Op, tuple[Op, ...]]]) -> tuple[Op, ...]:
    return tuple(one for step in steps for one in ((step,) if isinstance(step, Op) else step))


def scenarios(
    step_kinds: Mapping[str, StepMaker],
    types: Sequence[str] = TYPES,
    max_steps: int = 12,
    flags: Sequence[str] = FLAG_CHOICES,
) -> st.SearchStrategy[Scenario]:
    """Scenarios whose steps are drawn from ``step_kinds``: a name -> function(rules) -> strategy."""

    def for_type(sock_type: str) -> st.SearchStrategy[Scenario]:
        rules = SEMANTICS[sock_type]
        choices = [make(rules) for make in step_kinds.values()]
        return st.builds(
            Scenario, pairs([sock_type], flags), st.lists(st.one_of(*choices), max_size=max_steps).map(_flatten)
        )

    return _by_type(types, for_type)


def phased_scenarios(
    phases: Sequence[tuple[Mapping[str, StepMaker], int, int]],  # step kinds, min and max steps
    types: Sequence[str] = TYPES,
    flags: Sequence[str] = FLAG_CHOICES,
) -> st.SearchStrategy[Scenario]:
    """Scenarios built in phases (e.g. traffic, then the event under test, then what follows),
    so the interesting orderings are common instead of rare."""

    def for_type(sock_type: str) -> st.SearchStrategy[Scenario]:
        rules = SEMANTICS[sock_type]
        parts = [
            st.lists(st.one_of(*[make(rules) for make in kinds.values()]), min_size=lo, max_size=hi)
            for kinds, lo, hi in phases
        ]
        steps = st.tuples(*parts).map(lambda groups: _flatten([step for group in groups for step in group]))
        return st.builds(Scenario, pairs([sock_type], flags), steps)

    return _by_type(types, for_type)


def _by_type(
    types: Sequence[str], for_type: Callable[[str], st.SearchStrategy[Scenario]]
) -> st.SearchStrategy[Scenario]:
    """One strategy per socket type, built once: hypothesis validates a strategy the first
    time it is drawn from, and a tree rebuilt for every example cost most of the run."""
    built = {sock_type: for_type(sock_type) for sock_type in dict.fromkeys(types)}
    return st.sampled_from(list(types)).flatmap(built.__getitem__)
