"""Section 6 of the report: per-camera evidence (face sizes, identification-grade share, detector recall,
unreadable footage, redacted frames).
"""

from __future__ import annotations

import re
from typing import Any

from auditor.core.derived_facts import CameraDerived
from auditor.core.footage_facts import FootageFacts
from auditor.core.i18n import N_
from auditor.report import i18n
from auditor.report import styles as st
from auditor.report.document import (
    CondPageBreak,
    Image,
    Para,
    Table,
)
from auditor.report.evidence import EvidenceFrame
from auditor.report.i18n import t
from auditor.report.sections.common import (
    Flowable,
    _Ctx,
    _Headings,
    _Raw,
    _bullets,
    _dict,
    _e,
    _kv,
    _list,
    _p,
    _sorted_findings,
    mm,
)


_BUCKET = re.compile(r"^\s*(?:(<|≤|<=)\s*(\d+(?:\.\d+)?)|(>|≥|>=)\s*(\d+(?:\.\d+)?)|"
                     r"(\d+(?:\.\d+)?)\s*(?:\+|-|–|—|to|\.\.)\s*(\d+(?:\.\d+)?)?)\s*(?:px)?\s*$")


def parse_bucket(label: str) -> tuple[float, float] | None:
    """'<15' -> (0, 15); '15-20' -> (15, 20); '>80' or '80+' -> (80, inf)."""
    m = _BUCKET.match(str(label))
    if not m:
        return None
    if m.group(1):
        return 0.0, float(m.group(2))
    if m.group(3):
        return float(m.group(4)), float("inf")
    lo = float(m.group(5))
    return (lo, float(m.group(6))) if m.group(6) else (lo, float("inf"))


def recall_rows(footage: FootageFacts | dict) -> list[tuple[str, float]]:
    """(bucket label, recall) for the face widths this camera shows (all buckets when no face was measured)."""
    fo = footage if isinstance(footage, FootageFacts) else FootageFacts.from_dict(footage)
    raw = fo.detector.recall_by_width
    buckets: list[tuple[str, float, float, float]] = []
    if isinstance(raw, dict):
        for label, rec in raw.items():
            rng = parse_bucket(label)
            if rng is not None and isinstance(rec, (int, float)):
                buckets.append((str(label), rng[0], rng[1], float(rec)))
    buckets.sort(key=lambda b: b[1])
    widths = fo.face_width_px
    if widths is not None and widths.max > 0:
        shown = [b for b in buckets if b[2] > widths.p10 and b[1] <= widths.max]
        if shown:
            buckets = shown
    return [(label.replace("-", "–"), rec) for label, _, _, rec in buckets]


def _footage_errors(ctx: _Ctx, camera_id: str, footage: FootageFacts) -> list[tuple[str, str, bool]]:
    """(path, message, partly read) for each file of the camera the audit could not read, or read only in part."""
    out = []
    for e in ctx.result.footage_errors:
        e = _dict(e)
        if str(e.get("camera")) == camera_id:
            out.append((str(e.get("path", "?")), str(e.get("message", "")), bool(e.get("partial"))))
    out += [(e.path or "?", e.message, False) for e in footage.errors]
    out += [(f.path or "?", f.error, False) for f in footage.files if f.error]
    seen, uniq = set(), []
    for item in out:
        if item not in seen:
            seen.add(item)
            uniq.append(item)
    return uniq


def _footage_error_line(lang: str, path: str, message: str, partial: bool) -> str:
    if partial:
        return t(lang, "Footage only partly read: {path} ({message}).", path=path, message=message or "?")
    return t(lang, "Unreadable footage: {path} ({message}).", path=path, message=message or "?")


def _num(v: Any, lang: str, decimals: int | None = None) -> str:
    return i18n.format_number(v, lang, decimals=decimals) if isinstance(v, (int, float)) else "—"


