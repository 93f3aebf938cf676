"""The command line: run the suite, render reports (launched by ``__main__``).

    socketpair-conformance run [--impl SPEC ...] [--profile ci] [--seed N] [--budget SECONDS]
                               [--expect FILE] [--report PATH] [--reproducers DIR]
    socketpair-conformance coverage [--json]
    socketpair-conformance summary REPORT
    socketpair-conformance list | build

Exit status: 0 every implementation conforms (or deviates only as its
expectation file says), 1 a new deviation, crash or hang was found (or a
--require'd capability was not declared), 2 bad usage or set-up (one line on
stderr, no traceback), 3 a bug in the suite itself, 130 interrupted.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import json
import os
import random
import signal
import sys
from pathlib import Path
from typing import NoReturn, Optional, TextIO

from hypothesis import settings

from . import campaign, runs
from .engine import profiles
from .engine.hunt import SHRINK_SECONDS
from .engine.result import CONFORMS, DEVIATES, NOT_RUN, UNSUPPORTED
from .errors import INTERRUPTED, SetupError, SuiteBug, caused_by_interrupt, checkpoint
from .impl import specs as impls
from .impl.build import ensure_built
from .ops.base import operations
from .ops.views import VERSION_1_VIEWS, all_driver_views, all_python_views
from .properties import all_properties, select
from .reporting import coverage, expectations, junit, report, reproducers, schema, text
from .reporting.findings import FindingGroup, group
from .spec.protocol import KNOWN_CAPS, WAIVERS, Capabilities


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
    props = select(args.area, area_label="--area")
    if args.shrink_seconds < 0:
        raise SetupError(f"--shrink-seconds {args.shrink_seconds:g}: give 0 or more seconds")
    if args.budget is not None and args.budget <= 0:
        raise SetupError(f"--budget {args.budget:g}: give a positive number of seconds (leave it out for no bound)")
    if args.max_deviations is not None and args.max_deviations < 1:
        raise SetupError(f"--max-deviations {args.max_deviations}: give 1 or more (leave it out for all)")
    if args.jobs < 1:
        raise SetupError(f"-j {args.jobs}: give 1 or more worker processes")
    stall = runs.stall_seconds()
    expected = _load_expectations(args.expect or [], [s.spec for s in specs])
    required = _required(args.require or [])
    for option, path in (("--report", args.report), ("--junit-xml", args.junit_xml)):
        if path:
            _check_writable(option, Path(path))
    if args.reproducers:
        _check_directory(Path(args.reproducers))
    database = campaign.open_database(args.database) if args.database else None
    ensure_built()  # a missing compiler is bad input too: one line, before anything is printed
    seed = args.seed if args.seed is not None else (0 if settings().derandomize else random.getrandbits(32))
    print(f"seed {seed} (replay this run with --seed {seed})", file=sys.stderr, flush=True)
    checkpoint("start")
    known = {
        (spec.spec, prop.id): expected[spec.spec].known(prop.id)
        for spec in specs
        if spec.spec in expected
        for prop in props
    }
    plan = runs.Plan(
        *(specs, props, seed, args.shrink_seconds, args.max_deviations, args.seed is not None, known, args.budget),
        database=database,
        replay_only=args.command == "replay",
        stall=stall,
    )
    outcome = runs.run(plan, args.jobs)
    results = outcome.results
    undeclared = {impl: views_not_declared(caps) for impl, caps in outcome.declared.items()}
    unknown = {impl: caps.unknown if caps else () for impl, caps in outcome.declared.items()}
    # of the --require names, those each implementation declared
    declared = {
        impl: frozenset(n for n in required if not caps.lacks(frozenset([n])))
        for impl, caps in outcome.declared.items()
        if caps is not None
    }
    known_failures = {
        (r.property_id, r.impl): entry.reason
        for r in results
        for entry in [expected[r.impl].failure(r) if r.impl in expected else None]
        if entry is not None
    }
    names = [s.spec for s in specs]
    groups = group(results, expected)  # one cause, one finding (reporting/findings.py)
    print(report.matrix(results, names, set(known_failures), groups))
    ids = sorted({i for p in props for i in p.catalog})
    print(f"\n{len(props)} properties, {len(ids)} catalog behaviours exercised, profile {profile}, seed {seed}")
    for impl, views in undeclared.items():
        if views:
            print(f"{impl}: views not declared, made through the nearest declared one: {', '.join(views)}")
    text.unsupported(results, unknown, sys.stdout)
    written = _write_reproducers(Path(args.reproducers), groups, specs) if args.reproducers else {}
    # run before they are reported: a pair that does not show its deviation says so
    shown = {key: reproducers.demonstrate([Path(p) for p in paths], Path.cwd()) for key, paths in written.items()}
    text.findings(groups, written, sys.stdout, shown)
    failures = [
        r
        for r in results
        # not-run: the user's --budget ended it, said on the totals line; not the implementation's failure
        if r.kind not in (CONFORMS, UNSUPPORTED, DEVIATES, NOT_RUN) and (r.property_id, r.impl) not in known_failures
    ]
    text.failures(failures, sys.stdout)
    for exp in expected.values():
        text.known(exp, results, sys.stdout)
    checkpoint("report")
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt  # no report, reproducers or JUnit file from an interrupted run
    if args.report:
        header = report.environment(names, profile, seed)
        report.write(Path(args.report), results, header, groups, written, known_failures, shown)
    if args.junit_xml:
        junit.write(Path(args.junit_xml), results, written, known_failures, groups)
    # declaring little must not pass quietly: what was left out is on the last lines, and --require fails it
    missing = {impl: sorted(required - declared.get(impl, frozenset())) for impl in names}
    text.totals(results, groups, missing, sys.stdout)
    new = [g for g in groups if g.fails]
    return 1 if new or failures or any(missing.values()) else 0


def _required(values: list[str]) -> frozenset[str]:
    """--require CAP,VERB,...: names checked before the run; ``all`` is every capability and verb
    (a waiver such as pep446 is neither: spec/protocol.py WAIVERS)."""
    everything = (KNOWN_CAPS - WAIVERS) | frozenset(operations())
    names = {n.strip() for v in values for n in v.split(",") if n.strip()}
    for name in sorted(names & WAIVERS):
        raise SetupError(f"--require {name}: a waiver an implementation may claim, not a capability to require")
    if "all" in names:
        return everything
    for name in sorted(names - everything):
        near = difflib.get_close_matches(name, sorted(everything), n=2)
        hint = f"did you mean {' or '.join(near)}?" if near else "see docs/protocol.md for the capabilities and verbs"
        raise SetupError(f"--require {name}: not a capability or verb; {hint}")
    return frozenset(names)


def _list(out: TextIO) -> None:
    """Areas, their properties, and the catalog rows each exercises."""
    for area in sorted({p.area for p in all_properties()}):
        out.write(f"{area}\n")
        for p in all_properties():
            if p.area == area:
                out.write(f"  {p.id}  [{' '.join(p.catalog)}]\n")


def _check_writable(option: str, path: Path) -> None:
    """An unwritable report path is found before any work starts, not after an hour."""
    if path.is_dir():
        raise SetupError(f"{option} {path} is a directory; give a file name")
    if not path.parent.is_dir():
        raise SetupError(f"{option} {path}: the directory {path.parent} does not exist")
    probe = path.with_name(path.name + ".partial")
    try:
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise SetupError(f"{option} {path}: cannot write there ({exc.strerror})") from None


def _check_directory(path: Path) -> None:
    """--reproducers DIR: a directory there or one that can be made, checked before the run."""
    if path.exists() and not path.is_dir():
        raise SetupError(f"--reproducers {path} is a file; give a directory")
    existing = next(p for p in [path, *path.parents] if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise SetupError(f"--reproducers {path}: cannot write in {existing}")


def views_not_declared(declared: Optional[Capabilities]) -> list[str]:
    """The ways of reading and writing this implementation did not declare (ops/views.py)."""
    if declared is None:
        return []
    every = all_python_views() if declared.in_process else all_driver_views()
    return sorted(every - declared.views - VERSION_1_VIEWS)


def _write_reproducers(
    directory: Path, groups: list[FindingGroup], specs: list[impls.ImplSpec]
) -> dict[tuple[str, str], list[str]]:
    """Two reproducers per finding, from its smallest variant's smallest scenario."""
    by_name = {s.spec: s for s in specs}
    written: dict[tuple[str, str], list[str]] = {}
    for d in (g.smallest for g in groups if g.variants):
        spec = by_name[d.impl]
        prop, finding = d.smallest
        paths = reproducers.write(
            prop, d.impl, finding, directory, spec.factory, list(spec.argv) if spec.argv else None
        )
        written[(d.impl, d.signature)] = [str(p) for p in paths]
    return written


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


