"""The suite's properties, one module per behaviour area.

Each module registers :class:`Property` values; :func:`all_properties`
discovers whatever modules are present, so an area is added (or removed) by
adding (or deleting) its file.  Every property is tagged with the catalog IDs
(spec/behaviour-catalog.md) its scenarios exercise.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence

from hypothesis import strategies as st

from ..engine.property import Property as Property
from ..engine.scenario import Scenario

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
