"""A driver that misbehaves on purpose: ``python hostile_driver.py MODE [AFTER]``.

It proxies docs/protocol.md to the real reference driver and, after AFTER
requests (default 40, so that some examples have passed: "mid-run"), does the
one thing MODE names.  tests/quality/test_hostile.py asserts that the suite
reports each with the right result kind, within seconds, and carries on.

Modes: crash_at_start, segv, exit, garbage, truncated, wrong_seq,
stderr_noise (behaves, but floods stderr), blocks_forever, caps_lie (claims
seqpacket, then refuses it), version_mismatch.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from conformance.impl.build import program


def main() -> None:
    mode = sys.argv[1]
    after = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    if mode == "crash_at_start":
        sys.exit(3)
    driver = subprocess.Popen([str(program("driver"))], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert driver.stdin is not None and driver.stdout is not None
    out = sys.stdout.buffer
    for count, request in enumerate(sys.stdin.buffer):
        seq, _, rest = request.partition(b" ")
        if mode == "caps_lie" and b"type=seqpacket" in rest:
            out.write(seq + b" bad why=seqpacket is not implemented\n")
            out.flush()
            continue
        driver.stdin.write(request)
        driver.stdin.flush()
        reply = driver.stdout.readline()
        if count == 0:
            if mode == "version_mismatch":
                reply = reply.replace(b"version=2", b"version=7", 1)
            if mode == "caps_lie":
                assert b"seqpacket" in reply
        elif count >= after:
            misbehave(mode, seq, reply)
        if mode == "stderr_noise":
            sys.stderr.write("noise " * 10000 + "\n")  # 60 KB per reply: a pipe would fill
            sys.stderr.flush()
        out.write(reply)
        out.flush()


def misbehave(mode: str, seq: bytes, reply: bytes) -> None:
    out = sys.stdout.buffer
    if mode == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif mode == "exit":
        os._exit(0)
    elif mode == "garbage":
        out.write(b"\x1b[31mPANIC: everything is fine\x1b[0m\n")
        out.flush()
    elif mode == "truncated":
        out.write(reply[: len(reply) // 2])
        out.flush()
        os._exit(0)
    elif mode == "wrong_seq":
        out.write(str(int(seq) + 1).encode() + reply[len(seq) :])
        out.flush()
    elif mode == "blocks_forever":
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
