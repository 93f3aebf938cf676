"""Build the reference C programs once per source and compiler, into a per-user cache.

Where the sources are: an installed wheel carries them as package data
(``conformance/_reference_c``, mapped from the repository's ``reference_c/`` by
pyproject.toml); a checkout has them beside ``conformance/``.  Either way they
are built into ``$SOCKETPAIR_CONFORMANCE_CACHE`` (or ``$XDG_CACHE_HOME/
socketpair-conformance``, or ``~/.cache/socketpair-conformance``) in a directory
named by a hash of the sources, the compiler's identity and CFLAGS: a changed
source or compiler builds afresh and never runs a stale oracle, and site-packages
is never written to (it may be read-only).

Several processes may ask at once (pytest-xdist, parallel tox, ``run -j``): an
exclusive ``flock`` on a lock file in the build directory serialises them and
``make`` makes every later call a no-op; make writes each program to ``.tmp``
and renames it, so no process ever runs a half-written binary.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Optional

from ..errors import INTERRUPTED, SetupError, checkpoint

_PACKAGED = Path(__file__).resolve().parents[1] / "_reference_c"
_CHECKOUT = Path(__file__).resolve().parents[2] / "reference_c"
CACHE_ENV = "SOCKETPAIR_CONFORMANCE_CACHE"
_SOURCE_SUFFIXES = (".c", ".h")


def source_dir() -> Path:
    """The reference C sources: the wheel's copy, else the checkout's."""
    for candidate in (_PACKAGED, _CHECKOUT):
        if (candidate / "Makefile").is_file():
            return candidate
    raise SetupError(
        f"the reference C sources are missing (looked in {_PACKAGED} and {_CHECKOUT}): "
        "reinstall socketpair-conformance from its wheel or a clone"
    )


def cache_root() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"  # XDG: relative is invalid
    return base / "socketpair-conformance"


def _compiler() -> str:
    compiler = os.environ.get("CC", "cc")
    if shutil.which(compiler.split()[0] if compiler.strip() else "cc") is None:
        raise SetupError(
            f"no C compiler: {compiler!r} is not on PATH; the reference driver is built from C on first use "
            "(Debian/Ubuntu: apt-get install gcc make; or set CC)"
        )
    if shutil.which("make") is None:
        raise SetupError("'make' is not on PATH; the reference driver is built with it (apt-get install make)")
    return compiler


def _identity(compiler: str, sources: Path) -> str:
    """Hash of what decides the binaries: every source file, the compiler's version, CFLAGS."""
    digest = hashlib.sha256()
    for path in sorted(sources.iterdir()):
        if path.name == "Makefile" or path.suffix in _SOURCE_SUFFIXES:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    try:
        version = subprocess.run(
            [*compiler.split(), "--version"], stdin=subprocess.DEVNULL, capture_output=True, timeout=30
        ).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SetupError(f"the C compiler {compiler!r} does not run: {exc}") from None
    digest.update(compiler.encode() + b"\0" + version + b"\0" + os.environ.get("CFLAGS", "").encode())
    return digest.hexdigest()[:16]


_BUILT: Optional[Path] = None  # make has succeeded in this process: the binaries exist


def ensure_built() -> Path:
    """The directory holding the built programs (building them first if this source and compiler never were)."""
    global _BUILT
    if _BUILT is not None:
        return _BUILT  # every Harness asks; the hash and make each cost a process spawn
    sources = source_dir()
    compiler = _compiler()
    build = cache_root() / _identity(compiler, sources)
    try:
        build.mkdir(parents=True, exist_ok=True)
        lock_file = open(build / ".lock", "w")  # held across the build, closed by the with below
    except OSError as exc:
        raise SetupError(
            f"cannot create the build cache {build}: {exc.strerror}; set {CACHE_ENV} to a writable directory"
        ) from None
    with lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        checkpoint("build")
        result = subprocess.run(
            ["make", "-s", "-C", str(sources), f"BUILD={build}", f"CC={compiler}"],
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
        raise SetupError(f"building the reference C programs failed: {first[:300]} (run 'make -C {sources}')")
    _BUILT = build
    return build


def program(name: str) -> Path:
    """Path of a built reference program (building everything if needed)."""
    return ensure_built() / name
