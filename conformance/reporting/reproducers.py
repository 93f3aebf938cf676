"""Reproducers: a deviation's minimal scenario as two standalone programs.

For a bug report an implementer needs something that runs without this suite:

- ``ID.py`` calls the implementation the way the suite did (its factory for
  ``python:`` specs and adapters, ``socket.socketpair`` for ``native``) and
  prints one line per step;
- ``ID.c`` performs the same steps with the raw system calls, i.e. shows what
  Linux does.

Both print the same line format (``N verb: ok ret=3`` / ``N verb: err EPIPE``),
so ``diff`` of their outputs points at the deviation.  Lines are the raw
results of each call, not the protocol's fd descriptions: a received
descriptor is printed as the inode of the object it refers to (``fd->f``) when
it is one of the scenario's objects.  A receive the suite did in a forked
child is done in a forked child.  ``duplex`` steps are printed as skipped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

from ..engine.runner import Result
from ..spec import names
from ..spec.protocol import VERSION, Op, plain_recv
from .reproduce_c import c_program, repeated


def numbers(op: Op) -> dict[str, Any]:
    """The step's arguments as the numbers both generators pass to the calls."""
    a = dict(op.args)
    size = int(a.get("size", "0"))
    flag_table = {"send": names.SEND_FLAGS, "recv": names.RECV_FLAGS}.get(op.verb, names.TYPE_FLAGS)
    return {
        "end": a.get("end", "0"),
        "family": names.lookup(names.FAMILIES, a.get("family", "unix")),
        "kind": names.lookup(names.TYPES, a.get("type", "stream"))
        | names.lookup_set(names.TYPE_FLAGS, a.get("flags", ""))
        if op.verb == "pair"
        else 0,
        "proto": a.get("proto", "0"),
        "flags": names.lookup_set(flag_table, a.get("flags", "")) if op.verb in ("send", "recv") else 0,
        "pieces": a["data"].split(",") if "data" in a else [],
        "size": size,
        "ctrl": int(a.get("ctrl", "0")),
        "iov": [int(x) for x in a["iov"].split(",")] if "iov" in a else [size],
        "how": names.lookup(names.HOWS, a["how"]) if op.verb == "shutdown" else 0,
        "opt": names.lookup(names.OPTS, a["opt"]) if "opt" in a else 0,
        "events": names.lookup_set(names.POLL_BITS, a.get("events", "")),
    }


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:80]


def write(result: Result, directory: Path, factory: Optional[str], argv: Optional[list[str]]) -> list[Path]:
    """Write the reproducers of a deviating result: ID.c (Linux), and ID.py calling
    ``factory`` (MODULE:ATTR) for Python implementations, or ID.requests (the
    protocol lines, ``DRIVER < ID.requests``) for exec: drivers."""
    assert result.divergence is not None
    target = directory / slug(result.impl)
    target.mkdir(parents=True, exist_ok=True)
    ops = [s.op for s in result.divergence.steps if s.reference.get("note") == ""]
    last = result.divergence.steps[-1]
    header = [
        f"Reproducer for {result.id} ({result.impl}), written by socketpair-conformance.",
        f"The first difference is at step {last.index}: {result.divergence.reason}",
        f"  Linux:          {last.reference}",
        f"  implementation: {last.implementation}",
    ]
    # Where the suite waived FD_CLOEXEC on an end (PEP 446, see compare.py), the
    # programs do not print it either: they differ only where the suite said so.
    waived = {
        s.index for s in result.divergence.steps[:-1] if s.op.verb == "fdflags" and s.reference != s.implementation
    }
    shown = [Op(o.verb, (*o.args, ("show", "nonblock"))) if i in waived else o for i, o in enumerate(ops, 1)]
    c = target / f"{slug(result.id)}.c"
    c.write_text(c_program(shown, header))
    if factory is not None:
        other = target / f"{slug(result.id)}.py"
        other.write_text(python_program(shown, header, factory))
    else:
        other = target / f"{slug(result.id)}.requests"
        lines = [f"0 start version={VERSION} block_ms=20"] + [o.line(i) for i, o in enumerate(ops, 1)]
        other.write_text("\n".join(lines) + "\n")
    return [other, c]


# -- Python ---------------------------------------------------------------------

