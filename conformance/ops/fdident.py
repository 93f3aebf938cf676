"""Objects with known identities, and what a received descriptor *is*.

The Python twin of reference_c/op_objects.c; see there for the theory.
A received fd is described as ``NAME/ACCESS/OFD/CLOEXEC``: which named object
has its inode (access mode tells a pipe's ends apart), whether it shares that
object's open file description, and whether FD_CLOEXEC is set.
"""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
from typing import Optional

from ..spec.constants import exported

_ACCMODE = exported(os, "O_ACCMODE")  # the suite's own decoding: Linux's number

BAD_FD = 1 << 20  # never open: sending it must fail with EBADF


class Objects:
    def __init__(self) -> None:
        self.fds: dict[str, int] = {}

    def create(self, name: str, kind: str, data: bytes, cloexec: bool) -> None:
        if kind in ("file", "rofile"):
            fd = _unnamed_file()
            os.write(fd, data)
            os.lseek(fd, 0, os.SEEK_SET)
            if kind == "rofile":
                readonly = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY)
                os.close(fd)
                fd = readonly
            made = {name: fd}
        elif kind == "devnull":
            made = {name: os.open(os.devnull, os.O_RDWR)}
        elif kind == "pipe":
            r, w = os.pipe()
            if data:
                os.write(w, data)
            made = {f"{name}.r": r, f"{name}.w": w}
        else:
            raise ValueError(f"unknown object kind {kind}")
        for key, fd in made.items():
            os.set_inheritable(fd, not cloexec)  # PEP 446 made it cloexec; C does not
            self.fds[key] = fd

    def close_all(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()

    def describe(self, fd: int, ends: dict[str, Optional[int]]) -> str:
        try:
            st = os.fstat(fd)
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
            fd_flags = fcntl.fcntl(fd, fcntl.F_GETFD)
        except OSError:
            return "?invalid/-/-/-"
        mode = flags & _ACCMODE
        access = {os.O_RDONLY: "r", os.O_WRONLY: "w"}.get(mode, "rw")
        name, original = None, None
        candidates = [*self.fds.items(), *((k, v) for k, v in ends.items() if v is not None)]
        for cand_name, cand in candidates:
            cst = os.fstat(cand)
            if (cst.st_dev, cst.st_ino) != (st.st_dev, st.st_ino):
                continue
            same_access = fcntl.fcntl(cand, fcntl.F_GETFL) & _ACCMODE == mode
            if name is not None and not same_access:
                continue
            name, original = cand_name, cand
            if same_access:
                break
        ofd = "-" if original is None else ("same-ofd" if _shares_ofd(fd, original) else "other-ofd")
        cloexec = "cloexec" if fd_flags & fcntl.FD_CLOEXEC else "-"
        return f"{name or _unknown_kind(st.st_mode)}/{access}/{ofd}/{cloexec}"


def _unnamed_file() -> int:
    """An O_TMPFILE file: a KeyboardInterrupt can land anywhere and there is no
    name to leave behind.  Filesystems without it get a named file unlinked at once."""
    try:
        return os.open(tempfile.gettempdir(), exported(os, "O_TMPFILE") | os.O_RDWR, 0o600)
    except OSError:  # a filesystem without O_TMPFILE
        fd, path = tempfile.mkstemp(prefix="spc-obj-")
        os.unlink(path)
        return fd


def _shares_ofd(fd: int, original: int) -> bool:
    """Flip O_NONBLOCK on the original and look through fd; then restore."""
    flags = fcntl.fcntl(original, fcntl.F_GETFL)
    fcntl.fcntl(original, fcntl.F_SETFL, flags ^ os.O_NONBLOCK)
    try:
        seen = fcntl.fcntl(fd, fcntl.F_GETFL)
    finally:
        fcntl.fcntl(original, fcntl.F_SETFL, flags)
    return bool(seen & os.O_NONBLOCK) == bool((flags ^ os.O_NONBLOCK) & os.O_NONBLOCK)


def _unknown_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISREG, "?file"),
        (stat.S_ISFIFO, "?pipe"),
        (stat.S_ISSOCK, "?sock"),
        (stat.S_ISCHR, "?chr"),
    ):
        if test(mode):
            return kind
    return "?other"


def open_fds() -> set[int]:
    # the listing's own directory fd is in the listing; keep only fds still open after it.
    # Not a bare listing: a received descriptor takes the lowest free number, the one the
    # listing before the receive used for itself, so a set difference would miss it.
    return {int(fd) for fd in os.listdir("/proc/self/fd") if os.path.exists(f"/proc/self/fd/{fd}")}


def close_pidfds(fds: set[int]) -> None:
    """Close the pidfds among ``fds``: what a receive left open that only the kernel can
    have made (an SCM_PIDFD an implementation dropped, docs/findings.md 19), so that a
    deviation counted once does not hold a descriptor for the rest of the run.  Other
    new descriptors may be the implementation's own (an event loop's epoll): never ours
    to close."""
    for fd in fds:
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == "anon_inode:[pidfd]":
                os.close(fd)
        except OSError:
            pass


def describe_pidfd(fd: int, pid: int, ppid: int) -> str:
    """``pidfd:self``, ``pidfd:parent`` or ``pidfd:other``: whose process a pidfd refers to
    (the ``Pid:`` line of its fdinfo); the caller closes it."""
    owner = -1
    with open(f"/proc/self/fdinfo/{fd}") as info:
        for line in info:
            if line.startswith("Pid:"):
                owner = int(line.split()[1])
    return "pidfd:" + ("self" if owner == pid else "parent" if owner == ppid else "none" if owner < 0 else "other")
