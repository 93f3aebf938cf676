"""After a run nothing is left behind: no fds in this process, no child processes, no temp files."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

from conformance.errors import INTERRUPT_AT_ENV, PHASES
from conformance.impl.build import program
from conformance.impl.harness import Harness
from conformance.impl.specs import parse
from conformance.testing import properties_of


def _children() -> set[int]:
    me = str(os.getpid())
    found = set()
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:  # ppid
            found.add(int(stat.split("/")[2]))
    return found


def test_no_fds_children_or_temp_files_left() -> None:
    temp = set(glob.glob(os.path.join(tempfile.gettempdir(), "spc-obj-*")))
    _open_fds_before, children_before = _open_fds(), _children()
    for spec in ("native", "reference", f"exec:{program('driver')}"):
        harness = Harness(parse(spec))
        for area in ("fdpass", "shutdown"):
            for prop in properties_of(area):
                harness.check(prop, settings(max_examples=15))  # what is left behind shows in a few
        harness.close()
    assert _open_fds() == _open_fds_before, "the run left descriptors open in the test process"
    assert _children() - children_before == set(), "a driver process was left running"
    assert set(glob.glob(os.path.join(tempfile.gettempdir(), "spc-obj-*"))) - temp == set()


def _open_fds() -> set[int]:
    # the listing's own directory fd is in the listing; keep only fds still open after it
    return {int(fd) for fd in os.listdir("/proc/self/fd") if os.path.exists(f"/proc/self/fd/{fd}")}


def _tagged_processes(tag: str) -> list[int]:
    """Processes carrying our marker in their environment (drivers inherit it)."""
    found = []
    for environ in glob.glob("/proc/[0-9]*/environ"):
        try:
            with open(environ, "rb") as f:
                if f"SPC_HYGIENE_TAG={tag}".encode() in f.read().split(b"\0"):
                    found.append(int(environ.split("/")[2]))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("phase", PHASES)
def test_ctrl_c_leaves_nothing_behind(tmp_path: Path, phase: str) -> None:
    """A terminal's Ctrl-C (SIGINT to the foreground process group) at each phase of a run, delivered
    exactly there (errors.checkpoint), not after a guessed delay: one line, exit 130, no driver,
    make or forked receiver left running, no temp files, no report under the real name."""
    tag = uuid.uuid4().hex
    temp = set(glob.glob(os.path.join(tempfile.gettempdir(), "spc-obj-*")))
    report = tmp_path / "report.jsonl"
    # the deviation phase needs one: an implementation with a planted bug, found in its first examples
    impl = "python:tests.quality.faulty:reverses_fd_order" if phase == "deviation" else "native"
    argv = ["run", "--profile", "ci", "--impl", impl, "--impl", "reference", "--report", str(report)]
    # fdpass: descriptors in flight and forked receivers while hunting; creation: quick to run to the end
    argv += ["--area", "fdpass" if phase in ("hunt", "deviation") else "creation"]
    argv += ["-j", "2"]  # worker processes too: each must stop, close its drivers and exit
    cli = subprocess.Popen(
        [sys.executable, "-m", "conformance", *argv],
        env={**os.environ, "SPC_HYGIENE_TAG": tag, INTERRUPT_AT_ENV: phase},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell job would be
    )
    out, err = cli.communicate(timeout=60)
    assert cli.returncode == 130, (cli.returncode, err[-2000:])
    assert b"Traceback" not in out + err
    assert err.strip().splitlines()[-1] == b"socketpair-conformance: interrupted"
    deadline = time.monotonic() + 5
    while _tagged_processes(tag) and time.monotonic() < deadline:
        time.sleep(0.1)  # a driver whose stdin was just closed is on its way out
    assert _tagged_processes(tag) == [], "a driver or forked receiver outlived the interrupted run"
    assert set(glob.glob(os.path.join(tempfile.gettempdir(), "spc-obj-*"))) - temp == set()
    assert list(tmp_path.iterdir()) == [], "an interrupted run must not leave a report or a partial one"
