"""SCM_CREDENTIALS, SO_PASSCRED and SO_PEERCRED."""

from ..engine.scenario import phased_scenarios, trap
from ..ops.getsockopt import getsockopts
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.setsockopt import passcred
from ..spec.protocol import op
from . import register

# The catalog's traps, on every run: I2 (a receiver with SO_PASSCRED gets the
# sender's credentials), I4 (also when the sender attached none), I3 (without
# SO_PASSCRED, none), I10 (credentials before rights), J1.
_ROOM = op("recv", end=1, size=8, ctrl=256, flags="dontwait")
TRAPS = (
    trap(
        "dgram",
        "",
        op("send", end=0, data="61", anc="creds"),
        _ROOM,
        op("setsockopt", end=1, opt="passcred", value=1),
        op("send", end=0, data="62", anc="creds"),
        _ROOM,
        op("send", end=0, data="63"),
        _ROOM,
        op("send", end=0, data="64", anc="creds;rights:f"),
        _ROOM,
        op("getsockopt", end=0, opt="peercred"),
    ),
)

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
    TRAPS,
)
