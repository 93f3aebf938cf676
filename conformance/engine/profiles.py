"""Hypothesis profiles owned by the suite, always selected explicitly.

Hypothesis loads a built-in ``ci`` profile by itself when it sees CI variables;
registering our own ``ci`` under the same name and always calling
``select_profile`` means that never decides what a run does.

- ``dev``: the default for local runs; random, moderately many examples.
- ``ci``: derandomised (same examples every run), fixed counts, no deadline,
  no example database: identical verdicts run after run.
- ``thorough``: many more examples, for nightly or release hunts.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

from ..errors import SetupError

ENV_VAR = "SOCKETPAIR_CONFORMANCE_PROFILE"
DEFAULT = "dev"
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=False,
    suppress_health_check=_SLOW_OK,
)
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=_SLOW_OK)
PROFILES = ("dev", "ci", "thorough")


def select_profile(name: str | None = None) -> str:
    """Load ``name``, else $SOCKETPAIR_CONFORMANCE_PROFILE, else ``dev``."""
    chosen = name or os.environ.get(ENV_VAR) or DEFAULT
    if chosen not in PROFILES:
        raise SetupError(f"unknown hypothesis profile {chosen!r}: choose one of {', '.join(PROFILES)}")
    settings.load_profile(chosen)
    return chosen
