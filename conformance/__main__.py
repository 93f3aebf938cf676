"""``socketpair-conformance`` / ``python -m conformance``: a launcher that owns Ctrl-C from the start.

The CLI's imports (hypothesis, the properties) take a noticeable fraction of a
second; a Ctrl-C in that window must end the run like one at any other
moment: one line, exit status 130, no traceback.
"""

from __future__ import annotations

import sys
from typing import Optional

INTERRUPTED_STATUS = 130


def main(argv: Optional[list[str]] = None) -> int:
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        print("socketpair-conformance: interrupted", file=sys.stderr)
        return INTERRUPTED_STATUS
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
