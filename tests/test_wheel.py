"""What a user installs: the wheel, in a fresh virtual environment, used from an empty
directory with an empty build cache.  Each entry point must work there as it does in
this checkout (the C sources ship in the wheel and are built on first use).

Marked ``wheel``: tox's wheel env runs it once, not once per Python."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.wheel

USER_TESTS = """
from conformance.testing import conformance_tests

test_socketpair = conformance_tests(areas=["creation"])
"""

USER_FACTORY = '''
import socket

def pair(family=socket.AF_UNIX, type=socket.SOCK_STREAM, proto=0):
    """Accepts any family: a planted deviation (Linux says EAFNOSUPPORT/EOPNOTSUPP)."""
    return socket.socketpair(socket.AF_UNIX, type, proto)
'''


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("conformance/_reference_c/driver.c", "conformance/_reference_c/Makefile"):
        assert shipped in names
    assert "conformance/spec/behaviour-catalog.md" in names
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", f"{wheel}[test]"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONPATH", "VIRTUAL_ENV", "PYTEST_"))}
    env.update(
        PATH=f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}",
        XDG_CACHE_HOME=str(root / "cache"),  # empty: the first use builds the C programs
        SOCKETPAIR_CONFORMANCE_PROFILE="ci",
    )
    env.pop("SOCKETPAIR_CONFORMANCE_CACHE", None)
    return root, env


def in_empty_dir(installed: tuple[Path, dict[str, str]], *argv: str) -> subprocess.CompletedProcess[str]:
    root, env = installed
    work = root / "work"
    work.mkdir(exist_ok=True)
    return subprocess.run(list(argv), cwd=work, env=env, capture_output=True, text=True, timeout=600)


def test_the_package_comes_from_the_venv_not_this_checkout(installed: tuple[Path, dict[str, str]]) -> None:
    done = in_empty_dir(installed, "python", "-c", "import conformance; print(conformance.__file__)")
    assert "site-packages" in done.stdout and str(REPO) not in done.stdout, done.stdout + done.stderr


def test_run_builds_into_the_user_cache_and_reports(installed: tuple[Path, dict[str, str]]) -> None:
    root, _ = installed
    done = in_empty_dir(installed, "socketpair-conformance", "run", "--area", "creation", "--report", "r.jsonl")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "conforms" in done.stdout
    assert list((root / "cache" / "socketpair-conformance").glob("*/driver")), "built into XDG_CACHE_HOME"
    summary = in_empty_dir(installed, "socketpair-conformance", "summary", "r.jsonl")
    assert summary.returncode == 0 and "creation" in summary.stdout, summary.stderr
    header = json.loads((root / "work" / "r.jsonl").read_text().splitlines()[0])
    assert header["type"] == "header" and header["kernel"]


def test_coverage_and_build(installed: tuple[Path, dict[str, str]]) -> None:
    done = in_empty_dir(installed, "socketpair-conformance", "coverage")
    assert done.returncode == 0 and "of 155 catalog rows exercised" in done.stdout.splitlines()[-1], done.stdout
    built = in_empty_dir(installed, "socketpair-conformance", "build")
    assert built.returncode == 0 and Path(built.stdout.strip(), "driver").is_file(), built.stderr


def test_check_socketpair(installed: tuple[Path, dict[str, str]]) -> None:
    code = (
        "import socket; from conformance.testing import check_socketpair;"
        " check_socketpair(socket.socketpair, areas=['creation']); print('ok')"
    )
    done = in_empty_dir(installed, "python", "-c", code)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]


def test_the_pytest_plugin_in_a_users_project(installed: tuple[Path, dict[str, str]]) -> None:
    root, _ = installed
    (root / "work" / "test_mine.py").write_text(USER_TESTS)
    (root / "work" / "mypair.py").write_text(USER_FACTORY)
    good = in_empty_dir(installed, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_mine.py")
    assert good.returncode == 0 and " passed" in good.stdout, good.stdout[-3000:]
    pytest = ("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    bad = in_empty_dir(installed, *pytest, "--impl", "python:mypair:pair", "test_mine.py")
    assert bad.returncode == 1 and "creation.arguments_and_flags" in bad.stdout, bad.stdout[-3000:]
    assert "Traceback" not in bad.stdout
