"""Expectation files: known deviations keep a run green, anything new fails it, also in a
property that has known ones, and a known deviation that stops happening is reported."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.forked_cli import run_cli
from tests.test_cli import assert_one_line_error, cli

BUG = "python:tests.quality.faulty:accepts_any_family"  # several signatures in one property, found in seconds
PROP = "creation.arguments_and_flags"
UNREACHED = "recv stream peek: delivery linux as sent / impl other"  # no recv in the creation area


def write(tmp_path: Path, signatures: list[str], impl: str = BUG) -> str:
    path = tmp_path / "expect.toml"
    reason = "planted: the family is ignored"
    body = "".join(f'[[deviation]]\nsignature = "{s}"\nreason = "{reason}"\n\n' for s in signatures)
    path.write_text(f'impl = "{impl}"\n\n{body}')
    return str(path)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("run", "--profile", "ci", "--area", "creation", *args)


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every signature the runs report, collected the way a user builds the file: copy what
    the report calls new, run again.  Knowing some, the hunt spends its budget on others
    and may find more: the list settles in a few runs."""
    where = tmp_path_factory.mktemp("found")
    signatures: list[str] = []
    for _ in range(4):
        report = where / "report.jsonl"
        args = ["--expect", write(where, signatures)] if signatures else []
        done = run("--impl", BUG, "--report", str(report), *args)
        records = [json.loads(line) for line in report.read_text().splitlines()]
        # in the order the hunt found them (the first is the commonest)
        new = [f["signature"] for r in records if r["type"] == "result" for f in r["findings"]]
        assert (done.returncode == 0) == (not new), done.stdout + done.stderr
        if not new:
            break
        signatures += new
    assert not new, f"still finding new deviations after 4 runs: {new}"
    assert len(signatures) >= 2, signatures  # the test below needs one to leave out
    return signatures


@pytest.mark.e2e
def test_every_known_deviation_listed_keeps_the_run_green(tmp_path: Path, found: list[str]) -> None:
    done = run("--impl", BUG, "--expect", write(tmp_path, found))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{found[0]}: seen in {PROP}" in done.stdout and "planted: the family" in done.stdout


@pytest.mark.e2e
def test_a_known_deviation_never_hides_a_new_one_in_the_same_property(tmp_path: Path, found: list[str]) -> None:
    # the unspecified family comes up in every run; the others are listed as known
    new = [s for s in found if "family=other" in s]
    assert new and len(new) < len(found), found
    done = run("--impl", BUG, "--expect", write(tmp_path, [s for s in found if s not in new]))
    assert done.returncode == 1, done.stdout
    assert any(f"] {s}\n" in done.stdout for s in new), done.stdout  # listed among the findings, as new
    assert "known)" in done.stdout
    # the same symptom as listed ones (Linux refuses the pair, the implementation does not):
    # a new variant of a known finding, said as such, and it fails the run
    assert "this run shows a new variant" in done.stdout, done.stdout


