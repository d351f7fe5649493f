"""Facts in words: the facts behind a finding as "label: value" in the report's language, never as config keys.

A rule's evidence is a set of fact paths (`camera.cashier_in_view`) with their values. The report prints each
one with its label and its value in words (`cashier in view: yes` / `caissier dans le champ : oui`); a question
about an undeclared fact names the fact by its label and gives its path as a pointer into the configuration.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.core.i18n import N_, country_name, format_number, separator, t
from auditor.core.vocab import term, vocab_for_path

# Every fact path the built-in rules cite as evidence (a test keeps this table complete), then others.
FACT_LABELS: dict[str, str] = {
    "access_control": N_("access control"),
    "activity.ai_system": N_("AI system"),
    "activity.ai_system.human_oversight": N_("human oversight of the AI system"),
    "activity.ai_system.instructions_followed": N_("provider's instructions followed"),
    "activity.ai_system.log_retention_months": N_("AI system logs kept (months)"),
    "activity.ai_system.monitoring": N_("AI system monitored in operation"),
    "activity.ai_system.provider": N_("AI system provider"),
    "activity.ai_system.staff_trained": N_("staff trained on the AI system"),
    "activity.ai_system.workers_informed": N_("workers informed of the AI system"),
    "activity.alternative_offered": N_("alternative offered"),
    "activity.alternatives_analysis": N_("less intrusive alternatives analysed"),
    "activity.anonymisation_latency_s": N_("anonymisation delay (s)"),
    "activity.anonymous_claim": N_("output claimed to be anonymous"),
    "activity.art9_exception": N_("Art 9(2) exception"),
    "activity.art9_exceptions": N_("Art 9(2) exceptions"),
    "activity.art9_law_kind": N_("kind of law for the Art 9 exception"),
    "activity.art9_statute": N_("statute for the Art 9 exception"),
    "activity.automated_action": N_("automated action"),
    "activity.cameras": N_("cameras used"),
    "activity.consent": N_("consent"),
    "activity.consent.mechanism": N_("consent mechanism"),
    "activity.coverage": N_("coverage"),
    "activity.data_categories": N_("data categories"),
    "activity.derived.aiact_biometric": N_("biometric system under the AI Act"),
    "activity.derived.aiact_type": N_("AI Act system type"),
    "activity.derived.camera_zones": N_("zones of its cameras"),
    "activity.derived.consent_based": N_("based on consent"),
    "activity.derived.employees_in_scope": N_("employees filmed"),
    "activity.derived.gdpr_biometric": N_("biometric data under the GDPR"),
    "activity.derived.is_ai": N_("uses an AI technique"),
    "activity.derived.operator_in_frame": N_("operator in frame"),
    "activity.derived.publicly_accessible": N_("publicly accessible area"),
    "activity.derived.special_categories": N_("special categories of data"),
    "activity.derived.transfers_outside_eea": N_("transfers outside the EEA"),
    "activity.derived.vendors_outside_eea": N_("processors outside the EEA"),
    "activity.human_review": N_("human review of the output"),
    "activity.images_stored": N_("images stored"),
    "activity.in_app_notice": N_("notice in the app"),
    "activity.legal_basis": N_("legal basis"),
    "activity.lia_done": N_("legitimate-interest assessment done"),
    "activity.linked_data": N_("linked to other data"),
    "activity.matching": N_("matching"),
    "activity.matching_initiated_by_subject": N_("matching started by the person"),
    "activity.medical_or_safety_reason": N_("medical or safety reason"),
    "activity.objection": N_("right to object"),
    "activity.offence_prediction": N_("offence prediction"),
    "activity.output": N_("output"),
    "activity.processing_location": N_("where the processing runs"),
    "activity.pseudonymisation": N_("pseudonymisation"),
    "activity.purpose": N_("purpose"),
    "activity.purpose_category": N_("purpose category"),
    "activity.raw_images_deleted_after_enrolment": N_("raw images deleted after enrolment"),
    "activity.real_world_trial": N_("real-world trial"),
    "activity.retention_days": N_("retention (days)"),
    "activity.ropa_entry": N_("entry in the record of processing"),
    "activity.separate_notice": N_("separate notice"),
    "activity.signals": N_("signals analysed"),
    "activity.staff_excluded_technically": N_("staff excluded technically"),
    "activity.subjects": N_("data subjects"),
    "activity.technique": N_("technique"),
    "activity.template_created": N_("biometric template created"),
    "activity.template_storage": N_("template storage"),
    "activity.uses_security_footage": N_("uses the security footage"),
    "activity.vendors": N_("processors"),
    "activity.watchlist.bulk_enrolment": N_("bulk enrolment in the watchlist"),
    "activity.watchlist.contains_criminal_data": N_("watchlist holds criminal-offence data"),
    "activity.watchlist.criteria": N_("watchlist criteria"),
    "activity.watchlist.enrolled_count": N_("people in the watchlist"),
    "activity.watchlist.enrolment_criteria_documented": N_("enrolment criteria documented"),
    "activity.watchlist.false_match_monitoring": N_("false matches monitored"),
    "activity.watchlist.image_quality_standard": N_("image quality standard for enrolment"),
    "activity.watchlist.police_directed": N_("watchlist directed by the police"),
    "activity.watchlist.review_cycle_days": N_("watchlist review cycle (days)"),
    "activity.watchlist.shared_with_other_controllers": N_("watchlist shared with other controllers"),
    "activity.watchlist.sources": N_("watchlist sources"),
    "activity.watchlist.statute": N_("statute for the watchlist"),
    "activity.watchlist.subjects_informed": N_("people on the watchlist informed"),
    "audit.date": N_("audit date"),
    "authorisations.cnil_advertising": N_("CNIL authorisation for advertising"),
    "authorisations.prefectoral.covers_surroundings": N_("prefectoral authorisation covers the surroundings"),
    "authorisations.prefectoral.expiry": N_("prefectoral authorisation expiry"),
    "authorisations.prefectoral.granted": N_("prefectoral authorisation granted"),
    "authorisations.prefectoral.reference": N_("prefectoral authorisation reference"),
    "camera.audio": N_("audio recorded"),
    "camera.auto_delete": N_("automatic deletion"),
    "camera.cashier_in_view": N_("cashier in view"),
    "camera.derived.activity_ids": N_("activities using the camera"),
    "camera.derived.employees_in_scope": N_("employees filmed"),
    "camera.derived.id_grade_share": N_("share of frames with identification-grade faces"),
    "camera.employee_workstations_in_view": N_("employee workstations in view"),
    "camera.footage": N_("sample footage"),
    "camera.hidden": N_("hidden camera"),
    "camera.live_public_monitor": N_("live monitor visible to the public"),
    "camera.live_viewing": N_("live viewing"),
    "camera.location": N_("location"),
    "camera.mounting_height_m": N_("mounting height (m)"),
    "camera.neighbour_property_in_view": N_("neighbouring property in view"),
    "camera.orientation": N_("orientation"),
    "camera.privacy_masking": N_("privacy masking"),
    "camera.ptz_justification": N_("justification of the PTZ zoom"),
    "camera.ptz_zoom": N_("PTZ zoom"),
    "camera.public_road_in_view": N_("public road in view"),
    "camera.purposes": N_("purposes"),
    "camera.resolution": N_("resolution"),
    "camera.retention_days": N_("retention (days)"),
    "camera.retention_justification": N_("justification of the retention"),
    "camera.schedule": N_("recording schedule"),
    "camera.separate_from_interior": N_("separate from the interior system"),
    "camera.view": N_("view"),
    "camera.viewers": N_("who views the footage"),
    "camera.zone": N_("zone"),
    "controller.country": N_("controller's country"),
    "controller.established_in_eu": N_("controller established in the EU"),
    "controller.eu_representative": N_("representative in the EU"),
    "controller.name": N_("controller"),
    "derived.ai_activities": N_("activities using AI"),
    "derived.aiact_types": N_("AI Act system types"),
    "derived.art35_3": N_("GDPR Art 35(3) cases"),
    "derived.cnil_list": N_("CNIL list items"),
    "derived.continuous_monitoring": N_("continuous monitoring"),
    "derived.dpia_required": N_("DPIA mandatory"),
    "derived.employees_in_scope": N_("employees filmed"),
    "derived.footage_analysed": N_("footage analysed"),
    "derived.gdpr_biometric": N_("biometric data under the GDPR"),
    "derived.in_eea": N_("store in the EEA"),
    "derived.large_scale": N_("large scale"),
    "derived.minors_in_scope": N_("minors filmed"),
    "derived.publicly_accessible": N_("publicly accessible area"),
    "derived.scale": N_("scale"),
    "derived.scale.stores": N_("number of stores"),
    "derived.special_categories": N_("special categories of data"),
    "derived.vendors_outside_eea": N_("processors outside the EEA"),
    "derived.wp248.count": N_("number of WP248 criteria met"),
    "derived.wp248.met": N_("WP248 criteria met"),
    "dpia.authority_consulted": N_("supervisory authority consulted"),
    "dpia.covers_employees": N_("the DPIA covers employees"),
    "dpia.covers_minors": N_("the DPIA covers minors"),
    "dpia.date": N_("DPIA date"),
    "dpia.done": N_("DPIA done"),
    "dpia.residual_risk": N_("residual risk"),
    "dpia.sections": N_("DPIA sections"),
    "dpia.sections_missing": N_("DPIA sections missing"),
    "dpo.appointed": N_("DPO appointed"),
    "dpo.consulted_before": N_("DPO consulted beforehand"),
    "employees.cse_consulted": N_("works council (CSE) consulted"),
    "employees.cse_required": N_("works council (CSE) required"),
    "employees.informed_individually": N_("employees informed individually"),
    "lia.alternatives_considered": N_("alternatives considered in the LIA"),
    "lia.done": N_("legitimate-interest assessment done"),
    "lia.incident_log": N_("incident log"),
    "national.dpa_authorisation": N_("data protection authority's authorisation"),
    "national.labour_inspectorate_authorisation": N_("labour inspectorate's authorisation"),
    "national.police_declaration": N_("declaration to the police"),
    "national.representatives_informed": N_("staff representatives informed"),
    "national.works_agreement": N_("works agreement"),
    "national.works_council": N_("works council"),
    "procedures.access_requests": N_("access-request procedure"),
    "procedures.disclosure_log": N_("disclosure log"),
    "procedures.erasure_requests": N_("erasure-request procedure"),
    "procedures.freeze_on_request": N_("footage frozen on request"),
    "procedures.response_time_days": N_("response time (days)"),
    "recipients": N_("recipients"),
    "ropa": N_("record of processing activities"),
    "security.encryption_in_transit": N_("encryption in transit"),
    "security.patching": N_("security updates applied"),
    "signage.before_entry": N_("signs before the entrance"),
    "signage.eye_level": N_("signs at eye level"),
    "signage.fields": N_("what the signs say"),
    "signage.placement": N_("sign placement"),
    "signage.present": N_("signs present"),
    "signage.second_layer": N_("second layer of information"),
    "signage.second_layer_covers": N_("what the second layer covers"),
    "store.advertising_device": N_("advertising device"),
    "store.country": N_("country"),
    "store.employees": N_("employees"),
    "store.open_to_public": N_("open to the public"),
    "store.particularly_exposed": N_("particularly exposed to crime"),
    "vendors": N_("processors"),
    "national.image_register": N_("register of image-processing activities kept"),
    "procedures.written_policy": N_("written internal rules for the cameras"),
    "procedures.incident_response": N_("incident and breach procedure"),
    # facts the rules may ask about (questions), and the items of lists (vendors[].x)
    "activity.consent.withdrawal": N_("consent can be withdrawn"),
    "activity.derived.uses_biometric_signals": N_("analyses biometric signals"),
    "activity.id": N_("activity"),
    "activity.name": N_("activity name"),
    "activity.objection.available": N_("right to object available"),
    "activity.objection.effective_before_processing": N_("objection effective before processing"),
    "activity.objection.requires_disabling_device_feature": N_("objecting requires disabling a device feature"),
    "activity.watchlist": N_("watchlist"),
    "authorisations.prefectoral.refused": N_("prefectoral authorisation refused"),
    "camera.derived.footage_analysed": N_("footage analysed"),
    "camera.derived.id_grade_capture": N_("identification-grade capture"),
    "camera.derived.purposes_anonymous_only": N_("declared for anonymous purposes only"),
    "camera.id": N_("camera"),
    "camera.recording": N_("recording"),
    "derived.controller_outside_eea": N_("controller outside the EEA"),
    "derived.france": N_("store in France"),
    "derived.id_grade_capture": N_("identification-grade capture"),
    "derived.is_ai": N_("uses an AI technique"),
    "derived.scale.cameras": N_("number of cameras"),
    "derived.scale.visitors_per_day": N_("visitors per day"),
    "derived.transfers_outside_eea": N_("transfers outside the EEA"),
    "derived.wp248.criteria": N_("WP248 criteria"),
    "store.advertising_placement": N_("advertising placement"),
    "store.name": N_("store"),
    "vendors.name": N_("processor"),
    "vendors.role": N_("processor's role"),
    "vendors.country": N_("processor's country"),
    "vendors.established_in_eu": N_("processor established in the EU"),
    "vendors.art28_contract": N_("Art 28 contract with the processor"),
    "vendors.receives": N_("data the processor receives"),
    "vendors.transfer_mechanism": N_("transfer mechanism"),
    "vendors.tia_done": N_("transfer impact assessment done"),
    "vendors.contract_deletion_clause": N_("deletion clause in the processor's contract"),
    "vendors.contract_audit_clause": N_("audit clause in the processor's contract"),
    "vendors.pools_customer_footage": N_("processor pools footage of several customers"),
    "vendors.own_purposes": N_("processor uses the data for its own purposes"),
    "vendors.eu_representative": N_("processor's representative in the EU"),
}

# The keys inside a fact whose value is a mapping (a transfer, the right to object, ...).
PART_LABELS: dict[str, str] = {
    "available": N_("available"), "country": N_("country"), "mechanism": N_("transfer mechanism"),
    "recipient": N_("recipient"), "method": N_("method"), "name": N_("name"), "role": N_("role"),
    "reason": N_("reason"), "tia_done": N_("transfer impact assessment done"),
}


def fact_label(path: str, lang: str) -> str:
    """The fact's label in `lang`; a path outside the table (a custom pack's) in plain words."""
    path = re.sub(r"\[\d*\]", "", path)                # vendors[].established_in_eu -> vendors.established_in_eu
    label = FACT_LABELS.get(path) or FACT_LABELS.get(path.rsplit(".", 1)[-1]) or PART_LABELS.get(path.rsplit(".", 1)[-1])
    if label is None:
        return " ".join(path.rsplit(".", 1)[-1].split("_"))
    return t(lang, label)


def facts_text(evidence: dict[str, Any], lang: str) -> str:
    """A finding's evidence on one line, sorted by path."""
    return separator(lang).join(fact_line(k, v, lang) for k, v in sorted(evidence.items()))


def fact_value(path: str, value: Any, lang: str) -> str:
    """A fact's value in words: yes/no, not declared, numbers in the local format, vocabulary values translated."""
    if value is None:
        return t(lang, "not declared")
    if isinstance(value, bool):
        return t(lang, "yes") if value else t(lang, "no")
    if isinstance(value, (int, float)):
        return format_number(value, lang, decimals=None if float(value).is_integer() else 2)
    if isinstance(value, list):
        return ", ".join(fact_value(path, v, lang) for v in value) if value else t(lang, "(none)")
    if isinstance(value, dict):
        return separator(lang).join(fact_line(f"{path}.{k}", v, lang) for k, v in value.items())
    if path.rsplit(".", 1)[-1] == "country" and isinstance(value, str):
        return country_name(value, lang)
    vocabulary = vocab_for_path(path)
    words = term(vocabulary, value, lang) if vocabulary else None
    return words or str(value)


def fact_line(path: str, value: Any, lang: str) -> str:
    return t(lang, "{label}: {value}", label=fact_label(path, lang), value=fact_value(path, value, lang))
