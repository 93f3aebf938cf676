"""The pytest plugin (entry point ``pytest11``): loaded in every pytest session once
the suite is installed, so it stays inert until a test asks for its fixtures:
it loads no hypothesis profile into the session and builds nothing up front.

- ``--impl SPEC`` (also ``--conformance-impl``): what the ``harness`` fixture tests
  (native, reference, python:MODULE:ATTR, exec:COMMAND, an adapter name).
- ``--conformance-profile NAME``: dev, ci or thorough (default
  $SOCKETPAIR_CONFORMANCE_PROFILE, else dev), used by the harness only.
- ``--conformance-expect FILE``: the implementation's expectation file
  (docs/expectations.md): the deviations it lists do not fail a test.
- ``--conformance-database SPEC``: a campaign's shared example database
  (campaign.py), keyed as ``run --database`` keys it.
- fixtures: ``conformance_impl`` (the spec string; override it in a conftest.py
  to return a factory such as ``mymod.socketpair``) and ``harness`` (one
  reference driver and one implementation per session, or per xdist worker).
- tests: ``conformance.testing.conformance_tests(areas=..., ids=...)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Callable, Union

import pytest
from hypothesis import settings

from . import campaign
from .engine import profiles
from .errors import SetupError
from .impl import specs
from .impl.build import ensure_built
from .impl.harness import Harness
from .impl.pyexec import PythonExecutor, SocketFactory
from .reporting import expectations


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("socketpair-conformance", "socketpair(2) conformance (conformance.pytest_plugin)")
    group.addoption(
        "--impl",
        "--conformance-impl",
        dest="conformance_impl",
        default="native",
        help="implementation the harness fixture tests: native, reference, python:MODULE:ATTR, exec:COMMAND ARGS..., "
        "or an adapter name (default native)",
    )
    group.addoption(
        "--conformance-profile",
        choices=profiles.PROFILES,
        default=None,
        help=f"the suite's hypothesis profile for the harness (default ${profiles.ENV_VAR}, else dev)",
    )
    group.addoption(
        "--conformance-expect",
        metavar="FILE",
        default=None,
        help="the implementation's known deviations (docs/expectations.md): listed ones do not fail a test, "
        "anything else does",
    )
    group.addoption(
        "--conformance-database",
        metavar="SPEC",
        default=None,
        help="a campaign's example database (a directory or redis://HOST:PORT/DB): its scenarios for this "
        "implementation replay first, new failing ones are saved (docs/campaigns.md)",
    )


@pytest.fixture(scope="session")
def conformance_impl(request: pytest.FixtureRequest) -> Union[str, SocketFactory]:
    """What the harness tests: --impl's spec.  Override to return a factory instead."""
    spec: str = request.config.getoption("conformance_impl")
    return spec


@pytest.fixture(scope="session")
def harness(request: pytest.FixtureRequest, conformance_impl: Union[str, SocketFactory]) -> Iterator[Harness]:
    """One reference driver and one implementation per session (per xdist worker)."""
    try:
        if isinstance(conformance_impl, str):
            spec = specs.parse(conformance_impl)
        else:
            factory = conformance_impl
            name = getattr(factory, "__qualname__", "factory")
            spec = specs.ImplSpec(f"python:{name}", lambda: PythonExecutor(factory, name))
        chosen = profiles.profile_settings(request.config.getoption("conformance_profile"))
        where = request.config.getoption("conformance_database")
        database = campaign.open_database(where) if where else None
        expect = request.config.getoption("conformance_expect")
        known = _known_deviations(Path(expect), spec.spec) if expect else None
        ensure_built()
    except SetupError as exc:
        pytest.exit(str(exc), returncode=2)
    if database is not None:
        chosen = settings(chosen, database=database, derandomize=False)
    impl = spec.spec
    h = Harness(
        spec,
        hypothesis_settings=chosen,
        database_key=(lambda prop: campaign.database_key(prop, impl)) if database is not None else None,
        known=known,
    )
    yield h
    h.close()


def _known_deviations(path: Path, impl: str) -> Callable[[str], frozenset[str]]:
    expected = expectations.load(path)
    if expected.impl != impl:
        raise SetupError(f"{path} describes impl {expected.impl!r}, but the harness tests {impl!r}")
    return expected.known
