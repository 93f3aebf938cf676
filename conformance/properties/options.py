"""Socket options on the ends: defaults, round trips, unknown options."""

from ..engine.scenario import scenarios
from ..ops.fdflags import fdflags
from ..ops.getsockopt import getsockopts
from ..ops.setsockopt import setsockopts
from . import register

register(
    "options.defaults_and_round_trips",
    "options",
    "A11 A12 A13 L1 L5 I1 J1",
    scenarios(
        {
            "get": lambda r: getsockopts(),
            "get2": lambda r: getsockopts(),
            "set": lambda r: setsockopts(),
            "flags": lambda r: fdflags(),
        },
        max_steps=10,
    ),
    "sockopt",
    "Options start at Linux's defaults and read back what was set; unknown ones fail with ENOPROTOOPT.",
)
