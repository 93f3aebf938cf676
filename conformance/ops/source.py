"""Source text shared by the operations' reproducer lines: payloads as C and Python literals.

Generated large payloads are periodic (the duplex pattern); written out in
full, one reproducer would be megabytes, so such a payload is one block and a
length, expanded by ``repeat()`` in the programs' preludes (reporting/).
"""

from __future__ import annotations


def period(data: bytes) -> int:
    """The shortest p with data[i] == data[i - p] throughout (KMP's failure function)."""
    fail = [0] * len(data)
    k = 0
    for i in range(1, len(data)):
        while k and data[i] != data[k]:
            k = fail[k - 1]
        if data[i] == data[k]:
            k += 1
        fail[i] = k
    return len(data) - fail[-1] if data else 0


def repeated(hexdata: str) -> tuple[bytes, int]:
    """(block, length) when the payload is worth writing as a repeated block, else (data, 0)."""
    data = bytes.fromhex(hexdata)
    p = period(data) if len(data) >= 1024 else 0
    return (data[:p], len(data)) if 0 < p <= len(data) // 4 else (data, 0)


def c_literal(data: bytes) -> str:
    return '"' + "".join(f"\\x{b:02x}" for b in data) + '"'


def c_bytes(hexdata: str) -> tuple[str, int]:
    """A C expression for the payload, and its length."""
    block, length = repeated(hexdata)
    if length:
        return f"repeat({c_literal(block)}, {len(block)}, {length})", length
    return c_literal(block), len(block)


def py_bytes(hexdata: str) -> str:
    """A Python expression for the payload."""
    block, length = repeated(hexdata)
    return f"repeat(bytes.fromhex({block.hex()!r}), {length})" if length else f"bytes.fromhex({hexdata!r})"


def py_byte_list(pieces: list[str]) -> str:
    return "[" + ", ".join(py_bytes(p) for p in pieces) + "]"
