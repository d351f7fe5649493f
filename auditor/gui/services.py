"""Adapters between the window and the core: jobs for the worker thread, frames as Qt images, HTML text.

Nothing here decides anything about the law or the footage: it calls the same core functions as the CLI.
"""

from __future__ import annotations

import datetime as dt
import html
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QLocale, QSize, QTranslator
from PySide6.QtGui import QIcon, QPixmap

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
    translator = QTranslator(app)
    qm = resources.files("auditor.gui") / "i18n" / "auditor_fr.qm"
    ok = translator.load(str(qm))
    if ok:
        app.installTranslator(translator)
        _translators.append(translator)
    return ok


# --- jobs run on the worker thread -----------------------------------------------------------------------


def audit_job(project: AuditProject, config: Path) -> Callable[..., AuditResult]:
    """The audit of a project, as a function of (progress, cancel) for TaskWorker."""
    from auditor.audit import AuditRequest, run_audit

    footage: dict[str, list[Path]] = {}
    for ref in project.footage:
        footage.setdefault(ref.camera, []).append(Path(ref.path))
    waivers = [vars(w) for w in project.waivers]

    def job(*, progress, cancel) -> AuditResult:
        request = AuditRequest(config=config, footage=footage, waiver_entries=waivers, lang=project.lang)
        return run_audit(request, progress=progress, cancel=cancel)

    return job


def pdf_job(result: AuditResult, path: Path, *, lang: str, assessor: str | None) -> Callable[..., Any]:
    from auditor.report.pdf import write_pdf

    def job(*, progress, cancel) -> Any:
        return write_pdf(result, path, lang=lang, assessor=assessor, progress=progress, cancel=cancel)

    return job


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


def camera_thumbnail(footage: dict[str, Any] | None, result: AuditResult) -> QIcon | None:
    frames = (footage or {}).get("evidence_frames") or []
    if not frames:
        return None
    shown = load_frame(frames[0], result)
    if shown is None:
        return None
    pixmap = QPixmap.fromImage(qimage_from_bgr(shown[0]))
    return QIcon(pixmap.scaled(THUMB_SIZE))


# --- text -----------------------------------------------------------------------------------------------

_CRITERIA_FR = {
    1: "Évaluation ou notation (y compris profilage)",
    2: "Décision automatisée avec effet juridique ou similaire",
    3: "Surveillance systématique",
    4: "Données sensibles ou à caractère hautement personnel",
    5: "Traitement à grande échelle",
    6: "Croisement ou combinaison d'ensembles de données",
    7: "Personnes vulnérables",
    8: "Usage innovant ou nouvelle solution technologique",
    9: "Traitement qui empêche d'exercer un droit ou de bénéficier d'un service ou d'un contrat",
}


def criterion_name(criterion: dict[str, Any], lang: str) -> str:
    if lang == "fr":
        return _CRITERIA_FR.get(int(criterion.get("number", 0)), criterion.get("name", ""))
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
        parts += [f"<li><code>{e(k)}</code> = {e(repr(v))}</li>" for k, v in finding.evidence.items()]
        parts.append("</ul>")
    if finding.waiver is not None:
        w = finding.waiver
        parts.append(f"<h4>{e(labels['waiver'])}</h4><p>{e(w.justification)}<br>{e(labels['approved_by'])} "
                     f"{e(w.approver)}, {e(labels['expires'])} {e(w.expires)}{(' — ' + e(w.note)) if w.note else ''}</p>")
    return "".join(parts)


def default_expiry() -> dt.date:
    return dt.date.today() + dt.timedelta(days=365)
