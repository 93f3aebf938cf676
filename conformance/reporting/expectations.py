"""Expectation files: an implementation's known deviations, kept as data outside the code.

An implementer runs the suite in their CI with ``--expect FILE``: known gaps
keep the run green, anything new fails it, and a known deviation that stops
happening is reported so the entry can be removed.  One TOML file per
implementation::

    impl = "fallback"                      # the --impl spec it applies to

    [[deviation]]
    id = "fdpass.rights_identity_and_order:H1"   # PROPERTY:ROW (engine/attribution.py), or PROPERTY for any row
    kind = "deviates"                      # or crashed / hung / protocol-error; default deviates
    reason = "TCP sockets carry no SCM_RIGHTS"
    link = "https://example.org/bug/1"     # optional

A property stops at its first deviation, so an entry is reported *now
conforms* only when its property ran every example and conformed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..engine.runner import CONFORMS, KINDS, Result
from ..errors import SetupError
from ..properties import all_properties

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 by tox
    import tomli as tomllib

_ENTRY_KEYS = {"id", "kind", "reason", "link"}


@dataclass(frozen=True)
class Expected:
    id: str
    kind: str
    reason: str
    link: str
    source: Path

    def matches(self, result: Result) -> bool:
        if result.kind != self.kind:
            return False
        return self.id in (result.id, result.property_id)

    @property
    def property_id(self) -> str:
        return self.id.split(":")[0]


@dataclass(frozen=True)
class Expectations:
    impl: str
    entries: tuple[Expected, ...]

    def known(self, result: Result) -> Optional[Expected]:
        return next((e for e in self.entries if e.matches(result)), None)

    def now_conforming(self, results: list[Result]) -> list[Expected]:
        conforming = {r.property_id for r in results if r.impl == self.impl and r.kind == CONFORMS}
        return [e for e in self.entries if e.property_id in conforming]


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
    return Expectations(impl, tuple(entries))


def _entry(path: Path, number: int, raw: Any, properties: set[str]) -> Expected:
    where = f"{path}: deviation #{number}"
    if not isinstance(raw, dict):
        raise SetupError(f"{where} is not a table; write it as [[deviation]]")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise SetupError(
            f"{where} has unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_ENTRY_KEYS))}"
        )
    ident, kind, reason = raw.get("id"), raw.get("kind", "deviates"), raw.get("reason")
    if not isinstance(ident, str) or ident.split(":")[0] not in properties:
        raise SetupError(f"{where}: id {ident!r} does not name a property (PROPERTY or PROPERTY:ROW)")
    if kind not in KINDS or kind == CONFORMS:
        raise SetupError(f"{where}: kind {kind!r} is not one of {', '.join(k for k in KINDS if k != CONFORMS)}")
    if not isinstance(reason, str) or not reason.strip():
        raise SetupError(f"{where}: give a reason, so the next reader knows why it is accepted")
    return Expected(ident, kind, reason.strip(), str(raw.get("link", "")), path)
