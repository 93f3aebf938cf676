"""Results as a matrix on the terminal and as a JSON-lines report.

A report is a header line (the format, and the environment the run saw), one
line per result, one line per distinct deviation (reporting/distinct.py), and
a footer that repeats the counts: a report without its footer (or with a wrong
count) was cut short and is refused by ``summary``.  Scenarios are written
whole, one protocol line per step, never shortened.
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
from ..engine.result import KINDS, Finding, Result, cell_text
from ..errors import SetupError
from . import schema
from .distinct import Distinct
from .reproducers import Demonstration

FORMAT = "socketpair-conformance-report/2"


def matrix(results: list[Result], impls: list[str], known_failures: Optional[set[tuple[str, str]]] = None) -> str:
    """Rows are properties, columns implementations; a cell counts the distinct deviations
    a property found; a crash or hang an expectation file lists says ``(known)``."""
    props = list(dict.fromkeys(r.property_id for r in results))
    known_failures = known_failures or set()
    cells = {
        (r.property_id, r.impl): cell_text(
            r.kind, len(r.findings), len(r.known_seen), (r.property_id, r.impl) in known_failures
        )
        for r in results
    }
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


def _result_record(r: Result, known: Optional[str]) -> dict[str, Any]:
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
    }


def _deviation_record(d: Distinct, reproducers: Sequence[str], shown: Optional[Demonstration]) -> dict[str, Any]:
    prop, smallest = d.smallest
    return {
        "type": "deviation",
        "impl": d.impl,
        "signature": d.signature,
        "calls": d.calls,
        "properties": d.properties,
        "catalog_row": d.behaviour,
        "status": d.status,
        "seen": d.seen,
        "minimal_in": prop,
        "reproducers": list(reproducers),
        # run before reporting: [Linux's line, the implementation's], or why they do not show it
        "reproduced": list(shown) if isinstance(shown, tuple) else shown,
        "finding": finding_record(smallest),
    }


def write(
    path: Path,
    results: list[Result],
    header: dict[str, Any],
    deviations: Sequence[Distinct],
    reproducers: Mapping[tuple[str, str], Sequence[str]],
    known_failures: Mapping[tuple[str, str], str],
    shown: Optional[Mapping[tuple[str, str], Demonstration]] = None,
) -> None:
    with whole(path) as tmp, tmp.open("w") as out:
        out.write(json.dumps({"type": "header", "format": FORMAT, **header}) + "\n")
        for r in results:
            out.write(json.dumps(_result_record(r, known_failures.get((r.property_id, r.impl)))) + "\n")
        for d in deviations:
            paths = reproducers.get((d.impl, d.signature), ())
            out.write(json.dumps(_deviation_record(d, paths, (shown or {}).get((d.impl, d.signature)))) + "\n")
        out.write(json.dumps({"type": "footer", "results": len(results), "deviations": len(deviations)}) + "\n")


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
    """A report's header, results and deviations; anything else is one line of SetupError."""
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
    if isinstance(written, str) and written.startswith(FORMAT.split("/")[0] + "/") and written != FORMAT:
        raise SetupError(f"{path} is a report of format {written}; this version reads {FORMAT}: run it again")
    if written != FORMAT:
        raise SetupError(f"{path} is not a socketpair-conformance report (no {FORMAT} header)")
    rules = schema.schema()
    for number, record in enumerate(records, 1):
        found = schema.problem(record, rules, rules)
        if found:
            raise SetupError(f"{path} is not a valid report: record {number}: {found} (report.schema.json)")
    results = [r for r in records if r["type"] == "result"]
    deviations = [r for r in records if r["type"] == "deviation"]
    footer = records[-1]
    if (
        footer["type"] != "footer"
        or footer["results"] != len(results)
        or footer["deviations"] != len(deviations)
        or sum(r["type"] == "header" for r in records) != 1
    ):
        raise SetupError(f"{path} is truncated (no footer, or its counts do not match): rerun with --report")
    return records[0], results, deviations


def summary(path: Path, out: TextIO) -> None:
    header, results, deviations = load(path)
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
        mine = [d for d in deviations if d["impl"] == impl]
        if mine:
            out.write(f"\n## {impl}: {len(mine)} distinct deviations\n\n")
        for d in mine:
            out.write(
                f"- `{d['signature']}` ({d['catalog_row']}, {d['status']}, {d['finding']['shrink']}),"
                f" in {', '.join(d['properties'])}\n"
            )
            out.write("\n```\n" + d["finding"]["text"] + "\n```\n\n")
    for kind in KINDS[2:]:
        found = [r for r in results if r["kind"] == kind]
        if found:
            out.write(f"\n## {kind}\n\n")
            for r in found:
                known = f" *(known: {r['expected']})*" if r.get("expected") else ""
                out.write(f"- **{r['impl']}** `{r['property']}`{known}: {r['detail']}\n")


def record_cell(record: dict[str, Any]) -> str:
    """:func:`cell_text` of a result record."""
    found, known = len(record["findings"]), len(record["known_seen"])
    return cell_text(str(record["kind"]), found, known, bool(record.get("expected")))
