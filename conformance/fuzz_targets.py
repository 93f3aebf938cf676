"""Every property as an ordinary hypothesis test, for pytest and HypoFuzz:

    SOCKETPAIR_CONFORMANCE_IMPL='python:mymodule:socketpair' \\
    SOCKETPAIR_CONFORMANCE_DATABASE=redis://campaign-host:6379/0 \\
        hypothesis fuzz -n 8 -- --pyargs conformance.fuzz_targets

``SOCKETPAIR_CONFORMANCE_AREAS=messages,fdpass`` narrows it.  The tests share
their database keys with ``socketpair-conformance run --database`` and
``replay`` (campaign.py), so what HypoFuzz finds, ``replay`` reports.
"""

from __future__ import annotations

import os

from .campaign import fuzz_tests

_areas = os.environ.get("SOCKETPAIR_CONFORMANCE_AREAS")
globals().update(fuzz_tests(_areas.split(",") if _areas else None))
