"""One reference driver and one implementation per process, kept alive across checks.

pytest (one harness per xdist worker), the CLI and :func:`conformance.check_socketpair`
all go through here, so "one persistent driver per worker, never a process per
example" holds everywhere.  A session that died (crash, hang) is restarted
before the next property; the reference driver dying is our bug and says so.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Optional

from hypothesis import settings

from ..engine.executor import Capabilities, Executor
from ..engine.hunt import SHRINK_SECONDS, Progress, check
from ..engine.property import Property
from ..engine.result import CONFIRMED, CRASHED, FLAKY, HUNG, PROTOCOL_ERROR, UNCONFIRMED, Finding, Result
from ..engine.rootcause import Rooted
from ..engine.runner import Divergence, ReferenceFailure, Unsupported, explore_scenario
from ..engine.scenario import Scenario
from ..errors import ImplCrashed, ImplHung
from ..spec.protocol import ProtocolError
from .build import program
from .exec_client import ExecExecutor
from .specs import ImplSpec

PIN_ENV = "SOCKETPAIR_CONFORMANCE_PIN"
WORKER_ENV = "SOCKETPAIR_CONFORMANCE_RUN_WORKER"  # set by run -j N in each worker: its index


def pin_to_one_cpu() -> Optional[int]:
    """Keep this process and the drivers it starts on one CPU.

    Every step is a round trip to the reference driver, and on this kind of
    machine a wake-up on the *other* CPU costs most of it (76 us per round
    trip across CPUs, 9 us on one: bench/bench.py).  Each xdist worker takes
    its own CPU (gw0 -> first allowed CPU, gw1 -> second, ...), so workers
    still run in parallel; drivers inherit the affinity.  Set
    SOCKETPAIR_CONFORMANCE_PIN=0 to leave scheduling alone.
    """
    if os.environ.get(PIN_ENV, "1") == "0" or not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) < 2:
        return None
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    ours = os.environ.get(WORKER_ENV, "")  # run -j N (runs.py)
    if worker.startswith("gw") and worker[2:].isdigit():
        index = int(worker[2:])
    else:
        index = int(ours) if ours.isdigit() else os.getpid()
    cpu = allowed[index % len(allowed)]
    os.sched_setaffinity(0, {cpu})
    return cpu


class Harness:
    def __init__(
        self,
        impl: ImplSpec,
        reference_block_ms: int = 20,
        hypothesis_settings: Optional[settings] = None,
        database_key: Optional[Callable[[Property], bytes]] = None,
        known: Optional[Callable[[str], frozenset[str]]] = None,
    ):
        # restored by close(): a library call (check_socketpair, the pytest plugin) leaves its caller as it found it
        self._affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        pin_to_one_cpu()
        self.impl = impl
        # what check() uses when not told: the pytest plugin's profile, never loaded into the caller's session
        self.hypothesis_settings = hypothesis_settings
        self.database_key = database_key  # where a campaign database keeps a property's scenarios (campaign.py)
        self.reference_block_ms = reference_block_ms
        # a property id -> the signatures an expectation file lists for it (the pytest plugin's --conformance-expect)
        self.known: Callable[[str], frozenset[str]] = known or (lambda property_id: frozenset())
        self._reference: Optional[ExecExecutor] = None
        self._iut: Optional[Executor] = None
        self._caps: Optional[Capabilities] = None
        self.start_failure: Optional[Result] = None

    def reference(self) -> ExecExecutor:
        if self._reference is None or self._reference.proc is None:
            self._reference = ExecExecutor([str(program("driver"))], name="reference", block_ms=self.reference_block_ms)
            self._reference.start()
        return self._reference

    @property
    def declared(self) -> Optional[Capabilities]:
        """What the implementation declared at its start (None before it started)."""
        return self._caps

    def implementation(self) -> tuple[Executor, Capabilities]:
        if self._iut is None or self._caps is None or getattr(self._iut, "proc", True) is None:
            if self._iut is not None:
                self._iut.close()
            self._iut = self.impl.make()
            self._caps = self._iut.start()
        return self._iut, self._caps

    def check(
        self,
        prop: Property,
        hypothesis_settings: Optional[settings] = None,
        shrink_seconds: float = SHRINK_SECONDS,
        seed: Optional[int] = None,
        known: frozenset[str] = frozenset(),
        seconds: Optional[float] = None,
        max_findings: Optional[int] = None,
        progress: Optional[Callable[[Progress], None]] = None,
        confirm: bool = True,
        until: Optional[float] = None,
    ) -> Result:
        """Hunt one property (engine/hunt.py), then confirm each finding (:meth:`confirmed`);
        ``until``: the run's hard end (``--budget``), for the hunt and the confirmations both."""
        try:
            iut, caps = self.implementation()
        except (ImplCrashed, ImplHung, ProtocolError) as exc:
            kind = CRASHED if isinstance(exc, ImplCrashed) else HUNG if isinstance(exc, ImplHung) else PROTOCOL_ERROR
            self._iut = None
            return Result(prop.id, self.impl.spec, kind, f"at start: {exc}", catalog=prop.catalog)
        result = check(
            prop,
            self.reference(),
            iut,
            caps,
            self.impl.spec,
            hypothesis_settings or self.hypothesis_settings,
            shrink_seconds,
            seed,
            known,
            seconds,
            max_findings,
            progress,
            self.database_key(prop) if self.database_key else None,
            until,
        )
        if result.kind in (CRASHED, HUNG, PROTOCOL_ERROR) and self._iut is not None:
            self._iut.close()
            self._iut = None  # a fresh one for the next property
        if confirm and result.findings:
            # each costs a fresh driver and implementation: past the run's end, left unconfirmed
            def in_time(finding: Finding) -> Finding:
                return finding if until is not None and time.monotonic() >= until else self.confirmed(finding)

            confirmed = [in_time(f) for f in result.findings]
            left = sum(f.status == UNCONFIRMED for f in confirmed)
            cut = f"{left} finding{'s' if left > 1 else ''} not confirmed" if left else ""
            result = replace(
                result, findings=tuple(confirmed), unfinished="; ".join(filter(None, [result.unfinished, cut]))
            )
        return result

    def confirmed(self, finding: Finding) -> Finding:
        """Replay a finding's scenario on a fresh reference driver and a fresh implementation:
        a deviation that needs what earlier scenarios left behind is *flaky*, and says so."""
        reference = ExecExecutor([str(program("driver"))], name="reference", block_ms=self.reference_block_ms)
        implementation: Optional[Executor] = None
        try:
            reference.start()
            implementation = self.impl.make()
            declared = implementation.start()
            fresh = implementation

            def replay(scenario: Scenario) -> list[Divergence]:
                return explore_scenario(scenario, reference, fresh, declared)

            found = Rooted(replay, declared)(finding.divergence.scenario)
            replayed = any(d.signature == finding.signature for d in found)
        except (ImplCrashed, ImplHung, ProtocolError, Unsupported, ReferenceFailure):
            replayed = False
        finally:
            for session in (implementation, reference):
                if session is not None:
                    session.close()
        return finding.with_status(CONFIRMED if replayed else FLAKY)

    def close(self) -> None:
        for session in (self._iut, self._reference):
            if session is not None:
                session.close()
        self._iut = self._reference = None
        if self._affinity is not None:
            os.sched_setaffinity(0, self._affinity)
