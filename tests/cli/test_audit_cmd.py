"""`auditor audit`, `auditor facts` and `auditor demo`, in-process: exit codes, outputs, messages."""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from auditor.cli import main
from tests.rules.conftest import BASE_DEPLOYMENT, dump, rule_doc


@pytest.fixture
def config(write_deployment):
    data = copy.deepcopy(BASE_DEPLOYMENT)
    data["cameras"][0]["retention_days"] = 30
    return write_deployment(data)


def test_audit_prints_a_summary_and_writes_json_and_sarif(config, tmp_path, capsys):
    out_json, out_sarif = tmp_path / "r.json", tmp_path / "r.sarif"
    code = main(["audit", str(config), "--json", str(out_json), "--sarif", str(out_sarif), "--date", "2026-11-23",
                 "--no-footage"])
    assert code == 0
    out = capsys.readouterr().out
    assert "DPIA required:" in out and "Verdict: " in out and "Pack gdpr" in out
    assert f"wrote {out_json}" in out and f"wrote {out_sarif}" in out
    assert json.loads(out_json.read_text(encoding="utf-8"))["audit_date"] == "2026-11-23"
    assert json.loads(out_sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"


@pytest.mark.parametrize("threshold, code", [("blocker", 0), ("major", 1), ("info", 1), ("none", 0)])
def test_fail_on(config, threshold, code, capsys):
    assert main(["audit", str(config), "--no-footage", "--fail-on", threshold, "-q"]) == code
    assert capsys.readouterr().out.startswith("Verdict: ")


def test_waived_findings_do_not_fail(config, tmp_path, make_pack, capsys):
    pack = make_pack([rule_doc()], name="mine")
    waivers = tmp_path / "w.yaml"
    waivers.write_text(dump([{"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-1", "justification": "ok",
                              "approver": "DPO", "expires": "2099-01-01"}]), encoding="utf-8")
    args = ["audit", str(config), "--no-footage", "--rules", str(pack), "--fail-on", "major"]
    gdpr_major = main(args + ["-q"])
    capsys.readouterr()
    # the user pack's major finding is waived; any built-in majors still count, so compare with and without
    assert main(args + ["--waivers", str(waivers)]) == gdpr_major
    assert "[waived]" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["audit", "missing.yaml"], "no such file"),
    (["audit", "{config}", "--rules", "{tmp}/nope"], "no such rule-pack folder"),
    (["audit", "{config}", "--waivers", "{tmp}/nope.yaml"], "no such file"),
    (["audit", "{config}", "--footage", "CAM-1"], "expected CAMERA_ID=PATH"),
    (["audit", "{config}", "--footage", "NOPE=x.mp4"], "--footage names camera 'NOPE'"),
    (["audit", "{config}", "--date", "tomorrow"], "invalid audit date"),
])
def test_bad_input_exits_2_without_a_traceback(config, tmp_path, args, message, capsys, fake_footage):
    argv = [a.format(config=config, tmp=tmp_path) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_sample_rate_is_a_usage_error(config, capsys):
    assert main(["audit", str(config), "--sample-fps", "0"]) == 2
    assert "must be positive" in capsys.readouterr().err


def test_unwritable_output_exits_2(config, tmp_path, capsys):
    assert main(["audit", str(config), "--no-footage", "--json", str(tmp_path / "no" / "dir" / "r.json")]) == 2
    assert "cannot write the output: the folder" in capsys.readouterr().err


def test_ctrl_c_exits_130_and_writes_nothing(config, tmp_path, monkeypatch, capsys):
    import auditor.audit

    def interrupted(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(auditor.audit, "run_audit", interrupted)
    out = tmp_path / "r.json"
    assert main(["audit", str(config), "--json", str(out)]) == 130
    assert not out.exists() and "interrupted" in capsys.readouterr().err


def test_audit_with_explicit_footage(config, tmp_path, fake_footage, capsys):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x")
    assert main(["audit", str(config), "--footage", f"CAM-1={clip}", "--sample-fps", "1.5"]) == 0
    assert fake_footage.calls[0][1] == [clip] and fake_footage.calls[0][2]["sample_fps"] == 1.5


def test_facts_to_stdout(config, capsys):
    assert main(["facts", str(config), "--no-footage", "--date", "2026-11-23"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["audit"]["date"] == "2026-11-23" and "wp248" in facts["derived"]
    assert facts["cameras"][0]["derived"]["publicly_accessible"] is True


def test_facts_to_a_file_with_footage(config, tmp_path, fake_footage, capsys):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x")
    out = tmp_path / "facts.json"
    assert main(["facts", str(config), "--footage", f"CAM-1={clip}", "--out", str(out)]) == 0
    facts = json.loads(out.read_text(encoding="utf-8"))
    assert facts["cameras"][0]["footage"]["identification_grade_share"] == 0.5
    assert capsys.readouterr().out == ""


def test_facts_bad_config(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"store": {"name": "x"}}), encoding="utf-8")
    assert main(["facts", str(bad)]) == 2
    assert "required key" in capsys.readouterr().err


def test_demo_writes_real_output(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--no-footage", "--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["example", "DPIA", "verdict"]
    assert sum(1 for line in lines if line[:2].isdigit()) >= 11
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["03-emotion-checkout.en.pdf", "03-emotion-checkout.fr.pdf", "03-emotion-checkout.json",
                       "03-emotion-checkout.sarif"]
    doc = json.loads((tmp_path / "out" / "03-emotion-checkout.json").read_text(encoding="utf-8"))
    assert doc["findings"] and doc["summary"]["dpia_required"] is True
    rows = [line.split() for line in lines if line[:2].isdigit()]
    assert all(row[2] in {"prohibited", "unlawful_until_fixed", "lawful_with_conditions"} for row in rows)
    assert [r[2] for r in rows if r[0] == "03-emotion-checkout"] == [doc["summary"]["verdict"]]
    from pypdf import PdfReader

    for lang, heading in (("en", "Executive summary"), ("fr", "Synthèse")):
        reader = PdfReader(tmp_path / "out" / f"03-emotion-checkout.{lang}.pdf")
        assert len(reader.pages) > 10
        assert heading in "".join(page.extract_text() for page in reader.pages[:4])


def test_demo_unknown_example(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--example", "nope", "--no-footage"]) == 2
    assert "no example matches 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("lang,heading", [("en", "Executive summary"), ("fr", "Synthèse")])
def test_audit_writes_the_pdf_report(config, tmp_path, capsys, lang, heading):
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    args = ["audit", str(config), "--no-footage", "--out", str(out), "--lang", lang, "--assessor", "Léa Dupont"]
    assert main(args) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert heading in text and "Léa Dupont" in text
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".report.pdf*"))


def test_audit_pdf_is_reproducible_with_source_date_epoch(config, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["audit", str(config), "--no-footage", "--out", str(a)]) == 0
    assert main(["audit", str(config), "--no-footage", "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_audit_rejects_an_unknown_report_language(config, tmp_path, capsys):
    assert main(["audit", str(config), "--out", str(tmp_path / "r.pdf"), "--lang", "de"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()
