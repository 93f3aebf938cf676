"""Implementations with several independent bugs: each must be reported as its own deviation.

Built from the single-fault gallery (faulty.py) where the faults touch
different methods, and written out where two faults share one (the same call,
two signatures).  ``MULTI`` (python:) and ``SHIM_MULTI`` (exec:, several
faults of reference_c/faultshim.c at once) map each entry to its areas and,
per fault, a pattern its deviation's signature matches (docs/deviations.md).
"""

from __future__ import annotations

import array
import errno
import os
import socket
from typing import Any

from tests.quality.faulty import (
    DropsCredentials,
    DropsEmptyMessages,
    HidesTruncation,
    RecvPeekConsumes,
    ReversesFdOrder,
    RewritesCredentials,
    ShortBlockingWrites,
    TypeAlwaysStream,
    Wrapper,
    factory,
)


class TruncationAndType(HidesTruncation, TypeAlwaysStream):
    """Two properties, one bug each: MSG_TRUNC never reported; SO_TYPE always stream."""


class TruncationAndEmpty(HidesTruncation, DropsEmptyMessages):
    """Two bugs one property finds: MSG_TRUNC never reported; empty datagrams never sent."""


class ThreeAreas(HidesTruncation, TypeAlwaysStream, ReversesFdOrder):
    """Three properties, one bug each."""


class ShortWritesAndPeek(ShortBlockingWrites, RecvPeekConsumes):
    """One bug in nearly every stream scenario (a large blocking send comes back short)
    and a rare one behind it (recv() with MSG_PEEK consumes)."""


class CredentialsTwice(DropsCredentials, RewritesCredentials):
    """SCM_CREDENTIALS is never delivered to recvmsg_into, and sendmsg puts its own pid in
    whatever credentials the caller names.  (Not with SO_PASSCRED forgotten instead: with
    the option ignored no credentials ever arrive, so a receive that drops them cannot be
    told apart from outside, and the two read as one cause.)"""


class RecvmsgTwoBugs(Wrapper):
    """One call, two signatures: recvmsg() drops MSG_TRUNC and reverses the fds of a message."""

    def recvmsg(self, *args: Any) -> Any:
        data, ancdata, flags, addr = self._s.recvmsg(*args)
        out = []
        for level, kind, raw in ancdata:
            if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
                fds = array.array("i")
                fds.frombytes(raw[: len(raw) - len(raw) % fds.itemsize])
                raw = array.array("i", reversed(fds)).tobytes()
            out.append((level, kind, raw))
        return data, out, flags & ~socket.MSG_TRUNC, addr


class ShutdownIgnoredAndRaisesOnEof(Wrapper):
    """shutdown() does nothing, and a receive that would return EOF raises instead.  The
    suite's first way to end a blocked step is shutdown(): here it cannot, and every step
    that blocks must still end as *blocked* (impl/bounds.py), not sink its property as
    *hung* and hide the second fault (issue 29: 17 of 28 properties were hung)."""

    def shutdown(self, how: int) -> None:
        pass

    def _eof(self, got: int) -> None:
        if got == 0 and self._s.type == socket.SOCK_STREAM:
            raise ConnectionAbortedError(errno.ECONNABORTED, "end of stream")

    def recv(self, size: int, *args: Any) -> bytes:
        data: bytes = self._s.recv(size, *args)
        self._eof(len(data) or not size)
        return data

    def recv_into(self, buffer: Any, *args: Any) -> int:
        got: int = self._s.recv_into(buffer, *args)
        self._eof(got or not len(buffer))
        return got

    def recvmsg_into(self, buffers: Any, *args: Any) -> Any:
        got = self._s.recvmsg_into(buffers, *args)
        self._eof(got[0] or not sum(len(b) for b in buffers))
        return got


truncation_and_type = factory(TruncationAndType)
truncation_and_empty = factory(TruncationAndEmpty)
three_areas = factory(ThreeAreas)
short_writes_and_peek = factory(ShortWritesAndPeek)
credentials_twice = factory(CredentialsTwice)
recvmsg_two_bugs = factory(RecvmsgTwoBugs)
shutdown_ignored_and_raises_on_eof = factory(ShutdownIgnoredAndRaisesOnEof)


# Each entry: its areas, and per fault a pattern one of its deviations' signatures matches
# (docs/deviations.md).  Every fault must be reported, as a deviation of its own.
TRUNCATION = r"^recv (dgram|seqpacket)\b.*: msg_flags linux trunc / impl -"
TYPE = r"^getsockopt (dgram|seqpacket) opt=type: value linux (dgram|seqpacket) / impl stream"
EMPTY = r"^send (dgram|seqpacket) empty\b.*: (delivery|status)"
REVERSED = r"^recv \w+.*: anc linux fds in order / impl fds reordered"
SHORT_WRITES = r"^send stream\b.*: (ret linux n / impl fewer|status linux blocked / impl ok)"
PEEK = r"^recv stream peek\b.*: delivery"
CREDENTIALS = r"^recv \w+.*: anc linux creds\b"
REWRITES = r"^(send \w+ creds: status linux err \w+ / impl ok|recv \w+.*: anc linux fds in order / impl fds reordered)"

SHUTDOWN_IGNORED = (
    r"^(shutdown \w+.*: (status linux err EINVAL / impl ok|delivery)|send \w+.*: status linux err EPIPE / impl ok)"
)
RAISES_AT_EOF = r"^recv stream\b.*: status linux ok / impl err ECONN"

