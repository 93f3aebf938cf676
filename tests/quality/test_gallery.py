"""Every planted bug is reported as *deviates* by the property area meant to catch it.

This is the suite's proof that its checks can fail (hypothesis's quality/
tests in spirit).  It runs under whatever hypothesis profile is selected; CI
uses the derandomised ``ci`` profile, so detection is reproducible.
"""

from __future__ import annotations

import pytest
from hypothesis import Phase, settings

from conformance.engine.result import CONFORMS, DEVIATES
from conformance.impl.build import ensure_built
from conformance.impl.harness import Harness
from conformance.impl.specs import parse
from conformance.properties import all_properties
from conformance.testing import properties_of
from tests.quality.faulty import GALLERY

# the suite's detection and robustness, the same on every Python: tox runs them once (-e quality)
pytestmark = pytest.mark.quality

# The same C reference driver with one libc call wrapped by reference_c/faultshim.c
# (LD_PRELOAD): faulty *exec:* implementations, reached through a command prefix.
SHIM_GALLERY = {
    "recvmsg_clears_trunc": "messages",
    "sendmsg_drops_control": "fdpass",
    "recvmsg_leaks_fds": "fdpass",
    "shutdown_ignored": "shutdown",
    "socketpair_drops_nonblock": "nonblocking",
    "send_short_writes": "stream",
    "type_always_stream": "options",
    "poll_hides_hup": "shutdown",
    # one system call each
    "read_merges_datagrams": "views",
    "readv_first_iov_only": "views",
    "recvfrom_fills_unnamed": "views",
    "recvmmsg_one_at_a_time": "views",
    "splice_read_dgram_einval": "views",
    "write_splits_datagrams": "views",
    "writev_first_iov_only": "views",
    "sendto_ignores_address": "views",
    "sendmmsg_first_only": "views",
    "splice_write_small_chunks": "views",
    # protocol version 2: one per area
    "inq_zero_for_messages": "ioctls",
    "sigpipe_for_all": "signals",
    "listen_succeeds": "addresses",
    "getsockname_len_zero": "addresses",
    "pread_on_socket": "addresses",
    "rcvtimeo_ignored": "timeouts",
    "oob_dropped": "oob",
    "partial_rights_einval": "control",
    "recvmsg_keeps_msg_flags": "abi",
    "peek_off_ignored": "options",
    "recv_never_waits": "blocking",
    "recvmsg_moves_fds_high": "fdpass",
    "epoll_ignores_et": "polling",
    "peercred_is_reader": "creds",
}


def shim_spec(fault: str) -> str:
    built = ensure_built()
    return f"exec:env LD_PRELOAD={built / 'faultshim.so'} SPC_FAULT={fault} {built / 'driver'}"


@pytest.mark.parametrize("bug", sorted(GALLERY))
def test_planted_bug_is_reported(bug: str) -> None:
    assert_caught(f"python:tests.quality.faulty:{bug}", GALLERY[bug])


@pytest.mark.parametrize("fault", sorted(SHIM_GALLERY))
def test_planted_driver_bug_is_reported(fault: str) -> None:
    assert_caught(shim_spec(fault), SHIM_GALLERY[fault])


def test_shim_without_a_fault_conforms() -> None:
    # the shim itself must not be what the gallery detects
    harness = Harness(parse(shim_spec("none")))
    try:
        results = [harness.check(prop) for prop in properties_of("fdpass") + properties_of("shutdown")]
    finally:
        harness.close()
    assert {r.kind for r in results} == {CONFORMS}, [r.detail for r in results]


def assert_caught(spec: str, area: str) -> None:
    harness = Harness(parse(spec))
    try:
        # detection is the point here (one fault, one deviation: test_multifault.py is about
        # several); shrinking and confirming would only cost time.  Each property of the area
        # gets 100 examples, then those that found nothing get up to 1000: the run stops at the
        # first deviation, and a bug meant for one property of an area with several does not
        # wait for the others' whole budgets first
        results = []
        for examples in (100, 1000):
            budget = settings(settings(), max_examples=examples, phases=[Phase.explicit, Phase.reuse, Phase.generate])
            for prop in properties_of(area):
                results.append(harness.check(prop, budget, shrink_seconds=0, max_findings=1, confirm=False))
                if results[-1].kind == DEVIATES:
                    return
    finally:
        harness.close()
    assert results, f"no property in area {area!r}: its file was removed?"
    kinds = {r.property_id: r.kind for r in results}
    assert DEVIATES in kinds.values(), f"{spec} was not caught by the {area} properties: {kinds}"


def test_gallery_covers_every_area() -> None:
    # deleting any area's property file must make a gallery test fail
    areas = {p.area for p in all_properties()}
    planted = set(GALLERY.values()) | set(SHIM_GALLERY.values())  # abi: a C caller's bugs, shim only
    assert areas <= planted, f"areas without a planted bug: {areas - planted}"
