"""A receive step in the standalone reproducers: the system call in C, the implementation's method in Python.

Both programs print ``N VIA: ok ret=... msg_flags=0x... anc=... data=...``
(plus `` addr=...`` where the call returns one) with the system call's name,
also where Python calls a method that makes it, and both print what the suite
compared: a method that cannot see a truncated datagram's full length
(``recvmsg``, ``recv_fds``) has ``ret`` clamped in C too, and ``recv_fds``'s
descriptors are all its ``anc`` shows (the prelude's ``received``, mode bits).
"""

from __future__ import annotations

import socket

from ...spec.ctrl_units import c_expression, py_expression
from ...spec.protocol import Op
from ..views import by_method
from .python import arguments, method_of

CLAMP_RET, RIGHTS_ONLY = 1, 2


def _via(op: Op) -> str:
    return op.get("via") or "recvmsg"


def _mode(op: Op) -> int:
    method = op.get("method")
    if not method:
        return 0
    return (0 if by_method("recv", method).full_ret else CLAMP_RET) | (RIGHTS_ONLY if method == "recv_fds" else 0)


def _named(op: Op) -> bool:
    return _via(op) == "recvfrom" or (_via(op) == "recvmsg" and op.get("name") == "1")


def c_lines(n: int, op: Op) -> list[str]:
    flags, size, ctrl, iov = arguments(op)
    room = c_expression(op.get("ctrl", "0"))  # this ABI's bytes, whatever the ABI (spec/ctrl_units.py)
    end, via = f"ends[{op.get('end', '0')}]", _via(op)
    vlen = int(op.get("vlen", "1"))
    block = [
        f"static char data[{max(size * vlen, 1)}];"
        f" static union {{ char buf[{max(ctrl, 1)} + 64]; struct cmsghdr align; }} ctl; (void)ctl;",
        f"static struct iovec iov[{len(iov)}]; size_t at = 0; static size_t sizes[] = {{{', '.join(map(str, iov))}}};",
        f"for (int i = 0; i < {len(iov)}; i++)"
        " { iov[i].iov_base = data + at; iov[i].iov_len = sizes[i]; at += sizes[i]; }",
        f"struct msghdr m = {{0}}; m.msg_iov = iov; m.msg_iovlen = {len(iov)};"
        f" m.msg_control = {'ctl.buf' if ctrl else 'NULL'}; m.msg_controllen = {room};",
        "struct sockaddr_un sa; socklen_t salen = sizeof sa; memset(&sa, 0, sizeof sa); (void)salen; (void)m;",
    ]
    if via == "recvmsg" and op.get("name") == "1":
        block.append("m.msg_name = &sa; m.msg_namelen = salen;")
    if via == "recvmmsg":
        return [*block, *_c_mmsg(n, op, end, flags, size, vlen)]
    calls = {
        "recvmsg": f"recvmsg({end}, &m, {flags})",
        "recv": f"recv({end}, data, {size}, {flags})",
        "recvfrom": f"recvfrom({end}, data, {size}, {flags}, (struct sockaddr *)&sa, &salen)",
        "read": f"read({end}, data, {size})",
        "readv": f"readv({end}, iov, {len(iov)})",
        "splice": f"spliced({end}, data, {size}, {'SPLICE_F_NONBLOCK' if flags else '0'})",
    }
    address = "show_addr(&sa, m.msg_namelen); " if via == "recvmsg" else "show_addr(&sa, salen); "
    leaked = 'printf(" leaked=%d", open_fd_count() - before); '
    finish = f'{{ {address if _named(op) else ""}{leaked}printf("\\n"); }}'
    receive = (
        f'int before = open_fd_count(); arm({n}, "{via}"); ssize_t r = {calls[via]}; alarm(0);'
        f' if (received({n}, "{via}", r, &m, iov, {len(iov)}, {size}, {_mode(op)})) {finish}'
    )
    if op.has("nofile") or op.has("fdnums"):  # protocol version 2: H16, H4
        fit = int(op.get("nofile") or 0)
        limit = (
            "struct rlimit lowered = old; lowered.rlim_cur = (rlim_t)"
            f"({fit} > 0 ? free_fds[{fit} - 1] + 1 : free_fds[0]); setrlimit(RLIMIT_NOFILE, &lowered);"
        )
        block.append(
            "int free_fds[512]; lowest_free_fds(free_fds); struct rlimit old; getrlimit(RLIMIT_NOFILE, &old);"
            + (f" {limit}" if op.has("nofile") else "")
        )
        restore = " setrlimit(RLIMIT_NOFILE, &old);" if op.has("nofile") else ""
        low = " int low = took_lowest(&m, free_fds);" if op.has("fdnums") else ""
        receive = receive.replace(" alarm(0);", f" alarm(0);{restore}{low}", 1)
        if op.has("fdnums"):
            # "-" when none arrived, as the protocol (and the Python reproducer) says it
            lowest = 'if (low < 0) printf(" lowest=-"); else printf(" lowest=%d", low); '
            receive = receive.replace(leaked, leaked + lowest, 1)
    if op.get("in") == "child":  # the article's setting: the descriptors arrive in a forked child
        return [*block, f"pid_t pid = fork(); if (pid == 0) {{ {receive} _exit(0); }} waitpid(pid, NULL, 0);"]
    return [*block, receive]


