"""One verdict, computed once in the core: the same tier and the same findings in JSON, SARIF, CLI and demo."""

from __future__ import annotations

import pytest

from auditor.audit import AuditRequest, run_audit
from auditor.cli import main as cli_main
from auditor.core.model import Tier
from auditor.report.json_report import report_dict
from auditor.report.sarif import sarif_dict
from tests.rules.conftest import BASE_DEPLOYMENT, dump, rule_doc


def audit(config, pack, **kw):
    return run_audit(AuditRequest(config=config, rule_dirs=[pack], analyse_footage=False, audit_date="2026-11-23",
                                  **kw))


@pytest.mark.parametrize("over, tier", [
    ({"severity": "blocker", "tier": "prohibited"}, Tier.PROHIBITED),
    ({"severity": "blocker", "tier": "unlawful_until_fixed"}, Tier.UNLAWFUL_UNTIL_FIXED),
    ({"severity": "major"}, Tier.LAWFUL_WITH_CONDITIONS),
    ({"severity": "major", "escalate": [{"when": "camera.retention_days > 5", "severity": "blocker",
                                         "tier": "prohibited"}]}, Tier.PROHIBITED),
    ({"severity": "major", "escalate": [{"when": "camera.retention_days > 50", "severity": "blocker",
                                         "tier": "prohibited"}]}, Tier.LAWFUL_WITH_CONDITIONS),
])
def test_every_output_gives_the_same_verdict(write_deployment, make_pack, over, tier):
    pack = make_pack([rule_doc(**over)])
    result = audit(write_deployment(), pack)            # retention 7 days: the rule fails
    assert result.verdict() is tier
    (f,) = [f for f in result.findings if f.rule_id == "TEST-RETENTION-LONG"]
    doc = report_dict(result)
    assert doc["summary"]["verdict"] == tier.value and doc["summary"]["verdict_text"]["en"] == tier.text.en
    assert doc["summary"]["prohibited"] is (tier is Tier.PROHIBITED)
    in_verdict = f.id in doc["summary"]["verdict_findings"]
    assert in_verdict is (tier is not Tier.LAWFUL_WITH_CONDITIONS or f.severity.value != "info")
    (jf,) = [x for x in doc["findings"] if x["id"] == f.id]
    assert jf["verdict_tier"] == f.verdict_tier.value
    run = sarif_dict(result, lang="fr")["runs"][0]
    assert run["properties"]["verdict"]["tier"] == tier.value and run["properties"]["verdict"]["text"] == tier.text.fr
    assert run["properties"]["verdict"]["findings"] == doc["summary"]["verdict_findings"]


def test_waived_and_undecided_blockers_do_not_make_the_verdict(tmp_path, write_deployment, make_pack):
    pack = make_pack([rule_doc(severity="blocker", tier="prohibited")])
    waivers = tmp_path / "w.yaml"
    waivers.write_text(dump([{"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-1", "justification": "ok",
                              "approver": "DPO", "expires": "2099-01-01"}]), encoding="utf-8")
    assert audit(write_deployment(), pack, waivers=waivers).verdict() is Tier.LAWFUL_WITH_CONDITIONS
    data = {**BASE_DEPLOYMENT, "cameras": [{"id": "CAM-1", "zone": "entrance"}]}    # retention not declared
    result = audit(write_deployment(data), pack)
    assert [f.question for f in result.findings if f.rule_id == "TEST-RETENTION-LONG"] == [True]
    assert result.verdict() is Tier.LAWFUL_WITH_CONDITIONS


def test_cli_summary_and_quiet_line_give_the_verdict_and_its_findings(write_deployment, make_pack, capsys):
    pack = make_pack([rule_doc(severity="blocker", tier="prohibited")])
    config = write_deployment()
    assert cli_main(["audit", str(config), "--rules", str(pack), "--no-footage", "--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "Verdict: Prohibited: cannot be made lawful as designed\n" in out
    assert "  - TEST-RETENTION-LONG on camera:CAM-1: Footage kept too long" in out
    assert cli_main(["audit", str(config), "--rules", str(pack), "--no-footage", "-q"]) == 0
    assert capsys.readouterr().out.startswith("Verdict: Prohibited: cannot be made lawful as designed; DPIA required:")
