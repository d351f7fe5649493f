"""Re-assessment: `diff_results`, `auditor diff` and `audit --baseline` on the demo example before and after
remediation (assets/deployments/03 and 12), renamed cameras, and bad input (exit 2)."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.core.errors import InputError
from auditor.report.diff import diff_results, subject_renames
from auditor.report.document import plain_text
from auditor.report.story import build_story

DEPLOYMENTS = Path(str(resources.files("auditor_assets") / "deployments"))


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff")
    out = {}
    for name, example in (("before", "03-emotion-checkout.yaml"), ("after", "12-emotion-checkout-remediated.yaml")):
        path = folder / f"{name}.json"
        assert main(["audit", str(DEPLOYMENTS / example), "--no-footage", "--date", "2026-11-23", "--json",
                     str(path), "-q"]) in (0, 1)
        out[name] = path
    return out


def _finding(rule: str, subject: str, severity: str) -> dict:
    return {"rule_id": rule, "subject": subject, "severity": severity, "title": {"en": rule, "fr": rule},
            "waived": False, "question": False}


def _report(findings: list[dict], cameras: list[str]) -> dict:
    return {"format_version": "1.1", "tool": {"version": "x"}, "generated_at": "2026-11-23T10:00:00Z",
            "audit_date": "2026-11-23", "findings": findings,
            "facts": {"store": {"name": "S"}, "cameras": [{"id": c} for c in cameras]}}


def test_the_remediated_demo_lists_what_was_fixed(reports, capsys):
    capsys.readouterr()
    assert main(["diff", str(reports["before"]), str(reports["after"])]) == 0
    out = capsys.readouterr().out
    assert "blocker -> minor (changed)" in out
    resolved = out.split("Resolved (")[1].split("New (")[0]
    for rule in ("AIACT-ART5-1F-EMOTION-WORKPLACE", "GDPR-ART44-TRANSFER", "CNIL-VIDEO-CSE-CONSULT",
                 "GDPR-ART35-1-DPIA-REQUIRED", "GDPR-ART38-1-DPO-INVOLVED"):
        assert rule in resolved
    assert "Renamed: camera:ENT-1 -> camera:ENTR-1" in out
    d = diff_results(reports["before"], reports["after"])
    assert not d.new_findings
    # the relabelled entrance camera keeps its finding: unchanged, not resolved + new
    kept = [c for c in d.unchanged if c.subject == "camera:ENTR-1"]
    assert kept and all(c.old_subject == "camera:ENT-1" for c in kept)


def test_categories_and_matching_by_id_then_position():
    old = _report([_finding("R-A", "camera:C1", "major"), _finding("R-B", "camera:C2", "minor"),
                   _finding("R-C", "deployment", "major"), _finding("R-D", "camera:C3", "minor")], ["C1", "C2", "C3"])
    new = _report([_finding("R-A", "camera:C1", "minor"), _finding("R-B", "camera:X2", "minor"),
                   _finding("R-E", "deployment", "blocker")], ["C1", "X2", "C3"])
    d = diff_results(old, new)
    assert subject_renames(old["facts"], new["facts"])["camera:C2"] == "camera:X2"
    assert [(c.rule_id, c.old_severity, c.new_severity) for c in d.changed] == [("R-A", "major", "minor")]
    assert [c.rule_id for c in d.unchanged] == ["R-B"]
    assert sorted(c.rule_id for c in d.resolved) == ["R-C", "R-D"]
    assert [c.rule_id for c in d.new_findings] == ["R-E"]
    assert d.old["verdict"] == "major" and d.new["verdict"] == "blocker" and d.verdict_changed


def test_a_waived_finding_counts_as_resolved():
    old = _report([_finding("R-A", "deployment", "major")], [])
    new = copy.deepcopy(old)
    new["findings"][0]["waived"] = True
    assert [c.rule_id for c in diff_results(old, new).resolved] == ["R-A"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_changes_section_in_the_report(reports, lang):
    from auditor.report.diff import diff_reports
    from tests.report.conftest import make_result

    result = make_result()
    d = diff_reports(json.loads(reports["before"].read_text()), json.loads(reports["after"].read_text()))
    text = plain_text(build_story(result, lang, None, changes=d))
    title = "Changes since the last assessment" if lang == "en" else "Évolutions depuis la dernière évaluation"
    assert title in text
    assert "AIACT-ART5-1F-EMOTION-WORKPLACE" in text
    assert title not in plain_text(build_story(result, lang, None))


def test_baseline_option_adds_the_section_to_every_format(reports, tmp_path, capsys):
    import docx

    out = tmp_path / "after.docx"
    code = main(["audit", str(DEPLOYMENTS / "12-emotion-checkout-remediated.yaml"), "--no-footage", "--date",
                 "2026-11-23", "--baseline", str(reports["before"]), "--out", str(out), "-q"])
    assert code == 0
    assert "resolved, 0 new" in capsys.readouterr().out
    heads = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert "Changes since the last assessment" in heads


@pytest.mark.parametrize("content, message", [
    ('{"a": 1}', "not an audit JSON report"),
    ("[1, 2]", "not an audit JSON report"),
    ('{"a": ', "not valid JSON"),
    ("\udcff", "not"),
])
def test_bad_input_is_refused_with_exit_2(reports, tmp_path, capsys, content, message):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert main(["diff", str(bad), str(reports["after"])]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and str(bad) in err
    assert main(["audit", str(DEPLOYMENTS / "12-emotion-checkout-remediated.yaml"), "--no-footage",
                 "--baseline", str(bad)]) == 2


def test_different_schema_versions_are_refused(reports, tmp_path, capsys):
    data = json.loads(reports["before"].read_text())
    data["format_version"] = "0.9"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    assert main(["diff", str(old), str(reports["after"])]) == 2
    assert "different JSON schema versions" in capsys.readouterr().err
    with pytest.raises(InputError):
        diff_results(old, reports["after"])
