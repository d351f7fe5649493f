"""The closed vocabularies of the deployment model in words: the English text of each value.

Reports, rule messages and the interface print `sales_floor` as "sales floor" / "surface de vente": the English
is here, the other languages in the message catalogs (auditor/locale), with the vocabulary's name as context.
"""

from __future__ import annotations

from typing import Any

from auditor.core.i18n import tc

# GDPR Art 9(1) categories an analytics product may infer (data categories and derived special categories).
_INFERRED_SPECIAL: dict[str, str] = {
    "political_opinions": "political opinions", "trade_union_membership": "trade-union membership",
    "religious_or_philosophical_beliefs": "religious or philosophical beliefs", "sex_life": "sex life",
    "sexual_orientation": "sexual orientation",
}

VOCAB: dict[str, dict[str, str]] = {
    "zone": {
        "entrance": "entrance", "sales_floor": "sales floor", "checkout": "checkout",
        "self_checkout": "self-checkout", "fitting_room_area": "fitting-room area", "fitting_room": "fitting room",
        "stockroom": "stockroom", "staff_room": "staff room", "office": "office",
        "union_room": "staff representatives' room", "toilets": "toilets", "car_park": "car park",
        "street_frontage": "street frontage", "mall_concourse": "mall concourse",
    },
    "view": {
        "overhead": "overhead", "angled": "angled", "eye_level": "eye level",
    },
    "viewer": {
        "security": "security", "management": "management", "dpo": "DPO", "store_staff": "store staff",
        "all_staff": "all staff", "vendor": "vendor", "police": "police", "public": "public",
    },
    "purpose": {
        "theft_prevention": "theft prevention", "assault_prevention": "assault prevention",
        "staff_protection": "staff protection", "fraud_prevention": "fraud prevention",
        "property_protection": "property protection", "incident_investigation": "incident investigation",
        "safety": "safety", "security": "security", "general": "general", "people_count": "people counting",
        "occupancy": "occupancy", "heatmap": "heatmap", "anonymous_analytics": "anonymous analytics",
        "audience_measurement": "audience measurement", "marketing": "marketing",
        "customer_experience": "customer experience", "staff_performance": "staff performance",
        "payment": "payment", "loyalty": "loyalty", "age_verification": "age verification",
        "health_screening": "health screening", "dwell_time": "dwell time", "attendance": "attendance",
    },
    "technique": {
        "security_recording": "security recording", "people_count": "people counting", "heatmap": "heatmap",
        "reid_tracking": "re-identification tracking", "demographic_age": "age estimation",
        "demographic_gender": "gender estimation", "demographic_ethnicity": "ethnic-origin estimation",
        "emotion": "emotion analysis", "face_id_watchlist": "face identification (watch list)",
        "face_id_vip": "face identification (VIP list)", "face_verification_payment": "face payment",
        "vital_signs_heart_rate": "heart-rate sensing", "body_temperature": "body-temperature sensing",
        "wifi_mac": "WiFi MAC-address tracking", "ble_beacon_app": "Bluetooth beacons with an app",
        "mood_music": "mood-adapted music", "age_estimation_sale_control": "age estimation for restricted sales",
        "self_checkout_scan_check": "self-checkout scan check", "behaviour_detection": "behaviour detection",
        "attendance": "time and attendance", "face_search": "face search in recorded footage",
    },
    "purpose_category": {
        "security": "security", "marketing": "marketing", "analytics": "analytics",
        "staff_performance": "staff performance", "payment": "payment", "loyalty": "loyalty",
        "store_operations": "store operations", "health_safety": "health and safety",
        "legal_obligation": "legal obligation",
    },
    "data_category": {
        **_INFERRED_SPECIAL,
        "video_images": "video images", "audio": "audio", "face_templates": "face templates",
        "body_or_gait_templates": "body or gait templates", "age_range": "age range", "gender": "gender",
        "ethnic_origin": "ethnic origin", "emotions": "emotions", "heart_rate": "heart rate",
        "body_temperature": "body temperature", "device_identifiers": "device identifiers",
        "location_trail": "location trail", "counts": "counts", "dwell_times": "dwell times",
        "app_user_id": "app user id", "loyalty_id": "loyalty id", "payment_data": "payment data",
        "identity": "identity", "criminal_offence_data": "criminal-offence data", "health_status": "health status",
    },
    "subject": {
        "customers": "customers", "employees": "employees", "minors": "minors",
        "general_public": "the general public", "passers_by": "passers-by", "loyalty_members": "loyalty members",
        "app_users": "app users", "contractors": "contractors",
    },
    "special_category": {
        **_INFERRED_SPECIAL,
        "biometric_identification": "biometric data for identification", "health": "health data",
        "ethnic_origin": "ethnic origin",
    },
    "offence_prediction": {
        "none": "no offence-risk assessment", "profiling": "risk of offending predicted from profiling",
        "objective_facts": "support to a human assessment based on objective facts",
    },
    "advertising_placement": {
        "public_road": "on or visible from the public road", "shop_window": "in a shop window",
        "in_store": "inside the store only", "advertising_premises": "premises mainly used for advertising",
    },
    "consent": {
        "none": "none", "signage": "signage (\"by entering you agree\")", "opt_in_app": "opt-in in the app",
        "enrolment_kiosk": "enrolment kiosk", "written": "written",
        "os_permission_only": "operating-system permission only",
    },
    "vendor_role": {
        "processor": "processor", "sub_processor": "sub-processor", "joint_controller": "joint controller",
        "controller": "independent controller",
    },
    "mechanism": {
        "none": "none", "adequacy": "adequacy decision", "scc": "SCCs without a transfer impact assessment",
        "scc_tia": "SCCs with a transfer impact assessment", "bcr": "binding corporate rules",
        "derogation": "derogation",
    },
    "schedule": {
        "continuous": "continuous", "opening_hours": "opening hours", "after_hours": "after hours",
    },
    "sign_field": {
        "controller": "controller", "purposes": "purposes", "rights": "rights",
        "legitimate_interest": "legitimate interest", "dpo_contact": "DPO contact", "retention": "retention",
        "transfers": "transfers", "second_layer_ref": "link to the full notice", "pictogram": "pictogram",
        "responsible_phone": "phone of the person in charge", "ai_notice": "AI notice",
        "objection_route": "how to object",
    },
    "recipient": {
        "police": "police", "insurer": "insurer", "lawyer": "lawyer", "vendor": "vendor", "other": "other",
    },
    "ai_type": {
        "emotion": "emotion recognition", "categorisation": "biometric categorisation",
        "rbi": "remote biometric identification", "verification": "biometric verification",
        "identification_payment": "identification for payment", "none": "—",
    },
    "store_type": {
        "supermarket": "supermarket", "hypermarket": "hypermarket", "convenience": "convenience store",
        "fashion": "fashion", "electronics": "electronics", "pharmacy": "pharmacy", "jewellery": "jewellery",
        "department_store": "department store", "shopping_mall": "shopping mall", "tobacconist": "tobacconist",
        "specialist": "specialist store", "other": "other", "station": "station", "stadium": "stadium",
        "school": "school", "hospital": "hospital", "office_building": "office building",
        "online_service": "online service",
    },
    "dori": {
        "none": "below detection", "detection": "detection", "observation": "observation",
        "recognition": "recognition", "identification": "identification",
    },
    "legal_basis": {
        "6(1)(a)": "consent (Art 6(1)(a))", "6(1)(b)": "contract (Art 6(1)(b))",
        "6(1)(c)": "legal obligation (Art 6(1)(c))", "6(1)(d)": "vital interests (Art 6(1)(d))",
        "6(1)(e)": "public task (Art 6(1)(e))", "6(1)(f)": "legitimate interest (Art 6(1)(f))",
    },
    "measure": {
        "encryption_at_rest": "Footage encrypted at rest", "encryption_in_transit": "Footage encrypted in transit",
        "role_based": "Role-based access to footage", "logging": "Access to footage is logged",
        "mfa_remote": "Multi-factor authentication for remote viewing",
        "export_only_on_incident": "Exports only on incident",
        "access_requests": "Written procedure for access requests",
        "freeze_on_request": "Footage kept while a request is pending",
        "disclosure_log": "Every disclosure to third parties is logged",
        "incident_response": "Incident-response procedure", "patching": "Recorders and cameras are patched",
        "auto_delete": "Automatic deletion at the end of retention ({n} camera(s))",
        "privacy_masking": "Privacy masking on {n} camera(s)", "signage": "Information signage",
        "dpo": "A DPO is appointed", "ropa": "The processing is in the record of processing activities",
        "lia": "A legitimate-interest assessment exists", "dpia": "A DPIA was carried out earlier",
        "cse": "Staff representatives were consulted", "employees_informed": "Employees informed individually",
    },
    "output": {
        "aggregate": "aggregate", "individual": "individual",
    },
    "automated_action": {
        "none": "none", "staff_alert": "staff alert", "deny_entry": "entry denied",
        "refuse_refund": "refund refused", "targeted_ad": "targeted advertising", "price": "price",
        "music": "music", "payment": "payment",
    },
    "template_storage": {
        "none": "none", "user_device": "on the person's device",
        "central_user_key": "central, key held by the person",
        "central_controller": "central, held by the controller", "vendor_cloud": "vendor cloud",
    },
    "processing_location": {
        "on_device": "on the device", "on_premises": "on premises", "controller_cloud": "controller's cloud",
        "vendor_cloud": "vendor cloud",
    },
    "watchlist_source": {
        "own_enrolment": "self-enrolment", "staff_designation": "designated by staff",
        "cctv_extract": "CCTV extracts", "police": "police", "other_retailers": "other retailers", "media": "media",
        "vendor_database": "vendor database", "court_order": "court orders",
        "scraped_images": "images scraped from the internet",
    },
    "art9_law_kind": {
        "union_law": "Union law", "member_state_law": "Member State law", "protocol": "protocol",
        "guideline": "guideline", "contract": "contract", "other": "other",
    },
    "sensor_kind": {
        "wifi_probe": "WiFi probe sensor", "ble_beacon": "Bluetooth beacon", "ble_scanner": "Bluetooth scanner",
        "thermal": "thermal camera", "counter_3d": "3D people counter", "microphone": "microphone",
        "other": "other sensor",
    },
    "coverage": {
        "zone": "a single zone", "store": "store-wide", "mall": "mall-wide", "chain": "chain-wide",
    },
}

