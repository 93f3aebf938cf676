"""How often each planted bug of the gallery goes unfound: the miss rate per entry over seeds.

    python bench/miss_rate.py [--profile dev] [--seeds 20] [--only NAME ...]

Each entry of tests/quality (a faulty Python socketpair, or the reference
driver with one libc call broken) is run against the properties of its area
with hypothesis seeds 0..N-1 and the profile's example budget (``dev``, the
default of ``run``: 60 examples); a seed misses when no property reports
*deviates*.  Prints one line per entry and the worst; the target is at most
1 miss in 20.  A measurement, not a test: it takes minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import Phase, settings

from conformance.engine import profiles
from conformance.engine.result import DEVIATES
from conformance.impl.harness import Harness
from conformance.impl.specs import parse
from conformance.testing import properties_of
from tests.quality.faulty import GALLERY
from tests.quality.test_gallery import SHIM_GALLERY, shim_spec


def entries() -> dict[str, tuple[str, str]]:
    found = {name: (f"python:tests.quality.faulty:{name}", area) for name, area in GALLERY.items()}
    found.update({f"shim:{name}": (shim_spec(name), area) for name, area in SHIM_GALLERY.items()})
    return found


def misses(spec: str, area: str, seeds: int) -> tuple[int, float, str]:
    """Seeds where no property of the area reported *deviates*; what the last such seed reported instead."""
    harness = Harness(parse(spec))
    missed, started, instead = 0, time.monotonic(), ""
    try:
        detect = settings(settings(), phases=[Phase.explicit, Phase.generate], database=None)
        for seed in range(seeds):
            results = [
                harness.check(prop, detect, seed=seed, shrink_seconds=0, max_findings=1, confirm=False)
                for prop in properties_of(area)
            ]
            if all(r.kind != DEVIATES for r in results):
                missed += 1
                instead = "; ".join(f"{r.kind} {r.detail[:60]}".strip() for r in results)
    finally:
        harness.close()
    return missed, time.monotonic() - started, instead


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="dev")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--only", action="append", help="an entry's name (repeatable)")
    args = parser.parse_args()
    profiles.select_profile(args.profile)
    chosen = {k: v for k, v in entries().items() if not args.only or k in args.only or k.split(":")[-1] in args.only}
    worst = (0, "")
    print(f"{'entry':42} {'area':12} {'missed':>8} {'seconds':>8}   ({args.profile} profile, {args.seeds} seeds)")
    for name, (spec, area) in sorted(chosen.items()):
        missed, seconds, instead = misses(spec, area, args.seeds)
        worst = max(worst, (missed, name))
        print(f"{name:42} {area:12} {missed:>5}/{args.seeds} {seconds:8.1f}   {instead if missed else ''}", flush=True)
    print(f"\nworst: {worst[1]} missed {worst[0]} of {args.seeds} seeds (target: at most 1 in 20)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
