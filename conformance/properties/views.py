"""Every way in and out of the queue, interchangeably: bursts written through one view, drained through others.

A step may write with writev and read with recvfrom, recvmmsg or makefile():
the views of one queue must agree (B2).  Scenarios alternate bursts of sends
and drains of receives, so that several messages are queued when they are
read, through whichever view the step picked (ops/views.py).
"""

from ..engine.scenario import Scenario, StepMaker, phased_scenarios, trap
from ..ops.composite import peek_then_read, truncating_read
from ..ops.duplex import PATTERN
from ..ops.recv import recvs
from ..ops.recv.strategy import recv_fds_room
from ..ops.send import sends
from ..ops.send.strategy import ADDRESSES
from ..ops.views import DEFAULT_VIA, View, views_of
from ..spec.protocol import op
from . import register


def _made_with(view: View) -> dict[str, object]:
    return {"via": None if view.via == DEFAULT_VIA[view.verb] else view.via, "method": view.method}


def receive_trap(view: View) -> Scenario:
    """Three datagrams read through ``view``: a short read with MSG_TRUNC (the rest of the
    message gone, its full length told: D2, D3), a roomy one that gets one message only
    (D1), one spread over a scatter list where the view has one (B3), then EAGAIN on the
    empty queue (G4), with MSG_DONTWAIT on a blocking pair for views that take flags (G5)."""
    flags = "dontwait" if view.via == "splice" else ("trunc,dontwait" if view.flags else "")
    extra = {"ctrl": recv_fds_room(1)} if view.method == "recv_fds" else {"vlen": 2} if view.via == "recvmmsg" else {}
    read = {**_made_with(view), **extra}
    roomy = op("recv", end=1, size=16, flags=flags.replace("trunc,", ""), **read)
    scattered = op("recv", end=1, size=16, iov="2,14" if view.scatter else None, flags=roomy.get("flags"), **read)
    return trap(
        "dgram",
        "" if "dontwait" in flags else "nonblock",
        op("send", end=0, data=b"abcdefgh".hex()),
        op("send", end=0, data=b"ij".hex()),
        op("send", end=0, data=b"klm".hex()),
        op("recv", end=1, size=3, flags=flags, **read),
        roomy,
        scattered,
        roomy,
    )


def peek_trap(view: View) -> Scenario:
    """A peek through ``view``, then a read through the default one: the peeked bytes are
    still there (G1).  Generated peeks reach each view rarely (one in 20 seeds of the
    quick profile missed a recv() that dropped MSG_PEEK); this reaches every one each run."""
    extra = {"ctrl": recv_fds_room(1)} if view.method == "recv_fds" else {"vlen": 2} if view.via == "recvmmsg" else {}
    return trap(
        "stream",
        "nonblock",
        op("send", end=0, data=b"abcde".hex()),
        op("recv", end=1, size=3, flags="peek", **_made_with(view), **extra),
        op("recv", end=1, size=8),
    )


def send_trap(view: View) -> Scenario:
    """A message of more than a page, a short one and an empty one through ``view``: each
    is one datagram, whole (D1, D7)."""
    page = (PATTERN * 24)[:5000].hex()
    data = {"sendmmsg": f"{page},616263,", "writev": f"{page[:4000]},{page[4000:]}"}.get(view.via)
    made = {**_made_with(view), **({"to": ADDRESSES[1]} if view.via == "sendto" else {})}
    if view.via == "sendto":  # to an address nobody holds: ECONNREFUSED (E7)
        steps = [op("send", end=0, data=page, **made)]
    elif data:
        steps = [op("send", end=0, data=data, **made)]
    else:
        steps = [op("send", end=0, data=d, **made) for d in (page, "616263", "")]
    read = op("recv", end=1, size=8192, flags="dontwait")
    return trap("dgram", "nonblock", *steps, read, read, read, read)


# each view: the datagram traps; sendto's address on each type (C15, E6, E7)
TRAPS = (
    *(receive_trap(v) for v in views_of("recv")),
    *(peek_trap(v) for v in views_of("recv") if v.flags and v.via != "splice"),
    *(send_trap(v) for v in views_of("send")),
    *(
        trap(
            t, "nonblock", op("send", end=0, data="61", via="sendto", method="sendto", to=to), op("recv", end=1, size=4)
        )
        for t in ("stream", "seqpacket", "dgram")
        for to in ADDRESSES[:2]
    ),
)

# every view as likely as the others (short writes through each are the
# nonblocking property's); mostly non-blocking ends, so that a full buffer
# ends a step rather than the scenario
_BURST = {"send": lambda r: sends(r, uniform=True)}
_DRAIN: dict[str, StepMaker] = {
    "recv": lambda r: recvs(r, uniform=True),
    "peek": lambda r: peek_then_read(r, uniform=True),
    "short": lambda r: truncating_read(r, uniform=True),
    "short2": lambda r: truncating_read(r, uniform=True),  # MSG_TRUNC and short reads, through every view
}
_FLAGS = ("nonblock", "nonblock", "nonblock,cloexec", "")

register(
    "views.interchangeable",
    "views",
    "B1 B2 B3 B5 B12 C1 C2 C6 C12 C15 D1 D2 D3 D7 E6 E7 G1 G4 G5 K3",
    phased_scenarios(
        [(_BURST, 1, 4), (_DRAIN, 1, 4), (_BURST, 1, 4), (_DRAIN, 1, 4), (_BURST, 0, 3), (_DRAIN, 1, 4)], flags=_FLAGS
    ),
    "stream dgram seqpacket",
    "read/write, send/recv, sendto/recvfrom, sendmsg/recvmsg, readv/writev, sendmmsg/recvmmsg, splice and each"
    f" Python method ({len(views_of('recv')) + len(views_of('send'))} views) see the same queue, message for message.",
    TRAPS,
)
