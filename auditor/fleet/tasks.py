"""The functions a fleet audit runs on Dask workers: plain functions of plain data, importable by any worker.

A worker needs only `pip install` of this project and read access to the configs and footage at the same
paths. Workers return bytes and JSON-ready dicts; the client alone writes files (atomically), so a worker
never needs write access to the output folder and never writes a frame anywhere.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from auditor.core.errors import InputError
from auditor.core.model import Severity


def analyse_chunk(camera: str, path: str, start_s: float, end_s: float | None,
                  sample_fps: float | None) -> dict[str, Any]:
    """Footage facts gathered on one window of one file (a CameraPartial as a dict)."""
    from auditor.footage.analyze import DEFAULT_SAMPLE_FPS, analyze_chunk
    part = analyze_chunk(camera, path, start_s=start_s, end_s=end_s,
                         sample_fps=sample_fps if sample_fps is not None else DEFAULT_SAMPLE_FPS)
    return part.to_dict()


def merge_partials(partials: list[dict[str, Any]]) -> dict[str, Any]:
    """A camera's footage facts from its chunks' partials, given in reading order."""
    from auditor.footage.analyze import CameraPartial, summarise
    merged = CameraPartial.from_dict(dict(partials[0]))
    merged.files, merged.errors = list(merged.files), list(merged.errors)
    for other in partials[1:]:
        merged.merge(CameraPartial.from_dict(other))
    return summarise(merged)


def audit_store(store_id: str, config: str, *, footage: dict[str, list[str]], measured: dict[str, dict[str, Any]],
                waivers: str | None, analyse_footage: bool, sample_fps: float | None, audit_date: str | None,
                generated_at: str, lang: str, pdf: bool) -> dict[str, Any]:
    """Audit one store from its config and its measured footage; return its outputs as bytes and a summary.

    Bad input (config, waivers, footage overrides) is returned as `{"status": "failed", "problems": [...]}`,
    never raised: one bad store must not stop the fleet.
    """
    from auditor.audit import AuditRequest, run_audit, subject_regions
    from auditor.report.json_report import write_json
    from auditor.report.sarif import write_sarif

    request = AuditRequest(config=Path(config), footage={k: [Path(p) for p in v] for k, v in footage.items()},
                           waivers=Path(waivers) if waivers else None, analyse_footage=analyse_footage,
                           sample_fps=sample_fps, audit_date=audit_date, generated_at=generated_at, lang=lang,
                           measured_footage=measured)
    try:
        result = run_audit(request)
    except InputError as exc:
        return {"store": store_id, "status": "failed", "problems": [p.format() for p in exc.problems]}
    outputs: dict[str, bytes] = {}
    # The writers write files; a private temporary folder turns them into bytes. The PDF holds only
    # redacted, re-verified evidence frames (auditor.report.evidence), so nothing unredacted touches disk.
    with tempfile.TemporaryDirectory(prefix="auditor-fleet-") as tmp:
        folder = Path(tmp)
        write_json(result, folder / "audit.json")
        write_sarif(result, folder / "audit.sarif", lang=lang, regions=subject_regions(config))
        if pdf:
            from auditor.report.pdf import write_pdf
            write_pdf(result, folder / f"dpia.{lang}.pdf", lang=lang)
        for f in sorted(folder.iterdir()):
            outputs[f.name] = f.read_bytes()
    return {"store": store_id, "status": "ok", "summary": store_summary(result), "outputs": outputs}


def store_summary(result: Any) -> dict[str, Any]:
    """What the fleet roll-up shows of one store's audit."""
    facts = result.facts
    store = facts.get("store", {}) or {}
    derived = facts.get("derived", {}) or {}
    cameras = facts.get("cameras", []) or []
    analysed = [c for c in cameras if (c.get("derived") or {}).get("footage_analysed")]
    contradictions = []
    for cam in cameras:
        d = cam.get("derived") or {}
        if d.get("purposes_anonymous_only") and d.get("id_grade_capture"):
            contradictions.append({"camera": cam.get("id"), "purposes": cam.get("purposes"),
                                   "identification_grade_share": d.get("id_grade_share")})
    footage_s = 0.0
    for cam in cameras:
        value = (cam.get("footage") or {}).get("duration_s")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            footage_s += float(value)
    rules: dict[str, dict[str, Any]] = {}
    for f in result.findings:
        if f.question or f.is_waived or f.severity is Severity.INFO:
            continue                  # notes and questions are not rules that "fire"
        entry = rules.setdefault(f.rule_id, {"rule_id": f.rule_id, "title": f.title.en, "severity": f.severity.value,
                                             "findings": 0})
        entry["findings"] += 1
    return {
        "name": store.get("name"),
        "country": store.get("country"),
        "verdict": result.verdict().value,
        "dpia_required": bool(derived.get("dpia_required")),
        "counts": result.counts(),
        "waived": sum(result.counts(waived=True).values()),
        "questions": sum(1 for f in result.findings if f.question and not f.is_waived),
        "cameras": len(cameras),
        "cameras_with_footage": len(analysed),
        "footage_hours": round(footage_s / 3600.0, 4),
        "footage_errors": len(result.footage_errors),
        "contradictions": contradictions,
        "rules": sorted(rules.values(), key=lambda r: r["rule_id"]),
        "warnings": len(result.warnings),
    }
