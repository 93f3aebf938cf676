"""What makes two deviations the same: a deviation's signature (docs/deviations.md).

A signature names the step and the difference, not the scenario around it:

    recv stream dontwait: status linux err EAGAIN / impl blocked

- the operation (``recv``, ``send``, ``shutdown``, ...) and the socket type;
  not the method or system call it went through (``recv_into``, ``readv``):
  one bug behind six send methods is one deviation, and the finding lists the
  calls it showed through (engine/hunt.py), so a bug in one method says so;
- the step's salient arguments, as its operation classes them
  (``Operation.salient``: a zero size, the flags that change meaning, which
  kinds of control data travel);
- the first field that differs, as the call can observe it;
- the class of each side's value: the status and errno where they differ,
  otherwise the field's value where its vocabulary is small (flags, errno
  names, option values) or how it relates to Linux's (``fewer``, ``more``,
  ``other``) where it is not (byte counts, data, descriptors).

Two scenarios with the same signature are one deviation: the smallest is kept.

A read that gets other bytes than on Linux, through every view the
implementation has, shows a queue left different by an earlier step: its
signature names that step (``delivery``, engine/rootcause.py), so one bug in
``send`` is one deviation whichever read notices it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ops.base import operation
from ..spec.protocol import Observation, Op
from .attribution import first_difference

# fields whose values are a small vocabulary: shown as they are; sets of flags: what differs
_EXACT = frozenset({"errno", "value", "addr", "nonblock", "cloexec", "exc", "why"})
_FLAG_SETS = frozenset({"msg_flags", "revents"})


# what str(Signature) prints, read back from expectation files: "WHERE: FIELD linux VALUE / impl VALUE"
# where: up to the first ": " (a salient value may hold a colon itself: addr=path:HEX)
SIGNATURE_FORM = re.compile(
    r"^(?P<site>(?P<where>(?:[^:]|:(?! ))+): (?P<field>\S+) linux (?P<linux>.+)) / impl (?P<impl>.+)$"
)


@dataclass(frozen=True, order=True)
class Signature:
    call: str
    sock_type: str
    salient: str
    field: str
    linux: str
    impl: str

    def __str__(self) -> str:
        where = " ".join(filter(None, (self.call, self.sock_type, self.salient)))
        return f"{where}: {self.field} linux {self.linux} / impl {self.impl}"


def signature(op: Op, ref: Observation, iut: Observation, sock_type: str) -> Signature:
    """The signature of a step whose observations differ."""
    verb = operation(op.verb)
    ref, iut = verb.observed(op, ref, sock_type == "stream"), verb.observed(op, iut, sock_type == "stream")
    field = first_difference(ref, iut)
    linux, impl = value_classes(field, ref, iut)
    return Signature(op.verb, verb.site_type(op, sock_type), verb.salient(op, field), field, linux, impl)


def sites(op: Op, ref: Observation, sock_type: str) -> set[str]:
    """What a signature at this step could say of Linux, as ``WHERE: FIELD linux CLASS``
    (each signature starts with one of these).  A run that made a step where Linux
    answered as a known deviation says, and did not see it, has seen it conform."""
    verb = operation(op.verb)
    ref = verb.observed(op, ref, sock_type == "stream")
    kind = verb.site_type(op, sock_type)

    def where(field: str) -> str:
        return " ".join(filter(None, (op.verb, kind, verb.salient(op, field))))

    out = {f"{where('status')}: status linux {status_class(ref)}", f"{where('delivery')}: delivery linux as sent"}
    for field, value in ref.fields:
        if field in _FLAG_SETS:
            classes = [bit for bit in value.split(",") if bit]
        elif field == "anc":
            classes = _anc_linux_classes(value)
        else:
            classes = [value_classes(field, ref, ref)[0]]
        out.update(f"{where(field)}: {field} linux {c}" for c in classes)
    return out


def totals_site(sock_type: str) -> str:
    return f"recv {sock_type}: totals linux all"


def totals_signature(reason: str, sock_type: str) -> Signature:
    """A difference in what a scenario delivered in all (the operations' ``finish``):
    a stream's bytes, compared once the scenario ends, whatever calls read them."""
    return Signature("recv", sock_type, "", "totals", "all", "more" if " more " in f" {reason} " else "fewer")


def delivery_signature(culprit: Op, sock_type: str) -> Signature:
    """A read that got something else than on Linux, traced to the step that left the
    queue different (engine/rootcause.py): named by that step alone, since what a
    later read gets instead (fewer bytes, nothing, the next message; or a poll that
    sees no data) depends on the scenario, not on the bug."""
    verb = operation(culprit.verb)
    salient = verb.salient(culprit, "delivery")
    return Signature(culprit.verb, verb.site_type(culprit, sock_type), salient, "delivery", "as sent", "other")


def status_class(obs: Observation) -> str:
    """``ok``, ``blocked``, ``err EAGAIN``, ``raised ValueError``, ``unsupported``."""
    detail = obs.get("errno") or obs.get("exc")
    return f"{obs.status} {detail}".strip()


def value_classes(field: str, ref: Observation, iut: Observation) -> tuple[str, str]:
    if field == "status":
        return status_class(ref), status_class(iut)
    a, b = ref.get(field), iut.get(field)
    if field in _FLAG_SETS:  # only the bits that differ: one missing flag is one deviation
        ours, theirs = set(filter(None, a.split(","))), set(filter(None, b.split(",")))
        return ",".join(sorted(ours - theirs)) or "-", ",".join(sorted(theirs - ours)) or "-"
    if field in _EXACT:
        return a or "(none)", b or "(none)"
    if a.lstrip("-").isdigit() and b.lstrip("-").isdigit() and max(len(a), len(b)) < 19:  # a count, not hex
        # how many fewer depends on the scenario (none at all included), not on the bug
        return ("0" if int(a) == 0 else "n"), ("fewer" if int(b) < int(a) else "more")
    if field == "anc":
        return _anc_classes(a, b)
    if len(a) != len(b):
        return "n", ("fewer" if len(b) < len(a) else "more")
    return "n", "other"


def _kinds(anc: str) -> list[str]:
    return [item.split(":")[0] for item in anc.split(";") if item]


def _fds(anc: str) -> list[str]:
    return [fd for item in anc.split(";") if item.startswith("rights:") for fd in item[7:].split(",") if fd]


def _anc_linux_classes(anc: str) -> list[str]:
    """Every way :func:`_anc_classes` may name Linux's control data."""
    fds = _fds(anc)
    named = ["fds in order", *(f"fds {name}" for name in ("object", "access", "ofd", "cloexec"))] if fds else []
    kinds = _kinds(anc)
    return [*kinds, "-", ",".join(kinds), f"{len(fds)} fds", *named]


def _anc_classes(a: str, b: str) -> tuple[str, str]:
    """Control data by kind, and what about the descriptors differs."""
    kinds, fds = _kinds, _fds

    if kinds(a) != kinds(b):  # only the kinds that differ, as for flag sets: one lost kind is one deviation
        ours, theirs = kinds(a), kinds(b)
        missing, extra = [k for k in ours if k not in theirs], [k for k in theirs if k not in ours]
        if missing or extra:
            return ",".join(missing) or "-", ",".join(extra) or "-"
        return ",".join(ours), ",".join(theirs)  # the same kinds in another order
    ours, theirs = fds(a), fds(b)
    if len(ours) != len(theirs):
        return f"{len(ours)} fds", f"{len(theirs)} fds"
    if sorted(ours) == sorted(theirs):
        return "fds in order", "fds reordered"
    for part, name in ((0, "object"), (1, "access"), (2, "ofd"), (3, "cloexec")):
        if [d.split("/")[part] for d in ours] != [d.split("/")[part] for d in theirs]:
            return f"fds {name}", f"fds other {name}"
    return "n", "other"
