"""Which catalog rows the suite exercises: by which properties and verbs, or why not.

A row is *exercised* when a property is tagged with it; *not applicable* when no
socketpair scenario can reach it (spec/applicability.py, with the reason);
otherwise *not covered*.  ``socketpair-conformance coverage [--json]``.

Tagged is not reached.  ``coverage --run REPORT`` reads what a run's steps
observed (engine/attribution.py ``reached``: a row a rule would blame had the
implementation differed at that step) and tells a row *reached* (with the first
step, and the property it ran in) from one only *tagged* in that run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional, TextIO

from ..ops.base import operations
from ..properties import all_properties
from ..spec.applicability import NOT_APPLICABLE
from ..spec.catalog import rows
from . import report

EXERCISED, NOT_APPLICABLE_KIND, NOT_COVERED = "exercised", "not applicable", "not covered"
REACHED, TAGGED_ONLY = "reached", "tagged only"


@dataclass(frozen=True)
class RowCoverage:
    row: str
    behaviour: str
    status: str
    properties: tuple[str, ...]
    verbs: tuple[str, ...]
    reason: str = ""


def coverage(reached: Optional[Mapping[str, str]] = None) -> list[RowCoverage]:
    """Every row; with ``reached`` (a run's, :func:`reached_in`), exercised rows are
    *reached* (the reason says where) or *tagged only*."""
    props = all_properties()
    verbs = operations()
    out = []
    for row, behaviour in rows().items():
        by = tuple(p.id for p in props if row in p.catalog)
        through = tuple(sorted(v for v, operation in verbs.items() if row in operation.rows))
        status = EXERCISED if by else NOT_APPLICABLE_KIND if row in NOT_APPLICABLE else NOT_COVERED
        reason = NOT_APPLICABLE.get(row, "")
        if status == EXERCISED and reached is not None:
            status, reason = (REACHED, reached[row]) if row in reached else (TAGGED_ONLY, "")
        out.append(RowCoverage(row, behaviour, status, by, through, reason))
    return out


def reached_in(path: Path) -> dict[str, str]:
    """Row -> where a run first reached it (``PROPERTY IMPL: step``), from its report."""
    _, results, _ = report.load(path)
    found: dict[str, str] = {}
    for r in results:
        for row, step in (r.get("reached") or {}).items():
            found.setdefault(row, f"{r['property']} {r['impl']}: {step}")
    return found


def summary(table: list[RowCoverage]) -> str:
    kinds = (REACHED, TAGGED_ONLY, EXERCISED, NOT_APPLICABLE_KIND, NOT_COVERED)
    counts = {kind: sum(1 for r in table if r.status == kind) for kind in kinds}
    if counts[REACHED] or counts[TAGGED_ONLY]:
        applicable = len(table) - counts[NOT_APPLICABLE_KIND]
        return (
            f"{counts[REACHED]} of {applicable} applicable catalog rows reached in this run, "
            f"{counts[TAGGED_ONLY]} tagged only, {counts[NOT_APPLICABLE_KIND]} not applicable, "
            f"{counts[NOT_COVERED]} not covered"
        )
    return (
        f"{counts[EXERCISED]} of {len(table)} catalog rows exercised, "
        f"{counts[NOT_APPLICABLE_KIND]} not applicable, {counts[NOT_COVERED]} not covered"
    )


def write_text(table: list[RowCoverage], out: TextIO) -> None:
    for r in table:
        if r.status == REACHED:
            detail = f"reached: {r.reason}"
        elif r.status == TAGGED_ONLY:
            detail = f"tagged only (no step of this run observed it): {', '.join(r.properties)}"
        elif r.status == EXERCISED:
            detail = f"{', '.join(r.properties)}" + (f"  [verbs: {', '.join(r.verbs)}]" if r.verbs else "")
        elif r.status == NOT_APPLICABLE_KIND:
            detail = f"not applicable: {r.reason}"
        else:
            detail = "NOT COVERED: " + r.behaviour[:90]
        out.write(f"{r.row:<4} {detail}\n")
    out.write(summary(table) + "\n")


def write_json(table: list[RowCoverage], out: TextIO) -> None:
    json.dump({"rows": [asdict(r) for r in table], "summary": summary(table)}, out, indent=1)
    out.write("\n")
