"""conformance.testing.check_socketpair, the call another project's test makes: it reports
every failing property in one assertion, names each deviation by its stable signature,
and leaves the caller as it found it (CPU affinity, signal handlers)."""

from __future__ import annotations

import os
import re
import signal
import socket

import pytest
from hypothesis import settings

from conformance.errors import SetupError
from conformance.testing import check_socketpair, select
from tests.quality.multifault import MULTI, truncation_and_type

FEW = settings(max_examples=40, database=None)


def test_every_failing_property_in_one_assertion_named_by_signature() -> None:
    areas, patterns = MULTI["truncation_and_type"]
    before = os.sched_getaffinity(0), signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGIO)
    with pytest.raises(AssertionError) as raised:
        check_socketpair(truncation_and_type, "two-bugs", areas=areas, hypothesis_settings=FEW)
    message = str(raised.value)
    assert message.startswith("2 of "), message[:300]
    assert "messages." in message and "options." in message  # both properties, not the first only
    named = [line.split("] ", 1)[1] for line in message.splitlines() if re.match(r"\[\d+\] ", line)]
    for pattern in patterns.values():
        assert any(re.search(pattern, signature) for signature in named), (pattern, named)
    assert (os.sched_getaffinity(0), signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGIO)) == before


def test_a_conforming_factory_returns_its_results_and_restores_affinity() -> None:
    before = os.sched_getaffinity(0)
    results = check_socketpair(socket.socketpair, areas=["creation", "ioctls"], hypothesis_settings=FEW)
    assert [r.kind for r in results] == ["conforms"] * len(results) and results
    assert os.sched_getaffinity(0) == before


def test_a_misspelt_area_is_named_with_the_nearest() -> None:
    with pytest.raises(SetupError, match="did you mean messages"):
        select(areas=["mesages"])
