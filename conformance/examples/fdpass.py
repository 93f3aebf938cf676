"""fdpass: pass an open file to a forked child with SCM_RIGHTS (see reference_c/fdpass.c)."""

from __future__ import annotations

import array
import os
import socket
import sys
import tempfile
from typing import NoReturn

from ._common import SOCKET_TYPES, argv_bytes, err_line, escape, finish, out, perror, usage_exit

USAGE = "usage: fdpass [-t stream|dgram|seqpacket] [TEXT]"
REPLY = b"child was here"
MAX_TEXT = 65536
INT_SIZE = array.array("i").itemsize


def die(what: str, exc: OSError) -> NoReturn:
    perror(what, exc)
    sys.stdout.buffer.flush()
    os._exit(1)


def send_fd(sock: socket.socket, fd: int) -> None:
    # A stream drops fds sent with zero bytes of data, so one byte goes along.
    rights = array.array("i", [fd]).tobytes()
    try:
        sock.sendmsg([b"F"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, rights)])
    except OSError as exc:
        die("sendmsg()", exc)


def recv_fd(sock: socket.socket) -> int:
    try:
        _, ancdata, _, _ = sock.recvmsg(1, socket.CMSG_SPACE(INT_SIZE))
    except OSError as exc:
        die("recvmsg()", exc)
    if len(ancdata) != 1 or ancdata[0][:2] != (socket.SOL_SOCKET, socket.SCM_RIGHTS) or len(ancdata[0][2]) != INT_SIZE:
        err_line("recvmsg(): no descriptor received")
        os._exit(1)
    return array.array("i", ancdata[0][2])[0]


def read_rest(fd: int) -> bytes:
    got = b""
    while len(got) < MAX_TEXT + 1:
        try:
            chunk = os.read(fd, MAX_TEXT + 1 - len(got))
        except OSError as exc:
            die("read()", exc)
        if not chunk:
            break
        got += chunk
    return got


def child(sock: socket.socket) -> NoReturn:
    fd = recv_fd(sock)
    got = read_rest(fd)
    out(("子进程: 收到描述符\n子进程: 读取数据: ").encode() + escape(got) + b"\n")
    out("子进程: 写入数据: ".encode() + REPLY + b"\n")
    try:
        os.write(fd, REPLY)
    except OSError as exc:
        die("write()", exc)
    sys.stdout.buffer.flush()
    os._exit(0)


def main() -> None:
    args = argv_bytes()
    sock_type, text = socket.SOCK_STREAM, b"hello from the parent"
    if args[:1] == [b"-t"]:
        if len(args) < 2 or args[1] not in SOCKET_TYPES:
            usage_exit("fdpass", USAGE)
        sock_type = SOCKET_TYPES[args[1]]
        args = args[2:]
    if len(args) > 1:
        usage_exit("fdpass", USAGE)
    if args:
        text = args[0]
    if len(text) > MAX_TEXT:
        usage_exit("fdpass", USAGE)

    try:
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, sock_type, 0)
    except OSError as exc:
        perror("socketpair()", exc)
        finish(1)
    directory = os.environ.get("TMPDIR") or "/tmp"
    try:
        fd, path = tempfile.mkstemp(prefix="fdpass-", dir=directory)
    except OSError as exc:
        perror("mkstemp()", exc)
        finish(1)
    os.unlink(path)  # nothing is left behind, whatever happens next
    os.write(fd, text)
    os.lseek(fd, 0, os.SEEK_SET)
    out(f"父进程: 写入文件 {len(text)} 字节\n")
    sys.stdout.buffer.flush()  # nothing buffered may be duplicated into the child

    pid = os.fork()
    if pid == 0:
        parent_end.close()
        os.close(fd)  # the child must use only what it receives
        child(child_end)
    child_end.close()
    out("父进程: 发送描述符\n")
    sys.stdout.buffer.flush()  # printed before the child can possibly print
    send_fd(parent_end, fd)
    _, status = os.waitpid(pid, 0)
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        err_line("fdpass: child failed")
        finish(1)
    shared = os.lseek(fd, 0, os.SEEK_CUR)
    content = os.pread(fd, MAX_TEXT + len(REPLY) + 1, 0)
    out(f"父进程: 共享偏移: {shared}\n")
    out("父进程: 文件内容: ".encode() + escape(content) + b"\n")
    finish(0)


if __name__ == "__main__":
    main()
