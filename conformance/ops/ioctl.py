"""``ioctl``: the queue sizes, the OOB mark and async notification of an end (protocol version 2).

The Python executor makes the call on the object's descriptor (``fileno()``),
as a program using that library would: Python's socket objects have no ioctl
method on Linux.  An object without a descriptor cannot be asked: *unsupported*.
"""

from __future__ import annotations

import fcntl
import struct
from typing import Any

from hypothesis import strategies as st

from ..spec import names
from ..spec.protocol import Capabilities, Observation, Op, ok, op
from ..spec.protocol import op as request
from ..spec.semantics import TypeRules
from .base import ENDS, Operation, PythonSide, register

# Linux's numbers (asm-generic/ioctls.h, linux/sockios.h): Python names few of them
REQUESTS = {
    "inq": 0x541B,  # SIOCINQ == FIONREAD == TIOCINQ
    "outq": 0x5411,  # SIOCOUTQ == TIOCOUTQ
    "atmark": 0x8905,  # SIOCATMARK
    "ifindex": 0x8933,  # SIOCGIFINDEX, on 'lo'
    "async": 0x5452,  # FIOASYNC
    "setown": 0x8901,  # FIOSETOWN
    "getown": 0x8903,  # FIOGETOWN
}
C_NAMES = {
    "inq": "SIOCINQ",
    "outq": "SIOCOUTQ",
    "atmark": "SIOCATMARK",
    "async": "FIOASYNC",
    "setown": "FIOSETOWN",
    "getown": "FIOGETOWN",
}
INT = struct.Struct("i")


def ioctls(requests: tuple[str, ...] = ("inq", "outq", "atmark", "ifindex")) -> st.SearchStrategy[Op]:
    return st.builds(lambda e, r: op("ioctl", end=e, req=r), ENDS, st.sampled_from(list(requests)))


def async_owner(end: int) -> tuple[Op, ...]:
    """Ask for SIGIO on ``end``, with this process as the owner (catalog N8)."""
    return op("ioctl", end=end, req="async", value=1), op("ioctl", end=end, req="setown", value="self")


def descriptor(sock: Any) -> int:
    fileno = getattr(sock, "fileno", None)
    if fileno is None:
        raise NotImplementedError("ioctl: the implementation's objects have no fileno()")
    return int(fileno())


class Ioctl(Operation):
    verb = "ioctl"
    rows = ("D12", "O1", "O3", "O5", "N8")
    attribution = (
        ("O5", lambda w: w.op.get("req") == "ifindex"),
        ("O3", lambda w: w.op.get("req") == "atmark"),
        ("N8", lambda w: w.op.get("req") in ("async", "setown", "getown")),
        ("D12", lambda w: w.op.get("req") == "inq" and not w.stream),
        ("O1", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return ioctls()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        fd, req = descriptor(ex.end(op)), op.get("req")
        number = names.lookup(REQUESTS, req)
        if req == "ifindex":
            got = fcntl.ioctl(fd, number, b"lo".ljust(40, b"\0"))
            return ok(value=INT.unpack_from(got, 16)[0])
        if req in ("async", "setown"):
            value = ex.pid if op.get("value") == "self" else int(op.get("value") or 1)
            fcntl.ioctl(fd, number, INT.pack(value))
            return ok()
        (value,) = INT.unpack(fcntl.ioctl(fd, number, INT.pack(0)))
        return ok(value="self" if req == "getown" and value == ex.pid else value)

    def salient(self, op: Op, field: str) -> str:
        return f"req={op.get('req')}"

    # SIOCINQ and SIOCOUTQ count what a queue holds: another value there may be the queue's
    # (a send that kept a byte back), which a read of that queue tells (engine/rootcause.py)
    queue_fields = frozenset({"value"})

    def observes_queue(self, op: Op, field: str) -> bool:
        return field == "value" and op.get("req") in ("inq", "outq")

    def witnesses(self, op: Op, declared: Capabilities) -> list[Op]:
        """The queue counted, read another way: what a read of it returns (SIOCINQ), or
        what the peer's SIOCINQ says of the same bytes (SIOCOUTQ)."""
        end = op.get("end", "0")
        if op.get("req") == "outq":
            return [request("ioctl", end=1 - int(end), req="inq")]
        return [request("recv", end=end, size=262144, flags="dontwait")]

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        return op.get("req") not in ("async", "setown") and "blocked" not in (ref.status, iut.status)

    def c_lines(self, n: int, op: Op) -> list[str]:
        end, req = f"ends[{op.get('end', '0')}]", op.get("req")
        if req == "ifindex":
            return [
                'struct ifreq ifr; memset(&ifr, 0, sizeof ifr); strcpy(ifr.ifr_name, "lo");',
                f'if (ioctl({end}, SIOCGIFINDEX, &ifr) != 0) fail({n}, "ioctl");',
                f'else printf("{n} ioctl: ok value=%d\\n", ifr.ifr_ifindex);',
            ]
        value = "getpid()" if op.get("value") == "self" else str(int(op.get("value") or (1 if req == "async" else 0)))
        shown = "" if req in ("async", "setown") else " value=%d"
        arg = "" if not shown else ", v"
        return [
            f"int v = {value};",
            f'if (ioctl({end}, {C_NAMES[req]}, &v) != 0) fail({n}, "ioctl");',
            f'else printf("{n} ioctl: ok{shown}\\n"{arg});',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        end, req = f"end({op.get('end', '0')})", op.get("req")
        number = hex(REQUESTS[req])
        if req == "ifindex":
            call = f"fcntl.ioctl({end}.fileno(), {number}, b'lo'.ljust(40, b'\\0'))"
            return [f"show({n}, 'ioctl', lambda: 'value=%d' % struct.unpack_from('i', {call}, 16))"]
        if req in ("async", "setown"):
            value = "os.getpid()" if op.get("value") == "self" else str(int(op.get("value") or 1))
            return [
                f"show({n}, 'ioctl', lambda: fcntl.ioctl({end}.fileno(), {number}, struct.pack('i', {value})) and None)"
            ]
        call = f"fcntl.ioctl({end}.fileno(), {number}, struct.pack('i', 0))"
        return [f"show({n}, 'ioctl', lambda: 'value=%d' % struct.unpack('i', {call}))"]


register(Ioctl())
