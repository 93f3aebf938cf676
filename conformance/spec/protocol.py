"""The driver line protocol (docs/protocol.md): operations and observations as values.

An :class:`Op` is one request, an :class:`Observation` one reply.  Both are
frozen, hashable and printable as the very line that travels on the wire, so a
failing scenario reads exactly as a driver author would see it.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from typing import Optional

VERSION = 2  # additive over 1: new verbs and capabilities, announced in the start reply
VERSIONS = ("2", "1")  # what a driver may answer; a version-1 driver is asked again for 1

# What a version-1 driver knows: its verbs are this table (docs/protocol.md), and
# every verb or capability added since is *unsupported* there, never a deviation.
VERSION_1_VERBS = frozenset("reset obj pair send recv shutdown close getsockopt setsockopt poll fdflags duplex".split())
# Capabilities a start reply may declare (docs/protocol.md, Handshake); anything else
# is named in one line and ignored.
KNOWN_CAPS = frozenset(
    """stream dgram seqpacket nonblock cloexec scm_rights scm_credentials peek trunc waitall
    shutdown poll sockopt duplex pep446 sockopt2 oob signals cmsg_bytes abi ctrl_units creds_spoof fd_numbers pidns
    pair_by_child output_flags""".split()
)
# what an implementation may claim to waive a comparison (pep446: Python's descriptors are
# always close-on-exec), never a feature: --require all does not ask for it, a driver in
# another language could never honestly declare it
WAIVERS = frozenset({"pep446"})
KNOWN_START_FIELDS = frozenset("version name impl_version caps verbs views".split())

# Linux's errno.h names the first of each alias pair; Python's errno module
# sometimes prefers the other one (ENOTSUP for 95).  The protocol uses Linux's.
_ALIASES = {"ENOTSUP": "EOPNOTSUPP", "EDEADLOCK": "EDEADLK", "EWOULDBLOCK": "EAGAIN"}


def errno_name(number: int) -> str:
    name = errno.errorcode.get(number, f"E{number}")
    return _ALIASES.get(name, name)


@dataclass(frozen=True)
class Capabilities:
    """What an implementation declares about itself (the ``start`` reply).

    ``views``: the ways it reads and writes the queue, ``verb.via`` for a
    driver, ``verb.method`` for the in-process executor (ops/views.py).
    ``verbs``: the verbs it knows (empty: every verb of this suite, as for the
    in-process executor).  ``unknown``: what its start reply said that this suite
    does not know (capabilities, fields), so the console can name it."""

    name: str
    version: str
    caps: frozenset[str]
    views: frozenset[str] = frozenset()
    in_process: bool = False
    verbs: frozenset[str] = frozenset()
    unknown: tuple[str, ...] = ()

    def knows(self, verb: str) -> bool:
        return not self.verbs or verb in self.verbs

    def lacks(self, needs: frozenset[str]) -> list[str]:
        """Of ``needs`` (capabilities or verb names), what this implementation did not declare."""
        return sorted(n for n in needs if not (n in self.caps or (n not in KNOWN_CAPS and self.knows(n))))


class ProtocolError(Exception):
    """A driver said something the protocol does not allow."""


class Refused(ProtocolError):
    """A driver answered ``bad``: it did not understand or would not do the request."""

    def __init__(self, why: str):
        super().__init__(f"driver refused the request: {why}")
        self.why = why


@dataclass(frozen=True)
class Op:
    verb: str
    args: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str = "") -> str:
        return next((v for k, v in self.args if k == key), default)

    def has(self, key: str) -> bool:
        return any(k == key for k, _ in self.args)

    def line(self, seq: int) -> str:
        return " ".join([str(seq), self.verb, *(f"{k}={v}" for k, v in self.args)])

    def __str__(self) -> str:
        return " ".join([self.verb, *(f"{k}={_short(v)}" for k, v in self.args)])


def op(verb: str, **args: object) -> Op:
    """Build an Op; None-valued arguments are left out, lists joined by commas."""
    items = []
    for key, value in args.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        text = str(value)
        if " " in text or "\n" in text:
            raise ValueError(f"protocol values cannot contain spaces: {key}={text!r}")
        items.append((key, text))
    return Op(verb, tuple(items))


@dataclass(frozen=True)
class Observation:
    """One reply: status ok / err / blocked / raised, and its fields."""

    status: str
    fields: tuple[tuple[str, str], ...] = field(default=())

    def get(self, key: str, default: str = "") -> str:
        return next((v for k, v in self.fields if k == key), default)

    def __str__(self) -> str:
        return " ".join([self.status, *(f"{k}={_short(v)}" for k, v in self.fields)])

    def line(self) -> str:
        """The reply as it travels (no shortening), without its sequence number."""
        return " ".join([self.status, *(f"{k}={v}" for k, v in self.fields)])


def ok(**fields: object) -> Observation:
    return Observation("ok", tuple((k, str(v)) for k, v in fields.items()))


def err(number: int) -> Observation:
    return Observation("err", (("errno", errno_name(number)),))


BLOCKED = Observation("blocked")


def parse_reply(line: str, seq: Optional[int]) -> Observation:
    """Parse one reply line; ``bad`` replies and malformed lines raise ProtocolError."""
    tokens = line.rstrip("\n").split(" ")
    if len(tokens) < 2:
        raise ProtocolError(f"malformed reply {line[:120]!r}")
    if seq is not None and tokens[0] != str(seq):
        raise ProtocolError(f"reply to request {tokens[0]!r} where {seq} was expected: {line[:120]!r}")
    status = tokens[1]
    if status == "bad":
        raise Refused(line.partition("why=")[2][:200])
    if status not in ("ok", "err", "blocked"):
        raise ProtocolError(f"unknown reply status {status!r} in {line[:120]!r}")
    fields = []
    for token in tokens[2:]:
        key, sep, value = token.partition("=")
        if not sep or not key:
            raise ProtocolError(f"malformed field {token[:60]!r} in reply {line[:120]!r}")
        fields.append((key, value))
    return Observation(status, tuple(fields))


def _short(value: str, limit: int = 48) -> str:
    return value if len(value) <= limit else f"{value[:limit]}...({len(value)} chars)"
