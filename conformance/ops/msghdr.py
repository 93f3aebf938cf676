"""``msghdr``: what only a C caller can hand the kernel (capability ``abi``; protocol version 2).

Garbage in ``msg_flags`` before a recvmsg (B6, B7), ``iov_len`` after it (B8),
MSG_CTRUNC as an input flag (B9), a NULL or unmapped buffer, iovec array or
control buffer (B4, H8), a ``cmsg_len`` or ``msg_controllen`` that lies about an
SCM_RIGHTS message (H6, H7), a bad ``sv`` pointer to socketpair (A8).  The reply
is always ``ok ret= errno= msg_flags= [iov_len=]``: what the call returned and
what it left in the caller's msghdr.  Python's API can make none of these calls,
so the in-process executor does not declare ``abi`` and they are *unsupported* there.
"""

from __future__ import annotations

from hypothesis import strategies as st

from ..spec.ctrl_units import c_expression
from ..spec.protocol import Observation, Op, op
from ..spec.semantics import TypeRules
from .base import ENDS, Operation, PythonSide, register

GARBAGE = (0, 1 | 8 | 32 | 128, 1 << 30)  # MSG_OOB|MSG_CTRUNC|MSG_TRUNC|MSG_EOR; an undefined bit
MEMS = ("ok", "null", "unmapped", "nulliov")
FLAGS = ("", "dontwait", "peek,dontwait", "ctrunc,dontwait")
# in ctrl= units (spec/ctrl_units.py), the same on every ABI: cmsg_len below a header,
# a bare header, right for one fd, beyond msg_controllen; msg_controllen none, less
# than a header (8 is, on every Linux ABI), right
CMSG_LENS = ("1", "hdr", "len(fds1)", "len(fds1)+80")
CONTROLLENS = ("0", "8", "len(fds1)")


def received_header() -> st.SearchStrategy[Op]:
    """A recvmsg whose msghdr is looked at afterwards (B4, B6-B9)."""
    return st.builds(
        lambda e, size, flags, preset, mem: op(
            "msghdr", end=e, call="recvmsg", size=size, flags=flags, preset=preset, mem=mem
        ),
        ENDS,
        st.sampled_from([0, 1, 16]),
        st.sampled_from(FLAGS),
        st.sampled_from(GARBAGE),
        st.sampled_from(MEMS),
    )


def lying_control(obj: str = "f") -> st.SearchStrategy[Op]:
    """A sendmsg of one fd whose cmsg_len or msg_controllen lies (H6, H7), or whose
    control buffer or data is not mapped (H8, B4)."""
    lengths = st.builds(
        lambda e, cl, ctl: op("msghdr", end=e, call="sendmsg", size=4, rights=obj, cmsg_len=cl, controllen=ctl),
        ENDS,
        st.sampled_from(CMSG_LENS),
        st.sampled_from(CONTROLLENS),
    )
    memory = st.builds(
        lambda e, mem, ctl: op(
            "msghdr", end=e, call="sendmsg", size=4, mem=mem, **({"ctl": "unmapped"} if ctl else {})
        ),
        ENDS,
        st.sampled_from(MEMS),
        st.booleans(),
    )
    return st.one_of(lengths, memory)


def bad_pair_pointer() -> st.SearchStrategy[Op]:
    return st.builds(lambda mem: op("msghdr", call="socketpair", mem=mem), st.sampled_from(["null", "unmapped"]))


