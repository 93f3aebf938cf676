"""The command line: run the suite, render reports (launched by ``__main__``).

    socketpair-conformance run [--impl SPEC ...] [--profile ci] [--report PATH]
    socketpair-conformance summary REPORT

Exit status: 0 every implementation conforms, 1 a deviation, crash or hang was
found, 2 bad usage or set-up (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Optional

from .engine import profiles
from .engine.runner import CONFORMS, SHRINK_SECONDS, UNSUPPORTED, Result
from .errors import INTERRUPTED, SetupError, caused_by_interrupt
from .impl import specs as impls
from .impl.harness import Harness
from .ops.views import VERSION_1_VIEWS, all_driver_views, all_python_views
from .properties import all_properties
from .reporting import expectations, report, reproducers
from .spec.protocol import Capabilities


def _on_sigint(signum: int, frame: object) -> None:
    # Only note it: raised here, the KeyboardInterrupt could land in a gc callback
    # or a finaliser, where Python prints a traceback and swallows it.  The runner
    # and the driver client check the flag at least every 0.2 s.  A second
    # Ctrl-C raises at once.
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt
    INTERRUPTED.set()


def _run(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGINT, _on_sigint)
    profile = profiles.select_profile(args.profile)
    specs = [impls.parse(s) for s in (args.impl or ["native"])]  # all parsed before anything runs
    props = [p for p in all_properties() if not args.area or p.area in args.area]
    if not props:
        raise SetupError(f"no property in area(s) {', '.join(args.area)}")
    expected = _load_expectations(args.expect or [], [s.spec for s in specs])
    results: list[Result] = []
    undeclared: dict[str, list[str]] = {}
    for spec in specs:
        harness = Harness(spec)
        try:
            for prop in props:
                result = harness.check(prop, shrink_seconds=args.shrink_seconds)
                if INTERRUPTED.is_set():
                    raise KeyboardInterrupt
                results.append(result)
                print(f"  {spec.spec:<14} {prop.id:<40} {result.kind}", file=sys.stderr, flush=True)
            undeclared[spec.spec] = views_not_declared(harness.declared)
        finally:
            harness.close()
    known: dict[tuple[str, str], expectations.Expected] = {}
    for r in results:
        entry = _known(expected, r)
        if entry is not None:
            known[(r.property_id, r.impl)] = entry
    names = [s.spec for s in specs]
    print(report.matrix(results, names, set(known)))
    ids = sorted({i for p in props for i in p.catalog})
    print(f"\n{len(props)} properties, {len(ids)} catalog behaviours exercised, profile {profile}")
    for impl, views in undeclared.items():
        if views:
            print(f"{impl}: views not declared, made through the nearest declared one: {', '.join(views)}")
    unexpected = [r for r in results if r.kind not in (CONFORMS, UNSUPPORTED) and (r.property_id, r.impl) not in known]
    for r in unexpected:
        print(f"\n{r.impl}: {r.id} {r.kind}: {r.detail}\n{r.divergence or ''}")
    for (_, impl), entry in known.items():
        print(f"\nknown ({entry.source}): {impl}: {entry.id}: {entry.reason}")
    for exp in expected.values():
        for entry in exp.now_conforming(results):
            print(
                f"\nnow conforms: {exp.impl}: {entry.id} is listed in {entry.source} but the property conformed;"
                " remove the entry"
            )
    if args.reproducers:
        _write_reproducers(Path(args.reproducers), results, specs)
    if args.report:
        report.write(Path(args.report), results, names, profile, {k: e.reason for k, e in known.items()})
    return 1 if unexpected else 0


def views_not_declared(declared: Optional[Capabilities]) -> list[str]:
    """The ways of reading and writing this implementation did not declare (ops/views.py)."""
    if declared is None:
        return []
    every = all_python_views() if declared.in_process else all_driver_views()
    return sorted(every - declared.views - VERSION_1_VIEWS)


def _write_reproducers(directory: Path, results: list[Result], specs: list[impls.ImplSpec]) -> None:
    by_name = {s.spec: s for s in specs}
    for r in results:
        if r.divergence is None:
            continue
        spec = by_name[r.impl]
        paths = reproducers.write(r, directory, spec.factory, list(spec.argv) if spec.argv else None)
        print(f"reproducers for {r.impl} {r.id}: " + ", ".join(str(p) for p in paths))


def _load_expectations(paths: list[str], specs: list[str]) -> dict[str, expectations.Expectations]:
    loaded: dict[str, expectations.Expectations] = {}
    for path in paths:
        exp = expectations.load(Path(path))
        if exp.impl not in specs:
            raise SetupError(f"{path} describes impl {exp.impl!r}, which this run does not test; add --impl {exp.impl}")
        if exp.impl in loaded:
            raise SetupError(f"{path}: a second expectation file for {exp.impl!r}; keep one per implementation")
        loaded[exp.impl] = exp
    return loaded


def _known(expected: dict[str, expectations.Expectations], result: Result) -> Optional[expectations.Expected]:
    exp = expected.get(result.impl)
    return exp.known(result) if exp and result.kind not in (CONFORMS, UNSUPPORTED) else None


def main(argv: Optional[list[str]] = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "run":
            return _run(args)
        report.summary(Path(args.report), sys.stdout)
        return 0
    except SetupError as exc:
        print(f"socketpair-conformance: {exc}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Exception) as exc:  # a Ctrl-C at any moment, argument parsing included
        if not caused_by_interrupt(exc):
            raise
        print("socketpair-conformance: interrupted", file=sys.stderr)
        return 130  # as __main__ does for a Ctrl-C during start-up


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socketpair-conformance", description="Run the socketpair(2) conformance suite; render its reports."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the suite and print the matrix")
    run.add_argument(
        "--impl", action="append", help="native (default), reference, python:MODULE:ATTR, exec:COMMAND, fallback"
    )
    run.add_argument(
        "--profile", choices=profiles.PROFILES, help=f"hypothesis profile (default: ${profiles.ENV_VAR} or dev)"
    )
    run.add_argument("--area", action="append", help="only the properties of this area (repeatable)")
    run.add_argument("--report", help="write a JSON-lines report to PATH")
    run.add_argument(
        "--shrink-seconds",
        type=float,
        default=SHRINK_SECONDS,
        help=f"time spent minimising each deviation (default {SHRINK_SECONDS:g})",
    )
    run.add_argument("--reproducers", metavar="DIR", help="write a Python and a C reproducer per deviation to DIR")
    run.add_argument(
        "--expect", action="append", metavar="FILE", help="an implementation's known deviations (docs/expectations.md)"
    )
    summ = sub.add_parser("summary", help="render a saved report as Markdown")
    summ.add_argument("report")
    return parser
