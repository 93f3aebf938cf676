"""Implementation specs: the strings ``--impl`` accepts, for pytest and the CLI alike.

- ``native``: the standard library's ``socket.socketpair``.
- ``python:MODULE:ATTR``: any callable with ``socket.socketpair``'s signature.
- ``exec:COMMAND ARGS...``: any program speaking docs/protocol.md.
- ``reference``: the bundled C driver itself (the kernel, through exec:).
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
from .exec_client import ExecExecutor
from .pyexec import PythonExecutor, SocketFactory


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
        return ImplSpec(spec, lambda: PythonExecutor(factory, spec), factory=spec[len("python:") :])
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
    known = ", ".join(["native", "reference", "python:MODULE:ATTR", "exec:COMMAND", *sorted(ADAPTERS)])
    raise SetupError(f"unknown implementation {spec!r}: use one of {known}")
