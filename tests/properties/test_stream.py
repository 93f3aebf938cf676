"""The stream properties (conformance/properties/stream.py) against --impl."""

import pytest

from conformance.impl.harness import Harness
from conformance.properties import Property
from conformance.testing import assert_conforms, properties_of


@pytest.mark.parametrize("prop", properties_of("stream"), ids=lambda p: p.id)
def test_stream(harness: Harness, prop: Property) -> None:
    assert_conforms(harness, prop)
