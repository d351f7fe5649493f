"""Assessor answers: the assessor's decision on a question the facts leave open (one rule on one subject).

Answers live in an `answers:` section of the deployment file or in a sibling answers file (`--answers FILE`):

    schema_version: 1            # optional (answers file only)
    answers:
      - rule_id: GDPR-ART37-DPO
        subject: deployment       # deployment | camera:<id> | activity:<id>
        decision: passed          # failed | passed
        note: Store cameras are not a core activity of the controller (board minutes of 2026-10-02).
        answered_by: Jane Doe (DPO)
        answered_on: 2026-11-20

`rule_id`, `subject`, `answered_by` and `answered_on` are required; `note` is optional. An answer names exactly
one rule and one subject. The engine turns an answered question into a decided check: `failed` gives a finding with
the rule's own severity and tier, `passed` a passed check; both record the answer.

A question the rules could not decide because a fact is not declared may instead be answered with that fact's
value (a value answer): `fact` names the missing fact as the question does and `value` gives it (a yes/no, a
number, a text or a list of them), in place of `decision`:

      - rule_id: GDPR-ART5-1C-NEIGHBOUR-PROPERTY
        subject: camera:ENT-1
        fact: camera.neighbour_property_in_view
        value: false
        answered_by: Jane Doe (DPO)
        answered_on: 2026-11-20

The engine then evaluates the rule with that value, so the rule, not the assessor, gives the outcome.
This module parses and checks answers; it knows nothing of rule packs (check_answers receives what it needs).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.core.errors import InputError, Problem, describe_value
from auditor.core.i18n import t
from auditor.core.yamlsafe import (
    Document,
    KeyPath,
    format_path,
    list_section,
    parse_text,
    read_document,
)

FAILED, PASSED = "failed", "passed"
DECISIONS = (FAILED, PASSED)
FIELDS = ("rule_id", "subject", "decision", "fact", "value", "note", "answered_by", "answered_on")
REQUIRED = ("rule_id", "subject", "answered_by", "answered_on")           # and either decision or fact + value
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
SUBJECT = re.compile(r"^(deployment|(camera|activity):[A-Za-z0-9][A-Za-z0-9_.-]{0,63})$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FACT = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")       # a declared fact's path, e.g. camera.ptz_zoom
MAX_TEXT = 2000
MAX_VALUES = 100
_SCALAR_SCHEMA: dict[str, Any] = {"type": ["boolean", "number", "string"]}

# The JSON Schema of one answer (used by the deployment file's schema).
ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Assessor answer",
    "description": "The assessor's decision on a question the audit could not decide from the facts.",
    "additionalProperties": False,
    "required": list(REQUIRED),
    "oneOf": [{"required": ["decision"], "not": {"anyOf": [{"required": ["fact"]}, {"required": ["value"]}]}},
              {"required": ["fact", "value"], "not": {"required": ["decision"]}}],
    "properties": {
        "rule_id": {"type": "string", "pattern": RULE_ID.pattern, "description": "The rule that asked."},
        "subject": {"type": "string", "pattern": SUBJECT.pattern,
                    "description": "deployment, camera:<id> or activity:<id>."},
        "decision": {"enum": list(DECISIONS), "description": "failed: the rule's finding applies; passed: it does not."},
        "fact": {"type": "string", "pattern": FACT.pattern,
                 "description": "The fact the question says is not declared (a value answer)."},
        "value": {"anyOf": [_SCALAR_SCHEMA, {"type": "array", "items": _SCALAR_SCHEMA, "maxItems": MAX_VALUES}],
                  "description": "That fact's value; the rule is then evaluated with it (a value answer)."},
        "note": {"type": "string", "maxLength": MAX_TEXT, "description": "Why (the evidence the answer rests on)."},
        "answered_by": {"type": "string", "minLength": 1, "maxLength": 200, "description": "Who answered."},
        "answered_on": {"type": "string", "format": "date", "description": "When (YYYY-MM-DD)."},
    },
}


@dataclass(frozen=True)
class Answer:
    """One assessor answer. `file`, `line` and `column` say where it was written (not part of its identity)."""

    rule_id: str
    subject: str                      # "deployment" | "camera:ID" | "activity:ID"
    decision: str                     # "failed" | "passed"; "" for a value answer
    note: str = ""
    answered_by: str = ""
    answered_on: str = ""             # ISO date
    fact: str = ""                    # a value answer: the missing fact it gives ...
    value: Any = None                 # ... and its value (bool, number, text or a list of them)
    file: str = field(default="", compare=False)
    line: int | None = field(default=None, compare=False)
    column: int | None = field(default=None, compare=False)
    path: str = field(default="", compare=False)           # e.g. answers[2]
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_value(self) -> bool:
        """A value answer (fact + value) rather than a decision."""
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain data (what the JSON report and dump_answers write)."""
        out: dict[str, Any] = {"rule_id": self.rule_id, "subject": self.subject}
        if self.is_value:
            out["fact"], out["value"] = self.fact, list(self.value) if isinstance(self.value, tuple) else self.value
        else:
            out["decision"] = self.decision
        if self.note:
            out["note"] = self.note
        out["answered_by"] = self.answered_by
        out["answered_on"] = self.answered_on
        return out

    def where(self, key: str | None = None) -> tuple[int | None, int | None]:
        """Line and column of a field's value (or of the answer itself)."""
        if key and key in self.positions:
            return self.positions[key]
        return self.line, self.column

    def problem(self, message: str, key: str | None = None, **kw: str) -> Problem:
        line, col = self.where(key)
        path = f"{self.path}.{key}" if key and self.path else self.path
        return Problem(self.file, message, line, col, path, **kw)

    def describe(self, lang: str = "en") -> str:
        """'answered by the assessor (Jane Doe, 2026-11-20): failed. <note>' in English or French."""
        decision = f"{self.fact} = {value_text(self.value, lang)}" if self.is_value else \
            (t(lang, "failed") if self.decision == FAILED else t(lang, "passed"))
        text = t(lang, "answered by the assessor ({who}, {when}): {decision}", who=self.answered_by,
                 when=self.answered_on, decision=decision)
        return text + (f". {self.note}" if self.note else "")


