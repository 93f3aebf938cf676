"""A send step in the standalone reproducers: the system call in C, the implementation's method in Python.

Both programs print the step as ``N VIA: ok ret=...`` (the system call's name,
also where Python calls a method that makes it), so their outputs line up.
"""

from __future__ import annotations

from ...spec.protocol import Op
from ..source import c_bytes, c_literal, py_byte_list, py_bytes
from .python import address_of, flags_of, method_of, pieces_of


def _via(op: Op) -> str:
    return op.get("via") or "sendmsg"


def _c_address(spec: str) -> list[str]:
    """A struct sockaddr_un sa and its length salen, as CPython builds the same address."""
    if not spec:
        return ["struct sockaddr_un *to = NULL; socklen_t salen = 0;"]
    name = address_of(spec)
    raw = name.encode() if isinstance(name, str) else name
    return [
        "static struct sockaddr_un sa; sa.sun_family = AF_UNIX;",
        f"memcpy(sa.sun_path, {c_literal(raw)}, {len(raw)});",
        f"struct sockaddr_un *to = &sa; socklen_t salen = offsetof(struct sockaddr_un, sun_path) + {len(raw)};",
    ]


def c_lines(n: int, op: Op) -> list[str]:
    flags, pieces, end, via = flags_of(op), pieces_of(op), f"ends[{op.get('end', '0')}]", _via(op)
    report = f'if (r < 0) fail({n}, "{via}"); else printf("{n} {via}: ok ret=%zd\\n", r);'
    if via in ("send", "sendto", "write", "sendall", "splice"):  # one contiguous buffer
        text, length = c_bytes((pieces or [""])[0])
        block = [f"const char *buf = {text}; size_t len = {length}; (void)buf;"]
        if via == "send":
            call = [f"ssize_t r = send({end}, buf, len, {flags});"]
        elif via == "write":
            call = [f"ssize_t r = write({end}, buf, len);"]
        elif via == "sendto":
            block += _c_address(op.get("to"))
            call = [f"ssize_t r = sendto({end}, buf, len, {flags}, (struct sockaddr *)to, salen);"]
        elif via == "sendall":  # what Python's sendall does: send(2) until all of it went
            call = [
                "ssize_t r; size_t done = 0;",
                f"do {{ r = send({end}, buf + done, len - done, {flags}); if (r > 0) done += (size_t)r; }}"
                " while (r >= 0 && done < len);",
                "if (r >= 0) r = (ssize_t)done;",
            ]
        else:  # splice: the bytes into a pipe, then the pipe into the socket
            nonblock = "SPLICE_F_NONBLOCK" if flags else "0"
            call = [
                "int p[2]; if (pipe(p) != 0 || write(p[1], buf, len) != (ssize_t)len) exit(1);",
                f"ssize_t r = splice(p[0], NULL, {end}, NULL, len, {nonblock}); close(p[0]); close(p[1]);",
            ]
        return [*block, f'arm({n}, "{via}");', *call, "alarm(0);", report]
    block = [f"static struct iovec iov[{max(len(pieces), 1)}];"]
    for i, piece in enumerate(pieces):
        text, length = c_bytes(piece)
        block.append(f"iov[{i}].iov_base = (void *){text}; iov[{i}].iov_len = {length};")
    if via == "writev":
        return [*block, f'arm({n}, "writev"); ssize_t r = writev({end}, iov, {len(pieces)}); alarm(0);', report]
    if via == "sendmmsg":  # one message per piece
        return [
            *block,
            f"static struct mmsghdr mm[{max(len(pieces), 1)}];",
            f"for (int i = 0; i < {len(pieces)}; i++) {{ mm[i].msg_hdr.msg_iov = &iov[i]; mm[i].msg_hdr.msg_iovlen = 1; }}",
            f'arm({n}, "sendmmsg"); ssize_t r = sendmmsg({end}, mm, {len(pieces)}, {flags}); alarm(0);',
            report,
        ]
    block.append("union { char buf[4096]; struct cmsghdr align; } ctl;")
    block.append("memset(&ctl, 0, sizeof ctl);")
    block.append(f"struct msghdr m = {{0}}; m.msg_iov = iov; m.msg_iovlen = {len(pieces)};")
    block += _c_anc(op.get("anc"))
    return [*block, f'arm({n}, "sendmsg"); ssize_t r = sendmsg({end}, &m, {flags}); alarm(0);', report]


def py_lines(n: int, op: Op) -> list[str]:
    flags, pieces, end = flags_of(op), pieces_of(op), f"end({op.get('end', '0')})"
    method = method_of(op)
    via = _via(op)  # the system call the method makes: the name both programs print
    data = py_bytes("".join(pieces))
    if method == "sendmsg":
        call = f"{end}.sendmsg({py_byte_list(pieces)}, {_py_anc(op.get('anc'))}, {flags})"
    elif method == "send_fds":  # the stdlib function, calling the implementation's sendmsg
        fds = ", ".join(
            f"fd_of({name!r})" for item in op.get("anc").split(";") for name in filter(None, item[7:].split(","))
        )
        call = f"socket.send_fds({end}, {py_byte_list(pieces)}, [{fds}])"
    elif method == "send":
        call = f"{end}.send({data}, {flags})"
    elif method == "sendall":
        call = f"({end}.sendall({data}, {flags}), {len(bytes.fromhex(''.join(pieces)))})[1]"
    elif method == "sendto":
        call = f"{end}.sendto({data}, {flags}, {address_of(op.get('to'))!r})"
    else:  # makefile: a raw writer, whose None is EAGAIN
        call = f"written({end}, {data})"
    return [f"show({n}, {via!r}, lambda: 'ret=%d' % {call})"]


