"""The messages properties (conformance/properties/messages.py) against --impl."""

import pytest

from conformance.impl.harness import Harness
from conformance.properties import Property
from conformance.testing import assert_conforms, properties_of


@pytest.mark.parametrize("prop", properties_of("messages"), ids=lambda p: p.id)
def test_messages(harness: Harness, prop: Property) -> None:
    assert_conforms(harness, prop)
