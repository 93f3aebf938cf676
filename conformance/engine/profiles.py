"""Hypothesis profiles owned by the suite, always chosen explicitly.

Hypothesis loads a built-in ``ci`` profile by itself when it sees CI variables;
ours are registered under names of their own (``socketpair-conformance-ci``)
and always chosen by name, so neither that nor a user's own profiles decide
what a run does, and installing the suite (its pytest plugin loads in every
session) never changes the user's other hypothesis tests.

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
PROFILES = ("dev", "ci", "thorough")
_PREFIX = "socketpair-conformance-"
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(_PREFIX + "dev", max_examples=60, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile(
    _PREFIX + "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=False,
    suppress_health_check=_SLOW_OK,
)
settings.register_profile(_PREFIX + "thorough", max_examples=2000, deadline=None, suppress_health_check=_SLOW_OK)


def chosen(name: str | None = None) -> str:
    """``name``, else $SOCKETPAIR_CONFORMANCE_PROFILE, else ``dev``; an unknown name is bad input."""
    choice = name or os.environ.get(ENV_VAR) or DEFAULT
    if choice not in PROFILES:
        raise SetupError(f"unknown hypothesis profile {choice!r}: choose one of {', '.join(PROFILES)}")
    return choice


def profile_settings(name: str | None = None) -> settings:
    """The settings of a profile, without loading it as the process's default (the pytest plugin)."""
    return settings.get_profile(_PREFIX + chosen(name))


def select_profile(name: str | None = None) -> str:
    """Load a profile as the process's default (the command line, this repository's own tests)."""
    choice = chosen(name)
    settings.load_profile(_PREFIX + choice)
    return choice
