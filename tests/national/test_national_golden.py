"""Golden cases of the national packs: per country a compliant store and a non-compliant one.

The compliant store raises no decided national finding above info; the non-compliant one raises exactly the
national rules its facts breach, with the message in English and in French. The JSON report lists, on a
finding, the published decisions that applied its provisions.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from auditor.audit import AuditRequest, run_audit
from auditor.core.model import Severity
from auditor.report.json_report import report_dict

PACK_OF = {"ES": "es", "IT": "it", "DE": "de", "NL": "nl", "BE": "be", "DK": "dk", "SE": "se", "GB": "uk"}

COMPLIANT: dict[str, Any] = {
    "store": {"name": "Corner Store", "country": "XX", "type": "convenience", "open_to_public": True,
              "visitors_per_day": 300, "employees": 12},
    "controller": {"name": "Corner Store Ltd"},
    "dpo": {"appointed": True, "consulted_before": True},
    "cameras": [
        {"id": "SALES-1", "zone": "sales_floor", "recording": True, "retention_days": 3, "auto_delete": True,
         "purposes": ["theft_prevention"], "audio": False, "hidden": False, "public_road_in_view": False,
         "privacy_masking": True, "employee_workstations_in_view": False, "viewers": ["security"]},
        {"id": "TILL-1", "zone": "checkout", "recording": True, "retention_days": 3, "auto_delete": True,
         "purposes": ["theft_prevention"], "audio": False, "hidden": False, "public_road_in_view": False,
         "cashier_in_view": False, "viewers": ["security"]},
    ],
    "activities": [{"id": "rec", "name": "Security recording", "technique": "security_recording",
                    "cameras": ["SALES-1", "TILL-1"], "subjects": ["customers", "employees"],
                    "legal_basis": "6(1)(f)", "purpose_category": "security", "lia_done": True}],
    "signage": {"present": True, "before_entry": True, "eye_level": True,
                "fields": ["controller", "purposes", "rights", "legitimate_interest", "dpo_contact", "retention",
                           "second_layer_ref", "pictogram", "responsible_phone"],
                "second_layer": "url", "second_layer_covers": ["retention", "rights", "complaint"]},
    "lia": {"done": True, "incident_log": True, "alternatives_considered": True},
    "dpia": {"done": True, "sections": ["description", "necessity", "risks", "measures"], "residual_risk": "low"},
    "employees": {"informed_individually": True},
    "national": {"works_council": True, "representatives_informed": True, "works_agreement": True,
                 "labour_inspectorate_authorisation": True, "police_declaration": True, "image_register": True},
}


def _breach(country: str) -> tuple[dict[str, Any], set[str]]:
    """The compliant store with the breaches each national pack checks, and the rule ids expected to fail."""
    d = copy.deepcopy(COMPLIANT)
    sales, till = d["cameras"]
    if country == "ES":
        sales["retention_days"] = 60
        d["cameras"].append({"id": "REST-1", "zone": "staff_room", "recording": True, "retention_days": 3})
        d["signage"]["fields"] = ["pictogram"]
        d["employees"]["informed_individually"] = False
        return d, {"ES-LOPDGDD-22-3-RETENTION-1M", "ES-LOPDGDD-89-2-REST-AREAS", "ES-LOPDGDD-22-4-SIGN",
                   "ES-LOPDGDD-89-1-WORKER-INFO"}
    if country == "IT":
        d["national"].update(works_agreement=False, labour_inspectorate_authorisation=False)
        till["purposes"] = ["theft_prevention", "staff_performance"]
        d["signage"]["before_entry"] = False
        return d, {"IT-STATUTO-4-1-AGREEMENT", "IT-STATUTO-4-1-PURPOSE", "IT-GARANTE-SIGN-BEFORE-AREA"}
    if country == "DE":
        d["national"]["works_agreement"] = False
        return d, {"DE-BETRVG-87-1-6-WORKS-COUNCIL"}
    if country == "NL":
        d["national"]["works_agreement"] = False
        d["activities"].append({"id": "vip", "name": "VIP recognition", "technique": "face_id_vip",
                                "cameras": ["SALES-1"], "purpose_category": "marketing", "signals": ["face"],
                                "art9_exception": "9(2)(g)", "template_created": True,
                                "template_storage": "central_controller", "matching": "1:N"})
        return d, {"NL-WOR-27-1-L-WORKS-COUNCIL", "NL-UAVG-29-BIOMETRIC"}
    if country == "BE":
        d["national"].update(police_declaration=False, image_register=False)
        d["signage"]["fields"] = ["controller", "rights"]
        sales.update(retention_days=90, hidden=True)
        return d, {"BE-CAMERA-ACT-6-DECLARATION", "BE-CAMERA-ACT-6-PICTOGRAM", "BE-CAMERA-ACT-6-RETENTION-1M",
                   "BE-CAMERA-ACT-8-HIDDEN", "BE-CAMERA-ACT-6-REGISTER"}
    if country == "DK":
        sales["retention_days"] = 45
        d["employees"]["informed_individually"] = False
        return d, {"DK-TVO-4C-RETENTION-30D", "DK-DT-EMPLOYEE-CONTROL"}
    if country == "SE":
        d["cameras"].append({"id": "FIT-1", "zone": "fitting_room", "recording": True, "retention_days": 3})
        till["purposes"] = ["theft_prevention", "staff_performance"]
        return d, {"SE-IMY-INTIMATE-ZONES", "SE-IMY-NO-STAFF-CONTROL"}
    if country == "GB":
        d["lia"]["done"] = False
        d["activities"].append({"id": "watch", "name": "Watch list", "technique": "face_id_watchlist",
                                "cameras": ["SALES-1"], "purpose_category": "security", "signals": ["face"],
                                "template_created": True, "template_storage": "vendor_cloud", "matching": "1:N"})
        d["signage"]["fields"] = ["pictogram", "controller"]
        return d, {"UK-ICO-LIA", "UK-GDPR-9-BIOMETRIC-CONDITION", "UK-GDPR-13-NO-SIGN"}
    raise AssertionError(country)


def _audit(data: dict[str, Any], country: str, tmp_path):
    data = copy.deepcopy(data)
    data["store"]["country"] = country
    path = tmp_path / f"store-{country}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return run_audit(AuditRequest(config=path, analyse_footage=False, audit_date="2026-12-04",
                                  generated_at="2026-12-04T12:00:00Z"))


def _decided(result, pack: str) -> set[str]:
    return {f.rule_id for f in result.findings
            if f.pack == pack and not f.question and f.severity is not Severity.INFO}


@pytest.mark.parametrize("country", sorted(PACK_OF))
def test_a_compliant_store_raises_no_national_finding(country, tmp_path):
    result = _audit(COMPLIANT, country, tmp_path)
    assert PACK_OF[country] in {p.id for p in result.packs}
    assert _decided(result, PACK_OF[country]) == set()


@pytest.mark.parametrize("country", sorted(PACK_OF))
def test_a_non_compliant_store_raises_the_national_findings_in_both_languages(country, tmp_path):
    data, expected = _breach(country)
    result = _audit(data, country, tmp_path)
    assert _decided(result, PACK_OF[country]) == expected
    for f in result.findings:
        if f.rule_id in expected:
            assert f.message.en.strip() and f.message.fr.strip() and f.message.en != f.message.fr
            assert all(r.name and r.name_en for r in f.references)


def test_the_json_report_lists_the_decisions_behind_a_finding(tmp_path):
    data, _ = _breach("IT")
    doc = report_dict(_audit(data, "IT", tmp_path))
    finding = next(f for f in doc["findings"] if f["rule_id"] == "IT-STATUTO-4-1-AGREEMENT")
    assert finding["precedents"] and finding["precedents"][0]["id"] == "GARANTE-457-2025"
    assert {"authority", "year", "reference", "fine", "holding", "url"} <= set(finding["precedents"][0])
    lopd = [r for f in doc["findings"] for r in f["references"] if r["instrument"] == "Statuto dei lavoratori"]
    assert lopd and lopd[0]["name"].startswith("Legge 20 maggio 1970") and "Workers' Statute" in lopd[0]["name_en"]


@pytest.mark.parametrize("lang, heading", [("en", "Decisions applying these provisions"),
                                           ("fr", "Décisions ayant appliqué ces dispositions")])
def test_the_pdf_finding_detail_names_the_decisions(tmp_path, lang, heading):
    from pypdf import PdfReader

    from auditor.report.pdf import write_pdf

    data, _ = _breach("IT")
    path = tmp_path / f"report-{lang}.pdf"
    write_pdf(_audit(data, "IT", tmp_path), path, lang=lang, embed_frames=False)
    text = " ".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)
    text = " ".join(text.split())
    assert heading in text
    assert "Provvedimento n. 457 del 4 agosto 2025" in text
