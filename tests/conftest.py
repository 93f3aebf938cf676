"""This repository's pytest wiring.  --impl, --conformance-profile and the ``harness``
fixture come from the suite's own pytest plugin (conformance/pytest_plugin.py, loaded
through its pytest11 entry point), exactly as in a user's project; here we only load
the suite's profile as the session default (our other hypothesis tests follow it)
and build the reference programs before the workers start."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.engine import profiles
from conformance.errors import SetupError
from conformance.impl.build import ensure_built

# CPython's own deviations (docs/findings.md), confirmed by hand: the properties run
# on native stay green on these and fail on anything new (docs/expectations.md)
NATIVE_EXPECTATIONS = Path(__file__).resolve().parent.parent / "docs" / "matrix" / "expectations" / "native.toml"


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("conformance_impl") == "native" and not config.getoption("conformance_expect"):
        config.option.conformance_expect = str(NATIVE_EXPECTATIONS)
    # hypothesis's own plugin has already loaded --hypothesis-profile if given;
    # otherwise choose ours explicitly so its auto-loaded "ci" never applies.
    try:
        if not config.getoption("hypothesis_profile", None):
            profiles.select_profile(config.getoption("conformance_profile"))
    except SetupError as exc:
        raise pytest.UsageError(str(exc)) from None


def pytest_sessionstart(session: pytest.Session) -> None:
    try:
        ensure_built()
    except SetupError as exc:
        pytest.exit(str(exc), returncode=2)
