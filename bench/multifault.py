"""What the hunt reports for each multi-fault gallery entry, and what it costs.

    python bench/multifault.py [--profile ci] [--shrink-seconds 5] [--only NAME ...]

Each entry of tests/quality/multifault.py (a Python socketpair or a driver with
two or three faults) is run over its areas; prints the findings (reporting/findings.py: one per cause), each variant (a
distinct deviation, engine/signature.py) with the fault it is credited to, the
seconds, and any fault no deviation was credited to.  A measurement, not a test.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conformance.engine import profiles
from conformance.impl.harness import Harness
from conformance.impl.specs import parse
from conformance.reporting.distinct import distinct
from conformance.reporting.findings import group
from conformance.testing import properties_of
from tests.quality.multifault import MULTI, SHIM_MULTI
from tests.quality.test_gallery import shim_spec


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="ci")
    parser.add_argument("--shrink-seconds", type=float, default=5.0)
    parser.add_argument("--only", action="append", help="an entry's name (repeatable)")
    args = parser.parse_args()
    profiles.select_profile(args.profile)
    entries = {name: (f"python:tests.quality.multifault:{name}", *MULTI[name]) for name in MULTI}
    entries.update({f"shim:{name}": (shim_spec(name), *SHIM_MULTI[name]) for name in SHIM_MULTI})
    unreported = 0
    for name, (spec, areas, faults) in entries.items():
        if args.only and name not in args.only and name.split(":")[-1] not in args.only:
            continue
        harness, started = Harness(parse(spec)), time.monotonic()
        try:
            results = [harness.check(p, shrink_seconds=args.shrink_seconds) for a in areas for p in properties_of(a)]
        finally:
            harness.close()
        found = distinct(results)
        groups = group(results)
        seconds = time.monotonic() - started
        print(
            f"\n{name}: {len(groups)} findings for {len(faults)} faults ({len(found)} distinct deviations),"
            f" {seconds:.0f} s ({', '.join(areas)})"
        )
        for number, g in enumerate(groups, 1):
            for d in g.variants:
                credited = [fault for fault, pattern in faults.items() if re.search(pattern, d.headline)]
                cause = f" (consequence of {d.cause})" if d.cause else ""
                fault = ", ".join(credited) or "(other)"
                print(f"  [{number}] {fault:24} {d.headline}  [{d.behaviour}, {d.status}]{cause}")
        missing = [fault for fault, pattern in faults.items() if not any(re.search(pattern, d.headline) for d in found)]
        unreported += len(missing)
        if missing:
            print(f"  NOT REPORTED: {', '.join(missing)}")
    print(f"\nfaults not reported: {unreported}")
    return 1 if unreported else 0


if __name__ == "__main__":
    sys.exit(main())
