"""Suite-wide pytest wiring: hypothesis profile, reference build, --impl."""

from __future__ import annotations

import pytest

from conformance import profiles
from conformance.build import ensure_built
from conformance.errors import SetupError


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--impl",
        default="native",
        help="implementation under test: native, python:MODULE:ATTR, exec:COMMAND ARGS..., or an adapter name",
    )


def pytest_configure(config: pytest.Config) -> None:
    # hypothesis's own plugin has already loaded --hypothesis-profile if given;
    # otherwise choose ours explicitly so its auto-loaded "ci" never applies.
    try:
        if not config.getoption("hypothesis_profile", None):
            profiles.select_profile()
    except SetupError as exc:
        raise pytest.UsageError(str(exc)) from None


def pytest_sessionstart(session: pytest.Session) -> None:
    try:
        ensure_built()
    except SetupError as exc:
        pytest.exit(str(exc), returncode=2)
