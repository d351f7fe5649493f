"""Adapters between the window and the core: jobs for the worker thread, frames as Qt images, HTML text.

Nothing here decides anything about the law or the footage: it calls the same core functions as the CLI.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSize,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QImage

from auditor.core.model import AuditResult, Finding
from auditor.gui.frame_view import qimage_from_bgr
from auditor.project import AuditProject

THUMB_SIZE = QSize(96, 54)
_translators: list[QTranslator] = []


def icon_path() -> Path:
    return Path(str(resources.files("auditor_assets") / "icons" / "auditor.svg"))


def example_deployments() -> list[Path]:
    folder = Path(str(resources.files("auditor_assets") / "deployments"))
    return sorted(folder.glob("*.yaml"))


# French titles and one-line descriptions of the bundled examples (their files are written in English).
_EXAMPLES_FR = {
    "01": ("Épicerie bio, Lyon Croix-Rousse : vidéoprotection",
           "Vidéoprotection d'une petite épicerie française, bien configurée (la référence « propre »)"),
    "02": ("Elektronik Spree Friedrichshain : comptage et fréquentation",
           "Comptage de personnes / fréquentation aux entrées d'un magasin d'électronique allemand"),
    "03": ("Supermarché Prado : pilote de satisfaction en caisse (SmileLane)",
           "Analyse des émotions / de la satisfaction en caisse, avec alertes au personnel"),
    "04": ("Centre commercial Grand Marquette : totems publicitaires ciblés selon l'audience",
           "Profilage démographique des visiteurs (âge, genre, origine ethnique) pour cibler les offres"),
    "05": ("Maison Valrose, Paris Montaigne : reconnaissance des clients VIP à l'entrée",
           "Reconnaissance faciale des clients connus / VIP à l'entrée, avec un programme de fidélité par selfie"),
    "06": ("Sport Horizon Villeneuve-d'Ascq : pilote de mesure des signes vitaux",
           "Mesure du rythme cardiaque et de la température corporelle par caméra dans le parcours client"),
    "07": ("Galeries Haussmann-Est : paiement par le visage aux caisses automatiques (WeLink Pay)",
           "Paiement par reconnaissance faciale en caisse, lié au portefeuille d'une messagerie"),
    "08": ("Winkelcentrum De Vijf Meien : fréquentation et parcours mesurés par WiFi",
           "Suivi des smartphones par adresse MAC WiFi dans un centre commercial, sans application"),
    "09": ("Brico Horizon : offres en magasin par balises, dans l'application Brico Horizon",
           "Balises Bluetooth qui poussent des offres dans l'application du magasin selon l'emplacement"),
    "10": ("Maison Lune Bordeaux : musique adaptée à l'humeur des clients (MoodTune)",
           "Musique du magasin adaptée à l'humeur détectée des clients"),
    "11": ("Parfumerie Belle Rive Nantes : capteur d'audience du fournisseur sur le présentoir des parfums",
           "Une caméra d'analyse « anonyme » qui capte en fait des visages de qualité identification"),
    "12": ("Supermarché Prado : après mise en conformité (SmileLane arrêté)",
           "L'exemple 03 après mise en conformité, pour une réévaluation (auditor diff, auditor audit --baseline)"),
}


@functools.lru_cache(maxsize=64)
def _example_header(path: Path) -> tuple[str, str]:
    """(the file's `title:`, the one-line description of its `# Example NN: ...` comment), both in English."""
    title, lines = "", []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return "", ""
    for line in text.splitlines():
        if line.startswith("title:") and not title:
            try:
                value = yaml.safe_load(line.partition(":")[2])
            except yaml.YAMLError:
                value = None
            title = value.strip() if isinstance(value, str) else ""
    for line in text.splitlines():
        body = line.strip().lstrip("#").strip()
        if not line.startswith("#") or (lines and not body):
            break
        if lines or body.lower().startswith("example "):
            lines.append(body)
    description = " ".join(lines).partition(":")[2].strip()
    description = description.split(" (DESIGN.md")[0].split(". ")[0].rstrip(".").replace("`", "")
    return title, description[:1].upper() + description[1:]


def example_summary(path: Path, lang: str) -> tuple[str, str]:
    """(human title, one-line description) of a bundled example, in French where a translation exists.

    The title is the deployment file's own `title:`; the description is its `# Example NN: ...` comment. A file
    without them falls back to its name (never an empty entry).
    """
    number = path.stem.partition("-")[0]
    title, description = _example_header(path)
    if lang == "fr" and number in _EXAMPLES_FR:
        title, description = _EXAMPLES_FR[number]
    return title or path.stem.replace("-", " "), description


def install_translator(app: QCoreApplication | None, lang: str) -> bool:
    """Load the French .qm catalogue (English is the source language). Returns True if it loaded."""
    if app is None:
        return False
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    if lang != "fr":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    # Qt's own catalogue first (standard buttons such as Yes/No/Cancel, file dialogs), then ours.
    qt_own = QTranslator(app)
    if qt_own.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _translators.append(qt_own)
    translator = QTranslator(app)
    qm = resources.files("auditor.gui") / "i18n" / "auditor_fr.qm"
    ok = translator.load(str(qm))
    if ok:
        app.installTranslator(translator)
        _translators.append(translator)
    return ok


# --- jobs run on the worker thread -----------------------------------------------------------------------


def audit_job(project: AuditProject, config: Path, project_file: Path | None = None, *,
              answers: list | None = None) -> Callable[..., AuditRun]:
    """The audit of a project, then its redacted previews, as a function of (progress, cancel) for TaskWorker."""
    from auditor.audit import AuditRequest, run_audit

    footage: dict[str, list[Path]] = {}
    for ref in project.footage:
        footage.setdefault(ref.camera, []).append(project.resolve(ref.path, project_file))
    waivers = [vars(w) for w in project.waivers]

    def job(*, progress, cancel) -> AuditRun:
        request = AuditRequest(config=config, footage=footage, waiver_entries=waivers, lang=project.lang,
                               answers=list(answers or []))
        result = run_audit(request, progress=progress, cancel=cancel)
        return AuditRun(result, redacted_previews(result, cancel=cancel))

    return job


def previews_job(result: AuditResult) -> Callable[..., dict]:
    """Only the redacted previews of a result (a reopened project's saved audit)."""
    def job(*, progress, cancel) -> dict:
        return redacted_previews(result, cancel=cancel)

    return job


def pdf_job(result: AuditResult, path: Path, *, lang: str, assessor: str | None) -> Callable[..., Any]:
    from auditor.report.pdf import write_pdf

    def job(*, progress, cancel) -> Any:
        return write_pdf(result, path, lang=lang, assessor=assessor, progress=progress, cancel=cancel)

    return job


def has_other_exports() -> bool:
    """Whether the report package offers the DOCX/ODT, CNIL PIA and action-plan writers."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None
               for m in ("auditor.report.formats", "auditor.report.pia", "auditor.report.actions"))


def write_machine_outputs(result: AuditResult, folder: Path) -> dict[str, str]:
    from auditor.report.json_report import write_json
    from auditor.report.sarif import write_sarif

    json_path, sarif_path = folder / "findings.json", folder / "findings.sarif"
    write_json(result, json_path)
    write_sarif(result, sarif_path)
    return {"json": str(json_path), "sarif": str(sarif_path)}


def apply_project_waivers(result: AuditResult, project: AuditProject) -> None:
    """Re-apply the project's waivers to the findings in place (the rule engine's own matching)."""
    from auditor.rules.waivers import reapply_waivers

    reapply_waivers(result, [vars(w) for w in project.waivers])


# --- frames ---------------------------------------------------------------------------------------------


class AuditRun:
    """What the audit worker hands back: the result and its redacted previews (decoded off the GUI thread)."""

    def __init__(self, result: AuditResult, previews: dict) -> None:
        self.result, self.previews = result, previews


def evidence_key(evidence: dict[str, Any]) -> tuple:
    """Identifies a redacted rendering: the frame and the exact boxes masked on it (a new mask, a new key)."""
    return (str(evidence.get("path")), int(evidence.get("frame_index", 0)),
            tuple(tuple(b[:4]) for b in boxes_of(evidence)))


class Preview:
    """One redacted evidence frame in memory (never written anywhere): full size and thumbnail."""

    def __init__(self, pixels: np.ndarray, masked: int) -> None:
        self.pixels, self.masked = pixels, masked
        image = qimage_from_bgr(pixels)
        self.thumbnail = image.scaled(THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation)


def redacted_previews(result: AuditResult, *, cancel=None) -> dict[tuple, Preview | None]:
    """Decode and mask each camera's first evidence frame (what the window shows); runs on the worker thread."""
    out: dict[tuple, Preview | None] = {}
    for cam in result.facts.get("cameras", []):
        frames = (cam.get("footage") or {}).get("evidence_frames") or []
        if not frames:
            continue
        if cancel is not None:
            cancel.check()
        shown = load_frame(frames[0], result)
        out[evidence_key(frames[0])] = Preview(*shown) if shown is not None else None
    return out


