"""The Facts document: the deployment, footage measurements and the derived facts of docs/facts-and-rules.md.

Derived facts are computed here, in Python, before any rule runs: classification (biometric, special
categories, AI Act system type, publicly accessible, employees and minors in scope), scale, the nine WP248
criteria each with the reasons it is or is not met, the CNIL DPIA-list items, GDPR Art 35(3) and whether a
DPIA is required. Reasons are English; the report renders the parts in either language.
"""

from __future__ import annotations

from typing import Any

from auditor.core.derived_facts import CameraDerived
from auditor.core.footage_facts import FootageFacts
from auditor.core.deployment import EEA_COUNTRIES, Activity, Camera, Deployment
from auditor.core.dpia_lists import CNIL_ITEMS, WP248_CRITERIA
from auditor.core.i18n import format_number
from auditor.core.vocab import term

SCHEMA_VERSION = 1
ID_GRADE_SHARE_THRESHOLD = 0.05       # product threshold for id_grade_capture (stated in the report)
LARGE_VISITORS_PER_DAY = 1000         # product heuristic for large scale (DPIA-ART35-3B; not law)
LARGE_CONTINUOUS_PUBLIC_CAMERAS = 10

OUTSIDE_ZONES = frozenset({"street_frontage", "mall_concourse"})
PUBLIC_ZONES = frozenset({"entrance", "sales_floor", "checkout", "self_checkout", "fitting_room_area", "car_park",
                          "street_frontage", "mall_concourse"})
STAFF_ONLY_ZONES = frozenset({"stockroom", "office", "staff_room", "union_room"})
EMPLOYEE_ZONES = frozenset({"checkout", "stockroom", "office", "staff_room"})
# Art 9(1) categories an analytics activity may declare among its outputs (besides ethnic origin and health).
INFERRED_SPECIAL = ("political_opinions", "trade_union_membership", "religious_or_philosophical_beliefs",
                    "sex_life", "sexual_orientation")
INTIMATE_ZONES = frozenset({"fitting_room", "toilets", "staff_room", "union_room"})
ANONYMOUS_PURPOSES = frozenset({"people_count", "occupancy", "heatmap", "anonymous_analytics", "audience_measurement"})

BIOMETRIC_SIGNALS = frozenset({"face", "voice", "body", "gait"})
FACE_GAIT_BODY = frozenset({"face", "gait", "body"})
FACE_VOICE_BODY = frozenset({"face", "voice", "body"})
SENSING_SIGNALS = BIOMETRIC_SIGNALS | {"thermal"}
FACE_ID = frozenset({"face_id_watchlist", "face_id_vip", "face_verification_payment"})
DEMOGRAPHIC = frozenset({"demographic_age", "demographic_gender", "demographic_ethnicity"})
HEALTH = frozenset({"vital_signs_heart_rate", "body_temperature"})
# Techniques that analyse faces or bodies whatever the declared signals.
INHERENTLY_BIOMETRIC = FACE_ID | DEMOGRAPHIC | HEALTH | {"emotion", "age_estimation_sale_control",
                                                         "behaviour_detection"}
TRACKING = frozenset({"wifi_mac", "ble_beacon_app", "reid_tracking"})
WATCHLIST_RISK = frozenset({"shoplifting", "suspected_offender", "banned_person"})



def _in_eea(country: str | None) -> bool:
    return bool(country) and country.split("-")[0] in EEA_COUNTRIES  # type: ignore[union-attr]


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


# --- per camera ----------------------------------------------------------------------------------------------

def _zone_public(dep: Deployment, zone: str | None, *, street: bool = False) -> bool:
    """Whether a camera or sensor in `zone` covers a publicly accessible area: a closed site's entrance or sales
    floor is not; the street and a mall's common areas are, whoever covers them."""
    return zone not in STAFF_ONLY_ZONES and (
        dep.store.open_to_public is True or street or zone in OUTSIDE_ZONES
        or (zone in PUBLIC_ZONES and dep.store.open_to_public is not False))


