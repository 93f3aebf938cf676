"""Scenarios a long hunt found, replayed on every run (docs/findings.md)."""

from __future__ import annotations

import socket
from typing import Any

from conformance.impl.build import program
from conformance.impl.exec_client import ExecExecutor
from conformance.impl.pyexec import PythonExecutor
from conformance.spec.protocol import op


def test_waitall_read_cut_short_by_the_bound_is_blocked() -> None:
    # findings 5b: Linux hands back the bytes already copied when the bound's
    # signal interrupts a MSG_WAITALL read; that step still blocked.
    steps = [
        op("reset"),
        op("pair", family="unix", type="stream", flags="", proto=0),
        op("send", end=1, data="772db31edda9e2efc1a22d0bfd7d04", flags="", via="send"),
        op("recv", end=0, size=262144, flags="trunc,cmsg_cloexec,waitall", via="recv"),
    ]
    reference = ExecExecutor([str(program("driver"))], name="reference")
    native = PythonExecutor(socket.socketpair, "native")
    reference.start()
    native.start()
    try:
        seen = [(reference.execute(s), native.execute(s, reference=None)) for s in steps]
    finally:
        reference.close()
        native.close()
    assert [str(linux) for linux, _ in seen][-1] == "blocked"
    assert [str(python) for _, python in seen][-1] == "blocked"


def test_sendall_cut_short_by_the_bound_is_blocked_and_the_driver_answers_on() -> None:
    # The reference's sendall loop (send(2) until all is sent) went on after the
    # bound's signal cut a blocking send short, and blocked with no alarm left:
    # the driver never answered (found by the views property, this session).
    big = ("ab" * 150000).encode().hex()
    steps = [
        op("reset"),
        op("pair", family="unix", type="stream", flags="", proto=0),
        op("send", end=0, data=big, flags="", via="sendall", method="sendall"),
        op("reset"),
        op("pair", family="unix", type="stream", flags="", proto=0),
    ]
    reference = ExecExecutor([str(program("driver"))], name="reference", reply_seconds=3)
    native = PythonExecutor(socket.socketpair, "native")
    reference.start()
    native.start()
    try:
        seen = [(str(reference.execute(s)), str(native.execute(s, reference=None))) for s in steps]
    finally:
        reference.close()
        native.close()
    assert seen[2] == ("blocked", "blocked")
    assert seen[3:] == [("ok", "ok"), ("ok", "ok")]


def test_a_send_of_more_than_253_fds_is_the_limits_row_not_the_zero_byte_one() -> None:
    # held-out libc port: an empty sendmsg with 254 descriptors that fails was put under
    # H22 (zero-byte sends with fds); the root cause is SCM_MAX_FD (H29)
    from conformance.engine.attribution import attribute
    from conformance.properties import all_properties
    from conformance.spec.protocol import parse_reply

    catalog = next(p.catalog for p in all_properties() if p.id == "fdpass.rights_identity_and_order")
    send = op("send", end=0, data="", anc="rights:" + ",".join(["f"] * 254))
    linux, impl = parse_reply("1 err errno=EINVAL", 1), parse_reply("1 ok ret=0", 1)
    assert attribute(send, linux, impl, "stream", catalog) == "H29"
    few = op("send", end=0, data="", anc="rights:f,g")
    assert (
        attribute(few, parse_reply("1 ok ret=0", 1), parse_reply("1 err errno=EINVAL", 1), "stream", catalog) == "H22"
    )


def test_closing_an_end_that_may_be_in_flight_ends_the_comparison() -> None:
    # The state machine's open nondeterminism: an end sent in its own queue, then closed,
    # is freed only when the kernel's unix garbage collector runs (asynchronously), so its
    # peer reads EOF or waits by timing alone.  After such a close nothing is compared.
    from conformance.engine.compare import Comparator
    from conformance.ops.base import operation
    from conformance.spec.protocol import Observation
    from conformance.spec.semantics import SEMANTICS

    done = Observation("ok", (("ret", 1),))
    comparator = Comparator(SEMANTICS["stream"])
    close_1, close_0 = op("close", end=1), op("close", end=0)
    unknown = operation("close").leaves_pair_unknown
    assert not unknown(comparator.context, close_1, Observation("ok"))
    comparator.difference(op("send", end=0, data="61", anc="rights:f,end1"), done, done)
    assert unknown(comparator.context, close_1, Observation("ok"))
    assert not unknown(comparator.context, close_0, Observation("ok"))  # end0 was not sent


def test_a_later_signal_that_comes_before_the_call_is_eintr_and_nothing_else(monkeypatch: Any) -> None:
    # On a loaded CI machine the later step's signal (5 ms after its thread starts) came
    # before the call began: the executor's handler raised wherever the main thread was, and
    # the Python reproducer lost the step's line. The reference driver's handler sets a flag:
    # a call that blocks is EINTR at its bound, one that does not block answers. The executor
    # sends an early signal again once the call began. The call is held back past the signal.
    import time

    from conformance.impl import pyexec

    bounded = pyexec.PythonExecutor.bounded

    def late(self: Any, call: Any) -> Any:
        time.sleep(0.1)  # the signal comes during this (PEP 475: the sleep goes on)
        return bounded(self, call)

    monkeypatch.setattr(pyexec.PythonExecutor, "bounded", late)
    steps = [
        op("reset"),
        op("pair", family="unix", type="stream", flags="", proto=0),
        op("fill", end=0, size=65536),
        op("later", end=0, call="send", size=100, then="signal"),
        op("send", end=1, data="61"),
        op("later", end=0, call="recv", size=4, then="signal"),  # does not block: the byte
    ]
    native = PythonExecutor(socket.socketpair, "native")
    native.start()
    try:
        seen = [str(native.execute(s, reference=None)) for s in steps]
    finally:
        native.close()
    assert seen[3:] == ["err errno=EINTR", "ok ret=1", "ok ret=1 data=61"], seen
