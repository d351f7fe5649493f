"""Derived facts: classification, scale, the nine WP248 criteria with reasons, CNIL list, Art 35(3), DPIA."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from auditor.core.deployment import Deployment
from auditor.rules.derive import build_facts

STORE = {"name": "Shop", "country": "DE", "open_to_public": False, "minors_may_be_present": False}
QUIET_CAMERA = {"id": "C1", "zone": "sales_floor", "recording": False}


def facts_of(*, store: dict | None = None, cameras: list | None = None, activities: list | None = None,
             footage: dict | None = None, **extra: Any) -> dict[str, Any]:
    data = {"store": {**STORE, **(store or {})}, "controller": {"name": "ACME"},
            "cameras": cameras if cameras is not None else [dict(QUIET_CAMERA)],
            "activities": activities or [], **extra}
    dep = Deployment.model_validate(data)
    return build_facts(dep, footage=footage, audit_date="2026-11-23")


def act(technique: str, **kw: Any) -> dict[str, Any]:
    return {"id": kw.pop("id", technique.replace("_", "-")), "name": technique, "technique": technique,
            "cameras": kw.pop("cameras", ["C1"]), **kw}


def criterion(facts: dict, number: int) -> dict[str, Any]:
    return facts["derived"]["wp248"]["criteria"][number - 1]


def test_baseline_meets_no_criterion_and_each_says_why():
    f = facts_of(activities=[act("security_recording")])
    wp = f["derived"]["wp248"]
    assert wp["count"] == 0 and wp["met"] == []
    assert [c["number"] for c in wp["criteria"]] == list(range(1, 10))
    for c in wp["criteria"]:
        assert c["met"] is False and c["reasons"] and c["reasons"][0]
    assert f["derived"]["dpia_required"] is False and f["derived"]["dpia_reasons"] == []


@pytest.mark.parametrize("number, kwargs, reason", [
    (1, dict(activities=[act("emotion")]), "evaluates or profiles"),
    (1, dict(activities=[act("demographic_age")]), "evaluates or profiles"),
    (1, dict(activities=[act("reid_tracking")]), "tracks and profiles"),
    (1, dict(activities=[act("wifi_mac", output="individual")]), "individual profiles"),
    (1, dict(activities=[act("face_id_watchlist", watchlist={"criteria": ["shoplifting"]})]), "risk watchlist"),
    (2, dict(activities=[act("face_id_watchlist", automated_action="deny_entry")]), "automated decision"),
    (2, dict(activities=[act("people_count", automated_action="price")]), "automated decision (price)"),
    (3, dict(store={"open_to_public": True}, cameras=[{"id": "C1", "zone": "sales_floor", "recording": True}]),
     "publicly accessible area"),
    (3, dict(cameras=[{"id": "C1", "zone": "stockroom", "recording": True}]), "monitors employees"),
    (3, dict(activities=[act("wifi_mac", cameras=[])]), "devices (WiFi)"),
    (4, dict(activities=[act("body_temperature")]), "special-category data (health)"),
    (4, dict(activities=[act("demographic_ethnicity")]), "ethnic origin"),
    (4, dict(activities=[act("face_id_vip")]), "biometric identification"),
    (4, dict(activities=[act("ble_beacon_app", cameras=[])]), "location trails"),
    (4, dict(activities=[act("emotion")]), "infers emotions"),
    (5, dict(store={"store_count": 3}), "3 stores"),
    (5, dict(store={"visitors_per_day": 5000}), "5000 visitors a day"),
    (5, dict(store={"open_to_public": True},
             cameras=[{"id": f"C{i}", "zone": "sales_floor", "recording": True} for i in range(11)]),
     "11 cameras record"),
    (5, dict(store={"open_to_public": True},
             cameras=[{"id": "C1", "zone": "sales_floor", "recording": True, "count": 11}]), "11 cameras record"),
    (6, dict(activities=[act("face_id_vip")]), "reference gallery"),
    (6, dict(activities=[act("face_verification_payment")]), "enrolled templates"),
    (6, dict(activities=[act("people_count", linked_data=["pos"])]), "combines its data with pos"),
    (7, dict(cameras=[{"id": "C1", "zone": "checkout"}]), "employees are in scope"),
    (7, dict(store={"open_to_public": True, "minors_may_be_present": None}), "minors may be present"),
    (7, dict(activities=[act("people_count", subjects=["minors"])]), "minors may be present"),
    (8, dict(activities=[act("face_verification_payment")]), "face recognition"),
    (8, dict(activities=[act("emotion")]), "emotion-recognition AI"),
    (8, dict(activities=[act("vital_signs_heart_rate")]), "vital signs"),
    (8, dict(activities=[act("wifi_mac", cameras=[])]), "device tracking"),
    (9, dict(activities=[act("face_id_watchlist", automated_action="deny_entry")]), "deny entry"),
    (9, dict(activities=[act("face_verification_payment", alternative_offered=False)]), "conditional on biometrics"),
])
def test_each_wp248_criterion_is_met_with_its_reason(number, kwargs, reason):
    f = facts_of(**copy.deepcopy(kwargs))
    c = criterion(f, number)
    assert c["met"] is True, c
    assert any(reason in r for r in c["reasons"]), c["reasons"]
    assert number in f["derived"]["wp248"]["met"]


@pytest.mark.parametrize("number, kwargs", [
    (1, dict(activities=[act("people_count")])),
    (1, dict(activities=[act("wifi_mac", output="aggregate")])),
    (2, dict(activities=[act("emotion", automated_action="staff_alert")])),
    (3, dict(cameras=[{"id": "C1", "zone": "sales_floor", "recording": True, "schedule": "after_hours"}])),
    (5, dict(store={"store_count": 1, "visitors_per_day": 1000})),
    (7, dict(store={"open_to_public": True, "minors_may_be_present": False})),
    (8, dict(activities=[act("security_recording")])),
    (8, dict(activities=[act("demographic_age")])),             # REFERENCE.md's list: not facial analytics
    (9, dict(activities=[act("face_verification_payment", alternative_offered=True)])),
])
def test_criterion_not_met(number, kwargs):
    assert criterion(facts_of(**kwargs), number)["met"] is False


def test_two_criteria_make_a_dpia_required():
    f = facts_of(activities=[act("emotion")])        # 1 evaluation, 4 emotions, 8 innovative
    assert f["derived"]["wp248"]["count"] >= 2
    assert f["derived"]["dpia_required"] is True
    assert f["derived"]["dpia_reasons"][0].startswith("WP248: ")


def test_art35_3_b_and_c_on_a_large_scale():
    f = facts_of(store={"store_count": 2, "open_to_public": True},
                 cameras=[{"id": "C1", "zone": "sales_floor", "recording": True}],
                 activities=[act("body_temperature")])
    assert f["derived"]["art35_3"] == ["b", "c"]
    assert f["derived"]["large_scale"] is True
    assert any(r.startswith("GDPR Art 35(3)(b)") for r in f["derived"]["dpia_reasons"])


def test_art35_3_needs_large_scale():
    f = facts_of(cameras=[{"id": "C1", "zone": "sales_floor", "recording": True}], activities=[act("body_temperature")])
    assert f["derived"]["art35_3"] == []


@pytest.mark.parametrize("item, kwargs", [
    ("3", dict(activities=[act("people_count", purpose_category="staff_performance")])),
    ("3", dict(cameras=[{"id": "C1", "zone": "checkout", "cashier_in_view": True}], activities=[act("emotion")])),
    ("4", dict(cameras=[{"id": "C1", "zone": "checkout", "recording": True, "cashier_in_view": True}])),
    ("8", dict(activities=[act("face_id_watchlist", automated_action="deny_entry")])),
    ("9", dict(activities=[act("face_id_watchlist", watchlist={"shared_with_other_controllers": True})])),
    ("10", dict(activities=[act("ble_beacon_app", cameras=[], linked_data=["loyalty"], purpose_category="marketing")])),
    ("11", dict(cameras=[{"id": "C1", "zone": "checkout"}], activities=[act("face_id_vip")])),
    ("14", dict(activities=[act("wifi_mac", cameras=[], coverage="mall")])),
])
def test_cnil_list_items_in_france(item, kwargs):
    f = facts_of(store={"country": "FR"}, **kwargs)
    assert item in f["derived"]["cnil_list"]
    assert f["derived"]["dpia_required"] is True
    assert any(f"CNIL DPIA list item {item} " in r for r in f["derived"]["dpia_reasons"])


def test_cnil_list_is_for_france_only():
    f = facts_of(activities=[act("wifi_mac", cameras=[], coverage="mall")])
    assert f["derived"]["cnil_list"] == [] and f["derived"]["france"] is False


def test_activity_classification():
    f = facts_of(store={"country": "US-IL"}, cameras=[{"id": "C1", "zone": "checkout", "cashier_in_view": True}],
                 vendors=[{"name": "V", "role": "processor", "country": "CN"}],
                 activities=[act("face_verification_payment", matching="1:N", vendors=["V"], legal_basis="6(1)(a)",
                                 transfers=[{"country": "US", "mechanism": "scc"}])])
    d = f["activities"][0]["derived"]
    assert d["gdpr_biometric"] and d["aiact_biometric"] and d["is_ai"]
    assert d["aiact_type"] == "identification_payment"
    assert d["special_categories"] == ["biometric_identification"]
    assert d["operator_in_frame"] and d["employees_in_scope"] and d["consent_based"]
    assert d["vendors_outside_eea"] == ["V"]
    assert d["transfers_outside_eea"] == [{"country": "US", "mechanism": "scc"},
                                          {"country": "CN", "recipient": "V", "mechanism": "none"}]
    assert f["derived"]["country"] == "US" and f["derived"]["in_eea"] is False


@pytest.mark.parametrize("technique, kwargs, aiact_type", [
    ("emotion", {}, "emotion"),
    ("mood_music", {"signals": ["face"]}, "emotion"),
    ("mood_music", {"signals": ["time_of_day"]}, "none"),
    ("demographic_gender", {}, "categorisation"),
    ("age_estimation_sale_control", {}, "categorisation"),
    ("face_id_watchlist", {}, "rbi"),
    ("face_verification_payment", {}, "verification"),
    ("face_verification_payment", {"matching": "1:1"}, "verification"),
    ("people_count", {}, "none"),
])
def test_aiact_type(technique, kwargs, aiact_type):
    assert facts_of(activities=[act(technique, **kwargs)])["activities"][0]["derived"]["aiact_type"] == aiact_type


def test_reid_is_biometric_only_with_biometric_signals():
    plain = facts_of(activities=[act("reid_tracking", signals=["device_radio"])])["activities"][0]["derived"]
    faces = facts_of(activities=[act("reid_tracking", signals=["face"])])["activities"][0]["derived"]
    assert not plain["gdpr_biometric"] and faces["gdpr_biometric"]


def test_camera_classification():
    f = facts_of(store={"open_to_public": True},
                 cameras=[{"id": "A", "zone": "stockroom", "recording": True},
                          {"id": "B", "zone": "fitting_room", "purposes": ["people_count", "heatmap"]},
                          {"id": "C", "zone": "car_park", "recording": True, "schedule": "after_hours",
                           "public_road_in_view": True}],
                 activities=[act("people_count", cameras=["B"])])
    a, b, c = (cam["derived"] for cam in f["cameras"])
    assert not a["publicly_accessible"] and a["employees_in_scope"] and a["continuous"]
    assert b["publicly_accessible"] and b["intimate_zone"] and b["purposes_anonymous_only"]
    assert b["techniques"] == ["people_count"] and b["activity_ids"] == ["people-count"]
    assert c["publicly_accessible"] and not c["continuous"]


def test_footage_facts_and_id_grade_capture():
    measured = {"analysed": True, "face_recognition_grade": True, "identification_grade_share": 0.2,
                "faces_per_frame": {"mean": 1, "max": 2}}
    f = facts_of(cameras=[{"id": "C1", "zone": "checkout", "footage": ["clip.mp4"]}, {"id": "C2", "zone": "entrance"}],
                 activities=[act("people_count", cameras=["C1"])], footage={"C1": measured})
    c1, c2 = f["cameras"]
    assert c1["footage"] == measured and "footage" not in c2
    assert c1["derived"]["id_grade_capture"] and c1["derived"]["id_grade_share"] == 0.2
    assert c1["derived"]["footage_analysed"] and not c2["derived"]["footage_analysed"]
    assert f["derived"]["footage_analysed"] is True
    assert f["activities"][0]["derived"]["operator_in_frame"] is True       # faces measured at a checkout


def test_id_grade_capture_needs_the_threshold():
    measured = {"analysed": True, "face_recognition_grade": True, "identification_grade_share": 0.01}
    f = facts_of(footage={"C1": measured})
    assert f["cameras"][0]["derived"]["id_grade_capture"] is False


def test_undeclared_keys_are_left_out_and_the_facts_are_json():
    f = facts_of(activities=[act("people_count")])
    assert "retention_days" not in f["cameras"][0] and "legal_basis" not in f["activities"][0]
    assert "dpia" not in f and f["schema_version"] == 1 and f["audit"] == {"date": "2026-11-23"}
    assert json.loads(json.dumps(f)) == f


def test_scale():
    f = facts_of(store={"store_count": 4, "visitors_per_day": 300}, activities=[act("people_count")])
    assert f["derived"]["scale"] == {"cameras": 1, "stores": 4, "visitors_per_day": 300, "activities": 1}
    assert f["derived"]["ai_activities"] == []


def test_every_wp248_reason_has_a_french_version(write_deployment):
    from importlib import resources
    from pathlib import Path

    from auditor.audit import AuditRequest, prepare_facts

    examples = sorted(Path(str(resources.files("auditor_assets") / "deployments")).glob("*.yaml"))
    for path in examples:
        facts = prepare_facts(AuditRequest(config=path, analyse_footage=False, audit_date="2026-11-23")).facts
        for c in facts["derived"]["wp248"]["criteria"]:
            assert len(c["reasons_fr"]) == len(c["reasons"]) > 0, (path.name, c["number"])
            for en, fr in zip(c["reasons"], c["reasons_fr"]):
                assert fr != en and not fr.startswith(("activity ", "camera ")), (path.name, fr)


def test_the_entrance_of_a_closed_site_is_not_publicly_accessible():
    closed = facts_of(cameras=[{"id": "E1", "zone": "entrance", "recording": True}])
    assert closed["cameras"][0]["derived"]["publicly_accessible"] is False
    street = facts_of(cameras=[{"id": "S1", "zone": "street_frontage", "recording": True}])
    assert street["cameras"][0]["derived"]["publicly_accessible"] is True
    undeclared = facts_of(store={"open_to_public": None}, cameras=[{"id": "E1", "zone": "entrance"}])
    assert undeclared["cameras"][0]["derived"]["publicly_accessible"] is True


def test_unknown_and_null_mean_not_declared():
    f = facts_of(store={"visitors_per_day": "unknown", "open_to_public": None},
                 cameras=[{"id": "C1", "zone": "unknown", "retention_days": None}])
    assert "visitors_per_day" not in f["store"] and "open_to_public" not in f["store"]
    assert "zone" not in f["cameras"][0] and "retention_days" not in f["cameras"][0]
    assert "stores" not in f["derived"]["scale"]          # store_count is not silently 1


def test_identical_cameras_and_sensors_count_in_the_scale():
    f = facts_of(cameras=[{"id": "C1", "zone": "sales_floor", "count": 4}],
                 sensors=[{"id": "W1", "kind": "wifi_probe", "count": 42, "zone": "mall_concourse"}])
    assert f["derived"]["scale"]["cameras"] == 4 and f["derived"]["scale"]["sensors"] == 42


def test_controller_and_vendors_outside_the_eea():
    f = facts_of(controller={"name": "ShopCo", "country": "US"},
                 vendors=[{"name": "V", "role": "processor", "country": "SG"}])
    assert f["derived"]["controller_outside_eea"] is True and f["derived"]["vendors_outside_eea"] == ["V"]


def test_sensors_an_activity_uses_are_derived_facts():
    sensors = [{"id": "AP", "kind": "wifi_probe", "count": 12, "zone": "mall_concourse"},
               {"id": "TH", "kind": "thermal", "zone": "stockroom"}]
    facts = facts_of(sensors=sensors, activities=[act("people_count", id="wifi", cameras=[], sensors=["AP"]),
                                                   act("people_count", id="temp", cameras=[], sensors=["TH"]),
                                                   act("people_count", id="none", cameras=[])])
    wifi, temp, none = (a["derived"] for a in facts["activities"])
    assert wifi["sensor_kinds"] == ["wifi_probe"] and wifi["sensor_zones"] == ["mall_concourse"]
    assert wifi["publicly_accessible"] is True            # a mall's common areas, though the shop is closed
    assert temp["sensor_kinds"] == ["thermal"] and "health" in temp["special_categories"]
    assert temp["publicly_accessible"] is False           # a staff-only zone
    assert none["sensor_kinds"] == [] and none["publicly_accessible"] is False   # the closed site decides
    assert facts["derived"]["scale"]["sensors"] == 13


@pytest.mark.parametrize("declared,expected", [
    ("9(2)(a)", {"art9_exceptions": ["9(2)(a)"], "art9_exception": "9(2)(a)"}),
    (["9(2)(g)"], {"art9_exceptions": ["9(2)(g)"], "art9_exception": "9(2)(g)"}),
    (["9(2)(f)", "9(2)(g)", "9(2)(f)"], {"art9_exceptions": ["9(2)(f)", "9(2)(g)"]}),
    ("unknown", {}),
])
def test_art9_exceptions_are_always_a_list_and_the_single_value_only_when_unambiguous(declared, expected):
    facts = facts_of(activities=[act("face_id_watchlist", art9_exception=declared)])
    got = {k: v for k, v in facts["activities"][0].items() if k.startswith("art9_exception")}
    assert got == expected
