"""``inflight``: the in-flight descriptor limit (catalog H30; protocol version 2).

A forked child lowers RLIMIT_NOFILE to ``nofile``, gives up root if it has it
(CAP_SYS_RESOURCE is exempt from the limit) for a uid of its own, 200000 + its
pid (the count is per user: no other process may share it), and sends ``n`` messages from
``end``, each carrying one descriptor of ``obj``, with nobody reading; the reply
``sent=K errno=E`` says how many went before the first error (``0``: none).
Then the peer's queue is drained and what it carried closed: the count is per
user, shared by every process of that user (the reference driver's too), so
nothing may stay in flight after the step.
"""

from __future__ import annotations

import array
import os
import resource
import select
import socket
from typing import Callable

from hypothesis import strategies as st

from ..errors import SuiteBug, suite_bug_at
from ..spec.constants import exported
from ..spec.protocol import Observation, Op, ProtocolError, errno_name, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Operation, PythonSide, register
from .send.python import named_fd

UID_BASE = 200000  # root gives up to a uid of its own, UID_BASE + the executor's pid: the count is per user


def inflights() -> st.SearchStrategy[Op]:
    return st.builds(
        lambda e, n, limit, obj: op("inflight", end=e, n=n, nofile=limit, obj=obj),
        ENDS,
        st.sampled_from([4, 18, 40]),
        st.sampled_from([16, 32]),
        st.sampled_from(["f", "p.r", "end0"]),
    )


def _send_all(sock: object, count: int, limit: int, passed: int, own: int) -> tuple[int, int]:
    """In the child: lower the limit, drop root, send; (sent, errno)."""
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))
        if os.getuid() == 0:
            os.setgroups([])
            os.setgid(own)
            os.setuid(own)
    except OSError as exc:
        return 0, exc.errno or 1
    rights = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [passed]).tobytes())]
    for sent in range(count):
        try:
            sock.sendmsg([b"i"], rights, socket.MSG_DONTWAIT | exported(socket, "MSG_NOSIGNAL"))  # type: ignore[attr-defined]
        except OSError as exc:
            return sent, exc.errno or 1
    return count, 0


def _child_line(send: Callable[[], tuple[int, int]]) -> bytes:
    """What the child reports: ``sent K E``, or what the implementation did instead of
    sending (an in-process implementation's exception must not look like the suite's
    failure: it is the implementation's answer, told to the parent)."""
    try:
        sent, error = send()
        return f"sent {sent} {error}".encode()
    except NotImplementedError as exc:
        return f"unsupported {exc}".encode()
    except Exception as exc:  # told apart as the in-process executor does (errors.suite_bug_at)
        where = suite_bug_at(exc)
        told = f"suitebug {type(exc).__name__}: {exc} at {where}" if where else f"raised {type(exc).__name__}"
        return told.encode()


def _drain(peer: object) -> None:
    """Bookkeeping, not a check: through the kernel socket behind ``peer`` where it has one
    (an adapter's API may lack recvmsg or flags), else through the implementation's own
    recvmsg; what it raises ends the drain."""
    if peer is None:
        return
    try:
        kernel: object = socket.socket(fileno=os.dup(peer.fileno()))  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError, NotImplementedError):
        kernel = None
    try:
        _drain_through(kernel if kernel is not None else peer)
    finally:
        if kernel is not None:
            kernel.close()  # type: ignore[attr-defined]


def _drain_through(peer: object) -> None:
    for _ in range(4096):  # bounded: an EOF reads empty forever
        try:
            data, ancdata, _, _ = peer.recvmsg(65536, 4096, socket.MSG_DONTWAIT)  # type: ignore[attr-defined]
        except Exception:  # nothing more to read, or an implementation that cannot say
            return
        for level, kind, payload in ancdata:
            if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
                for fd in array.array("i", payload[: len(payload) - len(payload) % 4]):
                    os.close(fd)
        if not data and not ancdata:
            return


