"""The creds properties (conformance/properties/creds.py) against --impl.

The two protocol version 2 added (a pair made by a child that exits, a reader in a
new pid namespace: a process per example) run their traps and a quarter of the
profile's examples, as tests/properties/test_breadth.py says why."""

import pytest
from hypothesis import settings

from conformance.impl.harness import Harness
from conformance.properties import Property
from conformance.testing import assert_conforms, properties_of

VERSION_2 = {"creds.peer_of_an_exited_creator", "creds.peer_across_pid_namespaces"}


@pytest.mark.parametrize("prop", properties_of("creds"), ids=lambda p: p.id)
def test_creds(harness: Harness, prop: Property) -> None:
    quarter = settings(settings(), max_examples=max(10, settings().max_examples // 4))
    assert_conforms(harness, prop, quarter if prop.id in VERSION_2 else None)
