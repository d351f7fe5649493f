"""Text from the user's files, prepared for a paged report: over-long values clipped with a visible note.

A deployment file may hold a 2,000-character name with no space in it; in a table cell that becomes a row
taller than a page, which no layout engine can place. The report (not the JSON or SARIF, which keep every
character) shows each string of the Facts and each finding message up to a length that always fits a cell,
then says how many characters were left out. Lists are capped the same way: a list inside a camera or an
activity (e.g. the 500 cameras of one activity) shows its first items and how many more there are, and a
deployment of thousands of cameras is detailed for its first cameras only, with a note in the report saying
what was left out (the counts of the JSON and SARIF outputs cover everything).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from auditor.core.model import AuditResult, Text

FACT_CHARS = 300            # a value of the Facts (names, ids, descriptions) in the report
MESSAGE_CHARS = 1_500       # a finding's message (rule text with the facts it names)
LIST_ITEMS = 12             # items of a list inside the Facts (a camera's purposes, an activity's cameras)
CAMERAS = 200               # cameras detailed in the report (description, evidence, their findings)
FINDINGS = 3_000            # findings listed in the report


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with a note of what was left out (unchanged when short enough)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit:,} more characters]"


def _clip_values(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        return clip(value, FACT_CHARS)
    if isinstance(value, dict):
        return {k: _clip_values(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        items = [_clip_values(v, depth + 1) for v in value[:LIST_ITEMS]] if depth > 1 else \
            [_clip_values(v, depth + 1) for v in value]
        if len(value) > len(items) and all(isinstance(v, str) for v in value):
            items.append(f"… and {len(value) - len(items):,} more")
        return items
    return value


def display_result(result: AuditResult) -> AuditResult:
    """A copy of `result` for the report: over-long strings and lists clipped, a very large deployment detailed
    for its first cameras and findings only, with a warning that says so (see the module docstring)."""
    facts = dict(result.facts)
    cameras = list(facts.get("cameras") or [])
    warnings = list(result.warnings)
    findings = result.findings
    if len(cameras) > CAMERAS:
        facts["cameras"] = cameras[:CAMERAS]
        shown = {f"camera:{c.get('id')}" for c in cameras[:CAMERAS] if isinstance(c, dict)}
        findings = [f for f in findings if not f.subject.startswith("camera:") or f.subject in shown]
    if len(findings) > FINDINGS:
        findings = findings[:FINDINGS]
    if len(findings) < len(result.findings) or len(cameras) > CAMERAS:
        warnings.insert(0, f"this report details {min(len(cameras), CAMERAS):,} of the {len(cameras):,} cameras and "
                           f"{len(findings):,} of the {len(result.findings):,} findings, so that it stays readable; "
                           "the JSON and SARIF outputs of the same audit hold every camera and finding")
    shown_findings = [dataclasses.replace(f, message=Text(en=clip(f.message.en, MESSAGE_CHARS),
                                                          fr=clip(f.message.fr, MESSAGE_CHARS)),
                                          subject=clip(f.subject, FACT_CHARS))
                      for f in findings]
    return dataclasses.replace(result, facts=_clip_values(facts), findings=shown_findings, warnings=warnings)
