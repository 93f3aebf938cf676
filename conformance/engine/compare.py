"""Compare reference and implementation observations, step by step.

Exact by default.  The one tolerance is the stream's freedom to chunk
(``TypeRules.boundaries`` is False): a read may return a shorter or longer
prefix of the queued bytes than Linux did, so for stream recvs the comparator
keeps each side's concatenated received bytes per end and asks only that one
stays a prefix of the other; ancillary data, flags and errors still compare
exactly, and a final catch-up makes both sides deliver the same total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..spec.protocol import Observation, Op
from ..spec.semantics import VALUE_CLASSES, TypeRules

_NO_DATA = ("EAGAIN",)


@dataclass
class _Received:
    ref: bytearray = field(default_factory=bytearray)
    iut: bytearray = field(default_factory=bytearray)

    def consistent(self) -> bool:
        shorter = min(len(self.ref), len(self.iut))
        return self.ref[:shorter] == self.iut[:shorter]

    @property
    def iut_behind(self) -> int:
        return len(self.ref) - len(self.iut)


class Comparator:
    """Compares one scenario's observations.

    ``pep446``: the implementation declared Python's rule that every new
    descriptor is close-on-exec, so FD_CLOEXEC on the pair's ends is compared
    only when the pair was asked for SOCK_CLOEXEC (where both must have it).
    """

    def __init__(self, rules: TypeRules, pep446: bool = False, cloexec_requested: bool = False):
        self.rules = rules
        self.waive_end_cloexec = pep446 and not cloexec_requested
        self.received = {"0": _Received(), "1": _Received()}

    def difference(self, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        """None when the two observations agree as far as Linux promises, else why not."""
        if op.verb == "recv" and not self.rules.boundaries:
            return self._stream_recv(op, ref, iut)
        if op.verb == "getsockopt" and op.get("opt") in VALUE_CLASSES and ref.status == iut.status == "ok":
            classify = VALUE_CLASSES[op.get("opt")]
            same = classify(ref.get("value")) == classify(iut.get("value"))
            return None if same else f"value class {classify(ref.get('value'))} vs {classify(iut.get('value'))}"
        if op.verb == "poll" and ref.status == iut.status == "ok" and self._unbalanced(op.get("end")):
            # readable-or-not depends on how much each side has read so far
            def strip(revents: str) -> str:
                return ",".join(b for b in revents.split(",") if b != "in")

            return None if strip(ref.get("revents")) == strip(iut.get("revents")) else "revents differ"
        if op.verb == "fdflags" and self.waive_end_cloexec and ref.status == iut.status == "ok":
            return None if ref.get("nonblock") == iut.get("nonblock") else _describe(ref, iut)
        return None if ref == iut else _describe(ref, iut)

    def _unbalanced(self, end: str) -> bool:
        return end in self.received and self.received[end].iut_behind != 0

    def _stream_recv(self, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        rx = self.received.get(op.get("end"))
        if rx is None:
            return None if ref == iut else _describe(ref, iut)
        ref_data = bytes.fromhex(ref.get("data")) if ref.status == "ok" else b""
        iut_data = bytes.fromhex(iut.get("data")) if iut.status == "ok" else b""
        if ref == iut:
            rx.ref += ref_data
            rx.iut += iut_data
            return None
        if ref.status == iut.status == "ok":
            for key in ("msg_flags", "anc", "leaked"):
                if ref.get(key) != iut.get(key):
                    return _describe(ref, iut)
            if int(ref.get("ret")) - len(ref_data) != int(iut.get("ret")) - len(iut_data):
                return _describe(ref, iut)
        rx.ref += ref_data
        rx.iut += iut_data
        if not rx.consistent():
            return "received bytes differ from the reference's stream " + _describe(ref, iut)
        ref_empty = ref.status == "blocked" or ref.get("errno") in _NO_DATA or (ref.status == "ok" and not ref_data)
        iut_empty = iut.status == "blocked" or iut.get("errno") in _NO_DATA or (iut.status == "ok" and not iut_data)
        if ref.status == iut.status == "ok" and ref_data and iut_data:
            return None  # both read something; a different chunking is allowed
        if iut_empty and ref_data and rx.iut_behind <= 0:
            return None  # the implementation had already delivered these bytes
        if ref_empty and iut_data and rx.iut_behind >= 0 and not iut.get("anc") and ref.status != "blocked":
            return None  # the implementation is catching up with bytes Linux gave earlier
        return _describe(ref, iut)

    def lagging_ends(self) -> list[str]:
        """Ends whose implementation side has delivered fewer bytes than the reference."""
        return [end for end, rx in self.received.items() if rx.iut_behind > 0]

    def totals_agree(self) -> Optional[str]:
        for end, rx in self.received.items():
            if rx.iut_behind:
                return f"end {end} received {len(rx.iut)} bytes in all; Linux delivered {len(rx.ref)}"
        return None


def _describe(ref: Observation, iut: Observation) -> str:
    if ref.status != iut.status:
        return f"{ref.status} vs {iut.status}"
    diffs = [k for k, _ in ref.fields if ref.get(k) != iut.get(k)] + [
        k for k, _ in iut.fields if not any(k == r for r, _ in ref.fields)
    ]
    return "differs in " + ", ".join(dict.fromkeys(diffs)) if diffs else "differs"
