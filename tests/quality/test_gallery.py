"""Every planted bug is reported as *deviates* by the property area meant to catch it.

This is the suite's proof that its checks can fail (hypothesis's quality/
tests in spirit).  It runs under whatever hypothesis profile is selected; CI
uses the derandomised ``ci`` profile, so detection is reproducible.
"""

from __future__ import annotations

import pytest
from hypothesis import Phase, settings

from conformance.harness import Harness
from conformance.impls import parse
from conformance.properties import all_properties
from conformance.runner import DEVIATES
from conformance.testing import properties_of
from tests.quality.faulty import GALLERY


@pytest.mark.parametrize("bug", sorted(GALLERY))
def test_planted_bug_is_reported(bug: str) -> None:
    area = GALLERY[bug]
    harness = Harness(parse(f"python:tests.quality.faulty:{bug}"))
    try:
        # detection is the point here; shrinking would only cost time
        # and a bug gets up to 1000 examples: the run stops at the first deviation
        no_shrink = settings(settings(), max_examples=1000, phases=[Phase.explicit, Phase.reuse, Phase.generate])
        results = [harness.check(prop, no_shrink) for prop in properties_of(area)]
    finally:
        harness.close()
    assert results, f"no property in area {area!r}: its file was removed?"
    kinds = {r.property_id: r.kind for r in results}
    assert DEVIATES in kinds.values(), f"{bug} was not caught by the {area} properties: {kinds}"


def test_gallery_covers_every_area() -> None:
    # deleting any area's property file must make a gallery test fail
    areas = {p.area for p in all_properties()}
    assert areas <= set(GALLERY.values()), f"areas without a planted bug: {areas - set(GALLERY.values())}"
