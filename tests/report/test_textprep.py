"""Text prepared for the paged report: long values and lists clipped with a note, huge deployments capped."""

from __future__ import annotations

from auditor.core.model import AuditResult, Finding, Severity, Text
from auditor.report import textprep


def result(cameras: int, name: str = "x") -> AuditResult:
    t = Text(en="t", fr="t")
    findings = [Finding(id=f"R@camera:C{i}", rule_id="R", pack="p", severity=Severity.MAJOR, subject=f"camera:C{i}",
                        title=t, message=Text(en=name, fr=name), rationale=t, remediation=t)
                for i in range(cameras)]
    facts = {"store": {"name": name}, "cameras": [{"id": f"C{i}", "purposes": ["a"] * 50} for i in range(cameras)]}
    return AuditResult(facts=facts, findings=findings, packs=[], inputs=[], tool_version="0", generated_at="")


def test_clip_says_how_much_was_left_out():
    assert textprep.clip("abc", 5) == "abc"
    assert textprep.clip("a" * 10, 4) == "aaaa… [6 more characters]"


def test_long_values_and_lists_are_clipped_in_the_copy_only():
    r = result(3, name="N" * 5000)
    shown = textprep.display_result(r)
    assert len(shown.facts["store"]["name"]) < 400 and shown.facts["store"]["name"].endswith("more characters]")
    assert shown.facts["cameras"][0]["purposes"][-1] == f"… and {50 - textprep.LIST_ITEMS:,} more"
    assert len(shown.findings[0].message.en) < 1600
    assert len(r.facts["store"]["name"]) == 5000 and len(r.facts["cameras"][0]["purposes"]) == 50


def test_a_huge_deployment_is_detailed_for_its_first_cameras_with_a_note():
    r = result(textprep.CAMERAS + 50)
    shown = textprep.display_result(r)
    assert len(shown.facts["cameras"]) == textprep.CAMERAS and len(shown.findings) == textprep.CAMERAS
    assert f"of the {textprep.CAMERAS + 50:,} cameras" in shown.warnings[0]
    assert len(r.facts["cameras"]) == textprep.CAMERAS + 50 and not r.warnings
