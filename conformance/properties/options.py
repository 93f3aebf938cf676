"""Socket options on the ends: defaults, round trips, unknown options."""

from ..engine import scenario as s
from . import register

register(
    "options.defaults_and_round_trips",
    "options",
    "A11 A12 A13 L1 L5 I1 J1",
    s.scenarios(
        {
            "get": lambda r: s.getsockopts(),
            "get2": lambda r: s.getsockopts(),
            "set": lambda r: s.setsockopts(),
            "flags": lambda r: s.fdflags(),
        },
        max_steps=10,
    ),
    "sockopt",
    "Options start at Linux's defaults and read back what was set; unknown ones fail with ENOPROTOOPT.",
)
