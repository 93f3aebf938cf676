"""``socketpair-conformance`` / ``python -m conformance``: a launcher that owns Ctrl-C from the start.

The CLI's imports (hypothesis, the properties) take a noticeable fraction of a
second; a Ctrl-C in that window must end the run like one at any other
moment: one line, exit status 130, no traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Optional

from .errors import caused_by_interrupt, checkpoint  # small: nothing heavy before the guard

# A Ctrl-C in the import window must raise here even when the parent left SIGINT
# ignored (pytest-xdist workers do, and a child inherits that): Python installs its
# handler at start-up only where SIGINT is not ignored, and the CLI replaces it
# with its own anyway once imported (cli.py).
signal.signal(signal.SIGINT, signal.default_int_handler)

INTERRUPTED_STATUS = 130


def main(argv: Optional[list[str]] = None) -> int:
    try:
        checkpoint("startup")
        from .cli import main as cli_main

        status = cli_main(argv)
    except BaseException as exc:  # only an interrupt is handled here; anything else goes on up
        if isinstance(exc, SystemExit) or not caused_by_interrupt(exc):
            raise
        print("socketpair-conformance: interrupted", file=sys.stderr)
        status = INTERRUPTED_STATUS
    if status == INTERRUPTED_STATUS:
        # Everything the run opened is closed by now.  Leave at once: CPython
        # remembers a KeyboardInterrupt raised inside some of its own C calls
        # even when caught, and would end the process with SIGINT (status -2).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(INTERRUPTED_STATUS)
    return status


if __name__ == "__main__":
    sys.exit(main())
