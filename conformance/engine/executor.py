"""What the runner talks to: an executor turns operations into observations.

Two kinds exist (impl/): the in-process Python executor and the ``exec:``
client of a driver process.  Both start by declaring their capabilities.
"""

from __future__ import annotations

from typing import Optional, Protocol

from ..spec.protocol import Capabilities as Capabilities
from ..spec.protocol import Observation, Op


class Executor(Protocol):
    name: str

    def start(self) -> Capabilities: ...

    def execute(self, op: Op, reference: Optional[Observation] = None) -> Observation: ...

    def close(self) -> None: ...
