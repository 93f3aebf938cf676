"""``python:tests.suite_bug_planter:socketpair``: the stdlib's socketpair, whose import plants
a bug in the suite's own code (a KeyError raised inside conformance/spec/constants.py on
every shutdown step), so tests/test_suite_errors.py can see how a run ends on one."""

from __future__ import annotations

import os
import socket
from typing import Any

from conformance.ops.base import operation
from conformance.spec import constants


def _broken(self: Any, ex: Any, step: Any) -> Any:
    return constants.exported(os, "NOT_A_CONSTANT_XYZ")


type(operation("shutdown")).run_python = _broken  # type: ignore[method-assign]
socketpair = socket.socketpair
