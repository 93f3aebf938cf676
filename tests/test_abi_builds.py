"""The reference driver builds for another libc and another ABI, and the i386 build
conforms (what people run on their own platform: reference_c/Makefile, musl and m32).

Each needs a toolchain (Debian's musl-tools, gcc-multilib): without it the test is
skipped here, and fails where SPC_REQUIRE_ABI_BUILDS=1 says it must be there (.ci/run)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.quality  # the same on every Python: run once, in the quality job

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "reference_c"


def build(target: str, tool: str) -> Path:
    if shutil.which(tool) is None and target == "musl":
        return missing(f"{tool} (Debian: musl-tools)")
    made = subprocess.run(["make", "-s", "-C", str(REFERENCE), target], capture_output=True, text=True)
    if made.returncode != 0:
        return missing(f"a {target} toolchain ({made.stderr.strip().splitlines()[-1:]})")
    return REFERENCE / "build" / f"driver-{target}"


def missing(what: str) -> Path:
    if os.environ.get("SPC_REQUIRE_ABI_BUILDS") == "1":
        pytest.fail(f"{what} is required here (SPC_REQUIRE_ABI_BUILDS=1)")
    pytest.skip(f"{what} is not installed")


def run(impl: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOCKETPAIR_CONFORMANCE_PROFILE": "ci"}
    command = [sys.executable, "-m", "conformance", "run", "--impl", impl, *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_the_i386_build_conforms_but_for_the_compat_layer() -> None:
    build("m32", "gcc")
    # the control-space sizes are in ABI units (spec/ctrl_units.py): a 12-byte cmsghdr
    # changes no answer; what Linux's compat layer itself does differently is listed
    done = run(
        "exec:reference_c/build/driver-m32",
        *("--area", "fdpass", "--area", "creds", "--area", "messages", "--area", "abi"),
        *("--expect", "docs/abi/i386-compat.toml"),
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "fdpass.rights_identity_and_order    conforms" in done.stdout


def test_the_static_musl_build_runs() -> None:
    driver = build("musl", "musl-gcc")
    assert b"ld-linux" not in driver.read_bytes(), "the musl build must be static: no glibc loader"
    done = run("exec:reference_c/build/driver-musl", "--area", "messages")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "messages.boundaries_and_truncation  conforms" in done.stdout