# Fact names (the last key of a path) whose values are one of the vocabularies above.
FIELD_VOCAB = {
    "zone": "zone", "camera_zones": "zone", "view": "view", "viewers": "viewer", "purposes": "purpose",
    "technique": "technique", "techniques": "technique", "purpose_category": "purpose_category",
    "data_categories": "data_category", "receives": "data_category", "subjects": "subject",
    "special_categories": "special_category", "role": "vendor_role", "transfer_mechanism": "mechanism",
    "schedule": "schedule", "fields": "sign_field", "recipients": "recipient", "aiact_type": "ai_type",
    "aiact_types": "ai_type", "type": "store_type", "dori_class": "dori", "legal_basis": "legal_basis",
    "output": "output", "automated_action": "automated_action", "template_storage": "template_storage",
    "processing_location": "processing_location", "coverage": "coverage",
    "offence_prediction": "offence_prediction", "advertising_placement": "advertising_placement",
    "sources": "watchlist_source", "art9_law_kind": "art9_law_kind", "kind": "sensor_kind",
}
# Where the last key alone is ambiguous, the last two keys decide.
PATH_VOCAB = {"consent.mechanism": "consent", "transfers.mechanism": "mechanism"}


def vocab_for_path(path: str) -> str | None:
    """The vocabulary of the value at a fact path such as `camera.zone` or `activity.consent.mechanism`."""
    parts = path.split(".")
    if len(parts) >= 2 and ".".join(parts[-2:]) in PATH_VOCAB:
        return PATH_VOCAB[".".join(parts[-2:])]
    return FIELD_VOCAB.get(parts[-1])


def term(vocabulary: str | None, value: Any, lang: str) -> str | None:
    """A vocabulary value in words in `lang`, or None when it is not a known value."""
    english = VOCAB.get(vocabulary or "", {}).get(str(value))
    return None if english is None else tc(lang, str(vocabulary), english)
