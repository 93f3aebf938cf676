"""The creds properties (conformance/properties/creds.py) against --impl."""

import pytest

from conformance.impl.harness import Harness
from conformance.properties import Property
from conformance.testing import assert_conforms, properties_of


@pytest.mark.parametrize("prop", properties_of("creds"), ids=lambda p: p.id)
def test_creds(harness: Harness, prop: Property) -> None:
    assert_conforms(harness, prop)
