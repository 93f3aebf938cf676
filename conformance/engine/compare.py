"""Compare reference and implementation observations, step by step.

Exact by default; each operation may say where Linux promises less than
exact equality (ops/recv.py: a stream's chunking; ops/getsockopt.py: buffer
sizes by class; ...).  The comparator holds one scenario's
:class:`~conformance.ops.base.Context` and hands every step to its operation.
"""

from __future__ import annotations

from typing import Optional

from ..ops.base import Context, ImplOnly, operation, operations
from ..spec.protocol import Observation, Op
from ..spec.semantics import TypeRules


class Comparator:
    """Compares one scenario's observations.

    ``pep446``: the implementation declared Python's rule that every new
    descriptor is close-on-exec, so FD_CLOEXEC on the pair's ends is compared
    only when the pair was asked for SOCK_CLOEXEC (where both must have it).
    """

    def __init__(self, rules: TypeRules, pep446: bool = False, cloexec_requested: bool = False):
        self.context = Context(rules, waive_end_cloexec=pep446 and not cloexec_requested)

    def difference(self, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        """None when the two observations agree as far as Linux promises, else why not."""
        return operation(op.verb).compare(self.context, op, ref, iut)

    def finish(self, blocked: bool, impl_only: ImplOnly) -> Optional[str]:
        """What the operations check when the scenario ends (``blocked``: at a blocked step)."""
        for each in operations().values():
            reason = each.finish(self.context, blocked, impl_only)
            if reason:
                return reason
        return None
