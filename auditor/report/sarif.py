"""SARIF 2.1.0 output for CI dashboards: rules with help URIs, results by severity, waivers as suppressions,
evidence-frame face boxes as image attachments with rectangles. Written atomically."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

from auditor.core.i18n import language_tag
from auditor.core.model import AuditResult, Check, Finding, Outcome, Severity
from auditor.report import atomic_writer, is_stale
from auditor.report.json_report import TOOL_NAME, answer_dict, audit_date_of, sorted_findings

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
DRIVER_NAME = "store-camera-privacy-auditor"

LEVELS = {Severity.BLOCKER: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.INFO: "note"}
# GitHub code scanning ranks alerts by this property (0-10, as a string).
SECURITY_SEVERITY = {Severity.BLOCKER: "9.5", Severity.MAJOR: "7.5", Severity.MINOR: "4.0", Severity.INFO: "1.0"}


def file_uri(path: str) -> str:
    """A SARIF artifact URI: file:// for absolute paths, a percent-encoded relative reference otherwise."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return urllib.parse.quote(p.as_posix(), safe="/._-~")


def _config_input(result: AuditResult) -> str | None:
    for i in result.inputs:
        if i.kind == "config":
            return i.path
    return None


def _region_for(f: Finding, regions: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    kind = f.subject.split(":")[0]
    for path in f.evidence:
        parts = path.split(".")
        if parts[0] == kind and len(parts) > 1 and f"{f.subject}#{parts[1]}" in regions:
            return regions[f"{f.subject}#{parts[1]}"]
        if kind == "deployment" and f"deployment#{parts[0]}" in regions:
            return regions[f"deployment#{parts[0]}"]
    return regions.get(f.subject)


def _camera_footage(result: AuditResult) -> dict[str, dict[str, Any]]:
    out = {}
    for cam in result.facts.get("cameras", []) or []:
        if isinstance(cam, dict) and isinstance(cam.get("footage"), dict):
            out[str(cam.get("id"))] = cam["footage"]
    return out


def _wants_frames(f: Finding) -> bool:
    if not f.subject.startswith("camera:"):
        return False
    if f.rule_id.startswith("FOOTAGE-"):
        return True
    return any("footage" in k or "id_grade" in k for k in f.evidence)


def _box(face: Any) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of a face box given as {x, y, w, h}, {left, top, right, bottom} or [x, y, w, h]."""
    try:
        if isinstance(face, dict):
            if "box" in face:
                return _box(face["box"])
            if {"x", "y", "w", "h"} <= set(face):
                x, y, w, h = (float(face[k]) for k in ("x", "y", "w", "h"))
                return x, y, x + w, y + h
            if {"left", "top", "right", "bottom"} <= set(face):
                return tuple(float(face[k]) for k in ("left", "top", "right", "bottom"))  # type: ignore[return-value]
        if isinstance(face, (list, tuple)) and len(face) == 4:
            x, y, w, h = (float(v) for v in face)
            return x, y, x + w, y + h
    except (TypeError, ValueError):
        return None
    return None


def frame_attachments(footage: dict[str, Any]) -> list[dict[str, Any]]:
    """SARIF attachments for a camera's evidence frames: the clip and a rectangle per detected face."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for frame in footage.get("evidence_frames") or []:
        if not isinstance(frame, dict):
            continue
        path = frame.get("path") or frame.get("file")
        if not path:
            continue
        rects: list[dict[str, Any]] = []
        boxes: set[tuple[float, float, float, float]] = set()
        for face in frame.get("faces") or []:
            box = _box(face)
            if box is None or box in boxes:
                continue
            boxes.add(box)
            left, top, right, bottom = box
            rects.append({"left": left, "top": top, "right": right, "bottom": bottom,
                          "message": {"text": "face"}})
        index = frame.get("frame_index", frame.get("frame"))
        key = json.dumps([str(path), index], default=str)
        if key in seen:
            continue
        seen.add(key)
        text = f"frame {index} of {Path(str(path)).name}: {len(rects)} face(s); coordinates in pixels of that frame"
        props: dict[str, Any] = {}
        if index is not None:
            props["frame_index"] = index
        for key in ("timestamp_s", "time_s"):
            if frame.get(key) is not None:
                props["timestamp_s"] = frame[key]
                break
        if frame.get("reason"):
            props["reason"] = frame["reason"]
        attachment: dict[str, Any] = {"artifactLocation": {"uri": file_uri(str(path))},
                                      "description": {"text": text}, "rectangles": rects}
        if props:
            attachment["properties"] = props
        out.append(attachment)
    return out


def _location(subject: str, config: str | None, region: tuple[int, int] | None) -> dict[str, Any]:
    location: dict[str, Any] = {"logicalLocations": [{"name": subject.split(":", 1)[-1],
                                                      "fullyQualifiedName": subject, "kind": "object"}]}
    if config:
        physical: dict[str, Any] = {"artifactLocation": {"uri": file_uri(config)}}
        if region and region[0]:
            physical["region"] = {"startLine": region[0], "startColumn": region[1] or 1}
        location["physicalLocation"] = physical
    return location


def _check_descriptor(c: Check, lang: str) -> dict[str, Any]:
    """The descriptor of a rule that has passed checks only (its findings' text is not in the result)."""
    refs = [r.label() for r in c.references]
    d: dict[str, Any] = {
        "id": c.rule_id,
        "shortDescription": {"text": c.title.get(lang)},
        "defaultConfiguration": {"level": "none"},
        "properties": {"pack": c.pack, "title": {"en": c.title.en, "fr": c.title.fr},
                       "references": [r.to_dict() for r in c.references], "tags": ["privacy", c.pack]},
    }
    if refs:
        d["help"] = {"text": "References: " + "; ".join(refs)}
    url = next((r.url for r in c.references if r.url), None)
    if url:
        d["helpUri"] = url
    return d


def _rule_descriptor(f: Finding, lang: str) -> dict[str, Any]:
    refs = [r.label() for r in f.references]
    help_text = f.remediation.get(lang)
    if refs:
        help_text += "\n\nReferences: " + "; ".join(refs)
    d: dict[str, Any] = {
        "id": f.rule_id,
        "shortDescription": {"text": f.title.get(lang)},
        "fullDescription": {"text": f.rationale.get(lang)},
        "help": {"text": help_text},
        "properties": {
            "pack": f.pack,
            "title": {"en": f.title.en, "fr": f.title.fr},
            "references": [r.to_dict() for r in f.references],
            "tags": ["privacy", f.pack],
        },
    }
    url = next((r.url for r in f.references if r.url), None)
    if url:
        d["helpUri"] = url
    return d


def verdict_property(result: AuditResult, lang: str) -> dict[str, Any]:
    """The run's verdict: its tier, how the report words it, and the ids of the findings that make it."""
    tier = result.verdict()
    return {"tier": tier.value, "text": tier.label(lang),
            "findings": [f.id for f in sorted_findings(result.verdict_findings())]}


def sarif_dict(result: AuditResult, *, lang: str = "en",
               regions: dict[str, tuple[int, int]] | None = None) -> dict[str, Any]:
    """The SARIF log of an audit as plain data.

    `regions` maps subjects ("camera:CHK-2", "camera:CHK-2#retention_days", "deployment#signage") to their
    line and column in the config (auditor.audit.subject_regions); without it results point at the file.
    """
    findings = sorted_findings(result.findings)
    audit_date = audit_date_of(result)
    config = _config_input(result)
    regions = regions or {}
    footage = _camera_footage(result)
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    worst: dict[str, Severity] = {}
    for f in findings:
        if f.rule_id not in index:
            index[f.rule_id] = len(rules)
            rules.append(_rule_descriptor(f, lang))
        if f.rule_id not in worst or f.severity.rank > worst[f.rule_id].rank:
            worst[f.rule_id] = f.severity
    for rule in rules:
        sev = worst[rule["id"]]
        rule["defaultConfiguration"] = {"level": LEVELS[sev]}
        rule["properties"]["security-severity"] = SECURITY_SEVERITY[sev]
        rule["properties"]["tags"].append(sev.value)
    passes = sorted((c for c in result.checks if c.outcome is Outcome.PASSED), key=lambda c: (c.rule_id, c.subject))
    for c in passes:
        if c.rule_id not in index:           # a rule that only passed: described from its check
            index[c.rule_id] = len(rules)
            rules.append(_check_descriptor(c, lang))
    results = []
    for f in findings:
        location = _location(f.subject, config, _region_for(f, regions))
        res: dict[str, Any] = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "kind": "review" if f.question else "fail",
            "level": LEVELS[f.severity],
            "message": {"text": f"{f.subject}: {f.message.get(lang)}"},
            "locations": [location],
            "partialFingerprints": {"auditorFindingId/v1": f.id},
            "properties": {"severity": f.severity.value, "pack": f.pack, "subject": f.subject,
                           "question": f.question, "evidence": f.evidence, "waived": f.is_waived,
                           "verdict_tier": f.verdict_tier.value},
        }
        if f.answer is not None:
            res["properties"]["answer"] = answer_dict(f.answer)
        if f.waiver is not None and f.waiver.active:
            res["suppressions"] = [{"kind": "external", "status": "accepted",
                                    "justification": f.waiver.justification,
                                    "properties": {"approver": f.waiver.approver, "expires": f.waiver.expires}}]
        elif f.waiver is not None:
            res["properties"]["waiver_note"] = f.waiver.note
        camera = f.subject.split(":", 1)[1] if f.subject.startswith("camera:") else None
        if camera in footage and _wants_frames(f):
            attachments = frame_attachments(footage[camera])
            if attachments:
                res["attachments"] = attachments
        results.append(res)
    for c in passes:
        text = f"{c.subject}: passed: {c.title.get(lang)}"
        if c.answer is not None:
            text += f" ({c.answer.describe(lang)})"
        props: dict[str, Any] = {"pack": c.pack, "subject": c.subject, "outcome": c.outcome.value}
        if c.answer is not None:
            props["answer"] = answer_dict(c.answer)
        results.append({"ruleId": c.rule_id, "ruleIndex": index[c.rule_id], "kind": "pass", "level": "none",
                        "message": {"text": text},
                        "locations": [_location(c.subject, config, regions.get(c.subject))],
                        "partialFingerprints": {"auditorFindingId/v1": f"{c.rule_id}@{c.subject}"},
                        "properties": props})
    artifacts = []
    listed: set[tuple[str, str]] = set()
    for i in result.inputs:
        if i.kind in ("config", "footage", "waivers") and (i.path, i.sha256) not in listed:
            listed.add((i.path, i.sha256))
            artifacts.append({"location": {"uri": file_uri(i.path)}, "hashes": {"sha-256": i.sha256},
                              "roles": ["analysisTarget"] if i.kind != "waivers" else ["userSpecifiedConfiguration"]})
    run: dict[str, Any] = {
        "tool": {"driver": {"name": DRIVER_NAME, "fullName": TOOL_NAME, "version": result.tool_version,
                            "semanticVersion": result.tool_version, "rules": rules}},
        "invocations": [_invocation(result)],
        "language": "en-US" if lang == "en" else language_tag(lang),
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "verdict": verdict_property(result, lang),
            "audit_date": audit_date,
            "dpia_required": bool(result.facts.get("derived", {}).get("dpia_required", False)),
            "packs": [{"id": p.id, "version": p.version, "checked": p.checked, "sha256": p.sha256,
                       "stale": is_stale(p.checked, audit_date)} for p in result.packs],
            "warnings": list(result.warnings),
            "unused_waivers": result.unused_waivers,
            "expired_waivers": result.expired_waivers,
        },
    }
    if artifacts:
        run["artifacts"] = artifacts
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _invocation(result: AuditResult) -> dict[str, Any]:
    """The run's invocation; footage the audit could not read, or read only in part, is a tool execution
    notification (SARIF 2.1.0 § 3.20.21) at level "warning" ("error" when nothing of the file could be read)."""
    invocation: dict[str, Any] = {"executionSuccessful": True, "endTimeUtc": result.generated_at}
    notes = []
    for err in result.footage_errors:
        note: dict[str, Any] = {
            "level": "warning" if err.get("partial") else "error",
            "message": {"text": f"footage of camera {err.get('camera', '')}: {err.get('message', '')}"},
            "descriptor": {"id": "footage-partly-read" if err.get("partial") else "footage-unreadable"},
        }
        if err.get("path"):
            note["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": file_uri(str(err["path"]))}}}]
        notes.append(note)
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def write_sarif(result: AuditResult, path: str | Path, *, lang: str = "en",
                regions: dict[str, tuple[int, int]] | None = None) -> Path:
    """Write the SARIF log atomically (temp file beside the target, then rename)."""
    text = json.dumps(sarif_dict(result, lang=lang, regions=regions), indent=2, ensure_ascii=False) + "\n"
    with atomic_writer(path) as fh:
        fh.write(text)
    return Path(path)