class PreviewCache:
    """Redacted frames kept in memory for the session, so that repainting the window never decodes video."""

    def __init__(self) -> None:
        self._items: dict[tuple, Preview | None] = {}

    def clear(self) -> None:
        self._items.clear()

    def update(self, previews: dict[tuple, Preview | None]) -> None:
        self._items.update(previews)

    def thumbnail(self, evidence: dict[str, Any]) -> QImage | None:
        """The cached thumbnail, or None; never decodes (safe to call on every repaint)."""
        item = self._items.get(evidence_key(evidence))
        return item.thumbnail if item is not None else None

    def has(self, evidence: dict[str, Any]) -> bool:
        return evidence_key(evidence) in self._items

    def frame(self, evidence: dict[str, Any], result: AuditResult) -> Preview | None:
        """The redacted frame, decoded once on a cache miss (an explicit user action: one frame)."""
        key = evidence_key(evidence)
        if key not in self._items:
            shown = load_frame(evidence, result)
            self._items[key] = Preview(*shown) if shown is not None else None
        return self._items[key]


def boxes_of(evidence: dict[str, Any]) -> list[tuple[int, int, int, int, str]]:
    return [(int(f["x"]), int(f["y"]), int(f["w"]), int(f["h"]),
             "assessor" if f.get("source") == "assessor" else "detected")
            for f in evidence.get("faces") or []]