def _c_mmsg(n: int, op: Op, end: str, flags: int, size: int, vlen: int) -> list[str]:
    timeout = op.get("timeout")
    spec = "NULL"
    lines = [f"static struct mmsghdr mm[{vlen}]; static struct iovec one[{vlen}];"]
    if timeout:
        ms = int(timeout)
        lines.append(
            f"struct timespec ts = {{ {int(ms / 1000)}, {int(ms % 1000 if ms >= 0 else -(-ms % 1000))} * 1000000L }};"
        )
        spec = "&ts"
    lines += [
        f"for (int i = 0; i < {vlen}; i++) {{ one[i].iov_base = data + (size_t)i * {size}; one[i].iov_len = {size};"
        " mm[i].msg_hdr.msg_iov = &one[i]; mm[i].msg_hdr.msg_iovlen = 1; }",
        f'arm({n}, "recvmmsg"); int r = recvmmsg({end}, mm, {vlen}, {flags}, {spec}); alarm(0);',
        f'if (r < 0) fail({n}, "recvmmsg"); else {{ printf("{n} recvmmsg: ok ret=%d", r);',
        '  for (int i = 0; i < r; i++) { printf(i ? "," : " lens="); printf("%u", mm[i].msg_len); }',
        f'  for (int i = 0; i < r; i++) {{ printf(i ? "," : " data=");'
        f' for (unsigned j = 0; j < mm[i].msg_len && j < {size}; j++) printf("%02x", (unsigned char)data[i * {size} + j]); }}',
        '  printf("\\n"); }',
    ]
    return lines


def py_lines(n: int, op: Op) -> list[str]:
    flags, size, ctrl, iov = arguments(op)
    end, method = f"end({op.get('end', '0')})", method_of(op)
    via = by_method("recv", method).via  # the system call the method makes: the name both programs print
    named = method in ("recvfrom", "recvfrom_into") or (op.get("name") == "1" and via == "recvmsg")
    address = ", addr=r[{}]" if named else ""
    maxfds = max(0, (ctrl - socket.CMSG_LEN(0)) // 4)
    ctrl_text = py_expression(op.get("ctrl", "0"))
    # (call, how its result r becomes the printed fields)
    forms = {
        "recvmsg_into": (
            f"{end}.recvmsg_into(bufs, {ctrl_text}, {flags})",
            f"shown(r[0], b''.join(bufs), {size}, r[2], describe(r[1]){address.format(3)})",
        ),
        "recvmsg": (
            f"{end}.recvmsg({size}, {ctrl_text}, {flags})",
            f"shown(len(r[0]), r[0], {size}, r[2], describe(r[1]){address.format(3)})",
        ),
        "recv_fds": (
            f"socket.recv_fds({end}, {size}, {maxfds})",
            f"shown(len(r[0]), r[0], {size}, r[2], fds_text(r[1]){address.format(3)})",
        ),
        "recv_into": (f"{end}.recv_into(bufs[0], {size}, {flags})", f"shown(r, bufs[0], {size})"),
        "recv": (f"{end}.recv({size}, {flags})", f"shown(len(r), r, {size})"),
        "makefile": (f"read_some({end}, {size})", f"shown(len(r), r, {size})"),
        "recvfrom": (f"{end}.recvfrom({size}, {flags})", f"shown(len(r[0]), r[0], {size}, addr=r[1])"),
        "recvfrom_into": (
            f"{end}.recvfrom_into(bufs[0], {size}, {flags})",
            f"shown(r[0], bufs[0], {size}, addr=r[1])",
        ),
    }
    call, fields = forms[method]
    lowest = ""
    if (op.has("fdnums") or op.has("nofile")) and method in ("recvmsg", "recvmsg_into"):  # H4, H16
        call = f"numbered(lambda: {call}, {op.get('nofile') or None})"
        lowest = " + ' lowest=%s' % numbered.lowest" if op.has("fdnums") else ""
    step = f"show({n}, {via!r}, lambda b=open_fd_count(): (lambda r: {fields})({call}) + leaked_since(b){lowest})"
    lines = [f"bufs = [bytearray(n) for n in {iov}]"]
    if op.get("in") == "child":  # the article's setting: the descriptors arrive in a forked child
        return [*lines, f"in_child(lambda: {step})"]
    return [*lines, step]
