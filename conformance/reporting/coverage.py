"""Which catalog rows the suite exercises: by which properties and verbs, or why not.

A row is *exercised* when a property is tagged with it (the property's scenarios
reach it and its checks can fail there: tests/quality); *not applicable* when no
socketpair scenario can reach it (spec/applicability.py, with the reason);
otherwise *not covered*.  ``socketpair-conformance coverage [--json]``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TextIO

from ..ops.base import operations
from ..properties import all_properties
from ..spec.applicability import NOT_APPLICABLE
from ..spec.catalog import rows

EXERCISED, NOT_APPLICABLE_KIND, NOT_COVERED = "exercised", "not applicable", "not covered"


@dataclass(frozen=True)
class RowCoverage:
    row: str
    behaviour: str
    status: str
    properties: tuple[str, ...]
    verbs: tuple[str, ...]
    reason: str = ""


def coverage() -> list[RowCoverage]:
    props = all_properties()
    verbs = operations()
    out = []
    for row, behaviour in rows().items():
        by = tuple(p.id for p in props if row in p.catalog)
        through = tuple(sorted(v for v, operation in verbs.items() if row in operation.rows))
        status = EXERCISED if by else NOT_APPLICABLE_KIND if row in NOT_APPLICABLE else NOT_COVERED
        out.append(RowCoverage(row, behaviour, status, by, through, NOT_APPLICABLE.get(row, "")))
    return out


def summary(table: list[RowCoverage]) -> str:
    counts = {kind: sum(1 for r in table if r.status == kind) for kind in (EXERCISED, NOT_APPLICABLE_KIND, NOT_COVERED)}
    return (
        f"{counts[EXERCISED]} of {len(table)} catalog rows exercised, "
        f"{counts[NOT_APPLICABLE_KIND]} not applicable, {counts[NOT_COVERED]} not covered"
    )


def write_text(table: list[RowCoverage], out: TextIO) -> None:
    for r in table:
        if r.status == EXERCISED:
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
