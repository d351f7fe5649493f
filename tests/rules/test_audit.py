"""run_audit: footage paths and overrides, the fake analysis, dates, stale packs, waivers, result content."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from auditor.audit import AuditRequest, audit_clock, run_audit
from auditor.core.errors import InputError
from auditor.core.tasks import CancelToken, Cancelled
from auditor.report import is_stale
from tests.rules.conftest import BASE_DEPLOYMENT, dump, rule_doc


def deployment_with_footage(paths: list[str]) -> dict:
    data = copy.deepcopy(BASE_DEPLOYMENT)
    data["cameras"][0]["footage"] = paths
    return data


def test_footage_in_the_config_folder_is_analysed(tmp_path, write_deployment, fake_footage):
    (tmp_path / "clip.mp4").write_bytes(b"not really a video")
    config = write_deployment(deployment_with_footage(["clip.mp4"]))
    result = run_audit(AuditRequest(config=config, sample_fps=3.0, audit_date="2026-11-23"))
    (call,) = fake_footage.calls
    assert call[0] == "CAM-1" and call[1] == [tmp_path / "clip.mp4"] and call[2]["sample_fps"] == 3.0
    cam = result.facts["cameras"][0]
    assert cam["footage"]["identification_grade_share"] == 0.5 and cam["derived"]["id_grade_capture"] is True
    kinds = [(i.kind, Path(i.path).name) for i in result.inputs]
    assert ("config", "deployment.yaml") in kinds and ("footage", "clip.mp4") in kinds
    assert all(len(i.sha256) == 64 for i in result.inputs)


def test_paths_outside_the_config_folder_are_refused(tmp_path, write_deployment, fake_footage):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.mp4"
    outside.write_bytes(b"x")
    config = write_deployment(deployment_with_footage([f"../{outside.name}", "missing.mp4"]))
    result = run_audit(AuditRequest(config=config))
    assert fake_footage.calls == []
    messages = {Path(e["path"]).name: e["message"] for e in result.footage_errors}
    assert "outside the config's folder" in messages[outside.name] and "--footage CAM-1=PATH" in messages[outside.name]
    assert messages["missing.mp4"] == "no such file"
    assert "footage" not in result.facts["cameras"][0]
    assert any("outside the config's folder" in w for w in result.warnings)


def test_explicit_footage_may_be_anywhere(tmp_path, write_deployment, fake_footage):
    outside = tmp_path.parent / f"{tmp_path.name}-given.mp4"
    outside.write_bytes(b"x")
    config = write_deployment(deployment_with_footage(["../elsewhere.mp4"]))
    run_audit(AuditRequest(config=config, footage={"CAM-1": [outside]}))
    assert fake_footage.calls[0][1] == [outside]


def test_override_for_an_unknown_camera_is_bad_input(write_deployment, fake_footage):
    with pytest.raises(InputError, match="--footage names camera 'NOPE'"):
        run_audit(AuditRequest(config=write_deployment(), footage={"NOPE": [Path("x.mp4")]}))


def test_no_footage_skips_analysis(tmp_path, write_deployment, fake_footage):
    (tmp_path / "clip.mp4").write_bytes(b"x")
    result = run_audit(AuditRequest(config=write_deployment(deployment_with_footage(["clip.mp4"])),
                                    analyse_footage=False))
    assert fake_footage.calls == [] and result.facts["derived"]["footage_analysed"] is False


def test_unreadable_footage_leaves_the_camera_not_analysed(tmp_path, write_deployment, fake_footage):
    (tmp_path / "clip.mp4").write_bytes(b"x")
    fake_footage.result = {"analysed": False, "errors": [{"path": "clip.mp4", "message": "cannot decode"}]}
    result = run_audit(AuditRequest(config=write_deployment(deployment_with_footage(["clip.mp4"]))))
    assert "footage" not in result.facts["cameras"][0]
    assert result.footage_errors == [{"camera": "CAM-1", "path": "clip.mp4", "message": "cannot decode"}]


def test_cancel_stops_the_audit(tmp_path, write_deployment, fake_footage):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run_audit(AuditRequest(config=write_deployment()), cancel=token)


def test_source_date_epoch_fixes_the_clock(monkeypatch, write_deployment):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert audit_clock().isoformat() == "2026-11-18T11:06:40+00:00"
    result = run_audit(AuditRequest(config=write_deployment(), analyse_footage=False))
    assert result.generated_at == "2026-11-18T11:06:40Z" and result.facts["audit"]["date"] == "2026-11-18"


def test_bad_date_is_bad_input(write_deployment):
    with pytest.raises(InputError, match="invalid audit date"):
        run_audit(AuditRequest(config=write_deployment(), audit_date="23/11/2026", analyse_footage=False))


@pytest.mark.parametrize("checked, audit, stale", [
    ("2025-11-23", "2026-11-23", False), ("2025-11-22", "2026-11-23", True), ("2024-02-29", "2025-02-28", False),
])
def test_stale_packs(checked, audit, stale):
    assert is_stale(checked, audit) is stale


def test_stale_pack_warning_and_user_packs(make_pack, write_deployment):
    folder = make_pack([rule_doc()], header={"checked": "2024-01-01"}, name="mine")
    result = run_audit(AuditRequest(config=write_deployment(), rule_dirs=[folder], analyse_footage=False,
                                    audit_date="2026-11-23"))
    assert any("rule pack mine was last checked" in w for w in result.warnings)
    mine = [p for p in result.packs if p.id == "mine"][0]
    assert mine.source == str(folder) and mine.rule_count == 1
    assert [f.subject for f in result.findings if f.rule_id == "TEST-RETENTION-LONG"] == ["camera:CAM-1"]
    assert ("pack", f"mine ({folder})") in [(i.kind, i.path) for i in result.inputs]


def test_waivers_from_a_file_and_from_data(tmp_path, make_pack, write_deployment):
    folder = make_pack([rule_doc()], name="mine")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(dump({"waivers": [
        {"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-1", "justification": "insurance",
         "approver": "DPO", "expires": "2027-01-01"},
        {"rule_id": "TEST-RETENTION-LONG", "subject": "camera:GONE", "justification": "old camera",
         "approver": "DPO", "expires": "2027-01-01"}]}), encoding="utf-8")
    result = run_audit(AuditRequest(config=write_deployment(), rule_dirs=[folder], waivers=waivers,
                                    analyse_footage=False, audit_date="2026-11-23"))
    f = [f for f in result.findings if f.rule_id == "TEST-RETENTION-LONG"][0]
    assert f.is_waived and result.counts(waived=True)["major"] == 1
    assert [w["subject"] for w in result.unused_waivers] == ["camera:GONE"]
    assert any(i.kind == "waivers" for i in result.inputs)
    expired = [{"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-1", "justification": "x",
                "approver": "y", "expires": "2020-01-01"}]
    result = run_audit(AuditRequest(config=write_deployment(), rule_dirs=[folder], waiver_entries=expired,
                                    analyse_footage=False, audit_date="2026-11-23"))
    assert result.expired_waivers and any("expired on 2020-01-01" in w for w in result.warnings)


def test_reapply_waivers_for_the_gui(make_pack, write_deployment):
    from auditor.rules.waivers import reapply_waivers
    folder = make_pack([rule_doc()], name="mine")
    result = run_audit(AuditRequest(config=write_deployment(), rule_dirs=[folder], analyse_footage=False,
                                    audit_date="2026-11-23"))
    reapply_waivers(result, [{"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-1", "justification": "x",
                              "approver": "y", "expires": "2027-01-01"}])
    assert [f for f in result.findings if f.rule_id == "TEST-RETENTION-LONG"][0].is_waived


def test_bad_config_is_bad_input(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("store: [\n", encoding="utf-8")
    with pytest.raises(InputError):
        run_audit(AuditRequest(config=bad, analyse_footage=False))
