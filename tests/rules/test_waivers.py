"""Waivers: exact match of one rule id and subject, expired ones ignored and said so, unused ones reported."""

from __future__ import annotations

import pytest

from auditor.core.errors import InputError
from auditor.core.model import Finding, Severity, Text
from auditor.rules.waivers import apply_waivers, load_waivers, parse_waivers

T = Text("t", "t")


def finding(rule_id="GDPR-ART5-1E-RETENTION-72H", subject="camera:CHK-2", severity=Severity.MAJOR) -> Finding:
    return Finding(id=f"{rule_id}@{subject}", rule_id=rule_id, pack="gdpr", severity=severity, subject=subject,
                   title=T, message=T, rationale=T, remediation=T)


def waiver(**over):
    entry = {"rule_id": "GDPR-ART5-1E-RETENTION-72H", "subject": "camera:CHK-2",
             "justification": "Insurance requires 30 days", "approver": "Jane Doe (DPO)", "expires": "2027-03-31"}
    entry.update(over)
    return entry


def test_an_exact_match_waives_the_finding():
    f, other = finding(), finding(subject="camera:CHK-3")
    out = apply_waivers([f, other], parse_waivers([waiver()]), audit_date="2026-11-23")
    assert f.is_waived and f.waiver.justification == "Insurance requires 30 days" and f.waiver.approver
    assert not other.is_waived
    assert out.unused == [] and out.expired == []


def test_expired_waivers_are_ignored_and_reported():
    f = finding()
    out = apply_waivers([f], parse_waivers([waiver(expires="2026-11-22")]), audit_date="2026-11-23")
    assert not f.is_waived and f.waiver is not None and f.waiver.active is False
    assert f.waiver.note == "expired on 2026-11-22: ignored"
    assert out.expired[0]["rule_id"] == "GDPR-ART5-1E-RETENTION-72H" and out.expired[0]["matched"] is True


def test_a_waiver_is_valid_on_its_expiry_day():
    f = finding()
    apply_waivers([f], parse_waivers([waiver(expires="2026-11-23")]), audit_date="2026-11-23")
    assert f.is_waived


def test_unused_waivers_are_reported_with_the_reason():
    out = apply_waivers([finding()], parse_waivers([waiver(subject="camera:NOPE"), waiver(rule_id="GDPR-NO-SUCH")]),
                        audit_date="2026-11-23", known_rules={"GDPR-ART5-1E-RETENTION-72H"})
    reasons = {u["subject"] + " " + u["rule_id"]: u["reason"] for u in out.unused}
    assert reasons["camera:NOPE GDPR-ART5-1E-RETENTION-72H"] == "no finding of this rule on this subject"
    assert reasons["camera:CHK-2 GDPR-NO-SUCH"] == "no rule GDPR-NO-SUCH in the loaded packs"


@pytest.mark.parametrize("over", [
    {"subject": "camera:*"}, {"subject": "*"}, {"rule_id": "GDPR-*"}, {"rule_id": "GDPR-ART5-.*"},
    {"subject": "camera:CHK-[12]"},
])
def test_no_wildcards(over):
    with pytest.raises(InputError, match="wildcards are not allowed"):
        parse_waivers([waiver(**over)])


@pytest.mark.parametrize("field", ["rule_id", "subject", "justification", "approver", "expires"])
def test_every_field_is_required(field):
    entry = waiver()
    del entry[field]
    with pytest.raises(InputError, match=f"required field '{field}'"):
        parse_waivers([entry])
    with pytest.raises(InputError, match=f"required field '{field}'"):
        parse_waivers([waiver(**{field: "  "})])


def test_bad_values():
    with pytest.raises(InputError, match="invalid expiry date"):
        parse_waivers([waiver(expires="soon")])
    with pytest.raises(InputError, match="invalid subject"):
        parse_waivers([waiver(subject="CHK-2")])
    with pytest.raises(InputError, match="unknown field 'reason'"):
        parse_waivers([waiver(reason="x")])
    with pytest.raises(InputError, match="a second waiver"):
        parse_waivers([waiver(), waiver()])


def test_replaced_rule_ids_carry_over():
    f = finding(rule_id="GDPR-NEW-ID")
    out = apply_waivers([f], parse_waivers([waiver(rule_id="GDPR-OLD-ID")]), audit_date="2026-11-23",
                        replaced={"GDPR-OLD-ID": "GDPR-NEW-ID"})
    assert f.is_waived and "replaced by GDPR-NEW-ID" in f.waiver.note and out.warnings


def test_load_waiver_file_with_positions(tmp_path):
    path = tmp_path / "waivers.yaml"
    path.write_text("schema_version: 1\nwaivers:\n  - rule_id: GDPR-ART5-1E-RETENTION-72H\n    subject: camera:CHK-2\n"
                    "    justification: ok\n    approver: me\n    expires: 2027-01-31\n", encoding="utf-8")
    (w,) = load_waivers(path)
    assert w.expires == "2027-01-31" and w.line == 3
    path.write_text("waivers:\n  - rule_id: GDPR-ART5-1E-RETENTION-72H\n    subject: '*'\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_waivers(path)
    assert info.value.problems[0].format().startswith(f"{path}:2:5: waivers[0]: ")
