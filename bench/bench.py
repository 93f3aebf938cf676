"""Throughput of the main differential properties, printed, never asserted.

    python bench/bench.py [--examples N]

For each property: scenarios per second for (a) hypothesis generation alone,
(b) the Python executor alone, (c) the C reference driver alone, (d) the full
lockstep differential run, and the ratio d/a; then the per-operation round
trip to the driver.
"""

from __future__ import annotations

import argparse
import socket
import time

from hypothesis import Phase, given, settings

from conformance import profiles
from conformance.build import program
from conformance.properties import all_properties
from conformance.protocol import op
from conformance.pyexec import PythonExecutor
from conformance.runner import run_scenario
from conformance.scenario import Scenario
from conformance.session import ExecExecutor


def rate(prop_scenarios, action, n: int) -> float:  # type: ignore[no-untyped-def]
    count = [0]

    @settings(max_examples=n, phases=[Phase.generate], database=None, deadline=None, derandomize=True)
    @given(prop_scenarios)
    def run(scenario: Scenario) -> None:
        action(scenario)
        count[0] += 1

    start = time.perf_counter()
    run()
    return count[0] / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=300)
    n = parser.parse_args().examples
    profiles.select_profile("ci")
    ref = ExecExecutor([str(program("driver"))], name="reference")
    ref.start()
    native = PythonExecutor(socket.socketpair, "native")
    caps = native.start().caps

    def only(executor):  # type: ignore[no-untyped-def]
        def act(scenario: Scenario) -> None:
            for step in scenario.ops():
                if executor.execute(step).status == "blocked":
                    break

        return act

    print(f"{'property':38} {'gen/s':>8} {'python/s':>9} {'driver/s':>9} {'lockstep/s':>11} {'d/a':>6}")
    for prop in all_properties():
        a = rate(prop.scenarios, lambda s: None, n)
        b = rate(prop.scenarios, only(native), n)
        c = rate(prop.scenarios, only(ref), n)
        d = rate(prop.scenarios, lambda s: run_scenario(s, ref, native, caps), n)
        print(f"{prop.id:38} {a:8.0f} {b:9.0f} {c:9.0f} {d:11.0f} {d / a:6.2f}")
    ref.execute(op("reset"))
    ref.execute(op("pair", type="dgram", flags="nonblock"))
    rounds = 20000
    start = time.perf_counter()
    for _ in range(rounds):
        ref.execute(op("poll", end=0, events="in"))
    print(f"\ndriver round trip: {(time.perf_counter() - start) / rounds * 1e6:.1f} us per operation")
    ref.close()
    native.close()


if __name__ == "__main__":
    main()
