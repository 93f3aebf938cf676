"""Wall time of ``socketpair-conformance run`` with -j 1 and -j N, printed, never asserted.

    python bench/jobs.py [--profile thorough] [--impl native] [--jobs 2] [--area AREA ...]

Each run is a fresh process with the same seed (0), so both hunt the same
examples; the ratio is what ``-j N`` buys on this machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time


def wall(profile: str, impl: str, jobs: int, areas: list[str]) -> tuple[float, str]:
    argv = [sys.executable, "-m", "conformance", "run", "--profile", profile, "--impl", impl, "--seed", "0"]
    argv += ["-j", str(jobs)] + [a for area in areas for a in ("--area", area)]
    started = time.monotonic()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = done.stdout.splitlines()
    # the totals line, and any property that did not conform, so a ratio is never read off a broken run
    odd = [line for line in lines if line.startswith(f"{impl}: ") and "unsupported," not in line]
    return time.monotonic() - started, f"exit {done.returncode}: " + " | ".join(odd[-3:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="thorough")
    parser.add_argument("--impl", default="native")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--area", action="append", default=[])
    args = parser.parse_args()
    one, how1 = wall(args.profile, args.impl, 1, args.area)
    print(f"-j 1: {one:.1f} s ({how1})", flush=True)
    many, how2 = wall(args.profile, args.impl, args.jobs, args.area)
    print(f"-j {args.jobs}: {many:.1f} s ({how2})")
    print(f"ratio -j 1 / -j {args.jobs}: {one / many:.2f} ({args.profile} profile, {args.impl}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
