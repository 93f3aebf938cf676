"""The behaviour catalog (``behaviour-catalog.md`` beside this module): 155 Linux
behaviours with stable IDs (A1...O5) that properties and operations are tagged with."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

CATALOG_FILE = Path(__file__).with_name("behaviour-catalog.md")
_ROW = re.compile(r"^\| ([A-O][0-9]+) \| (.+?) \|")


@cache
def rows() -> dict[str, str]:
    """Row ID -> the behaviour, as the catalog states it (table rows only)."""
    found: dict[str, str] = {}
    for line in CATALOG_FILE.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            found.setdefault(match.group(1), match.group(2))
    return found
