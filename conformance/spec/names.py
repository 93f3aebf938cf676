"""How names travel on the wire: symbolic names for numbers, numbers where no name fits.

Each operation owns the table of its own names (``ops/pair.py`` the families,
``ops/shutdown.py`` the ``how`` values, ...); these helpers read any table.
Numbers outside a table travel as decimal, so a scenario can ask for an
invalid family or flag.
"""

from __future__ import annotations

from collections.abc import Mapping

from .constants import refuse_if_lacking


def lookup(table: Mapping[str, int], text: str) -> int:
    """The number a name stands for, to give the implementation (a constant this
    interpreter does not export makes the step unsupported: spec/constants.py)."""
    if text in table:
        return refuse_if_lacking(table[text])
    return int(text)  # ValueError for anything else: a malformed request


def lookup_set(table: Mapping[str, int], text: str) -> int:
    value = 0
    for item in filter(None, text.split(",")):
        value |= lookup(table, item)
    return value


def name_set(table: Mapping[str, int], value: int) -> str:
    value = int(value)  # an IntFlag remainder would print as an enum name on 3.9
    names = []
    for name, bit in table.items():
        if value & bit:
            names.append(name)
            value &= ~bit
    if value:
        names.append(str(value))
    return ",".join(names)


def name_of(table: Mapping[str, int], value: int) -> str:
    return next((name for name, v in table.items() if v == value), str(value))