def camera_derived(dep: Deployment, cam: Camera, footage: dict[str, Any] | None) -> dict[str, Any]:
    activities = [a for a in dep.activities if cam.id in a.cameras]
    fo = FootageFacts.from_dict(footage) if footage is not None else None
    share = fo.identification_grade_share if fo is not None else 0.0
    id_grade = fo is not None and fo.face_recognition_grade and share >= ID_GRADE_SHARE_THRESHOLD
    return CameraDerived(
        publicly_accessible=_zone_public(dep, cam.zone, street=cam.public_road_in_view is True),
        employees_in_scope=(cam.zone in EMPLOYEE_ZONES or cam.employee_workstations_in_view is True
                            or cam.cashier_in_view is True),
        techniques=_unique([a.technique for a in activities]),
        activity_ids=[a.id for a in activities],
        purposes_anonymous_only=bool(cam.purposes) and all(p in ANONYMOUS_PURPOSES for p in cam.purposes),
        continuous=cam.recording is True and cam.schedule != "after_hours",
        id_grade_capture=bool(id_grade),
        id_grade_share=share,
        footage_analysed=footage is not None,
        intimate_zone=cam.zone in INTIMATE_ZONES,
    ).to_dict()


def _footage_saw_faces(footage: dict[str, Any] | None) -> bool:
    """Whether footage analysis measured any face (docs/footage.md keys; absent keys count as none)."""
    return footage is not None and FootageFacts.from_dict(footage).saw_faces


