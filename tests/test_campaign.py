"""Campaigns (conformance/campaign.py) with the real parts: Debian's redis-server, started
here on a free loopback port with a temporary directory, and HypoFuzz.

Marked ``campaign``: tox's campaign env runs these once (Python 3.11, with the
``[campaign]`` extra), not once per Python.  The times printed are the issue's
measurements: a hunt that finds a planted bug, then a fresh process that replays it."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.engine.causes import symptom_of

REPO = Path(__file__).resolve().parents[1]
FAULT = "python:tests.quality.faulty:moves_fds_high"  # received descriptors not at the lowest free numbers
SIGNATURE_PART = "lowest linux n / impl fewer"
# the same fault under a lowered RLIMIT_NOFILE: F_DUPFD to 200 is EINVAL there (HypoFuzz's
# random search finds either first; a fresh clone's campaign run found only this one)
SIGNATURES_OF_THE_FAULT = (SIGNATURE_PART, "status linux ok / impl err EINVAL")
pytestmark = pytest.mark.campaign


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = [
        server,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        str(tmp_path),
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("redis-server did not answer within 10 s")
        time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def cli(*argv: str, timeout: float = 600) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "conformance", *argv, "--profile", "ci", "-j", "1", "--area", "fdpass"],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )
    return done, time.monotonic() - started


def deviations(done: subprocess.CompletedProcess[str]) -> list[str]:
    """Every variant the console lists under its finding (``    SIGNATURE (via ...)  [ROW; ...]``):
    which variant heads a finding depends on which scenario was smallest."""
    variant = re.compile(r"^    ([a-z]\S*( \S+)*: \S+ linux .* / impl .*?)  \[")
    return [m.group(1) for m in map(variant.match, done.stdout.splitlines()) if m]


def test_a_second_process_replays_what_the_first_found(redis_url: str) -> None:
    hunt, hunted = cli("run", "--impl", FAULT, "--database", redis_url, "--shrink-seconds", "2")
    assert hunt.returncode == 1, hunt.stdout[-2000:] + hunt.stderr[-2000:]
    found = [d for d in deviations(hunt) if SIGNATURE_PART in d]
    assert found, hunt.stdout[-3000:]
    replay, replayed = cli("replay", "--impl", FAULT, "--database", redis_url)
    assert replay.returncode == 1, replay.stdout[-2000:] + replay.stderr[-2000:]
    # what generated examples found is in the database (a trap's or one met while shrinking
    # another is not: hypothesis saves only what it generated), and only this implementation's
    assert set(found) & set(deviations(replay)), (found, deviations(replay))
    assert set(deviations(replay)) <= set(deviations(hunt))
    counts = f"{len(deviations(hunt))} deviations, then {len(deviations(replay))}"
    print(f"\nhunt {hunted:.1f} s, a fresh process's replay {replayed:.1f} s ({counts})")


def test_a_deviation_saved_for_one_implementation_is_not_replayed_for_another(redis_url: str) -> None:
    hunt, _ = cli("run", "--impl", FAULT, "--database", redis_url, "--shrink-seconds", "2")
    assert hunt.returncode == 1
    other, _ = cli("replay", "--impl", "native", "--database", redis_url)
    assert other.returncode == 0, other.stdout[-3000:]
    assert deviations(other) == []
    assert "native: 3 properties: 3 conforms" in other.stdout


def test_a_bad_database_is_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "replay", "--database", "redis://127.0.0.1:1/0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "Redis does not answer" in done.stderr


@pytest.mark.skipif(sys.version_info < (3, 10), reason="HypoFuzz needs Python 3.10+")
def test_hypofuzz_finds_and_saves_what_replay_reports(tmp_path: Path) -> None:
    """HypoFuzz on 2 workers for a bounded time; then replay reports what it saved.

    Started from outside this checkout, as in a user's project: started in the checkout,
    under this repository's pytest configuration, HypoFuzz's workers did not see the
    campaign database as the session default and fuzzed nothing (docs/campaigns.md)."""
    fuzz = shutil.which("hypothesis", path=os.path.dirname(sys.executable))
    assert fuzz, "the campaign extra installs hypofuzz (hypothesis fuzz)"
    database = tmp_path / "db"
    env = {
        **os.environ,
        "SOCKETPAIR_CONFORMANCE_IMPL": FAULT,
        "SOCKETPAIR_CONFORMANCE_DATABASE": str(database),
        "SOCKETPAIR_CONFORMANCE_AREAS": "fdpass",
        "PYTHONPATH": str(REPO),  # the planted bug's module; HypoFuzz itself runs from elsewhere (below)
    }
    argv = [
        fuzz,
        "fuzz",
        "-n",
        "2",
        "--no-dashboard",
        "--",
        "--pyargs",
        "conformance.fuzz_targets",
        "-p",
        "no:cacheprovider",
    ]
    proc = subprocess.Popen(
        argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    started = time.monotonic()
    try:
        time.sleep(60)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            out = proc.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out = proc.communicate()[0]
    fuzzed = time.monotonic() - started
    replay, replayed = cli("replay", "--impl", FAULT, "--database", str(database))
    assert any(part in d for d in deviations(replay) for part in SIGNATURES_OF_THE_FAULT), (out or b"")[-3000:].decode(
        errors="replace"
    ) + replay.stdout[-2000:]
    print(f"\nHypoFuzz {fuzzed:.0f} s on 2 workers, then replay {replayed:.1f} s: {deviations(replay)}")


def test_the_pytest_plugin_shares_the_database_with_replay(tmp_path: Path) -> None:
    (tmp_path / "test_mine.py").write_text(
        "from conformance.testing import conformance_tests\ntest_fdpass = conformance_tests(areas=['fdpass'])\n"
    )
    database = tmp_path / "db"
    # -vv: pytest shortens a long assertion message otherwise, and the signatures are in it
    argv = [sys.executable, "-m", "pytest", "-q", "-vv", "-p", "no:cacheprovider", str(tmp_path / "test_mine.py")]
    argv += ["--impl", FAULT, "--conformance-database", str(database), "--conformance-profile", "ci"]
    hunted = subprocess.run(argv, capture_output=True, text=True, timeout=600, cwd=REPO)
    assert hunted.returncode == 1 and SIGNATURE_PART in hunted.stdout, hunted.stdout[-3000:]
    replay, _ = cli("replay", "--impl", FAULT, "--database", str(database))
    # what pytest's generated examples found replays (which of the planted bug's signatures
    # that is varies: with a database the hunt is not derandomised, and a trap's is not saved)
    replayed = [d.split(" (via ")[0] for d in deviations(replay)]
    # each is a variant of a finding pytest reported: the same symptom (engine/causes.py), on
    # whichever socket type the database kept (one cause, one finding: a report names a
    # finding's variants by their pattern, and shrinking saves scenarios of other types)
    pieces = re.split(r"; |\n|\[\d+\] |deviates for \S+: ", hunted.stdout)
    reported = {symptom_of(re.sub(r" \(.*$", "", piece.strip())) for piece in pieces}
    assert replayed and all(symptom_of(d) in reported for d in replayed), (replayed, sorted(reported))
