"""Implementation specs: the strings ``--impl`` accepts, for pytest and the CLI alike.

- ``native``: the standard library's ``socket.socketpair``.
- ``python:MODULE:ATTR``: any callable with ``socket.socketpair``'s signature.
- ``exec:COMMAND ARGS...``: any program speaking docs/protocol.md.
- ``reference``: the bundled C driver itself (the kernel, through exec:).
- a named adapter (``asyncio``, ``trio``, ...), or any name a package installed
  here registers in the ``socketpair_conformance.implementations`` entry-point
  group (``NAME = "MODULE:ATTR"``, a factory as for ``python:``), so that
  ``pip install theirs`` makes ``--impl NAME`` work.

A Python factory (``python:`` or an entry point) may say what it can do: its
``capabilities`` attribute, if set, is the set of capability names it declares
(docs/protocol.md; a library without flags leaves out ``peek``, ``oob`` ...), so
that what it lacks is *unsupported*, never a deviation; its ``concurrency``
attribute, if set, runs ``duplex`` steps (impl/concurrency.py: a green-thread
library's own).  docs/writing-an-implementation.md walks through both.
"""

from __future__ import annotations

import importlib
import os
import shlex
import shutil
import socket
import sys
from dataclasses import dataclass
from typing import Callable, Optional

from ..engine.executor import Executor
from ..errors import SetupError
from .build import program
from .concurrency import THREADS
from .exec_client import ExecExecutor
from .pyexec import ALL_CAPS, PythonExecutor, SocketFactory


@dataclass(frozen=True)
class ImplSpec:
    spec: str
    make: Callable[[], Executor]
    factory: Optional[str] = None  # MODULE:ATTR a reproducer imports (Python implementations)
    argv: Optional[tuple[str, ...]] = None  # the command (exec: implementations)


def load_callable(target: str) -> SocketFactory:
    module_name, sep, attr = target.partition(":")
    if not sep or not module_name or not attr:
        raise SetupError(f"python:{target} is not of the form python:MODULE:ATTR (e.g. python:socket:socketpair)")
    if os.getcwd() not in sys.path and "" not in sys.path:  # as `python -m` does: the current directory first
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # any import-time failure is the user's module, not us
        raise SetupError(
            f"python:{target}: module {module_name!r} does not import ({type(exc).__name__}: {exc})"
        ) from None
    factory = module
    for part in attr.split("."):
        if not hasattr(factory, part):
            raise SetupError(f"python:{target}: {module_name!r} has no attribute {attr!r}")
        factory = getattr(factory, part)
    if not callable(factory):
        raise SetupError(f"python:{target}: {attr!r} is not callable; name a function like socket.socketpair")
    result: SocketFactory = factory
    return result


ENTRY_POINT_GROUP = "socketpair_conformance.implementations"


def python_executor(factory: SocketFactory, name: str) -> Callable[[], Executor]:
    """The executor maker for a Python factory, with what it declares about itself."""
    declared = getattr(factory, "capabilities", None)
    caps = ALL_CAPS
    if declared is not None:
        if isinstance(declared, str) or not all(isinstance(c, str) for c in declared):
            raise SetupError(f"{name}: capabilities must be a set of names, e.g. {{'stream', 'dgram'}}")
        unknown = sorted(set(declared) - ALL_CAPS)
        if unknown:
            raise SetupError(
                f"{name}: capabilities names {', '.join(unknown)}: not a capability of an in-process implementation"
                f" (these are: {' '.join(sorted(ALL_CAPS))})"
            )
        caps = frozenset(declared)
    concurrency = getattr(factory, "concurrency", None) or THREADS
    return lambda: PythonExecutor(factory, name, caps=caps, concurrency=concurrency)


def installed() -> dict[str, str]:
    """Implementations packages installed here register: name -> MODULE:ATTR."""
    from importlib import metadata

    found = metadata.entry_points()
    group = (
        found.select(group=ENTRY_POINT_GROUP)  # type: ignore[attr-defined,unused-ignore]
        if hasattr(found, "select")
        else found.get(ENTRY_POINT_GROUP, ())  # type: ignore[attr-defined,unused-ignore]  # Python 3.9
    )
    return {ep.name: ep.value for ep in group}


def _check_command(spec: str, command: str) -> None:
    """Up front, so that a typo fails before any implementation has run."""
    if "/" not in command:
        if shutil.which(command) is None:
            raise SetupError(f"{spec}: command {command!r} is not on PATH; give its path or install it")
        return
    if not os.path.isfile(command):
        raise SetupError(f"{spec}: {command!r} does not exist; build it or fix the path")
    if not os.access(command, os.X_OK):
        raise SetupError(f"{spec}: {command!r} is not executable; chmod +x it or put its interpreter first")


def parse(spec: str) -> ImplSpec:
    if spec == "native":
        return ImplSpec(spec, lambda: PythonExecutor(socket.socketpair, "native"), factory="socket:socketpair")
    if spec == "reference":
        driver = str(program("driver"))
        return ImplSpec(spec, lambda: ExecExecutor([driver], name="reference"), argv=(driver,))
    if spec.startswith("python:"):
        factory = load_callable(spec[len("python:") :])
        return ImplSpec(spec, python_executor(factory, spec), factory=spec[len("python:") :])
    if spec.startswith("exec:"):
        try:
            argv = shlex.split(spec[len("exec:") :])
        except ValueError as exc:
            raise SetupError(f"{spec}: cannot split the command ({exc})") from None
        if not argv:
            raise SetupError("exec: needs a command, e.g. exec:./my-driver --flag")
        _check_command(spec, argv[0])
        return ImplSpec(spec, lambda: ExecExecutor(argv, name=spec), argv=tuple(argv))
    from .adapters import ADAPTERS  # named adapters for third-party libraries

    if spec in ADAPTERS:
        make, factory_path = ADAPTERS[spec]()
        return ImplSpec(spec, make, factory=factory_path)
    theirs = installed()
    if spec in theirs:  # a package's entry point: its factory, loaded as python: loads one
        target = theirs[spec]
        return ImplSpec(spec, python_executor(load_callable(target), spec), factory=target)
    known = ", ".join(["native", "reference", "python:MODULE:ATTR", "exec:COMMAND", *sorted(ADAPTERS), *sorted(theirs)])
    raise SetupError(f"unknown implementation {spec!r}: use one of {known}")
