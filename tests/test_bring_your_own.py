"""Bring your own implementation, as a third party would (issue 30): a package that
registers a socketpair factory in the ``socketpair_conformance.implementations``
entry-point group is found by ``--impl NAME`` from any directory, and the factory's
``capabilities`` attribute says what it can do (what it leaves out is *unsupported*).

The package is the guide's complete example (docs/writing-an-implementation.md), installed
the way pip leaves one: a module and its ``.dist-info`` (with
``entry_points.txt``) in a directory on the path; ``importlib.metadata`` finds it there.
Each run is a new interpreter, as a user's is.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conformance.impl.pyexec import ALL_CAPS

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "writing-an-implementation.md"


def example() -> tuple[str, str]:
    """The guide's complete example: the module, and the entry point's line."""
    text = GUIDE.read_text()
    module = re.search(r"```python\n# theirs_pairs.py\n(.*?)```", text, re.S)
    entry = re.search(r'\[project\.entry-points\."(.+?)"\]\n(\w+ = "[\w.:]+")', text)
    assert module and entry, "docs/writing-an-implementation.md lost its complete example"
    return module.group(1), f"[{entry.group(1)}]\n{entry.group(2).replace(chr(34), '')}\n"


CAPS = {"stream", "dgram", "seqpacket", "nonblock", "cloexec", "shutdown", "poll", "sockopt", "duplex", "pep446"}


def install(site: Path, caps: object = None) -> None:
    """As pip leaves the guide's package: the module, and its dist-info with the entry point."""
    module, entry = example()
    site.mkdir()
    extra = f"\nsocketpair.capabilities = {caps!r}\n" if caps is not None else ""
    (site / "theirs_pairs.py").write_text(module + extra)
    info = site / "theirs_pairs-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: theirs-pairs\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry)


def run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(tmp / "site"), "SOCKETPAIR_CONFORMANCE_JOBS": "1"}
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "ci", "--impl", "theirs", *args]
    return subprocess.run(argv, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)


def test_an_installed_package_is_found_by_name_and_declares_what_it_can_do(tmp_path: Path) -> None:
    install(tmp_path / "site")  # the guide's example as it stands
    done = run(tmp_path, "--area", "creation", "--area", "fdpass")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    last = done.stdout.splitlines()[-1]
    # creation conforms; fdpass needs scm_rights, which it did not declare
    assert last.startswith("theirs: 4 properties: 1 conforms, 3 unsupported"), last
    assert "declares no support for scm_rights" in done.stdout


def test_a_capability_no_in_process_implementation_has_is_one_line_and_exit_2(tmp_path: Path) -> None:
    install(tmp_path / "site", {*CAPS, "abi", "telepathy"})
    done = run(tmp_path, "--area", "creation")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip().splitlines() == [
        "socketpair-conformance: theirs: capabilities names abi, telepathy: not a capability of an in-process"
        f" implementation (these are: {' '.join(sorted(ALL_CAPS))})"
    ], done.stderr