def load_frame(evidence: dict[str, Any], result: AuditResult, *, reveal: bool = False) -> tuple[np.ndarray, int] | None:
    """Read an evidence frame in memory; redact every face unless the user revealed them for this session.

    Returns (BGR pixels, number of faces masked) or None if the frame cannot be read.
    """
    from auditor.footage.frames import read_frame
    from auditor.footage.redact import redact_frame
    from auditor.report.evidence import resolve_path

    try:
        frame = read_frame(resolve_path(str(evidence["path"]), result), int(evidence.get("frame_index", 0)))
    except Exception:           # an unreadable frame is shown as such, not as a crash
        return None
    if frame is None:
        return None
    if reveal:
        return frame, 0
    boxes = [(int(f["x"]), int(f["y"]), int(f["w"]), int(f["h"])) for f in evidence.get("faces") or []]
    redacted = redact_frame(frame, boxes)
    return redacted.pixels, redacted.masked


# --- text -----------------------------------------------------------------------------------------------

def criterion_name(criterion: dict[str, Any], lang: str) -> str:
    """A WP248 criterion's name in `lang`, worded as the report words it (one catalog for both)."""
    from auditor.report.i18n import wp248_name

    try:
        return wp248_name(int(criterion.get("number", 0)), lang)
    except (TypeError, ValueError):
        return str(criterion.get("name", ""))


def finding_html(finding: Finding | None, lang: str, labels: dict[str, str]) -> str:
    """The detail pane: title, message, rationale, remediation, clickable references, evidence, waiver.

    `labels` holds the translated headings (the window translates them, so that lupdate finds them).
    """
    e = html.escape
    if finding is None:
        return f"<p><i>{e(labels['none'])}</i></p>"
    parts = [f"<h3>{e(finding.title.get(lang))}</h3>",
             f"<p><b>{e(labels[finding.severity.value])}</b> · {e(finding.rule_id)} · {e(finding.pack)} · "
             f"{e(finding.subject)}" + (f" · <i>{e(labels['question'])}</i>" if finding.question else "") + "</p>",
             f"<p>{e(finding.message.get(lang))}</p>",
             f"<h4>{e(labels['why'])}</h4><p>{e(finding.rationale.get(lang))}</p>",
             f"<h4>{e(labels['todo'])}</h4><p>{e(finding.remediation.get(lang))}</p>",
             f"<h4>{e(labels['references'])}</h4><ul>"]
    for ref in finding.references:
        label = e(ref.label() + (f" — {ref.title}" if ref.title else ""))
        parts.append(f'<li><a href="{e(ref.url)}">{label}</a></li>' if ref.url else f"<li>{label}</li>")
    parts.append("</ul>")
    if finding.evidence:
        parts.append(f"<h4>{e(labels['evidence'])}</h4><ul>")
        parts += [f"<li><code>{e(k)}</code> = {e(fact_text(k, v, lang))}</li>" for k, v in finding.evidence.items()]
        parts.append("</ul>")
    if finding.waiver is not None:
        w = finding.waiver
        parts.append(f"<h4>{e(labels['waiver'])}</h4><p>{e(w.justification)}<br>{e(labels['approved_by'])} "
                     f"{e(w.approver)}, {e(labels['expires'])} {e(w.expires)}{(' — ' + e(w.note)) if w.note else ''}</p>")
    return "".join(parts)


