"""The payload plan of the ``duplex`` verb, identical to reference_c/driver_ops.c.

Message k sent by end e has byte j = PATTERN[(seed + 1000e + 37k + j) % 251]:
cheap to make on both sides, never aligned with buffer sizes.  Only lengths
and CRC-32s cross the protocol, so megabytes cost nothing to compare.
"""

from __future__ import annotations

from ..spec.protocol import Op, ProtocolError

PATTERN = bytes((i * 7 + 3) % 251 for i in range(251))
MAX_MESSAGE = 1 << 18
_TAPE = PATTERN * (MAX_MESSAGE // len(PATTERN) + 2)


def payload_for(seed: int, k: int, n: int) -> bytes:
    start = (seed + 37 * k) % len(PATTERN)
    return _TAPE[start : start + n]


def plan(op: Op) -> tuple[list[int], list[int], int]:
    try:
        sizes = [[int(n) for n in filter(None, op.get(f"sizes{e}").split(","))] for e in (0, 1)]
        seed = int(op.get("seed", "0"))
    except ValueError:
        raise ProtocolError("malformed duplex sizes") from None
    if any(n < 0 or n > MAX_MESSAGE for side in sizes for n in side):
        raise ProtocolError("malformed duplex sizes: each must be 0..262144")
    return sizes[0], sizes[1], seed
