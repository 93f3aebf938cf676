"""Publish the matrix of real socketpair implementations in ``docs/matrix/``.

    python -m conformance.publish [--out docs/matrix]      (tox -e matrix)

One ``run`` over every named adapter, with an expectation file per adapter
(``docs/matrix/expectations/NAME.toml``) that says what each known deviation
*means*; then every deviation's two reproducers are compiled and run, and a
deviation counts as demonstrated only when the C program (Linux) and the
Python script (the library) print the same lines up to the diverging step and
different ones at it.  The page is written only when every deviation is
explained and demonstrated; otherwise the problem is printed and the exit
status is 1, so the published page cannot drift from what the command sees.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

from .cli import main as cli
from .reporting.reproduce_c import CFLAGS
from .reporting.reproducers import slug

IMPLS = ["native", "fallback", "asyncio", "trio", "gevent", "eventlet", "anyio"]
LIBRARIES = {"trio": "trio", "gevent": "gevent", "eventlet": "eventlet", "anyio": "anyio"}
REPO = Path(__file__).resolve().parent.parent


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "matrix"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    repro_dir, report = out / "reproducers", out / "report.jsonl"
    shutil.rmtree(repro_dir, ignore_errors=True)
    expect = [f"--expect={p}" for p in sorted((out / "expectations").glob("*.toml"))]
    impl_args = [f"--impl={i}" for i in IMPLS]
    outputs = ["--report", str(report), "--reproducers", str(repro_dir), "--shrink-seconds=10"]
    status = cli(["run", "--profile", "ci", *impl_args, *expect, *outputs])
    if status == 2:
        print("publish: the run could not start (above)", file=sys.stderr)
        return 2
    problems: list[str] = []
    if status != 0:  # still demonstrate the rest: one run tells everything that is missing
        problems.append(
            "the run found deviations no expectation file explains (above); "
            "add each to docs/matrix/expectations/NAME.toml with what it means"
        )
    results = [r for r in map(json.loads, report.read_text().splitlines()) if r.get("type") == "result"]
    demos = {}
    for r in results:
        if r.get("divergence"):
            demo = demonstrate(repro_dir / slug(r["impl"]), slug(r["id"]))
            if isinstance(demo, str):
                problems.append(f"{r['impl']} {r['id']}: the reproducers do not demonstrate it: {demo}")
            else:
                demos[(r["impl"], r["id"])] = demo
    if problems:
        print("publish: not published:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    (out / "README.md").write_text(render(results, demos))
    print(f"published {out / 'README.md'}: {len(results)} results, {len(demos)} deviations demonstrated")
    return 0


def demonstrate(directory: Path, name: str) -> Any:
    """Run ``name``.c and ``name``.py; (linux line, library line) or why not."""
    source, script = directory / f"{name}.c", directory / f"{name}.py"
    if not source.exists() or not script.exists():
        return "no reproducer written"
    with tempfile.TemporaryDirectory(prefix="spc-publish-") as tmp:
        binary = Path(tmp) / "repro"
        built = subprocess.run(["cc", *CFLAGS.split(), "-o", str(binary), str(source)], capture_output=True, text=True)
        if built.returncode != 0:
            return f"C reproducer does not compile: {built.stderr.strip()[:200]}"
        linux = _lines([str(binary)])
        library = _lines([sys.executable, str(script)])
    if isinstance(linux, str) or isinstance(library, str):
        return linux if isinstance(linux, str) else library
    if not linux or not library or linux[:-1] != library[:-1] or linux[-1] == library[-1]:
        return f"outputs do not differ exactly at the last step:\n    C:  {linux[-3:]}\n    py: {library[-3:]}"
    return linux[-1], library[-1]


def _lines(command: list[str]) -> Any:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=REPO)
    except subprocess.TimeoutExpired:
        return f"{Path(command[-1]).name} did not finish in 30 s"
    return [line for line in done.stdout.splitlines() if line.strip()]


def _version(impl: str) -> str:
    if impl in LIBRARIES:
        return f"{LIBRARIES[impl]} {importlib.metadata.version(LIBRARIES[impl])}"
    return f"Python {platform.python_version()}"


def render(results: list[dict[str, Any]], demos: dict[tuple[str, str], tuple[str, str]]) -> str:
    props = list(dict.fromkeys(r["property"] for r in results))
    cell = {(r["property"], r["impl"]): r["kind"] for r in results}
    lines = [
        "# Conformance matrix: socketpair implementations that exist on PyPI and in CPython",
        "",
        "Written by `python -m conformance.publish` (`tox -e matrix`); do not edit by hand.",
        f"Profile `ci` (derandomised), Linux {platform.release()}, "
        + ", ".join(dict.fromkeys(_version(i) for i in IMPLS))
        + ".",
        "Each cell is the first thing the property found; a property stops at its first deviation,",
        "so a cell can hide further ones. What each deviation means comes from",
        "[`expectations/`](expectations/); every deviation below has a C program (what Linux does) and a",
        "Python script (what the library does) in [`reproducers/`](reproducers/) that print the same lines",
        "up to the diverging step and different ones at it: the lines quoted here.",
        "",
        "| property | " + " | ".join(IMPLS) + " |",
        "|---|" + "---|" * len(IMPLS),
    ]
    for p in props:
        lines.append(f"| {p} | " + " | ".join(cell.get((p, i), "-") for i in IMPLS) + " |")
    for impl in IMPLS:
        mine = [r for r in results if r["impl"] == impl and r["kind"] != "conforms"]
        lines += ["", f"## {impl} ({_version(impl)})", ""]
        if not mine:
            lines.append("Conforms on every property.")
        for r in mine:
            if r["kind"] == "unsupported":
                lines.append(f"- `{r['property']}` **unsupported**: {r['detail']}")
                continue
            lines.append(f"- `{r['id']}` **{r['kind']}**: {r.get('expected') or r['detail']}")
            demo = demos.get((impl, r["id"]))
            if demo:
                base = f"reproducers/{slug(impl)}/{slug(r['id'])}"
                lines.append(
                    f"  - [C]({base}.c) (Linux) prints `{demo[0][:100]}`; [Python]({base}.py) prints `{demo[1][:100]}`"
                )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