_PY_PRELUDE = """
import array, fcntl, importlib, os, select, socket, struct, sys, tempfile, threading

sys.path.insert(0, os.getcwd())  # the factory's module is found from where you run this

module, _, attr = FACTORY.partition(":")
socketpair = importlib.import_module(module)
for part in attr.split("."):
    socketpair = getattr(socketpair, part)
objects, ends = {}, [None, None]


def show(n, verb, call):
    # a step that does not return within 2 s is "blocked", as the suite says it
    # (a watchdog thread: works whatever event loop the implementation runs)
    watchdog = threading.Timer(2.0, lambda: (print(f"{n} {verb}: blocked", flush=True), os._exit(0)))
    watchdog.daemon = True
    watchdog.start()
    try:
        shown = call()
        print(f"{n} {verb}: ok" + ("" if shown is None else f" {shown}"))
    except OSError as exc:
        print(f"{n} {verb}: err {errno_name(exc.errno)}")
    except Exception as exc:  # what Linux never does: the suite reports it as "raised"
        print(f"{n} {verb}: raised {type(exc).__name__}")
    finally:
        watchdog.cancel()


def in_child(step):
    sys.stdout.flush()  # or the child would print the parent's buffered lines again
    pid = os.fork()
    if pid == 0:
        step()
        sys.stdout.flush()
        os._exit(0)
    os.waitpid(pid, 0)


def repeat(block, n):  # a long payload that is one block over and over
    return (block * (n // len(block) + 1))[:n]


def end(i):
    if ends[i] is None:  # closed: EBADF without touching any descriptor, as the suite does
        raise OSError(9, "closed end")
    return ends[i]


def errno_name(number):
    import errno
    name = errno.errorcode.get(number, f"E{number}")
    return {"ENOTSUP": "EOPNOTSUPP", "EWOULDBLOCK": "EAGAIN"}.get(name, name)


def make_object(name, kind, data, cloexec):
    if kind in ("file", "rofile"):
        fd, path = tempfile.mkstemp()
        os.unlink(path)
        os.write(fd, data)
        os.lseek(fd, 0, 0)
        if kind == "rofile":
            fd, old = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY), fd
            os.close(old)
        made = {name: fd}
    elif kind == "pipe":
        r, w = os.pipe()
        os.write(w, data)
        made = {name + ".r": r, name + ".w": w}
    else:
        made = {name: os.open(os.devnull, os.O_RDWR)}
    for key, fd in made.items():
        os.set_inheritable(fd, not cloexec)
        objects[key] = fd


def fd_of(name):
    if name in ("end0", "end1"):
        return ends[int(name[3])].fileno()
    return 1 << 20 if name == "badfd" else objects[name]


def which(fd):
    st = os.fstat(fd)
    mine = [k for k, v in objects.items() if (os.fstat(v).st_dev, os.fstat(v).st_ino) == (st.st_dev, st.st_ino)]
    mine += [f"end{i}" for i, s in enumerate(ends) if s is not None and os.fstat(s.fileno()).st_ino == st.st_ino]
    cloexec = "cloexec" if fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC else "-"
    return f"fd->{'|'.join(mine) or '?'}/{shares(fd, fd_of(mine[0])) if mine else '-'}/{cloexec}"


def shares(fd, original):
    # same open file description? flip O_NONBLOCK on the original, look through fd, restore
    flags = fcntl.fcntl(original, fcntl.F_GETFL)
    fcntl.fcntl(original, fcntl.F_SETFL, flags ^ os.O_NONBLOCK)
    seen = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(original, fcntl.F_SETFL, flags)
    return "same-ofd" if (seen ^ flags) & os.O_NONBLOCK else "other-ofd"


def describe(ancdata):
    out = []
    for level, kind, data in ancdata:
        if (level, kind) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
            fds = array.array("i", data[: len(data) - len(data) % 4])
            out.append("rights:" + ",".join(which(fd) for fd in fds))
            for fd in fds:
                os.close(fd)
        else:
            out.append(f"cmsg:{level}:{kind}:{len(data)}")
    return ";".join(out)


def received(result, size):
    nbytes, ancdata, flags = result[0], result[1], result[2]
    return f"ret={nbytes} msg_flags=0x{flags:x} anc={describe(ancdata)}"
"""


def _py_data(hexdata: str) -> str:
    block, length = repeated(hexdata)
    return f"repeat(bytes.fromhex({block.hex()!r}), {length})" if length else f"bytes.fromhex({hexdata!r})"


def _py_bytes(pieces: list[str]) -> str:
    return "[" + ", ".join(_py_data(p) for p in pieces) + "]"