def _camera_evidence(ctx: _Ctx, h: _Headings, cam: dict) -> list[Flowable]:
    lang, _s = ctx.lang, ctx.s
    cid = str(cam.get("id"))
    title = t(lang, "camera {id}", id=cid)
    title = title[0].upper() + title[1:]
    if cam.get("name"):
        title += f" — {cam['name']}"
    title += f" ({i18n.vocab('zone', cam.get('zone'), lang)})"
    out: list[Flowable] = [CondPageBreak(60 * mm), h.h2(ctx, title, f"cam-{cid}")]
    footage = cam.get("footage") if isinstance(cam.get("footage"), dict) else None
    cam_findings = [f for f in _sorted_findings(ctx.result.findings) if f.subject == f"camera:{cid}"]
    errors = _footage_errors(ctx, cid, FootageFacts.from_dict(footage))
    if footage is None:
        out.append(_p(_e(t(lang, "No footage was analysed for this camera: the findings rely on the declared "
                                 "configuration only."))))
        for path, msg, partial in errors:
            out.append(_p(_e(_footage_error_line(lang, path, msg, partial)), "small"))
        if cam_findings:
            out.append(_p(_e(t(lang, "Findings on this camera: {ids}.",
                               ids=", ".join(f.rule_id for f in cam_findings))),
                          "small"))
        return out
    fo = FootageFacts.from_dict(footage)
    files = [f.path for f in fo.files]
    fw = fo.face_width_px
    rows: list[tuple[str, Any]] = []
    if files:
        rows.append((t(lang, "Footage files"), _Raw("<br/>".join(_e(x) for x in files))))
    rows.append((t(lang, "Frames analysed"), _num(fo.frames_analysed, lang)))
    if fo.sample_fps is not None:
        rows.append((t(lang, "Sampling"), t(lang, "{n} frame(s)/s", n=_num(fo.sample_fps, lang))))
    rows.append((t(lang, "Duration"), t(lang, "{n} s", n=_num(fo.duration_s, lang, 1))))
    if fo.resolution is not None:
        rows.append((t(lang, "Resolution"), f"{fo.resolution.width}×{fo.resolution.height}"))
    rows.append((t(lang, "Faces per frame (mean / max)"),
                 f"{_num(fo.faces_per_frame.mean, lang, 1)} / {_num(fo.faces_per_frame.max, lang)}"))
    rows.append((t(lang, "Distinct people (estimate)"), _num(fo.distinct_people, lang)))
    if fo.median_dwell_s is not None:
        rows.append((t(lang, "Median dwell time"), t(lang, "{n} s", n=_num(fo.median_dwell_s, lang, 1))))
    rows.append((t(lang, "Face width in pixels (p10 / p50 / p90 / max)"),
                 " / ".join(_num(getattr(fw, k), lang) if fw else "—" for k in ("p10", "p50", "p90", "max"))))
    rows.append((t(lang, "DORI capability class (EN 62676-4)"), i18n.vocab("dori", fo.dori_class, lang)))
    rows.append((t(lang, "Face-recognition grade"), i18n.yes_no(fo.face_recognition_grade, lang)))
    rows.append((t(lang, "Share of frames with identification-grade frontal faces"),
                 i18n.format_percent(fo.identification_grade_share, lang, decimals=1)))
    cd = CameraDerived.from_dict(cam.get("derived"))
    rows.append((t(lang, "Identification-grade capture (share ≥ 5%, product threshold)"),
                 i18n.yes_no(cd.id_grade_capture, lang)))
    out.append(_kv(rows, widths=(0.42, 0.58)))
    if cd.id_grade_capture and cd.purposes_anonymous_only:
        warning = t(lang, "The camera is declared for anonymous purposes only, yet its footage shows "
                          "identification-grade faces.")
        out.append(_p(f'<font color="#9b1c1c"><b>{_e(warning)}</b></font>'))

    # what the audit could not see
    out.append(_p(_e(t(lang, "What the audit could not see")), "h3"))
    lines = []
    if fo.detector.name:
        lines.append(_e(t(lang, "Detector: {name}.", name=f"{fo.detector.name} {fo.detector.version}".strip())))
    recall = recall_rows(fo)
    for label, rec in recall:
        lines.append(_e(t(lang, "Faces {bucket} px wide: the detector finds {recall} of them (measured on the "
                                "benchmark); about {miss} of such faces may be missed.",
                          bucket=label, recall=i18n.format_percent(rec, lang),
                          miss=i18n.format_percent(max(0.0, 1 - rec), lang))))
    if not recall:
        lines.append(_e(t(lang, "The detector's recall for the face sizes of this camera is not known.")))
    if fo.faces_per_frame.max == 0:
        lines.append("<b>" + _e(t(lang, "No face was detected in the analysed frames. This does not prove that the "
                                        "camera captures no face: the detector can miss faces, and only samples "
                                        "were analysed.")) + "</b>")
    for path, msg, partial in errors:
        lines.append(_e(_footage_error_line(lang, path, msg, partial)))
    if not errors:
        lines.append(_e(t(lang, "All footage files of this camera could be read.")))
    out += _bullets(lines)
    if cam_findings:
        out.append(_p(_e(t(lang, "Findings on this camera: {ids}.",
                           ids=", ".join(sorted({f.rule_id for f in cam_findings})))),
                      "small"))

    # the redacted frames
    frames = ctx.evidence.for_camera(cid) if ctx.evidence is not None else []
    requested = fo.evidence_frames
    out.append(_p(_e(t(lang, "Redacted evidence frames")), "h3"))
    if ctx.evidence is None and requested:
        out.append(_p(_e(t(lang, "Evidence frames were not embedded in this report.")), "small"))
    elif not frames:
        out.append(_p(_e(t(lang, "No evidence frame was selected for this camera.")), "small"))
    else:
        out += _frames_grid(ctx, frames)
    return out


