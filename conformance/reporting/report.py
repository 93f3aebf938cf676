"""Results as a matrix on the terminal and as a JSON-lines report.

A report is a header line (the format, and the environment the run saw), one
line per result, one line per finding (reporting/findings.py: a cause, holding
its variants, each a distinct deviation), and a footer that repeats the counts:
a report without its footer (or with a wrong count) was cut short and is
refused by ``summary``.  Scenarios are written whole, one protocol line per
step, never shortened.  A report of format 2 (a line per distinct deviation) is
still read: its deviations are grouped into findings as this version groups them.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import subprocess
import sys
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional, TextIO

from .. import __version__
from ..engine.causes import pattern_of, symptom_of
from ..engine.result import KINDS, Finding, Result, cell_text
from ..errors import SetupError
from . import schema
from .distinct import Distinct
from .findings import FindingGroup, cell_counts
from .reproducers import Demonstration

FORMAT = "socketpair-conformance-report/3"
READS = (FORMAT, "socketpair-conformance-report/2")


def cell(result: Result, groups: Sequence[FindingGroup], known_failure: bool = False) -> str:
    """A result's matrix cell: its kind and, for a deviating property, the findings it showed."""
    new, known = cell_counts(groups, result)
    return cell_text(result.kind, new, known, known_failure)


def matrix(
    results: list[Result],
    impls: list[str],
    known_failures: Optional[set[tuple[str, str]]] = None,
    groups: Sequence[FindingGroup] = (),
) -> str:
    """Rows are properties, columns implementations; a cell counts the findings (causes)
    a property showed; a crash or hang an expectation file lists says ``(known)``."""
    props = list(dict.fromkeys(r.property_id for r in results))
    known_failures = known_failures or set()
    cells = {(r.property_id, r.impl): cell(r, groups, (r.property_id, r.impl) in known_failures) for r in results}
    width = max([len(p) for p in props] + [len("property")])
    cols = [max([len(i), 17] + [len(cells.get((p, i), "")) for p in props]) for i in impls]
    lines = [f"{'property':<{width}}  " + "  ".join(f"{i:<{c}}" for i, c in zip(impls, cols))]
    lines.append("-" * len(lines[0]))
    for p in props:
        lines.append(f"{p:<{width}}  " + "  ".join(f"{cells.get((p, i), '-'):<{c}}" for i, c in zip(impls, cols)))
    return "\n".join(lines)


def environment(impls: list[str], profile: str, seed: int) -> dict[str, Any]:
    """What a reader needs to know to compare two reports, or to replay one."""
    libc, libc_version = platform.libc_ver()
    import hypothesis

    return {
        "kernel": f"{platform.system()} {platform.release()}",
        "machine": platform.machine(),
        "libc": f"{libc} {libc_version}".strip() or "unknown",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "hypothesis": hypothesis.__version__,
        "suite": __version__,
        "commit": _commit(),
        "impls": impls,
        "profile": profile,
        "seed": seed,
        "argv": sys.argv[1:],
    }


def _commit() -> str:
    """The checkout's commit, when the suite runs from one (an installed wheel has none)."""
    root = Path(__file__).resolve().parent.parent.parent
    if not (root / ".git").exists():
        return "unknown"
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def finding_record(finding: Finding) -> dict[str, Any]:
    divergence, sig = finding.divergence, finding.signature
    last = divergence.steps[-1]
    differing = [
        k
        for k in dict.fromkeys([k for k, _ in last.reference.fields] + [k for k, _ in last.implementation.fields])
        if last.reference.get(k) != last.implementation.get(k)
    ]
    if last.reference.status != last.implementation.status:
        differing.insert(0, "status")
    return {
        "signature": str(sig),
        "operation_name": sig.call,
        "calls": list(finding.calls),
        "sock_type": sig.sock_type,
        "field": sig.field,
        "linux_value": sig.linux,
        "impl_value": sig.impl,
        "reason": divergence.reason,
        "operation": last.op.line(last.index),
        "linux": last.reference.line(),
        "implementation": last.implementation.line(),
        "differing_fields": differing,
        "catalog_row": finding.behaviour,
        "seen": finding.seen,
        "shrink": finding.shrink,
        "status": finding.status,
        "scenario": [o.line(i) for i, o in enumerate(divergence.scenario.ops(), 1)],
        "steps": [
            {"op": s.op.line(s.index), "linux": s.reference.line(), "implementation": s.implementation.line()}
            for s in divergence.steps
        ],
        "text": str(divergence),
    }


def _result_record(r: Result, known: Optional[str], groups: Sequence[FindingGroup]) -> dict[str, Any]:
    return {
        "type": "result",
        "id": r.id,
        "property": r.property_id,
        "impl": r.impl,
        "kind": r.kind,
        "detail": r.detail,
        "catalog": list(r.catalog),
        "examples": r.examples,
        "seconds": round(r.seconds, 3),
        "seed": r.seed,
        "expected": known,
        "findings": [finding_record(f) for f in r.findings],
        "known_seen": list(r.known_seen),
        "consequences": [finding_record(f) for f in r.consequences],
        "cell": cell(r, groups, known is not None),
        "unfinished": r.unfinished,
        "reached": dict(r.reached),
    }


