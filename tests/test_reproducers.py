"""Each deviation's reproducers run standalone and show it: Linux's output differs from the implementation's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.engine.result import Finding
from conformance.engine.runner import Divergence, Step
from conformance.engine.scenario import Scenario
from conformance.engine.signature import signature
from conformance.impl.build import ensure_built
from conformance.ops.duplex import PATTERN
from conformance.reporting import reproducers
from conformance.reporting.reproduce_c import c_program
from conformance.reporting.reproduce_py import python_program
from conformance.reporting.reproducers import write
from conformance.spec.protocol import Observation, Op, op, parse_reply
from tests.forked_cli import run_cli
from tests.quality.test_real_findings import kernel_has_passpidfd

REPO = Path(__file__).resolve().parent.parent
CFLAGS = ["-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror", "-pthread"]


def run_with_reproducers(tmp_path: Path, impl: str, area: str) -> list[tuple[Path, Path]]:
    """Each deviation's pair of reproducers: (NAME.c, NAME.py or NAME.requests)."""
    out = tmp_path / "repro"
    argv = ["run", "--profile", "ci", "--area", area, "--impl", impl]
    # less minimal, just as demonstrative, and quick; the first deviation of each property is
    # enough here (every one's pair is run in test_the_reproducers_are_run_before_...)
    argv += ["--shrink-seconds", "2", "--max-deviations", "1"]
    done = run_cli(*argv, "--reproducers", str(out))
    assert done.returncode == 1, done.stderr[-2000:]
    sources = sorted(out.rglob("*.c"))
    assert sources and len(list(out.rglob("*"))) == 2 * len(sources) + 1, list(out.rglob("*"))  # + the impl's folder
    return [(c, next(p for p in c.parent.iterdir() if p.stem == c.stem and p != c)) for c in sources]


def c_output(source: Path, tmp_path: Path) -> str:
    binary = tmp_path / "repro-c"
    subprocess.run(["cc", *CFLAGS, "-o", str(binary), str(source)], check=True, capture_output=True, text=True)
    return subprocess.run([str(binary)], capture_output=True, text=True, timeout=30, check=True).stdout


@pytest.mark.e2e
@pytest.mark.parametrize(
    "bug, area", [("accepts_any_family", "creation"), ("reopens_files", "fdpass"), ("epipe_as_connreset", "shutdown")]
)
def test_python_and_c_reproducers_show_the_deviation(tmp_path: Path, bug: str, area: str) -> None:
    for source, script in run_with_reproducers(tmp_path, f"python:tests.quality.faulty:{bug}", area):
        assert script.suffix == ".py"
        linux = c_output(source, tmp_path)
        impl = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=30, check=True)
        assert "skipped" not in linux + impl.stdout
        differing = [(a, b) for a, b in zip(linux.splitlines(), impl.stdout.splitlines()) if a != b]
        assert differing, f"the reproducers of {source.stem} print the same thing:\n{linux}"
        assert len(linux.splitlines()) == len(impl.stdout.splitlines())


@pytest.mark.e2e
@pytest.mark.skipif(not kernel_has_passpidfd(), reason="SO_PASSPIDFD needs Linux 6.5")
def test_cpythons_recv_fds_pidfd_leak_is_shown_by_its_reproducers(tmp_path: Path) -> None:
    # docs/findings.md 19 on native: the C program closes the SCM_PIDFD descriptor, as the
    # reference driver does (it leaked it too, and the pair showed nothing), Python's
    # socket.recv_fds drops it
    (source, script), *_ = run_with_reproducers(tmp_path, "native", "options")
    linux = c_output(source, tmp_path).splitlines()[-1]
    impl = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=30, check=True)
    assert linux.endswith(" leaked=0") and impl.stdout.splitlines()[-1].endswith(" leaked=1"), (linux, impl.stdout)


@pytest.mark.e2e
def test_exec_reproducer_is_the_request_transcript(tmp_path: Path) -> None:
    built = ensure_built()
    shim = f"env LD_PRELOAD={built / 'faultshim.so'} SPC_FAULT=type_always_stream"
    for source, transcript in run_with_reproducers(tmp_path, f"exec:{shim} {built / 'driver'}", "options"):
        assert transcript.suffix == ".requests"
        requests = transcript.read_text()
        faulty = subprocess.run(
            f"{shim} {built / 'driver'}", shell=True, input=requests, capture_output=True, text=True
        )
        linux = subprocess.run([str(built / "driver")], input=requests, capture_output=True, text=True)
        assert faulty.stdout.splitlines()[-1] != linux.stdout.splitlines()[-1], linux.stdout
        assert "value=" in c_output(source, tmp_path)


