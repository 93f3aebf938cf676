"""SCM_CREDENTIALS, SO_PASSCRED and SO_PEERCRED."""

from ..engine.scenario import phased_scenarios
from ..ops.getsockopt import getsockopts
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.setsockopt import passcred
from . import register

register(
    "creds.passcred_and_peercred",
    "creds",
    "I1 I2 I3 I4 I5 I6 I9 I10 J1 L5",
    phased_scenarios(
        [
            ({"passcred": lambda r: passcred()}, 0, 2),
            ({"send": lambda r: sends(r, fds=True, creds=True, big=False)}, 1, 3),
            (
                {
                    "passcred": lambda r: passcred(),
                    "send": lambda r: sends(r, fds=True, creds=True, big=False),
                    "get": lambda r: getsockopts(("passcred", "peercred")),
                },
                0,
                2,
            ),
            ({"recv": lambda r: recvs(r, control=True)}, 1, 4),
        ]
    ),
    "stream dgram seqpacket scm_credentials sockopt",
    "Credentials are captured at send time, delivered only with SO_PASSCRED, truncated as Linux truncates them.",
)