def _variant_record(d: Distinct) -> dict[str, Any]:
    prop, smallest = d.smallest
    return {
        "impl": d.impl,
        "signature": d.signature,
        "calls": d.calls,
        "properties": d.properties,
        "catalog_row": d.behaviour,
        "status": d.status,
        "seen": d.seen,
        "minimal_in": prop,
        "cause": d.cause,
        "as_if_without": d.as_if_without,
        "reproducers": [],
        "finding": finding_record(smallest),
    }


def _finding_record(
    number: int, g: FindingGroup, reproducers: Sequence[str], shown: Optional[Demonstration]
) -> dict[str, Any]:
    return {
        "type": "finding",
        "impl": g.impl,
        "number": number,
        "headline": g.headline,
        "as_if_without": g.as_if_without,
        "pattern": g.pattern,
        "new": [v.signature for v in g.new_variants],
        "known": g.entry.reason if g.entry is not None else None,
        "known_variants": list(g.known_variants),
        "properties": g.properties,
        "catalog_rows": g.behaviours,
        "status": g.status,
        "reproducers": list(reproducers),
        # run before reporting: [Linux's line, the implementation's], or why they do not show it
        "reproduced": list(shown) if isinstance(shown, tuple) else shown,
        "variants": [_variant_record(v) for v in g.variants],
    }


def write(
    path: Path,
    results: list[Result],
    header: dict[str, Any],
    groups: Sequence[FindingGroup],
    reproducers: Mapping[tuple[str, str], Sequence[str]],
    known_failures: Mapping[tuple[str, str], str],
    shown: Optional[Mapping[tuple[str, str], Demonstration]] = None,
) -> None:
    """``reproducers`` and ``shown`` are keyed by (implementation, the smallest variant's signature)."""
    with whole(path) as tmp, tmp.open("w") as out:
        out.write(json.dumps({"type": "header", "format": FORMAT, **header}) + "\n")
        for r in results:
            out.write(json.dumps(_result_record(r, known_failures.get((r.property_id, r.impl)), groups)) + "\n")
        numbers: dict[str, int] = {}
        for g in groups:
            numbers[g.impl] = numbers.get(g.impl, 0) + 1
            key = (g.impl, g.smallest.signature) if g.variants else ("", "")
            record = _finding_record(numbers[g.impl], g, reproducers.get(key, ()), (shown or {}).get(key))
            out.write(json.dumps(record) + "\n")
        out.write(json.dumps({"type": "footer", "results": len(results), "findings": len(groups)}) + "\n")


@contextmanager
def whole(path: Path) -> Iterator[Path]:
    """A file written under ``PATH.partial`` and renamed to ``path`` only when all of it is
    there: never a half-written report under the real name, nothing left on an error."""
    tmp = path.with_name(path.name + ".partial")
    try:
        yield tmp
        tmp.replace(path)
    finally:
        if tmp.exists():
            os.unlink(tmp)


