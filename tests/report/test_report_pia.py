"""The CNIL PIA software export (--pia): checked against the structure of that software (tests/data/
cnil_pia_structure.json, facts noted from the LINCnil/pia repository)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor.report import risk
from auditor.report.pia import pia_dict, write_pia
from auditor.report.story import actions

STRUCTURE = json.loads((Path(__file__).parents[1] / "data" / "cnil_pia_structure.json").read_text(encoding="utf-8"))
QUESTIONS = {q: kind for kind, ids in STRUCTURE["questions"].items() for q in ids}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_export_matches_the_structure_of_the_pia_software(result, lang):
    d = pia_dict(result, lang)
    assert list(d) == STRUCTURE["top_level"]
    for field in STRUCTURE["pia_fields_read_on_import"]:
        assert field in d["pia"], field
    assert d["pia"]["name"]
    refs = []
    for a in d["answers"]:
        for field in STRUCTURE["answer_fields"]:
            assert field in a
        kind = QUESTIONS[a["reference_to"]]                      # every answer answers a real question
        refs.append(a["reference_to"])
        data = a["data"]
        assert set(data) == {"text", "gauge", "list"}
        if kind == "gauge":
            assert data["gauge"] in (1, 2, 3, 4)
        else:
            assert data["gauge"] is None
        if kind == "list":
            assert data["list"] and all(isinstance(x, str) and x for x in data["list"])
        if kind == "text":
            assert data["text"]
    assert len(refs) == len(set(refs))
    for q in STRUCTURE["questions"]["gauge"] + STRUCTURE["questions"]["list"]:
        assert q in refs                                        # the three feared events are fully answered
    for m in d["measures"]:
        assert all(field in m for field in STRUCTURE["measure_fields"]) and m["title"]
    for e in d["evaluations"]:
        assert all(field in e for field in STRUCTURE["evaluation_fields"])
        item = re.match(r"^(\d\.\d)(?:\.(\d{3}))?$", e["reference_to"])
        assert item and item.group(1) in STRUCTURE["items"]
        if item.group(2):
            assert int(item.group(2)) in QUESTIONS and STRUCTURE["items"][item.group(1)] == "question"
        assert e["status"] in (1, 2, 3) and set(e["gauges"]) == {"x", "y"}
    for c in d["comments"]:
        assert all(field in c for field in STRUCTURE["comment_fields"]) and c["reference_to"] in QUESTIONS


def test_risks_actions_and_leftovers_are_mapped(result):
    d = pia_dict(result, "en")
    assessment = risk.assess(result)
    gauges = {a["reference_to"]: a["data"]["gauge"] for a in d["answers"] if a["data"]["gauge"]}
    access = assessment.event("access")
    assert gauges[325] == access.severity_after and gauges[326] == access.likelihood_after
    titles = " ".join(m["title"] for m in d["measures"])
    for f, _ in actions(result):
        assert f.title.en in titles
    plan = " ".join(e["action_plan_comment"] for e in d["evaluations"])
    assert plan                                                  # the action plan reaches the evaluations
    comments = "\n".join(c["description"] for c in d["comments"])
    for f in result.findings:
        if not f.is_waived:
            assert f.rule_id in comments                        # nothing is lost: findings go into comments


def test_write_pia_is_json_in_the_report_language(tmp_path, result):
    path = write_pia(result, tmp_path / "pia.json", lang="fr")
    d = json.loads(path.read_text(encoding="utf-8"))
    assert "France" in d["answers"][0]["data"]["text"]