@pytest.mark.e2e
def test_one_finding_entry_covers_its_variants_and_only_them(tmp_path: Path, found: list[str]) -> None:
    path = tmp_path / "expect.toml"
    refused = 'match = "pair *: status linux err * / impl ok"'
    other_errno = 'match = "pair *: errno linux * / impl *"'  # whichever errno it fails with instead
    body = f'[[finding]]\n{refused}\nreason = "accepts any family"\n\n[[finding]]\n{other_errno}\nreason = "errno"\n'
    path.write_text(f'impl = "{BUG}"\n\n{body}')
    done = run("--impl", BUG, "--expect", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{BUG}: pair *: status linux err * / impl ok: seen in {PROP}" in done.stdout
    # without the second entry its variants are a finding of their own, and new
    path.write_text(f'impl = "{BUG}"\n\n[[finding]]\n{refused}\nreason = "accepts any family"\n')
    done = run("--impl", BUG, "--expect", str(path))
    assert done.returncode == 1 and ": errno linux " in done.stdout and "deviates (" in done.stdout, done.stdout


@pytest.mark.e2e
def test_without_the_file_the_run_fails() -> None:
    assert run("--impl", BUG).returncode == 1


@pytest.mark.e2e
def test_a_fixed_deviation_is_reported_and_an_unreached_one_is_not(tmp_path: Path, found: list[str]) -> None:
    done = run("--impl", "native", "--expect", write(tmp_path, [found[0], UNREACHED], impl="native"))
    assert done.returncode == 0, done.stdout
    assert f"native: {found[0]}: now conforms: its step ran and agreed with Linux" in done.stdout
    assert f"native: {UNREACHED}: not reached" in done.stdout


def entry(body: str) -> str:
    return f"[[deviation]]\n{body}\n"


def finding(body: str) -> str:
    return f"[[finding]]\n{body}\n"


GOOD = 'signature = "pair family=other: status linux err EAFNOSUPPORT / impl ok"\nreason = "x"'


@pytest.mark.parametrize(
    "body, impl, fragment",
    [
        ("[[deviation]\n", BUG, "is not valid TOML"),
        (entry(f'id = "{PROP}:A7"\nreason = "x"'), BUG, "names a whole property or catalog row"),
        (entry('signature = "pair differs"\nreason = "x"'), BUG, "is not a deviation's signature"),
        (entry(GOOD + '\nproperty = "no.such.property"'), BUG, "is not a property of the suite"),
        (entry(GOOD.split("\n")[0]), BUG, "give a reason"),
        (entry(f'property = "{PROP}"\nkind = "conforms"\nreason = "x"'), BUG, "kind 'conforms' is not one of"),
        (entry(f'kind = "hung"\nreason = "x"\n{GOOD.split(chr(10))[0]}'), BUG, "names the property it happens in"),
        (entry(GOOD + '\nseverity = "high"'), BUG, "unknown key(s) severity"),
        (entry(GOOD), "python:tests.quality.faulty:drops_rights", "which this run does not test"),
        (finding('reason = "x"'), BUG, 'give match = "PATTERN"'),
        (finding('match = []\nreason = "x"'), BUG, 'give match = "PATTERN"'),
        (finding('match = "pair *"\nreason = "x"'), BUG, "is not a signature pattern"),
        (finding('match = "* / impl ok"\nreason = "x"'), BUG, "is not a signature pattern"),
        (finding('match = "pair *: status linux * / impl ok"'), BUG, "give a reason"),
        (finding('match = "pair *: errno linux * / impl ok"\nreason = "x"\nkind = "hung"'), BUG, "unknown key(s) kind"),
        ('[[findings]]\nmatch = "x"\n', BUG, "unknown table(s) findings"),
    ],
)
def test_bad_expectation_file_is_one_line(tmp_path: Path, body: str, impl: str, fragment: str) -> None:
    path = tmp_path / "expect.toml"
    path.write_text(f'impl = "{impl}"\n\n{body}')
    assert_one_line_error(cli("run", "--impl", BUG, "--expect", str(path)), fragment)


def test_missing_impl_line(tmp_path: Path) -> None:
    path = tmp_path / "expect.toml"
    path.write_text(entry(GOOD))
    assert_one_line_error(cli("run", "--expect", str(path)), 'no impl = "SPEC" line')


def test_a_signature_whose_value_holds_a_colon_can_be_listed(tmp_path: Path) -> None:
    # addr=path:HEX is in the engine's own signatures (the fallback's bind and connect);
    # the file format refused them, so the matrix could not explain them.
    signature = "addr stream call=connect addr=path:2f78: status linux err ENOENT / impl raised TypeError"
    assert listed_as(tmp_path, signature) == signature


def test_undemonstrable_is_text_saying_why(tmp_path: Path) -> None:
    from conformance.errors import SetupError
    from conformance.reporting import expectations

    path = tmp_path / "x.toml"
    path.write_text(f'impl = "x"\n\n[[deviation]]\n{GOOD}\nundemonstrable = "heap bytes"\n')
    assert expectations.load(path).entries[0].undemonstrable == "heap bytes"
    path.write_text(f'impl = "x"\n\n[[deviation]]\n{GOOD}\nundemonstrable = ""\n')
    with pytest.raises(SetupError, match="undemonstrable says why"):
        expectations.load(path)


def test_a_headline_copied_from_the_console_matches_its_signature(tmp_path: Path) -> None:
    # The console prints "[1] SIGNATURE (via recv_fds)"; the calls a deviation showed
    # through are not part of its signature, so an entry copied with them must still match
    # (it silently matched nothing, and the deviation stayed "new").
    signature = "recv stream: leaked linux 0 / impl more"
    assert listed_as(tmp_path, f"{signature} (via recv_fds, recv)") == signature


def listed_as(tmp_path: Path, written: str) -> str:
    """The signature an expectation file's single entry, written as ``written``, is known by."""
    from conformance.reporting import expectations

    path = tmp_path / "x.toml"
    path.write_text(f'impl = "x"\n\n[[deviation]]\nsignature = "{written}"\nreason = "r"\n')
    (entry,) = expectations.load(path).entries
    return entry.signature
