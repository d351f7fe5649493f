"""`auditor rules list|show|validate|test`, in-process."""

from __future__ import annotations

from auditor.cli import main
from tests.rules.conftest import rule_doc


def test_list(capsys):
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "GDPR-ART5-1E-RETENTION-72H" in out and "gdpr " in out and "checked" in out


def test_list_one_pack(capsys):
    assert main(["rules", "list", "--pack", "ai_act"]) == 0
    out = capsys.readouterr().out
    assert "AIACT-" in out and "GDPR-ART5-1E-RETENTION-72H" not in out


def test_show(capsys):
    assert main(["rules", "show", "GDPR-ART5-1E-RETENTION-72H"]) == 0
    out = capsys.readouterr().out
    assert "trigger:" in out and "GDPR Art 5(1)(e)" in out and "examples:" in out
    assert main(["rules", "show", "GDPR-ART5-1E-RETENTION-72H", "--lang", "fr"]) == 0
    assert "conserv" in capsys.readouterr().out.lower()


def test_show_unknown_rule(capsys):
    assert main(["rules", "show", "NOPE-RULE"]) == 2
    assert "no rule 'NOPE-RULE'" in capsys.readouterr().err


def test_validate_builtin(capsys):
    assert main(["rules", "validate"]) == 0
    assert "OK (pack gdpr" in capsys.readouterr().out


def test_validate_a_bad_user_pack(make_pack, capsys):
    folder = make_pack([rule_doc(severity="critical", trigger="camera.nope > 1")])
    assert main(["rules", "validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "TEST-RETENTION-LONG.yaml:" in err and "rule TEST-RETENTION-LONG, severity" in err
    assert "unknown fact 'camera.nope'" in err and "Traceback" not in err


def test_validate_missing_folder(capsys, tmp_path):
    assert main(["rules", "validate", str(tmp_path / "nope")]) == 2
    assert "no such rule-pack folder" in capsys.readouterr().err


def test_test_builtin(capsys):
    assert main(["rules", "test"]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1].endswith(" passed, 0 failed")


def test_test_reports_a_failing_example(make_pack, capsys):
    bad = rule_doc(examples=[{"name": "one day", "expect": "pass", "camera": {"retention_days": 1}},
                             {"name": "wrong", "expect": "pass", "camera": {"retention_days": 30}}])
    folder = make_pack([bad])
    assert main(["rules", "test", str(folder), "-v"]) == 1
    out = capsys.readouterr().out
    assert "ok   TEST-RETENTION-LONG:one day" in out
    assert "FAIL" in out and "TEST-RETENTION-LONG:wrong: expected pass, got fail (major)" in out
    assert "needs at least one example with expect: fail" in out
    assert out.strip().splitlines()[-1] == "1 passed, 2 failed"


def test_test_filter(make_pack, capsys):
    folder = make_pack([rule_doc(), rule_doc("TEST-OTHER-RULE")])
    assert main(["rules", "test", str(folder), "-k", "OTHER"]) == 0
    assert capsys.readouterr().out.strip() == "2 passed, 0 failed"


def test_rules_without_action(capsys):
    assert main(["rules"]) == 2
