"""The deviations the suite found in CPython itself (docs/findings.md), listed in
docs/matrix/expectations/native.toml so that runs on native stay green on them: the suite's
comparison must still see each one in the scenario that shows it, name it exactly as
the file does, and leave no descriptor behind; and not blame another implementation
for what CPython's own helper does."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from conformance.engine.result import CONFORMS, DEVIATES
from conformance.impl.harness import Harness
from conformance.impl.pyexec import PythonExecutor
from conformance.impl.specs import ImplSpec, parse
from conformance.properties import select
from conformance.reporting import expectations
from conformance.reporting.findings import group

pytestmark = pytest.mark.quality


NATIVE = Path(__file__).resolve().parents[2] / "docs" / "matrix" / "expectations" / "native.toml"
SO_PASSPIDFD = 76  # Linux 6.5


def open_pidfds() -> list[str]:
    # only pidfds: other tests in this process (xdist runs many) may hold other descriptors
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == "anon_inode:[pidfd]":
                found.append(fd)
        except OSError:
            pass
    return found


def kernel_has_passpidfd() -> bool:
    a, b = socket.socketpair()
    try:
        b.setsockopt(socket.SOL_SOCKET, SO_PASSPIDFD, 1)
        return True
    except OSError as exc:
        if exc.errno != errno.ENOPROTOOPT:
            raise
        return False
    finally:
        a.close()
        b.close()


@pytest.mark.skipif(not kernel_has_passpidfd(), reason="SO_PASSPIDFD needs Linux 6.5")
def test_native_deviations_listed_are_found_by_the_traps_alone() -> None:
    listed = expectations.load(NATIVE)
    (prop,) = select(ids=["options.version_2"])
    # the traps run first in every round, and a round ends at a new deviation (engine/hunt.py):
    # room for every trap in each round finds them all without relying on generation
    traps_only = settings(settings(), max_examples=len(prop.traps) ** 2, phases=[Phase.explicit, Phase.generate])
    harness = Harness(parse("native"))
    try:
        result = harness.check(prop, traps_only, shrink_seconds=0)
    finally:
        harness.close()
    assert result.kind == DEVIATES, result.detail
    found = {str(f.signature) for f in result.findings}
    # one finding (docs/deviations.md): the file's one entry matches every variant, and
    # the traps show it on each socket type, read in the process and in a forked child
    assert len(listed.entries) == 1 and all(listed.entries[0].matches(s) for s in found), found
    assert {s.split(":")[0] for s in found} == {
        f"recv {t}{c}" for t in ("stream", "dgram", "seqpacket") for c in ("", " child")
    }
    assert len(group([result])) == 1
    assert all(f.behaviour == "I15" for f in result.findings), [f.behaviour for f in result.findings]
    # each pidfd recv_fds dropped is closed once counted (it held 33 here for the run before)
    assert not open_pidfds()


@pytest.mark.skipif(not kernel_has_passpidfd(), reason="SO_PASSPIDFD needs Linux 6.5")
def test_a_python_implementation_is_not_blamed_for_cpythons_helper() -> None:
    # The same traps through an implementation that is not CPython's socket module (here a
    # plain wrapper around it): socket.recv_fds's leak is CPython's, so it conforms.
    def wrapped(*args: int) -> tuple[socket.socket, socket.socket]:
        return socket.socketpair(*args)

    (prop,) = select(ids=["options.version_2"])
    traps_only = settings(settings(), max_examples=len(prop.traps) ** 2, phases=[Phase.explicit, Phase.generate])
    harness = Harness(ImplSpec("python:wrapped", lambda: PythonExecutor(wrapped, "wrapped")))
    try:
        result = harness.check(prop, traps_only, shrink_seconds=0)
    finally:
        harness.close()
    assert result.kind == CONFORMS, [str(f.signature) for f in result.findings]
    assert not open_pidfds()
