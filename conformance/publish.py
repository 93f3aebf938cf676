"""Publish the matrix of real socketpair implementations in ``docs/matrix/``.

    python -m conformance.publish [--out docs/matrix]      (tox -e matrix)

One ``run`` over every named adapter, hunting every distinct deviation
(docs/deviations.md); the expectation file of each adapter
(``docs/matrix/expectations/NAME.toml``) names its findings, one ``[[finding]]``
per cause, and says what each *means*: the run's deviations are grouped by the
entry that matches them, each a variant of that finding.  Each finding's smallest
variant's two reproducers are then compiled and run, and a finding counts as
demonstrated only when the C program (Linux) and the Python script (the library)
print the same lines up to the diverging step and different ones at it.  The page
is written only when every deviation is explained and every finding demonstrated
(or its entry says why its programs cannot show it on demand: ``undemonstrable``,
printed on the page); otherwise the problems are printed and the exit status is 1,
so the published page cannot drift from what the command sees.
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
from .engine.result import cell_text, headline
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
        outputs = ["--report", "report.jsonl", "--shrink-seconds=10"]  # reproducers: per finding, below
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
    _, results, loaded = report.load(out / REPORT)
    variants = [v for f in loaded for v in f["variants"]]  # every distinct deviation of the run
    problems: list[str] = []
    findings: list[dict[str, Any]] = []
    by_entry: dict[int, dict[str, Any]] = {}
    for v in variants:
        entry = _entry_for(explained.get(v["impl"]), v["signature"], v["properties"])
        if entry is None:
            problems.append(f"{v['impl']}: `{v['signature']}` is not explained in expectations/{v['impl']}.toml")
            continue
        if id(entry) not in by_entry:
            by_entry[id(entry)] = {"impl": v["impl"], "entry": entry, "variants": []}
            findings.append(by_entry[id(entry)])
        by_entry[id(entry)]["variants"].append(v)
    # the programs as this version writes them, from the scenario each finding's smallest variant recorded
    shutil.rmtree(out / "reproducers", ignore_errors=True)
    for f in findings:
        f["variants"].sort(key=report.scenario_size)
        smallest = f["variants"][0]
        spec = specs.parse(f["impl"])
        argv = list(spec.argv) if spec.argv else None
        finding = reproducers.finding_from_record(smallest)
        written = reproducers.write(smallest["minimal_in"], f["impl"], finding, out / "reproducers", spec.factory, argv)
        f["reproducers"] = [str(p.relative_to(out)) for p in written]
        entry = f["entry"]
        demo = demonstrate([out / p for p in f["reproducers"]], REPO)
        if isinstance(demo, str) and entry.undemonstrable:
            f["undemonstrable"] = entry.undemonstrable  # said on the page, with the programs
        elif isinstance(demo, str):
            problems.append(f"{f['impl']} `{smallest['signature']}`: the reproducers do not demonstrate it: {demo}")
        else:
            f["demo"] = demo
    reasons: dict[tuple[str, str], str] = {}
    for r in results:
        if r["kind"] in ("crashed", "hung", "protocol-error"):
            exp = explained.get(r["impl"])
            failure = (
                next((e for e in exp.entries if e.kind == r["kind"] and e.property_id == r["property"]), None)
                if exp
                else None
            )
            if failure is None:
                problems.append(
                    f"{r['impl']} {r['property']} {r['kind']}: not explained in expectations/{r['impl']}.toml"
                )
            else:
                reasons[(r["impl"], r["property"])] = failure.reason
    if problems:
        print("publish: not published:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    (out / "README.md").write_text(render(results, findings, reasons, explained))
    shown = sum(1 for f in findings if "demo" in f)
    print(
        f"published {out / 'README.md'}: {len(results)} results, {len(findings)} findings"
        f" ({len(variants)} distinct deviations), {shown} demonstrated,"
        f" {len(findings) - shown} undemonstrable (each says why)"
    )
    return 0


def _entry_for(
    exp: Optional[expectations.Expectations], signature: str, properties: list[str]
) -> Optional[expectations.Expected]:
    if exp is None:
        return None
    return next((e for e in exp.entries if e.matches(signature) and any(e.applies_to(p) for p in properties)), None)


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


def render(
    results: list[dict[str, Any]],
    findings: list[dict[str, Any]],
    reasons: dict[tuple[str, str], str],
    explained: dict[str, expectations.Expectations],
) -> str:
    """The page: the matrix (cells count findings), the counts per implementation, then
    each implementation's findings with their reproducers, variants folded."""
    props = list(dict.fromkeys(r["property"] for r in results))
    cell = {}
    for r in results:
        mine = [f for f in findings if f["impl"] == r["impl"]]
        shown = sum(1 for f in mine if any(r["property"] in v["properties"] for v in f["variants"]))
        cell[(r["property"], r["impl"])] = (
            cell_text(r["kind"], shown, 0, False) if r["kind"] == "deviates" or shown else report.record_cell(r)
        )
    lines = [
        "# Conformance matrix: socketpair implementations that exist on PyPI and in CPython",
        "",
        "Written by `python -m conformance.publish` (`tox -e matrix`); do not edit by hand.",
        f"Profile `ci` (derandomised), Linux {platform.release()}, "
        + ", ".join(dict.fromkeys(_version(i) for i in IMPLS))
        + ".",
        "Each cell counts the findings the property showed: a finding is one cause, named by an entry of",
        "[`expectations/`](expectations/) that says what it means, with every distinct deviation it explains",
        "as a variant ([what one is](../deviations.md)). Each finding has a C program (what Linux does) and a",
        "Python script (what the library does) in [`reproducers/`](reproducers/), written from its smallest",
        "variant, that print the same lines up to the diverging step and different ones at it: the lines quoted here.",
        f"Catalog coverage of these properties: {_coverage(props)}",
        "(`socketpair-conformance coverage` lists every row).",
        "",
        "| property | " + " | ".join(IMPLS) + " |",
        "|---|" + "---|" * len(IMPLS),
    ]
    for p in props:
        lines.append(f"| {p} | " + " | ".join(cell.get((p, i), "-") for i in IMPLS) + " |")
    lines += [
        "",
        "Per implementation: findings (causes), the distinct deviations they group (what this page counted",
        "before findings), and the expectation file's entries and distinct reasons.",
        "",
        "| implementation | findings | distinct deviations | expectation entries | distinct reasons |",
        "|---|---|---|---|---|",
    ]
    for impl in IMPLS:
        mine = [f for f in findings if f["impl"] == impl]
        exp = explained.get(impl)
        entries = exp.entries if exp else ()
        count = sum(len(f["variants"]) for f in mine)
        lines.append(f"| {impl} | {len(mine)} | {count} | {len(entries)} | {len({e.reason for e in entries})} |")
    for impl in IMPLS:
        mine = [f for f in findings if f["impl"] == impl]
        failed = [r for r in results if r["impl"] == impl and r["kind"] not in ("conforms", "deviates")]
        count = sum(len(f["variants"]) for f in mine)
        lines += ["", f"## {impl} ({_version(impl)}): {len(mine)} findings ({count} distinct deviations)", ""]
        if not mine and not failed:
            lines.append("Conforms on every property.")
        for number, f in enumerate(mine, 1):
            entry, smallest = f["entry"], f["variants"][0]
            head = headline(f"`{smallest['signature']}`", smallest["finding"]["operation_name"], smallest["calls"])
            props_ = list(dict.fromkeys(p for v in f["variants"] for p in v["properties"]))
            rows = list(dict.fromkeys(v["catalog_row"] for v in f["variants"]))
            lines.append(f"{number}. {head}: {entry.reason}")
            lines.append(
                f"   - {len(f['variants'])} variant{'s' if len(f['variants']) != 1 else ''}"
                f" (`{entry.label}`); catalog {', '.join(rows)}; {smallest['status']}; in {', '.join(props_)}"
            )
            c, py = (next(p for p in f["reproducers"] if p.endswith(ext)) for ext in (".c", ".py"))
            if "demo" in f:
                linux, library = (f"`{line[:100]}`" for line in f["demo"])
                lines.append(f"   - [C]({c}) (Linux) prints {linux}; [Python]({py}) prints {library}")
            else:
                lines.append(f"   - [C]({c}) and [Python]({py}) do not show it on demand: {f['undemonstrable']}")
            if len(f["variants"]) > 1:
                lines.append(f"   <details><summary>its {len(f['variants'])} variants</summary>")
                lines.append("")
                for v in f["variants"]:
                    via = headline(f"`{v['signature']}`", v["finding"]["operation_name"], v["calls"])
                    lines.append(f"   - {via} ({v['catalog_row']}; {', '.join(v['properties'])})")
                lines.append("")
                lines.append("   </details>")
        for r in failed:
            why = reasons.get((impl, r["property"]), r["detail"])
            lines.append(f"- `{r['property']}` **{r['kind']}**: {why}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
