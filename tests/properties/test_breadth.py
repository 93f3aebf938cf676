"""The areas protocol version 2 added (ioctls, signals, addresses, timeouts, oob, control,
abi) against --impl: each conforms, or is skipped where the implementation did not declare it."""

import pytest

from conformance.impl.harness import Harness
from conformance.properties import Property
from conformance.testing import properties_of
from tests.conftest import assert_conforms

AREAS = ("ioctls", "signals", "addresses", "timeouts", "oob", "control", "abi", "blocking", "polling")


@pytest.mark.parametrize("prop", [p for area in AREAS for p in properties_of(area)], ids=lambda p: p.id)
def test_breadth(harness: Harness, prop: Property) -> None:
    assert_conforms(harness, prop)
