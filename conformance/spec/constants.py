"""Linux's values for the constants an interpreter may not export (PyPy's ``socket``
has no MSG_NOSIGNAL, SO_PASSCRED, SO_PEERCRED, SCM_CREDENTIALS or MSG_CMSG_CLOEXEC;
its ``os`` no O_ACCMODE or O_TMPFILE; its ``select`` no EPOLLRDHUP).

``exported(module, NAME)`` is the module's value where it has one, else Linux's
value wrapped as :class:`Lacking`, an ``int`` that remembers the name.  The
suite's own bookkeeping (decoding F_GETFL, masks, comparing a cmsg's type) uses
it as the number it is; a step that asks the implementation for it through a
name table (``names.lookup``) is refused as *unsupported*, saying which constant
this interpreter lacks: never a deviation, never the suite crashing at import.
"""

from __future__ import annotations

import types

LINUX = {
    "MSG_NOSIGNAL": 0x4000,
    "MSG_CMSG_CLOEXEC": 0x40000000,
    "MSG_WAITFORONE": 0x10000,
    "SO_PASSCRED": 16,
    "SO_PEERCRED": 17,
    "SO_DOMAIN": 39,
    "SO_PROTOCOL": 38,
    "SCM_CREDENTIALS": 2,
    "O_ACCMODE": 0o3,
    "O_TMPFILE": 0o20200000,
    "EPOLLRDHUP": 0x2000,
}


class Lacking(int):
    """Linux's value of a constant this interpreter's module does not export."""

    where: str

    def __new__(cls, value: int, where: str) -> Lacking:
        made = super().__new__(cls, value)
        made.where = where
        return made


def exported(module: types.ModuleType, name: str) -> int:
    value = getattr(module, name, None)
    if isinstance(value, int):
        return value
    return Lacking(LINUX[name], f"{module.__name__}.{name}")


def refuse_if_lacking(value: int) -> int:
    """For a value about to be given to the implementation: refuse what the interpreter lacks."""
    if isinstance(value, Lacking):
        raise NotImplementedError(f"this interpreter has no {value.where}")
    return value