def test_no_reproducer_for_a_conforming_implementation(tmp_path: Path) -> None:
    done = run_cli("run", "--profile", "ci", "--area", "creation", "--reproducers", str(tmp_path / "r"))
    assert done.returncode == 0 and not (tmp_path / "r").exists()


def test_a_plain_recv_step_is_reproduced_with_recv_not_recvmsg(tmp_path: Path) -> None:
    # an implementation whose recv() and recvmsg() differ (as eventlet's do) is
    # only shown by a reproducer that makes the call the suite made
    ops = [
        op("pair", family="unix", type="dgram", flags="", proto=0),
        op("recv", end=0, size=4, flags="dontwait", via="recv"),
        op("send", end=1, data=b"ping".hex()),
        op("recv", end=0, size=2, flags="dontwait", via="recv"),
    ]
    source = tmp_path / "r.c"
    source.write_text(c_program(ops, ["test"]))
    linux = c_output(source, tmp_path).splitlines()
    assert linux == [
        "1 pair: ok",
        "2 recv: err EAGAIN",
        "3 sendmsg: ok ret=4",
        "4 recv: ok ret=2 msg_flags=0x0 anc= data=7069 leaked=0",
    ]

    def python(factory: str) -> list[str]:
        script = tmp_path / "r.py"
        script.write_text(python_program(ops, ["test"], factory))
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=30, cwd=REPO)
        return done.stdout.splitlines()

    assert python("socket:socketpair") == linux
    assert python("tests.quality.faulty:recv_ignores_dontwait")[1] == "2 recv: blocked"
    # an exception Linux never raises is printed as the suite reports it, and the script goes on
    assert python("tests.quality.faulty:refuses_every_receive")[1:3] == [
        "2 recv: raised NotImplementedError",
        "3 sendmsg: ok ret=4",
    ]


def test_a_flag_the_suite_waived_is_not_printed_as_a_difference(tmp_path: Path) -> None:
    # Python's sockets are close-on-exec (PEP 446) where C's are not; the suite
    # waives that, so the reproducers must not show it as the difference either
    pair = op("pair", family="unix", type="stream", flags="", proto=0)
    flags, last = op("fdflags", end=0), op("shutdown", end=0, how="wr")

    def step(i: int, o: Op, ref: str, impl: str) -> Step:
        return Step(i, o, parse_reply(f"1 {ref}", 1), parse_reply(f"1 {impl}", 1))

    def outputs(cloexec_seen: str) -> tuple[list[str], list[str]]:
        steps = (
            step(1, pair, "ok", "ok"),
            step(2, flags, "ok nonblock=0 cloexec=0", f"ok nonblock=0 cloexec={cloexec_seen}"),
            step(3, last, "ok", "err errno=EPIPE"),
        )
        sig = signature(last, steps[-1].reference, steps[-1].implementation, "stream")
        divergence = Divergence(Scenario(pair, (flags, last)), steps, "ok vs err", sig)
        finding = Finding(sig, divergence, "E1")
        out = tmp_path / cloexec_seen
        c, py = sorted(write("p.x", "native", finding, out, "socket:socketpair", None), key=lambda p: p.suffix)
        done = subprocess.run([sys.executable, str(py)], capture_output=True, text=True, timeout=30, cwd=REPO)
        return c_output(c, tmp_path).splitlines(), done.stdout.splitlines()

    linux, python = outputs("1")
    assert linux[1] == python[1] == "2 fdflags: ok nonblock=0 cloexec=(not compared: PEP 446)"
    assert reproducers.PASSED_LINES not in next((tmp_path / "1" / "native").glob("*.c")).read_text()
    linux, python = outputs("0")  # the suite compared it: the programs print it
    assert linux[1] == "2 fdflags: ok nonblock=0 cloexec=0" != python[1]


def test_a_long_periodic_payload_is_written_once_and_sent_whole(tmp_path: Path) -> None:
    data = (PATTERN * 1200)[5:300005]
    ops = [
        op("pair", family="unix", type="stream", flags="nonblock", proto=0),
        op("send", end=0, data=data.hex(), flags="dontwait"),
        op("recv", end=1, size=300000, flags="dontwait"),
    ]
    source, script = tmp_path / "r.c", tmp_path / "r.py"
    source.write_text(c_program(ops, ["test"]))
    script.write_text(python_program(ops, ["test"], "socket:socketpair"))
    assert source.stat().st_size < 20000 and script.stat().st_size < 20000
    linux = c_output(source, tmp_path).splitlines()
    python = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=30).stdout
    assert python.splitlines() == linux
    sent = int(linux[1].split("ret=")[1])
    assert linux[2].endswith(" data=" + data[:sent].hex() + " leaked=0")  # the bytes themselves, not just the count


