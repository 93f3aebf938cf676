"""Catalog rows that cannot apply to a socketpair, each with the reason.

Such a row counts as *not applicable*, never as covered (``socketpair-conformance
coverage``).  A row that could be exercised but is not yet stays *not covered*:
this table is for what no socketpair scenario can reach, not for work left to do.
"""

from __future__ import annotations

NOT_APPLICABLE: dict[str, str] = {
    "I14": "about a listener passing SO_PASSCRED to the sockets it accepts: a socketpair has no listener",
    "J4": "about an unconnected stream socket before listen(): both ends of a socketpair are connected from birth",
}
