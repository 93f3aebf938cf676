"""Symbolic names used on the wire, shared by every Python-side executor.

Each table maps a protocol name to the Linux constant; numbers outside a table
travel as decimal, so a scenario can ask for an invalid family or flag.
"""

from __future__ import annotations

import select
import socket
from collections.abc import Mapping

FAMILIES = {"unix": socket.AF_UNIX, "inet": socket.AF_INET, "inet6": socket.AF_INET6, "unspec": socket.AF_UNSPEC}
TYPES = {
    "stream": socket.SOCK_STREAM,
    "dgram": socket.SOCK_DGRAM,
    "seqpacket": socket.SOCK_SEQPACKET,
    "raw": socket.SOCK_RAW,
    "rdm": socket.SOCK_RDM,
}
TYPE_FLAGS = {"nonblock": socket.SOCK_NONBLOCK, "cloexec": socket.SOCK_CLOEXEC, "bogus": 0x40000000}
SEND_FLAGS = {
    "dontwait": socket.MSG_DONTWAIT,
    "nosignal": socket.MSG_NOSIGNAL,
    "eor": socket.MSG_EOR,
    "oob": socket.MSG_OOB,
}
RECV_FLAGS = {
    "peek": socket.MSG_PEEK,
    "trunc": socket.MSG_TRUNC,
    "waitall": socket.MSG_WAITALL,
    "dontwait": socket.MSG_DONTWAIT,
    "cmsg_cloexec": socket.MSG_CMSG_CLOEXEC,
    "oob": socket.MSG_OOB,
}
MSG_FLAGS = {
    "trunc": socket.MSG_TRUNC,
    "ctrunc": socket.MSG_CTRUNC,
    "eor": socket.MSG_EOR,
    "oob": socket.MSG_OOB,
    "errqueue": socket.MSG_ERRQUEUE,
    "cmsg_cloexec": socket.MSG_CMSG_CLOEXEC,
}
HOWS = {"rd": socket.SHUT_RD, "wr": socket.SHUT_WR, "rdwr": socket.SHUT_RDWR}
POLL_BITS = {
    "in": select.POLLIN,
    "pri": select.POLLPRI,
    "out": select.POLLOUT,
    "err": select.POLLERR,
    "hup": select.POLLHUP,
    "rdhup": getattr(select, "POLLRDHUP", 0x2000),
    "nval": select.POLLNVAL,
}
OPTS = {
    "type": socket.SO_TYPE,
    "domain": getattr(socket, "SO_DOMAIN", 39),
    "protocol": getattr(socket, "SO_PROTOCOL", 38),
    "passcred": socket.SO_PASSCRED,
    "peercred": socket.SO_PEERCRED,
    "sndbuf": socket.SO_SNDBUF,
    "rcvbuf": socket.SO_RCVBUF,
    "error": socket.SO_ERROR,
    "acceptconn": socket.SO_ACCEPTCONN,
    "rcvlowat": socket.SO_RCVLOWAT,
    "keepalive": socket.SO_KEEPALIVE,
    "bogus": 9999,
}


def lookup(table: Mapping[str, int], text: str) -> int:
    if text in table:
        return table[text]
    return int(text)  # ValueError for anything else: a malformed request


def lookup_set(table: Mapping[str, int], text: str) -> int:
    value = 0
    for item in filter(None, text.split(",")):
        value |= lookup(table, item)
    return value


def name_set(table: Mapping[str, int], value: int) -> str:
    value = int(value)  # an IntFlag remainder would print as an enum name on 3.9
    names = []
    for name, bit in table.items():
        if value & bit:
            names.append(name)
            value &= ~bit
    if value:
        names.append(str(value))
    return ",".join(names)


def name_of(table: Mapping[str, int], value: int) -> str:
    return next((name for name, v in table.items() if v == value), str(value))
