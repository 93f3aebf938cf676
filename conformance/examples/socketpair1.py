"""socketpair1: the article's parent/child ping-pong (see reference_c/socketpair1.c)."""

from __future__ import annotations

import os
import socket
import struct
import sys

from ._common import (
    INT32_MAX,
    INT32_MIN,
    SOCKET_TYPES,
    argv_bytes,
    err_line,
    finish,
    out,
    parse_int,
    perror,
    usage_exit,
    wrap_increment,
)

USAGE = "usage: socketpair1 [-t stream|dgram|seqpacket] ROUNDS [START]"
MAX_ROUNDS = 1000000
COUNTER = struct.Struct("=i")  # a native int, as the C program writes it


def xfer(sock: socket.socket, value: int, sending: bool) -> int:
    """Send or receive exactly one counter; a stream may split it."""
    if sending:
        data = COUNTER.pack(value)
        while data:
            try:
                data = data[sock.send(data) :]
            except OSError as exc:
                perror("write()", exc)
                raise
        return value
    got = b""
    while len(got) < COUNTER.size:
        try:
            chunk = sock.recv(COUNTER.size - len(got))
        except OSError as exc:
            perror("read()", exc)
            raise
        if not chunk:
            err_line("read(): unexpected end of file")
            raise EOFError
        got += chunk
    received: int = COUNTER.unpack(got)[0]
    return received


def main() -> None:
    args = argv_bytes()
    sock_type = socket.SOCK_STREAM
    if args[:1] == [b"-t"]:
        if len(args) < 2 or args[1] not in SOCKET_TYPES:
            usage_exit("socketpair1", USAGE)
        sock_type = SOCKET_TYPES[args[1]]
        args = args[2:]
    if not 1 <= len(args) <= 2:
        usage_exit("socketpair1", USAGE)
    rounds = parse_int(args[0], 0, MAX_ROUNDS)
    start = parse_int(args[1], INT32_MIN, INT32_MAX) if len(args) == 2 else 0
    if rounds is None or start is None:
        usage_exit("socketpair1", USAGE)

    try:
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, sock_type, 0)
    except OSError as exc:
        perror("socketpair()", exc)
        finish(1)
    sys.stdout.buffer.flush()  # nothing buffered may be duplicated into the child
    pid = os.fork()
    if pid == 0:
        parent_end.close()
        code = 0
        try:
            for _ in range(rounds):
                value = xfer(child_end, 0, sending=False)
                xfer(child_end, wrap_increment(value), sending=True)
        except (OSError, EOFError):
            code = 1
        os._exit(code)
    child_end.close()
    value, failed = start, False
    for _ in range(rounds):
        value = wrap_increment(value)
        out(f"发送数据: {value}\n")
        try:
            xfer(parent_end, value, sending=True)
            value = xfer(parent_end, 0, sending=False)
        except (OSError, EOFError):
            failed = True
            break
        out(f"接收数据: {value}\n")
    parent_end.close()  # a failed parent unblocks a stream child with EOF
    _, status = os.waitpid(pid, 0)
    if not failed and not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        err_line("socketpair1: child failed")
        failed = True
    finish(1 if failed else 0)


if __name__ == "__main__":
    main()
