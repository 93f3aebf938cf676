"""A driver with one bug, the one a new user's driver had: two reply fields in swapped order.

``python swapped_fields_driver.py`` proxies docs/protocol.md to the real reference
driver and answers every ``fdflags`` request with the values of ``nonblock`` and
``cloexec`` exchanged (a struct's members printed in the wrong order).  One cause:
tests/quality/test_findings.py asserts the run reports it as one finding, however
many signatures (types, which flag is set) it shows as.
"""

from __future__ import annotations

import subprocess
import sys

from conformance.impl.build import program


def swapped(reply: bytes) -> bytes:
    tokens = reply.rstrip(b"\n").split(b" ")
    values = {t.split(b"=", 1)[0]: t.split(b"=", 1)[1] for t in tokens[2:] if b"=" in t}
    if tokens[1:2] != [b"ok"] or not {b"nonblock", b"cloexec"} <= set(values):
        return reply
    values[b"nonblock"], values[b"cloexec"] = values[b"cloexec"], values[b"nonblock"]
    return b" ".join(tokens[:2] + [k + b"=" + v for k, v in values.items()]) + b"\n"


def main() -> None:
    driver = subprocess.Popen([str(program("driver"))], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert driver.stdin is not None and driver.stdout is not None
    out = sys.stdout.buffer
    for request in sys.stdin.buffer:
        driver.stdin.write(request)
        driver.stdin.flush()
        reply = driver.stdout.readline()
        if not reply:
            break
        verb = request.split(b" ", 2)[1:2]
        out.write(swapped(reply) if verb == [b"fdflags"] else reply)
        out.flush()
    driver.stdin.close()
    driver.wait()


if __name__ == "__main__":
    main()