def python_program(ops: list[Op], header: list[str], factory: str) -> str:
    body: list[str] = []
    for n, op in enumerate(ops, 1):
        a, v = dict(op.args), numbers(op)
        end = f"end({v['end']})"
        if op.verb == "obj":
            body.append(
                f"make_object({a['name']!r}, {a['kind']!r}, bytes.fromhex({a.get('data', '')!r}), {a.get('cloexec') == '1'})"
            )
        elif op.verb == "pair":
            body.append(
                f"show({n}, 'pair', lambda: ends.__setitem__(slice(0, 2), socketpair({v['family']}, {v['kind']}, {v['proto']})))"
            )
        elif op.verb == "send":
            flags, pieces = v["flags"], v["pieces"]
            if a.get("via") == "send":
                body.append(
                    f"show({n}, 'send', lambda: 'ret=%d' % {end}.send({_py_data((pieces or [''])[0])}, {flags}))"
                )
            else:
                anc = _py_anc(a.get("anc", ""))
                body.append(
                    f"show({n}, 'sendmsg', lambda: 'ret=%d' % {end}.sendmsg({_py_bytes(pieces)}, {anc}, {flags}))"
                )
        elif op.verb == "recv":
            flags, size, ctrl, iov = v["flags"], v["size"], v["ctrl"], v["iov"]
            body.append(f"bufs = [bytearray(n) for n in {iov}]")
            # as the suite calls it: recv(2) where the step says so (it has no
            # msg_flags and no control data), recvmsg(2) otherwise
            verb, receive = "recvmsg", f"{end}.recvmsg_into(bufs, {ctrl}, {flags})"
            if plain_recv(op):
                verb, receive = "recv", f"({end}.recv_into(bufs[0], {size}, {flags}), [], 0)"
            call = (
                f"show({n}, {verb!r}, lambda: (lambda r: received(r, {size}) + ' data=' + b''.join(bufs)[: min(r[0], {size})].hex())"
                f"({receive}))"
            )
            if a.get("in") == "child":  # the article's setting: the descriptors arrive in a forked child
                body.append(f"in_child(lambda: {call})")
            else:
                body.append(call)
        elif op.verb == "shutdown":
            body.append(f"show({n}, 'shutdown', lambda: {end}.shutdown({v['how']}))")
        elif op.verb == "close":
            body.append(f"show({n}, 'close', lambda: ({end}.close(), ends.__setitem__({a.get('end')}, None))[1])")
        elif op.verb == "getsockopt":
            opt = v["opt"]
            body.append(
                f"show({n}, 'getsockopt', lambda: (lambda b: 'value=%d (%d bytes)' % (int.from_bytes(b[:4], 'little', "
                f"signed=True), len(b)))({end}.getsockopt(socket.SOL_SOCKET, {opt}, 64)))"
            )
        elif op.verb == "setsockopt":
            body.append(
                f"show({n}, 'setsockopt', lambda: {end}.setsockopt(socket.SOL_SOCKET, {v['opt']}, {a.get('value')}))"
            )
        elif op.verb == "poll":
            events = v["events"]
            body.append(
                f"show({n}, 'poll', lambda: (lambda p: (p.register({end}.fileno(), {events}), 'revents=0x%x' % "
                f"dict(p.poll(0)).get({end}.fileno(), 0))[1])(select.poll()))"
            )
        elif op.verb == "fdflags":
            waived = a.get("show") == "nonblock"  # FD_CLOEXEC the suite waived (PEP 446) is printed as such
            shown = "(not compared: PEP 446)" if waived else "%d"
            arg = "" if waived else f", bool(fcntl.fcntl({end}.fileno(), fcntl.F_GETFD) & fcntl.FD_CLOEXEC)"
            body.append(
                f"show({n}, 'fdflags', lambda: 'nonblock=%d cloexec={shown}' % "
                f"(bool(fcntl.fcntl({end}.fileno(), fcntl.F_GETFL) & os.O_NONBLOCK){arg}))"
            )
        elif op.verb != "reset":
            body.append(f"print('{n} {op.verb}: skipped (not reproduced standalone)')")
    doc = "\n".join(header)
    return (
        f'#!/usr/bin/env python3\n"""{doc}\n\nRun: python3 THIS_FILE (from a directory where the factory imports)\n"""\n\nFACTORY = {factory!r}\n{_PY_PRELUDE}\n\n'
        + "\n".join(body)
        + "\n"
    )


def _py_anc(spec: str) -> str:
    items = []
    for item in filter(None, spec.split(";")):
        if item.startswith("rights:"):
            fds = ", ".join(f"fd_of({name!r})" for name in filter(None, item[7:].split(",")))
            items.append(f"(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [{fds}]).tobytes())")
        elif item == "creds":
            items.append(
                "(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, struct.pack('iII', os.getpid(), os.getuid(), os.getgid()))"
            )
        elif item.startswith("raw:"):
            level, kind, data = item[4:].split(":")
            items.append(f"({level}, {kind}, bytes.fromhex({data!r}))")
    return "[" + ", ".join(items) + "]"
