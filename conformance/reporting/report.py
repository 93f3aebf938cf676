"""Results as a matrix on the terminal and as a JSON-lines report.

A report is a header line, one line per result, and a footer that repeats the
count: a report without its footer (or with a wrong count) was cut short and
is refused by ``summary``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional, TextIO

from .. import __version__
from ..engine.runner import KINDS, Result
from ..errors import SetupError

FORMAT = "socketpair-conformance-report/1"


def matrix(results: list[Result], impls: list[str], known: Optional[set[tuple[str, str]]] = None) -> str:
    """Rows are properties, columns implementations; a deviation an expectation
    file lists is shown as ``deviates (known)``."""
    props = list(dict.fromkeys(r.property_id for r in results))
    known = known or set()
    cell = {(r.property_id, r.impl): r.kind + (" (known)" if (r.property_id, r.impl) in known else "") for r in results}
    width = max([len(p) for p in props] + [len("property")])
    cols = [max(len(i), 17) for i in impls]
    lines = [f"{'property':<{width}}  " + "  ".join(f"{i:<{c}}" for i, c in zip(impls, cols))]
    lines.append("-" * len(lines[0]))
    for p in props:
        lines.append(f"{p:<{width}}  " + "  ".join(f"{cell.get((p, i), '-'):<{c}}" for i, c in zip(impls, cols)))
    return "\n".join(lines)


def _result_record(r: Result, known: Optional[str]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type": "result",
        "id": r.id,
        "property": r.property_id,
        "impl": r.impl,
        "kind": r.kind,
        "detail": r.detail,
        "catalog": list(r.catalog),
        "examples": r.examples,
        "seconds": round(r.seconds, 3),
        "expected": known,
    }
    if r.divergence:
        record["scenario"] = [str(o) for o in r.divergence.scenario.ops()]
        record["divergence"] = str(r.divergence)
    return record


def write(
    path: Path,
    results: Iterable[Result],
    impls: list[str],
    profile: str,
    known: Optional[dict[tuple[str, str], str]] = None,
) -> None:
    tmp = path.with_name(path.name + ".partial")
    count = 0
    with tmp.open("w") as out:
        out.write(
            json.dumps({"type": "header", "format": FORMAT, "version": __version__, "impls": impls, "profile": profile})
            + "\n"
        )
        for r in results:
            reason = (known or {}).get((r.property_id, r.impl))
            out.write(json.dumps(_result_record(r, reason)) + "\n")
            count += 1
        out.write(json.dumps({"type": "footer", "results": count}) + "\n")
    tmp.replace(path)  # never a half-written report under the real name


def load(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        lines = path.read_text().splitlines()
    except OSError as exc:
        raise SetupError(f"cannot read report {path}: {exc.strerror}") from None
    try:
        records = [json.loads(line) for line in lines if line.strip()]
    except json.JSONDecodeError as exc:
        raise SetupError(f"{path} is not a report: line {exc.lineno} is not JSON") from None
    if not records or records[0].get("type") != "header" or records[0].get("format") != FORMAT:
        raise SetupError(f"{path} is not a socketpair-conformance report (no {FORMAT} header)")
    results = [r for r in records if r.get("type") == "result"]
    footer = records[-1]
    if footer.get("type") != "footer" or footer.get("results") != len(results):
        raise SetupError(f"{path} is truncated (no footer, or its count does not match): rerun with --report")
    return records[0], results


def summary(path: Path, out: TextIO) -> None:
    header, results = load(path)
    impls: list[str] = header.get("impls", [])
    props = list(dict.fromkeys(r["property"] for r in results))
    cell = {(r["property"], r["impl"]): r["kind"] + (" (known)" if r.get("expected") else "") for r in results}
    out.write(f"# socketpair-conformance {header.get('version')} ({header.get('profile')} profile)\n\n")
    out.write("| property | " + " | ".join(impls) + " |\n|---|" + "---|" * len(impls) + "\n")
    for p in props:
        out.write(f"| {p} | " + " | ".join(cell.get((p, i), "-") for i in impls) + " |\n")
    for kind in KINDS[1:]:
        found = [r for r in results if r["kind"] == kind]
        if found:
            out.write(f"\n## {kind}\n\n")
            for r in found:
                known = f" *(known: {r['expected']})*" if r.get("expected") else ""
                out.write(f"- **{r['impl']}** `{r.get('id', r['property'])}`{known}: {r['detail']}\n")
                if r.get("divergence"):
                    out.write("\n```\n" + r["divergence"] + "\n```\n")
