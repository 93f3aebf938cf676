"""Build the reference C programs once, safely under pytest-xdist and parallel tox.

Several processes may ask at once; an exclusive ``flock`` on a lock file in the
build directory serialises them and ``make`` makes every later call a no-op.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
from pathlib import Path

from ..errors import INTERRUPTED, SetupError

SOURCE_DIR = Path(__file__).resolve().parents[2] / "reference_c"
BUILD_DIR = SOURCE_DIR / "build"


def program(name: str) -> Path:
    """Path of a built reference program (building everything if needed)."""
    ensure_built()
    return BUILD_DIR / name


_BUILT_HERE = False  # make has succeeded in this process: the binaries exist


def ensure_built() -> Path:
    global _BUILT_HERE
    if _BUILT_HERE:
        return BUILD_DIR  # every Harness asks; make itself costs a process spawn per question
    if not (SOURCE_DIR / "Makefile").is_file():
        raise SetupError(
            f"reference C sources not found at {SOURCE_DIR}: run from a clone of socketpair-conformance "
            "(pip install -e .) so that reference_c/ sits beside conformance/"
        )
    compiler = os.environ.get("CC", "cc")
    if shutil.which(compiler) is None:
        raise SetupError(f"no C compiler: {compiler!r} is not on PATH; install one (apt-get install gcc) or set CC")
    if shutil.which("make") is None:
        raise SetupError("'make' is not on PATH; install it (apt-get install make)")
    BUILD_DIR.mkdir(exist_ok=True)
    with open(BUILD_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = subprocess.run(
            ["make", "-s", "-C", str(SOURCE_DIR)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    if result.returncode == -signal.SIGINT or INTERRUPTED.is_set():
        # a terminal's Ctrl-C reaches make too (one process group): an interrupted build, not a failed one
        raise KeyboardInterrupt
    if result.returncode != 0:
        first = next((line for line in result.stdout.splitlines() if "error" in line), result.stdout.strip())
        raise SetupError(f"building reference_c failed: {first[:300]} (run 'make -C {SOURCE_DIR}' to see all)")
    _BUILT_HERE = True
    return BUILD_DIR
