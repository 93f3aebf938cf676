"""``pair``: socketpair(family, type | flags, proto), the step that makes the two ends."""

from __future__ import annotations

import socket
from collections.abc import Sequence

from hypothesis import strategies as st

from ..spec import names
from ..spec.protocol import Observation, Op, ProtocolError, ok, op
from ..spec.semantics import TYPES as PAIR_TYPES
from ..spec.semantics import TypeRules
from .base import Operation, PythonSide, register

FAMILIES = {"unix": socket.AF_UNIX, "inet": socket.AF_INET, "inet6": socket.AF_INET6, "unspec": socket.AF_UNSPEC}
TYPES = {
    "stream": socket.SOCK_STREAM,
    "dgram": socket.SOCK_DGRAM,
    "seqpacket": socket.SOCK_SEQPACKET,
    "raw": socket.SOCK_RAW,
    "rdm": socket.SOCK_RDM,
}
TYPE_FLAGS = {"nonblock": socket.SOCK_NONBLOCK, "cloexec": socket.SOCK_CLOEXEC, "bogus": 0x40000000}
FLAG_CHOICES = ("", "nonblock", "cloexec", "nonblock,cloexec")


def pairs(types: Sequence[str] = PAIR_TYPES, flags: Sequence[str] = FLAG_CHOICES) -> st.SearchStrategy[Op]:
    return st.builds(
        lambda t, f: op("pair", family="unix", type=t, flags=f, proto=0),
        st.sampled_from(list(types)),
        st.sampled_from(list(flags)),
    )


def arguments(op: Op) -> tuple[int, int, int]:
    """(family, type | flags, proto) as numbers."""
    try:
        family = names.lookup(FAMILIES, op.get("family", "unix"))
        kind = names.lookup(TYPES, op.get("type", "stream")) | names.lookup_set(TYPE_FLAGS, op.get("flags"))
        return family, kind, int(op.get("proto", "0"))
    except ValueError:
        raise ProtocolError("malformed pair arguments") from None


def rejected_argument(op: Op) -> str:
    """``flags=bogus``, ``family=inet``, ``family=other``, ``proto=other``, ``type=TYPE``,
    or "" when Linux accepts every argument (Pair.salient)."""
    if "bogus" in op.get("flags"):
        return "flags=bogus"
    family = op.get("family", "unix")
    if family != "unix":
        return "family=inet" if family in ("inet", "inet6") else "family=other"
    if op.get("proto", "0") not in ("", "0", "1"):
        return "proto=other"
    kind = op.get("type", "stream")
    return "" if kind in PAIR_TYPES else f"type={kind}"


class Pair(Operation):
    verb = "pair"
    rows = ("A1", "A2", "A3", "A4", "A5", "A6", "A7")
    attribution = (
        ("A4", lambda w: w.op.get("family") not in ("unix", "inet", "inet6")),
        ("A7", lambda w: w.op.get("family") in ("inet", "inet6")),
        ("A5", lambda w: "bogus" in w.op.get("flags")),
        ("A6", lambda w: w.op.get("type") == "rdm"),
        ("A3", lambda w: w.op.get("type") == "raw"),
        ("A2", lambda w: w.op.get("proto") not in ("", "0")),
        ("A1", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return pairs([rules.name])

    def needs(self, op: Op) -> frozenset[str]:
        # by=child (version 2): a child makes the pair, hands the ends over and exits (J2);
        # an in-process implementation's objects cannot cross processes
        return frozenset({"pair_by_child"}) if op.get("by") == "child" else frozenset()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        family, kind, proto = arguments(op)
        if op.get("by") == "child":
            raise NotImplementedError("pair by=child: an in-process implementation's objects cannot cross processes")
        if ex.ends != [None, None]:
            raise ProtocolError("a pair exists; reset first")
        a, b = ex.factory(family, kind, proto)
        ex.ends[:] = [a, b]
        ex.stream = names.lookup(TYPES, op.get("type", "stream")) == socket.SOCK_STREAM
        return ok()

    def salient(self, op: Op, field: str) -> str:
        """The argument Linux decides on: the first one it rejects, in the order
        __sys_socketpair and unix_create check them (flags, family, protocol, type).
        Naming the others would split one bug (say, an ignored family) into one
        deviation per combination of arguments that do not matter to Linux."""
        return rejected_argument(op)

    def site_type(self, op: Op, sock_type: str) -> str:
        return "" if rejected_argument(op) else sock_type

    def c_lines(self, n: int, op: Op) -> list[str]:
        family, kind, proto = arguments(op)
        if op.get("by") == "child":  # J2: the pair's creator exits before anyone looks
            return [
                "int link[2]; if (socketpair(AF_UNIX, SOCK_DGRAM, 0, link) != 0) exit(1); fflush(stdout);",
                "pid_t maker = fork();",
                f"if (maker == 0) {{ int made[2]; if (socketpair({family}, {kind}, {proto}, made) != 0) _exit(1);",
                "    union { struct cmsghdr a; unsigned char b[CMSG_SPACE(sizeof made)]; } c;",
                "    memset(&c, 0, sizeof c);",
                "    char byte = 'p'; struct iovec iov = { &byte, 1 };",
                "    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.b,",
                "                        .msg_controllen = sizeof c.b };",
                "    struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm->cmsg_len = CMSG_LEN(sizeof made);",
                "    cm->cmsg_level = SOL_SOCKET; cm->cmsg_type = SCM_RIGHTS;",
                "    memcpy(CMSG_DATA(cm), made, sizeof made);",
                "    _exit(sendmsg(link[1], &m, 0) < 0); }",
                "union { struct cmsghdr a; unsigned char b[CMSG_SPACE(2 * sizeof(int))]; } c; char byte;",
                "struct iovec iov = { &byte, 1 };",
                "struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.b,",
                "                    .msg_controllen = sizeof c.b };",
                "ssize_t got = recvmsg(link[1 - 1], &m, 0); waitpid(maker, NULL, 0);",
                f'if (got <= 0) fail({n}, "pair"); else {{ memcpy(ends, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof ends);',
                f'    printf("{n} pair: ok (made by pid %d, now reaped)\\n", (int)maker); }}',
            ]
        return [
            f'if (socketpair({family}, {kind}, {proto}, ends) != 0) fail({n}, "pair"); else printf("{n} pair: ok\\n");'
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        family, kind, proto = arguments(op)
        if op.get("by") == "child":
            return [f"print('{n} pair: (by=child: drivers only, see the C reproducer)'); raise SystemExit(0)"]
        make = f"ends.__setitem__(slice(0, 2), socketpair({family}, {kind}, {proto}))"
        return [f"show({n}, 'pair', lambda: {make})"]


register(Pair())
