"""The DPIA's risk assessment (CNIL PIA method) from the facts and findings, and the risk-map chart.

The CNIL PIA method rates three **feared events** on the personal data: illegitimate access, unwanted
modification and disappearance. Each gets a **severity** (how serious the harm to the people concerned
would be) and a **likelihood** (how likely the event is, given the vulnerabilities of the supporting
assets and the risk sources), both on 1-4 scales (1 negligible, 2 limited, 3 significant, 4 maximum).

The levels are set by explicit mapping rules (`_severity_factors`, `_likelihood_factors`), each a
*factor* that names the facts and findings it rests on; the report prints every factor that applied:

Severity (the highest level any applicable factor sets, never below the event's base):

====================  ====  ===============================================================================
event                 base  factors (level)
====================  ====  ===============================================================================
illegitimate access   2     staff filmed at work (3); minors declared as subjects (3); identification-grade
                            faces captured (3); location trails / device ids (3); emotion or demographic
                            inferences (3); intimate zone filmed (4); special categories (4); criminal-offence
                            data or offender watch list (4)
unwanted modification 1     footage kept as evidence (2); automated action on people (3); face payment (3);
                            watch list (4)
disappearance         1     footage kept as evidence (2); biometric enrolment a service depends on (2)
====================  ====  ===============================================================================

Likelihood (base, plus or minus one per factor, kept within 1-4):

* access, base 2: data leave the store (+1); transfers outside the EEA (+1); broad viewer set or a public
  live monitor (+1); remote viewing without MFA (+1); footage not encrypted at rest (+1); open security or
  processor findings (+1); role-based access *and* logging declared (-1).
* modification, base 1: no access logging or no role-based access (+1); watch list without documented
  enrolment criteria or review (+1); processor without an Art 28 contract (+1); open findings on
  security or accuracy (+1).
* disappearance, base 2: no patching (+1); footage not frozen on request (+1); no incident-response
  procedure (+1); open findings on security or on access requests (+1).

A measure not declared is not credited (it neither lowers nor raises a level). **After the planned
measures** means: every open finding (not waived, not a question) is remedied as its remediation says.
The "open findings" factors count the open findings whose rule declares that feared event
(`feared_events` in the rule file). A factor is then removed when an open finding bears on the factor's
feared event (those factors) or its rule lists the factor among the narrow risk factors its remediation
removes (`risk_factors` in the rule file, from the vocabulary of auditor/core/risk_factors.py: the others), or
(severity factors tied to an activity or camera) when every one of its subjects carries an open blocker,
whose remediation is to stop or redesign that processing. Waived findings remedy nothing. No rule id is
ever matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Iterable

from auditor.core.model import AuditResult, Finding, Severity, Text, Tier
from auditor.core.risk_factors import RISK_FACTORS

EVENTS = ("access", "modification", "disappearance")

EVENT_NAMES: dict[str, Text] = {
    "access": Text("Illegitimate access to personal data", "Accès illégitime à des données personnelles"),
    "modification": Text("Unwanted modification of personal data", "Modification non désirée de données personnelles"),
    "disappearance": Text("Disappearance of personal data", "Disparition de données personnelles"),
}
EVENT_LETTERS = {"access": "A", "modification": "M", "disappearance": "D"}

_BASE_SEVERITY = {"access": 2, "modification": 1, "disappearance": 1}
_BASE_LIKELIHOOD = {"access": 2, "modification": 1, "disappearance": 2}

_BASE_TEXT = {
    ("access", "severity"): Text("Identifiable images of customers and passers-by in the store",
                                 "Images identifiantes des clients et des passants dans le magasin"),
    ("modification", "severity"): Text("Altered images mislead about what happened",
                                       "Des images altérées trompent sur ce qui s'est passé"),
    ("disappearance", "severity"): Text("Losing the images rarely harms the people filmed",
                                        "La perte des images nuit rarement aux personnes filmées"),
    ("access", "likelihood"): Text("Recorder and viewing stations reachable by store staff",
                                   "Enregistreur et postes de visualisation accessibles au personnel du magasin"),
    ("modification", "likelihood"): Text("Altering footage requires access to the recorder",
                                         "Altérer les images suppose d'accéder à l'enregistreur"),
    ("disappearance", "likelihood"): Text("A single recorder in the store: failure, theft or ransomware",
                                          "Un enregistreur unique dans le magasin : panne, vol ou rançongiciel"),
}


@dataclass(frozen=True)
class Factor:
    """One mapping rule that applied: what it changes, why, and whether the action plan removes it."""

    key: str
    event: str
    axis: str                               # severity | likelihood
    level: int = 0                          # severity: at least this level
    delta: int = 0                          # likelihood: +1 / -1
    text: Text = Text("", "")
    findings: tuple[str, ...] = ()          # rule ids of the open findings that support or remedy it
    remedied: bool = False                  # removed after the planned measures


@dataclass
class EventRisk:
    event: str
    severity_before: int
    likelihood_before: int
    severity_after: int
    likelihood_after: int
    factors: list[Factor] = field(default_factory=list)

    @property
    def name(self) -> Text:
        return EVENT_NAMES[self.event]

    @property
    def letter(self) -> str:
        return EVENT_LETTERS[self.event]


@dataclass
class RiskAssessment:
    events: list[EventRisk]

    def event(self, name: str) -> EventRisk:
        return next(e for e in self.events if e.event == name)

    @property
    def residual_high(self) -> bool:
        return any(e.severity_after >= 3 and e.likelihood_after >= 3 for e in self.events)


# --- helpers over the facts ---------------------------------------------------------------------------------------

def _list(v: Any) -> list:
    return v if isinstance(v, list) else []


def _dict(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


def _open(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if not f.is_waived and not f.question and f.severity != Severity.INFO]


def _matching(findings: list[Finding], remedied_by: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """Rule ids of the open findings that remedy a factor: those whose rule declares the factor's narrow risk
    factor (`risk_factors`, a name) or bears on one of its feared events (`feared_events`, a tuple)."""
    if not remedied_by:
        return ()
    if isinstance(remedied_by, tuple):
        return tuple(sorted({f.rule_id for f in findings if set(f.feared_events) & set(remedied_by)}))
    return tuple(sorted({f.rule_id for f in findings if remedied_by in f.risk_factors}))


@dataclass
class _Candidate:
    key: str
    events: tuple[str, ...]
    axis: str
    text: Text
    level: int = 0
    delta: int = 0
    remedied_by: str | tuple[str, ...] | None = None    # a risk factor (RISK_FACTORS) or feared events (tuple)
    subjects: tuple[str, ...] = ()          # "activity:x" / "camera:y": removed when all carry an open blocker

    def __post_init__(self) -> None:
        if isinstance(self.remedied_by, str) and self.remedied_by not in RISK_FACTORS:
            raise ValueError(f"unknown risk factor {self.remedied_by!r} (auditor/core/risk_factors.py)")


def _severity_factors(facts: dict) -> list[_Candidate]:
    d = _dict(facts.get("derived"))
    cams = [c for c in _list(facts.get("cameras")) if isinstance(c, dict)]
    acts = [a for a in _list(facts.get("activities")) if isinstance(a, dict)]
    out: list[_Candidate] = []

    staff_cams = tuple(f"camera:{c.get('id')}" for c in cams if _dict(c.get("derived")).get("employees_in_scope"))
    if staff_cams or any("employees" in _list(a.get("subjects")) for a in acts):
        out.append(_Candidate("S-STAFF", ("access",), "severity", Text(
            "Staff are filmed at work: leaked footage exposes their conduct and movements",
            "Des salariés sont filmés au travail : une fuite expose leur comportement et leurs déplacements"), level=3,
            remedied_by="staff_filmed_at_work"))
    if any("minors" in _list(a.get("subjects")) for a in acts):
        out.append(_Candidate("S-MINORS", ("access",), "severity", Text(
            "Minors are declared among the people concerned", "Des mineurs figurent parmi les personnes concernées"),
            level=3))
    idg = tuple(f"camera:{c.get('id')}" for c in cams if _dict(c.get("derived")).get("id_grade_capture"))
    if idg:
        out.append(_Candidate("S-IDGRADE", ("access",), "severity", Text(
            f"Identification-grade faces are captured ({', '.join(s.split(':', 1)[1] for s in idg)})",
            f"Des visages de qualité identification sont captés ({', '.join(s.split(':', 1)[1] for s in idg)})"),
            level=3, remedied_by="identification_grade_faces", subjects=idg))
    loc = tuple(f"activity:{a.get('id')}" for a in acts
                if a.get("technique") in ("wifi_mac", "ble_beacon_app", "reid_tracking")
                or {"location_trail", "device_identifiers"} & set(_list(a.get("data_categories")))
                or {"wifi_probe", "ble_scanner", "ble_beacon"} & set(_list(_dict(a.get("derived")).get("sensor_kinds"))))
    if loc:
        out.append(_Candidate("S-TRACKING", ("access",), "severity", Text(
            "Movements of people are tracked across the store (location trails, device identifiers)",
            "Les déplacements des personnes sont suivis dans le magasin (historiques, identifiants d'appareils)"),
            level=3, subjects=loc))
    inf = tuple(f"activity:{a.get('id')}" for a in acts
                if _dict(a.get("derived")).get("aiact_type") in ("emotion", "categorisation"))
    if inf:
        out.append(_Candidate("S-INFERENCE", ("access",), "severity", Text(
            "Emotions, age or gender are inferred from faces", "Émotions, âge ou genre sont déduits des visages"),
            level=3, subjects=inf))
    intimate = tuple(f"camera:{c.get('id')}" for c in cams if _dict(c.get("derived")).get("intimate_zone"))
    if intimate:
        out.append(_Candidate("S-INTIMATE", ("access",), "severity", Text(
            "A camera films an intimate or private area", "Une caméra filme une zone intime ou privée"),
            level=4, remedied_by="intimate_zone_filmed", subjects=intimate))
    special = tuple(f"activity:{a.get('id')}" for a in acts if _list(_dict(a.get("derived")).get("special_categories")))
    if special or _list(d.get("special_categories")):
        cats = ", ".join(sorted({str(c) for c in _list(d.get("special_categories"))}))
        out.append(_Candidate("S-SPECIAL", ("access", "modification"), "severity", Text(
            f"Special categories of data are processed ({cats}); a biometric template cannot be changed once leaked",
            f"Des catégories particulières de données sont traitées ({cats}) ; un gabarit biométrique compromis "
            "ne peut pas être changé"), level=4, subjects=special))
    criminal = tuple(f"activity:{a.get('id')}" for a in acts
                     if _dict(a.get("watchlist")).get("contains_criminal_data")
                     or "criminal_offence_data" in _list(a.get("data_categories"))
                     or {"shoplifting", "suspected_offender", "banned_person"}
                     & set(_list(_dict(a.get("watchlist")).get("criteria"))))
    if criminal:
        out.append(_Candidate("S-CRIMINAL", ("access", "modification"), "severity", Text(
            "Data on offences or suspected offenders: disclosure or error can stigmatise someone",
            "Données sur des infractions ou des suspects : une divulgation ou une erreur peut stigmatiser une "
            "personne"), level=4, subjects=criminal))

    evidence_purposes = {"incident_investigation", "theft_prevention", "assault_prevention", "fraud_prevention",
                         "staff_protection", "property_protection"}
    rec = [c for c in cams if c.get("recording") is not False and evidence_purposes & set(_list(c.get("purposes")))]
    if rec or any(a.get("technique") == "security_recording" for a in acts):
        txt = Text("Footage serves as evidence of incidents: altered or lost footage can wrongly implicate or fail "
                   "to clear someone",
                   "Les images servent de preuve en cas d'incident : altérées ou perdues, elles peuvent mettre en "
                   "cause à tort ou empêcher de disculper une personne")
        out.append(_Candidate("S-EVIDENCE", ("modification", "disappearance"), "severity", txt, level=2))
    auto = tuple(f"activity:{a.get('id')}" for a in acts if a.get("automated_action") not in (None, "none", "music"))
    if auto:
        out.append(_Candidate("S-AUTOMATED", ("modification",), "severity", Text(
            "Outputs trigger actions on people (alerts, refusals, prices): wrong data lead to wrong treatment",
            "Les résultats déclenchent des actions envers les personnes (alertes, refus, prix) : des données "
            "erronées entraînent un traitement injuste"), level=3, remedied_by="automated_action_on_people", subjects=auto))
    pay = tuple(f"activity:{a.get('id')}" for a in acts if a.get("technique") == "face_verification_payment")
    if pay:
        out.append(_Candidate("S-PAYMENT", ("modification",), "severity", Text(
            "Face payment: a modified template or account link means wrong payments",
            "Paiement par le visage : un gabarit ou un rattachement de compte modifié entraîne des paiements "
            "erronés"), level=3, subjects=pay))
    enrol = tuple(f"activity:{a.get('id')}" for a in acts
                  if a.get("technique") in ("face_verification_payment", "face_id_vip") and a.get("template_created"))
    if enrol:
        out.append(_Candidate("S-ENROLMENT", ("disappearance",), "severity", Text(
            "A service depends on the stored enrolment: its loss denies the service until people re-enrol",
            "Un service dépend de l'inscription enregistrée : sa perte prive les personnes du service jusqu'à "
            "une nouvelle inscription"), level=2, subjects=enrol))
    watch = tuple(f"activity:{a.get('id')}" for a in acts if a.get("technique") == "face_id_watchlist")
    if watch:
        out.append(_Candidate("S-WATCHLIST", ("modification",), "severity", Text(
            "A watch list: a wrongly added or altered entry flags an innocent person",
            "Une liste de surveillance : une entrée ajoutée ou modifiée à tort désigne une personne innocente"),
            level=4, subjects=watch))
    return out


def _likelihood_factors(facts: dict) -> list[_Candidate]:
    cams = [c for c in _list(facts.get("cameras")) if isinstance(c, dict)]
    acts = [a for a in _list(facts.get("activities")) if isinstance(a, dict)]
    vendors = [v for v in _list(facts.get("vendors")) if isinstance(v, dict)]
    ac = _dict(facts.get("access_control"))
    proc = _dict(facts.get("procedures"))
    sec = _dict(facts.get("security"))
    out: list[_Candidate] = []

    leaves = [a for a in acts if a.get("processing_location") in ("vendor_cloud", "controller_cloud")
              or a.get("raw_frames_leave_device") is True]
    leaves_v = [v for v in vendors if {"video_images", "face_templates"} & set(_list(v.get("receives")))]
    if leaves or leaves_v:
        out.append(_Candidate("L-OFFSITE", ("access",), "likelihood", Text(
            "Images or templates are stored or processed outside the store, or by a vendor",
            "Des images ou des gabarits sont stockés ou traités hors du magasin, ou par un prestataire"), delta=1,
            remedied_by="images_leave_store"))
    transfers = [t for a in acts for t in _list(_dict(a.get("derived")).get("transfers_outside_eea"))]
    if transfers:
        out.append(_Candidate("L-TRANSFER", ("access",), "likelihood", Text(
            "Data are transferred outside the EEA", "Des données sont transférées hors de l'EEE"), delta=1,
            remedied_by="transfer_outside_eea"))
    broad = [c for c in cams if {"all_staff", "vendor", "public"} & set(_list(c.get("viewers")))
             or c.get("live_public_monitor")]
    if broad:
        out.append(_Candidate("L-VIEWERS", ("access",), "likelihood", Text(
            "Many people can view the images (all staff, vendor, public, or a public live monitor)",
            "De nombreuses personnes peuvent voir les images (tout le personnel, un prestataire, le public, ou un "
            "écran public)"), delta=1, remedied_by="broad_viewer_set"))
    if ac.get("remote_viewing") and ac.get("mfa_remote") is False:
        out.append(_Candidate("L-REMOTE", ("access",), "likelihood", Text(
            "Remote viewing without multi-factor authentication",
            "Accès à distance sans authentification multifacteur"), delta=1, remedied_by="remote_viewing_without_mfa"))
    unencrypted = sec.get("encryption_at_rest") is False or any(
        _dict(c.get("encryption")).get("at_rest") is False for c in cams)
    if unencrypted:
        out.append(_Candidate("L-UNENCRYPTED", ("access",), "likelihood", Text(
            "Footage is not encrypted at rest", "Les images ne sont pas chiffrées au repos"), delta=1,
            remedied_by="footage_unencrypted"))
    if ac.get("role_based") and ac.get("logging"):
        out.append(_Candidate("L-ACCESS-CONTROL", ("access",), "likelihood", Text(
            "Role-based access and access logging are declared",
            "Un accès selon le rôle et la journalisation des accès sont déclarés"), delta=-1))
    out.append(_Candidate("L-SEC-FINDINGS", ("access",), "likelihood", Text(
        "Open findings bearing on illegitimate access (security, processors, transfers, what is filmed and kept)",
        "Constats ouverts portant sur l'accès illégitime (sécurité, sous-traitants, transferts, ce qui est filmé "
        "et conservé)"), delta=1,
        remedied_by=("illegitimate_access",)))

    if ac.get("logging") is False or ac.get("role_based") is False:
        out.append(_Candidate("L-NO-LOG", ("modification",), "likelihood", Text(
            "Access to footage is not logged or not restricted by role",
            "L'accès aux images n'est pas journalisé ou pas restreint selon le rôle"), delta=1,
            remedied_by="access_not_logged_or_restricted"))
    loose = [a for a in acts if _dict(a.get("watchlist")) and (
        _dict(a.get("watchlist")).get("enrolment_criteria_documented") is False
        or (a.get("technique") == "face_id_watchlist" and not _dict(a.get("watchlist")).get("review_cycle_days")))]
    if loose:
        out.append(_Candidate("L-WATCHLIST", ("modification",), "likelihood", Text(
            "Watch-list entries have no documented criteria or no review cycle",
            "Les entrées de la liste de surveillance n'ont pas de critères documentés ou de cycle de révision"),
            delta=1, remedied_by="watchlist_without_criteria_or_review"))
    if any(v.get("art28_contract") is False for v in vendors):
        out.append(_Candidate("L-NO-DPA", ("modification",), "likelihood", Text(
            "A processor works without an Art 28 contract", "Un sous-traitant intervient sans contrat article 28"),
            delta=1, remedied_by="processor_without_contract"))
    out.append(_Candidate("L-INTEGRITY-FINDINGS", ("modification",), "likelihood", Text(
        "Open findings bearing on unwanted modification (security, accuracy, decisions on people)",
        "Constats ouverts portant sur la modification non désirée (sécurité, exactitude, décisions sur les "
        "personnes)"),
        delta=1, remedied_by=("unwanted_modification",)))

    if sec.get("patching") is False:
        out.append(_Candidate("L-NO-PATCH", ("disappearance",), "likelihood", Text(
            "Recorders and cameras are not patched (ransomware, failures)",
            "Enregistreurs et caméras non mis à jour (rançongiciels, pannes)"), delta=1,
            remedied_by="systems_not_patched"))
    if proc.get("freeze_on_request") is False:
        out.append(_Candidate("L-NO-FREEZE", ("disappearance",), "likelihood", Text(
            "Footage under a pending request is not kept: rotation can erase it",
            "Les images visées par une demande en cours ne sont pas préservées : la rotation peut les effacer"),
            delta=1, remedied_by="footage_not_kept_on_request"))
    if proc.get("incident_response") is False:
        out.append(_Candidate("L-NO-IR", ("disappearance",), "likelihood", Text(
            "No incident-response procedure", "Pas de procédure de gestion des incidents"), delta=1,
            remedied_by="no_incident_response"))
    out.append(_Candidate("L-AVAILABILITY-FINDINGS", ("disappearance",), "likelihood", Text(
        "Open findings bearing on disappearance (security, footage kept while a request is pending)",
        "Constats ouverts portant sur la disparition (sécurité, images préservées pendant une demande)"), delta=1,
        remedied_by=("disappearance",)))
    return out


def assess(result: AuditResult) -> RiskAssessment:
    """Rate the three feared events before and after the planned measures (see the module docstring)."""
    facts = result.facts or {}
    open_findings = _open(result.findings)
    blockers = {f.subject for f in open_findings if f.verdict_tier is not Tier.LAWFUL_WITH_CONDITIONS}
    events: list[EventRisk] = []
    severity = _severity_factors(facts)
    likelihood = _likelihood_factors(facts)
    for event in EVENTS:
        factors: list[Factor] = []
        for cand in severity + likelihood:
            if event not in cand.events:
                continue
            remedies = _matching(open_findings, cand.remedied_by)
            if cand.key.endswith("-FINDINGS"):
                if not remedies:          # the factor *is* the open findings: none open, no factor
                    continue
                remedied = True
            else:
                by_blocker = bool(cand.subjects) and all(s in blockers for s in cand.subjects)
                remedied = bool(remedies) or by_blocker
                if by_blocker:
                    remedies = tuple(sorted(set(remedies) | {f.rule_id for f in open_findings
                                                             if f.subject in cand.subjects
                                                             and f.verdict_tier is not Tier.LAWFUL_WITH_CONDITIONS}))
                if cand.delta < 0:        # a mitigation in place is never "remedied away"
                    remedied = False
            factors.append(Factor(cand.key, event, cand.axis, cand.level, cand.delta, cand.text, remedies, remedied))
        sev_b = max([_BASE_SEVERITY[event]] + [f.level for f in factors if f.axis == "severity"])
        sev_a = max([_BASE_SEVERITY[event]] + [f.level for f in factors if f.axis == "severity" and not f.remedied])
        lik_b = _BASE_LIKELIHOOD[event] + sum(f.delta for f in factors if f.axis == "likelihood")
        lik_a = _BASE_LIKELIHOOD[event] + sum(f.delta for f in factors if f.axis == "likelihood" and not f.remedied)
        events.append(EventRisk(event, sev_b, _clamp(lik_b), sev_a, _clamp(lik_a), factors))
    return RiskAssessment(events)


def base_text(event: str, axis: str) -> Text:
    return _BASE_TEXT[(event, axis)]


def base_level(event: str, axis: str) -> int:
    return (_BASE_SEVERITY if axis == "severity" else _BASE_LIKELIHOOD)[event]


def _clamp(v: int) -> int:
    return max(1, min(4, v))


# --- the risk map ---------------------------------------------------------------------------------------------------

def risk_map(assessment: RiskAssessment, lang: str, *, width: float = 300.0):
    """A 4x4 severity/likelihood grid with each event before (open mark) and after (filled mark) the measures."""
    import math

    from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String

    from auditor.report import i18n, styles

    styles.register_fonts()
    left, bottom, top_pad, right_pad = 46.0, 40.0, 6.0, 6.0
    cell = (width - left - right_pad) / 4
    d = Drawing(width, bottom + 4 * cell + top_pad)
    d.initialFontName = styles.FONT        # the renderer's default would pull Helvetica into the PDF
    for s in range(1, 5):
        for lk in range(1, 5):
            d.add(Rect(left + (lk - 1) * cell, bottom + (s - 1) * cell, cell, cell,
                       fillColor=styles.risk_colour(s, lk), strokeColor=styles.colors.white, strokeWidth=1.5))
    for i in range(1, 5):
        d.add(String(left + (i - 0.5) * cell, bottom - 11, i18n.level_label(i, lang), fontName=styles.FONT,
                     fontSize=6.5, textAnchor="middle", fillColor=styles.INK))
        number, word = i18n.level_label(i, lang).split(" ", 1)
        d.add(String(left - 4, bottom + (i - 0.5) * cell + 1, number, fontName=styles.FONT_BOLD, fontSize=7,
                     textAnchor="end", fillColor=styles.INK))
        d.add(String(left - 4, bottom + (i - 0.5) * cell - 7, word, fontName=styles.FONT, fontSize=5.6,
                     textAnchor="end", fillColor=styles.MUTED))
    d.add(String(left + 2 * cell, bottom - 27, i18n.t(lang, "Likelihood"), fontName=styles.FONT_BOLD,
                 fontSize=8, textAnchor="middle", fillColor=styles.INK))
    y_title = Group(String(0, 0, i18n.t(lang, "Severity"), fontName=styles.FONT_BOLD, fontSize=8,
                           textAnchor="middle", fillColor=styles.INK))
    y_title.transform = (0, 1, -1, 0, 8, bottom + 2 * cell)      # rotated 90 degrees, left of the grid
    d.add(y_title)

    def centre(ev_index: int, sev: int, lik: int, after: bool) -> tuple[float, float]:
        x = left + (lik - 1) * cell + cell * (0.25 + 0.25 * ev_index)
        y = bottom + (sev - 1) * cell + cell * (0.3 if after else 0.7)
        return x, y

    r = min(7.5, cell * 0.11)
    for i, ev in enumerate(assessment.events):
        xb, yb = centre(i, ev.severity_before, ev.likelihood_before, False)
        xa, ya = centre(i, ev.severity_after, ev.likelihood_after, True)
        dist = math.hypot(xa - xb, ya - yb)
        ux, uy = (xa - xb) / dist, (ya - yb) / dist
        x0, y0, x1, y1 = xb + ux * r, yb + uy * r, xa - ux * (r + 0.5), ya - uy * (r + 0.5)
        d.add(Line(x0, y0, x1, y1, strokeColor=styles.MUTED, strokeWidth=0.8))
        ang, ah = math.atan2(uy, ux), 3.4
        d.add(Polygon([x1, y1,
                       x1 - ah * math.cos(ang - 0.45), y1 - ah * math.sin(ang - 0.45),
                       x1 - ah * math.cos(ang + 0.45), y1 - ah * math.sin(ang + 0.45)],
                      fillColor=styles.MUTED, strokeColor=None))
        d.add(Circle(xb, yb, r, fillColor=styles.colors.white, strokeColor=styles.ACCENT, strokeWidth=1.2))
        d.add(String(xb, yb - 2.6, ev.letter, fontName=styles.FONT_BOLD, fontSize=7.5, textAnchor="middle",
                     fillColor=styles.ACCENT))
        d.add(Circle(xa, ya, r, fillColor=styles.ACCENT, strokeColor=styles.ACCENT, strokeWidth=1.2))
        d.add(String(xa, ya - 2.6, ev.letter, fontName=styles.FONT_BOLD, fontSize=7.5, textAnchor="middle",
                     fillColor=styles.colors.white))
    return d


def risk_map_png(assessment: RiskAssessment, lang: str, *, width: float = 300.0, dpi: int = 200) -> tuple[bytes, int, int]:
    """The risk map rasterised for the word-processor formats: (PNG bytes, pixel width, pixel height).

    reportlab draws the map as a one-page PDF in memory; PDFium rasterises it (no file, no network), under
    the process-wide PDFium lock (auditor.report.raster).
    """
    import io

    from reportlab.graphics import renderPDF

    from auditor.report.raster import render_page

    image, _ = render_page(renderPDF.drawToString(risk_map(assessment, lang, width=width)), scale=dpi / 72)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue(), image.width, image.height
