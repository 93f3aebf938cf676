"""Which step a deviation belongs to, when a read is where it shows.

A read that returns other bytes than on Linux (another count, nothing, an
error) may be wrong itself, or may faithfully report a queue an earlier step
left different: an empty datagram that was never sent, a peek that consumed.
Named by the read, one bug in ``send`` would be a dozen deviations, one per
way of reading.  Two cheap experiments on the scenario, cut after the read,
tell them apart:

1. the same read through each other view the implementation has
   (``Operation.witnesses``): if one agrees with Linux, the read's own view is
   at fault, and the deviation keeps its own signature;
2. otherwise the queue differs: the same read after ever longer prefixes of
   the steps before it finds the first step after which it differs; that step
   left the queue different, and names the deviation (``delivery``,
   engine/signature.py).  The first, not the last: where two empty datagrams
   were dropped, removing either alone changes nothing.

A bug in every read path looks, from outside, like a queue bug; it is named by
the step after which the reads differ, which is what a reader can act on.
The same goes for a count of what a queue holds (SIOCINQ, SIOCOUTQ: their
witnesses read the queue, or ask the peer's count of the same bytes).
Each experiment replays a few steps (a few milliseconds).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ..ops.base import operation
from ..spec.protocol import Observation, Op
from .executor import Capabilities
from .runner import Divergence, Unsupported
from .scenario import Scenario
from .signature import Signature, delivery_signature

Replay = Callable[[Scenario], list[Divergence]]
WITNESSES = 3  # other views tried: enough to clear one faulty view, bounded where every read waits


def took_nothing(obs: Observation) -> bool:
    """A read that took nothing from the queue: it waited, or failed."""
    return obs.status in ("blocked", "err", "raised")


def root_signature(divergence: Divergence, replay: Replay, declared: Capabilities) -> tuple[Signature, str, int]:
    """The signature the deviation is known by (module docstring), the call of the
    earlier step it is named by ("" when it is the read's own), and that step's index
    in ``scenario.ops()`` (0 when it is the read's own)."""
    last = divergence.steps[-1]
    scenario, sig = divergence.scenario, divergence.signature
    verb = operation(last.op.verb)
    cut = last.index - 3 - len(scenario.objects)  # ops(): reset, the objects, the pair, the steps
    if not verb.observes_queue(last.op, sig.field) or last.reference.get("note") or not 0 <= cut < len(scenario.steps):
        return sig, "", 0
    if took_nothing(last.reference) and took_nothing(last.implementation):
        return sig, "", 0  # EAGAIN against a wait, or against another error: the queue agrees, the call does not
    before = scenario.steps[:cut]

    def agrees(steps: tuple[Op, ...]) -> bool:
        """The scenario ending in this read gets what Linux gets from the queue: earlier
        steps differ in nothing that changed state, and the read in none of the fields
        that say what it took (its control data or address may differ: another bug's).
        Raises Unsupported where the implementation refuses a step."""
        candidate = replace(scenario, steps=steps)
        end = len(list(candidate.ops()))
        for d in replay(candidate):
            at = d.steps[-1].index
            ended_by = operation(d.steps[-1].op.verb)  # the read, or the witness made instead
            queue = ended_by.observes_queue(d.steps[-1].op, d.signature.field)
            if (at < end and d.neutral) or (at == end and not queue):
                continue
            return False
        return True

    def witness_agrees(other: Op) -> bool:
        try:
            return agrees((*before, other))
        except Unsupported:
            return False

    if any(witness_agrees(other) for other in verb.witnesses(last.op, declared)[:WITNESSES]):
        return sig, "", 0
    # the first step after which the read differs: the queue was the same before it
    try:
        first = next(j for j in range(len(before) + 1) if not agrees((*before[:j], last.op)))
    except (StopIteration, Unsupported):
        return sig, "", 0
    if first == 0:
        return sig, "", 0  # it differs on a fresh pair: the read's own
    culprit = before[first - 1]
    step = first + 2 + len(scenario.objects)  # ops(): reset, the objects, the pair, then steps[first - 1]
    return delivery_signature(culprit, scenario.sock_type), operation(culprit.verb).call(culprit), step


class Rooted:
    """Explore scenarios with each divergence named by its root (module docstring).

    The experiments cost a few replays; a read's own signature, through one call,
    that has led to the same root ``trust_after`` times is taken as that root from
    then on (one that has led to several roots is always examined; a trusted root does not
    know the culprit's index in this scenario, which engine/causes.py then does without)."""

    def __init__(self, replay: Replay, declared: Capabilities, trust_after: int = 8):
        self.replay, self.declared, self.trust_after = replay, declared, trust_after
        self.roots: dict[tuple[Signature, str], Counter[tuple[Signature, str]]] = {}

    def __call__(self, scenario: Scenario) -> list[Divergence]:
        return [self.root(d) for d in self.replay(scenario)]

    def root(self, divergence: Divergence) -> Divergence:
        seen = self.roots.setdefault((divergence.signature, divergence.call), Counter())
        step = 0
        if len(seen) == 1 and sum(seen.values()) >= self.trust_after:
            root, call = next(iter(seen))
        else:
            root, call, step = root_signature(divergence, self.replay, self.declared)
            seen[root, call] += 1
        if root == divergence.signature:
            return divergence
        return replace(divergence, signature=root, culprit_call=call, culprit_step=step)
