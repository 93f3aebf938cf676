"""Examples per second per core: one ``run`` process against HypoFuzz on N cores, printed.

    python bench/campaign.py [--seconds 60] [--area fdpass] [--impl native] [--workers 2]

Both hunt the same properties of a conforming implementation for the same time;
``run`` counts its examples in its report, HypoFuzz's workers count the scenarios
they ran (campaign.py, SOCKETPAIR_CONFORMANCE_COUNT_DIR).  HypoFuzz needs the
``[campaign]`` extra and runs from a temporary directory (see docs/campaigns.md).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def one_process(seconds: float, area: str, impl: str, work: Path) -> int:
    report = work / "report.jsonl"
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "thorough", "-j", "1", "--area", area]
    argv += ["--impl", impl, "--budget", str(seconds), "--report", str(report)]
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    records = [json.loads(line) for line in report.read_text().splitlines()]
    return sum(r["examples"] for r in records if r["type"] == "result")


def hypofuzz(seconds: float, area: str, impl: str, workers: int, work: Path) -> int:
    counts = work / "counts"
    counts.mkdir()
    env = {**os.environ, "SOCKETPAIR_CONFORMANCE_IMPL": impl, "SOCKETPAIR_CONFORMANCE_AREAS": area}
    env.update(SOCKETPAIR_CONFORMANCE_DATABASE=str(work / "db"), SOCKETPAIR_CONFORMANCE_COUNT_DIR=str(counts))
    env["PYTHONPATH"] = str(REPO)
    fuzz = str(Path(sys.executable).with_name("hypothesis"))
    argv = [fuzz, "fuzz", "-n", str(workers), "--no-dashboard", "--", "--pyargs", "conformance.fuzz_targets"]
    proc = subprocess.Popen(
        argv, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    time.sleep(seconds)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return sum(int(p.read_text() or 0) for p in counts.iterdir())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--area", default="fdpass")
    parser.add_argument("--impl", default="native")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as many:
        single = one_process(args.seconds, args.area, args.impl, Path(one))
        fuzzed = hypofuzz(args.seconds, args.area, args.impl, args.workers, Path(many))
    print(f"run, 1 process:        {single / args.seconds:7.1f} examples/s per core ({single} in {args.seconds:g} s)")
    per_core = fuzzed / args.seconds / args.workers
    print(
        f"HypoFuzz, {args.workers} workers:   {per_core:7.1f} examples/s per core ({fuzzed} in {args.seconds:g} s,"
        " start-up included)"
    )


if __name__ == "__main__":
    main()
