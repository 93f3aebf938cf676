"""Expectation files: an implementation's known deviations, kept as data outside the code.

An implementer runs the suite in their CI with ``--expect FILE``: known
deviations keep the run green, anything new fails it, and a known deviation
that stops happening is reported so the entry can be removed.  One TOML file
per implementation (docs/expectations.md)::

    impl = "fallback"                      # the --impl spec it applies to

    [[finding]]                            # one cause: the signatures of all its variants
    match = "recv *: anc linux rights / impl -"     # a pattern (``*``: any text), or a list of them
    property = "fdpass.rights_identity_and_order"   # optional: only there
    reason = "TCP sockets carry no SCM_RIGHTS"
    link = "https://example.org/bug/1"     # optional

    [[deviation]]                          # one variant, by its exact signature
    signature = "recv stream: anc linux rights / impl -"
    reason = "..."

    [[deviation]]                          # an implementation that fails as a program
    property = "duplex.both_directions_at_once"
    kind = "hung"                          # crashed / hung / protocol-error
    reason = "its event loop never runs both directions at once"

A deviation is named by its signature (engine/signature.py), a finding by
patterns over signatures (engine/causes.py), never by a whole property or a
catalog row: a name that covers more than one cause would hide a new one behind a
known one.  What an entry matches is known to the hunt from the start
(engine/hunt.py), so it costs no search either; a variant the run groups with a
known finding that no entry matches is a *new variant* (reporting/findings.py).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..engine.causes import matches
from ..engine.result import CONFORMS, DEVIATES, KINDS, NOT_RUN, Result
from ..engine.signature import SIGNATURE_FORM
from ..errors import SetupError
from ..properties import all_properties

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 by tox
    import tomli as tomllib

_VIA = re.compile(r" \(via [^()]*\)$")
_ENTRY_KEYS = {"signature", "property", "kind", "reason", "link", "undemonstrable"}
_FINDING_KEYS = {"match", "property", "reason", "link", "undemonstrable"}


@dataclass(frozen=True)
class Expected:
    signature: str  # "" for a crashed / hung / protocol-error entry
    property_id: str  # "" when the signature is known in every property
    kind: str
    reason: str
    link: str
    source: Path
    # why the two reproducers cannot show it on demand (a buffer size the kernel tunes while
    # running, heap bytes): the published matrix says so instead of quoting their lines
    undemonstrable: str = ""
    patterns: tuple[str, ...] = ()  # a [[finding]]'s match; a [[deviation]]'s signature alone

    @property
    def known(self) -> tuple[str, ...]:
        """What the hunt is told is known: the signature, or the patterns."""
        return self.patterns or ((self.signature,) if self.signature else ())

    def matches(self, signature: str) -> bool:
        return any(matches(p, signature) for p in self.known)

    def reached(self, sites: frozenset[str]) -> bool:
        """Whether a run made a step where Linux answers as a variant says (engine/signature.sites):
        one that made it and did not see the deviation has seen it conform."""
        wanted = [m.group("site") for m in map(SIGNATURE_FORM.match, self.known) if m]
        return any(site == w or ("*" in w and matches(w, site)) for w in wanted for site in sites)

    def applies_to(self, property_id: str) -> bool:
        return self.property_id in ("", property_id)

    @property
    def label(self) -> str:
        if self.patterns:
            return " | ".join(self.patterns)
        return self.signature or f"{self.property_id} {self.kind}"


@dataclass(frozen=True)
class Expectations:
    impl: str
    entries: tuple[Expected, ...]

    def known(self, property_id: str) -> frozenset[str]:
        """The signatures known in a property, handed to its hunt."""
        return frozenset(k for e in self.entries if e.applies_to(property_id) for k in e.known)

    def failure(self, result: Result) -> Optional[Expected]:
        """The entry that expects this result's crash, hang or protocol error."""
        return next((e for e in self.entries if e.kind == result.kind and e.property_id == result.property_id), None)

    def seen_in(self, entry: Expected, results: list[Result]) -> list[str]:
        """The properties where a listed deviation showed."""
        mine = [r for r in results if r.impl == self.impl and entry.applies_to(r.property_id)]
        if entry.known:
            return [r.property_id for r in mine if any(map(entry.matches, r.known_seen))]
        return [r.property_id for r in mine if r.kind == entry.kind]

    def now_conforming(self, results: list[Result]) -> list[Expected]:
        """Entries not reached although the run exercised where they happen: a
        deviation's step ran (its site), or the failing property ran to the end."""
        mine = [r for r in results if r.impl == self.impl]
        fixed = []
        for entry in self.entries:
            if self.seen_in(entry, results):
                continue
            ran = [r for r in mine if entry.applies_to(r.property_id)]
            if entry.known and any(entry.reached(r.sites) for r in ran):  # Linux's answer, and the impl's too
                fixed.append(entry)
            elif not entry.known and any(r.kind in (CONFORMS, DEVIATES) for r in ran):
                fixed.append(entry)
        return fixed


