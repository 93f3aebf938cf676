"""What the three example programs share, mirroring ``reference_c/common.h``.

Output is written as UTF-8 bytes to the binary stdout so that the transcript
does not depend on the locale (``LANG=C`` included); arguments are taken as
raw bytes (``os.fsencode``) for the same reason.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import NoReturn, Optional

SOCKET_TYPES = {
    b"stream": socket.SOCK_STREAM,
    b"dgram": socket.SOCK_DGRAM,
    b"seqpacket": socket.SOCK_SEQPACKET,
}
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def escape(data: bytes) -> bytes:
    """Printable ASCII as-is, backslash doubled, everything else as \\xHH."""
    out = bytearray()
    for byte in data:
        if byte == 0x5C:
            out += b"\\\\"
        elif 0x20 <= byte < 0x7F:
            out.append(byte)
        else:
            out += b"\\x%02x" % byte
    return bytes(out)


def out(text: str | bytes) -> None:
    sys.stdout.buffer.write(text.encode() if isinstance(text, str) else text)


def err_line(text: str) -> None:
    sys.stdout.buffer.flush()
    sys.stderr.buffer.write(text.encode() + b"\n")
    sys.stderr.buffer.flush()


def perror(what: str, exc: OSError) -> None:
    """The text C's perror() prints: ``what: strerror(errno)``."""
    err_line(f"{what}: {os.strerror(exc.errno or 0)}")


def usage_exit(program: str, usage: str) -> NoReturn:
    err_line(f"{program}: {usage}")
    sys.exit(2)


def argv_bytes() -> list[bytes]:
    return [os.fsencode(arg) for arg in sys.argv[1:]]


def parse_int(text: bytes, low: int, high: int) -> Optional[int]:
    """Like strtoll with full-string and range checks (common.h parse_long)."""
    try:
        stripped = text.decode("ascii")
    except UnicodeDecodeError:
        return None
    # strtoll accepts leading whitespace and a sign; int() also accepts
    # underscores and trailing whitespace, which strtoll does not.
    body = stripped.lstrip(" \t\n\v\f\r")
    digits = body[1:] if body[:1] in ("+", "-") else body
    if not digits or not digits.isdigit() or not digits.isascii():
        return None
    value = int(body)
    return value if low <= value <= high else None


def wrap_increment(value: int) -> int:
    """32-bit two's-complement increment, as common.h's wrap_increment."""
    return ((value + 1 - INT32_MIN) % 2**32) + INT32_MIN


def finish(code: int) -> NoReturn:
    sys.stdout.buffer.flush()
    sys.exit(code)