WITHHELD = {"unreadable": N_("the frame could not be read"),
            "unverified": N_("a face was still detected after masking; the frame is withheld"),
            "no_redactor": N_("no redaction engine is available in this installation"),
            "error": N_("redaction failed: {error}")}


REASONS = {"most_faces": N_("most faces"), "largest_face": N_("largest frontal face"),
           "largest_frontal_face": N_("largest frontal face"), "first": N_("first frame"),
           "random": N_("random sample"), "median": N_("typical frame")}


def reason_label(reason: str, lang: str) -> str:
    """Why an evidence frame was selected (`largest_frontal_face`), in words."""
    if reason in REASONS:
        return t(lang, REASONS[reason])
    return reason.replace("_", " ") if lang == "en" else t(lang, "representative frame")


def _frame_caption(fr: EvidenceFrame, lang: str) -> str:
    req = fr.request
    name = req.path.replace("\\", "/").rsplit("/", 1)[-1] or "?"
    if fr.jpeg is None:
        reason = t(lang, WITHHELD[fr.withheld], error=fr.error) if fr.withheld in WITHHELD else str(fr.withheld)
        return _e(t(lang, "{file}, frame {index}: not embedded ({reason}).", file=name,
                    index=i18n.format_number(req.frame_index, lang),
                    reason=reason))
    tm = t(lang, " (t = {t} s)", t=i18n.format_number(req.timestamp_s, lang, decimals=1)) \
        if isinstance(req.timestamp_s, (int, float)) else ""
    extra = t(lang, ", of which {n} found only by the verification pass", n=fr.extra_found) if fr.extra_found else ""
    text = _e(t(lang, "{file}, frame {index}{time}: {masked} face(s) masked{extra}.", file=name,
                index=i18n.format_number(req.frame_index, lang), time=tm,
                masked=i18n.format_number(fr.masked, lang), extra=extra))
    if req.reason:
        reason = reason_label(req.reason, lang)
        text += " " + _e(t(lang, "Selected because: {reason}.", reason=reason))
    return text


def _frames_grid(ctx: _Ctx, frames: list[EvidenceFrame]) -> list[Flowable]:
    col = (st.CONTENT_WIDTH - 4 * mm) / 2
    cells: list[Any] = []
    for fr in frames:
        cap = Para(_frame_caption(fr, ctx.lang), "caption")
        cells.append([Image(fr.jpeg, fr.width, fr.height, col), cap] if fr.jpeg is not None else [cap])
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    for row in rows:
        while len(row) < 2:
            row.append("")
    return [Table(rows, [1, 1], header=False, kind="frames")]


def _evidence(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    out = h.h1(ctx, "Per-camera evidence")
    out.append(_p(_e(t(ctx.lang, "What the footage analysis measured on each camera's sample footage, and the "
                                 "evidence frames with every detected face irreversibly masked. Before a frame was "
                                 "embedded, detection was run again on the masked frame and anything it found was "
                                 "masked too. Absence of detected faces is never proof that no face is visible: "
                                 "see the detector's measured recall for each camera."))))
    cams = [c for c in _list(ctx.result.facts.get("cameras")) if isinstance(c, dict)]
    if not cams:
        out.append(_p(_e(t(ctx.lang, "No camera is declared."))))
    for cam in cams:
        out += _camera_evidence(ctx, h, cam)
    return out
