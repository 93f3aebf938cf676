"""Named adapters run the suite through the library's own API, and the matrix says what that means."""

from __future__ import annotations

import importlib.util
import socket

import pytest

from conformance.engine.result import CONFORMS, DEVIATES, HUNG, UNSUPPORTED
from conformance.impl.harness import Harness
from conformance.impl.specs import parse
from conformance.testing import properties_of


def check_area(spec: str, area: str, shrink_seconds: float = 0, only: str = "") -> list[tuple[str, str, str]]:
    """Kind, PROPERTY:ROW and detail of each property's run (of the area, or ``only`` that
    one), up to its first deviation, unshrunk and unconfirmed: these tests are about how an
    adapter fails, not about every deviation a library has (tests/quality/test_multifault.py
    is), nor about minimal scenarios."""
    harness = Harness(parse(spec))
    try:
        results = (
            harness.check(p, shrink_seconds=shrink_seconds, max_findings=1, confirm=False)
            for p in properties_of(area)
            if p.id == only or not only
        )
        return [(r.kind, r.id, r.detail) for r in results]
    finally:
        harness.close()


def needs(library: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not importlib.util.find_spec(library), reason=f"the {library} extra is not installed")


EVENT_LOOPS = [
    "asyncio",
    pytest.param("trio", marks=needs("trio")),
    pytest.param("gevent", marks=needs("gevent")),
    pytest.param("eventlet", marks=needs("eventlet")),
    pytest.param("anyio", marks=needs("anyio")),
]
WAITING = EVENT_LOOPS[1:]  # wait for readiness in their own loop, whatever the flags say


@pytest.mark.parametrize("spec", EVENT_LOOPS)
def test_event_loop_adapters_show_their_nonblocking_descriptors(spec: str) -> None:
    # Every one of these libraries puts the descriptors in O_NONBLOCK mode and
    # waits in its loop instead: a pair asked for without SOCK_NONBLOCK is not
    # blocking (A10).
    kind, ident, detail = check_area(spec, "creation")[0]
    assert (kind, ident) == (DEVIATES, "creation.arguments_and_flags:A10"), detail


@pytest.mark.parametrize("spec", WAITING)
def test_a_wait_linux_would_not_make_is_cancelled_and_reported_not_hung(spec: str) -> None:
    # recv(MSG_DONTWAIT) on an empty DGRAM socket after its own SHUT_RD: Linux
    # answers EAGAIN, the library waits for readiness that never comes
    # (shutdown() does not wake a DGRAM socket's own readers).  The adapter
    # cancels the wait the library's way: a deviation with a scenario, not *hung*.
    kind, _, detail = check_area(spec, "shutdown")[0]
    assert kind == DEVIATES, f"{kind}: {detail}"  # before the cancellation hooks: HUNG


def test_asyncio_declares_what_its_api_cannot_express() -> None:
    kinds = {kind for kind, _, _ in check_area("asyncio", "fdpass") + check_area("asyncio", "creds")}
    assert kinds == {UNSUPPORTED}, "asyncio's socket API has no ancillary data: never conforms there"


def test_an_undeclared_socket_type_is_skipped_and_named() -> None:
    # anyio declares no seqpacket: its properties over all three types run on
    # the other two and say which one they could not try, never "conforms".
    from conformance.engine.hunt import check
    from conformance.impl.pyexec import ALL_CAPS, PythonExecutor

    harness = Harness(parse("native"))
    caps = ALL_CAPS - {"seqpacket"}
    try:
        iut = PythonExecutor(socket.socketpair, "no-seqpacket", caps=caps)
        result = check(properties_of("duplex")[0], harness.reference(), iut, iut.start(), "no-seqpacket")
    finally:
        harness.close()
    assert result.kind == UNSUPPORTED, result.detail
    assert result.detail == "conforms where supported; unsupported: seqpacket pairs (not declared)"


