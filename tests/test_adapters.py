"""Named adapters run the suite through the library's own API, and the matrix says what that means."""

from __future__ import annotations

import importlib.util

import pytest

from conformance.harness import Harness
from conformance.impls import parse
from conformance.runner import DEVIATES, UNSUPPORTED
from conformance.testing import properties_of


def check_area(spec: str, area: str) -> list[tuple[str, str, str]]:
    harness = Harness(parse(spec))
    try:
        return [(r.kind, r.id, r.detail) for r in (harness.check(p, shrink_seconds=2) for p in properties_of(area))]
    finally:
        harness.close()


@pytest.mark.parametrize(
    "spec",
    [
        "asyncio",
        pytest.param("trio", marks=pytest.mark.skipif(not importlib.util.find_spec("trio"), reason="trio extra")),
    ],
)
def test_event_loop_adapters_show_their_nonblocking_descriptors(spec: str) -> None:
    # Both libraries put the descriptors in O_NONBLOCK mode and wait in their
    # loop instead: a pair asked for without SOCK_NONBLOCK is not blocking (A10).
    kind, ident, detail = check_area(spec, "creation")[0]
    assert (kind, ident) == (DEVIATES, "creation.arguments_and_flags:A10"), detail


def test_asyncio_declares_what_its_api_cannot_express() -> None:
    kinds = {kind for kind, _, _ in check_area("asyncio", "fdpass") + check_area("asyncio", "creds")}
    assert kinds == {UNSUPPORTED}, "asyncio's socket API has no ancillary data: never conforms there"
