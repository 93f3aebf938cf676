"""``ctrl=`` in units every ABI maps to its own sizes (docs/protocol.md, capability ``ctrl_units``).

A control buffer's size is what decides truncation (MSG_CTRUNC, dropped
descriptors), and the sizes that matter are ABI-relative: a cmsghdr is 16 bytes
on LP64 Linux and 12 on i386.  So the suite says ``space(fds2)+space(creds)+16``
or ``hdr-1``, and each executor turns that into bytes with its own CMSG_LEN and
CMSG_SPACE.  A plain number is bytes, as in protocol version 1; a driver that does
not declare ``ctrl_units`` is sent bytes computed on the harness's ABI.
"""

from __future__ import annotations

import re
import socket

from .protocol import ProtocolError

_TERM = re.compile(r"([+-]?)(\d+|hdr|(len|space)\((fds(\d+)|creds)\))")
UCRED_SIZE = 12  # pid, uid, gid: three 32-bit values on every Linux ABI


def terms(spec: str) -> list[tuple[int, str, str, int]]:
    """(sign, kind, macro, payload bytes) per term: kind is bytes, hdr or cmsg."""
    out, at = [], 0
    for match in _TERM.finditer(spec):
        if match.start() != at or (at and not match.group(1)):
            raise ProtocolError(f"malformed ctrl={spec!r}")
        sign = -1 if match.group(1) == "-" else 1
        if match.group(2).isdigit():
            out.append((sign, "bytes", "", int(match.group(2))))
        elif match.group(2) == "hdr":
            out.append((sign, "hdr", "", 0))
        else:
            payload = UCRED_SIZE if match.group(4) == "creds" else 4 * int(match.group(5))
            out.append((sign, "cmsg", match.group(3), payload))
        at = match.end()
    if at != len(spec):
        raise ProtocolError(f"malformed ctrl={spec!r}")
    return out


def control_bytes(spec: str) -> int:
    """The bytes ``spec`` means on this interpreter's ABI."""
    total = 0
    for sign, kind, macro, n in terms(spec or "0"):
        if kind == "bytes":
            total += sign * n
        elif kind == "hdr":
            total += sign * socket.CMSG_LEN(0)
        else:
            total += sign * (socket.CMSG_LEN(n) if macro == "len" else socket.CMSG_SPACE(n))
    return total


def c_expression(spec: str) -> str:
    """The same size as a C expression (the C reproducer)."""
    parts = []
    for sign, kind, macro, n in terms(spec or "0"):
        size = "sizeof(struct ucred)" if n == UCRED_SIZE and kind == "cmsg" else f"{n // 4} * sizeof(int)"
        text = str(n) if kind == "bytes" else "CMSG_LEN(0)" if kind == "hdr" else f"CMSG_{macro.upper()}({size})"
        parts.append(("- " if sign < 0 else "+ ") + text)
    return "(" + " ".join(parts).lstrip("+ ") + ")"


def py_expression(spec: str) -> str:
    """The same size as a Python expression (the Python reproducer)."""
    parts = []
    for sign, kind, macro, n in terms(spec or "0"):
        text = (
            str(n)
            if kind == "bytes"
            else "socket.CMSG_LEN(0)"
            if kind == "hdr"
            else f"socket.CMSG_{macro.upper()}({n})"
        )
        parts.append(("- " if sign < 0 else "+ ") + text)
    return "(" + " ".join(parts).lstrip("+ ") + ")"


def is_bytes(spec: str) -> bool:
    return not spec or spec.isdigit()
