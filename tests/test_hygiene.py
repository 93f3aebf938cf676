"""After a run nothing is left behind: no fds in this process, no child processes, no temp files."""

from __future__ import annotations

import glob
import os
import tempfile

from hypothesis import settings

from conformance.harness import Harness
from conformance.impls import parse
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
    for spec in ("native", "reference", "exec:reference_c/build/driver"):
        harness = Harness(parse(spec))
        for area in ("fdpass", "shutdown"):
            for prop in properties_of(area):
                harness.check(prop, settings(max_examples=30))
        harness.close()
    assert _open_fds() == _open_fds_before, "the run left descriptors open in the test process"
    assert _children() - children_before == set(), "a driver process was left running"
    assert set(glob.glob(os.path.join(tempfile.gettempdir(), "spc-obj-*"))) - temp == set()


def _open_fds() -> set[int]:
    # the listing's own directory fd is in the listing; keep only fds still open after it
    return {int(fd) for fd in os.listdir("/proc/self/fd") if os.path.exists(f"/proc/self/fd/{fd}")}
