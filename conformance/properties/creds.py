"""SCM_CREDENTIALS, SO_PASSCRED and SO_PEERCRED."""

from hypothesis import strategies as st

from ..engine.scenario import Scenario, phased_scenarios, trap
from ..ops.base import ENDS
from ..ops.getsockopt import getsockopts
from ..ops.recv import recvs
from ..ops.send import sends
from ..ops.setsockopt import passcred
from ..spec.protocol import Op, op
from ..spec.semantics import TypeRules
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

# Credentials that name another process: the driver's parent (live: accepted with
# CAP_SYS_ADMIN, EPERM without) and a pid no process has (ESRCH), on a stream
# alternating with the sender's own, so segments of different credentials meet
# one receive (I12) and partial reads repeat them (I13); a pending descriptor and
# control space for a bare header (I11).
_ANC = st.sampled_from(
    ["creds", "creds:parent", "creds:nopid", "", "rights:f", "creds:parent;rights:f", "creds;rights:f"]
)


def _spoofing_send(rules: TypeRules) -> st.SearchStrategy[Op]:
    return st.builds(
        lambda data, anc: op("send", end=0, data=data.hex(), anc=anc or None, flags="dontwait"),
        st.binary(min_size=1, max_size=6),
        _ANC,
    )


def _segment_recv(rules: TypeRules) -> st.SearchStrategy[Op]:
    return st.builds(
        lambda size, ctrl: op("recv", end=1, size=size, ctrl=ctrl, flags="dontwait"),
        st.sampled_from([1, 2, 3, 64]),
        st.sampled_from(["hdr", "hdr+1", "len(creds)", "space(creds)+len(fds1)", "256"]),
    )


register(
    "creds.spoofing_and_segments",
    "creds",
    "I7 I11 I12 I13",
    phased_scenarios(
        [
            ({"passcred": lambda r: st.just(op("setsockopt", end=1, opt="passcred", value=1))}, 1, 1),
            ({"send": _spoofing_send, "passcred": lambda r: passcred()}, 1, 4),
            ({"recv": _segment_recv}, 1, 4),
        ]
    ),
    "stream dgram seqpacket scm_credentials sockopt creds_spoof",
    "Credentials naming another live process are accepted with the privilege (EPERM without), a pid no "
    "process has is ESRCH; a stream never joins segments of different credentials in one read and "
    "repeats them on each partial read; a pending descriptor with room for a bare header is dropped.",
    (
        trap(
            "stream",
            "",
            op("setsockopt", end=1, opt="passcred", value=1),
            op("send", end=0, data="6162", anc="creds"),
            op("send", end=0, data="6364", anc="creds:parent"),
            op("recv", end=1, size=1, ctrl=256, flags="dontwait"),
            op("recv", end=1, size=64, ctrl=256, flags="dontwait"),
            op("send", end=0, data="65", anc="creds:nopid"),
        ),
    ),
)


# J2: the pair made by a child that exits and is reaped before anyone looks (drivers
# only: an in-process implementation's objects cannot cross processes); J3: the peer
# credentials as a reader in a new pid namespace sees them.
def _exited_creator(sock_type: str) -> st.SearchStrategy[Scenario]:
    steps = st.lists(
        st.one_of(
            getsockopts(("peercred",)),
            st.builds(lambda e: op("close", end=e), st.sampled_from([0, 1])),
            st.builds(lambda d: op("send", end=0, data=d.hex(), flags="dontwait"), st.binary(max_size=4)),
        ),
        min_size=1,
        max_size=4,
    )
    pair = st.sampled_from(["", "cloexec"]).map(
        lambda flags: op("pair", family="unix", type=sock_type, flags=flags, proto=0, by="child")
    )
    return st.builds(lambda p, s: Scenario(p, tuple(s)), pair, steps)


register(
    "creds.peer_of_an_exited_creator",
    "creds",
    "J2",
    st.sampled_from(["stream", "dgram", "seqpacket"]).flatmap(_exited_creator),
    "pair_by_child sockopt",
    "A pair's peer credentials are its creator's, fixed when it was made: still there after that "
    "process exited and was reaped.",
)

register(
    "creds.peer_across_pid_namespaces",
    "creds",
    "J3",
    phased_scenarios(
        [
            ({"send": lambda r: sends(r, big=False)}, 0, 2),
            (
                {
                    "get": lambda r: st.builds(
                        lambda e: op("getsockopt", end=e, opt="peercred", **{"in": "pidns"}), ENDS
                    )
                },
                1,
                2,
            ),
            ({"get": lambda r: getsockopts(("peercred",))}, 0, 1),
        ]
    ),
    "sockopt pidns",
    "SO_PEERCRED's pid is translated into the reader's pid namespace: a creator outside it reads as 0.",
)