@pytest.mark.e2e
@pytest.mark.parametrize(
    "bug, area, method, call",
    [
        ("recvfrom_names_unnamed", "views", "recvfrom(", "recvfrom("),
        ("recvmsg_reverses_fds", "fdpass", ".recvmsg(", "recvmsg("),
        ("sendto_ignores_address", "views", ".sendto(", "sendto("),
    ],
)
def test_a_deviation_in_one_method_is_reported_and_reproduced_through_that_method(
    tmp_path: Path, bug: str, area: str, method: str, call: str
) -> None:
    # the signature names the method; the Python reproducer calls it, the C one makes its system call
    out = tmp_path / "repro"
    argv = ["run", "--profile", "ci", "--shrink-seconds", "2"]
    argv += ["--max-deviations", "1", "--area", area, "--impl", f"python:tests.quality.faulty:{bug}"]
    done = run_cli(*argv, "--reproducers", str(out))
    assert done.returncode == 1, done.stderr[-2000:]
    named = method.strip(".(")
    assert f"(via {named})" in done.stdout, done.stdout[-3000:]  # the call a distinct deviation showed through
    script = next(p for p in sorted(out.rglob("*.py")) if method in p.read_text())
    source = script.with_suffix(".c")
    assert call in source.read_text()
    linux = c_output(source, tmp_path).splitlines()
    python = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=30, cwd=REPO)
    assert [a for a, b in zip(linux, python.stdout.splitlines()) if a != b], (linux, python.stdout)


