"""Addresses of a pair end: unnamed names, binds, listen/accept/connect, and file calls."""

from ..engine.scenario import scenarios, trap
from ..ops.addr import addrs
from ..ops.fileop import fileops
from ..ops.recv import recvs
from ..ops.send import sends
from ..spec.protocol import op
from . import register

register(
    "addresses.names_and_binds",
    "addresses",
    "K1 K4 K5",
    scenarios(
        {
            "addr": lambda r: addrs(),
            "addr2": lambda r: addrs(),
            "send": lambda r: sends(r, big=False),
            "recv": lambda r: recvs(r),
        },
        max_steps=8,
    ),
    "addr",
    "getsockname/getpeername answer an unnamed AF_UNIX address; bind autobinds or fails ENOENT; "
    "listen and accept fail EINVAL on a stream end, EOPNOTSUPP on a datagram end.",
    traps=(
        trap("stream", "", op("addr", end=0, call="getsockname"), op("addr", end=0, call="listen")),
        trap(
            "dgram",
            "",
            op("addr", end=0, call="listen"),
            op("addr", end=0, call="bind", addr="unnamed"),
            op("addr", end=1, call="getpeername"),
        ),
    ),
)

register(
    "addresses.not_a_file",
    "addresses",
    "A14",
    scenarios({"file": lambda r: fileops(), "send": lambda r: sends(r, big=False)}, max_steps=6),
    "fileop",
    "A pair end refuses pread/pwrite (ESPIPE), lseek (ESPIPE), fallocate (ENODEV) and reopening "
    "through /proc (ENXIO); fstat says a socket with mode 0777.",
)