class Msghdr(Operation):
    verb = "msghdr"
    rows = ("A8", "B4", "B6", "B7", "B8", "B9", "H6", "H7", "H8")
    attribution = (
        ("A8", lambda w: w.op.get("call") == "socketpair"),
        ("H8", lambda w: w.op.get("ctl") == "unmapped"),
        ("B4", lambda w: w.op.get("mem") not in ("", "ok")),
        ("H6", lambda w: w.op.get("cmsg_len") in ("1", "hdr", "len(fds1)+80")),
        ("H7", lambda w: w.op.has("controllen")),
        ("B9", lambda w: "ctrunc" in w.op.get("flags")),
        ("B8", lambda w: w.field == "iov_len"),
        ("B7", lambda w: w.ref.get("ret") == "-1"),
        ("B6", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return received_header()

    def needs(self, op: Op) -> frozenset[str]:
        return frozenset({"abi", "ctrl_units"}) if op.has("cmsg_len") or op.has("controllen") else frozenset({"abi"})

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        raise NotImplementedError("msghdr: a C caller's msghdr (capability abi)")

    def salient(self, op: Op, field: str) -> str:
        keys = ("call", "mem", "ctl", "cmsg_len", "controllen") if field != "msg_flags" else ("call", "flags")
        return " ".join(f"{k}={op.get(k)}" for k in keys if op.has(k))

    def site_type(self, op: Op, sock_type: str) -> str:
        return "any" if op.get("call") == "socketpair" else sock_type

    def neutral(self, op: Op, ref: Observation, iut: Observation) -> bool:
        return op.get("call") == "socketpair" or (ref.get("ret") == iut.get("ret") == "-1")

    def c_lines(self, n: int, op: Op) -> list[str]:
        call, mem = op.get("call"), op.get("mem") or "ok"
        bad = "unmapped_page()" if mem == "unmapped" else "NULL"
        if call == "socketpair":
            return [
                f"int *volatile sv = {bad};",
                f'if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) fail({n}, "msghdr");',
                f'else printf("{n} msghdr: ok (socketpair accepted a bad pointer)\\n");',
            ]
        size, end = int(op.get("size") or 16), f"ends[{op.get('end', '0')}]"
        lines = [
            f"char data[{max(size, 1)}]; memset(data, 'x', sizeof data);",
            f"struct iovec iov = {{ {'data' if mem == 'ok' else bad}, {size} }};",
            "union { struct cmsghdr align; unsigned char bytes[CMSG_SPACE(sizeof(int))]; } c;",
            "memset(&c, 0, sizeof c);",
            "struct msghdr m; memset(&m, 0, sizeof m);",
            f"m.msg_iov = {'NULL' if mem == 'nulliov' else '&iov'}; m.msg_iovlen = 1;",
            f"m.msg_flags = {int(op.get('preset') or 0)};",
        ]
        flags = " | ".join(f"MSG_{f.upper()}" for f in filter(None, op.get("flags").split(","))) or "0"
        if call == "recvmsg":
            lines.append(f'arm({n}, "msghdr"); long ret = recvmsg({end}, &m, {flags}); int e = errno; alarm(0);')
        else:
            if op.has("rights"):
                lines += [
                    'struct cmsghdr *cm = (struct cmsghdr *)(void *)c.bytes; int passed = fd_of("'
                    + op.get("rights")
                    + '");',
                    f"cm->cmsg_len = {c_expression(op.get('cmsg_len') or 'len(fds1)')}; cm->cmsg_level = SOL_SOCKET;",
                    "cm->cmsg_type = SCM_RIGHTS; memcpy(CMSG_DATA(cm), &passed, sizeof passed);",
                    "m.msg_control = c.bytes;",
                    f"m.msg_controllen = {c_expression(op.get('controllen') or 'space(fds1)')};",
                ]
            if op.get("ctl") == "unmapped":
                lines.append("m.msg_control = unmapped_page(); m.msg_controllen = CMSG_SPACE(sizeof(int));")
            lines.append(f'arm({n}, "msghdr"); long ret = sendmsg({end}, &m, MSG_NOSIGNAL); int e = errno; alarm(0);')
        shown = "" if mem == "nulliov" else " iov_len=%zu"
        arg = "" if mem == "nulliov" else ", iov.iov_len"
        lines.append(
            f'printf("{n} msghdr: ok ret=%ld errno=%s msg_flags=%d{shown}\\n", ret, ret < 0 ? strerrorname_np(e) : "0",'
            f" m.msg_flags{arg});"
        )
        return lines

    def py_lines(self, n: int, op: Op) -> list[str]:
        return [f"print('{n} msghdr: (a C caller\\'s msghdr: see the C reproducer)')"]


register(Msghdr())
