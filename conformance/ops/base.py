"""An operation is one verb of docs/protocol.md, defined in one module.

Theory of operation
-------------------
A scenario is a list of :class:`~conformance.spec.protocol.Op` values.  Every
layer above this one handles an op only through the :class:`Operation`
registered for its verb, which says everything about it:

- how its arguments are generated (``strategy``; modules also export the
  richer strategy functions the properties compose);
- how the in-process Python executor performs it (``run_python``, given the
  executor as a :class:`PythonSide`);
- how Linux's observation and the implementation's are compared (``compare``,
  exact unless the operation says otherwise) and what is checked when the
  scenario ends (``finish``);
- which catalog rows a difference at this step breaks (``attribution``);
- the lines it contributes to the standalone C and Python reproducers
  (``c_lines``, ``py_lines``).

The engine, the executors, the comparator, the attribution and both
reproducer writers iterate over the registry and know no verb by name.  The C
half of each verb is one function in ``reference_c/op_*.c``, listed in the
table of ``reference_c/verbs.c``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Protocol, TypeVar

from hypothesis import strategies as st

from ..spec.protocol import Capabilities, Observation, Op, ProtocolError
from ..spec.semantics import TypeRules
from .fdident import Objects

# -- generating arguments ----------------------------------------------------

T = TypeVar("T")
ENDS = st.sampled_from([0, 1])


def weighted(*choices: tuple[int, st.SearchStrategy[T]]) -> st.SearchStrategy[T]:
    """Pick a strategy with the given relative weights.

    ``st.one_of(a, a, b)`` does *not* make ``a`` twice as likely: hypothesis
    drops repeated strategy objects, so weights have to be explicit."""
    indexes = [i for i, (weight, _) in enumerate(choices) for _ in range(weight)]
    return st.sampled_from(indexes).flatmap(lambda i: choices[i][1])


def flag_sets(names: Sequence[str], usually: str = "") -> st.SearchStrategy[str]:
    """Up to three of ``names``; ``usually`` is added four times in five.

    Receives usually carry MSG_DONTWAIT: a step that blocks ends its scenario
    (the pair's state is unknown afterwards), so blocking is worth trying but
    must not cut most scenarios short."""
    chosen = st.lists(st.sampled_from(list(names)), unique=True, max_size=3) if names else st.just([])
    if not usually:
        return chosen.map(",".join)
    extra = st.sampled_from([True, True, True, True, False])
    return st.builds(lambda fs, add: ",".join(dict.fromkeys([*fs, usually] if add else fs)), chosen, extra)


# -- what an operation may use ------------------------------------------------


class PythonSide(Protocol):
    """The in-process executor as an operation sees it (impl/pyexec.py)."""

    factory: Callable[[int, int, int], tuple[Any, Any]]
    ends: list[Optional[Any]]
    objects: Objects
    stream: bool
    pid: int  # "self" in credentials, also inside a forked child receiver
    ppid: int  # "parent" in credentials: the executor's parent, a live process not this one
    concurrency: Any  # ops.duplex.Concurrency

    def end(self, op: Op) -> Any: ...

    def bounded(self, call: Callable[[], Observation]) -> Observation: ...

    def wake(self) -> None: ...

    def reset(self) -> None: ...

    def execute(self, op: Op, reference: Optional[Observation] = None, keep_bound: bool = False) -> Observation: ...


@dataclass
class Context:
    """One scenario's comparison: the pair type's rules and what operations keep between steps.

    ``waive_end_cloexec``: the implementation declared Python's rule that every
    new descriptor is close-on-exec (PEP 446), so FD_CLOEXEC on the pair's
    ends is compared only when the pair was asked for SOCK_CLOEXEC."""

    rules: TypeRules
    waive_end_cloexec: bool = False
    state: dict[str, Any] = field(default_factory=dict)


ImplOnly = Callable[[Op, str], Observation]
"""Run an op on the implementation alone (Linux's side is a note saying why)."""


@dataclass(frozen=True)
class Where:
    """The diverging step, as attribution rules see it."""

    op: Op
    ref: Observation
    iut: Observation
    sock_type: str
    field: str  # the first differing field: status, errno, ret, data, anc, msg_flags, value, ... or "totals"
    # what Linux delivered before the view narrowed it (recv_fds returns SCM_RIGHTS only, so
    # a pidfd it dropped and leaked is visible here and not in ref)
    linux_anc: str = ""

    def has_flag(self, flag: str) -> bool:
        return flag in self.op.get("flags").split(",")

    @property
    def stream(self) -> bool:
        return self.sock_type == "stream"

    @property
    def errnos(self) -> set[str]:
        return {self.ref.get("errno"), self.iut.get("errno")} - {""}


Rule = tuple[str, Callable[[Where], bool]]


def always(where: Where) -> bool:
    return True


def describe(ref: Observation, iut: Observation) -> str:
    """Why two observations differ, naming the fields."""
    if ref.status != iut.status:
        return f"{ref.status} vs {iut.status}"
    diffs = [k for k, _ in ref.fields if ref.get(k) != iut.get(k)] + [
        k for k, _ in iut.fields if not any(k == r for r, _ in ref.fields)
    ]
    return "differs in " + ", ".join(dict.fromkeys(diffs)) if diffs else "differs"


class Operation:
    """One verb.  Subclasses set ``verb``, ``rows`` and ``attribution`` and
    implement the facets; the defaults are exact comparison and nothing to finish."""

    verb: str = ""
    setup: bool = False  # sets the scene (reset, obj): observes nothing of the implementation
    rows: tuple[str, ...] = ()  # the catalog rows a difference at this verb can break
    attribution: tuple[Rule, ...] = ()  # most specific first (engine/attribution.py)

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        raise NotImplementedError(f"{self.verb}: no strategy")

    def adapt(self, op: Op, declared: Capabilities) -> Op:
        """The step as this implementation makes it, given what it declared (ops/views.py)."""
        return op

    def needs(self, op: Op) -> frozenset[str]:
        """The capabilities this step needs beyond its verb (docs/protocol.md: what
        protocol version 2 added to a version-1 verb, an option or an argument)."""
        return frozenset()

    def call(self, op: Op) -> str:
        """The call a step makes, as a report names it (``recvfrom_into``, ``readv``, ...)."""
        return self.verb

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        raise NotImplementedError(f"{self.verb}: no Python execution")

    def start_python(self, ex: PythonSide) -> None:
        """When an in-process session starts (a verb that needs process-wide set-up)."""

    def stop_python(self, ex: PythonSide) -> None:
        """When it ends: undo what ``start_python`` did."""

    def reset_python(self, ex: PythonSide) -> None:
        """After the executor's reset (between scenarios)."""

    def observed(self, op: Op, obs: Observation, stream: bool) -> Observation:
        """What the step's call can see of an observation (all of it, unless the
        operation says otherwise): comparison and attribution look at this."""
        return obs

    def salient(self, op: Op, field: str) -> str:
        """The step's arguments that change what ``field`` means, for a deviation's
        signature (engine/signature.py): ``size=0``, ``rights empty``, ``how=wr`` ...
        As few as tell two bugs apart: every argument named splits one bug into more."""
        return ""

    def site_type(self, op: Op, sock_type: str) -> str:
        """The socket type a signature names: the pair's, unless this step's outcome on
        Linux does not depend on it."""
        return sock_type

    # Fields whose difference may be about what the queue holds rather than this call
    # (engine/rootcause.py looks for the step that left the queue different).
    queue_fields: frozenset[str] = frozenset()

    def observes_queue(self, op: Op, field: str) -> bool:
        """Whether a difference in ``field`` at this step may be the queue's (``queue_fields``,
        unless the operation knows better for this step's arguments)."""
        return field in self.queue_fields

    def witnesses(self, op: Op, declared: Capabilities) -> list[Op]:
        """Other ways to make this step that observe the same state (a read through the
        other views): if one agrees with Linux, the difference is this call's own."""
        return []

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        """Does a difference at this step leave both sides in the same state?  Then the
        scenario goes on past it.  Calls that both failed changed nothing."""
        return ref.status == iut.status == "err"

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        """None when the two agree as far as Linux promises, else why not."""
        return None if ref == iut else describe(ref, iut)

    def finish(self, ctx: Context, blocked: bool, impl_only: ImplOnly) -> Optional[str]:
        """At the end of a scenario (``blocked``: it ended at a blocked step)."""
        return None

    def leaves_pair_unknown(self, ctx: Context, op: Op, ref: Observation) -> bool:
        """Does Linux itself leave the pair's state open after this step (it depends on
        when the kernel gets round to something)?  Then the scenario ends here, as at a
        blocked step: what follows could differ by timing alone."""
        return False

    def rules_for(self, where: Where) -> tuple[Rule, ...]:
        """The rules that apply to this diverging step (most specific first)."""
        return self.attribution

    def all_rules(self) -> tuple[Rule, ...]:
        return self.attribution

    def reproduced(self, op: Op, ref: Observation, iut: Observation, deviating: bool) -> Op:
        """The op as the reproducers perform it (a step the suite waived can say so)."""
        return op

    def c_lines(self, n: int, op: Op) -> list[str]:
        raise NotImplementedError(f"{self.verb}: no C reproducer form")

    def py_lines(self, n: int, op: Op) -> list[str]:
        raise NotImplementedError(f"{self.verb}: no Python reproducer form")


_REGISTRY: dict[str, Operation] = {}
_DISCOVERED = False


def register(operation: Operation) -> Operation:
    if not operation.verb or operation.verb in _REGISTRY:
        raise ValueError(f"operation {operation.verb!r} registered twice or without a verb")
    _REGISTRY[operation.verb] = operation
    return operation


def operations() -> dict[str, Operation]:
    """Every operation, discovered from the modules of this package (add a file, add a verb)."""
    global _DISCOVERED
    if not _DISCOVERED:  # some modules may already be imported (the properties import several)
        from .. import ops

        for module in pkgutil.iter_modules(ops.__path__):
            importlib.import_module(f"{ops.__name__}.{module.name}")
        _DISCOVERED = True
    return _REGISTRY


def operation(verb: str) -> Operation:
    found = operations().get(verb)
    if found is None:
        raise ProtocolError(f"unknown verb {verb!r}")
    return found