def load(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """A report's header, results and findings (a format-2 report's deviations grouped into
    findings: :func:`regroup`); anything else is one line of SetupError."""
    try:
        raw = path.read_bytes()
        # a gzip-compressed report (the published matrix's: its payloads compress 170 to 1)
        lines = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8").splitlines()
    except (gzip.BadGzipFile, EOFError, zlib.error):
        raise SetupError(f"{path} is not a report: it is not valid gzip") from None
    except OSError as exc:
        raise SetupError(f"cannot read report {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SetupError(f"{path} is not a report: it is not UTF-8 text") from None
    try:
        records = [json.loads(line) for line in lines if line.strip()]
    except json.JSONDecodeError as exc:
        raise SetupError(f"{path} is not a report: line {exc.lineno} is not JSON") from None
    first = records[0] if records and isinstance(records[0], dict) else {}
    written = first.get("format") if first.get("type") == "header" else None
    if isinstance(written, str) and written.startswith(FORMAT.split("/")[0] + "/") and written not in READS:
        raise SetupError(f"{path} is a report of format {written}; this version reads {', '.join(READS)}: run it again")
    if written not in READS:
        raise SetupError(f"{path} is not a socketpair-conformance report (no {FORMAT} header)")
    rules = schema.schema()
    for number, record in enumerate(records, 1):
        found = schema.problem(record, rules, rules)
        if found:
            raise SetupError(f"{path} is not a valid report: record {number}: {found} (report.schema.json)")
    results = [r for r in records if r["type"] == "result"]
    listed = [r for r in records if r["type"] == ("finding" if written == FORMAT else "deviation")]
    footer = records[-1]
    if (
        footer["type"] != "footer"
        or footer["results"] != len(results)
        or footer.get("findings" if written == FORMAT else "deviations") != len(listed)
        or sum(r["type"] == "header" for r in records) != 1
    ):
        raise SetupError(f"{path} is truncated (no footer, or its counts do not match): rerun with --report")
    if written == FORMAT:
        return records[0], results, listed
    findings = regroup(listed)
    for r in results:  # cells count findings, as this version's do
        if r["kind"] == "deviates" and r["findings"]:
            mine = [f for f in findings if f["impl"] == r["impl"]]
            shown = sum(1 for f in mine if any(r["property"] in v["properties"] for v in f["variants"]))
            r["cell"] = cell_text(r["kind"], shown, len(r["known_seen"]), bool(r.get("expected")))
    return records[0], results, findings


def scenario_size(variant: dict[str, Any]) -> tuple[int, int]:
    """A variant record's scenario size, as Scenario.size measures it: steps, then characters."""
    lines = variant["finding"]["scenario"]
    return len(lines), sum(map(len, lines))


def regroup(deviations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A format-2 report's deviation records as format-3 finding records: grouped by
    symptom (engine/causes.py; the old report kept no consequences), each deviation's
    reproducers standing for its finding when it is the smallest variant."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for d in deviations:
        by_key.setdefault((d["impl"], symptom_of(d["signature"])), []).append(d)
    out: list[dict[str, Any]] = []
    numbers: dict[str, int] = {}
    for (impl, _), members in by_key.items():
        members.sort(key=scenario_size)
        smallest = members[0]
        numbers[impl] = numbers.get(impl, 0) + 1
        variants = [{**d, "cause": "", "reproducers": d.get("reproducers", [])} for d in members]
        for v in variants:
            v.pop("type", None)
        out.append(
            {
                "type": "finding",
                "impl": impl,
                "number": numbers[impl],
                "headline": smallest["signature"],
                "pattern": pattern_of([d["signature"] for d in members]),
                "new": [d["signature"] for d in members],
                "known": None,
                "known_variants": [],
                "properties": list(dict.fromkeys(p for d in members for p in d["properties"])),
                "catalog_rows": list(dict.fromkeys(d["catalog_row"] for d in members)),
                "status": smallest["status"],
                "reproducers": smallest.get("reproducers", []),
                "reproduced": smallest.get("reproduced"),
                "variants": variants,
            }
        )
    return out


def summary(path: Path, out: TextIO) -> None:
    header, results, findings = load(path)
    impls: list[str] = header.get("impls", [])
    props = list(dict.fromkeys(r["property"] for r in results))
    counts = {(r["property"], r["impl"]): record_cell(r) for r in results}
    out.write(f"# socketpair-conformance {header.get('suite')} ({header.get('profile')} profile)\n\n")
    out.write(
        f"{header.get('kernel')}, {header.get('libc')}, {header.get('python')}, hypothesis {header.get('hypothesis')},"
        f" seed {header.get('seed')}\n\n"
    )
    out.write("| property | " + " | ".join(impls) + " |\n|---|" + "---|" * len(impls) + "\n")
    for p in props:
        out.write(f"| {p} | " + " | ".join(counts.get((p, i), "-") for i in impls) + " |\n")
    for impl in impls:
        mine = [f for f in findings if f["impl"] == impl]
        if mine:
            variants = sum(len(f["variants"]) + len(f.get("known_variants", [])) for f in mine)
            out.write(f"\n## {impl}: {len(mine)} findings ({variants} variants)\n\n")
        for f in mine:
            known = f" *(known: {f['known']})*" if f.get("known") else ""
            count = len(f["variants"]) + len(f.get("known_variants", []))
            out.write(
                f"{f['number']}. `{f['headline']}`{known}: {count} variant{'s' if count != 1 else ''},"
                f" catalog {', '.join(f['catalog_rows'])}, {f['status']}, in {', '.join(f['properties'])}\n"
            )
            for v in f["variants"]:
                cause = f" (a consequence of `{v['cause']}`)" if v.get("cause") else ""
                out.write(f"   - `{v['signature']}` ({v['catalog_row']}, {v['finding']['shrink']}){cause}\n")
            if f["variants"]:
                out.write("\n```\n" + f["variants"][0]["finding"]["text"] + "\n```\n\n")
    for kind in KINDS[2:]:
        found = [r for r in results if r["kind"] == kind]
        if found:
            out.write(f"\n## {kind}\n\n")
            for r in found:
                known = f" *(known: {r['expected']})*" if r.get("expected") else ""
                out.write(f"- **{r['impl']}** `{r['property']}`{known}: {r['detail']}\n")


def record_cell(record: dict[str, Any]) -> str:
    """A result record's matrix cell: as written (format 3), or :func:`cell_text` of its counts (format 2)."""
    if isinstance(record.get("cell"), str):
        return str(record["cell"])
    found, known = len(record["findings"]), len(record["known_seen"])
    return cell_text(str(record["kind"]), found, known, bool(record.get("expected")))