def value_text(value: Any, lang: str = "en") -> str:
    """A value answer's value in words: yes/no (oui/non), numbers and texts as written, lists joined by commas."""
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v, lang) for v in value)
    return str(value)


def _scalar(value: Any) -> bool:
    return isinstance(value, (bool, int, float, str)) and not (isinstance(value, float) and value != value)


def _value(value: Any) -> tuple[Any, str]:
    """(the value as the engine takes it, a problem or ''): a scalar, or a list of scalars (kept as a tuple)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat(), ""
    if isinstance(value, str):
        return (value.strip(), "") if value.strip() and len(value) <= MAX_TEXT else \
            (None, f"value must be a non-empty text of at most {MAX_TEXT} characters")
    if _scalar(value):
        return value, ""
    if isinstance(value, list):
        items = [v.isoformat() if isinstance(v, dt.date) and not isinstance(v, dt.datetime) else v for v in value]
        if len(items) <= MAX_VALUES and all(_scalar(v) and (not isinstance(v, str) or len(v) <= MAX_TEXT)
                                            for v in items):
            return tuple(v.strip() if isinstance(v, str) else v for v in items), ""
    return None, (f"value must be yes/no (true/false), a number, a text or a list of at most {MAX_VALUES} of them")


def _date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def parse_answers(entries: Any, *, file: str = "<answers>", doc: Document | None = None,
                  base: KeyPath = ()) -> list[Answer]:
    """Validate a list of answer mappings; raise InputError listing every problem (file:line:column)."""
    problems: list[Problem] = []

    def locate(path: KeyPath, *, key: bool = False) -> tuple[int | None, int | None]:
        return doc.locate(path, key=key) if doc is not None else (None, None)

    def add(path: KeyPath, message: str, *, key: bool = False, **kw: str) -> None:
        line, col = locate(path, key=key)
        problems.append(Problem(file, message, line, col, format_path(path), **kw))

    if entries is None:
        return []
    if not isinstance(entries, list):
        add(base, "answers must be a list of {rule_id, subject, decision, note, answered_by, answered_on}",
            found=describe_value(entries))
        raise InputError(problems)
    out: list[Answer] = []
    seen: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(entries):
        path = base + (i,)
        if not isinstance(entry, dict):
            add(path, "an answer must be a mapping {rule_id, subject, decision, answered_by, answered_on}",
                found=describe_value(entry))
            continue
        ok = True
        for key in entry:
            if key not in FIELDS:
                close = difflib.get_close_matches(str(key), FIELDS, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                add(path + (key,), f"unknown field {key!r}{hint}", key=True,
                    expected="" if close else "one of " + ", ".join(FIELDS))
                ok = False
        for key in REQUIRED:
            value = entry.get(key)
            if key not in entry or value is None or (isinstance(value, str) and not value.strip()):
                add(path, f"required field {key!r} is missing or empty (every answer needs "
                          + ", ".join(REQUIRED) + ")")
                ok = False
        if ("decision" in entry) == ("value" in entry or "fact" in entry) and ok:
            add(path, "give either decision (failed or passed) or fact and value, not both and not neither")
            ok = False
        elif "decision" not in entry and ("fact" not in entry or "value" not in entry) and ok:
            add(path, "a value answer needs both fact (the missing fact) and value")
            ok = False
        for key in ("rule_id", "subject", "decision", "fact", "note", "answered_by"):
            value = entry.get(key)
            if value is not None and not isinstance(value, str):
                add(path + (key,), f"{key} must be text", found=describe_value(value))
                ok = False
            elif isinstance(value, str) and len(value) > MAX_TEXT:
                add(path + (key,), f"{key} is longer than {MAX_TEXT} characters")
                ok = False
        if not ok:
            continue
        rule_id, subject = entry["rule_id"].strip(), entry["subject"].strip()
        decision, fact, value = (entry.get("decision") or "").strip(), (entry.get("fact") or "").strip(), None
        if not RULE_ID.match(rule_id):
            add(path + ("rule_id",), "invalid rule id", expected="uppercase words joined by hyphens, "
                "e.g. GDPR-ART37-DPO", found=describe_value(rule_id))
            ok = False
        if not SUBJECT.match(subject):
            add(path + ("subject",), "invalid subject", expected="deployment, camera:<id> or activity:<id>",
                found=describe_value(subject))
            ok = False
        if "value" in entry:
            value, wrong = _value(entry["value"])
            if wrong:
                add(path + ("value",), wrong, found=describe_value(entry["value"]))
                ok = False
            if not FACT.match(fact):
                add(path + ("fact",), "invalid fact", expected="the dotted path of a declared fact, as the question "
                    "names it, e.g. camera.ptz_zoom", found=describe_value(fact))
                ok = False
        elif decision not in DECISIONS:
            close = difflib.get_close_matches(decision, DECISIONS, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            add(path + ("decision",), f"invalid decision{hint}", expected="failed or passed",
                found=describe_value(decision))
            ok = False
        answered_on = _date(entry["answered_on"])
        if answered_on is None:
            add(path + ("answered_on",), "invalid date", expected="YYYY-MM-DD (a real calendar date)",
                found=describe_value(entry["answered_on"]))
            ok = False
        if not ok:
            continue
        if (rule_id, subject) in seen:
            first = seen[(rule_id, subject)]
            line = locate(base + (first,))[0]
            where = f" at line {line}" if line else f" (entry {first})"
            add(path, f"a second answer for {rule_id} on {subject}; the first is{where}")
            continue
        seen[(rule_id, subject)] = i
        line, col = locate(path)
        positions = {k: locate(path + (k,)) for k in entry}
        out.append(Answer(rule_id, subject, decision, (entry.get("note") or "").strip(),
                          entry["answered_by"].strip(), answered_on or "", fact=fact if value is not None else "",
                          value=value, file=file, line=line, column=col,
                          path=format_path(path),
                          positions={k: (v[0], v[1] or 1) for k, v in positions.items() if v[0] is not None}))
    if problems:
        raise InputError(problems)
    return out


def answers_of_document(doc: Document) -> list[Answer]:
    """The `answers:` section of a parsed deployment file (empty when there is none)."""
    if not isinstance(doc.data, dict) or "answers" not in doc.data:
        return []
    return parse_answers(doc.data["answers"], file=doc.file, doc=doc, base=("answers",))


def _answers_file(doc: Document) -> list[Answer]:
    items, base = list_section(doc, "answers", "{rule_id, subject, decision, ...}")
    return parse_answers(items, file=doc.file, doc=doc, base=base)


def load_answers(path: str | Path) -> list[Answer]:
    """Read and validate an answers file (a mapping with `answers:` and optional schema_version, or a list)."""
    return _answers_file(read_document(Path(path)))


def loads_answers(text: str, file: str = "<answers>") -> list[Answer]:
    """Parse answers-file text (the form dump_answers writes)."""
    return _answers_file(parse_text(text, file))


def merge_answers(*groups: Iterable[Answer]) -> list[Answer]:
    """Answers from several places (the deployment file, an answers file, the GUI) as one list. The same answer
    given twice counts once; two different answers for one rule and subject are an error naming both places."""
    out: list[Answer] = []
    seen: dict[tuple[str, str], Answer] = {}
    problems: list[Problem] = []
    for group in groups:
        for a in group:
            first = seen.get((a.rule_id, a.subject))
            if first is not None and first == a:
                continue
            if first is not None:
                at = f"{first.file}:{first.line}" if first.line else first.file
                problems.append(a.problem(f"a second answer for {a.rule_id} on {a.subject}; the first is at {at}"))
                continue
            seen[(a.rule_id, a.subject)] = a
            out.append(a)
    if problems:
        raise InputError(problems)
    return out


def check_answers(answers: Iterable[Answer], *, rules: Mapping[str, str], subjects: Iterable[str],
                  not_evaluated: Mapping[str, str] | None = None) -> None:
    """Raise InputError for answers naming a rule or a subject that does not exist in this audit.

    rules: rule id -> the kind of subject it runs on (deployment | camera | activity), for the rules this audit
    evaluates; subjects: the audit's subjects; not_evaluated: rule id -> why a known rule is not evaluated here.
    """
    not_evaluated = not_evaluated or {}
    subjects = list(subjects)
    known_subjects = set(subjects)
    problems: list[Problem] = []
    for a in answers:
        if a.rule_id not in rules:
            if a.rule_id in not_evaluated:
                problems.append(a.problem(f"rule {a.rule_id} is not evaluated in this audit: "
                                          f"{not_evaluated[a.rule_id]}", "rule_id"))
                continue
            close = difflib.get_close_matches(a.rule_id, list(rules), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(a.problem(f"unknown rule id {a.rule_id!r}{hint}", "rule_id",
                                      expected="" if close else "a rule id of the loaded packs (auditor rules list)"))
            continue
        kind = a.subject.split(":", 1)[0]
        if a.subject not in known_subjects:
            same_kind = [s for s in subjects if s.split(":", 1)[0] == kind] or subjects
            close = difflib.get_close_matches(a.subject, same_kind, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(a.problem(f"unknown subject {a.subject!r}{hint}: no such {kind} in the deployment",
                                      "subject", expected="" if close else "one of " + ", ".join(same_kind)))
            continue
        if kind != rules[a.rule_id]:
            problems.append(a.problem(f"rule {a.rule_id} runs on each {rules[a.rule_id]}, not on {a.subject}",
                                      "subject", expected="deployment" if rules[a.rule_id] == "deployment"
                                      else f"{rules[a.rule_id]}:<id>"))
    if problems:
        raise InputError(problems)


def dump_answers(answers: Iterable[Answer]) -> str:
    """An answers file an assessor can edit; load_answers / loads_answers read it back unchanged."""
    doc = {"schema_version": 1, "answers": [a.to_dict() for a in answers]}
    header = ("# Assessor answers to the audit's questions (auditor audit CONFIG --answers FILE).\n"
              "# decision: failed (the rule's finding applies) or passed; or, for a fact that is not declared,\n"
              "# fact (as the question names it) and value (yes/no, a number, a text or a list); answered_on: YYYY-MM-DD.\n")
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return header + body
