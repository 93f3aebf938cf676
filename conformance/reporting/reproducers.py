"""Reproducers: a deviation's minimal scenario as two standalone programs.

For a bug report an implementer needs something that runs without this suite:

- ``ID.py`` calls the implementation the way the suite did (its factory for
  ``python:`` specs and adapters, ``socket.socketpair`` for ``native``) and
  prints one line per step;
- ``ID.c`` performs the same steps with the raw system calls, i.e. shows what
  Linux does.

Both print the same line format (``N verb: ok ret=3`` / ``N verb: err EPIPE``),
so ``diff`` of their outputs points at the deviation.  Lines are the raw
results of each call, not the protocol's fd descriptions: a received
descriptor is printed as the inode of the object it refers to (``fd->f``) when
it is one of the scenario's objects.  A receive the suite did in a forked
child is done in a forked child.  ``duplex`` steps are printed as skipped.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional, Union

from ..engine.result import Finding, finding_id
from ..engine.runner import Divergence, Step
from ..engine.scenario import Scenario
from ..engine.signature import Signature
from ..ops.base import operation
from ..spec.protocol import VERSION, Observation, Op
from .reproduce_c import CFLAGS, c_program
from .reproduce_py import python_program


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:80]


# the header line naming the lines where an earlier difference was passed (as the run saw it)
PASSED_LINES = "Lines that differ before it, leaving both sides in the same state (the suite went on): "


def name(property_id: str, finding: Finding) -> str:
    """A finding's file name: PROPERTY:ROW and a short hash of its signature (two findings
    of one property can break the same row)."""
    digest = hashlib.sha1(str(finding.signature).encode()).hexdigest()[:6]
    return slug(f"{finding_id(property_id, finding)}-{digest}")


def write(
    property_id: str,
    impl: str,
    finding: Finding,
    directory: Path,
    factory: Optional[str],
    argv: Optional[list[str]],
) -> list[Path]:
    """Write the reproducers of one finding: NAME.c (Linux), and NAME.py calling
    ``factory`` (MODULE:ATTR) for Python implementations, or NAME.requests (the
    protocol lines, ``DRIVER < NAME.requests``) for exec: drivers."""
    divergence = finding.divergence
    target = directory / slug(impl)
    target.mkdir(parents=True, exist_ok=True)
    ops = [s.op for s in divergence.steps if s.reference.get("note") == ""]
    last = divergence.steps[-1]
    header = [
        f"Reproducer for {finding_id(property_id, finding)} ({impl}), written by socketpair-conformance.",
        f"Deviation: {finding.signature}",
        f"The difference is at step {last.index}: {divergence.reason}",
        f"  Linux:          {last.reference}",
        f"  implementation: {last.implementation}",
    ]
    printed = [s for s in divergence.steps if s.reference.get("note") == ""]
    # each operation may perform a step its own way in the programs (a difference
    # the suite waived is not printed as one, ops/fdflags.py)
    shown = [operation(s.op.verb).reproduced(s.op, s.reference, s.implementation, s is last) for s in printed]
    # a difference that left both sides in the same state did not end the scenario
    # (engine/runner.py): the programs print it too, and demonstrate() allows it
    passed = [
        str(n)
        for n, (s, o) in enumerate(zip(printed, shown), 1)
        if s is not last and s.reference != s.implementation and o == s.op
    ]
    if passed:
        header.append(f"{PASSED_LINES}{', '.join(passed)}")
    base = name(property_id, finding)
    c = target / f"{base}.c"
    c.write_text(c_program(shown, header))
    if factory is not None:
        other = target / f"{base}.py"
        other.write_text(python_program(shown, header, factory))
    else:
        other = target / f"{base}.requests"
        lines = [f"0 start version={VERSION} block_ms=20"] + [o.line(i) for i, o in enumerate(ops, 1)]
        other.write_text("\n".join(lines) + "\n")
    return [other, c]


Demonstration = Union[tuple[str, str], str]


def demonstrate(paths: list[Path], cwd: Path) -> Demonstration:
    """Compile and run a deviation's NAME.c, run its NAME.py (from ``cwd``, where its factory
    imports): the line where Linux and the implementation part, or why they do not show it.
    They must print the same lines up to the deviating step and different ones at it, except
    the lines the header names as earlier differences the run passed (the suite's own
    comparison went on past them, so the deviating step comes after them)."""
    source = next((p for p in paths if p.suffix == ".c"), None)
    script = next((p for p in paths if p.suffix == ".py"), None)
    if source is None or script is None or not source.exists() or not script.exists():
        return "no C and Python reproducers written"
    passed = _passed_lines(source.read_text())
    with tempfile.TemporaryDirectory(prefix="spc-repro-") as tmp:
        binary = Path(tmp) / "repro"
        built = subprocess.run(["cc", *CFLAGS.split(), "-o", str(binary), str(source)], capture_output=True, text=True)
        if built.returncode != 0:
            return f"the C reproducer does not compile: {built.stderr.strip()[:200]}"
        linux = _lines([str(binary)], cwd)
        library = _lines([sys.executable, "-u", str(script)], cwd, expected=linux)
    if isinstance(linux, str):
        return linux
    if isinstance(library, str):
        return library
    same_until_last = [_compared(line) for line in linux[:-1] if _number(line) not in passed] == [
        _compared(line) for line in library[:-1] if _number(line) not in passed
    ]
    if not linux or not library or not same_until_last or linux[-1] == library[-1]:
        return f"their outputs do not differ exactly at the last step:\n    C:  {linux[-3:]}\n    py: {library[-3:]}"
    return linux[-1], library[-1]


def _passed_lines(source: str) -> frozenset[str]:
    found = re.search(re.escape(PASSED_LINES) + r"([0-9, ]+)", source)
    return frozenset(n.strip() for n in found.group(1).split(",")) if found else frozenset()


def _number(line: str) -> str:
    return line.split(" ", 1)[0]


def _compared(line: str) -> str:
    """A line as compared: without its closing ``(...)``, which is for the reader (how much a
    fill moved, which pid made a pair) and which the engine does not compare either."""
    return _ANNOTATION.sub("", line)


_ANNOTATION = re.compile(r" \([^()]*\)$")


def _lines(command: list[str], cwd: Path, expected: Union[list[str], str] = "") -> Union[list[str], str]:
    """The program's numbered lines.  A program still running after the bound is killed;
    when it had printed every line before the C program's last, its last step is the
    one that did not return: it is shown as ``blocked`` (a call Linux ends and the
    implementation does not, which the Python program cannot bound from outside)."""
    # its own session: a program killed at the bound takes the children it forked with it
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=cwd, start_new_session=True
    )
    try:
        out, _ = proc.communicate(timeout=_BOUND)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        out, _ = proc.communicate()
        printed = [line for line in out.splitlines() if line.strip()]
        if isinstance(expected, list) and expected and len(printed) == len(expected) - 1:
            verb = expected[-1].split(":", 1)[0]
            return [*printed, f"{verb}: blocked (still blocked after {_BOUND} s: killed)"]
        return f"{Path(command[-1]).name} did not finish in {_BOUND} s"
    _kill_group(proc.pid)  # a child it forked and left behind
    return [line for line in out.splitlines() if line.strip()]


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


_BOUND = 30


def finding_from_record(record: dict[str, Any]) -> Finding:
    """A report's deviation record as the Finding it was written from: enough to write its
    reproducers again (publish --no-run), after the programs' templates changed."""
    found = record["finding"]
    steps = tuple(
        Step(int(s["op"].split(" ", 1)[0]), _op(s["op"]), _observation(s["linux"]), _observation(s["implementation"]))
        for s in found["steps"]
    )
    where, _, rest = record["signature"].rpartition(": ")
    field, _, values = rest.partition(" linux ")
    linux, _, impl = values.partition(" / impl ")
    sig = Signature("", "", where, field, linux, impl)  # printed as the report printed it
    pair = next((s.op for s in steps if s.op.verb == "pair"), steps[0].op)
    divergence = Divergence(Scenario(pair, tuple(s.op for s in steps)), steps, found["reason"], sig)
    return Finding(sig, divergence, found["catalog_row"], status=found["status"])


def _fields(tokens: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, _, v in (t.partition("=") for t in tokens))


def _op(line: str) -> Op:
    tokens = line.split(" ")
    return Op(tokens[1], _fields(tokens[2:]))


def _observation(line: str) -> Observation:
    tokens = line.split(" ")
    return Observation(tokens[0], _fields(tokens[1:]))
