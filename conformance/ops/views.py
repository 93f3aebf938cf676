"""The views of a socketpair's queue: every system call and every Python method that reads or writes it.

Theory of operation
-------------------
A receive or a send step names its **view**: ``via=`` is the system call the
reference driver (and any ``exec:`` driver) makes, ``method=`` the method of
the implementation's Python objects that makes it (drivers never see it).
Each row of ``VIEWS`` says what a view can express, and that one table drives
the strategies (which arguments a step of that view gets), the adaptation of
a step to what an implementation declares, and the comparison (what a method
cannot observe):

- ``flags``: the step's flags are passed (``read``, ``write``, ``makefile``
  and CPython's ``send_fds``/``recv_fds`` take none: the stdlib functions drop
  them before 3.14, gh-107898);
- ``control``: control messages travel (``ctrl=``, ``anc=``, ``name=``);
- ``scatter``: several buffers (``iov=``, several data pieces);
- ``full_ret``: the call returns the full length of a truncated datagram
  (``recvmsg``/``recv_fds`` return the bytes only, so ``ret`` is compared as
  ``min(ret, size)`` there);
- ``zero_enters``: a zero-size call reaches the kernel.  CPython's ``recv(0)``,
  ``recv_into`` of an empty buffer and ``makefile().read(0)`` return at once,
  where recv(2) consumes a pending empty datagram, so for a Python
  implementation such a step is made with ``recvmsg_into``.

An implementation declares the views it has: a driver lists ``views=`` in its
``start`` reply (one that does not has the four of protocol version 1), the
in-process executor the methods its objects have.  A step in a view the
implementation lacks is made, on both sides, through the nearest view it has
(``fallback``: a method for Python, a system call for drivers), so a scenario
never fails for want of a method, the comparison stays exact, and the run
names the views it could not exercise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..spec.protocol import Capabilities, Op


@dataclass(frozen=True)
class View:
    verb: str  # recv or send
    via: str  # the system call (the protocol's via=)
    method: Optional[str]  # the Python method that makes it; None: no Python form
    weight: int  # how often strategies pick it, relative to the other views of its verb
    fallback: str = ""  # the nearest method (Python) when this one is missing, or stands in for a bare call
    flags: bool = True
    control: bool = False
    scatter: bool = False
    full_ret: bool = True
    zero_enters: bool = True
    requires: str = ""  # an argument the Python method cannot do without (sendto's address)

    @property
    def key(self) -> str:
        """How an implementation declares it: ``verb.method`` in process, ``verb.via`` for a driver."""
        return f"{self.verb}.{self.method or self.via}"


VIEWS = (
    # -- receiving --------------------------------------------------------------
    View("recv", "recvmsg", "recvmsg_into", 6, control=True, scatter=True),
    View("recv", "recvmsg", "recvmsg", 3, "recvmsg_into", control=True, full_ret=False),
    View("recv", "recvmsg", "recv_fds", 1, "recvmsg_into", flags=False, control=True, full_ret=False),
    View("recv", "recv", "recv_into", 3, "recvmsg_into", zero_enters=False),
    View("recv", "recv", "recv", 2, "recv_into", zero_enters=False),
    View("recv", "recv", "makefile", 1, "recv_into", flags=False, zero_enters=False),
    View("recv", "recvfrom", "recvfrom", 1, "recv"),
    View("recv", "recvfrom", "recvfrom_into", 1, "recvfrom"),
    View("recv", "read", None, 1, "recv", flags=False),
    View("recv", "readv", None, 1, "recvmsg_into", flags=False, scatter=True),
    View("recv", "recvmmsg", None, 1, "recvmsg"),
    View("recv", "splice", None, 1, "recv_into"),
    # -- sending ----------------------------------------------------------------
    View("send", "sendmsg", "sendmsg", 6, control=True, scatter=True),
    View("send", "sendmsg", "send_fds", 1, "sendmsg", flags=False, control=True, scatter=True),
    View("send", "send", "send", 2, "sendmsg"),
    View("send", "send", "makefile", 1, "send", flags=False),
    View("send", "sendall", "sendall", 1, "send"),
    View("send", "sendto", "sendto", 1, "send", requires="to"),
    View("send", "write", None, 1, "send", flags=False),
    View("send", "writev", None, 1, "sendmsg", flags=False, scatter=True),
    View("send", "sendmmsg", None, 1, "sendmsg", scatter=True),
    View("send", "splice", None, 1, "sendall"),
)
DEFAULT_VIA = {"recv": "recvmsg", "send": "sendmsg"}
DEFAULT_METHOD = {"recv": "recvmsg_into", "send": "sendmsg"}
# A driver without a system call makes the step with the nearest one it has;
# protocol version 1 has recv, recvmsg, send and sendmsg.
DRIVER_FALLBACK = {
    "recv": {"read": "recv", "readv": "recvmsg", "recvfrom": "recv", "recvmmsg": "recvmsg", "splice": "recv"},
    "send": {"write": "send", "writev": "sendmsg", "sendto": "send", "sendmmsg": "sendmsg", "sendall": "send"}
    | {"splice": "sendall"},
}
# the methods of an implementation's objects that read or write the queue
# (socket.recv_fds and socket.send_fds are the stdlib's, calling recvmsg and sendmsg)
DATA_METHODS = frozenset({v.method for v in VIEWS if v.method} - {"recv_fds", "send_fds"})
VERSION_1_VIEWS = frozenset({"recv.recvmsg", "recv.recv", "send.sendmsg", "send.send"})
MSG_NAME = "recv.msg_name"  # a driver that returns recvmsg's msg_name (name=1) declares this too
# arguments and flags of one view only, dropped when a step moves to another
_OWN_ARGS = {"vlen": "recvmmsg", "timeout": "recvmmsg", "to": "sendto"}
_OWN_FLAGS = {"waitforone": "recvmmsg"}
SPLICE_MAX = 65536  # a pipe's capacity: what one splice moves at most
# views that take only some flags, or only so much (strategies make their steps within
# these; a witness of a step through such a view must fit them, or it is not that step)
ONLY_FLAGS = {"splice": frozenset({"dontwait"})}
MAX_SIZE = {"splice": SPLICE_MAX}


def views_of(verb: str) -> tuple[View, ...]:
    return tuple(v for v in VIEWS if v.verb == verb)


def all_driver_views() -> frozenset[str]:
    return frozenset({f"{v.verb}.{v.via}" for v in VIEWS} | {MSG_NAME})


def all_python_views() -> frozenset[str]:
    return frozenset(v.key for v in VIEWS if v.method)


def by_method(verb: str, method: str) -> View:
    return next(v for v in VIEWS if v.verb == verb and v.method == method)


def by_via(verb: str, via: str) -> View:
    return next(v for v in VIEWS if v.verb == verb and v.via == via)


def adapt(op: Op, declared: Capabilities) -> Op:
    """The step as this implementation makes it (see the module docstring)."""
    views = declared.views
    if declared.in_process:
        method = op.get("method") or by_via(op.verb, op.get("via") or DEFAULT_VIA[op.verb]).fallback
        view = by_method(op.verb, method or DEFAULT_METHOD[op.verb])
        if not view.zero_enters and op.get("size", "1") == "0":
            view = by_method(op.verb, DEFAULT_METHOD[op.verb])
        if view.requires and not op.has(view.requires):
            view = by_method(op.verb, view.fallback)
        while view.key not in views and view.fallback:  # the default method ends the chain
            view = by_method(op.verb, view.fallback)
        return _made_with(op, view, in_process=True)
    via = op.get("via") or DEFAULT_VIA[op.verb]
    while f"{op.verb}.{via}" not in views | VERSION_1_VIEWS:
        via = DRIVER_FALLBACK[op.verb][via]
    made = _made_with(op, by_via(op.verb, via), in_process=False)
    if made.has("name") and MSG_NAME not in views:
        made = Op(made.verb, tuple(kv for kv in made.args if kv[0] != "name"))
    return made


def alternatives(op: Op, declared: Capabilities) -> list[Op]:
    """The same step through each other view the implementation declared that takes its
    flags: reads of the same queue, to tell a view's own bug from the queue's state."""
    current = adapt(op, declared)
    out = []
    for view in views_of(op.verb):
        key = view.key if declared.in_process else f"{view.verb}.{view.via}"
        if not view.flags or (declared.in_process and not view.method) or key not in declared.views | VERSION_1_VIEWS:
            continue
        if (view.requires and not op.has(view.requires)) or (not view.zero_enters and op.get("size", "1") == "0"):
            continue
        if not _fits(op, view):
            continue
        other = _made_with(op, view, declared.in_process)
        if other != current and other not in out:
            out.append(other)
    return out


def _fits(op: Op, view: View) -> bool:
    """Whether ``view`` can make this very step: every flag it has, every byte it asks for."""
    only = ONLY_FLAGS.get(view.via)
    if only is not None and not set(filter(None, op.get("flags").split(","))) <= only:
        return False
    most = MAX_SIZE.get(view.via)
    size = op.get("size")
    asked = int(size) if size.isdigit() else len(op.get("data").replace(",", "")) // 2
    return most is None or asked <= most


def _made_with(op: Op, view: View, in_process: bool) -> Op:
    """The step made with ``view``: its via (and method), without what the view cannot take."""
    via = "" if view.via == DEFAULT_VIA[op.verb] else view.via
    if op.get("via") == via and op.get("method") == ((view.method or "") if in_process else ""):
        return op
    args = []
    for key, value in op.args:
        if key in ("via", "method") or (key in _OWN_ARGS and _OWN_ARGS[key] != view.via):
            continue
        if (key == "flags" and not view.flags) or (key == "iov" and not view.scatter):
            continue
        if key in ("ctrl", "anc", "name", "in") and not view.control:
            continue
        if key == "data" and not view.scatter:
            value = value.replace(",", "")  # one contiguous buffer
        if key == "flags":
            value = ",".join(f for f in value.split(",") if _OWN_FLAGS.get(f, view.via) == view.via)
        args.append((key, value))
    if via:
        args.append(("via", via))
    if in_process and view.method:
        args.append(("method", view.method))
    return Op(op.verb, tuple(args))
