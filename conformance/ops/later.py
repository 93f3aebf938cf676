"""``later`` and ``fill`` (protocol version 2).

``later``: a call on one end that waits until something happens after it began:
another thread, ``delay_ms`` (default 5) later, sends a byte, sends a descriptor
(``sendfds`` of ``obj=``), closes, shuts down (``how=``) or signals the caller
(SIGUSR1, not restarting); on the peer end, or on the caller's own with ``by=own``.
``call=recv`` replies ``ret data``, ``call=send`` (``size`` bytes) ``ret``,
``call=poll`` (``events``) ``revents``.  Catalog G8, G12, C13, N5, H28.

``fill``: sends of ``size`` bytes with MSG_DONTWAIT until EAGAIN; ``ret`` the
total.  How much fits is the implementation's choice (L1): compared is that
it filled.  Catalog N6, N7, L4, G11 (with what follows it).
"""

from __future__ import annotations

import fcntl
import select
import signal
import socket
import struct
import termios
import threading
import time
from typing import Any, Callable, Optional

from hypothesis import strategies as st

from ..spec import names
from ..spec.constants import exported
from ..spec.protocol import Observation, Op, ok, op
from ..spec.semantics import TypeRules
from .base import ENDS, Context, Operation, PythonSide, describe, register
from .poll import POLL_BITS
from .send.python import named_fd

THEN = ("send", "sendfds", "close", "shutdown", "signal")


def laters(rules: TypeRules) -> st.SearchStrategy[Op]:
    """``then=signal`` on a stream only (G12): a message send is all or nothing, and
    Python sees a signal after the call, where C sees it in the call (see _counted)."""
    recv = st.builds(
        lambda e, then: op("later", end=e, call="recv", size=8, then=then, obj="f" if then == "sendfds" else None),
        ENDS,
        st.sampled_from(["send", "sendfds", "close", "shutdown"]),
    )
    send = st.builds(
        lambda e, size, then: op("later", end=e, call="send", size=size, then=then),
        ENDS,
        st.sampled_from([1, 100, 300000]),
        st.sampled_from(["close", "signal", "shutdown"] if not rules.boundaries else ["close", "shutdown"]),
    )
    poll = st.builds(
        lambda e, events, how, by: op("later", end=e, call="poll", events=events, then="shutdown", how=how, by=by),
        ENDS,
        st.sampled_from(["", "in", "rdhup", "in,rdhup"]),
        st.sampled_from(["rd", "wr", "rdwr"]),
        st.sampled_from(["own", "peer"]),
    )
    return st.one_of(recv, send, poll)


def fills() -> st.SearchStrategy[Op]:
    return st.builds(lambda e, size: op("fill", end=e, size=size), ENDS, st.sampled_from([1024, 65536]))


