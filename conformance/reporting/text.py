"""The run's findings as text on the terminal: each cause once with its variants folded
below (reporting/findings.py), then the implementations' failures, then what the
expectation files said."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional, TextIO

from ..engine.result import KINDS, Result
from .expectations import Expectations
from .findings import FindingGroup
from .reproducers import Demonstration


def findings(
    groups: Sequence[FindingGroup],
    reproducers: Mapping[tuple[str, str], Sequence[str]],
    out: TextIO,
    shown: Optional[Mapping[tuple[str, str], Demonstration]] = None,
) -> None:
    """First the findings, a few lines each (what a reader acts on); then each one's
    variants and its smallest scenario, folded below."""
    hunted = [g for g in groups if g.variants]
    for impl in dict.fromkeys(g.impl for g in hunted):
        mine = [g for g in hunted if g.impl == impl]
        variants = sum(g.variant_count for g in mine)
        known = sum(1 for g in mine if g.entry is not None)
        also = f"; {known} of them known (a new variant each, or a consequence)" if known else ""
        out.write(f"\n{impl}: {_count(len(mine), 'finding')} ({_count(variants, 'variant')}){also}\n")
        for number, g in enumerate(mine, 1):
            prop, smallest = g.smallest.smallest
            out.write(f"\n  [{number}] {g.headline}\n")
            if g.as_if_without:
                said = "Linux, not given that, answers as the implementation did"
                out.write(f"      as if without `{g.as_if_without}`: {said}\n")
            if g.entry is not None:
                what = "new variant" if g.fails else "consequence"
                out.write(f"      known finding ({g.entry.source}): {g.entry.reason}; this run shows a {what}\n")
            out.write(
                f"      {_count(g.variant_count, 'variant')} ({g.pattern}); catalog {', '.join(g.behaviours)};"
                f" {g.status}; {smallest.shrink}\n      properties: {', '.join(g.properties)}\n"
            )
            key = (g.impl, g.smallest.signature)
            paths = reproducers.get(key)
            if paths:
                out.write(f"      reproducers: {', '.join(paths)}\n")
            demo = (shown or {}).get(key)
            if isinstance(demo, tuple):
                out.write(f"      run: Linux prints `{demo[0][:100]}`, the implementation `{demo[1][:100]}`\n")
            elif demo is not None and any(p.endswith(".py") for p in paths or ()):
                out.write(f"      run: the reproducers do not show it: {demo}\n")
        for number, g in enumerate(mine, 1):
            prop, smallest = g.smallest.smallest
            out.write(f"\n{impl} [{number}]: {_count(g.variant_count, 'variant')}\n")
            for v in g.variants:
                cause = f"  (a consequence of `{v.cause}`)" if v.cause else ""
                cause += f"  (as if without `{v.as_if_without}`)" if v.as_if_without else ""
                out.write(f"    {v.headline}  [{v.behaviour}; {', '.join(v.properties)}]{cause}\n")
            for sig in g.known_variants:
                out.write(f"    {sig}  [known]\n")
            out.write(f"  smallest, in {prop}:\n")
            out.write("    " + str(smallest.divergence).replace("\n", "\n    ") + "\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


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
    results: Sequence[Result], groups: Sequence[FindingGroup], missing: Mapping[str, Sequence[str]], out: TextIO
) -> None:
    """The last lines: per implementation, how many properties ended each way, and what a
    ``--require`` named that it did not declare (which fails the run)."""
    for impl in dict.fromkeys(r.impl for r in results):
        mine = [r for r in results if r.impl == impl]
        counts = [f"{sum(r.kind == kind for r in mine)} {kind}" for kind in KINDS if any(r.kind == kind for r in mine)]
        failing = [g for g in groups if g.impl == impl and g.fails]
        variants = sum(g.variant_count for g in failing)
        found = f", {_count(len(failing), 'finding')} ({_count(variants, 'variant')})" if failing else ""
        lacking = f"; required but not declared: {', '.join(missing[impl])}" if missing.get(impl) else ""
        cut = [r for r in mine if r.unfinished]
        cut_short = f"; {len(cut)} cut short by --budget ({_cut(cut)})" if cut else ""
        out.write(f"{impl}: {len(mine)} properties: {', '.join(counts)}{found}{cut_short}{lacking}\n")


def _cut(results: Sequence[Result]) -> str:
    """What --budget left undone, most telling first: e.g. ``messages.x: shrinking cut short``."""
    return "; ".join(f"{r.property_id}: {r.unfinished}" for r in results[:3]) + ("; ..." if len(results) > 3 else "")
