"""The grouping's rules as plain cases (engine/causes.py), and reports read by finding."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from conformance.engine.causes import matches, parse, pattern_of, symptom, symptom_of
from conformance.reporting import report, schema

DATA = Path(__file__).with_name("data")


@pytest.mark.parametrize(
    "signatures, same",
    [
        # one symptom on every type, under any argument
        (["recv dgram: msg_flags linux trunc / impl -", "recv seqpacket peek: msg_flags linux trunc / impl -"], True),
        # relational classes are the scenario's: fewer or more
        (["duplex stream: got0 linux n / impl fewer", "duplex dgram: got0 linux n / impl more"], True),
        # an answer that is the pair's own type
        (
            [
                "getsockopt dgram opt=type: value linux dgram / impl stream",
                "getsockopt seqpacket opt=type: value linux seqpacket / impl stream",
            ],
            True,
        ),
        # a count an ioctl answers: how far off depends on the scenario; which ioctl does not
        (["ioctl stream req=inq: value linux 2 / impl 1", "ioctl stream req=inq: value linux 26 / impl 25"], True),
        (["ioctl stream req=inq: value linux 2 / impl 1", "ioctl stream req=outq: value linux 2 / impl 1"], False),
        # which errno Linux refuses with is the arguments' doing; what the implementation did is the bug's
        (
            [
                "send dgram to: status linux err ECONNREFUSED / impl ok",
                "send stream to: status linux err EISCONN / impl ok",
            ],
            True,
        ),
        (["send stream: errno linux EPIPE / impl ECONNRESET", "send stream: errno linux EPIPE / impl EINVAL"], False),
        # EAGAIN is no argument check: blocking where Linux says EAGAIN is another bug
        (
            [
                "recv stream: status linux err EAGAIN / impl blocked",
                "recv stream: status linux err EMSGSIZE / impl blocked",
            ],
            False,
        ),
        # other fields, other values: other findings
        (["recv dgram: msg_flags linux trunc / impl -", "recv dgram: msg_flags linux ctrunc / impl -"], False),
        (
            ["recv dgram: msg_flags linux trunc / impl -", "recv dgram: anc linux fds in order / impl fds reordered"],
            False,
        ),
        # a queue that differs says only that: the step that left it so is the symptom
        (
            [
                "send dgram empty: delivery linux as sent / impl other",
                "send dgram: delivery linux as sent / impl other",
            ],
            False,
        ),
        (
            [
                "send dgram empty: delivery linux as sent / impl other",
                "send seqpacket empty: delivery linux as sent / impl other",
            ],
            True,
        ),
    ],
)
def test_the_same_symptom(signatures: list[str], same: bool) -> None:
    assert (len({symptom_of(s) for s in signatures}) == 1) == same, [symptom_of(s) for s in signatures]


def test_a_signature_reads_back_from_its_text() -> None:
    for text in (
        "recv dgram peek: msg_flags linux trunc / impl -",
        "send seqpacket empty: delivery linux as sent / impl other",
    ):
        assert str(parse(text)) == text


def test_pattern_of_is_the_narrowest_that_matches_every_variant() -> None:
    variants = ["recv dgram: msg_flags linux trunc / impl -", "recv seqpacket peek: msg_flags linux trunc / impl -"]
    pattern = pattern_of(variants)
    assert pattern == "recv *: msg_flags linux trunc / impl -"
    assert all(matches(pattern, v) for v in variants)
    assert not matches(pattern, "recv dgram: msg_flags linux ctrunc / impl -")
    assert pattern_of(variants[:1]) == variants[0]
    assert symptom(parse(variants[0])) == "recv *: msg_flags linux trunc / impl -"


def test_a_report_holds_findings_with_their_variants_and_an_old_one_is_still_read(tmp_path: Path) -> None:
    old = DATA / "report-format-2.jsonl"
    header, _, findings = report.load(old)
    assert header["format"] == "socketpair-conformance-report/2"
    deviations = [json.loads(line) for line in old.read_text().splitlines() if '"type": "deviation"' in line]
    assert sum(len(f["variants"]) for f in findings) == len(deviations) > len(findings) >= 1
    for f in findings:  # each a valid format-3 record, its variants matching its pattern
        assert schema.problem(f, schema.schema(), schema.schema()) is None
        jsonschema.Draft202012Validator(schema.schema()).validate(f)
        assert all(matches(f["pattern"], v["signature"]) for v in f["variants"])
    out = io.StringIO()
    report.summary(old, out)
    assert f"{len(findings)} findings ({len(deviations)} variants)" in out.getvalue()
    assert "deviates (" in out.getvalue()
    # a report of a format this version does not read is one line
    future = tmp_path / "r.jsonl"
    future.write_text(old.read_text().replace("socketpair-conformance-report/2", "socketpair-conformance-report/9"))
    with pytest.raises(Exception, match="format socketpair-conformance-report/9"):
        report.load(future)