class Later(Operation):
    verb = "later"
    rows = ("G8", "G12", "C13", "N5", "H28")
    attribution = (
        ("G12", lambda w: w.op.get("then") == "signal"),
        ("H28", lambda w: w.op.get("then") == "sendfds"),
        ("N5", lambda w: w.op.get("call") == "poll"),
        ("C13", lambda w: w.op.get("call") == "send"),
        ("G8", lambda w: True),
    )

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return laters(rules)

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        which, then, call = int(op.get("end")), op.get("then"), op.get("call")
        sock = ex.end(op)
        other = which if op.get("by") == "own" else 1 - which
        target: Any = ex.ends[other]
        if target is None and then != "signal":
            raise OSError(9, "closed")
        main = threading.main_thread()
        if then == "signal" and threading.current_thread() is not main:
            raise NotImplementedError("later then=signal: a signal reaches the main thread only")
        delay = int(op.get("delay_ms") or 5) / 1000

        def act() -> None:
            time.sleep(delay)
            if then == "send":
                target.send(b"L", _NOSIGNAL_DONTWAIT)
            elif then == "sendfds":
                target.sendmsg([b"L"], [_rights(named_fd(ex, op.get("obj")))], _NOSIGNAL_DONTWAIT)
            elif then == "close":
                target.close()
            elif then == "shutdown":
                target.shutdown(names.lookup(_HOWS, op.get("how") or "rdwr"))
            else:
                signal.pthread_kill(main.ident or 0, signal.SIGUSR1)

        # The signal is sent delay_ms after the actor starts; on a loaded machine that may be
        # before the call began. The reference driver's handler then sets a flag, and a call
        # that blocks ends at its bound as EINTR, one that does not block answers as it would.
        # Here: a signal that came early is sent again delay_ms after the call began, and the
        # handler raises only inside the call (anywhere else in this thread, starting the
        # actor or the executor's bound, an exception would be a lie).
        signalled = {"armed": False, "came": False}
        again: list[threading.Thread] = []

        def interrupt(signum: int, frame: Any) -> None:
            signalled["came"] = True
            if signalled["armed"]:  # EINTR, as C sees it; a signal after the call returned is nothing
                signalled["armed"] = False
                raise InterruptedError(4, "interrupted by the later step's signal")

        def made() -> Observation:
            signalled["armed"] = True  # armed before looking, so no signal falls between the two
            try:
                if signalled["came"]:
                    again.append(threading.Thread(target=act, daemon=True))
                    again[0].start()
                return _call(sock, call, op)
            finally:
                signalled["armed"] = False

        saved = signal.signal(signal.SIGUSR1, interrupt) if then == "signal" else None
        failed: list[Exception] = []
        actor = threading.Thread(target=_quietly(act, failed, ex.wake), daemon=True)
        actor.start()
        try:
            seen = ex.bounded(made if then != "signal" else lambda: _counted(made, ex.ends[1 - which]))
        except Exception:
            if not failed:
                raise
            seen = ok()  # woken because the action failed: discarded below
        finally:
            signalled["armed"] = False  # whatever ended the step, a signal from now on interrupts nothing
            actor.join()
            for thread in again:  # before the saved handler is back: SIGUSR1's default is to terminate
                thread.join()
            if saved is not None:
                signal.signal(signal.SIGUSR1, saved)
            if then == "close":
                ex.ends[other] = None
        if failed:  # the later action was never made, so what the call saw is not this step's answer
            raise failed[0]  # NotImplementedError: unsupported; anything else: what it raised
        return seen

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        if op.get("call") == "send" and ref.status == iut.status == "ok":
            # how much a blocked send moved before it was released is the buffer's size (L1)
            size = int(op.get("size") or 1)
            left, right = (_sent_class(int(o.get("ret") or 0), size) for o in (ref, iut))
            return None if left == right else f"sent {left} vs {right}"
        return super().compare(ctx, op, ref, iut)

    def salient(self, op: Op, field: str) -> str:
        return f"call={op.get('call')} then={op.get('then')}" + (f" by={op.get('by')}" if op.has("by") else "")

    def c_lines(self, n: int, op: Op) -> list[str]:
        which, call, size = int(op.get("end")), op.get("call"), int(op.get("size") or 1)
        other = which if op.get("by") == "own" else 1 - which
        action = THEN.index(op.get("then"))
        passed = f'fd_of("{op.get("obj")}")' if op.has("obj") else "-1"
        how = {"rd": "SHUT_RD", "wr": "SHUT_WR"}.get(op.get("how"), "SHUT_RDWR")
        events = " | ".join(f"POLL{e.upper()}" for e in filter(None, op.get("events").split(","))) or "0"
        made = {
            "recv": f"long ret = recv(ends[{which}], buf, {size}, 0);",
            "send": f"long ret = send(ends[{which}], buf, {size}, MSG_NOSIGNAL);",
            "poll": f"struct pollfd p = {{ ends[{which}], {events}, 0 }}; long ret = poll(&p, 1, 1500);",
        }[call]
        # a signal that came before the call began (a loaded machine) is sent again, as the executor does
        again = "if (later_came) { pthread_join(t, NULL); pthread_create(&t, NULL, later_act, &la); }"
        shown = {
            "recv": f'{{ printf("{n} later: ok ret=%ld data=", ret); for (long i = 0; i < ret; i++)'
            ' printf("%02x", (unsigned char)buf[i]); printf("\\n"); }',
            "send": f'printf("{n} later: ok ret=%ld\\n", ret);',
            "poll": f'printf("{n} later: ok revents=0x%x\\n", (unsigned)p.revents);',
        }[call]
        return [
            f"struct later_arg la = {{ {action}, ends[{other}], {how}, {passed}, 5, pthread_self() }};",
            "struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_handler = later_usr1;",
            "sigaction(SIGUSR1, &sa, NULL); later_came = 0;",
            f"static char buf[{max(size, 1)}]; memset(buf, 'x', sizeof buf);",
            "pthread_t t; pthread_create(&t, NULL, later_act, &la);",
            f'arm({n}, "later");',
            *([again] if op.get("then") == "signal" else []),
            made,
            "int e = errno; alarm(0); pthread_join(t, NULL); errno = e;",
            *([f"ends[{other}] = -1;"] if op.get("then") == "close" else []),
            f'if (ret < 0) fail({n}, "later"); else {shown}',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        which, call, size, then = int(op.get("end")), op.get("call"), int(op.get("size") or 1), op.get("then")
        other = which if op.get("by") == "own" else 1 - which
        flags = "socket.MSG_NOSIGNAL | socket.MSG_DONTWAIT"
        act = {
            "send": f"ends[{other}].send(b'L', {flags})",
            "sendfds": f"ends[{other}].sendmsg([b'L'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, "
            f"array.array('i', [fd_of({op.get('obj')!r})]).tobytes())], {flags})",
            "close": f"ends[{other}].close()",
            "shutdown": f"ends[{other}].shutdown({ {'rd': 0, 'wr': 1}.get(op.get('how'), 2) })",
            "signal": "signal.pthread_kill(threading.main_thread().ident, signal.SIGUSR1)",
        }[then]
        events = " | ".join(f"select.POLL{e.upper()}" for e in filter(None, op.get("events").split(","))) or "0"
        made = {
            "recv": f"(lambda d: 'ret=%d data=%s' % (len(d), d.hex()))(end({which}).recv({size}))",
            "send": f"'ret=%d' % end({which}).send(b'x' * {size}, socket.MSG_NOSIGNAL)",
            # printed as the C program prints it (no events: 0x0, as poll() leaves revents)
            "poll": f"(lambda p: (p.register(end({which}).fileno(), {events}), "
            "'revents=0x%x' % (p.poll(1500) or [(0, 0)])[0][1])[1])(select.poll())",
        }[call]
        lines = [f"def act{n}():", "    import time", "    time.sleep(0.005)", f"    {act}"]
        if then == "signal":
            # as the suite's executor does: the handler raises only inside the call, and a
            # signal that came before the call began (a loaded machine) is sent again
            lines += [
                f"signalled{n} = {{'armed': False, 'came': False}}",
                f"def interrupt{n}(s, f):",
                f"    signalled{n}['came'] = True",
                f"    if signalled{n}['armed']:",
                f"        signalled{n}['armed'] = False",
                "        raise InterruptedError(4, 'EINTR')",
                f"again{n} = threading.Thread(target=act{n}, daemon=True)",
                f"def call{n}():",
                f"    signalled{n}['armed'] = True",
                "    try:",
                f"        if signalled{n}['came']:  # before the call began: again, 5 ms after it began",
                f"            again{n}.start()",
                f"        return {made}",
                "    finally:",
                f"        signalled{n}['armed'] = False",
                f"signal.signal(signal.SIGUSR1, interrupt{n})",
            ]
        lines.append(f"actor{n} = threading.Thread(target=act{n}, daemon=True); actor{n}.start()")
        if then == "signal":
            lines += [
                f"show({n}, 'later', call{n})",
                f"actor{n}.join()",
                f"if again{n}.ident:",
                f"    again{n}.join()",
                "signal.signal(signal.SIGUSR1, lambda s, f: None)",
            ]
        else:
            lines += [f"show({n}, 'later', lambda: {made})", f"actor{n}.join()"]
        if then == "close":
            lines.append(f"ends[{other}] = None")
        return lines


class Fill(Operation):
    verb = "fill"
    rows = ("N6", "N7", "L4", "G11")
    attribution = (("N6", lambda w: w.sock_type == "dgram"), ("N7", lambda w: w.stream), ("L4", lambda w: True))

    def strategy(self, rules: TypeRules) -> st.SearchStrategy[Op]:
        return fills()

    def run_python(self, ex: PythonSide, op: Op) -> Observation:
        sock, chunk = ex.end(op), b"f" * int(op.get("size") or 1024)

        def fill() -> Observation:
            total = 0
            while total < 64 << 20:
                try:
                    total += sock.send(chunk, _NOSIGNAL_DONTWAIT)
                except BlockingIOError:
                    break
            return ok(ret=total)

        return ex.bounded(fill)

    def compare(self, ctx: Context, op: Op, ref: Observation, iut: Observation) -> Optional[str]:
        if ref.status == iut.status == "ok":  # how much fits is the implementation's choice (L1)
            return None if (int(ref.get("ret")) > 0) == (int(iut.get("ret")) > 0) else describe(ref, iut)
        return super().compare(ctx, op, ref, iut)

    def c_lines(self, n: int, op: Op) -> list[str]:
        size = int(op.get("size") or 1024)
        return [
            f"static char chunk[{size}]; long total = 0, got; memset(chunk, 'f', sizeof chunk);",
            f"while ((got = send(ends[{op.get('end', '0')}], chunk, sizeof chunk, MSG_DONTWAIT | MSG_NOSIGNAL)) > 0)"
            " total += got;",
            f'if (got < 0 && errno != EAGAIN) fail({n}, "fill"); else printf("{n} fill: ok (%ld bytes)\\n", total);',
        ]

    def py_lines(self, n: int, op: Op) -> list[str]:
        size, e = int(op.get("size") or 1024), op.get("end", "0")
        return [
            f"def fill{n}():",
            "    total = 0",
            "    while True:",
            "        try:",
            f"            total += end({e}).send(b'f' * {size}, socket.MSG_DONTWAIT | socket.MSG_NOSIGNAL)",
            "        except BlockingIOError:",
            "            return '(%d bytes)' % total",
            f"show({n}, 'fill', fill{n})",
        ]


_NOSIGNAL = exported(socket, "MSG_NOSIGNAL")  # a helper's own send: the number will do
_NOSIGNAL_DONTWAIT = _NOSIGNAL | socket.MSG_DONTWAIT
_HOWS = {"rd": socket.SHUT_RD, "wr": socket.SHUT_WR, "rdwr": socket.SHUT_RDWR}


def _rights(fd: int) -> tuple[int, int, bytes]:
    return (socket.SOL_SOCKET, socket.SCM_RIGHTS, fd.to_bytes(4, "little", signed=True))


def _quietly(act: Any, failed: list[Exception], wake: Callable[[], None]) -> Any:
    def run() -> None:
        try:
            act()
        except OSError:
            pass  # the actor's own failure shows in what the call observed
        except Exception as exc:  # an implementation that cannot make the action: told to the step,
            failed.append(exc)
            wake()  # whose call is woken now, not at its bound (what it returns is discarded)

    return run


def _call(sock: Any, call: str, step: Op) -> Observation:
    if call == "recv":
        data = sock.recv(int(step.get("size") or 1))
        return ok(ret=len(data), data=data.hex())
    if call == "send":
        sent: Optional[int] = None
        try:
            sent = int(sock.send(b"x" * int(step.get("size") or 1), _NOSIGNAL))
        except InterruptedError:
            if sent is None:
                raise
        return ok(ret=sent)
    poller = select.poll()
    poller.register(sock.fileno(), names.lookup_set(POLL_BITS, step.get("events")))
    events = poller.poll(1000)
    if not events:
        raise BlockingIOError(11, "poll timed out")  # never: the bound ends it first
    return ok(revents=names.name_set(POLL_BITS, events[0][1]))


def _counted(made: Any, peer: Any) -> Observation:
    """A send a signal interrupted, as C sees it: the bytes it moved, or EINTR if none.
    Python runs the handler (which raises) after the call returns, so a partial count
    the kernel returned is lost with the exception: the peer's queue tells it (SIOCINQ,
    exact on a stream, which is where the step is made)."""
    before = _queued(peer) if peer is not None else 0
    try:
        observed: Observation = made()
        return observed
    except InterruptedError:
        moved = _queued(peer) - before if peer is not None else 0
        if moved > 0:
            return ok(ret=moved)
        raise


def _queued(sock: Any) -> int:
    return int(struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.FIONREAD, b"\0" * 4))[0])


def _sent_class(ret: int, size: int) -> str:
    return "all" if ret == size else "some" if ret > 0 else "none"


register(Later())
register(Fill())
