"""Protocol version 2 is additive: a version-1 driver still runs, what a driver does not
declare is unsupported (and named), and what its start reply says that the suite does
not know is named in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conformance.impl.build import program

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "conformance" / "examples" / "driver.py"

# A driver in front of the reference one that rewrites its start reply: it declares
# version 2 with a capability and a field this suite does not know, and only the
# verbs of version 1 (so ioctl is not among them).
PROXY = """
import subprocess, sys
real = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
for line in sys.stdin:
    real.stdin.write(line)
    real.stdin.flush()
    reply = real.stdout.readline()
    if line.split()[1] == "start":
        words = [w for w in reply.split() if not w.startswith(("verbs=", "caps="))]
        caps = "caps=stream,dgram,seqpacket,nonblock,cloexec,scm_rights,sockopt,teleport"
        verbs = "verbs=reset,obj,pair,send,recv,shutdown,close,getsockopt,setsockopt,poll,fdflags,duplex"
        reply = " ".join(words + [caps, verbs, "colour=blue"]) + "\\n"
    sys.stdout.write(reply)
    sys.stdout.flush()
"""


def run(impl: str, *areas: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "ci", "--impl", impl]
    for area in areas:
        argv += ["--area", area]
    env = {**os.environ, "SOCKETPAIR_CONFORMANCE_PROFILE": "ci"}
    return subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_a_version_1_driver_runs_and_what_version_2_added_is_unsupported_and_named() -> None:
    done = run(f"exec:{sys.executable} {EXAMPLE}", "ioctls", "creation")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "creation.arguments_and_flags  conforms" in done.stdout
    assert "ioctls.queue_sizes            unsupported" in done.stdout
    assert "unsupported, declares no support for ioctl: ioctls.queue_sizes" in done.stdout


def test_undeclared_verbs_are_unsupported_and_unknown_start_words_are_named(tmp_path: Path) -> None:
    proxy = tmp_path / "proxy.py"
    proxy.write_text(PROXY)
    done = run(f"exec:{sys.executable} {proxy} {program('driver')}", "ioctls", "options")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "options.defaults_and_round_trips  conforms" in done.stdout
    # a capability it did not declare, and a verb it did not list
    assert "unsupported, declares no support for sockopt2: options.version_2" in done.stdout
    assert "unsupported, declares no support for ioctl: ioctls.queue_sizes" in done.stdout
    named = [line for line in done.stdout.splitlines() if "does not know" in line]
    assert len(named) == 1 and named[0].endswith("(ignored): capability teleport, field colour"), named
