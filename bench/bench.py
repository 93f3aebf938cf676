"""How fast the suite is, printed, never asserted.

    python bench/bench.py [--examples N] [--only throughput,memory,detect,suite]
                          [--property ID ...] [--operations N] [--bugs N] [--tests PATH]

- throughput: per property, scenarios per second for (a) hypothesis
  generation alone, (b) the Python executor alone, (c) the C reference driver
  alone, (d) the full lockstep differential run, (e) the hunt as ``run`` does it
  (engine/hunt.py through the harness: traps, bookkeeping, signatures; no
  shrinking, nothing to shrink on native), then d/a and e/d: the gap between
  lockstep and hunt.  A scenario the implementation does not declare a feature
  for (e.g. ``abi`` on native) is skipped, as the hunt skips it, and counted;
  then the round trip to the driver per operation, on one CPU and across CPUs.
- memory: the driver's resident set after 1,000 and after N (100,000) operations
  (a mix that creates pairs, passes descriptors, truncates, resets).
- detect: time and examples until each planted bug of the gallery is first
  reported (tests/quality, ci profile, no shrinking); ``--bugs N``: the first N.
- suite: wall time of the ci-profile test suite (``--tests``, default tests/)
  with -n 0 and -n 2.

tests/test_bench.py runs every bench with tiny counts, so none of them rots.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Optional

from hypothesis import Phase, given, settings

from conformance.engine import profiles
from conformance.engine.result import UNSUPPORTED
from conformance.engine.runner import Unsupported, run_scenario
from conformance.engine.scenario import Scenario
from conformance.impl.build import program
from conformance.impl.exec_client import ExecExecutor
from conformance.impl.harness import Harness, pin_to_one_cpu
from conformance.impl.pyexec import PythonExecutor
from conformance.impl.specs import parse
from conformance.properties import all_properties
from conformance.spec.protocol import op

ROOT = Path(__file__).resolve().parent.parent
ALL_CPUS = sorted(os.sched_getaffinity(0))  # before anything pins this process
warnings.filterwarnings("ignore", "Generating overly large repr")  # failing examples carry big payloads


def rate(prop_scenarios, action, n: int) -> float:  # type: ignore[no-untyped-def]
    count = [0]

    @settings(max_examples=n, phases=[Phase.generate], database=None, deadline=None, derandomize=True)
    @given(prop_scenarios)
    def run(scenario: Scenario) -> None:
        action(scenario)
        count[0] += 1

    start = time.perf_counter()
    run()
    return count[0] / (time.perf_counter() - start)


def hunt_rate(prop, n: int) -> Optional[float]:  # type: ignore[no-untyped-def]
    """Examples per second of the hunt itself (what ``run`` does per property), on native;
    None where native is not asked (the property needs what it does not declare)."""
    harness = Harness(parse("native"))
    try:
        harness.check(prop, settings(max_examples=1, phases=[Phase.explicit], database=None), confirm=False)  # warm
        hunt = settings(max_examples=n, phases=[Phase.explicit, Phase.generate], database=None, derandomize=True)
        start = time.perf_counter()
        result = harness.check(prop, hunt, shrink_seconds=0, confirm=False)
        seconds = time.perf_counter() - start
        return result.examples / seconds if result.kind != UNSUPPORTED else None
    finally:
        harness.close()


def throughput(n: int, chosen: list[str]) -> None:
    pin_to_one_cpu()  # as the harness does for every worker
    ref = ExecExecutor([str(program("driver"))], name="reference")
    ref.start()
    native = PythonExecutor(socket.socketpair, "native")
    caps = native.start()
    skipped = [0]

    def only(executor):  # type: ignore[no-untyped-def]
        def act(scenario: Scenario) -> None:
            for step in scenario.ops():
                if executor.execute(step).status in ("blocked", "unsupported"):
                    break

        return act

    def lockstep(scenario: Scenario) -> None:
        try:
            run_scenario(scenario, ref, native, caps)
        except Unsupported:  # what the hunt skips too (native declares no abi, for one)
            skipped[0] += 1

    print(
        f"{'property':38} {'gen/s':>8} {'python/s':>9} {'driver/s':>9} {'lockstep/s':>11} {'hunt/s':>8}"
        f" {'d/a':>6} {'e/d':>6} {'skipped':>8}"
    )
    for prop in all_properties():
        if chosen and prop.id not in chosen:
            continue
        skipped[0] = 0
        a = rate(prop.scenarios, lambda s: None, n)
        b = rate(prop.scenarios, only(native), n)
        c = rate(prop.scenarios, only(ref), n)
        d = rate(prop.scenarios, lockstep, n)
        e = hunt_rate(prop, n)
        hunt, ratio = ("-", "-") if e is None else (f"{e:.0f}", f"{e / d:.2f}")
        print(
            f"{prop.id:38} {a:8.0f} {b:9.0f} {c:9.0f} {d:11.0f} {hunt:>8} {d / a:6.2f} {ratio:>6} {skipped[0]:>8}",
            flush=True,
        )
    ref.close()
    native.close()
    print()
    for label, cpus in (("one CPU (as the harness pins it)", 1), ("across CPUs (unpinned)", 2)):
        print(f"driver round trip, {label}: {round_trip(cpus):.1f} us per operation")


def round_trip(cpus: int) -> float:
    allowed = ALL_CPUS
    mine = os.sched_getaffinity(0)
    os.sched_setaffinity(0, set(allowed[:1]))  # the driver inherits this
    ref = ExecExecutor([str(program("driver"))], name="reference")
    ref.start()
    assert ref.proc is not None
    if cpus > 1 and len(allowed) > 1:
        os.sched_setaffinity(ref.proc.pid, {allowed[1]})
    ref.execute(op("reset"))
    ref.execute(op("pair", type="dgram", flags="nonblock"))
    rounds = 20000
    start = time.perf_counter()
    for _ in range(rounds):
        ref.execute(op("poll", end=0, events="in"))
    elapsed = time.perf_counter() - start
    ref.close()
    os.sched_setaffinity(0, mine)
    return elapsed / rounds * 1e6


def memory(operations: int) -> None:
    ref = ExecExecutor([str(program("driver"))], name="reference")
    ref.start()
    assert ref.proc is not None
    status = Path(f"/proc/{ref.proc.pid}/status")

    def kib(field: str) -> int:
        line = next(x for x in status.read_text().splitlines() if x.startswith(field + ":"))
        return int(line.split()[1])

    cycle = [
        op("reset"),
        op("obj", name="f", kind="file", data="6869"),
        op("obj", name="p", kind="pipe", data="70"),
        op("pair", type="seqpacket", flags="nonblock"),
        op("send", end=0, data=["68" * 300, "69"], anc="rights:f,p.r,end1"),
        op("recv", end=1, size=100, ctrl=24, flags="trunc", via="recvmsg"),
        op("send", end=1, data="6869", anc="creds"),
        op("recv", end=0, size=10, ctrl=64, via="recvmsg"),
        op("getsockopt", end=0, opt="peercred"),
        op("shutdown", end=0, how="wr"),
    ]
    done, marks = 0, {}
    for target in (1_000, operations):
        while done < target:
            ref.execute(cycle[done % len(cycle)])
            done += 1
        marks[target] = kib("VmRSS")
    peak = kib("VmHWM")
    ref.close()
    print(
        f"driver resident memory: {marks[1_000]} KiB after 1,000 operations, {marks[operations]} KiB after "
        f"{operations:,} (growth {marks[operations] - marks[1_000]} KiB); peak {peak} KiB"
    )


def detect(bugs_wanted: int) -> None:
    sys.path.insert(0, str(ROOT))  # tests.quality (the gallery) lives beside the package
    from hypothesis import Phase as P

    from conformance.impl.harness import Harness
    from conformance.impl.specs import parse
    from conformance.testing import properties_of
    from tests.quality.faulty import GALLERY
    from tests.quality.test_gallery import SHIM_GALLERY, shim_spec

    no_shrink = settings(settings(), max_examples=1000, phases=[P.explicit, P.reuse, P.generate])
    bugs = [(f"python:{b}", f"python:tests.quality.faulty:{b}", a) for b, a in sorted(GALLERY.items())]
    bugs += [(f"exec:{f}", shim_spec(f), a) for f, a in sorted(SHIM_GALLERY.items())]
    print(f"{'planted bug':36} {'area':12} {'kind':9} {'examples':>8} {'seconds':>8}")
    for label, spec, area in bugs[:bugs_wanted] if bugs_wanted else bugs:
        harness = Harness(parse(spec))
        try:
            for prop in properties_of(area):
                r = harness.check(prop, no_shrink)
                print(f"{label:36} {area:12} {r.kind:9} {r.examples:8} {r.seconds:8.2f}", flush=True)
        finally:
            harness.close()


def suite(tests: str) -> None:
    os.sched_setaffinity(0, ALL_CPUS)  # throughput pinned this process; pytest must get every CPU
    walls = {}
    for workers in ("0", "2"):
        env = {**os.environ, "SOCKETPAIR_CONFORMANCE_PROFILE": "ci"}
        argv = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rf",
            "-p",
            "no:cacheprovider",
            "-p",
            "xdist",
            "-n",
            workers,
            tests,
        ]
        argv += ["--dist", "worksteal"] if workers != "0" else []
        start = time.perf_counter()
        run = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
        walls[workers] = time.perf_counter() - start
        lines = run.stdout.strip().splitlines()
        last = lines[-1] if lines else "(no output)"
        for line in lines:
            if line.startswith("FAILED"):
                print("  " + line)
        print(f"ci suite with -n {workers}: {walls[workers]:.1f} s wall ({last})", flush=True)
    print(f"xdist speed-up on {len(ALL_CPUS)} CPUs: {walls['0'] / walls['2']:.2f}x")


SECTIONS = ("throughput", "memory", "detect", "suite")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300)
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections to run")
    parser.add_argument("--property", action="append", default=[], help="throughput: only this property (repeatable)")
    parser.add_argument("--operations", type=int, default=100_000, help="memory: operations to run")
    parser.add_argument("--bugs", type=int, default=0, help="detect: only the first N gallery entries")
    parser.add_argument("--tests", default="tests", help="suite: the tests to time")
    args = parser.parse_args()
    sections = args.only.split(",")
    for section in sections:  # bad input before any work
        if section not in SECTIONS:
            parser.error(f"unknown section {section!r}: choose from {', '.join(SECTIONS)}")
    known = {p.id for p in all_properties()}
    for prop_id in args.property:
        if prop_id not in known:
            parser.error(f"unknown property {prop_id!r}: `socketpair-conformance list` names them")
    profiles.select_profile("ci")
    for section in sections:
        print(f"\n== {section} ==", flush=True)
        if section == "throughput":
            throughput(args.examples, args.property)
        elif section == "memory":
            memory(max(args.operations, 1_000))
        elif section == "detect":
            detect(args.bugs)
        else:
            suite(args.tests)


if __name__ == "__main__":
    main()
