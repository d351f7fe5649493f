"""JSON and SARIF outputs: valid against their schemas, waivers as suppressions, face boxes as attachments."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from auditor.audit import AuditRequest, run_audit
from auditor.report import atomic_writer
from auditor.report.json_report import FORMAT_VERSION, report_dict, write_json
from auditor.report.sarif import sarif_dict, write_sarif
from tests.rules.conftest import BASE_DEPLOYMENT, dump, rule_doc

ROOT = Path(__file__).resolve().parents[2]
FINDINGS_SCHEMA = json.loads((ROOT / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
# The official OASIS SARIF 2.1.0 schema (origin in its "$comment"); no network at test time.
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def result(tmp_path, make_pack, write_deployment, fake_footage):
    (tmp_path / "clip one.mp4").write_bytes(b"x")
    data = copy.deepcopy(BASE_DEPLOYMENT)
    data["cameras"][0]["footage"] = ["clip one.mp4"]
    data["cameras"].append({"id": "CAM-2", "zone": "checkout", "retention_days": 30})
    data["cameras"].append({"id": "CAM-3", "zone": "stockroom"})
    footage_rule = rule_doc("FOOTAGE-TEST-ID-GRADE", trigger="camera.derived.id_grade_capture",
                            message={"en": "camera {{ camera.id }} captures faces", "fr": "x"},
                            evidence=["camera.derived.id_grade_share"],
                            examples=[{"name": "a", "expect": "pass", "camera": {"derived": {"id_grade_capture": False}}},
                                      {"name": "b", "expect": "fail", "camera": {"derived": {"id_grade_capture": True}}}])
    pack = make_pack([rule_doc(), footage_rule], name="mine")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(dump({"waivers": [
        {"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-2", "justification": "Insurance requires it",
         "approver": "DPO", "expires": "2027-01-01"},
        {"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-9", "justification": "x", "approver": "y",
         "expires": "2027-01-01"},
        {"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-1", "justification": "old", "approver": "y",
         "expires": "2020-01-01"}]}), encoding="utf-8")
    return run_audit(AuditRequest(config=write_deployment(data), rule_dirs=[pack], waivers=waivers,
                                  audit_date="2026-11-23"))


def test_json_report_validates_against_its_schema(result, tmp_path):
    jsonschema.Draft202012Validator.check_schema(FINDINGS_SCHEMA)
    path = write_json(result, tmp_path / "out.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(FINDINGS_SCHEMA).validate(doc)
    assert doc["format_version"] == FORMAT_VERSION and doc["tool"]["version"]
    assert {p["id"] for p in doc["packs"]} >= {"gdpr", "cnil", "ai_act", "mine"}
    assert all("checked" in p and "version" in p for p in doc["packs"])
    kinds = {i["kind"] for i in doc["inputs"]}
    assert kinds == {"config", "footage", "pack", "waivers"}


def test_json_waivers_are_tallied_separately(result):
    doc = report_dict(result)
    waived = [f for f in doc["findings"] if f["waived"]]
    assert [f["subject"] for f in waived] == ["camera:CAM-2"]
    assert waived[0]["waiver"] == {"state": "waived", "justification": "Insurance requires it", "approver": "DPO",
                                   "expires": "2027-01-01"}
    assert doc["summary"]["waived"]["major"] == 1
    assert doc["summary"]["counts"] == result.counts()
    assert [w["subject"] for w in doc["waivers"]["unused"]] == ["camera:CAM-9"]
    assert [w["subject"] for w in doc["waivers"]["expired"]] == ["camera:CAM-1"]
    expired = [f for f in doc["findings"] if f["id"] == "TEST-RETENTION-LONG@camera:CAM-1"][0]
    assert expired["waived"] is False and expired["waiver"]["state"] == "expired"


def test_json_marks_stale_packs(result):
    result.packs[0] = type(result.packs[0])(**{**result.packs[0].__dict__, "checked": "2020-01-01"})
    doc = report_dict(result)
    assert doc["packs"][0]["stale"] is True and "more than 12 months" in doc["packs"][0]["warning"]
    jsonschema.Draft202012Validator(FINDINGS_SCHEMA).validate(doc)


def test_sarif_validates_against_the_official_schema(result, tmp_path):
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    from auditor.audit import subject_regions
    config = [i.path for i in result.inputs if i.kind == "config"][0]
    path = write_sarif(result, tmp_path / "out.sarif", regions=subject_regions(config))
    doc = json.loads(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert doc["version"] == "2.1.0"


def test_sarif_content(result):
    from auditor.audit import subject_regions
    config = [i.path for i in result.inputs if i.kind == "config"][0]
    doc = sarif_dict(result, regions=subject_regions(config))
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["TEST-RETENTION-LONG"]["helpUri"] == "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
    assert rules["TEST-RETENTION-LONG"]["defaultConfiguration"]["level"] == "error"
    results = {r["partialFingerprints"]["auditorFindingId/v1"]: r for r in run["results"]}
    waived = results["TEST-RETENTION-LONG@camera:CAM-2"]
    assert waived["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "Insurance requires it",
                                       "properties": {"approver": "DPO", "expires": "2027-01-01"}}]
    assert "suppressions" not in results["TEST-RETENTION-LONG@camera:CAM-1"]      # expired: not suppressed
    assert run["tool"]["driver"]["rules"][waived["ruleIndex"]]["id"] == "TEST-RETENTION-LONG"
    region = waived["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 1                                              # the camera's line in the config
    question = [r for r in run["results"] if r["kind"] == "review"]
    assert question and all(r["level"] == "note" for r in question)
    assert {p["id"] for p in run["properties"]["packs"]} >= {"gdpr", "mine"}


def test_sarif_face_boxes_as_attachments(result):
    run = sarif_dict(result)["runs"][0]
    (res,) = [r for r in run["results"] if r["ruleId"] == "FOOTAGE-TEST-ID-GRADE" and r["kind"] != "pass"]
    (attachment,) = res["attachments"]
    assert attachment["artifactLocation"]["uri"].endswith("clip%20one.mp4")
    assert attachment["rectangles"] == [
        {"left": 10.0, "top": 12.0, "right": 30.0, "bottom": 36.0, "message": {"text": "face"}},
        {"left": 40.0, "top": 8.0, "right": 58.0, "bottom": 30.0, "message": {"text": "face"}}]
    assert attachment["properties"]["frame_index"] == 3
    no_footage = [r for r in run["results"] if r["ruleId"] == "TEST-RETENTION-LONG" and r["kind"] != "pass"]
    assert all("attachments" not in r for r in no_footage)


def test_french_sarif(result):
    run = sarif_dict(result, lang="fr")["runs"][0]
    assert run["language"] == "fr-FR"
    assert any("conserve les images" in r["message"]["text"] for r in run["results"])


def test_writers_replace_the_target_atomically(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write("half")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    with atomic_writer(target) as fh:
        fh.write("new")
    assert target.read_text(encoding="utf-8") == "new"
