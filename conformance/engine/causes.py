"""One cause, one finding: which signatures one bug explains (docs/deviations.md).

A signature (engine/signature.py) names a *symptom*: one step, one field, two
values.  One bug shows many: on every socket type, under every argument that
does not change what it breaks, and in what a scenario does after it.  This
module holds the evidence the suite accepts that two signatures share a cause;
reporting/findings.py groups a run's signatures by it.  Nothing else merges:
two faults in one operation that show in different fields, or with different
values, stay two findings.

1. **The same symptom** (:func:`symptom`): the same operation, differing field
   and value classes, whatever the socket type and the salient arguments.  What
   the scenario decides rather than the bug is left out: a value class that is
   the pair's own type (``SO_TYPE`` answers ``dgram`` on a datagram pair) reads
   ``TYPE``; an implementation's relational class (``fewer``, ``more``,
   ``other``), and a number an option or ioctl answers, read ``differs``; the
   errno Linux refuses a call with, where the implementation did not fail that
   way, reads ``*`` (which check fails first is the arguments' doing; not
   EAGAIN, which says the call would block).  A
   ``delivery`` or ``totals`` field says only *that* a queue differs, and a
   ``value`` nothing without what it is the value of, so there the step's
   arguments stay part of the symptom (an empty datagram dropped is not a
   payload mangled; SO_RCVBUF is not SO_PASSCRED).
2. **A consequence** (:func:`consequences`): a difference that follows an earlier
   one in the same scenario, and goes away when that earlier step is left out
   while Linux's answer at it stays the same, was caused by the earlier step's
   difference (which was judged state-neutral and was not: an errno that also
   consumed a pending error).  So is a ``delivery`` difference whose culprit
   step is itself the earlier difference: one step, a wrong answer and a wrong
   effect.  A consequence is a variant of the earlier one's finding.
3. **An expectation entry** (reporting/expectations.py): the signatures one
   ``[[finding]]`` entry matches are the cause its author named.
4. **As if without** (:func:`as_if_without`): the implementation answered the
   differing step exactly as Linux does when one earlier step, or one flag or the
   control data of a step, or the buffers of a scatter/gather list after the
   first, is left out: it ignored that (``setsockopt opt=passcred``, ``send flag
   oob``, ``pair flag nonblock``, ``recv buffers after the first``).  Whatever each
   variant shows (a getsockopt that says 0, a recv with no credentials), what it
   ignored is the cause.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from functools import lru_cache

from ..ops.base import operation
from ..spec.protocol import Observation, Op, Refused
from .runner import Divergence, Step, Unsupported
from .scenario import Scenario
from .signature import SIGNATURE_FORM, Signature

RELATIONAL = frozenset({"fewer", "more", "other"})
# where the step's arguments stay part of the symptom: a queue that differs says nothing of
# what went wrong (the step does), and a value means nothing without what it is of
# (SO_RCVBUF or SO_PASSCRED, SIOCINQ or SIOCOUTQ)
ARGUMENT_FIELDS = frozenset({"delivery", "totals", "value"})
TRUST_AFTER = 3  # the same verdict on a (consequence, cause) pair this often is taken as given


_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def symptom(sig: Signature) -> str:
    """The symptom a signature shows, as a signature pattern (``*``: any type and arguments)."""
    linux, impl = sig.linux, sig.impl
    if sig.sock_type:  # SO_TYPE and its kin answer the pair's own type
        linux, impl = ("TYPE" if v == sig.sock_type else v for v in (linux, impl))
    if impl in RELATIONAL:
        impl = "differs"
    if sig.field == "value" and _NUMBER.match(linux) and _NUMBER.match(impl):  # a count, a size, a time
        linux, impl = ("0" if float(linux) == 0 else "n"), "differs"
    # Linux's errno for a call it refuses is the first check the scenario's arguments fail
    # (EINVAL before EBADF, EOPNOTSUPP before EPROTONOSUPPORT); what the implementation did
    # instead is the bug's.  EAGAIN is no check of arguments: it says the call would block
    if sig.field == "status" and linux.startswith("err ") and linux != "err EAGAIN" and not impl.startswith("err "):
        linux = "err *"
    elif sig.field == "errno" and linux != "EAGAIN":
        linux = "*"
    keep = sig.field in ARGUMENT_FIELDS  # the arguments say what the value is of, or which step
    where = sig.call + (" " + " ".join(filter(None, ("*", sig.salient))) if keep else " *")
    return f"{where}: {sig.field} linux {linux} / impl {impl}"


def symptom_of(text: str) -> str:
    """:func:`symptom` of a signature given as text (a report's, an expectation file's)."""
    return symptom(parse(text)) if SIGNATURE_FORM.match(text) else text


def parse(text: str) -> Signature:
    """A signature read back from its text (the where part split as :class:`Signature` prints it)."""
    match = SIGNATURE_FORM.match(text)
    if match is None:
        raise ValueError(f"not a signature: {text!r}")
    call, _, rest = match.group("where").partition(" ")
    words = rest.split(" ") if rest else []
    types = ("stream", "dgram", "seqpacket")
    sock_type = words.pop(0) if words and words[0] in types else ""
    return Signature(call, sock_type, " ".join(words), match.group("field"), match.group("linux"), match.group("impl"))


@lru_cache(maxsize=4096)
def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile("^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$")


def matches(pattern: str, signature: str) -> bool:
    """A signature pattern (an expectation entry's; ``*`` is any text) against a signature."""
    return signature == pattern or ("*" in pattern and _glob(pattern).match(signature) is not None)


def is_known(signature: str, known: Collection[str]) -> bool:
    """Listed as known: exactly, or by a pattern (a ``[[finding]]`` entry's ``match``).
    Called for every difference of every scenario: the exact lookup first, then only the
    entries that are patterns."""
    return signature in known or any("*" in k and matches(k, signature) for k in known)


def pattern_of(signatures: Iterable[str]) -> str:
    """The narrowest ``*`` pattern of this module's form that matches every one of them:
    what a finding's expectation entry can say (the operation, then ``*`` where the type
    or arguments differ; a value class where all agree, else ``*``)."""
    parsed = [parse(s) for s in signatures]
    first = parsed[0]

    def same(get: Callable[[Signature], str]) -> bool:
        return len({get(p) for p in parsed}) == 1

    where = first.call
    rest = " ".join(filter(None, (first.sock_type, first.salient)))
    if not same(lambda p: " ".join(filter(None, (p.sock_type, p.salient)))):
        rest = "*"
    where = " ".join(filter(None, (where, rest)))
    field = first.field if same(lambda p: p.field) else "*"
    linux = first.linux if same(lambda p: p.linux) else "*"
    impl = first.impl if same(lambda p: p.impl) else "*"
    return f"{where}: {field} linux {linux} / impl {impl}"


TracedReplay = Callable[[Scenario, list[Step]], list[Divergence]]


class Consequences:
    """Marks each later difference of a scenario that an earlier one caused (module docstring, 2).

    Only differences whose signature ``wanted`` says matter (new ones) are examined, each
    at the cost of one replay; a verdict given :data:`TRUST_AFTER` times on the same pair
    of signatures is taken as given from then on."""

    def __init__(self, replay: TracedReplay):
        self.replay = replay
        self.verdicts: dict[tuple[str, str], Counter[bool]] = {}

    def __call__(self, found: list[Divergence], wanted: Callable[[str], bool]) -> list[Divergence]:
        out = list(found)
        for k in range(1, len(out)):
            later = out[k]
            if later.cause or not wanted(str(later.signature)):
                continue
            for earlier in out[:k]:
                if earlier.cause:
                    continue
                if self._caused(earlier, later):
                    out[k] = replace(later, cause=str(earlier.signature))
                    break
        return out

    def _caused(self, earlier: Divergence, later: Divergence) -> bool:
        at = earlier.steps[-1].index
        if later.culprit_step == at:  # one step: a wrong answer and a wrong effect on the queue
            return True
        key = (str(later.signature), str(earlier.signature))
        seen = self.verdicts.setdefault(key, Counter())
        if seen and len(seen) == 1 and sum(seen.values()) >= TRUST_AFTER:
            return next(iter(seen))
        verdict = self._replayed_without(earlier, later)
        if verdict is not None:
            seen[verdict] += 1
        return bool(verdict)

    def _replayed_without(self, earlier: Divergence, later: Divergence) -> bool | None:
        """Replay the scenario up to the later step without the earlier one: True if Linux
        answers the later step as before and the implementation now agrees; None if the
        experiment cannot be made (a pair or setup step, a refusal, a scenario that ends
        before the later step)."""
        scenario = later.scenario
        offset = 3 + len(scenario.objects)  # ops(): reset, the objects, the pair, then the steps
        drop, last = earlier.steps[-1].index - offset, later.steps[-1].index - offset
        if not 0 <= drop < last < len(scenario.steps) or later.steps[-1].reference.get("note"):
            return None
        candidate = replace(scenario, steps=scenario.steps[:drop] + scenario.steps[drop + 1 : last + 1])
        trace: list[Step] = []
        try:
            found = self.replay(candidate, trace)
        except Unsupported:
            return None
        at = later.steps[-1].index - 1  # one step fewer before it
        ran = next((s for s in trace if s.index == at), None)
        if ran is None or ran.op != later.steps[-1].op:
            return None
        if ran.reference != later.steps[-1].reference:
            return False  # Linux answers otherwise without it: the step mattered to Linux too
        return not any(d.steps[-1].index == at or (d.steps[-1].index < at and not d.neutral) for d in found)


# the arguments that name what a step acts on (which option, which direction, which call):
# "as if this step had not been made" names the step by them, not by its values
NAMING_ARGS = ("opt", "how", "req", "call")
ReferenceRun = Callable[[Scenario], list[Observation]]
# whether Linux's answer and the implementation's agree as far as Linux promises
# (engine/compare.py; the implementation's waivers, such as PEP 446's close-on-exec, hold)
Agree = Callable[[Op, Observation, Observation], bool]


def as_if_without(divergence: Divergence, linux_alone: ReferenceRun, agree: Agree) -> str:
    """What the implementation behaved as if it had not been given, or "" (module docstring, 4).

    The candidates, nearest the differing step first: a flag of that step, its control
    data; then each earlier step left out, or one of its flags or its control data left
    out; then a flag the pair was created with.  The first under which Linux, run alone,
    answers the differing step as the implementation did (``agree``) names the cause:
    ``setsockopt opt=passcred``, ``send flag oob``, ``send anc=rights``, ``pair flag nonblock``."""
    scenario, last = divergence.scenario, divergence.steps[-1]
    offset = 3 + len(scenario.objects)  # ops(): reset, the objects, the pair, then the steps
    at = last.index - offset
    if not 0 <= at < len(scenario.steps) or last.reference.get("note"):
        return ""
    steps = scenario.steps[: at + 1]

    def answers(candidate: Scenario, index: int) -> bool:
        """Linux, alone, answers the candidate's step at ``index`` (0-based, in ops()) as the
        implementation answered the differing one."""
        try:
            seen = linux_alone(candidate)
        except (Unsupported, Refused):  # the reference refuses the changed step: no answer
            return False
        return len(seen) > index and agree(list(candidate.ops())[index], seen[index], last.implementation)

    for j in reversed(range(at + 1)):
        step = steps[j]
        for name, changed in _without_parts(step):
            if answers(replace(scenario, steps=(*steps[:j], changed, *steps[j + 1 :])), last.index - 1):
                return name
        if j < at and answers(replace(scenario, steps=steps[:j] + steps[j + 1 :]), last.index - 2):
            return _named(step)
    for name, changed in _without_parts(scenario.pair):
        if answers(replace(scenario, pair=changed, steps=steps), last.index - 1):
            return name
    return ""


def _named(step: Op) -> str:
    """A step left out, as a finding names it: its verb, what it acts on, and what its
    operation says a queue difference after it depends on (``send empty``, ``send rights``)."""
    kinds = [w for w in operation(step.verb).salient(step, "delivery").split(" ") if w and "=" not in w]
    return " ".join([step.verb, *(f"{k}={step.get(k)}" for k in NAMING_ARGS if step.has(k)), *kinds])


def _without_parts(step: Op) -> list[tuple[str, Op]]:
    """The step with one of its flags left out, without its control data, or with only the
    first buffer of a scatter/gather list: each named."""

    def changed(**values: str | None) -> Op:
        args = [(k, values.get(k, v)) for k, v in step.args if values.get(k, v) is not None]
        return Op(step.verb, tuple((k, v) for k, v in args if v is not None))

    out = []
    flags = [f for f in step.get("flags").split(",") if f]
    for flag in flags:
        out.append((f"{step.verb} flag {flag}", changed(flags=",".join(f for f in flags if f != flag))))
    if step.get("anc"):
        kinds = ",".join(dict.fromkeys(item.split(":")[0] for item in step.get("anc").split(";") if item))
        out.append((f"{step.verb} anc={kinds}", changed(anc=None)))
    iov = step.get("iov").split(",")
    if len(iov) > 1:  # a scatter list: only the first buffer given
        out.append((f"{step.verb} buffers after the first", changed(iov=iov[0], size=iov[0])))
    data = step.get("data").split(",")
    if step.verb == "send" and len(data) > 1:  # a gather list: only the first buffer given
        out.append((f"{step.verb} buffers after the first", changed(data=data[0])))
    return out