@pytest.mark.e2e
def test_the_reproducers_are_run_before_the_deviation_is_reported(tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    argv = ["run", "--profile", "ci", "--area", "creation", "--shrink-seconds", "2"]
    argv += ["--impl", "python:tests.quality.faulty:accepts_any_family", "--report", str(report)]
    done = run_cli(*argv, "--reproducers", str(tmp_path / "r"))
    assert done.returncode == 1, done.stderr[-2000:]
    records = [json.loads(line) for line in report.read_text().splitlines()]
    findings = [r for r in records if r["type"] == "finding"]
    assert findings
    for f in findings:  # each finding's pair ran, and parted at the deviating step
        linux, impl = f["reproduced"]
        assert linux != impl and linux.split(":")[0] == impl.split(":")[0], f["reproduced"]
    assert done.stdout.count("      run: Linux prints `") == len(findings)


def test_every_version_2_verb_reproduces_standalone(tmp_path: Path) -> None:
    # each verb protocol version 2 added, in both programs: the C one builds with
    # -Werror and runs, the Python one runs, and both print one line per step
    steps = [
        op("obj", name="f", kind="file", data=b"file f".hex()),
        op("pair", family="unix", type="stream", flags="", proto=0),
        op("signals"),
        op("later", end=0, call="recv", size=4, then="send"),
        op("later", end=0, call="recv", size=4, then="sendfds", obj="f"),
        op("ioctl", end=0, req="inq"),
        op("ioctl", end=0, req="outq"),
        op("ioctl", end=0, req="atmark"),
        op("ioctl", end=0, req="ifindex"),
        op("ioctl", end=0, req="async", value=1),
        op("ioctl", end=0, req="setown", value="self"),
        op("send", end=1, data="6162", anc="rightsbytes:7:f"),
        op("send", end=1, data="63", anc="credsbytes:11"),
        op("recv", end=0, size=8, ctrl="space(fds2)+hdr", flags="dontwait"),
        op("signals"),
        op("fileop", end=0, call="pread"),
        op("fileop", end=0, call="fstat"),
        op("fileop", end=0, call="reopen"),
        op("addr", end=0, call="getsockname"),
        op("addr", end=0, call="bind", addr="unnamed"),
        op("addr", end=1, call="getpeername"),
        op("addr", end=0, call="listen"),
        op("setsockopt", end=1, opt="rcvtimeo", value="0.004000"),
        op("getsockopt", end=1, opt="rcvtimeo"),
        op("setsockopt", end=0, opt="linger", value="1.5"),
        op("getsockopt", end=0, opt="linger"),
        op("fill", end=0, size=65536),
        op("later", end=0, call="send", size=100, then="signal"),
        op("later", end=1, call="poll", events="in,rdhup", then="shutdown", how="wr"),
        op("close", end=1),
        op("send", end=0, data="61"),
        op("signals"),
        op("reset"),
        op("obj", name="g", kind="file", data=b"file g".hex()),
        op("pair", family="unix", type="dgram", flags="", proto=0),
        op("epoll", call="add", end=1, events="in,et"),
        op("send", end=0, data="61", anc="rights:g,g"),
        op("epoll", call="wait"),
        op("epoll", call="wait"),
        op("recv", end=1, size=8, ctrl="4096", flags="dontwait", fdnums=1, nofile=1),
        op("inflight", end=0, n=20, nofile=16, obj="g"),
    ]
    source = tmp_path / "v2.c"
    source.write_text(c_program(steps, ["test"]))
    script = tmp_path / "v2.py"
    script.write_text(python_program(steps, ["test"], "socket:socketpair"))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=30, cwd=REPO)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    outputs = {"C": c_output(source, tmp_path).splitlines(), "Python": done.stdout.splitlines()}
    for program, lines in outputs.items():
        assert len(lines) == len(steps) - 3, (program, lines)  # obj and reset print nothing
        assert not [line for line in lines if "blocked" in line or "raised" in line], (program, lines)
        step = {int(line.split()[0]): line.split(":", 1)[1].strip() for line in lines}
        # the kernel's answers, as each program prints them
        assert step[4] == step[5] == "ok ret=1 data=4c", (program, lines)  # released by a later send (G8, H28)
        assert step[12] == "ok ret=2" and step[13] == "err EINVAL", (program, lines)  # a partial int (H11), I8
        assert step[15] == "ok pipe=0 io=1 urg=0", (program, lines)  # SIGIO to the owner (N8)
        assert step[16] == "err ESPIPE" and step[18] == "err ENXIO", (program, lines)  # not a file (A14)
        assert step[22] == "err EINVAL", (program, lines)  # listen on a pair end (K5)
        assert step[28] == "err EINTR", (program, lines)  # a full buffer, then a signal (G12)
        assert step[32] == "ok pipe=1 io=1 urg=0", (program, lines)  # SIGPIPE for a stream (M8)
        assert step[38] != step[39], (program, lines)  # an edge, then nothing new (N2)
        assert "rights:fd->g/" in step[40] and "lowest=1" in step[40], (program, lines)  # one fits (H16, H4)
        assert step[41].endswith("sent=17 errno=ETOOMANYREFS"), (program, lines)  # H30


def _pair(tmp_path: Path, header: str, c_lines: list[str], py_body: str) -> list[Path]:
    source, script = tmp_path / "d.c", tmp_path / "d.py"
    prints = "".join(f'    puts("{line}");\n' for line in c_lines)
    source.write_text(f"/* {header} */\n#include <stdio.h>\nint main(void)\n{{\n{prints}    return 0;\n}}\n")
    script.write_text(py_body)
    return [source, script]


def test_demonstrate_allows_only_the_earlier_differences_the_header_names(tmp_path: Path) -> None:
    linux = ["1 pair: ok", "2 sendmsg: err EPIPE", "3 signals: ok pipe=1"]
    library = "print('1 pair: ok')\nprint('2 sendmsg: err ECONNRESET')\nprint('3 signals: ok pipe=0')\n"
    passed = reproducers.PASSED_LINES + "2"
    assert reproducers.demonstrate(_pair(tmp_path, passed, linux, library), tmp_path) == (
        linux[-1],
        "3 signals: ok pipe=0",
    )
    # without the header's word, an earlier difference is not the deviation the pair shows
    assert isinstance(reproducers.demonstrate(_pair(tmp_path, "Deviation: x", linux, library), tmp_path), str)
    # the header names line 2, not line 1
    other = "print('1 pair: err EINVAL')\nprint('2 sendmsg: err ECONNRESET')\nprint('3 signals: ok pipe=0')\n"
    assert isinstance(reproducers.demonstrate(_pair(tmp_path, passed, linux, other), tmp_path), str)