def _positive(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


# --- per activity --------------------------------------------------------------------------------------------

def _aiact_type(act: Activity) -> str:
    t, signals = act.technique, set(act.signals)
    if t == "emotion" or (t == "mood_music" and signals & FACE_VOICE_BODY):
        return "emotion"
    if t in DEMOGRAPHIC or t == "age_estimation_sale_control":
        return "categorisation"
    if t in ("face_id_watchlist", "face_id_vip"):
        return "rbi"
    if t == "face_verification_payment":
        return "identification_payment" if act.matching == "1:N" else (
            "verification" if act.matching in (None, "1:1") else "none")
    return "none"


def activity_derived(dep: Deployment, act: Activity, cams: dict[str, dict[str, Any]],
                     footage: dict[str, dict[str, Any]]) -> dict[str, Any]:
    t, signals = act.technique, set(act.signals)
    cameras = [c for c in dep.cameras if c.id in act.cameras]
    sensors = [x for x in dep.sensors if x.id in act.sensors]
    sensor_kinds = _unique([x.kind for x in sensors])
    gdpr_bio = (act.template_created is True or t in FACE_ID
                or (t == "reid_tracking" and bool(signals & FACE_GAIT_BODY)))
    special = []
    if gdpr_bio:
        special.append("biometric_identification")
    if t in HEALTH or "thermal" in sensor_kinds:     # a thermal sensor measures body temperature
        special.append("health")
    if t == "demographic_ethnicity" or "ethnic_origin" in act.data_categories:
        special.append("ethnic_origin")
    if "health_status" in act.data_categories and "health" not in special:
        special.append("health")
    special += [c for c in INFERRED_SPECIAL if c in act.data_categories]
    aiact_bio = (t in INHERENTLY_BIOMETRIC or (t == "reid_tracking" and bool(signals & BIOMETRIC_SIGNALS))
                 or (t == "mood_music" and bool(signals & FACE_VOICE_BODY)))
    aiact_type = _aiact_type(act)
    site_public = dep.store.open_to_public is True
    if cameras or any(x.zone for x in sensors):
        publicly = (any(cams[c.id]["publicly_accessible"] for c in cameras)
                    or any(_zone_public(dep, x.zone) for x in sensors if x.zone))
    else:                                          # nothing says where it runs: the site decides
        publicly = site_public
    if dep.store.open_to_public is None and publicly:
        site_public = True
    vendors = {v.name: v for v in dep.vendors}
    outside_vendors = [n for n in act.vendors if n in vendors and not _in_eea(vendors[n].country)]
    transfers: list[dict[str, Any]] = []
    for tr in act.transfers:
        if not _in_eea(tr.country):
            item: dict[str, Any] = {"country": tr.country, "mechanism": tr.mechanism or "none"}
            if tr.recipient:
                item["recipient"] = tr.recipient
            transfers.append(item)
    for name in outside_vendors:
        v = vendors[name]
        transfers.append({"country": v.country, "recipient": v.name, "mechanism": v.transfer_mechanism or "none"})
    return {
        "gdpr_biometric": gdpr_bio,
        "special_categories": special,
        "aiact_biometric": aiact_bio,
        "aiact_type": aiact_type,
        "employees_in_scope": "employees" in act.subjects or any(cams[c.id]["employees_in_scope"] for c in cameras),
        "minors_in_scope": "minors" in act.subjects or (site_public and dep.store.minors_may_be_present is not False),
        "publicly_accessible": publicly,
        "camera_zones": _unique([c.zone for c in cameras]),
        "sensor_kinds": sensor_kinds,
        "sensor_zones": _unique([x.zone for x in sensors if x.zone]),
        "operator_in_frame": any(c.cashier_in_view is True or c.employee_workstations_in_view is True
                                 or (c.zone == "checkout" and _footage_saw_faces(footage.get(c.id)))
                                 for c in cameras),
        "uses_biometric_signals": bool(signals & SENSING_SIGNALS) or t in INHERENTLY_BIOMETRIC,
        "is_ai": aiact_type != "none" or t in ("reid_tracking", "behaviour_detection", "self_checkout_scan_check",
                                                "heatmap") or (t == "people_count" and "face" in signals),
        "vendors_outside_eea": outside_vendors,
        "transfers_outside_eea": transfers,
        "consent_based": act.legal_basis == "6(1)(a)" or "9(2)(a)" in act.art9_exception,
    }


# --- deployment-wide -----------------------------------------------------------------------------------------

def _fr(vocabulary: str, value: str | None) -> str:
    """A vocabulary value in French words for the French reasons (auditor/core/vocab.py and the catalog)."""
    if value is None:
        return "non déclarée"
    return term(vocabulary, value, "fr") or value.replace("_", " ")


Reason = tuple[str, str]          # (English, French)


def _criterion(number: int, key: str, name: str, reasons: list[Reason], otherwise: Reason) -> dict[str, Any]:
    chosen = reasons if reasons else [otherwise]
    return {"number": number, "key": key, "name": name, "met": bool(reasons),
            "reasons": [en for en, _ in chosen], "reasons_fr": [fr for _, fr in chosen]}


def wp248(dep: Deployment, cams: dict[str, dict[str, Any]], acts: dict[str, dict[str, Any]],
          large_scale: bool, large_reasons: list[Reason], minors: bool, employees: bool) -> dict[str, Any]:
    r: dict[int, list[Reason]] = {n: [] for n, _, _ in WP248_CRITERIA}
    for act in dep.activities:
        d, t, aid = acts[act.id], act.technique, act.id
        tf = _fr('technique', t)
        if t in DEMOGRAPHIC or t == "emotion" or t == "behaviour_detection" or d["aiact_type"] == "emotion":
            r[1].append((f"activity {aid} ({t}) evaluates or profiles people",
                         f"l'activité {aid} ({tf}) évalue ou profile des personnes"))
        elif t == "reid_tracking":
            r[1].append((f"activity {aid} ({t}) tracks and profiles people's movements",
                         f"l'activité {aid} ({tf}) suit et profile les déplacements des personnes"))
        elif t in ("wifi_mac", "ble_beacon_app") and (act.output == "individual" or act.linked_data
                                                      or act.automated_action == "targeted_ad"):
            r[1].append((f"activity {aid} ({t}) builds individual profiles",
                         f"l'activité {aid} ({tf}) constitue des profils individuels"))
        if act.watchlist is not None and set(act.watchlist.criteria) & WATCHLIST_RISK:
            r[1].append((f"activity {aid} scores people against a risk watchlist",
                         f"l'activité {aid} note des personnes au regard d'une liste de surveillance"))
        if act.automated_action in ("deny_entry", "refuse_refund", "price"):
            r[2].append((f"activity {aid} takes an automated decision ({act.automated_action})",
                         f"l'activité {aid} prend une décision automatisée ({_fr('automated_action', act.automated_action)})"))
        if t == "wifi_mac":
            r[3].append((f"activity {aid} monitors visitors' devices (WiFi)",
                         f"l'activité {aid} surveille les terminaux des visiteurs (WiFi)"))
        elif d["is_ai"] and d["publicly_accessible"] and act.cameras:
            r[3].append((f"activity {aid} ({t}) analyses a publicly accessible area systematically",
                         f"l'activité {aid} ({tf}) analyse systématiquement une zone accessible au public"))
        for cat in d["special_categories"]:
            r[4].append((f"activity {aid} processes special-category data ({cat.replace('_', ' ')})",
                         f"l'activité {aid} traite des données sensibles ({_fr('special_category', cat)})"))
        if "location_trail" in act.data_categories or t in TRACKING:
            r[4].append((f"activity {aid} ({t}) produces location trails",
                         f"l'activité {aid} ({tf}) produit des historiques de localisation"))
        if d["aiact_type"] == "emotion" or "emotions" in act.data_categories:
            r[4].append((f"activity {aid} infers emotions", f"l'activité {aid} déduit des émotions"))
        if t in ("face_id_watchlist", "face_id_vip") or act.watchlist is not None or act.matching == "1:N":
            r[6].append((f"activity {aid} matches people against a reference gallery",
                         f"l'activité {aid} compare des personnes à une base de référence"))
        elif t == "face_verification_payment":
            r[6].append((f"activity {aid} matches faces with enrolled templates linked to a payment account",
                         f"l'activité {aid} compare des visages à des gabarits liés à un compte de paiement"))
        if act.linked_data:
            r[6].append((f"activity {aid} combines its data with {', '.join(act.linked_data)} data",
                         f"l'activité {aid} croise ses données avec des données {', '.join(act.linked_data)}"))
        if d["gdpr_biometric"]:
            r[8].append((f"activity {aid} ({t}) uses face recognition or other biometric identification",
                         f"l'activité {aid} ({tf}) utilise la reconnaissance faciale ou une autre identification "
                         "biométrique"))
        elif d["aiact_type"] == "emotion":
            r[8].append((f"activity {aid} ({t}) uses emotion-recognition AI",
                         f"l'activité {aid} ({tf}) utilise une IA de reconnaissance des émotions"))
        elif t in HEALTH:
            r[8].append((f"activity {aid} ({t}) senses vital signs with cameras",
                         f"l'activité {aid} ({tf}) mesure des signes vitaux par caméra"))
        elif t in ("wifi_mac", "ble_beacon_app"):
            r[8].append((f"activity {aid} ({t}) uses device tracking technology",
                         f"l'activité {aid} ({tf}) utilise une technologie de suivi des terminaux"))
        if act.automated_action in ("deny_entry", "refuse_refund"):
            r[9].append((f"activity {aid} can deny entry or a refund ({act.automated_action})",
                         f"l'activité {aid} peut refuser l'entrée ou un remboursement "
                         f"({_fr('automated_action', act.automated_action)})"))
        if (d["gdpr_biometric"] or t == "face_verification_payment") and act.alternative_offered is False:
            r[9].append((f"activity {aid}: the service is conditional on biometrics (no alternative offered)",
                         f"activité {aid} : le service est subordonné à la biométrie (aucune alternative proposée)"))
    for cam in dep.cameras:
        c = cams[cam.id]
        if c["continuous"] and c["publicly_accessible"]:
            r[3].append((f"camera {cam.id} records a publicly accessible area ({cam.zone}) continuously",
                         f"la caméra {cam.id} enregistre en continu une zone accessible au public "
                         f"({_fr('zone', cam.zone)})"))
        elif c["continuous"] and c["employees_in_scope"]:
            r[3].append((f"camera {cam.id} monitors employees continuously ({cam.zone})",
                         f"la caméra {cam.id} surveille des salariés en continu ({_fr('zone', cam.zone)})"))
    r[5] = list(large_reasons) if large_scale else []
    if employees:
        r[7].append(("employees are in scope (cameras on workstations or staff areas, or employees among the subjects)",
                     "des salariés sont concernés (caméras sur des postes de travail ou des zones réservées au "
                     "personnel, ou salariés parmi les personnes concernées)"))
    if minors:
        r[7].append(("minors may be present (a site open to the public, not excluded) or are among the subjects",
                     "des mineurs peuvent être présents (lieu ouvert au public, sans exclusion) ou figurent parmi "
                     "les personnes concernées"))
    otherwise: dict[int, Reason] = {
        1: ("no activity evaluates, scores or profiles people",
            "aucune activité n'évalue, ne note ni ne profile de personnes"),
        2: ("no automated decision with legal or similarly significant effect is declared",
            "aucune décision automatisée produisant un effet juridique ou similaire n'est déclarée"),
        3: ("no continuous monitoring of a publicly accessible area or of employees is declared",
            "aucune surveillance continue d'une zone accessible au public ou de salariés n'est déclarée"),
        4: ("no special-category, location-trail or emotion data",
            "aucune donnée sensible, de localisation ou d'émotion"),
        5: ("not large scale by the product heuristic (one store, at most 1,000 visitors a day, "
            "at most 10 continuously recording public cameras)",
            "pas à grande échelle selon l'heuristique de l'outil (un magasin, au plus 1 000 visiteurs par jour, "
            "au plus 10 caméras enregistrant en continu des zones publiques)"),
        6: ("no matching against galleries and no combination with other datasets",
            "aucune comparaison avec une base de référence ni aucun croisement avec d'autres données"),
        7: ("neither employees nor minors are in scope", "ni salariés ni mineurs concernés"),
        8: ("no face recognition, emotion AI, vital-sign sensing or WiFi/Bluetooth tracking",
            "ni reconnaissance faciale, ni IA de reconnaissance des émotions, ni mesure de signes vitaux, "
            "ni suivi WiFi/Bluetooth"),
        9: ("no processing prevents using a service or exercising a right",
            "aucun traitement n'empêche de bénéficier d'un service ou d'exercer un droit"),
    }
    criteria = [_criterion(n, key, name, _unique(r[n]), otherwise[n]) for n, key, name in WP248_CRITERIA]
    met = [c["number"] for c in criteria if c["met"]]
    return {"count": len(met), "met": met, "criteria": criteria}




def cnil_list(dep: Deployment, cams: dict[str, dict[str, Any]], acts: dict[str, dict[str, Any]],
              large_scale: bool) -> tuple[list[str], list[str]]:
    """CNIL DPIA-list items matched (France only) and a reason for each."""
    items: dict[str, list[str]] = {}

    def add(n: str, why: str) -> None:
        items.setdefault(n, []).append(why)

    for act in dep.activities:
        d, t, aid = acts[act.id], act.technique, act.id
        if act.purpose_category == "staff_performance":
            add("3", f"activity {aid} produces metrics about employees")
            add("4", f"activity {aid} monitors employees' activity")
        if d["aiact_type"] == "emotion" and d["employees_in_scope"]:
            add("3", f"activity {aid} infers the emotions of employees")
        if act.automated_action in ("deny_entry", "refuse_refund"):
            add("8", f"activity {aid} may exclude people from the service ({act.automated_action})")
        elif act.watchlist is not None and set(act.watchlist.criteria) & WATCHLIST_RISK:
            add("8", f"activity {aid} matches people against a list of suspected offenders or banned people")
        if act.watchlist is not None and act.watchlist.shared_with_other_controllers is True:
            add("9", f"activity {aid} shares its watchlist with other controllers")
        external = set(act.linked_data) & {"loyalty", "crm", "third_party", "app_account"}
        if external and (act.purpose_category in ("marketing", "loyalty") or act.automated_action == "targeted_ad"):
            add("10", f"activity {aid} combines its data with {', '.join(sorted(external))} data for marketing")
        if d["gdpr_biometric"] and (d["minors_in_scope"] or d["employees_in_scope"]):
            who = " and ".join(w for w, on in (("employees", d["employees_in_scope"]),
                                               ("minors", d["minors_in_scope"])) if on)
            add("11", f"activity {aid} identifies people biometrically and {who} are in scope")
        if t in TRACKING and (act.coverage in ("mall", "chain") or large_scale):
            add("14", f"activity {aid} ({t}) processes location data on a large scale")
    for cam in dep.cameras:
        if cams[cam.id]["continuous"] and (cam.employee_workstations_in_view is True or cam.cashier_in_view is True):
            add("4", f"camera {cam.id} films employees at their workstation continuously")
    order = sorted(items, key=int)
    return order, [f"CNIL DPIA list item {n} ({CNIL_ITEMS[n]}): " + "; ".join(_unique(items[n])) for n in order]


def build_derived(dep: Deployment, footage: dict[str, dict[str, Any]]) -> tuple[
        dict[str, Any], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(deployment-wide derived, per-camera derived by id, per-activity derived by id)."""
    cams = {c.id: camera_derived(dep, c, footage.get(c.id)) for c in dep.cameras}
    acts = {a.id: activity_derived(dep, a, cams, footage) for a in dep.activities}
    # employees_in_scope of a camera also counts when an activity on it declares employees as subjects
    country = dep.store.country.split("-")[0]
    store = dep.store
    continuous_public = [c.id for c in dep.cameras if cams[c.id]["continuous"] and cams[c.id]["publicly_accessible"]]
    continuous_public_count = sum(c.count for c in dep.cameras if c.id in continuous_public)
    large_reasons: list[Reason] = []
    if store.store_count is not None and store.store_count > 1:
        large_reasons.append((f"the deployment covers {store.store_count} stores",
                              f"le dispositif couvre {format_number(store.store_count, 'fr')} magasins"))
    if store.visitors_per_day is not None and store.visitors_per_day > LARGE_VISITORS_PER_DAY:
        large_reasons.append((f"{store.visitors_per_day} visitors a day (more than {LARGE_VISITORS_PER_DAY})",
                              f"{format_number(store.visitors_per_day, 'fr')} visiteurs par jour (plus de {format_number(LARGE_VISITORS_PER_DAY, 'fr')})"))
    if continuous_public_count > LARGE_CONTINUOUS_PUBLIC_CAMERAS:
        large_reasons.append((f"{continuous_public_count} cameras record publicly accessible areas continuously "
                              f"(more than {LARGE_CONTINUOUS_PUBLIC_CAMERAS})",
                              f"{continuous_public_count} caméras enregistrent en continu des zones accessibles au "
                              f"public (plus de {LARGE_CONTINUOUS_PUBLIC_CAMERAS})"))
    large_scale = bool(large_reasons)
    special = _unique([s for a in dep.activities for s in acts[a.id]["special_categories"]])
    publicly = any(c["publicly_accessible"] for c in cams.values())
    employees = any(c["employees_in_scope"] for c in cams.values()) or any(
        a["employees_in_scope"] for a in acts.values())
    site_public = store.open_to_public is True or (store.open_to_public is None and publicly)
    minors = any(a["minors_in_scope"] for a in acts.values()) or (
        site_public and store.minors_may_be_present is not False)
    criteria = wp248(dep, cams, acts, large_scale, large_reasons, minors, employees)
    france = dep.store.country == "FR"
    cnil, cnil_reasons = cnil_list(dep, cams, acts, large_scale) if france else ([], [])
    art35: list[str] = []
    reasons: list[str] = []
    if special and large_scale:
        art35.append("b")
        reasons.append("GDPR Art 35(3)(b): special categories (" + ", ".join(s.replace("_", " ") for s in special)
                       + ") on a large scale (" + "; ".join(en for en, _ in large_reasons) + ")")
    if continuous_public and large_scale:
        art35.append("c")
        reasons.append("GDPR Art 35(3)(c): systematic monitoring of a publicly accessible area on a large scale ("
                       + "; ".join(en for en, _ in large_reasons) + ")")
    if criteria["count"] >= 2:
        names = ", ".join(f"{c['number']} {c['name'].split(' (')[0].split(',')[0].lower()}"
                          for c in criteria["criteria"] if c["met"])
        reasons.insert(0, f"WP248: {criteria['count']} criteria met ({names})")
    reasons.extend(cnil_reasons)
    return {
        "country": country,
        "in_eea": _in_eea(dep.store.country),
        "france": france,
        "special_categories": special,
        "gdpr_biometric": any(a["gdpr_biometric"] for a in acts.values()),
        "aiact_types": _unique([a["aiact_type"] for a in acts.values() if a["aiact_type"] != "none"]),
        "employees_in_scope": employees,
        "minors_in_scope": minors,
        "publicly_accessible": publicly,
        "continuous_monitoring": any(c["continuous"] for c in cams.values()),
        "large_scale": large_scale,
        "controller_outside_eea": bool(dep.controller.country) and not _in_eea(dep.controller.country),
        "vendors_outside_eea": [v.name for v in dep.vendors if not _in_eea(v.country)],
        "scale": {k: v for k, v in {"cameras": sum(c.count for c in dep.cameras), "stores": store.store_count,
                                    "sensors": sum(x.count for x in dep.sensors) or None,
                                    "visitors_per_day": store.visitors_per_day,
                                    "activities": len(dep.activities)}.items() if v is not None},
        "wp248": criteria,
        "cnil_list": cnil,
        "art35_3": art35,
        "dpia_required": criteria["count"] >= 2 or bool(cnil) or bool(art35),
        "dpia_reasons": reasons,
        "footage_analysed": any(c["footage_analysed"] for c in cams.values()),
        "ai_activities": [a.id for a in dep.activities if acts[a.id]["is_ai"]],
    }, cams, acts


def art9_facts(declared: list[str] | None) -> dict[str, Any]:
    """An activity's Art 9(2) exceptions in the Facts: `art9_exceptions` lists them all; `art9_exception` holds
    the value only when there is exactly one, so that a rule reading the single value asks the assessor rather
    than judge on one exception of several. Nothing when none is declared (a rule that needs one asks)."""
    unique = list(dict.fromkeys(declared or []))
    if not unique:
        return {}
    return {"art9_exceptions": unique, **({"art9_exception": unique[0]} if len(unique) == 1 else {})}


def build_facts(dep: Deployment, *, footage: dict[str, dict[str, Any]] | None = None, audit_date: str,
                audit_time: str | None = None) -> dict[str, Any]:
    """The Facts document of a deployment (a plain, JSON-serialisable dict).

    Args:
        footage: camera id -> what footage analysis measured on that camera's clips (cameras not in it
            were not analysed).
        audit_date: ISO date of the audit; audit_time an ISO time (optional).
    """
    footage = footage or {}
    facts: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    facts.update(dep.model_dump(mode="json", exclude_unset=True, exclude_none=True, exclude={"answers"}))
    facts["schema_version"] = SCHEMA_VERSION
    facts["audit"] = {"date": audit_date}
    if audit_time:
        facts["audit"]["time"] = audit_time
    derived, cams, acts = build_derived(dep, footage)
    for cam, item in zip(dep.cameras, facts.get("cameras", [])):
        item.pop("footage", None)              # the config's file list; the facts carry what was measured
        if cam.id in footage:
            item["footage"] = footage[cam.id]
        item["derived"] = cams[cam.id]
    for act, item in zip(dep.activities, facts.get("activities", [])):
        item.update(art9_facts(item.pop("art9_exception", None)))
        item["derived"] = acts[act.id]
    facts["derived"] = derived
    return facts
