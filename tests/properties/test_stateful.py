"""The state-machine form of the suite (conformance/stateful.py) against --impl, with a
quarter of the profile's examples (as tests/properties/test_breadth.py: every Python runs
it; the whole budget is spent by the gallery), and proof, in the gallery (-m quality,
once), that it too reports a planted bug."""

from __future__ import annotations

import pytest
from hypothesis import Phase, settings
from hypothesis.stateful import run_state_machine_as_test

from conformance.engine.runner import Deviation
from conformance.engine.stateful import make_state_machine
from conformance.impl.harness import Harness
from conformance.impl.specs import parse


def test_state_machine_conforms(harness: Harness) -> None:
    iut, caps = harness.implementation()
    machine = make_state_machine(harness.reference(), iut, caps)
    quarter = max(10, settings().max_examples // 4)
    run_state_machine_as_test(machine, settings=settings(settings(), max_examples=quarter, stateful_step_count=15))


@pytest.mark.quality
def test_state_machine_reports_a_planted_bug() -> None:
    harness = Harness(parse("python:tests.quality.faulty:reverses_fd_order"))
    try:
        iut, caps = harness.implementation()
        machine = make_state_machine(harness.reference(), iut, caps)
        with pytest.raises(Deviation):
            no_shrink = settings(settings(), max_examples=300, stateful_step_count=15, phases=[Phase.generate])
            run_state_machine_as_test(machine, settings=no_shrink)
    finally:
        harness.close()
