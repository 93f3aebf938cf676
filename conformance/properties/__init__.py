"""The suite's properties, one module per behaviour area.

Each module registers :class:`Property` values; :func:`all_properties`
discovers whatever modules are present, so an area is added (or removed) by
adding (or deleting) its file.  Every property is tagged with the catalog IDs
(spec/behaviour-catalog.md) its scenarios exercise.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from typing import Optional

from hypothesis import strategies as st

from ..engine.property import Property as Property
from ..engine.scenario import Scenario
from ..errors import SetupError

_REGISTRY: dict[str, Property] = {}


def register(
    id: str,
    area: str,
    catalog: str,
    scenarios: st.SearchStrategy[Scenario],
    needs: str,
    doc: str,
    traps: Sequence[Scenario] = (),
) -> Property:
    prop = Property(id, area, tuple(catalog.split()), scenarios, frozenset(needs.split()), doc, tuple(traps))
    if id in _REGISTRY:
        raise ValueError(f"property {id} registered twice")
    _REGISTRY[id] = prop
    return prop


def all_properties() -> list[Property]:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return sorted(_REGISTRY.values(), key=lambda p: p.id)


def select(
    areas: Optional[Iterable[str]] = None, ids: Optional[Iterable[str]] = None, area_label: str = "area"
) -> list[Property]:
    """The properties of these areas and/or with these ids (all without either); a name that
    matches none is one SetupError naming the nearest ones, never a silently smaller run.
    ``area_label`` is how the caller spells an area in that message (the CLI: ``--area``)."""
    every = all_properties()
    wanted_areas, wanted_ids = set(areas or ()), set(ids or ())
    for asked, known, label, noun in (
        (wanted_areas, {p.area for p in every}, area_label, "area"),
        (wanted_ids, {p.id for p in every}, "property", "property"),
    ):
        for missing in sorted(asked - known):
            near = difflib.get_close_matches(missing, sorted(known), n=2)
            hint = f"did you mean {' or '.join(near)}?" if near else "socketpair-conformance list names them all"
            raise SetupError(f"{label} {missing}: no such {noun}; {hint}")
    if not wanted_areas and not wanted_ids:
        return every
    return [p for p in every if p.area in wanted_areas or p.id in wanted_ids]
