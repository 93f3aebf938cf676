"""Running the chosen properties against each implementation on ``-j N`` worker processes
(``-j 1``: one worker).

A task is one (implementation, property).  The main process forks the workers
*before* any driver or thread exists; each pulls tasks from one queue (so a slow
property does not hold up the rest), keeps one Harness, hence one reference driver
and one implementation, per implementation for its whole life, pins itself to its
own CPU (impl/harness.py), and sends each Result back; the main process prints one
plain line per finished task with the count and the time left.  Results are put
back in the order of a serial run, so the matrix and the report do not depend on -j.

The main process only supervises: a worker that dies mid-task makes that property
*crashed*, one that starts no step for :func:`stall_seconds` (an implementation that caught
the step bound's interrupt in its own loop) is killed and the property is *hung*;
either way a fresh worker takes the next task.  A Ctrl-C reaches every worker (one
process group): each stops its hunt, closes its drivers and exits; the main process
waits for them, so nothing is left.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from hypothesis import Phase, settings
from hypothesis.database import ExampleDatabase

from . import campaign
from .engine.executor import Capabilities
from .engine.hunt import Progress
from .engine.result import CRASHED, HUNG, NOT_RUN, Result
from .errors import INTERRUPTED, SetupError, SuiteBug, checkpoint, listen_for_heartbeats
from .impl.exec_client import reply_bound
from .impl.harness import WORKER_ENV, Harness
from .impl.specs import ImplSpec
from .properties import Property
from .reporting.distinct import cell
from .worker_stderr import StderrTap


@dataclass(frozen=True)
class Plan:
    specs: Sequence[ImplSpec]
    props: Sequence[Property]
    seed: int
    shrink_seconds: float
    max_findings: Optional[int]
    replaying: bool  # --seed given: a replay does not read the example database
    known: Mapping[tuple[str, str], frozenset[str]]  # (impl, property) -> signatures an expectation file lists
    budget: Optional[float]  # seconds for the whole run
    database: Optional[ExampleDatabase] = None  # --database: a campaign's shared examples (campaign.py)
    replay_only: bool = False  # the replay command: only what the database holds
    stall: float = 60.0  # seconds a worker may start no step before it is hung (stall_seconds)
    deadline: Optional[float] = None  # time.monotonic() the run ends by, from budget (run() sets it)

    def settings_for_run(self) -> Optional[settings]:
        if self.database is not None:  # derandomize would forbid a database; the seed keeps runs repeatable
            chosen = settings(settings(), database=self.database, derandomize=False)
            return settings(chosen, phases=[Phase.reuse]) if self.replay_only else chosen
        return settings(settings(), database=None) if self.replaying else None

    def tasks(self) -> list[tuple[int, int]]:
        return [(s, p) for s in range(len(self.specs)) for p in range(len(self.props))]


@dataclass
class Outcome:
    results: list[Result] = field(default_factory=list)
    declared: dict[str, Optional[Capabilities]] = field(default_factory=dict)  # what each start reply said


JOBS_ENV = "SOCKETPAIR_CONFORMANCE_JOBS"
STALL_ENV = "SOCKETPAIR_CONFORMANCE_STALL_SECONDS"


def stall_seconds() -> float:
    """How long a worker may start no step before it is hung past every bound.  A step is
    bounded in process at about 2 s (impl/bounds.py) and, for a driver, by the reply bound
    on each side (impl/exec_client.py, raised under emulators): so 3 reply bounds, at least
    60 s.  What is left is an implementation that caught the bound's interrupt in its own
    loop (eventlet's hub did).  $SOCKETPAIR_CONFORMANCE_STALL_SECONDS overrides it (tests)."""
    chosen = os.environ.get(STALL_ENV, "")
    if not chosen:
        return max(60.0, 3 * reply_bound())
    try:
        value = float(chosen)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise SetupError(f"{STALL_ENV}={chosen!r} is not a positive number of seconds")
    return value


def default_jobs() -> int:
    """$SOCKETPAIR_CONFORMANCE_JOBS (a test suite under xdist sets 1: its workers already fill
    the CPUs), else the CPUs this process may use."""
    chosen = os.environ.get(JOBS_ENV, "")
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(plan: Plan, jobs: int) -> Outcome:
    """Every task in a worker process, even with -j 1: the main process supervises, so an
    implementation that takes its process down, or never gives it back, costs one
    property (crashed, hung), never the run."""
    if plan.budget is not None:
        plan = replace(plan, deadline=time.monotonic() + plan.budget)  # CLOCK_MONOTONIC: one clock for every worker
    return _in_workers(plan, max(1, min(jobs, len(plan.tasks()))))


# --budget is a bound: the hunts stop at the deadline (engine/hunt.py until), and a worker
# still busy this long after it (one example's steps, each bounded) is stopped for it
BUDGET_GRACE = 5.0


def _not_run(plan: Plan, task: tuple[int, int], detail: str) -> Result:
    prop = plan.props[task[1]]
    return Result(prop.id, plan.specs[task[0]].spec, NOT_RUN, detail, catalog=prop.catalog)


def _harness(plan: Plan, spec: ImplSpec) -> Harness:
    """One implementation's harness; with a campaign database, keyed per property and implementation."""
    if plan.database is None:
        return Harness(spec)
    return Harness(spec, database_key=lambda prop: campaign.database_key(prop, spec.spec))


def _check(
    harness: Harness, plan: Plan, prop: Property, seconds: Optional[float], until: Optional[float], progress: Any
) -> Result:
    return harness.check(
        prop,
        plan.settings_for_run(),
        shrink_seconds=plan.shrink_seconds,
        seed=plan.seed,
        known=plan.known.get((harness.impl.spec, prop.id), frozenset()),
        seconds=seconds,
        max_findings=plan.max_findings,
        progress=progress,
        until=until,
    )


def _in_workers(plan: Plan, jobs: int) -> Outcome:
    context = multiprocessing.get_context("fork")  # workers inherit the plan (its factories are not picklable)
    # SimpleQueue: no feeder thread, so the main process stays single-threaded and can fork
    # a replacement worker at any time; and a worker's put is in the pipe when put returns
    tasks: Any = context.SimpleQueue()
    replies: Any = context.SimpleQueue()
    everything = plan.tasks()
    for task in everything:
        tasks.put(task)
    for _ in range(jobs):
        tasks.put(None)  # one per worker slot: a replacement takes the one its predecessor left
    # the budget is wall time: each task takes its share of what is left when it starts (_worker)
    taken: Any = context.Value("i", 0)

    # each worker's last heartbeat (errors.heartbeat: before every step), in shared memory
    beats = {i: context.Value("d", time.monotonic(), lock=False) for i in range(jobs)}
    stalled: set[int] = set()
    ended: set[int] = set()  # workers stopped because the budget's end passed (BUDGET_GRACE)

    taps: dict[int, StderrTap] = {}  # each worker's stderr (worker_stderr.py)

    def start(index: int) -> Any:
        sys.stdout.flush()
        sys.stderr.flush()
        beats[index].value = time.monotonic()
        if index in taps:
            taps[index].close()
        taps[index] = StderrTap()
        args = (index, plan, tasks, replies, (jobs, len(everything), taken), beats[index], taps[index])
        process = context.Process(target=_worker, args=args)
        process.start()
        taps[index].after_start()
        return process

    workers = {i: start(i) for i in range(jobs)}
    found: dict[tuple[int, int], Result] = {}
    declared: dict[str, Optional[Capabilities]] = {}
    running: dict[int, tuple[int, int]] = {}  # worker -> the task it took
    finished: set[int] = set()
    started = time.monotonic()

    def drain() -> None:
        while not replies.empty():
            message = replies.get()
            if message[0] == "start":
                # no take() here: the pipe may already hold what the task wrote after it said
                # "start"; anything a worker wrote between tasks joins its next property's line
                running[message[1]] = message[2]
            elif message[0] == "done":
                finished.add(message[1])
            elif message[0] == "suitebug":
                raise SuiteBug(message[2])
            else:
                _, index, (s, p), result, caps = message
                running.pop(index, None)
                found[(s, p)] = result
                if caps is not None or plan.specs[s].spec not in declared:  # a not-run task has none
                    declared[plan.specs[s].spec] = caps
                progress = (len(found), len(everything), started)
                _progress_line(plan.specs[s].spec, plan.props[p].id, cell(result), *progress)
                _said(taps[index].take(), f"{plan.specs[s].spec} during {plan.props[p].id}")

    try:
        while len(finished) < len(workers):
            if INTERRUPTED.is_set():
                raise KeyboardInterrupt
            for tap in taps.values():
                tap.pump()
            drain()
            over = plan.deadline is not None and time.monotonic() > plan.deadline + BUDGET_GRACE
            for index, worker in list(workers.items()):
                if index in running and worker.is_alive() and over:
                    ended.add(index)
                    worker.kill()
                    worker.join()
                if index in running and worker.is_alive() and time.monotonic() - beats[index].value > plan.stall:
                    stalled.add(index)  # it never came back to the suite, not even at a step's bound
                    worker.kill()
                    worker.join()
                if index in finished or worker.is_alive():
                    continue
                worker.join()
                drain()  # what it said before it went is all in the pipe now
                if index in finished:
                    continue
                # it died mid-task: an in-process implementation that killed its interpreter
                # (PyPy's abort, a segfault in a C extension) crashes that property, not the run
                lost = running.pop(index, None)
                if lost is not None and index in ended:
                    found[lost] = _not_run(
                        plan, lost, f"still running when --budget ended (+{BUDGET_GRACE:g} s): stopped"
                    )
                    _progress_line(
                        plan.specs[lost[0]].spec, plan.props[lost[1]].id, NOT_RUN, len(found), len(everything), started
                    )
                elif lost is not None:
                    s, p = lost
                    prop = plan.props[p]
                    how = (
                        f"killed by signal {-worker.exitcode}"
                        if (worker.exitcode or 0) < 0
                        else f"exit {worker.exitcode}"
                    )
                    died = f"the worker process running it died ({how}): the implementation took its process down"
                    stopped = (
                        f"no step came back to the suite for {plan.stall:g} s, not even at its bound (the"
                        " implementation caught or ignored the bound's interrupt): its worker was killed"
                    )
                    kind, detail = (HUNG, stopped) if index in stalled else (CRASHED, died)
                    last_words = taps[index].take()
                    detail += f"; {last_words}" if last_words else ""
                    found[lost] = Result(prop.id, plan.specs[s].spec, kind, detail, catalog=prop.catalog)
                    _progress_line(plan.specs[s].spec, prop.id, kind, len(found), len(everything), started)
                stalled.discard(index)
                ended.discard(index)
                workers[index] = start(index)
            time.sleep(0.05)
    except SuiteBug:
        for worker in workers.values():  # stop the others at their next step, as Ctrl-C does
            if worker.is_alive() and worker.pid is not None:
                os.kill(worker.pid, signal.SIGINT)
        raise
    finally:
        for worker in workers.values():
            worker.join(timeout=30)  # each closes its drivers first
            if worker.is_alive():
                worker.kill()
                worker.join()
        for tap in taps.values():
            if not INTERRUPTED.is_set():
                _said(tap.take(), "after the last property")
            tap.close()
        tasks.close()
        replies.close()
    return Outcome([found[t] for t in everything if t in found], declared)


def _share(plan: Plan, jobs: int, total: int, taken: Any) -> Optional[float]:
    """This task's seconds: what is left of the budget over the tasks not yet taken, times
    the workers (they run side by side); None without --budget, 0 once it is spent."""
    if plan.deadline is None:
        return None
    with taken.get_lock():
        taken.value += 1
        waiting = total - int(taken.value) + 1  # this one included
    left = plan.deadline - time.monotonic()
    return max(0.0, min(left, left * jobs / max(waiting, 1)))


def _worker(
    index: int, plan: Plan, tasks: Any, replies: Any, sharing: tuple[int, int, Any], beat: Any, tap: StderrTap
) -> None:
    tap.in_worker()  # what the implementation prints is the main process's to attribute
    os.environ[WORKER_ENV] = str(index)  # its own CPU (impl/harness.py pin_to_one_cpu)

    def alive() -> None:
        beat.value = time.monotonic()

    listen_for_heartbeats(alive)
    harnesses: dict[int, Harness] = {}
    try:
        while not INTERRUPTED.is_set():
            task = tasks.get()
            if task is None:
                break
            s, p = task
            alive()
            replies.put(("start", index, task))
            share = _share(plan, *sharing)
            if share is not None and share <= 0:
                result = _not_run(plan, task, "--budget was spent before it started")
                replies.put(("result", index, (s, p), result, harnesses[s].declared if s in harnesses else None))
                continue
            if s not in harnesses:
                harnesses[s] = _harness(plan, plan.specs[s])
            # its share bounds all of it, shrinking and confirmation too (engine/hunt.py until)
            until = time.monotonic() + share if share is not None else None
            result = _check(harnesses[s], plan, plan.props[p], share, until, _checkpoints)
            if INTERRUPTED.is_set():
                break
            replies.put(("result", index, (s, p), result, harnesses[s].declared))
    except KeyboardInterrupt:
        pass
    except SuiteBug as exc:  # the suite's fault: the run ends with it, never "the implementation crashed"
        replies.put(("suitebug", index, str(exc)))
    finally:
        for harness in harnesses.values():
            harness.close()
        replies.put(("done", index))


def _said(noise: Optional[str], when: str) -> None:
    """One line for what a worker wrote to stderr (worker_stderr.py), under the progress lines."""
    if noise:
        print(f"      {when}: {noise}", file=sys.stderr, flush=True)


def _checkpoints(progress: Progress) -> None:
    if progress.examples >= 5:
        checkpoint("hunt")
    if progress.deviations:
        checkpoint("deviation")


def _progress_line(impl: str, prop: str, outcome: str, done: int, total: int, started: float) -> None:
    elapsed = time.monotonic() - started
    left = elapsed / done * (total - done)
    print(
        f"  [{done}/{total}, {elapsed:.0f} s, ~{left:.0f} s left] {impl:<14} {prop:<40} {outcome}",
        file=sys.stderr,
        flush=True,
    )
