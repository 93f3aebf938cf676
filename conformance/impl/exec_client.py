"""Talking to an implementation: the executor interface and the ``exec:`` client.

An executor turns :class:`~conformance.protocol.Op` into
:class:`~conformance.protocol.Observation`.  Three things can go wrong besides
a deviating observation, and they are kept apart because they mean different
things to an implementer: the implementation *crashed* (its process died),
*hung* (no answer within the bound), or broke the *protocol* (garbage,
wrong sequence numbers, lies about its version).
"""

from __future__ import annotations

import os
import select
import shlex
import signal
import subprocess
import time
from typing import Optional

from ..engine.executor import Capabilities
from ..errors import INTERRUPTED, ImplCrashed, ImplHung, SetupError
from ..ops.views import VERSION_1_VIEWS
from ..spec.protocol import (
    KNOWN_CAPS,
    KNOWN_START_FIELDS,
    VERSION,
    VERSION_1_VERBS,
    VERSIONS,
    Observation,
    Op,
    ProtocolError,
    Refused,
    parse_reply,
)

REPLY_ENV = "SOCKETPAIR_CONFORMANCE_REPLY_SECONDS"


def reply_bound() -> float:
    """Seconds a driver may take to answer before it is *hung*: 8 by default (the
    longest legitimate step, duplex, is bounded at 3 s by the driver itself);
    raise it for a driver under an emulator, lower it to find hangs sooner."""
    text = os.environ.get(REPLY_ENV, "8")
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise SetupError(f"{REPLY_ENV}={text!r} is not a positive number of seconds")
    return value


class ExecExecutor:
    """A driver process speaking docs/protocol.md on stdin/stdout.

    One process serves many scenarios (``reset`` in between).  Every reply is
    awaited with a deadline; stderr goes to /dev/null (or ours, with
    SPC_DRIVER_STDERR set) so a chatty driver can neither block on a full pipe
    nor corrupt the protocol stream.
    """

    def __init__(
        self, argv: list[str], name: Optional[str] = None, block_ms: int = 20, reply_seconds: Optional[float] = None
    ):
        if not argv:
            raise SetupError("exec: needs a command, e.g. exec:./my-driver --flag")
        self.argv, self.block_ms = argv, block_ms
        self.reply_seconds = reply_seconds if reply_seconds is not None else reply_bound()
        self.name = name or f"exec:{shlex.join(argv)}"
        self.proc: Optional[subprocess.Popen[bytes]] = None
        self.seq = 0
        self._buffer = b""
        self.caps: frozenset[str] = frozenset()

    def start(self) -> Capabilities:
        try:
            self.proc = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL if os.environ.get("SPC_DRIVER_STDERR") is None else None,
                start_new_session=True,  # a Ctrl-C aimed at us must not kill it mid-reply
            )
        except FileNotFoundError:
            raise SetupError(
                f"exec: command not found: {self.argv[0]!r}; give a path to an executable driver"
            ) from None
        except PermissionError:
            raise SetupError(f"exec: {self.argv[0]!r} is not executable; chmod +x it or name its interpreter") from None
        try:
            reply = self._request(f"0 start version={VERSION} block_ms={self.block_ms}", 0)
        except Refused:  # a version-1 driver refuses version 2: ask again in its language
            reply = self._request(f"0 start version=1 block_ms={self.block_ms}", 0)
        if reply.status != "ok":
            raise ProtocolError(f"start was answered with {reply}")
        version = reply.get("version")
        if version not in VERSIONS:
            raise ProtocolError(
                f"driver speaks protocol version {version or '(none)'}, this suite speaks {' or '.join(VERSIONS)}"
            )
        listed = frozenset(filter(None, reply.get("caps").split(",")))
        self.caps = listed & KNOWN_CAPS
        unknown = [f"capability {c}" for c in sorted(listed - KNOWN_CAPS)]
        unknown += [f"field {k}" for k, _ in reply.fields if k not in KNOWN_START_FIELDS]
        # views= (ops/views.py): the system calls it reads and writes with; none listed, protocol version 1's
        views = frozenset(filter(None, reply.get("views").split(","))) or VERSION_1_VIEWS
        # verbs=: none listed (or version 1), the verbs of version 1; a verb it does not know is unsupported
        listed_verbs = frozenset(filter(None, reply.get("verbs").split(",")))
        verbs = VERSION_1_VERBS if version == "1" else listed_verbs or VERSION_1_VERBS
        name = reply.get("name") or self.name
        return Capabilities(name, reply.get("impl_version"), self.caps, views, verbs=verbs, unknown=tuple(unknown))

    def execute(self, op: Op, reference: Optional[Observation] = None) -> Observation:
        # a driver bounds its own steps (block_ms), so the reference's outcome is not needed
        self.seq += 1
        if op.has("method"):  # which Python method makes a step is the in-process executor's business
            op = Op(op.verb, tuple(kv for kv in op.args if kv[0] != "method"))
        try:
            return self._request(op.line(self.seq), self.seq)
        except Refused as exc:
            # every verb is in the protocol; what a driver cannot do it must leave out of caps
            raise ProtocolError(
                f"it declared caps={','.join(sorted(self.caps))} in its start reply, then refused "
                f"'{op}' ({exc.why}); leave out of caps what the driver cannot do"
            ) from None

    def _request(self, line: str, seq: int) -> Observation:
        proc = self.proc
        if proc is None or proc.stdin is None or proc.stdout is None:
            raise ImplCrashed("driver not running")
        try:
            proc.stdin.write(line.encode() + b"\n")
            proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise ImplCrashed(self._death("while reading a request")) from None
        try:
            return parse_reply(self._read_line(proc), seq)
        except Refused:  # a proper reply: the stream is still in step
            raise
        except ImplHung:
            self.close(kill=True)  # it is not reading its stdin: waiting for it to exit is pointless
            raise
        except (ImplCrashed, ProtocolError):
            # its next line could be the late answer to this request: never reuse it
            self.close()
            raise

    def _read_line(self, proc: subprocess.Popen[bytes]) -> str:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        deadline = time.monotonic() + self.reply_seconds
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ImplHung(f"no reply within {self.reply_seconds:g}s")
            ready, _, _ = select.select([fd], [], [], min(left, 0.2))
            if INTERRUPTED.is_set():
                raise KeyboardInterrupt
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise ImplCrashed(self._death("in the middle of a reply line" if self._buffer else "before replying"))
            self._buffer += chunk
            if len(self._buffer) > 64 << 20:
                raise ProtocolError("reply line longer than 64 MiB")
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            return line.decode("ascii")
        except UnicodeDecodeError:
            raise ProtocolError(f"reply is not ASCII: {line[:80]!r}") from None

    def _death(self, when: str) -> str:
        assert self.proc is not None
        try:
            code = self.proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            return f"driver closed its output {when} but is still running"
        if code < 0:
            return f"driver killed by {signal.Signals(-code).name} {when}"
        return f"driver exited with status {code} {when}"

    def close(self, kill: bool = False) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if kill:
            _kill_group(proc.pid)
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream:
                    stream.close()
            except OSError:
                pass
        try:
            proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.wait()


def _kill_group(pid: int) -> None:
    # the driver and anything it started (a wrapper's child, a forked receiver)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