class Inflight(Operation):
    verb = "inflight"
    rows = ("H30",)
    attribution = (("H30", lambda w: True),)

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return inflights()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        sock, passed = ex.end(op), named_fd(ex, op.get("obj"))
        count, limit = int(op.get("n") or 18), int(op.get("nofile") or 16)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            try:
                os.write(write_end, _child_line(lambda: _send_all(sock, count, limit, passed, UID_BASE + ex.pid)))
            finally:
                os._exit(0)
        os.close(write_end)
        try:
            got = os.read(read_end, 4096) if select.select([read_end], [], [], 5.0)[0] else b""
        finally:
            os.close(read_end)
            os.waitpid(pid, 0)
        _drain(ex.ends[1 - int(op.get("end"))])
        kind, _, rest = got.decode(errors="replace").partition(" ")
        if kind == "unsupported":  # the implementation refused a call the step needs (no MSG_DONTWAIT, ...)
            raise NotImplementedError(rest)
        if kind == "suitebug":
            raise SuiteBug(f"inflight (in the child): {rest}")
        if kind == "raised":
            return Observation("raised", (("exc", rest),))
        if kind != "sent" or len(rest.split()) != 2:
            raise ProtocolError(f"the inflight child gave no result ({got[:80]!r})")
        sent, error = (int(part) for part in rest.split())
        return ok(sent=sent, errno=errno_name(error) if error else "0")

    def salient(self, op: Op, field: str) -> str:
        return f"n={op.get('n')} nofile={op.get('nofile')}"

    def c_lines(self, n: int, op: Op) -> list[str]:
        count, limit, obj, e = int(op.get("n") or 18), int(op.get("nofile") or 16), op.get("obj"), op.get("end", "0")
        return [
            "int report[2]; if (pipe(report) != 0) exit(1); fflush(stdout); pid_t pid = fork();",
            "if (pid == 0) {",
            f"    struct rlimit low = {{ {limit}, {limit} }}; int res[2] = {{ 0, 0 }};",
            "    if (setrlimit(RLIMIT_NOFILE, &low) != 0 || (getuid() == 0 && (setgroups(0, NULL) != 0",
            "        || setgid(200000 + getppid()) != 0 || setuid(200000 + getppid()) != 0))) res[1] = errno;",
            f'    int passed = fd_of("{obj}");',
            f"    for (int i = 0; i < {count} && !res[1]; i++) {{",
            "        union { struct cmsghdr align; unsigned char b[CMSG_SPACE(sizeof(int))]; } c;",
            "        memset(&c, 0, sizeof c); char byte = 'i'; struct iovec iov = { &byte, 1 };",
            "        struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.b,",
            "                            .msg_controllen = sizeof c.b };",
            "        struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm->cmsg_len = CMSG_LEN(sizeof(int));",
            "        cm->cmsg_level = SOL_SOCKET; cm->cmsg_type = SCM_RIGHTS;",
            "        memcpy(CMSG_DATA(cm), &passed, sizeof passed);",
            f"        if (sendmsg(ends[{e}], &m, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) res[1] = errno; else res[0]++;",
            "    }",
            "    if (write(report[1], res, sizeof res) < 0) _exit(1);",
            "    _exit(0);",
            "}",
            "int res[2] = { -1, 0 }; close(report[1]); if (read(report[0], res, sizeof res) < 0) exit(1);",
            "close(report[0]); waitpid(pid, NULL, 0);",
            "/* drained, as the suite drains it: the in-flight count is per user */",
            "for (int i = 0; i < 4096; i++) {",
            "    static char d[65536]; union { struct cmsghdr a; char b[4096]; } c;",
            "    struct iovec iov = { d, sizeof d };",
            "    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.b,",
            "                        .msg_controllen = sizeof c.b };",
            f"    if (recvmsg(ends[{1 - int(e)}], &m, MSG_DONTWAIT) <= 0) break;",
            "    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm))",
            "        if (cm->cmsg_type == SCM_RIGHTS) { int fd; memcpy(&fd, CMSG_DATA(cm), sizeof fd); close(fd); } }",
            f'printf("{n} inflight: ok sent=%d errno=%s\\n", res[0], res[1] ? strerrorname_np(res[1]) : "0");',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        count, limit, obj, e = int(op.get("n") or 18), int(op.get("nofile") or 16), op.get("obj"), op.get("end", "0")
        return [
            f"def inflight{n}():",
            "    import resource",
            "    r, w = os.pipe()",
            "    sys.stdout.flush()",
            "    pid = os.fork()",
            "    if pid == 0:",
            "        sent, error = 0, 0",
            "        try:",
            f"            resource.setrlimit(resource.RLIMIT_NOFILE, ({limit}, {limit}))",
            "            if os.getuid() == 0:",
            "                own = 200000 + os.getppid(); os.setgroups([]); os.setgid(own); os.setuid(own)",
            "            rights = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, "
            f"array.array('i', [fd_of({obj!r})]).tobytes())]",
            f"            for sent in range({count}):",
            f"                end({e}).sendmsg([b'i'], rights, socket.MSG_DONTWAIT | socket.MSG_NOSIGNAL)",
            f"            sent = {count}",
            "        except OSError as exc:",
            "            error = exc.errno",
            "        os.write(w, struct.pack('ii', sent, error))",
            "        os._exit(0)",
            "    os.close(w)",
            "    sent, error = struct.unpack('ii', os.read(r, 8))",
            "    os.close(r); os.waitpid(pid, 0)",
            "    for _ in range(4096):  # drained, as the suite drains it: the in-flight count is per user",
            "        try:",
            f"            data, anc, _, _ = end({1 - int(e)}).recvmsg(65536, 4096, socket.MSG_DONTWAIT)",
            "        except OSError:",
            "            break",
            "        for fd in [f for lv, k, p in anc if k == socket.SCM_RIGHTS for f in array.array('i', p)]:",
            "            os.close(fd)",
            "    return 'sent=%d errno=%s' % (sent, errno_name(error) if error else '0')",
            f"show({n}, 'inflight', inflight{n})",
        ]


register(Inflight())
