"""SCM_CREDENTIALS, SO_PASSCRED and SO_PEERCRED."""

from ..engine import scenario as s
from . import register

register(
    "creds.passcred_and_peercred",
    "creds",
    "I1 I2 I3 I4 I5 I6 I9 I10 J1 L5",
    s.phased_scenarios(
        [
            ({"passcred": lambda r: s.passcred()}, 0, 2),
            ({"send": lambda r: s.sends(r, fds=True, creds=True, big=False)}, 1, 3),
            (
                {
                    "passcred": lambda r: s.passcred(),
                    "send": lambda r: s.sends(r, fds=True, creds=True, big=False),
                    "get": lambda r: s.getsockopts(("passcred", "peercred")),
                },
                0,
                2,
            ),
            ({"recv": lambda r: s.recvs(r, control=True)}, 1, 4),
        ]
    ),
    "stream dgram seqpacket scm_credentials sockopt",
    "Credentials are captured at send time, delivered only with SO_PASSCRED, truncated as Linux truncates them.",
)
