"""The run's findings as text on the terminal: each distinct deviation once, then the
implementations' failures, then what the expectation files said."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional, TextIO

from ..engine.result import KINDS, Result
from .distinct import Distinct
from .expectations import Expectations
from .reproducers import Demonstration


def deviations(
    found: Sequence[Distinct],
    reproducers: Mapping[tuple[str, str], Sequence[str]],
    out: TextIO,
    shown: Optional[Mapping[tuple[str, str], Demonstration]] = None,
) -> None:
    impls = list(dict.fromkeys(d.impl for d in found))
    for impl in impls:
        mine = [d for d in found if d.impl == impl]
        out.write(f"\n{impl}: {len(mine)} distinct deviation{'s' if len(mine) != 1 else ''}\n")
        for number, d in enumerate(mine, 1):
            prop, smallest = d.smallest
            out.write(f"\n  [{number}] {d.headline}\n")
            out.write(
                f"      catalog {d.behaviour}; {d.status}; {smallest.shrink}; seen in {d.seen} scenarios;"
                f" properties: {', '.join(d.properties)} (smallest in {prop})\n"
            )
            paths = reproducers.get((d.impl, d.signature))
            if paths:
                out.write(f"      reproducers: {', '.join(paths)}\n")
            demo = (shown or {}).get((d.impl, d.signature))
            if isinstance(demo, tuple):
                out.write(f"      run: Linux prints `{demo[0][:100]}`, the implementation `{demo[1][:100]}`\n")
            elif demo is not None and any(p.endswith(".py") for p in paths or ()):
                out.write(f"      run: the reproducers do not show it: {demo}\n")
            out.write("      " + str(smallest.divergence).replace("\n", "\n      ") + "\n")


def failures(results: Sequence[Result], out: TextIO) -> None:
    for r in results:
        out.write(f"\n{r.impl}: {r.property_id} {r.kind}: {r.detail}\n")


def known(exp: Expectations, results: list[Result], out: TextIO) -> None:
    """Each listed deviation: seen (where), not reached, or now conforming."""
    fixed = exp.now_conforming(results)
    for entry in exp.entries:
        where = exp.seen_in(entry, results)
        if where:
            state = f"seen in {', '.join(where)}"
        elif entry in fixed:
            state = f"now conforms: its step ran and agreed with Linux; remove the entry from {entry.source}"
        else:
            state = "not reached (this run did not exercise it)"
        out.write(f"\nknown ({entry.source}): {exp.impl}: {entry.label}: {state}\n    why: {entry.reason}\n")


def unsupported(results: Sequence[Result], unknown: Mapping[str, Sequence[str]], out: TextIO) -> None:
    """What each implementation did not declare, grouped (a property reported *unsupported*
    says which capability or verb it lacked), and what its start reply said that this
    suite does not know."""
    for impl in dict.fromkeys(r.impl for r in results):
        lacking: dict[str, list[str]] = {}
        for r in results:
            if r.impl == impl and r.kind == "unsupported":
                lacking.setdefault(r.detail or "not declared", []).append(r.property_id)
            elif r.impl == impl and "unsupported:" in r.detail:  # conforms where supported
                lacking.setdefault(r.detail.split("unsupported: ", 1)[1], []).append(r.property_id + " (in part)")
        for why, props in lacking.items():
            out.write(f"{impl}: unsupported, {why}: {', '.join(props)}\n")
        if unknown.get(impl):
            out.write(
                f"{impl}: its start reply names what this suite does not know (ignored): {', '.join(unknown[impl])}\n"
            )


def totals(
    results: Sequence[Result], deviations: Sequence[Distinct], missing: Mapping[str, Sequence[str]], out: TextIO
) -> None:
    """The last lines: per implementation, how many properties ended each way, and what a
    ``--require`` named that it did not declare (which fails the run)."""
    for impl in dict.fromkeys(r.impl for r in results):
        mine = [r for r in results if r.impl == impl]
        counts = [f"{sum(r.kind == kind for r in mine)} {kind}" for kind in KINDS if any(r.kind == kind for r in mine)]
        distinct = sum(d.impl == impl for d in deviations)
        found = f", {distinct} distinct deviations" if distinct else ""
        lacking = f"; required but not declared: {', '.join(missing[impl])}" if missing.get(impl) else ""
        out.write(f"{impl}: {len(mine)} properties: {', '.join(counts)}{found}{lacking}\n")
