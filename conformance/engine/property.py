"""A property: one behaviour area's scenarios, the catalog rows they exercise, and what they need."""

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
