"""Long hunts across machines through hypothesis's own parts: a shared example
database and HypoFuzz, never a scheduler of ours.

- ``open_database(SPEC)``: a directory (``DirectoryBasedExampleDatabase``) or
  ``redis://HOST:PORT/DB`` (``RedisExampleDatabase``, the ``[campaign]`` extra).
  It is wrapped so that nothing is ever deleted from it: hypothesis deletes an
  example that no longer fails, and in a hunt an example whose deviation has
  already been reported does not fail again, so without this each run would
  erase what the campaign found.  Clear the directory (or the Redis DB) to start over.
- ``database_key(property, impl)``: where a property's failing scenarios for one
  implementation live.  It is hypothesis's own digest of one fixed function,
  :func:`scenario_target`, with ``PROPERTY\\0IMPL-KEY`` added, so the hunt of
  ``run``, the tests of ``fuzz_tests`` and HypoFuzz (which keys a test by that
  digest) read and write the same entries, and a deviation saved for one
  implementation is never replayed for another.  IMPL-KEY is the ``--impl``
  spec as written (``SOCKETPAIR_CONFORMANCE_IMPL_KEY`` overrides it, for a driver
  whose path differs between machines).  A change to the suite's version of
  :func:`scenario_target` starts a new key: a database is read by the version
  that wrote it.
- ``fuzz_tests()``: one ordinary ``@given`` test per property, for pytest and
  for ``hypothesis fuzz`` (HypoFuzz); the implementation comes from
  ``SOCKETPAIR_CONFORMANCE_IMPL``, the database from ``SOCKETPAIR_CONFORMANCE_DATABASE``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, Callable, Optional

from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis.control import current_build_context
from hypothesis.database import DirectoryBasedExampleDatabase, ExampleDatabase, choices_to_bytes
from hypothesis.internal.reflection import function_digest

from .engine.runner import Unsupported, explore_scenario
from .engine.scenario import Scenario
from .errors import ImplCrashed, ImplHung, SetupError
from .impl.harness import Harness
from .impl.specs import parse
from .properties import Property, all_properties

IMPL_ENV = "SOCKETPAIR_CONFORMANCE_IMPL"
DATABASE_ENV = "SOCKETPAIR_CONFORMANCE_DATABASE"
KEY_ENV = "SOCKETPAIR_CONFORMANCE_IMPL_KEY"


class _Keeping(ExampleDatabase):
    """A database that only grows (module docstring: why deletes are dropped)."""

    def __init__(self, inner: ExampleDatabase, described: str):
        super().__init__()
        self.inner, self.described = inner, described

    def __repr__(self) -> str:
        return f"campaign database {self.described}"

    def save(self, key: bytes, value: bytes) -> None:
        self.inner.save(key, value)

    def fetch(self, key: bytes) -> Iterable[bytes]:
        return self.inner.fetch(key)

    def delete(self, key: bytes, value: bytes) -> None:
        pass

    def move(self, src: bytes, dest: bytes, value: bytes) -> None:
        self.inner.save(dest, value)


def open_database(spec: str) -> ExampleDatabase:
    """``--database SPEC``: checked before any work starts (SetupError, one line)."""
    if spec.startswith("redis://"):
        try:
            import redis  # type: ignore[import-not-found, unused-ignore]
            from hypothesis.extra.redis import RedisExampleDatabase
        except ImportError:
            raise SetupError(
                f"--database {spec}: needs the redis client; pip install 'socketpair-conformance[campaign]'"
            ) from None
        client = redis.Redis.from_url(spec)
        try:
            client.ping()
        except redis.RedisError as exc:
            raise SetupError(f"--database {spec}: Redis does not answer ({exc})") from None
        return _Keeping(RedisExampleDatabase(client), spec)
    if "://" in spec:
        raise SetupError(f"--database {spec}: give a directory or redis://HOST:PORT/DB")
    try:
        os.makedirs(spec, exist_ok=True)
    except OSError as exc:
        raise SetupError(f"--database {spec}: cannot use it as a directory ({exc.strerror})") from None
    if not os.access(spec, os.W_OK):
        raise SetupError(f"--database {spec}: the directory is not writable")
    return _Keeping(DirectoryBasedExampleDatabase(spec), spec)


def impl_key(spec: str) -> str:
    return os.environ.get(KEY_ENV) or spec


def scenario_target(scenario: Scenario) -> None:
    """The function every hunt of a property is keyed by: one scenario, in lockstep."""
    _explore_or_fail(scenario)


def _keyed_as_target(function: Any, prop: Property, impl: str) -> Any:
    """Make ``function`` digest as :func:`scenario_target` with ``PROPERTY\0IMPL`` added."""
    function.__name__ = scenario_target.__name__
    function.__wrapped__ = scenario_target  # inspect.getsource follows it: the digest is scenario_target's source
    function._hypothesis_internal_add_digest = f"{prop.id}\0{impl_key(impl)}".encode()
    return function


def database_key(prop: Property, impl: str) -> bytes:
    return function_digest(_keyed_as_target(lambda scenario: scenario_target(scenario), prop, impl))


# -- ordinary hypothesis tests, for pytest and HypoFuzz ---------------------------------

_SESSION: dict[str, Harness] = {}


def _harness() -> Harness:
    spec = os.environ.get(IMPL_ENV, "native")
    if spec not in _SESSION:
        _SESSION.clear()
        _SESSION[spec] = Harness(parse(spec))
    return _SESSION[spec]


class DeviationFound(AssertionError):
    """The implementation and Linux differ in this scenario; the message is the signature."""


def _keep_for_replay(key: Optional[bytes]) -> None:
    """Save the running test case under this property's key for this implementation.

    HypoFuzz keys what it saves by the test's pytest node id, which depends on where
    it was started from; saving the failing choices under :func:`database_key` too is
    what lets ``run --database`` and ``replay`` find them, from anywhere."""
    database = settings().database
    if database is not None and key is not None:
        database.save(key, choices_to_bytes(current_build_context().data.choices))


COUNT_ENV = "SOCKETPAIR_CONFORMANCE_COUNT_DIR"  # bench/campaign.py: scenarios run per process
_COUNT_DIR = os.environ.get(COUNT_ENV)
_COUNTED = [0]


def _count() -> None:
    if _COUNT_DIR:
        _COUNTED[0] += 1
        if _COUNTED[0] % 20 == 0:
            with open(os.path.join(_COUNT_DIR, str(os.getpid())), "w") as out:
                out.write(str(_COUNTED[0]))


def _explore_or_fail(scenario: Scenario, key: Optional[bytes] = None) -> None:
    _count()
    harness = _harness()
    try:
        implementation, declared = harness.implementation()
        found = explore_scenario(scenario, harness.reference(), implementation, declared)
    except Unsupported:
        assume(False)
        return
    except (ImplCrashed, ImplHung) as exc:
        harness.close()
        _SESSION.clear()
        _keep_for_replay(key)
        raise DeviationFound(f"{type(exc).__name__}: {exc}") from None
    if found:
        _keep_for_replay(key)
        raise DeviationFound(str(found[0].signature))


def fuzz_test(prop: Property) -> Callable[..., None]:
    """``prop`` as an ordinary ``@given`` test over its scenarios, keyed as :func:`database_key`;
    its database is the session's default (HypoFuzz fuzzes only tests that use that one)."""
    impl = os.environ.get(IMPL_ENV, "native")
    key = database_key(prop, impl)

    def test(scenario: Scenario) -> None:
        _explore_or_fail(scenario, key)

    test.__name__ = test.__qualname__ = "test_" + prop.id.replace(".", "_")
    wrapped: Any = given(prop.scenarios)(test)
    wrapped = settings(
        deadline=None,
        suppress_health_check=[h for h in HealthCheck if h is not HealthCheck.nested_given],  # HypoFuzz skips those
        phases=[p for p in Phase if p is not Phase.explain],
    )(wrapped)
    # plain pytest reads this key; HypoFuzz keys by function_digest(inner_test), the same digest
    # until its collection replaces the added part with the node id (hence _keep_for_replay)
    _keyed_as_target(wrapped.hypothesis.inner_test, prop, impl)
    wrapped._hypothesis_internal_database_key = key
    return wrapped  # type: ignore[no-any-return]


def fuzz_tests(areas: Optional[Iterable[str]] = None) -> dict[str, Callable[..., None]]:
    """``{"test_messages_boundaries_and_truncation": test, ...}`` for a test module's globals().

    With ``SOCKETPAIR_CONFORMANCE_DATABASE`` set, its database becomes the session's
    default (a profile of ours, loaded here): this module exists for campaigns."""
    spec = os.environ.get(DATABASE_ENV)
    if spec:
        settings.register_profile(
            "socketpair-conformance-campaign", database=open_database(spec), derandomize=False, deadline=None
        )
        settings.load_profile("socketpair-conformance-campaign")
    wanted = set(areas) if areas is not None else None
    return {
        "test_" + p.id.replace(".", "_"): fuzz_test(p) for p in all_properties() if wanted is None or p.area in wanted
    }
