"""sendmsg: the article's sendmsg()/recvmsg() example (see reference_c/sendmsg.c)."""

from __future__ import annotations

import binascii
import socket
import sys

from ._common import SOCKET_TYPES, argv_bytes, err_line, escape, finish, out, parse_int, perror, usage_exit

USAGE = "usage: sendmsg [-t stream|dgram|seqpacket] [-s N,N,...] [-x HEX | -i | MESSAGE]"
MAX_PAYLOAD = 65536
MAX_IOV = 64


def parse_args(args: list[bytes]) -> tuple[int, list[int], bytes]:
    splits: list[int]
    sock_type, splits, payload, have_payload = socket.SOCK_STREAM, [], b"it is a test", False
    i = 0
    while i < len(args):
        arg, has_value = args[i], i + 1 < len(args)
        if arg == b"-t" and has_value:
            if args[i + 1] not in SOCKET_TYPES:
                usage_exit("sendmsg", USAGE)
            sock_type = SOCKET_TYPES[args[i + 1]]
            i += 2
        elif arg == b"-s" and has_value:
            splits = []
            for token in (t for t in args[i + 1].split(b",") if t):  # as strtok does
                value = parse_int(token, 0, MAX_PAYLOAD)
                if len(splits) == MAX_IOV - 1 or value is None:
                    usage_exit("sendmsg", USAGE)
                splits.append(value)
            if not splits:
                usage_exit("sendmsg", USAGE)
            i += 2
        elif arg == b"-x" and has_value and not have_payload:
            try:
                payload = binascii.unhexlify(args[i + 1])
            except (binascii.Error, ValueError):
                usage_exit("sendmsg", USAGE)
            have_payload = True
            i += 2
        elif arg == b"-i" and not have_payload:
            payload, have_payload = sys.stdin.buffer.read(MAX_PAYLOAD + 1), True
            i += 1
        elif not arg.startswith(b"-") and not have_payload and i == len(args) - 1:
            payload, have_payload = arg, True
            i += 1
        else:
            usage_exit("sendmsg", USAGE)
    return sock_type, splits, payload


def main() -> None:
    sock_type, splits, payload = parse_args(argv_bytes())
    if len(payload) > MAX_PAYLOAD:
        err_line(f"sendmsg: payload too large (max {MAX_PAYLOAD} bytes)")
        finish(2)
    iov, offset = [], 0
    for size in splits:
        piece = payload[offset : offset + size]
        iov.append(piece)
        offset += len(piece)
    iov.append(payload[offset:])

    try:
        sock = socket.socketpair(socket.AF_UNIX, sock_type, 0)
    except OSError as exc:
        perror("socketpair()", exc)
        finish(1)
    out("开始发送数据:\n")
    out("发送的数据为: ".encode() + escape(payload) + b"\n")
    try:
        sent = sock[1].sendmsg(iov)
    except OSError as exc:
        perror("sendmsg()", exc)
        finish(1)
    out("发送成功!\n")
    got = b""
    # An empty stream send queues nothing, so there is nothing to wait for;
    # an empty datagram is a real message.
    while sock_type != socket.SOCK_STREAM or sent > 0:
        try:
            data, _, _, _ = sock[0].recvmsg(len(payload) + 1 - len(got))
        except OSError as exc:
            perror("recvmsg()", exc)
            finish(1)
        got += data
        if sock_type != socket.SOCK_STREAM or not data or len(got) >= sent:
            break
    out("接收成功!\n")
    out("收到数据为: ".encode() + escape(got) + b"\n")
    sock[0].close()
    sock[1].close()
    finish(0)


if __name__ == "__main__":
    main()
