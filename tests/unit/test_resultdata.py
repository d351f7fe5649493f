"""AuditResult as plain data and back: a saved project's last audit reads back equal, bad data is an InputError."""

from __future__ import annotations

import json

import pytest

from auditor.core.answers import Answer
from auditor.core.errors import InputError
from auditor.core.model import (
    AuditResult, Check, Finding, InputFile, Outcome, PackInfo, Reference, Severity, Text, Tier, WaiverState,
)
from auditor.core.resultdata import result_from_data, result_to_data


def sample() -> AuditResult:
    answer = Answer("R-2", "camera:C1", "failed", "seen on site", "J. Doe", "2026-11-20")
    finding = Finding(id="R-1@deployment", rule_id="R-1", pack="gdpr", severity=Severity.BLOCKER, subject="deployment",
                      title=Text("t", "t fr"), message=Text("m", "m fr"), rationale=Text("r", "r fr"),
                      remediation=Text("x", "x fr"), references=[Reference("GDPR", article="9", paragraph="1")],
                      evidence={"camera.zone": "checkout", "n": 3.5}, tier=Tier.PROHIBITED,
                      waiver=WaiverState("ok", "A", "2027-01-01", False, "expired"), answer=answer)
    check = Check("R-2", "gdpr", "camera:C1", Outcome.FAILED, Text("t2", "t2 fr"), [Reference("GDPR", article="5")],
                  answer=answer, finding_id="R-2@camera:C1")
    return AuditResult(facts={"cameras": [{"id": "C1", "footage": {"evidence_frames": [{"frame_index": 3}]}}]},
                       findings=[finding], packs=[PackInfo("gdpr", Text("GDPR", "RGPD"), "EU", "0.1", "2026-11-01")],
                       inputs=[InputFile("config", "d.yaml", "ab" * 32)], tool_version="1", generated_at="2026-11-23",
                       warnings=["w"], evidence_reviewed=True, checks=[check])


def test_round_trip_through_json_is_equal():
    original = sample()
    back = result_from_data(json.loads(json.dumps(result_to_data(original))), file="p.result.json")
    assert back == original
    assert back.findings[0].severity is Severity.BLOCKER and back.checks[0].outcome is Outcome.FAILED
    assert back.verdict() is original.verdict()


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d["findings"][0].update(severity="fatal"), "result.findings[0].severity"),
    (lambda d: d["findings"][0].update(title="x"), "result.findings[0].title"),
    (lambda d: d.update(evidence_reviewed="yes"), "result.evidence_reviewed"),
    (lambda d: d["checks"][0].pop("outcome"), "result.checks[0]"),
    (lambda d: d.update(findings={}), "result.findings"),
])
def test_malformed_data_names_the_field(mutate, where):
    data = result_to_data(sample())
    mutate(data)
    with pytest.raises(InputError) as err:
        result_from_data(data, file="p.result.json")
    assert err.value.problems[0].path == where and "p.result.json" in err.value.format()
