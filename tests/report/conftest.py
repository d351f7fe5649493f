"""A hand-built AuditResult (a French store with emotion analytics, VIP recognition and CCTV), its generated
footage with ground-truth faces, and an oracle detector that knows where those faces are."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

from auditor.core.model import AuditResult, Finding, InputFile, PackInfo, Reference, Severity, Text, Tier, WaiverState
from auditor.footage import synth
from auditor.footage.detectors import Face

GENERATED_AT = "2026-11-23T14:05:00Z"


@dataclass
class Footage:
    """Generated footage on disk (synthetic faces only) and the ground truth of each evidence frame."""

    folder: Path
    frames: dict[tuple[str, int], tuple[np.ndarray, list[dict]]]   # (path, frame index) -> (pixels, faces)


class OracleDetector:
    """Reports a ground-truth face wherever its pixels are still those of the original frame.

    On an original frame it finds every face; on a redacted frame it finds exactly the faces that the
    redaction left intact (the region still matches the original). It has no other knowledge.
    """

    name = "oracle"
    version = "1"

    def __init__(self, originals: list[tuple[np.ndarray, list[dict]]], *, tolerance: float = 4.0) -> None:
        self.originals = originals
        self.tolerance = tolerance
        self.calls = 0

    def detect(self, frame: np.ndarray) -> list[Face]:
        self.calls += 1
        found: list[Face] = []
        H, W = frame.shape[:2]
        for pixels, faces in self.originals:
            if pixels.shape != frame.shape:
                continue
            for f in faces:
                x0, y0 = max(0, int(f["x"])), max(0, int(f["y"]))
                x1, y1 = min(W, int(f["x"] + f["w"])), min(H, int(f["y"] + f["h"]))
                if x1 - x0 < 2 or y1 - y0 < 2:
                    continue
                diff = np.abs(frame[y0:y1, x0:x1].astype(np.int16) - pixels[y0:y1, x0:x1].astype(np.int16)).mean()
                if diff < self.tolerance:
                    found.append(Face(float(f["x"]), float(f["y"]), float(f["w"]), float(f["h"]), 0.99, True))
        return found


def _ref(instrument: str, **kw) -> Reference:
    kw.setdefault("verified", "primary")
    return Reference(instrument=instrument, checked="2026-11-01", **kw)


def _finding(rule_id: str, severity: Severity, subject: str, title: tuple[str, str], message: tuple[str, str],
             rationale: tuple[str, str], remediation: tuple[str, str], refs: list[Reference], *, pack: str = "gdpr",
             evidence: dict | None = None, question: bool = False, waiver: WaiverState | None = None,
             tier: Tier | None = None) -> Finding:
    return Finding(id=f"{rule_id}@{subject}", rule_id=rule_id, pack=pack, severity=severity, subject=subject,
                   title=Text(*title), message=Text(*message), rationale=Text(*rationale),
                   remediation=Text(*remediation), references=refs, evidence=evidence or {}, question=question,
                   waiver=waiver, tier=tier)


def make_findings() -> list[Finding]:
    gdpr = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
    return [
        _finding("AIACT-ART5-1F-EMOTION-WORKPLACE", Severity.BLOCKER, "activity:emotion-checkout",
                 ("Emotion recognition that also reads the cashiers", "Reconnaissance des émotions qui analyse aussi les caissiers"),
                 ("activity emotion-checkout infers emotions at the checkout, where cashiers are in frame",
                  "l'activité emotion-checkout déduit des émotions en caisse, où les caissiers sont filmés"),
                 ("Prohibited since 2 February 2025 for workplaces.", "Interdit depuis le 2 février 2025 sur le lieu de travail."),
                 ("Stop the emotion analysis; it cannot be made lawful at a workplace.",
                  "Arrêter l'analyse des émotions ; elle ne peut pas être rendue licite sur un lieu de travail."),
                 [_ref("AI Act", article="5", paragraph="1", point="f", url="https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
                       applies_from="2025-02-02")], pack="aiact", tier=Tier.PROHIBITED,
                 evidence={"activity.technique": "emotion", "activity.derived.operator_in_frame": True}),
        _finding("GDPR-ART9-1-BIOMETRIC-ID", Severity.BLOCKER, "activity:vip-door",
                 ("1:N face identification of every entrant", "Identification faciale 1:N de chaque entrant"),
                 ("activity vip-door compares every face at the door with the VIP list",
                  "l'activité vip-door compare chaque visage à l'entrée à la liste VIP"),
                 ("No Art 9(2) ground covers passers-by who never enrolled.",
                  "Aucune exception de l'art. 9(2) ne couvre les passants qui ne se sont pas inscrits."),
                 ("Remove the VIP recognition, or limit it to an opt-in lane « à la demande » of enrolled customers.",
                  "Supprimer la reconnaissance VIP, ou la limiter à une file volontaire « à la demande » des clients inscrits."),
                 [_ref("GDPR", article="9", paragraph="1", url=gdpr), _ref("EDPB Guidelines 3/2019", section="5.1",
                                                                            paragraph="80", verified="secondary")],
                 evidence={"activity.technique": "face_id_vip", "activity.matching": "1:N"}),
        _finding("GDPR-ART5-1E-RETENTION-72H", Severity.MAJOR, "camera:ENT-1",
                 ("Footage kept beyond 72 hours without a justification", "Images conservées plus de 72 heures sans justification"),
                 ("camera ENT-1 keeps footage 30 days; beyond 3 days a written justification is needed",
                  "la caméra ENT-1 conserve les images 30 jours ; au-delà de 3 jours, une justification écrite est nécessaire"),
                 ("Storage limitation.", "Limitation de la conservation."),
                 ("Delete automatically at the shortest useful period.", "Supprimer automatiquement au plus court délai utile."),
                 [_ref("GDPR", article="5", paragraph="1", point="e", url=gdpr)],
                 evidence={"camera.retention_days": 30.0}),
        _finding("FOOTAGE-ID-GRADE-ON-ANON-CAMERA", Severity.MAJOR, "camera:CNT-1",
                 ("An “anonymous” counting camera captures identification-grade faces",
                  "Une caméra de comptage « anonyme » capte des visages de qualité identification"),
                 ("camera CNT-1 is declared for people counting, yet 42% of its frames show identification-grade faces",
                  "la caméra CNT-1 est déclarée pour le comptage, mais 42 % de ses images montrent des visages de qualité identification"),
                 ("The footage shows what the camera can capture.", "Les images montrent ce que la caméra peut capter."),
                 ("Raise the mounting or lower the resolution; process on the edge.",
                  "Surélever la caméra ou réduire la résolution ; traiter les images sur l'appareil."),
                 [_ref("GDPR", article="5", paragraph="1", point="c", url=gdpr), _ref("GDPR", article="25", url=gdpr)],
                 pack="footage", evidence={"camera.derived.id_grade_share": 0.42}),
        _finding("CNIL-VIDEO-ACCESS-RESTRICTED", Severity.MAJOR, "camera:CHK-1",
                 ("All staff can view the checkout footage", "Tout le personnel peut visionner les images des caisses"),
                 ("camera CHK-1 is viewable by all staff", "la caméra CHK-1 est visible par tout le personnel"),
                 ("Only authorised persons may view the images.", "Seules les personnes habilitées peuvent visionner les images."),
                 ("Restrict viewing to the security manager and log every access.",
                  "Réserver le visionnage au responsable sécurité et journaliser chaque accès."),
                 [_ref("CSI", article="L252-3"), _ref("GDPR", article="32", url=gdpr)], pack="cnil",
                 evidence={"camera.viewers": ["all_staff", "security"]}),
        _finding("GDPR-ART12-13-SIGN-FIRST-LAYER", Severity.MINOR, "deployment",
                 ("The sign lacks the DPO contact and the retention period",
                  "Le panneau n'indique ni le contact du DPO ni la durée de conservation"),
                 ("the sign lists controller, purposes, rights; missing: dpo_contact, retention",
                  "le panneau mentionne responsable, finalités, droits ; manquent : contact du DPO, durée de conservation"),
                 ("Transparency: the first layer carries the essentials.", "Transparence : le premier niveau porte l'essentiel."),
                 ("Add the DPO contact and the retention period to the sign (cost about 40 €).",
                  "Ajouter le contact du DPO et la durée de conservation au panneau (coût d'environ 40 €)."),
                 [_ref("GDPR", article="13", paragraph="1", url=gdpr), _ref("EDPB Guidelines 3/2019", section="7",
                                                                             paragraph="114", verified="secondary")]),
        _finding("GDPR-ART30-ROPA", Severity.MINOR, "deployment",
                 ("The cameras are not in the record of processing", "Les caméras ne figurent pas au registre des traitements"),
                 ("ropa is false", "ropa vaut false"), ("Accountability.", "Responsabilité."),
                 ("Add an entry for each activity.", "Ajouter une entrée par activité."),
                 [_ref("GDPR", article="30", url=gdpr)],
                 waiver=WaiverState("Group record covers the store; merged in Q1.", "Marie Dupont, DPO", "2027-03-31", True)),
        _finding("CNIL-VIDEO-RETENTION-1M", Severity.MINOR, "camera:STK-1",
                 ("Retention above one month", "Conservation supérieure à un mois"),
                 ("camera STK-1 keeps footage 45 days", "la caméra STK-1 conserve les images 45 jours"),
                 ("One month maximum in France.", "Un mois maximum en France."),
                 ("Reduce retention to 30 days or less.", "Réduire la conservation à 30 jours ou moins."),
                 [_ref("CSI", article="L252-5")], pack="cnil",
                 waiver=WaiverState("Insurance requirement.", "Jean Martin", "2026-01-31", False, "expired on 2026-01-31: ignored")),
        _finding("GDPR-ART37-DPO", Severity.INFO, "deployment",
                 ("Is a DPO mandatory for this chain?", "Un DPO est-il obligatoire pour cette enseigne ?"),
                 ("a chain running face identification without a declared DPO",
                  "une enseigne pratiquant l'identification faciale sans DPO déclaré"),
                 ("Regular and systematic monitoring on a large scale requires a DPO.",
                  "Un suivi régulier et systématique à grande échelle impose un DPO."),
                 ("Confirm whether monitoring is a core activity; appoint a DPO if so.",
                  "Confirmer si le suivi est une activité de base ; désigner un DPO le cas échéant."),
                 [_ref("GDPR", article="37", paragraph="1", point="b", url=gdpr)], question=True),
        _finding("GDPR-ART21-OBJECTION-CCTV", Severity.INFO, "activity:security-cctv",
                 ("How can people object to the recording?", "Comment les personnes peuvent-elles s'opposer à l'enregistrement ?"),
                 ("objection.available is not declared", "objection.available n'est pas déclaré"),
                 ("The right to object must be workable.", "Le droit d'opposition doit être effectif."),
                 ("Describe the objection route.", "Décrire la procédure d'opposition."),
                 [_ref("GDPR", article="21", paragraph="1", url=gdpr)], question=True),
        _finding("CLASSIFY-GDPR-BIOMETRIC", Severity.INFO, "activity:vip-door",
                 ("Biometric data under GDPR Art 4(14)", "Données biométriques au sens de l'art. 4(14) du RGPD"),
                 ("vip-door creates face templates", "vip-door crée des gabarits faciaux"),
                 ("Classification.", "Classification."), ("None.", "Aucune."),
                 [_ref("GDPR", article="4", paragraph="14", url=gdpr)]),
    ]


def _camera(id_: str, zone: str, **kw) -> dict:
    return {"id": id_, "zone": zone, **kw}


def _footage_facts(files: list[str], evidence: list[dict], *, widths: dict | None, share: float, dori: str,
                   faces_max: int, errors: list[dict] | None = None) -> dict:
    return {
        "analysed": True,
        "files": [{"path": p, "kind": "image" if p.endswith(".png") else "video", "frames_read": 20,
                   "unreadable_frames": 0, "width": 1280, "height": 720, "error": None} for p in files],
        "errors": errors or [],
        "frames_analysed": 20,
        "sample_fps": 0.5,
        "duration_s": 40.0,
        "resolution": {"width": 1280, "height": 720},
        "faces_per_frame": {"mean": 2.35, "max": faces_max},
        "distinct_people": 9,
        "median_dwell_s": 6.5,
        "face_width_px": widths,
        "dori_class": dori,
        "face_recognition_grade": share >= 0.05,
        "identification_grade_share": share,
        "evidence_frames": evidence,
        "detector": {"name": "cctv-centerface", "version": "1.0",
                     "recall_by_width": {"<15": 0.41, "15-20": 0.83, "20-40": 0.96, "40-80": 0.99, ">80": 1.0}},
    }


def make_facts(footage: Footage | None) -> dict:
    ev: dict[str, list[dict]] = {"ENT-1": [], "CHK-1": [], "CNT-1": []}
    if footage is not None:
        for (path, idx), (_, faces) in sorted(footage.frames.items()):
            cam = "ENT-1" if "entrance" in path else ("CHK-1" if "checkout" in path else "CNT-1")
            ev[cam].append({"path": path, "frame_index": idx, "timestamp_s": idx / 5.0,
                            "reason": "most_faces" if not ev[cam] else "largest_frontal_face",
                            "faces": [{"x": f["x"], "y": f["y"], "w": f["w"], "h": f["h"], "score": 0.9,
                                       "frontal": True} for f in faces[:1]]})
    files = {c: sorted({e["path"] for e in v}) for c, v in ev.items()}
    wp = [{"number": n, "key": k, "name": k, "met": n in (1, 3, 4, 7, 8), "reasons": [f"reason for {k}"]}
          for n, k in enumerate(["evaluation", "automated_decision", "systematic_monitoring", "sensitive",
                                 "large_scale", "matching", "vulnerable", "innovative", "prevents_right"], 1)]
    return {
        "schema_version": 1,
        "title": "Rennes flagship — pilot",
        "audit": {"date": "2026-11-23"},
        "store": {"name": "Œuvre & Cie — Rennes", "country": "FR", "address": "12 rue de la Monnaie, 35000 Rennes",
                  "type": "department_store", "opening_hours": "Mo-Sa 09:00-20:00", "open_to_public": True,
                  "store_count": 1, "visitors_per_day": 12345, "employees": 48},
        "controller": {"name": "Œuvre & Cie SAS", "country": "FR", "contact": "dpo@oeuvre.example"},
        "dpo": {"appointed": True, "name": "Marie Dupont", "contact": "dpo@oeuvre.example", "consulted_before": False},
        "vendors": [
            {"name": "EmoSense Ltd", "role": "processor", "country": "US", "receives": ["video_images", "emotions"],
             "art28_contract": False, "transfer_mechanism": "scc"},
            {"name": "SecuVMS", "role": "processor", "country": "FR", "receives": ["video_images"], "art28_contract": True},
        ],
        "cameras": [
            _camera("ENT-1", "entrance", name="Main door", view="angled", resolution="1280x720",
                    purposes=["theft_prevention", "loyalty"], recording=True, schedule="continuous",
                    viewers=["security", "management"], retention_days=30.0, auto_delete=True,
                    derived={"publicly_accessible": True, "employees_in_scope": False, "id_grade_capture": True,
                             "id_grade_share": 0.31, "footage_analysed": True, "purposes_anonymous_only": False},
                    **({"footage": _footage_facts(files["ENT-1"], ev["ENT-1"],
                                                  widths={"p10": 24.0, "p50": 48.0, "p90": 110.0, "max": 130.0},
                                                  share=0.31, dori="identification", faces_max=5)}
                       if footage else {})),
            _camera("CHK-1", "checkout", name="Till 1–4", view="eye_level", resolution="1280x720",
                    purposes=["theft_prevention", "customer_experience"], recording=True, schedule="opening_hours",
                    viewers=["all_staff", "security"], retention_days=3.0, cashier_in_view=True,
                    derived={"publicly_accessible": True, "employees_in_scope": True, "id_grade_capture": True,
                             "id_grade_share": 0.88, "footage_analysed": True, "purposes_anonymous_only": False},
                    **({"footage": _footage_facts(files["CHK-1"], ev["CHK-1"],
                                                  widths={"p10": 80.0, "p50": 120.0, "p90": 150.0, "max": 160.0},
                                                  share=0.88, dori="identification", faces_max=3,
                                                  errors=[{"path": "clips/chk-1-night.mp4",
                                                           "message": "truncated video: 0 frames decoded"}])}
                       if footage else {})),
            _camera("CNT-1", "sales_floor", name="Counting sensor", view="overhead", resolution="1280x720",
                    purposes=["people_count"], recording=False,
                    derived={"publicly_accessible": True, "employees_in_scope": False, "id_grade_capture": True,
                             "id_grade_share": 0.42, "footage_analysed": True, "purposes_anonymous_only": True},
                    **({"footage": _footage_facts(files["CNT-1"], ev["CNT-1"],
                                                  widths={"p10": 11.0, "p50": 14.0, "p90": 17.0, "max": 18.0},
                                                  share=0.42, dori="recognition", faces_max=2)}
                       if footage else {})),
            _camera("STK-1", "stockroom", name="Réserve", view="angled", resolution="1920x1080",
                    purposes=["theft_prevention"], recording=True, schedule="continuous", viewers=["security"],
                    retention_days=45.0,
                    derived={"publicly_accessible": False, "employees_in_scope": True, "id_grade_capture": False,
                             "id_grade_share": 0.0, "footage_analysed": False}),
        ],
        "activities": [
            {"id": "security-cctv", "name": "Vidéoprotection", "technique": "security_recording",
             "purpose": "prévenir les vols et les agressions", "purpose_category": "security",
             "cameras": ["ENT-1", "CHK-1", "STK-1"], "data_categories": ["video_images"],
             "subjects": ["customers", "employees", "passers_by"], "legal_basis": "6(1)(f)", "lia_done": True,
             "retention_days": 30.0,
             "derived": {"aiact_type": "none", "special_categories": [], "transfers_outside_eea": []}},
            {"id": "emotion-checkout", "name": "Satisfaction analysis", "technique": "emotion",
             "purpose": "alerter le personnel en cas de client mécontent", "purpose_category": "marketing", "cameras": ["CHK-1"],
             "data_categories": ["video_images", "emotions"], "subjects": ["customers", "employees"],
             "legal_basis": "6(1)(f)", "automated_action": "staff_alert", "processing_location": "vendor_cloud",
             "vendors": ["EmoSense Ltd"],
             "derived": {"aiact_type": "emotion", "special_categories": [],
                         "transfers_outside_eea": [{"country": "US", "recipient": "EmoSense Ltd", "mechanism": "scc"}]}},
            {"id": "vip-door", "name": "VIP recognition", "technique": "face_id_vip", "cameras": ["ENT-1"],
             "purpose": "accueillir les membres du programme par leur nom", "purpose_category": "loyalty",
             "data_categories": ["face_templates", "loyalty_id"], "subjects": ["customers", "loyalty_members", "minors"],
             "legal_basis": "6(1)(a)", "art9_exception": "9(2)(a)", "consent": {"mechanism": "enrolment_kiosk"},
             "template_created": True, "template_storage": "central_controller",
             "derived": {"aiact_type": "rbi", "special_categories": ["biometric_identification"],
                         "transfers_outside_eea": []}},
        ],
        "signage": {"present": True, "before_entry": True, "fields": ["controller", "purposes", "rights"]},
        "access_control": {"role_based": False, "logging": False, "remote_viewing": True, "mfa_remote": False},
        "procedures": {"access_requests": True, "freeze_on_request": False},
        "security": {"encryption_at_rest": True, "patching": True},
        "recipients": ["police", "insurer"],
        "ropa": False,
        "derived": {
            "country": "FR", "in_eea": True, "france": True,
            "special_categories": ["biometric_identification"], "gdpr_biometric": True,
            "aiact_types": ["emotion", "rbi"], "employees_in_scope": True, "minors_in_scope": True,
            "publicly_accessible": True, "continuous_monitoring": True, "large_scale": True,
            "wp248": {"count": 5, "met": [1, 3, 4, 7, 8], "criteria": wp},
            "cnil_list": ["4", "11"], "art35_3": ["b", "c"], "dpia_required": True,
            "dpia_reasons": ["5 WP248 criteria met", "CNIL list items 4, 11", "Art 35(3)(b), (c)"],
            "footage_analysed": footage is not None,
        },
    }


def make_result(footage: Footage | None = None, **overrides) -> AuditResult:
    inputs = [InputFile("config", str(footage.folder / "deployment.yaml") if footage else "deployment.yaml", "a" * 64)]
    if footage:
        for path in sorted({p for p, _ in footage.frames}):
            inputs.append(InputFile("footage", path, "b" * 64))
    inputs += [InputFile("pack", "builtin:gdpr", "c" * 64), InputFile("waivers", "waivers.yaml", "d" * 64)]
    result = AuditResult(
        facts=make_facts(footage),
        findings=make_findings(),
        packs=[PackInfo("gdpr", Text("GDPR and EDPB guidance", "RGPD et lignes directrices du CEPD"), "EU", "0.1.0",
                        "2026-11-01", "e" * 64, 42, "builtin"),
               PackInfo("cnil", Text("CNIL (France)", "CNIL (France)"), "FR", "0.1.0", "2026-11-01", "f" * 64, 17,
                        "builtin"),
               PackInfo("aiact", Text("EU AI Act", "Règlement européen sur l'IA"), "EU", "0.1.0", "2026-11-01",
                        "0" * 64, 12, "builtin")],
        inputs=inputs,
        tool_version="0.1.0",
        generated_at=GENERATED_AT,
        unused_waivers=[{"rule": "GDPR-ART5-1C-AUDIO", "subject": "camera:ENT-1", "justification": "No audio.",
                         "approver": "Marie Dupont", "expires": "2027-01-01"}],
        expired_waivers=[{"rule": "CNIL-VIDEO-RETENTION-1M", "justification": "Insurance requirement.",
                          "approver": "Jean Martin", "expires": "2026-01-31"}],
        warnings=["pack cnil was checked more than 12 months ago"],
        footage_errors=[{"camera": "CHK-1", "path": "clips/chk-1-night.mp4", "message": "truncated video: 0 frames decoded"}],
        evidence_reviewed=False,
    )
    for k, v in overrides.items():
        setattr(result, k, v)
    return result


@pytest.fixture(scope="session")
def footage(tmp_path_factory) -> Footage:
    """Synthetic evidence footage: stills and a short clip with ground-truth faces (generated faces only)."""
    folder = tmp_path_factory.mktemp("footage")
    frames: dict[tuple[str, int], tuple[np.ndarray, list[dict]]] = {}
    for name, idx in (("entrance_720p", 30), ("entrance_720p", 55), ("checkout_closeup", 40),
                      ("overhead_counting", 20)):
        fr = synth.render_frame(synth.SCENES[name], idx)
        path = folder / f"{name}-{idx}.png"
        cv2.imwrite(str(path), fr.pixels)
        frames[(str(path), 0)] = (cv2.imread(str(path)), fr.faces)
    scene = synth.Scene("clip", "checkout", width=640, height=360, fps=5, seconds=2, people=3, face_far=40,
                        face_near=80, seed=7)
    clip = folder / "checkout_clip.mp4"
    truth = synth.read_ground_truth(synth.write_clip(scene, clip))
    from auditor.report.evidence import read_frame_function

    read = read_frame_function()
    for idx in (4, 7):
        frames[(str(clip), idx)] = (read(clip, idx), truth[idx])
    return Footage(folder, frames)


@pytest.fixture
def oracle(footage) -> OracleDetector:
    return OracleDetector(list(footage.frames.values()))


@pytest.fixture
def result() -> AuditResult:
    """The audit without footage (no evidence frames)."""
    return make_result()


@pytest.fixture
def result_with_footage(footage) -> AuditResult:
    return make_result(footage)


@pytest.fixture
def fresh():
    """A deep copy helper, for tests that mutate a result."""
    return copy.deepcopy
