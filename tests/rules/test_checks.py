"""Every check's outcome: the engine keeps each evaluated rule x subject; JSON, SARIF, CLI and the PDF annex show it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from auditor.audit import AuditRequest, run_audit
from auditor.cli import main as cli_main
from auditor.core.model import Outcome
from auditor.report.json_report import report_dict
from auditor.report.sarif import sarif_dict
from auditor.report.story import build_story, law_table, plain_text
from auditor.rules.packs import load_packs
from tests.rules.conftest import BASE_DEPLOYMENT, rule_doc

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assets" / "deployments" / "10-mood-music.yaml"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def audit(config, pack=None, **kw):
    return run_audit(AuditRequest(config=config, rule_dirs=[pack] if pack else [], analyse_footage=False,
                                  audit_date="2026-11-23", **kw))


def outcome_of(result, rule_id, subject="camera:CAM-1"):
    (check,) = [c for c in result.checks if c.rule_id == rule_id and c.subject == subject]
    return check


@pytest.mark.parametrize("camera, outcome", [
    ({"retention_days": 30}, Outcome.FAILED),
    ({"retention_days": 1}, Outcome.PASSED),
    ({"retention_days": 30, "recording": False}, Outcome.NOT_APPLICABLE),
    ({}, Outcome.QUESTION),
])
def test_each_rule_on_each_subject_has_one_outcome(write_deployment, make_pack, camera, outcome):
    pack = make_pack([rule_doc(applies_when="camera.recording")])
    data = copy.deepcopy(BASE_DEPLOYMENT)
    data["cameras"][0] = {"id": "CAM-1", "zone": "entrance", "recording": True, **camera}
    result = audit(write_deployment(data), pack)
    check = outcome_of(result, "TEST-RETENTION-LONG")
    assert check.outcome is outcome and check.references and check.references[0].label() == "GDPR Art 5(1)(e)"
    assert (check.finding_id is not None) is (outcome in (Outcome.FAILED, Outcome.QUESTION))
    assert (check.missing_fact == "camera.retention_days") is (outcome is Outcome.QUESTION)


def test_checks_cover_every_rule_of_every_applicable_pack_on_every_subject():
    result = audit(EXAMPLE)
    subjects = {"deployment": 1, "camera": len(result.facts["cameras"]), "activity": len(result.facts["activities"])}
    applicable = {f.pack for f in result.findings} | {c.pack for c in result.checks}
    expected = sum(subjects[r.for_each] for p in load_packs() if p.id in applicable
                   for r in p.rules if r.status != "deprecated")
    assert len(result.checks) == expected
    assert len({(c.rule_id, c.subject) for c in result.checks}) == len(result.checks)
    findings = {f.id for f in result.findings}
    assert {c.finding_id for c in result.checks if c.finding_id} == findings
    assert {c.outcome for c in result.checks} >= {Outcome.PASSED, Outcome.FAILED, Outcome.NOT_APPLICABLE}


def test_json_lists_every_check_and_sarif_reports_passes(tmp_path):
    result = audit(EXAMPLE)
    doc = report_dict(result)
    assert len(doc["checks"]) == len(result.checks)
    assert {c["outcome"] for c in doc["checks"]} <= {"failed", "passed", "not_applicable", "question"}
    first = doc["checks"][0]
    assert {"rule_id", "pack", "subject", "outcome", "title", "references"} <= set(first)
    sarif = sarif_dict(result)
    jsonschema.validate(sarif, SARIF_SCHEMA)
    run = sarif["runs"][0]
    passes = [r for r in run["results"] if r["kind"] == "pass"]
    assert len(passes) == sum(1 for c in result.checks if c.outcome is Outcome.PASSED)
    assert all(r["level"] == "none" and run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
               for r in passes)


@pytest.mark.parametrize("lang, heading, passed", [("en", "Appendix D. Applicable law and checks passed", "Passed"),
                                                    ("fr", "Annexe D. Droit applicable et contrôles satisfaits",
                                                     "Satisfaits")])
def test_the_pdf_annex_groups_every_cited_provision_by_instrument(lang, heading, passed):
    result = audit(EXAMPLE)
    text = plain_text(build_story(result, lang, None))
    annex = text[text.rindex(heading):]
    table = law_table(result)
    instruments = [inst for inst, _ in table]
    assert instruments[0] == "GDPR"
    assert set(instruments) == {r.instrument for c in result.checks for r in c.references}
    assert passed in annex
    for c in result.checks:
        if c.outcome is Outcome.PASSED:
            assert c.rule_id in annex
    provisions = {ref.label() for _, rows in table for ref, _ in rows}
    assert provisions == {r.label() for c in result.checks for r in c.references}


def test_cli_prints_the_check_counts(capsys):
    assert cli_main(["audit", str(EXAMPLE), "--no-footage", "--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "Checks: " in out and " passed, " in out and " not applicable, " in out
