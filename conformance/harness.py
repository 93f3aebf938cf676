"""One reference driver and one implementation per process, kept alive across checks.

pytest (one harness per xdist worker), the CLI and :func:`conformance.check_socketpair`
all go through here, so "one persistent driver per worker, never a process per
example" holds everywhere.  A session that died (crash, hang) is restarted
before the next property; the reference driver dying is our bug and says so.
"""

from __future__ import annotations

from typing import Optional

from hypothesis import settings

from .build import program
from .impls import ImplSpec
from .properties import Property
from .protocol import ProtocolError
from .runner import CRASHED, HUNG, PROTOCOL_ERROR, Result, check
from .session import Capabilities, ExecExecutor, Executor, ImplCrashed, ImplHung


class Harness:
    def __init__(self, impl: ImplSpec, reference_block_ms: int = 20):
        self.impl = impl
        self.reference_block_ms = reference_block_ms
        self._reference: Optional[ExecExecutor] = None
        self._iut: Optional[Executor] = None
        self._caps: Optional[Capabilities] = None
        self.start_failure: Optional[Result] = None

    def reference(self) -> ExecExecutor:
        if self._reference is None or self._reference.proc is None:
            self._reference = ExecExecutor([str(program("driver"))], name="reference", block_ms=self.reference_block_ms)
            self._reference.start()
        return self._reference

    def implementation(self) -> tuple[Executor, Capabilities]:
        if self._iut is None or self._caps is None or getattr(self._iut, "proc", True) is None:
            if self._iut is not None:
                self._iut.close()
            self._iut = self.impl.make()
            self._caps = self._iut.start()
        return self._iut, self._caps

    def check(self, prop: Property, hypothesis_settings: Optional[settings] = None) -> Result:
        try:
            iut, caps = self.implementation()
        except (ImplCrashed, ImplHung, ProtocolError) as exc:
            kind = CRASHED if isinstance(exc, ImplCrashed) else HUNG if isinstance(exc, ImplHung) else PROTOCOL_ERROR
            self._iut = None
            return Result(prop.id, self.impl.spec, kind, f"at start: {exc}", catalog=prop.catalog)
        result = check(prop, self.reference(), iut, caps.caps, self.impl.spec, hypothesis_settings)
        if result.kind in (CRASHED, HUNG, PROTOCOL_ERROR) and self._iut is not None:
            self._iut.close()
            self._iut = None  # a fresh one for the next property
        return result

    def close(self) -> None:
        for session in (self._iut, self._reference):
            if session is not None:
                session.close()
        self._iut = self._reference = None
