"""The suite as a hypothesis state machine, built around any implementation.

    Machine = make_state_machine(reference, implementation, implementation.start())
    run_state_machine_as_test(Machine)

In the spirit of hypothesis's ``provider_conformance``: each rule draws one
operation for the current pair type (from the same strategies the properties
use), runs it on the Linux reference and on the implementation, and compares
at once; a difference raises :class:`~conformance.runner.Deviation` with the
steps so far.  Scenario-as-data properties (runner.py) remain the main path,
since they can be replayed and reported; this is the shape for exploring
long interleavings.
"""

from __future__ import annotations

from typing import Optional

from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from ..ops.base import operation as verb_of
from ..ops.base import weighted
from ..ops.close import closes
from ..ops.obj import OBJECTS
from ..ops.pair import pairs
from ..ops.poll import polls
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.setsockopt import passcred
from ..ops.shutdown import shutdowns
from ..spec.protocol import Op
from ..spec.semantics import SEMANTICS, TYPES
from .compare import Comparator
from .executor import Capabilities, Executor
from .runner import Deviation, Divergence, Step
from .scenario import Scenario
from .signature import signature


def make_state_machine(
    reference: Executor, implementation: Executor, declared: Capabilities
) -> type[RuleBasedStateMachine]:
    class SocketpairMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.steps: list[Step] = []
            self.pair: Optional[Op] = None
            self.comparator: Optional[Comparator] = None
            self.over = False

        def _run(self, step: Op) -> None:
            assert self.comparator is not None and self.pair is not None
            operation = verb_of(step.verb).adapt(step, declared)  # through the views it declared
            ref = reference.execute(operation)
            iut = implementation.execute(operation, ref)
            self.steps.append(Step(len(self.steps) + 1, operation, ref, iut))
            if operation is self.pair and ref.status == "ok" and iut.status != "ok":
                assume(False)  # the implementation refuses this pair type: unsupported, not conformance
            assume(iut.status != "unsupported")  # refused explicitly (NotImplementedError): not conformance
            reason = self.comparator.difference(operation, ref, iut)
            if reason:
                later = tuple(step.op for step in self.steps[len(OBJECTS) + 2 :])
                where = signature(operation, ref, iut, self.pair.get("type"))
                raise Deviation(Divergence(Scenario(self.pair, later), tuple(self.steps), reason, where))
            unknown = verb_of(operation.verb).leaves_pair_unknown(self.comparator.context, operation, ref)
            self.over = ref.status == "blocked" or (operation is self.pair and ref.status != "ok") or unknown

        @initialize(pair=st.sampled_from(list(TYPES)).flatmap(lambda t: pairs([t])))
        def create_pair(self, pair: Op) -> None:
            self.pair = pair
            self.comparator = Comparator(
                SEMANTICS[pair.get("type")], "pep446" in declared.caps, "cloexec" in pair.get("flags")
            )
            for operation in Scenario(pair, ()).ops():
                self._run(operation)

        @precondition(lambda self: not self.over)
        @rule(data=st.data())
        def step(self, data: st.DataObject) -> None:
            assert self.pair is not None
            rules = SEMANTICS[self.pair.get("type")]
            send, receive = sends(rules, fds=True, creds=True, big=False), recvs(rules, control=True)
            kinds = weighted(  # traffic three times as often as the events around it
                (3, send),
                (3, receive),
                (1, shutdowns()),
                (1, closes()),
                (1, polls()),
                (1, passcred()),
            )
            self._run(data.draw(kinds, label="operation"))

        @precondition(lambda self: self.over)
        @rule()
        def finished(self) -> None:
            """After a blocked step, or one whose outcome Linux leaves to timing (closing an
            end that may be in flight: ops/close.py), nothing more to compare."""

    return SocketpairMachine