def fact_text(path: str, value: Any, lang: str) -> str:
    """A fact value in words, as rule messages print it (yes/no, lists with commas, vocabulary in French)."""
    from auditor.core.vocab import term, vocab_for_path
    from auditor.rules.engine import format_value

    if value is None:
        return "(non déclaré)" if lang == "fr" else "(not declared)"
    vocabulary = vocab_for_path(path) if lang == "fr" else None
    if vocabulary is not None:
        value = [term(vocabulary, v, lang) or v for v in value] if isinstance(value, list) \
            else (term(vocabulary, value, lang) or value)
    return format_value(value, lang)


def zone_text(zone: str, lang: str) -> str:
    from auditor.core.vocab import term

    return (term("zone", zone, lang) if lang == "fr" else None) or zone.replace("_", " ")


def subject_text(subject: str, lang: str) -> str:
    """`camera:CHK-2` as "camera CHK-2" / "caméra CHK-2", `deployment` as "whole deployment"."""
    from auditor.report.story import subject_label

    return subject_label(subject, lang)


def reason_text(reason: str, lang: str) -> str:
    """Why an evidence frame was selected (`largest_frontal_face`), in words."""
    from auditor.report.story import reason_label

    return reason_label(reason, lang)


def default_expiry() -> dt.date:
    return dt.date.today() + dt.timedelta(days=365)


# --- value answers --------------------------------------------------------------------------------------

def fact_kind(fact: str) -> tuple[str, list[str]]:
    """What a missing fact holds, from the deployment model: ("bool" | "number" | "text" | "list" | "", the
    allowed values of its vocabulary). "" when the path is not a declared fact (then only a decision is asked)."""
    import types
    import typing

    from pydantic import BaseModel

    from auditor.core.deployment import Activity, Camera, Deployment
    from auditor.core.vocab import VOCAB, vocab_for_path

    if not fact or "[" in fact:
        return "", []
    head, *rest = fact.split(".")
    model: Any = {"camera": Camera, "activity": Activity}.get(head, Deployment)
    parts = rest if head in ("camera", "activity") else [head, *rest]
    annotation: Any = model
    for part in parts:
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)) or part not in annotation.model_fields:
            return "", []
        annotation = annotation.model_fields[part].annotation
        while True:                                   # Optional[X] / Annotated[X, ...] -> X
            origin = typing.get_origin(annotation)
            if origin is typing.Annotated:
                annotation = typing.get_args(annotation)[0]
            elif origin in (typing.Union, types.UnionType):
                args = [a for a in typing.get_args(annotation) if a is not type(None)]
                if len(args) != 1:
                    break
                annotation = args[0]
            else:
                break
    allowed = sorted(VOCAB.get(vocab_for_path(fact) or "", {}))
    if typing.get_origin(annotation) is list:
        item = typing.get_args(annotation)[0] if typing.get_args(annotation) else str
        return ("list", allowed) if not (isinstance(item, type) and issubclass(item, BaseModel)) else ("", [])
    if annotation is bool:
        return "bool", []
    if annotation in (int, float):
        return "number", []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "", []
    return "text", allowed


_YES = {"yes", "y", "true", "oui", "o", "vrai"}
_NO = {"no", "n", "false", "non", "faux"}


def parse_fact_value(text: str, kind: str, allowed: list[str]) -> tuple[Any, str]:
    """(value, "") from what the assessor typed for a fact of this kind, or (None, why it is not valid)."""
    text = text.strip()
    if not text:
        return None, "empty"
    if kind == "bool":
        low = text.lower()
        return (True, "") if low in _YES else (False, "") if low in _NO else (None, "yes_no")
    if kind == "number":
        try:
            number = float(text.replace("\u202f", "").replace(" ", "").replace(",", "."))
        except ValueError:
            return None, "number"
        if number != number or number in (float("inf"), float("-inf")):
            return None, "number"
        return (int(number) if number.is_integer() else number), ""
    items = [t.strip() for t in text.split(",") if t.strip()] if kind == "list" else [text]
    if allowed and any(i not in allowed for i in items):
        return None, "allowed"
    return (items if kind == "list" else items[0]), ""
