"""Which catalog behaviour a deviation breaks: the second half of its stable id.

A property exercises many behaviours of the catalog; a deviation is the one
step where Linux and the implementation disagree.  The step's operation lists
rules (ops/*.py ``attribution``) that look at the step (arguments, socket
type, the first field that differs) and name the catalog rows it could be,
most specific first.  The first row the property is tagged with wins; if none
is, the first row listed; if no rule matches, ``?``.  The id is then
``PROPERTY:ROW`` (``messages.boundaries_and_truncation:D3``), stable for a given
minimal scenario, which is what expectation files name.
"""

from __future__ import annotations

from ..ops.base import Where, operation
from ..spec.protocol import Observation, Op

UNATTRIBUTED = "?"


def first_difference(ref: Observation, iut: Observation) -> str:
    if ref.status != iut.status:
        return "status"
    for key in dict.fromkeys([k for k, _ in ref.fields] + [k for k, _ in iut.fields]):
        if ref.get(key) != iut.get(key):
            return key
    return "status"


def attribute(op: Op, ref: Observation, iut: Observation, sock_type: str, tags: tuple[str, ...]) -> str:
    """The catalog row this step breaks (see the module docstring).  A step the
    implementation ran alone (Linux's side is a note) is about the scenario's totals."""
    verb = operation(op.verb)
    linux_anc = ref.get("anc")
    if not ref.get("note"):  # rules see what the step's call could observe
        ref, iut = verb.observed(op, ref, sock_type == "stream"), verb.observed(op, iut, sock_type == "stream")
    field = "totals" if ref.get("note") else first_difference(ref, iut)
    where = Where(op, ref, iut, sock_type, field, linux_anc)
    candidates = [row for row, applies in verb.rules_for(where) if applies(where)]
    tagged = [row for row in candidates if row in tags]
    return (tagged or candidates or [UNATTRIBUTED])[0]


def reached(op: Op, ref: Observation, sock_type: str, wanted: frozenset[str]) -> set[str]:
    """The rows of ``wanted`` this step observes: those a rule would blame had the
    implementation differed here in one of the fields Linux answered (coverage: a row
    tagged is not a row reached).  Empty for a step that only made state."""
    verb = operation(op.verb)
    seen = verb.observed(op, ref, sock_type == "stream")
    found: set[str] = set()
    for field in dict.fromkeys(["status", *(k for k, _ in seen.fields)]):
        where = Where(op, seen, seen, sock_type, field, ref.get("anc"))
        found.update(row for row, applies in verb.rules_for(where) if row in wanted and applies(where))
    return found
