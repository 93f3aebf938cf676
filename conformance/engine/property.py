"""A property: one behaviour area's scenarios, the catalog rows they exercise, and what they need.

``traps`` are explicit scenarios run first on every run (hypothesis's explicit
phase): the catalog's behaviours that implementations most often get wrong,
checked deterministically, so that the random budget goes to exploration."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from .scenario import Scenario


@dataclass(frozen=True)
class Property:
    id: str
    area: str
    catalog: tuple[str, ...]
    scenarios: st.SearchStrategy[Scenario]
    needs: frozenset[str]
    doc: str
    traps: tuple[Scenario, ...] = ()
