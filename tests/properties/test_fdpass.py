"""The fdpass properties (conformance/properties/fdpass.py) against --impl."""

import pytest

from conformance.impl.harness import Harness
from conformance.properties import Property
from conformance.testing import assert_conforms, properties_of


@pytest.mark.parametrize("prop", properties_of("fdpass"), ids=lambda p: p.id)
def test_fdpass(harness: Harness, prop: Property) -> None:
    assert_conforms(harness, prop)
