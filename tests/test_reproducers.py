"""Each deviation's reproducers run standalone and show it: Linux's output differs from the implementation's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conformance.build import BUILD_DIR, ensure_built
from conformance.protocol import op
from conformance.reproduce_c import c_program
from conformance.reproducers import python_program

REPO = Path(__file__).resolve().parent.parent
CFLAGS = ["-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror"]


def run_with_reproducers(tmp_path: Path, impl: str, area: str) -> list[Path]:
    out = tmp_path / "repro"
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "ci", "--area", area, "--impl", impl]
    argv += ["--shrink-seconds", "2"]  # less minimal, just as demonstrative, and quick
    done = subprocess.run([*argv, "--reproducers", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    return sorted(p for p in out.rglob("*") if p.is_file())


def c_output(source: Path, tmp_path: Path) -> str:
    binary = tmp_path / "repro-c"
    subprocess.run(["cc", *CFLAGS, "-o", str(binary), str(source)], check=True, capture_output=True, text=True)
    return subprocess.run([str(binary)], capture_output=True, text=True, timeout=30, check=True).stdout


@pytest.mark.parametrize(
    "bug, area", [("accepts_any_family", "creation"), ("reopens_files", "fdpass"), ("epipe_as_connreset", "shutdown")]
)
def test_python_and_c_reproducers_show_the_deviation(tmp_path: Path, bug: str, area: str) -> None:
    files = run_with_reproducers(tmp_path, f"python:tests.quality.faulty:{bug}", area)
    assert [f.suffix for f in files] == [".c", ".py"], files
    linux = c_output(files[0], tmp_path)
    impl = subprocess.run([sys.executable, str(files[1])], capture_output=True, text=True, timeout=30, check=True)
    assert "skipped" not in linux + impl.stdout
    differing = [(a, b) for a, b in zip(linux.splitlines(), impl.stdout.splitlines()) if a != b]
    assert differing, f"the reproducers print the same thing:\n{linux}"
    assert len(linux.splitlines()) == len(impl.stdout.splitlines())


def test_exec_reproducer_is_the_request_transcript(tmp_path: Path) -> None:
    ensure_built()
    shim = f"env LD_PRELOAD={BUILD_DIR / 'faultshim.so'} SPC_FAULT=type_always_stream"
    files = run_with_reproducers(tmp_path, f"exec:{shim} {BUILD_DIR / 'driver'}", "options")
    assert [f.suffix for f in files] == [".c", ".requests"], files
    requests = files[1].read_text()
    faulty = subprocess.run(
        f"{shim} {BUILD_DIR / 'driver'}", shell=True, input=requests, capture_output=True, text=True
    )
    linux = subprocess.run([str(BUILD_DIR / "driver")], input=requests, capture_output=True, text=True)
    assert faulty.stdout.splitlines()[-1] != linux.stdout.splitlines()[-1], linux.stdout
    assert "value=" in c_output(files[0], tmp_path)


def test_no_reproducer_for_a_conforming_implementation(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "conformance", "run", "--profile", "ci", "--area", "creation"]
    done = subprocess.run([*argv, "--reproducers", str(tmp_path / "r")], capture_output=True, text=True, timeout=300)
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
        "1 pair: ok None",
        "2 recv: err EAGAIN",
        "3 sendmsg: ok ret=4",
        "4 recv: ok ret=2 msg_flags=0x0 anc= data=7069",
    ]

    def python(factory: str) -> list[str]:
        script = tmp_path / "r.py"
        script.write_text(python_program(ops, ["test"], factory))
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=30, cwd=REPO)
        return done.stdout.splitlines()

    assert python("socket:socketpair") == linux
    assert python("tests.quality.faulty:recv_ignores_dontwait")[1] == "2 recv: blocked"
