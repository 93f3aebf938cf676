"""The areas protocol version 2 added against --impl: each conforms, or is skipped where the
implementation did not declare it.

How they share the per-Python budget (about a minute on 2 cores): here each runs its traps
and a quarter of the profile's examples, as the example driver's test does; the whole
budget is spent by ``socketpair-conformance run`` and by the quality job's gallery, whose
planted bugs these properties must find."""

import pytest
from hypothesis import settings

from conformance.impl.harness import Harness
from conformance.properties import Property
from conformance.testing import assert_conforms, properties_of

AREAS = ("ioctls", "signals", "addresses", "timeouts", "oob", "control", "abi", "blocking", "polling")


@pytest.mark.parametrize("prop", [p for area in AREAS for p in properties_of(area)], ids=lambda p: p.id)
def test_breadth(harness: Harness, prop: Property) -> None:
    assert_conforms(harness, prop, settings(settings(), max_examples=max(10, settings().max_examples // 4)))
