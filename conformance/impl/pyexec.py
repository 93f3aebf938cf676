"""Execute protocol operations on a Python socketpair implementation, in process.

The implementation is a factory with the signature of ``socket.socketpair``;
the operations (ops/) talk to the two objects it returns only through their
own methods, using ``fileno()`` for readiness and for identifying received
fds.  Observations have exactly the shape the C reference driver reports.

Never hang: every send and receive is bounded, whatever its flags say (an
implementation may ignore MSG_DONTWAIT).  On the main thread the bound is a
one-shot ``ITIMER_REAL`` whose SIGALRM handler raises, which interrupts a
blocked call (PEP 475 retries only when the handler returns) for a few
microseconds per step; elsewhere a helper thread waits with a timeout.  When
the bound passes the step is ``blocked`` and both ends are shut down so the
state is not reused; a call shutdown() does not wake is ended without the
implementation's help (impl/bounds.py), and only one that cannot be recovered
at all is *hung*.
"""

from __future__ import annotations

import os
import socket
import threading
from typing import Any, Callable, Optional

from ..engine.executor import Capabilities
from ..errors import ImplHung, SuiteBug, started_in_suite, suite_bug_at
from ..ops.base import operation, operations
from ..ops.duplex import Concurrency
from ..ops.fdident import Objects
from ..ops.views import all_python_views
from ..spec.protocol import Observation, Op, ProtocolError, err
from .bounds import COMPLETES_WITHIN, Worker, wake_ends, with_alarm
from .concurrency import THREADS

SocketFactory = Callable[[int, int, int], "tuple[Any, Any]"]
# pep446: Python makes every descriptor close-on-exec (PEP 446), so socket
# objects' ends have FD_CLOEXEC even without SOCK_CLOEXEC.
ALL_CAPS = frozenset(
    "stream dgram seqpacket nonblock cloexec scm_rights scm_credentials peek trunc waitall shutdown poll sockopt duplex"
    " pep446 sockopt2 oob signals cmsg_bytes ctrl_units creds_spoof fd_numbers pidns output_flags".split()
)  # not abi: Python's API cannot hand the kernel a bad pointer or a lying length


class PythonExecutor:
    """Runs each step through its operation's ``run_python`` (ops/base.py PythonSide)."""

    def __init__(
        self,
        factory: SocketFactory,
        name: str,
        block_seconds: float = 0.03,
        caps: frozenset[str] = ALL_CAPS,
        concurrency: Concurrency = THREADS,
    ):
        self.factory, self.name, self.block_seconds, self.caps = factory, name, block_seconds, caps
        self.concurrency = concurrency
        self.ends: list[Optional[Any]] = [None, None]
        self.objects = Objects()
        self.stream = True
        self._worker: Optional[Worker] = None
        self._bound = block_seconds
        self.interrupted = False  # a step was ended without the implementation's help since the last reset
        self.pid = os.getpid()  # "self" in creds, also inside a forked child receiver
        self.ppid = os.getppid()  # "parent" in creds: another live process

    # -- session ---------------------------------------------------------
    def start(self) -> Capabilities:
        for verb in operations().values():
            verb.start_python(self)
        return Capabilities(self.name, "in-process", self.caps, self._methods(), in_process=True)

    def _methods(self) -> frozenset[str]:
        """The views this implementation has: the methods its objects offer (ops/views.py).
        One stream pair is made to look; if that fails, every method is assumed and a
        missing one makes its steps *unsupported* when they run."""
        everything = all_python_views()
        try:
            ends = self.factory(socket.AF_UNIX, socket.SOCK_STREAM, 0)
        except Exception:
            return everything
        try:
            needs = {"recv.recv_fds": "recvmsg", "send.send_fds": "sendmsg"}  # the stdlib calls these
            return frozenset(
                key for key in everything if all(hasattr(end, needs.get(key, key.split(".")[1])) for end in ends)
            )
        finally:
            for end in ends:
                try:
                    end.close()
                except Exception:
                    pass

    def close(self) -> None:
        self.reset()
        for verb in operations().values():
            verb.stop_python(self)
        if self._worker:
            self._worker.stop()
            self._worker = None

    def execute(self, op: Op, reference: Optional[Observation] = None, keep_bound: bool = False) -> Observation:
        """Run one step.  ``reference`` is Linux's observation of the same step, when
        known: where Linux completed, the implementation gets a generous bound
        (a busy machine must not turn a slow step into "blocked"); where Linux
        blocked, a short one is enough to confirm that it blocks too."""
        if not keep_bound:  # keep_bound: a forked child receiver keeps the bound its parent's step chose
            self._bound = self.block_seconds if reference is None or reference.status == "blocked" else COMPLETES_WITHIN
        run = operation(op.verb).run_python  # ProtocolError for an unknown verb
        try:
            return run(self, op)
        except OSError as exc:
            return err(exc.errno or 0)
        except (ProtocolError, ImplHung):
            raise
        except NotImplementedError as exc:  # an explicit refusal: unsupported, not a deviation
            return Observation("unsupported", (("why", str(exc) or op.verb),))
        except ValueError as exc:
            if "malformed" in str(exc):
                raise ProtocolError(str(exc)) from None
            return Observation("raised", (("exc", type(exc).__name__),))
        except Exception as exc:  # an implementation raising what Linux never does, unless it is ours
            if isinstance(exc, AttributeError) and str(exc).startswith("module ") and started_in_suite(exc):
                # an interpreter's module without a constant the suite's code names (spec/constants.py
                # covers those known): what needs it is unsupported here, not the implementation's fault
                return Observation("unsupported", (("why", f"this interpreter lacks what the suite needs: {exc}"),))
            where = suite_bug_at(exc)
            if where:
                raise SuiteBug(f"{op.verb}: {type(exc).__name__}: {exc} at {where}") from exc
            return Observation("raised", (("exc", type(exc).__name__),))

    # -- what the operations use ------------------------------------------
    def end(self, op: Op) -> Any:
        index = op.get("end")
        if index not in ("0", "1"):
            raise ProtocolError("end= must be 0 or 1")
        sock = self.ends[int(index)]
        if sock is None:
            raise OSError(9, "closed")  # EBADF, as the kernel reports for a closed fd
        return sock

    def bounded(self, call: Callable[[], Observation]) -> Observation:
        # Every send/receive is bounded, whatever Linux would do: the
        # implementation is not trusted to honour non-blocking flags.
        if threading.current_thread() is threading.main_thread():
            return with_alarm(call, self._bound, self.wake, self._interrupted)
        if self._worker is None or self._worker.stuck:  # a stuck one is left behind (impl/bounds.py)
            self._worker = Worker()
        observed = self._worker.run(call, self._bound, self.wake)
        if self._worker.stuck:
            self._interrupted()
        return observed

    def _interrupted(self) -> None:
        """A step was ended without the implementation's help (impl/bounds.py)."""
        self.interrupted = True

    def wake(self) -> None:
        wake_ends(self.ends)

    def reset(self) -> None:
        if self.interrupted:  # a library whose own state an interrupted call left behind rebuilds it
            self.interrupted = False
            rebuild = getattr(self.factory, "after_interrupt", None)
            if rebuild is not None:
                rebuild()
        for i, sock in enumerate(self.ends):
            if sock is not None:
                sock.close()
            self.ends[i] = None
        self.objects.close_all()
        for verb in operations().values():
            verb.reset_python(self)
