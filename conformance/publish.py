"""Publish the matrix of real socketpair implementations in ``docs/matrix/``.

    python -m conformance.publish [--out docs/matrix]      (tox -e matrix)

One ``run`` over every named adapter, hunting every distinct deviation
(docs/deviations.md); the expectation file of each adapter
(``docs/matrix/expectations/NAME.toml``) says what each deviation, named by its
signature, *means*.  Every deviation's two reproducers are then compiled and
run, and a deviation counts as demonstrated only when the C program (Linux)
and the Python script (the library) print the same lines up to the diverging
step and different ones at it.  The page is written only when every deviation
is explained and demonstrated (or its entry says why its programs cannot show it on
demand: ``undemonstrable``, printed on the page); otherwise the problems are printed and the exit
status is 1, so the published page cannot drift from what the command sees.
The run itself is given no expectation file: a known deviation would not be
hunted, and so would have no scenario and no reproducers to publish.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import os
import platform
import shutil
import sys
from pathlib import Path
from typing import Any, Optional

from .cli import main as cli
from .engine.result import headline
from .errors import SetupError
from .impl import specs
from .reporting import coverage, expectations, report, reproducers
from .reporting.reproducers import demonstrate

IMPLS = ["native", "fallback", "asyncio", "trio", "gevent", "eventlet", "anyio"]
LIBRARIES = {"trio": "trio", "gevent": "gevent", "eventlet": "eventlet", "anyio": "anyio"}
REPO = Path(__file__).resolve().parent.parent
REPORT = "report.jsonl.gz"  # the published run's report, gzip-compressed (summary reads it as it is)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "matrix"))
    parser.add_argument(
        "--no-run",
        action="store_true",
        help="publish the last run's report again (after explaining its deviations); its reproducers are "
        "written again from the recorded scenarios and rerun",
    )
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    if not args.no_run:
        shutil.rmtree(out / "reproducers", ignore_errors=True)
        impl_args = [f"--impl={i}" for i in IMPLS]
        outputs = ["--report", "report.jsonl", "--reproducers", "reproducers", "--shrink-seconds=10"]
        cwd = os.getcwd()
        os.chdir(out)  # paths in the report relative to the page
        try:
            status = cli(["run", "--profile", "ci", *impl_args, *outputs])
        finally:
            os.chdir(cwd)
        if status == 2:
            print("publish: the run could not start (above)", file=sys.stderr)
            return 2
        # kept compressed: a hundred megabytes of periodic payloads, beyond what a git host takes
        plain = out / "report.jsonl"
        (out / REPORT).write_bytes(gzip.compress(plain.read_bytes(), 9))
        plain.unlink()
    try:
        explained = {e.impl: e for e in (expectations.load(p) for p in sorted((out / "expectations").glob("*.toml")))}
    except SetupError as exc:
        print(f"publish: {exc}", file=sys.stderr)
        return 2
    _, results, deviations = report.load(out / REPORT)
    if args.no_run:  # the programs as this version writes them, from the scenarios the run recorded
        shutil.rmtree(out / "reproducers", ignore_errors=True)
        for d in deviations:
            finding = reproducers.finding_from_record(d)
            spec = specs.parse(d["impl"])
            argv = list(spec.argv) if spec.argv else None
            written = reproducers.write(d["minimal_in"], d["impl"], finding, out / "reproducers", spec.factory, argv)
            d["reproducers"] = [str(p.relative_to(out)) for p in written]
    problems: list[str] = []
    reasons: dict[tuple[str, str], str] = {}
    for d in deviations:
        entry = _entry_for(explained.get(d["impl"]), d["signature"], d["properties"])
        if entry is None:
            problems.append(f"{d['impl']}: `{d['signature']}` is not explained in expectations/{d['impl']}.toml")
            continue
        reasons[(d["impl"], d["signature"])] = entry.reason
        demo = demonstrate([out / p for p in d["reproducers"]], REPO)
        if isinstance(demo, str) and entry.undemonstrable:
            d["undemonstrable"] = entry.undemonstrable  # said on the page, with the programs
        elif isinstance(demo, str):
            problems.append(f"{d['impl']} `{d['signature']}`: the reproducers do not demonstrate it: {demo}")
        else:
            d["demo"] = demo
    for r in results:
        if r["kind"] in ("crashed", "hung", "protocol-error"):
            exp = explained.get(r["impl"])
            entry = (
                next((e for e in exp.entries if e.kind == r["kind"] and e.property_id == r["property"]), None)
                if exp
                else None
            )
            if entry is None:
                problems.append(
                    f"{r['impl']} {r['property']} {r['kind']}: not explained in expectations/{r['impl']}.toml"
                )
            else:
                reasons[(r["impl"], r["property"])] = entry.reason
    if problems:
        print("publish: not published:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    (out / "README.md").write_text(render(results, deviations, reasons))
    shown = sum(1 for d in deviations if "demo" in d)
    print(
        f"published {out / 'README.md'}: {len(results)} results, {len(deviations)} distinct deviations,"
        f" {shown} demonstrated, {len(deviations) - shown} undemonstrable (each says why)"
    )
    return 0


def _entry_for(
    exp: Optional[expectations.Expectations], signature: str, properties: list[str]
) -> Optional[expectations.Expected]:
    if exp is None:
        return None
    return next((e for e in exp.entries if e.signature == signature and any(e.applies_to(p) for p in properties)), None)


def _version(impl: str) -> str:
    if impl in LIBRARIES:
        return f"{LIBRARIES[impl]} {importlib.metadata.version(LIBRARIES[impl])}"
    return f"Python {platform.python_version()}"


def _coverage(props: list[str]) -> str:
    """The catalog rows the published properties exercise, as the coverage command counts them."""
    table = coverage.coverage()
    published = set(props)
    rows = {r.row for r in table if r.status == coverage.EXERCISED and published & set(r.properties)}
    na = sum(1 for r in table if r.status == coverage.NOT_APPLICABLE_KIND)
    return f"{len(rows)} of {len(table)} rows exercised, {na} not applicable."


def render(results: list[dict[str, Any]], deviations: list[dict[str, Any]], reasons: dict[tuple[str, str], str]) -> str:
    props = list(dict.fromkeys(r["property"] for r in results))
    cell = {(r["property"], r["impl"]): report.record_cell(r) for r in results}
    lines = [
        "# Conformance matrix: socketpair implementations that exist on PyPI and in CPython",
        "",
        "Written by `python -m conformance.publish` (`tox -e matrix`); do not edit by hand.",
        f"Profile `ci` (derandomised), Linux {platform.release()}, "
        + ", ".join(dict.fromkeys(_version(i) for i in IMPLS))
        + ".",
        "Each cell counts the distinct deviations the property found ([what one is](../deviations.md));",
        "each implementation's section lists them once, whichever properties found them. What each means",
        "comes from [`expectations/`](expectations/); each has a C program (what Linux does) and a Python",
        "script (what the library does) in [`reproducers/`](reproducers/) that print the same lines up to",
        "the diverging step and different ones at it: the lines quoted here.",
        f"Catalog coverage of these properties: {_coverage(props)}",
        "(`socketpair-conformance coverage` lists every row).",
        "",
        "| property | " + " | ".join(IMPLS) + " |",
        "|---|" + "---|" * len(IMPLS),
    ]
    for p in props:
        lines.append(f"| {p} | " + " | ".join(cell.get((p, i), "-") for i in IMPLS) + " |")
    for impl in IMPLS:
        mine = [d for d in deviations if d["impl"] == impl]
        failed = [r for r in results if r["impl"] == impl and r["kind"] not in ("conforms", "deviates")]
        lines += ["", f"## {impl} ({_version(impl)}): {len(mine)} distinct deviations", ""]
        if not mine and not failed:
            lines.append("Conforms on every property.")
        for number, d in enumerate(mine, 1):
            head = headline(f"`{d['signature']}`", d["finding"]["operation_name"], d["calls"])
            lines.append(f"{number}. {head}: {reasons[(impl, d['signature'])]}")
            lines.append(f"   - catalog {d['catalog_row']}; {d['status']}; in {', '.join(d['properties'])}")
            c, py = (next(p for p in d["reproducers"] if p.endswith(ext)) for ext in (".c", ".py"))
            if "demo" in d:
                linux, library = (f"`{line[:100]}`" for line in d["demo"])
                lines.append(f"   - [C]({c}) (Linux) prints {linux}; [Python]({py}) prints {library}")
            else:
                lines.append(f"   - [C]({c}) and [Python]({py}) do not show it on demand: {d['undemonstrable']}")
        for r in failed:
            why = reasons.get((impl, r["property"]), r["detail"])
            lines.append(f"- `{r['property']}` **{r['kind']}**: {why}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
