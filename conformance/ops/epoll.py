"""``epoll``: one epoll instance watching one end (protocol version 2): edges (catalog N2).

``call=add|mod end= events=`` (``et`` for EPOLLET, ``oneshot``) watches an end;
``call=wait`` makes one epoll_wait with timeout 0 and replies ``ready`` (the
events reported, empty if none).  The instance lives until ``reset``.
"""

from __future__ import annotations

import select
from typing import Any

from hypothesis import strategies as st

from ..spec import names
from ..spec.constants import exported
from ..spec.protocol import Observation, Op, err, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Operation, PythonSide, register

EPOLL_BITS = {
    "in": select.EPOLLIN,
    "pri": select.EPOLLPRI,
    "out": select.EPOLLOUT,
    "err": select.EPOLLERR,
    "hup": select.EPOLLHUP,
    "rdhup": exported(select, "EPOLLRDHUP"),
    "et": select.EPOLLET,
    "oneshot": select.EPOLLONESHOT,
}
WAIT = op("epoll", call="wait")

# one instance per executor, as a driver holds one (closed by reset)
_INSTANCES: dict[int, Any] = {}


def watches() -> st.SearchStrategy[Op]:
    return st.builds(
        lambda e, events: op("epoll", call="add", end=e, events=events),
        ENDS,
        st.sampled_from(["in,et", "in,out,et", "in,rdhup,et", "in", "in,oneshot"]),
    )


class Epoll(Operation):
    verb = "epoll"
    rows = ("N2",)
    attribution = (("N2", lambda w: True),)

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return st.one_of(watches(), st.just(WAIT))

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        instance = _INSTANCES.get(id(ex))
        if op.get("call") == "wait":
            if instance is None:
                return err(9)  # EBADF: nothing watched yet
            ready = instance.poll(0, 1)
            return ok(ready=names.name_set(EPOLL_BITS, ready[0][1] if ready else 0))
        fd = ex.end(op).fileno()
        if instance is None:
            instance = _INSTANCES[id(ex)] = select.epoll()
        mask = names.lookup_set(EPOLL_BITS, op.get("events"))
        (instance.modify if op.get("call") == "mod" else instance.register)(fd, mask)
        return ok()

    def reset_python(self, ex: PythonSide) -> None:
        instance = _INSTANCES.pop(id(ex), None)
        if instance is not None:
            instance.close()

    def salient(self, op: Op, field: str) -> str:
        return f"call={op.get('call')}"

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        return op.get("call") == "wait" and "blocked" not in (ref.status, iut.status)

    def c_lines(self, n: int, op: Op) -> list[str]:
        if op.get("call") == "wait":
            return [
                "struct epoll_event ev; int got = epoll_wait(epoll_instance, &ev, 1, 0);",
                f'if (got < 0) fail({n}, "epoll"); else printf("{n} epoll: ok ready=0x%x\\n", got ? ev.events : 0);',
            ]
        events = " | ".join(f"EPOLL{e.upper()}" for e in filter(None, op.get("events").split(","))) or "0"
        ctl = "EPOLL_CTL_MOD" if op.get("call") == "mod" else "EPOLL_CTL_ADD"
        end = f"ends[{op.get('end', '0')}]"
        return [
            "if (epoll_instance < 0) epoll_instance = epoll_create1(EPOLL_CLOEXEC);",
            f"struct epoll_event ev = {{ (unsigned)({events}), {{ .fd = {end} }} }};",
            f'if (epoll_ctl(epoll_instance, {ctl}, {end}, &ev) != 0) fail({n}, "epoll");',
            f'else printf("{n} epoll: ok\\n");',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        if op.get("call") == "wait":
            return [f"show({n}, 'epoll', lambda: 'ready=%r' % (epoll_instance[0].poll(0, 1),))"]
        events = " | ".join(f"select.EPOLL{e.upper()}" for e in filter(None, op.get("events").split(","))) or "0"
        call = "modify" if op.get("call") == "mod" else "register"
        return [
            "epoll_instance = globals().setdefault('epoll_instance', [select.epoll()])",
            f"show({n}, 'epoll', lambda: epoll_instance[0].{call}(end({op.get('end', '0')}).fileno(), {events}))",
        ]


register(Epoll())
