"""Per-type semantics of a Linux socketpair, as one table.

Theory of operation
-------------------
A scenario is a list of operations on the two ends of one pair.  The same list
runs on the reference (the kernel, through the C driver) and on the
implementation under test, step by step, and every observation is compared.
Most fields compare exactly: errno *names*, msg_flags, what each received fd
is, datagram lengths.  This table says where exact comparison would demand
more than Linux promises, and the strategies read it to know what is worth
generating for each type:

- ``boundaries``: one send is one receive.  Where False (stream), chunking is
  not semantics: a recv may return any non-empty prefix of what is queued, so
  the comparison checks that the concatenated bytes agree, not each read.
- ``truncation``: a short buffer discards the rest of the message and sets
  MSG_TRUNC; the MSG_TRUNC input flag returns the full length (D2, D3).
- ``empty_send``: what a zero-length send does: a real message, or nothing.
- ``eof_on_peer_shutdown``: after the peer's SHUT_WR or close, reads return 0
  once the queue is drained (stream, seqpacket) or never (dgram, E3, E5).
- ``fds_attach``: where SCM_RIGHTS fds travel: with the first byte of their
  send (stream, H19) or with their message.
- ``max_message``: the largest single send Linux accepts at the default
  SO_SNDBUF (D8: SO_SNDBUF - 32), or None where a stream just blocks.
Option values that legitimately differ between implementations (buffer
sizes) are compared by class (ops/getsockopt.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class TypeRules:
    name: str
    boundaries: bool
    truncation: bool
    empty_send: str
    eof_on_peer_shutdown: bool
    fds_attach: str
    max_message: Optional[int]
    send_flags: tuple[str, ...]
    recv_flags: tuple[str, ...]
    catalog: tuple[str, ...]


DEFAULT_SNDBUF = 212992

SEMANTICS = {
    "stream": TypeRules(
        name="stream",
        boundaries=False,
        truncation=False,
        empty_send="nothing queued",
        eof_on_peer_shutdown=True,
        fds_attach="first byte of their send",
        max_message=None,
        send_flags=("dontwait", "nosignal"),
        recv_flags=("peek", "trunc", "waitall", "dontwait", "cmsg_cloexec"),
        catalog=("C1", "C2", "C4", "C7", "C8", "H19", "H22"),
    ),
    "dgram": TypeRules(
        name="dgram",
        boundaries=True,
        truncation=True,
        empty_send="an empty message",
        eof_on_peer_shutdown=False,
        fds_attach="their message",
        max_message=DEFAULT_SNDBUF - 32,
        send_flags=("dontwait", "nosignal"),
        recv_flags=("peek", "trunc", "waitall", "dontwait", "cmsg_cloexec"),
        catalog=("D1", "D2", "D3", "D7", "D8", "E3", "E5"),
    ),
    "seqpacket": TypeRules(
        name="seqpacket",
        boundaries=True,
        truncation=True,
        empty_send="an empty message",
        eof_on_peer_shutdown=True,
        fds_attach="their message",
        max_message=DEFAULT_SNDBUF - 32,
        send_flags=("dontwait", "nosignal", "eor"),
        recv_flags=("peek", "trunc", "waitall", "dontwait", "cmsg_cloexec"),
        catalog=("D1", "D2", "D3", "D7", "D8", "E1", "E5"),
    ),
}
TYPES = tuple(SEMANTICS)


def rules_for(sock_type: str) -> TypeRules:
    """Rules of a pair type; unknown or invalid types (creation tests) compare exactly."""
    return SEMANTICS.get(sock_type, SEMANTICS["dgram"])
