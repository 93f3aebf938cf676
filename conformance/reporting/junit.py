"""``--junit-xml FILE``: the run as JUnit XML, which CI systems show in their test tab.

One test case per property and implementation (classname: the implementation,
name: the property).  A deviating property is a failure whose message counts its
distinct deviations and whose text names each by its signature (the stable id),
with its catalog row, status and reproducer paths; a crash, hang or protocol error
is an error; an unsupported property is skipped, saying what was not declared.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..engine.result import CONFORMS, DEVIATES, NOT_RUN, UNSUPPORTED, Result
from .findings import FindingGroup, cell_counts
from .report import whole


def write(
    path: Path,
    results: Sequence[Result],
    reproducers: Mapping[tuple[str, str], Sequence[str]],
    known_failures: Mapping[tuple[str, str], str],
    groups: Sequence[FindingGroup] = (),
) -> None:
    suites = ET.Element("testsuites", name="socketpair-conformance")
    for impl in dict.fromkeys(r.impl for r in results):
        mine = [r for r in results if r.impl == impl]
        suite = ET.SubElement(suites, "testsuite", name=impl, tests=str(len(mine)))
        counts = {"failures": 0, "errors": 0, "skipped": 0}
        seconds = 0.0
        for r in mine:
            seconds += r.seconds
            case = ET.SubElement(suite, "testcase", classname=impl, name=r.property_id, time=f"{r.seconds:.3f}")
            if r.kind == CONFORMS:
                continue
            if r.kind in (UNSUPPORTED, NOT_RUN):
                ET.SubElement(case, "skipped", message=r.detail or r.kind)
                counts["skipped"] += 1
            elif r.kind == DEVIATES:
                new, _ = cell_counts(groups, r)  # as the matrix counts them
                message = f"{new} findings ({len(r.findings)} distinct deviations)"
                failure = ET.SubElement(case, "failure", type=DEVIATES, message=message)
                failure.text = "\n\n".join(_finding_text(r, i, reproducers) for i in range(len(r.findings)))
                counts["failures"] += 1
            else:
                known = known_failures.get((r.property_id, r.impl))
                if known is not None:  # listed in its expectation file: reported, not failed
                    ET.SubElement(case, "skipped", message=f"{r.kind} (known: {known})")
                    counts["skipped"] += 1
                    continue
                error = ET.SubElement(case, "error", type=r.kind, message=f"{r.kind}: {r.detail}"[:500])
                error.text = r.detail
                counts["errors"] += 1
        suite.set("time", f"{seconds:.3f}")
        for key, value in counts.items():
            suite.set(key, str(value))
    with whole(path) as tmp:
        ET.ElementTree(suites).write(tmp, encoding="utf-8", xml_declaration=True)


def _finding_text(result: Result, index: int, reproducers: Mapping[tuple[str, str], Sequence[str]]) -> str:
    finding = result.findings[index]
    paths = reproducers.get((result.impl, str(finding.signature)), ())
    lines = [f"[{index + 1}] {finding.headline} ({finding.behaviour}, {finding.status})"]
    if paths:
        lines.append("reproducers: " + " ".join(paths))
    lines.append(str(finding.divergence))
    return "\n".join(lines)