MULTI: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "truncation_and_type": (("messages", "options"), {"hides MSG_TRUNC": TRUNCATION, "SO_TYPE stream": TYPE}),
    "truncation_and_empty": (("messages",), {"hides MSG_TRUNC": TRUNCATION, "drops empty datagrams": EMPTY}),
    "three_areas": (
        ("messages", "options", "fdpass"),
        {"hides MSG_TRUNC": TRUNCATION, "SO_TYPE stream": TYPE, "reverses fds": REVERSED},
    ),
    # a fault in nearly every scenario with large writes, and a rare one behind it
    "short_writes_and_peek": (("stream",), {"short blocking writes": SHORT_WRITES, "peek consumes": PEEK}),
    "credentials_twice": (("creds",), {"drops SCM_CREDENTIALS": CREDENTIALS, "rewrites the pid": REWRITES}),
    # one call, two signatures
    "recvmsg_two_bugs": (
        ("messages", "fdpass"),
        {"hides MSG_TRUNC": TRUNCATION + r".*\(via [^)]*recvmsg\b", "reverses fds": REVERSED},
    ),
    # shutdown() cannot end a blocked step here: each must still end as blocked (impl/bounds.py)
    "shutdown_ignored_and_raises_on_eof": (
        ("shutdown", "stream"),
        {"shutdown does nothing": SHUTDOWN_IGNORED, "raises at EOF": RAISES_AT_EOF},
    ),
    # one call, one field, two bugs
    "recvmsg_two_flag_bugs": (
        ("messages", "fdpass"),
        {"hides MSG_TRUNC": TRUNCATION, "hides MSG_CTRUNC": r"^recv \w+.*: msg_flags linux ctrunc / impl -"},
    ),
}

SHIM_MULTI: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "recvmsg_clears_trunc,type_always_stream": (
        ("messages", "options"),
        {"recvmsg_clears_trunc": TRUNCATION, "type_always_stream": TYPE},
    ),
    "readv_first_iov_only,writev_first_iov_only,recvfrom_fills_unnamed": (
        ("views",),
        {
            "readv_first_iov_only": r"^recv \w+.*\(via [^)]*readv\b",
            "writev_first_iov_only": r"^send \w+.*\(via [^)]*writev\b",
            "recvfrom_fills_unnamed": r"^recv \w+.*: addr .*\(via [^)]*recvfrom\b",
        },
    ),
    "send_short_writes,poll_hides_hup": (
        ("stream", "shutdown"),
        {"send_short_writes": SHORT_WRITES, "poll_hides_hup": r"^poll \w+.*: revents linux [a-z,]*hup"},
    ),
    "recvmsg_clears_trunc,recvmsg_leaks_fds": (
        ("messages", "fdpass"),
        {"recvmsg_clears_trunc": TRUNCATION, "recvmsg_leaks_fds": r"^recv \w+.*: (leaked|anc)"},
    ),
}


class RecvmsgTwoFlagBugs(Wrapper):
    """One call, one field, two bugs: recvmsg() clears MSG_TRUNC, and it clears MSG_CTRUNC.
    Each is a finding of its own (docs/deviations.md: never merged without evidence)."""

    def recvmsg(self, *args: Any) -> Any:
        data, ancdata, flags, addr = self._s.recvmsg(*args)
        return data, ancdata, flags & ~(socket.MSG_TRUNC | socket.MSG_CTRUNC), addr


class ConsumesPendingError(Wrapper):
    """A send on a stream whose peer is gone fails as a SEQPACKET one does: it takes the pending
    error (SO_ERROR) and raises it, ECONNRESET where Linux says EPIPE and keeps SO_ERROR.  The
    errno alone looks state-neutral; a later getsockopt(SO_ERROR) then differs too, as a
    consequence: one finding (engine/causes.py), not two."""

    def _send(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._s, method)(*args)
        except BrokenPipeError:
            pending = self._s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) if self.is_stream else 0
            if pending:
                raise OSError(pending, os.strerror(pending)) from None
            raise

    def send(self, *args: Any) -> Any:
        return self._send("send", *args)

    def sendall(self, *args: Any) -> Any:
        return self._send("sendall", *args)

    def sendmsg(self, *args: Any) -> Any:
        return self._send("sendmsg", *args)

    def sendto(self, *args: Any) -> Any:
        return self._send("sendto", *args)


recvmsg_two_flag_bugs = factory(RecvmsgTwoFlagBugs)
consumes_pending_error = factory(ConsumesPendingError)


class ConnresetAndNoSoError(Wrapper):
    """Two bugs where consumes_pending_error has one: a stream send after the peer closed says
    ECONNRESET (neutral: SO_ERROR is kept), and getsockopt(SO_ERROR) always answers 0."""

    def _send(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._s, method)(*args)
        except BrokenPipeError:
            raise ConnectionResetError(errno.ECONNRESET, os.strerror(errno.ECONNRESET)) from None

    def send(self, *args: Any) -> Any:
        return self._send("send", *args)

    def sendmsg(self, *args: Any) -> Any:
        return self._send("sendmsg", *args)

    def getsockopt(self, level: int, opt: int, *rest: Any) -> Any:
        if (level, opt) == (socket.SOL_SOCKET, socket.SO_ERROR):
            return 0
        return self._s.getsockopt(level, opt, *rest)


connreset_and_no_so_error = factory(ConnresetAndNoSoError)