def test_a_library_cancellation_hook_turns_an_endless_wait_into_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without cancel_blocking_call the same wait is *hung* (tests/quality/test_hostile.py).
    # Each receive Linux completed waits COMPLETES_WITHIN before it is cancelled, and the hunt
    # replays the scenario five times (witnesses, root cause): 5 s of this Python's minute
    # at the real second; the cancellation is the point, not how long it is awaited.
    monkeypatch.setattr("conformance.impl.pyexec.COMPLETES_WITHIN", 0.2)
    kind, _, detail = check_area("python:tests.quality.faulty:blocks_until_cancelled", "stream")[0]
    assert kind == DEVIATES, detail
    assert "blocked" in detail


def test_every_cancel_is_bounded_not_only_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    # the second blocked receive ignores cancellation and shutdown(): the bound's interrupt
    # ends it (impl/bounds.py), so the property ends as the comparison says, never hung
    monkeypatch.setattr("conformance.impl.pyexec.COMPLETES_WITHIN", 0.2)
    kind, _, detail = check_area("python:tests.quality.faulty:ignores_second_cancel", "stream")[0]
    assert kind in (CONFORMS, DEVIATES) and kind != HUNG, f"{kind}: {detail}"


def test_not_implemented_is_unsupported_never_conformance() -> None:
    kind, _, detail = check_area("python:tests.quality.faulty:refuses_every_receive", "stream")[0]
    assert kind == UNSUPPORTED and kind != CONFORMS, detail
    assert "no receiving here" in detail


@pytest.mark.parametrize(
    ("spec", "area"), [("asyncio", "signals"), pytest.param("anyio", "timeouts", marks=needs("anyio"))]
)
def test_version_2_areas_run_through_an_adapter_whose_library_has_the_calls(spec: str, area: str) -> None:
    # Counting signals (signals) and timeouts (sockopt2) are the socket's own calls under any adapter:
    # these areas must run there (a deviation or "conforms where supported"), not be
    # skipped for a capability the adapter forgot to declare.
    for kind, ident, detail in check_area(spec, area):
        assert not detail.startswith("declares no support"), f"{ident}: {detail}"
        assert kind in (CONFORMS, DEVIATES, UNSUPPORTED), f"{ident}: {kind}: {detail}"


@needs("anyio")
def test_a_forked_step_reports_what_the_implementation_did_not_a_protocol_error() -> None:
    # fdpass.inflight_limit sends from a forked child, with MSG_DONTWAIT, which anyio has
    # no way to say: that refusal is the implementation's answer, told to the parent (it
    # was "protocol-error: the inflight child gave no result"), and the suite's drain
    # afterwards goes through the kernel socket, not anyio's API, which has no recvmsg.
    results = check_area("anyio", "fdpass", only="fdpass.inflight_limit")
    assert results and results[0][0] in (DEVIATES, UNSUPPORTED), results


def test_a_later_action_the_library_cannot_make_is_unsupported_not_blocked() -> None:
    # blocking.released_later releases a blocked call by a send made later, with MSG_DONTWAIT
    # (the helper must never block); asyncio cannot say it, so the step is not what it claims
    # to test: unsupported (it was a thread's traceback and a "blocked" deviation).
    ((kind, ident, detail),) = check_area("asyncio", "blocking", only="blocking.released_later")
    assert kind == UNSUPPORTED and "send flags" in detail, f"{ident}: {kind}: {detail}"


@needs("trio")
def test_an_abandoned_trio_run_leaves_no_signal_wakeup_socket_behind() -> None:
    # An exception from a signal's handler can abandon a trio.run (ops/later.py), leaving it
    # current and its wakeup socket installed; once that socket was collected, every signal
    # printed "Exception ignored when trying to write to the signal wakeup fd" (a matrix run).
    import signal
    import socket

    from trio._core._run import GLOBAL_RUN_CONTEXT  # what trio leaves behind: the test plants it

    from conformance.impl.adapters.event_loops import _trio_run

    a, b = socket.socketpair()
    a.setblocking(False)
    signal.set_wakeup_fd(a.fileno())
    a.close()
    b.close()
    GLOBAL_RUN_CONTEXT.runner = object()
    try:
        _trio_run(importlib.import_module("trio").lowlevel.checkpoint)
        assert signal.set_wakeup_fd(-1) == -1
    finally:
        signal.set_wakeup_fd(-1)
        if hasattr(GLOBAL_RUN_CONTEXT, "runner"):
            del GLOBAL_RUN_CONTEXT.runner