def _c_anc(spec: str) -> list[str]:
    lines = ["size_t used = 0;"]
    for item in filter(None, spec.split(";")):
        if item.startswith("rights:"):
            fds = [f'fd_of("{name}")' for name in filter(None, item[7:].split(","))]
            lines.append(f"{{ int fds[] = {{{', '.join(fds) or '0'}}}; size_t k = {len(fds)};")
            lines.append(
                "  struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used);"
                " c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS;"
            )
            lines.append(
                "  c->cmsg_len = CMSG_LEN(k * sizeof(int)); memcpy(CMSG_DATA(c), fds, k * sizeof(int));"
                " used += CMSG_SPACE(k * sizeof(int)); }"
            )
        elif item in ("creds", "creds:parent", "creds:nopid"):
            pid = {"creds": "getpid()", "creds:parent": "getppid()"}.get(item, "0x3ffffff0")
            lines.append(f"{{ struct ucred u = {{ {pid}, getuid(), getgid() }};")
            lines.append(
                "  struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used);"
                " c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_CREDENTIALS;"
            )
            lines.append(
                "  c->cmsg_len = CMSG_LEN(sizeof u); memcpy(CMSG_DATA(c), &u, sizeof u);"
                " used += CMSG_SPACE(sizeof u); }"
            )
        elif item.startswith(("rightsbytes:", "credsbytes:")):  # the first N bytes, zero-padded
            kind, count, *rest = item.split(":")
            fds = [f'fd_of("{name}")' for name in filter(None, (rest[0] if rest else "").split(","))]
            source = (
                f"int fds[] = {{{', '.join(fds) or '0'}}};"
                if kind == "rightsbytes"
                else "struct ucred fds[1] = { { getpid(), getuid(), getgid() } };"
            )
            cmsg_type = "SCM_RIGHTS" if kind == "rightsbytes" else "SCM_CREDENTIALS"
            lines.append(
                f"{{ {source} unsigned char part[520]; memset(part, 0xff, sizeof part); size_t n = {int(count)};"
            )
            lines.append("  memcpy(part, fds, n < sizeof fds ? n : sizeof fds);")
            lines.append(
                "  struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used);"
                f" c->cmsg_level = SOL_SOCKET; c->cmsg_type = {cmsg_type};"
            )
            lines.append("  c->cmsg_len = CMSG_LEN(n); memcpy(CMSG_DATA(c), part, n); used += CMSG_SPACE(n); }")
        elif item.startswith("raw:"):
            level, kind, data = item[4:].split(":")
            text, length = c_bytes(data)
            lines.append(
                f"{{ struct cmsghdr *c = (struct cmsghdr *)(ctl.buf + used);"
                f" c->cmsg_level = {level}; c->cmsg_type = {kind};"
            )
            lines.append(
                f"  c->cmsg_len = CMSG_LEN({length}); memcpy(CMSG_DATA(c), {text}, {length});"
                f" used += CMSG_SPACE({length}); }}"
            )
    lines.append("if (used) { m.msg_control = ctl.buf; m.msg_controllen = used; }")
    return lines


def _py_anc(spec: str) -> str:
    items = []
    for item in filter(None, spec.split(";")):
        if item.startswith("rights:"):
            fds = ", ".join(f"fd_of({name!r})" for name in filter(None, item[7:].split(",")))
            items.append(f"(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [{fds}]).tobytes())")
        elif item in ("creds", "creds:parent", "creds:nopid"):
            pid = {"creds": "os.getpid()", "creds:parent": "os.getppid()"}.get(item, "0x3FFFFFF0")
            creds = f"struct.pack('iII', {pid}, os.getuid(), os.getgid())"
            items.append(f"(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, {creds})")
        elif item.startswith(("rightsbytes:", "credsbytes:")):  # the first N bytes, zero-padded
            kind, count, *rest = item.split(":")
            fds = ", ".join(f"fd_of({name!r})" for name in filter(None, (rest[0] if rest else "").split(",")))
            full = (
                f"array.array('i', [{fds}]).tobytes()"
                if kind == "rightsbytes"
                else "struct.pack('iII', os.getpid(), os.getuid(), os.getgid())"
            )
            cmsg_type = "SCM_RIGHTS" if kind == "rightsbytes" else "SCM_CREDENTIALS"
            items.append(
                f"(socket.SOL_SOCKET, socket.{cmsg_type}, {full}[:{int(count)}].ljust({int(count)}, b'\\xff'))"
            )
        elif item.startswith("raw:"):
            level, kind, data = item[4:].split(":")
            items.append(f"({level}, {kind}, bytes.fromhex({data!r}))")
    return "[" + ", ".join(items) + "]"