def load(path: Path) -> Expectations:
    try:
        data = tomllib.loads(path.read_text())
    except OSError as exc:
        raise SetupError(f"cannot read expectation file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SetupError(f"{path} is not valid TOML ({exc}); see docs/expectations.md") from None
    impl = data.get("impl")
    if not isinstance(impl, str) or not impl:
        raise SetupError(f'{path}: no impl = "SPEC" line naming the implementation it describes')
    properties = {p.id for p in all_properties()}
    entries = []
    for number, raw in enumerate(data.get("deviation", []), 1):
        entries.append(_entry(path, number, raw, properties))
    for number, raw in enumerate(data.get("finding", []), 1):
        entries.append(_finding(path, number, raw, properties))
    unknown = set(data) - {"impl", "deviation", "finding"}
    if unknown:
        raise SetupError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}; write [[finding]] or [[deviation]]")
    return Expectations(impl, tuple(entries))


def _finding(path: Path, number: int, raw: Any, properties: set[str]) -> Expected:
    """A [[finding]]: one cause, named by the patterns its variants' signatures match."""
    where = f"{path}: finding #{number}"
    if not isinstance(raw, dict):
        raise SetupError(f"{where} is not a table; write it as [[finding]]")
    unknown = set(raw) - _FINDING_KEYS
    if unknown:
        raise SetupError(
            f"{where} has unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_FINDING_KEYS))}"
            " (a crashed, hung or protocol-error entry is a [[deviation]] with kind =)"
        )
    found = raw.get("match")
    patterns = [found] if isinstance(found, str) else found
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise SetupError(f'{where}: give match = "PATTERN" (or a list of them): signatures, * for any text')
    patterns = [_VIA.sub("", p) for p in patterns]
    for pattern in patterns:
        if not SIGNATURE_FORM.match(pattern) or pattern.strip() == "*":
            raise SetupError(
                f"{where}: match {pattern!r} is not a signature pattern ('CALL *: FIELD linux VALUE / impl VALUE',"
                " * for any text; the report prints each finding's)"
            )
    prop = raw.get("property", "")
    if not isinstance(prop, str) or (prop and prop not in properties):
        raise SetupError(f"{where}: property {prop!r} is not a property of the suite")
    reason, link, undemonstrable = _explained(where, raw)
    return Expected("", prop, DEVIATES, reason, link, path, undemonstrable, tuple(dict.fromkeys(patterns)))


def _explained(where: str, raw: dict[str, Any]) -> tuple[str, str, str]:
    """An entry's reason, link and undemonstrable, checked."""
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise SetupError(f"{where}: give a reason, so the next reader knows why it is accepted")
    undemonstrable = raw.get("undemonstrable", "")
    if not isinstance(undemonstrable, str) or ("undemonstrable" in raw and not undemonstrable.strip()):
        raise SetupError(f"{where}: undemonstrable says why the reproducers cannot show it; give that as text")
    return reason.strip(), str(raw.get("link", "")), undemonstrable.strip()


def _entry(path: Path, number: int, raw: Any, properties: set[str]) -> Expected:
    where = f"{path}: deviation #{number}"
    if not isinstance(raw, dict):
        raise SetupError(f"{where} is not a table; write it as [[deviation]]")
    if "id" in raw:
        raise SetupError(
            f"{where}: id = {raw['id']!r} names a whole property or catalog row, which would hide a new deviation"
            ' behind this one; name it by its signature as the report prints it: signature = "..."'
        )
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise SetupError(
            f"{where} has unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_ENTRY_KEYS))}"
        )
    kind = raw.get("kind", DEVIATES)
    signature, prop = raw.get("signature", ""), raw.get("property", "")
    if isinstance(signature, str):  # copied from the console's headline: which calls it showed through
        signature = _VIA.sub("", signature)  # is not part of the signature (engine/result.headline)
    listable = [k for k in KINDS if k not in (CONFORMS, NOT_RUN)]  # not-run is the run's budget, not a behaviour
    if kind not in listable:
        raise SetupError(f"{where}: kind {kind!r} is not one of {', '.join(listable)}")
    if not isinstance(prop, str) or (prop and prop not in properties):
        raise SetupError(f"{where}: property {prop!r} is not a property of the suite")
    if kind == DEVIATES and (not isinstance(signature, str) or not SIGNATURE_FORM.match(signature)):
        raise SetupError(
            f"{where}: signature {signature!r} is not a deviation's signature"
            " ('CALL TYPE ...: FIELD linux VALUE / impl VALUE', copy it from the report)"
        )
    if kind != DEVIATES and (signature or not prop):
        raise SetupError(f"{where}: a {kind} entry names the property it happens in, and no signature")
    reason, link, undemonstrable = _explained(where, raw)
    return Expected(signature, prop, kind, reason, link, path, undemonstrable)
