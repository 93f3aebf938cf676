"""How many findings each gallery entry is reported as: one cause, one finding (docs/deviations.md).

    python bench/findings_per_fault.py [--profile ci] [--shrink-seconds 1] [--only NAME ...] [--single | --multi]

Each entry of tests/quality (a faulty Python socketpair or driver with one fault,
and the multi-fault entries of tests/quality/multifault.py) is hunted over its
areas as a run would; prints per entry the findings (reporting/findings.py), the
distinct deviations they group (what the report counted before findings), the
faults, and the seconds; then the worst ratio of findings to faults.  The target
is at most 2 findings per planted fault.  A measurement, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import settings

from conformance.engine import profiles
from conformance.impl.harness import Harness
from conformance.impl.specs import parse
from conformance.reporting.distinct import distinct
from conformance.reporting.findings import group
from conformance.testing import properties_of
from tests.quality.faulty import GALLERY
from tests.quality.multifault import MULTI, SHIM_MULTI
from tests.quality.test_gallery import SHIM_GALLERY, shim_spec


def entries(single: bool, multi: bool) -> dict[str, tuple[str, tuple[str, ...], int]]:
    """name -> (spec, areas, planted faults)."""
    found: dict[str, tuple[str, tuple[str, ...], int]] = {}
    if single:
        found.update({n: (f"python:tests.quality.faulty:{n}", (a,), 1) for n, a in GALLERY.items()})
        found.update({f"shim:{n}": (shim_spec(n), (a,), 1) for n, a in SHIM_GALLERY.items()})
    if multi:
        found.update({n: (f"python:tests.quality.multifault:{n}", a, len(f)) for n, (a, f) in MULTI.items()})
        found.update({f"shim:{n}": (shim_spec(n), a, len(f)) for n, (a, f) in SHIM_MULTI.items()})
    return found


def count(spec: str, areas: tuple[str, ...], shrink_seconds: float) -> tuple[int, int, float]:
    """(findings, distinct deviations, seconds) of one entry's hunt over its areas."""
    harness, started = Harness(parse(spec)), time.monotonic()
    try:
        results = [
            harness.check(p, settings(), shrink_seconds=shrink_seconds, confirm=False)
            for a in areas
            for p in properties_of(a)
        ]
    finally:
        harness.close()
    return len(group(results)), len(distinct(results)), time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="ci")
    parser.add_argument("--shrink-seconds", type=float, default=1.0)
    parser.add_argument("--only", action="append", help="an entry's name (repeatable)")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--single", action="store_true", help="only the single-fault entries")
    kind.add_argument("--multi", action="store_true", help="only the multi-fault entries")
    args = parser.parse_args()
    profiles.select_profile(args.profile)
    chosen = entries(not args.multi, not args.single)
    if args.only:
        chosen = {k: v for k, v in chosen.items() if k in args.only or k.split(":")[-1] in args.only}
    print(f"{'entry':62} {'faults':>6} {'findings':>8} {'deviations':>10} {'seconds':>8}   ({args.profile})")
    worst, totals = (0.0, ""), [0, 0, 0]
    for name, (spec, areas, faults) in sorted(chosen.items()):
        findings, deviations, seconds = count(spec, areas, args.shrink_seconds)
        worst = max(worst, (findings / faults, name))
        totals = [totals[0] + faults, totals[1] + findings, totals[2] + deviations]
        print(f"{name[:62]:62} {faults:>6} {findings:>8} {deviations:>10} {seconds:8.1f}", flush=True)
    print(f"\n{totals[0]} faults: {totals[1]} findings, {totals[2]} distinct deviations")
    print(f"worst: {worst[1]}, {worst[0]:.1f} findings per fault (target: at most 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