def test_a_script_blocked_at_the_last_step_is_shown_blocked_and_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reproducers, "_BOUND", 1)
    linux = ["1 pair: ok", "2 sendmsg: err EINTR"]
    blocks = "import time\nprint('1 pair: ok')\ntime.sleep(600)\n"
    shown = reproducers.demonstrate(_pair(tmp_path, "Deviation: x", linux, blocks), tmp_path)
    assert shown == (linux[-1], "2 sendmsg: blocked (still blocked after 1 s: killed)")
    # blocked earlier than the last step: no demonstration
    early = "import time\ntime.sleep(600)\n"
    assert "did not finish in 1 s" in str(reproducers.demonstrate(_pair(tmp_path, "x", linux, early), tmp_path))


def test_the_reproducers_name_the_earlier_differences_the_run_passed(tmp_path: Path) -> None:
    pair = op("pair", family="unix", type="stream", flags="", proto=0)
    first, last = op("shutdown", end=0, how="wr"), op("shutdown", end=1, how="rd")
    steps = (
        Step(1, pair, parse_reply("1 ok", 1), parse_reply("1 ok", 1)),
        Step(2, first, parse_reply("1 ok", 1), parse_reply("1 err errno=ENOTCONN", 1)),
        Step(3, last, parse_reply("1 ok", 1), parse_reply("1 err errno=EINVAL", 1)),
    )
    sig = signature(last, steps[-1].reference, steps[-1].implementation, "stream")
    finding = Finding(sig, Divergence(Scenario(pair, (first, last)), steps, "ok vs err", sig), "E1")
    for path in write("p.x", "native", finding, tmp_path, "socket:socketpair", None):
        assert reproducers.PASSED_LINES + "2\n" in path.read_text()


def test_reproducers_written_again_from_a_report_record_are_the_same_files(tmp_path: Path) -> None:
    # publish --no-run rewrites the published programs from the report's recorded steps
    from conformance.reporting.report import finding_record

    pair = op("pair", family="unix", type="stream", flags="", proto=0)
    first, last = op("send", end=0, data="6869", flags="dontwait"), op("shutdown", end=1, how="rd")
    steps = (
        Step(1, pair, parse_reply("1 ok", 1), parse_reply("1 ok", 1)),
        Step(2, first, parse_reply("1 ok ret=2", 1), Observation("raised", (("exc", "TypeError"),))),
        Step(3, last, parse_reply("1 ok", 1), parse_reply("1 err errno=EINVAL", 1)),
    )
    sig = signature(last, steps[-1].reference, steps[-1].implementation, "stream")
    finding = Finding(sig, Divergence(Scenario(pair, (first, last)), steps, "ok vs err", sig), "E1")
    record = {"signature": str(sig), "finding": finding_record(finding)}
    again = reproducers.finding_from_record(record)
    written = [
        write("p.x", "native", f, tmp_path / name, "socket:socketpair", None)
        for name, f in (("run", finding), ("again", again))
    ]
    assert [p.name for p in written[0]] == [p.name for p in written[1]]
    for original, rewritten in zip(*written):
        assert original.read_text() == rewritten.read_text()


def test_both_reproducers_send_a_later_signal_again_when_it_came_before_the_call(tmp_path: Path) -> None:
    # On a loaded machine the signal (5 ms after the actor starts) may come before the call
    # began; the Python reproducer then lost the step's line. Both programs send it again: a
    # call that blocks is EINTR, one that does not block answers (the reference driver's
    # answers). Each call is held back past the first signal, as a loaded machine holds it.
    steps = [
        op("pair", family="unix", type="stream", flags="", proto=0),
        op("fill", end=0, size=65536),
        op("later", end=0, call="send", size=100, then="signal"),
        op("send", end=1, data="61"),
        op("later", end=0, call="recv", size=4, then="signal"),
    ]
    script = python_program(steps, ["test"], "socket:socketpair")
    for n in (3, 5):
        script = script.replace(f"def call{n}():", f"def call{n}():\n    __import__('time').sleep(0.1)", 1)
    source = c_program(steps, ["test"])
    held = source.replace("if (later_came)", "usleep(100000); if (later_came)")
    assert script.count("time').sleep(0.1)") == 2 and held.count("usleep(100000)") == 2
    (tmp_path / "late.py").write_text(script)
    (tmp_path / "late.c").write_text(held)
    done = subprocess.run([sys.executable, str(tmp_path / "late.py")], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    expected = ["3 later: err EINTR", "4 sendmsg: ok ret=1", "5 later: ok ret=1 data=61"]
    assert done.stdout.splitlines()[-3:] == expected, done.stdout
    assert c_output(tmp_path / "late.c", tmp_path).splitlines()[-3:] == expected
