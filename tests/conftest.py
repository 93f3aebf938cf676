"""Suite-wide pytest wiring: hypothesis profile, reference build, --impl."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

import pytest
from hypothesis import settings

from conformance.engine import profiles
from conformance.engine.result import CONFORMS, UNSUPPORTED
from conformance.errors import SetupError
from conformance.impl import specs as impls
from conformance.impl.build import ensure_built
from conformance.impl.harness import Harness
from conformance.properties import Property
from conformance.testing import failure_message


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


@pytest.fixture(scope="session")
def harness(request: pytest.FixtureRequest) -> Iterator[Harness]:
    """One reference driver and one implementation per (xdist worker) process."""
    try:
        spec = impls.parse(request.config.getoption("impl"))
    except SetupError as exc:
        pytest.exit(str(exc), returncode=2)
    h = Harness(spec)
    yield h
    h.close()


def assert_conforms(harness: Harness, prop: Property, hypothesis_settings: Optional[settings] = None) -> None:
    """The property holds for the implementation under test, or is skipped as unsupported."""
    result = harness.check(prop, hypothesis_settings)
    if result.kind == UNSUPPORTED and result.detail.startswith("declares"):
        pytest.skip(f"{harness.impl.spec}: {result.detail}")
    assert result.kind in (CONFORMS, UNSUPPORTED), failure_message(prop, result)