def _version() -> str:
    try:
        return importlib.metadata.version("socketpair-conformance")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def main(argv: Optional[list[str]] = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command in ("run", "replay"):
            return _run(args)
        if args.command == "list":
            _list(sys.stdout)
            return 0
        if args.command == "build":
            print(ensure_built())
            return 0
        if args.command == "schema":
            print(json.dumps(schema.schema(), indent=2))
            return 0
        if args.command == "coverage":
            table = coverage.coverage(coverage.reached_in(Path(args.run)) if args.run else None)
            (coverage.write_json if args.json else coverage.write_text)(table, sys.stdout)
            return 0
        report.summary(Path(args.report), sys.stdout)
        return 0
    except SetupError as exc:
        print(f"socketpair-conformance: {exc}", file=sys.stderr)
        return 2
    except SuiteBug as exc:
        print(
            f"socketpair-conformance: internal error, a bug in the suite and not in the implementation: {exc}"
            " (please report it with the seed printed above)",
            file=sys.stderr,
        )
        return 3
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say, and no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (KeyboardInterrupt, Exception) as exc:  # a Ctrl-C at any moment, argument parsing included
        if not caused_by_interrupt(exc):
            raise
        print("socketpair-conformance: interrupted", file=sys.stderr)
        return 130  # as __main__ does for a Ctrl-C during start-up


def _epilog() -> str:
    from .impl.adapters import ADAPTERS

    areas = sorted({p.area for p in all_properties()})
    return "\n".join(
        [
            "implementations (--impl, repeatable):",
            "  native               the standard library's socket.socketpair (the default)",
            "  reference            the bundled C driver on this kernel (conforms by definition)",
            "  python:MODULE:ATTR   a callable like socket.socketpair (imported from the current directory)",
            "  exec:COMMAND ARGS    any program speaking the driver protocol (docs/protocol.md)",
            f"  named adapters       {', '.join(sorted(ADAPTERS))} (pip install 'socketpair-conformance[adapters]')",
            "",
            f"areas (--area, repeatable): {', '.join(areas)}",
            "  socketpair-conformance list   prints each area's properties and catalog rows",
            "",
            "exit status of run: 0 conforms (or deviates only as --expect says), 1 a deviation, crash or hang",
            "  (or a --require'd capability not declared), 2 bad usage or set-up, 3 a bug in the suite,",
            "  130 interrupted",
        ]
    )


_LAZY_EPILOG = "(computed when --help prints it)"


class _Parser(argparse.ArgumentParser):
    """argparse's errors as our one line (its own are a usage block and a line)."""

    def format_help(self) -> str:
        # the epilog lists the areas, which imports every property and builds its
        # strategies (half a second): only for --help, not for every start or mistake
        if self.epilog == _LAZY_EPILOG:
            self.epilog = _epilog()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        command = self.prog.replace("socketpair-conformance", "").strip() or "usage"
        raise SetupError(f"{command}: {message} (see --help)")


def _run_options(run: argparse.ArgumentParser, required_database: bool) -> None:
    run.add_argument(
        "--database",
        required=required_database,
        metavar="SPEC",
        help="a campaign's example database, shared by runs, pytest and HypoFuzz: a directory or redis://HOST:PORT/DB; "
        "its failing scenarios for this implementation replay first, new ones are saved",
    )
    run.add_argument(
        "--impl",
        action="append",
        metavar="SPEC",
        help="implementation under test, repeatable (the forms are listed below; default native)",
    )
    run.add_argument(
        "--profile", choices=profiles.PROFILES, help=f"hypothesis profile (default: ${profiles.ENV_VAR} or dev)"
    )
    run.add_argument("--area", action="append", help="only the properties of this area (repeatable)")
    run.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=runs.default_jobs(),
        metavar="N",
        help="worker processes, each with its own reference driver and CPU "
        f"(default: ${runs.JOBS_ENV}, else the CPUs available; {runs.default_jobs()} here)",
    )
    run.add_argument("--report", metavar="FILE", help="write a JSON-lines report (socketpair-conformance schema)")
    run.add_argument(
        "--junit-xml", metavar="FILE", help="write JUnit XML: one case per property and implementation, for CI"
    )
    run.add_argument(
        "--shrink-seconds",
        type=float,
        default=SHRINK_SECONDS,
        help=f"time spent minimising each deviation (default {SHRINK_SECONDS:g})",
    )
    run.add_argument("--seed", type=int, help="replay a run: the seed it printed (default: random, 0 under ci)")
    run.add_argument(
        "--budget", type=float, metavar="SECONDS", help="time for the whole run, shared over the properties"
    )
    run.add_argument(
        "--max-deviations",
        type=int,
        metavar="N",
        help="stop each property after N new deviations, for a first look (default: all it finds in its budget)",
    )
    run.add_argument(
        "--require",
        action="append",
        metavar="CAP,...",
        help="capabilities or verbs the implementation must declare (all: every one); one it leaves out fails the run",
    )
    run.add_argument("--reproducers", metavar="DIR", help="write a Python and a C reproducer per deviation to DIR")
    run.add_argument(
        "--expect", action="append", metavar="FILE", help="an implementation's known deviations (docs/expectations.md)"
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="socketpair-conformance",
        description="Run the socketpair(2) conformance suite; render its reports.",
        epilog=_LAZY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="the areas, their properties and the catalog rows each exercises")
    sub.add_parser(
        "build", help="build the reference C programs (once per source and compiler) and print their directory"
    )
    for command, summary in (
        ("run", "run the suite and print the matrix"),
        ("replay", "run only the failing scenarios a campaign's --database holds, and report them"),
    ):
        run = sub.add_parser(
            command, help=summary, epilog=_LAZY_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        _run_options(run, required_database=command == "replay")
    cov = sub.add_parser("coverage", help="every catalog row: the properties and verbs exercising it, or why not")
    cov.add_argument("--json", action="store_true", help="as JSON (the last key, summary, is the count)")
    cov.add_argument(
        "--run", metavar="REPORT", help="which rows that run's steps reached, not only which properties are tagged"
    )
    sub.add_parser("schema", help="print the JSON schema of a report's lines")
    summ = sub.add_parser("summary", help="render a saved report as Markdown")
    summ.add_argument("report")
    return parser
