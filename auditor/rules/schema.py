"""Rule and pack files -> validated Rule and Pack objects, or every problem with file:line:col, rule id and field.

Checks: YAML errors, unknown or missing fields, wrong types and vocabularies (severity, for_each, status,
expect), both languages present, CEL syntax, fact paths that do not exist in the Facts document (in
triggers, guards, messages, evidence and examples), reference instruments outside the allowed short names.
Duplicate ids, id != file name and replaced_by targets are checked across the pack in packs.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from auditor.core import instruments, risk_factors
from auditor.core.errors import Problem, describe_value
from auditor.core.model import BLOCKER_TIERS, LANGS, Reference, Severity, Text, Tier
from auditor.core.yamlsafe import KeyPath, format_path
from auditor.rules import keys
from auditor.rules.cel import CelSyntaxError, Expression, compile_expr

SCHEMA_VERSION = 1

RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
PACK_ID = re.compile(r"^[a-z][a-z0-9_]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEMPLATE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")

STATUSES = ("preview", "stable", "deprecated")
FOR_EACH = ("deployment", "camera", "activity")
OUTCOMES = ("pass", "fail", "unknown", "not_applicable")
VERIFIED = ("primary", "secondary", "memory", "unverified", "interpretation")

# The short instrument names a reference may use (auditor/core/instruments.py: REFERENCE.md's instruments table,
# the authorities and courts it cites, and the national instruments of the national packs). A fixed list lets a
# machine tell which provision is infringed and in which jurisdiction a reference may be cited.
INSTRUMENTS = instruments.INSTRUMENTS

RULE_FIELDS = {
    "id": True, "status": False, "since": False, "severity": True, "escalate": False, "for_each": True,
    "applies_when": False, "trigger": True, "question": False, "title": True, "message": True,
    "rationale": True, "remediation": True, "evidence": False, "references": True, "examples": True,
    "replaced_by": False, "tier": False, "feared_events": False, "risk_factors": False,
    "if_failed": False,
}
# The feared events of the CNIL PIA method a rule's finding bears on, and the narrow risk factors its remediation
# removes (the DPIA's risk map reads both; auditor/core/risk_factors.py).
FEARED_EVENTS = risk_factors.FEARED_EVENTS
RISK_FACTORS = tuple(risk_factors.RISK_FACTORS)
PACK_FIELDS = {
    "id": True, "title": True, "description": False, "jurisdiction": True, "version": True, "checked": True,
    "schema_version": True, "applies_when": False, "activities_when": False, "replaced": False,
}
# Longest text a rule or pack may give per language (the built-in packs use at most a third of each): a report
# prints these in table cells, and a title of 20,000 characters helps nobody.
TEXT_LIMITS = {"title": 300, "message": 3_000}
TEXT_LIMIT = 6_000          # rationale, remediation, description, anything else bilingual

REFERENCE_FIELDS = ("instrument", "article", "paragraph", "point", "section", "title", "url", "verified",
                    "applies_from", "checked")
EXAMPLE_META = ("name", "expect", "severity", "tier", "says", "not_says")


@dataclass
class Example:
    """One test case of a rule: partial facts in, the expected outcome (and severity) out."""

    name: str
    expect: str
    severity: Severity | None
    facts: dict[str, Any]
    line: int | None = None
    tier: Tier | None = None          # the expected tier of a blocker outcome (required for one)
    says: dict[str, list[str]] = field(default_factory=dict)       # lang -> texts the message must contain
    not_says: dict[str, list[str]] = field(default_factory=dict)   # lang -> texts it must not contain


@dataclass
class Escalation:
    when: Expression
    severity: Severity
    tier: Tier | None = None          # overrides the rule's tier when this case applies


@dataclass(frozen=True)
class IfFailed:
    """What an assessor's answer "failed" to a question rule means."""

    severity: Severity
    tier: Tier | None = None          # required for a blocker


@dataclass
class Rule:
    """A validated rule with its expressions compiled."""

    id: str
    pack: str
    file: str
    severity: Severity
    for_each: str
    trigger: Expression
    title: Text
    message: Text
    rationale: Text
    remediation: Text
    references: list[Reference]
    examples: list[Example]
    status: str = "stable"
    since: str = ""
    applies_when: Expression | None = None
    escalate: list[Escalation] = field(default_factory=list)
    question: bool = False
    evidence: list[str] = field(default_factory=list)
    replaced_by: str | None = None
    line: int | None = None
    tier: Tier | None = None          # what a blocker of this rule means: prohibited | unlawful_until_fixed
    feared_events: tuple[str, ...] = ()   # CNIL PIA feared events its finding bears on (FEARED_EVENTS)
    risk_factors: tuple[str, ...] = ()    # narrow risk factors its remediation removes (RISK_FACTORS)
    if_failed: IfFailed | None = None     # a question rule: the severity (and tier) of an answer "failed"

    @property
    def help_uri(self) -> str | None:
        for ref in self.references:
            if ref.url:
                return ref.url
        return None


@dataclass
class PackHeader:
    """The contents of a pack.yaml."""

    id: str
    title: Text
    jurisdiction: str
    version: str
    checked: str
    schema_version: int
    description: Text | None = None
    applies_when: Expression | None = None
    activities_when: Expression | None = None   # the activities its per-activity rules apply to (CEL on `activity`)
    replaced: dict[str, str] = field(default_factory=dict)


class _Checker:
    """Collects the problems of one YAML document."""

    def __init__(self, doc: Any, rule_id: str = "") -> None:
        self.doc, self.rule_id, self.problems = doc, rule_id, []  # type: ignore[var-annotated]

    def add(self, path: KeyPath, message: str, *, key: bool = False, **kw: str) -> None:
        line, col = self.doc.locate(path, key=key)
        where = format_path(path)
        label = f"rule {self.rule_id}" if self.rule_id else ""
        if label and where:
            label += f", {where}"
        elif where:
            label = where
        self.problems.append(Problem(self.doc.file, message, line, col, label, **kw))

    # --- typed getters: return None (and record a problem) when the value has the wrong shape ---

    def text(self, data: dict[str, Any], name: str, *, required: bool = True) -> str | None:
        if name not in data:
            if required:
                self.add((), f"required field {name!r} is missing")
            return None
        value = data[name]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, dt.date):
            value = value.isoformat()
        if not isinstance(value, str) or not value.strip():
            self.add((name,), "must be a non-empty string", found=describe_value(value))
            return None
        return value

    def date(self, data: dict[str, Any], name: str, path: KeyPath, *, required: bool) -> str | None:
        if name not in data:
            if required:
                self.add(path, f"required field {name!r} is missing")
            return None
        value = data[name]
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str) and ISO_DATE.match(value):
            try:
                dt.date.fromisoformat(value)
                return value
            except ValueError:
                pass
        self.add(path + (name,), "must be an ISO date", expected="YYYY-MM-DD", found=describe_value(value))
        return None

    def bilingual(self, data: dict[str, Any], name: str, *, required: bool = True) -> Text | None:
        if name not in data:
            if required:
                self.add((), f"required field {name!r} is missing", expected="{en: ..., fr: ...}")
            return None
        value = data[name]
        if not isinstance(value, dict):
            self.add((name,), "must give the text in both languages", expected="{en: ..., fr: ...}",
                     found=describe_value(value))
            return None
        ok = True
        for lang in LANGS:
            if lang not in value:
                self.add((name,), f"the {'English' if lang == 'en' else 'French'} text ({lang}) is missing")
                ok = False
            elif not isinstance(value[lang], str) or not value[lang].strip():
                self.add((name, lang), "must be a non-empty string", found=describe_value(value[lang]))
                ok = False
            elif len(value[lang]) > TEXT_LIMITS.get(name, TEXT_LIMIT):
                self.add((name, lang), f"is too long for a report ({len(value[lang]):,} characters)",
                         expected=f"at most {TEXT_LIMITS.get(name, TEXT_LIMIT):,} characters")
                ok = False
        for extra in value:
            if extra not in LANGS:
                self.add((name, extra), f"unknown language {extra!r}", key=True, expected="en and fr")
                ok = False
        return Text(en=value["en"], fr=value["fr"]) if ok else None

    def choice(self, data: dict[str, Any], name: str, options: tuple[str, ...], *, default: str | None = None,
               path: KeyPath = ()) -> str | None:
        if name not in data:
            if default is None:
                self.add(path, f"required field {name!r} is missing", expected="one of " + ", ".join(options))
            return default
        value = data[name]
        if value not in options:
            close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.add(path + (name,), f"invalid {name}{hint}", expected="one of " + ", ".join(options),
                     found=describe_value(value))
            return None
        return value

    def fields(self, data: dict[str, Any], allowed: dict[str, bool] | tuple[str, ...], path: KeyPath = (),
               what: str = "field") -> None:
        for name in data:
            if name not in allowed:
                close = difflib.get_close_matches(str(name), list(allowed), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.add(path + (name,), f"unknown {what} {name!r}{hint}", key=True,
                         expected="" if close else "one of " + ", ".join(allowed))

    def expression(self, value: Any, path: KeyPath, scope: keys.Node, for_each: str) -> Expression | None:
        if not isinstance(value, str) or not value.strip():
            self.add(path, "must be a CEL expression (a string)", found=describe_value(value))
            return None
        try:
            expr = compile_expr(value)
        except CelSyntaxError as exc:
            where = f" (line {exc.line} column {exc.column} of the expression)" if exc.line else ""
            self.add(path, exc.message.replace("CEL syntax error", f"CEL syntax error{where}", 1))
            return None
        for ref in expr.paths:
            reason = keys.check_path(ref.path, scope, for_each=for_each)
            if reason:
                self.add(path, reason)
        return expr




def template_paths(text: str) -> list[str]:
    """The `{{ path }}` placeholders of a message template."""
    return TEMPLATE.findall(text)


def _check_dotted(c: _Checker, text: str, path: KeyPath, scope: keys.Node, for_each: str, what: str) -> None:
    if not DOTTED.match(text):
        c.add(path, f"{what} {text!r} is not a fact path", expected="a dotted path like camera.retention_days")
        return
    reason = keys.check_path(tuple(text.split(".")), scope, for_each=for_each)
    if reason:
        c.add(path, f"{what}: {reason}")


def validate_rule(doc: Any, pack: str) -> tuple[Rule | None, list[Problem]]:
    """Validate one parsed rule file. Returns the rule (None if any problem) and the problems."""
    data = doc.data
    rid = data.get("id") if isinstance(data, dict) else None
    c = _Checker(doc, rid if isinstance(rid, str) else "")
    if not isinstance(data, dict):
        c.add((), "a rule file must be a mapping of fields (id, severity, trigger, ...)", found=describe_value(data))
        return None, c.problems
    c.fields(data, RULE_FIELDS)
    for name in ("trigger", "references", "examples"):
        if name not in data:
            c.add((), f"required field {name!r} is missing")
    rule_id = c.text(data, "id")
    if rule_id and not RULE_ID.match(rule_id):
        c.add(("id",), "invalid rule id", expected="uppercase words joined by hyphens, e.g. GDPR-ART5-1E-RETENTION-72H",
              found=describe_value(rule_id))
    status = c.choice(data, "status", STATUSES, default="stable")
    since = c.text(data, "since", required=False) or ""
    sev_name = c.choice(data, "severity", tuple(s.value for s in Severity))
    tier_name = c.choice(data, "tier", BLOCKER_TIERS) if "tier" in data else None
    for_each = c.choice(data, "for_each", FOR_EACH) or "deployment"
    scope = keys.rule_scope(for_each)
    applies_when = None
    if "applies_when" in data:
        applies_when = c.expression(data["applies_when"], ("applies_when",), scope, for_each)
    trigger = c.expression(data["trigger"], ("trigger",), scope, for_each) if "trigger" in data else None
    question = data.get("question", False)
    if not isinstance(question, bool):
        c.add(("question",), "must be true or false", found=describe_value(question))
        question = False
    escalate: list[Escalation] = []
    if "escalate" in data:
        if not isinstance(data["escalate"], list) or not data["escalate"]:
            c.add(("escalate",), "must be a non-empty list of {when, severity}", found=describe_value(data["escalate"]))
        else:
            for i, case in enumerate(data["escalate"]):
                p: KeyPath = ("escalate", i)
                if not isinstance(case, dict):
                    c.add(p, "must be a mapping {when, severity}", found=describe_value(case))
                    continue
                c.fields(case, ("when", "severity", "tier"), p)
                if "when" not in case:
                    c.add(p, "required field 'when' is missing")
                when = c.expression(case["when"], p + ("when",), scope, for_each) if "when" in case else None
                sev = c.choice(case, "severity", tuple(s.value for s in Severity), path=p)
                case_tier = c.choice(case, "tier", BLOCKER_TIERS, path=p) if "tier" in case else None
                if sev == Severity.BLOCKER.value and not case_tier and "tier" not in data:
                    c.add(p + ("severity",), "a blocker case must say what it means for the deployment",
                          expected="tier: prohibited | unlawful_until_fixed on this case or on the rule")
                if when and sev:
                    escalate.append(Escalation(when, Severity(sev), Tier(case_tier) if case_tier else None))
    if sev_name == Severity.BLOCKER.value and "tier" not in data:
        c.add(("severity",), "a blocker rule must say what its blocker means for the deployment",
              expected="tier: prohibited (cannot be made lawful as designed) or unlawful_until_fixed")
    blocker_cases = [case for case in escalate if case.severity is Severity.BLOCKER]
    if "tier" in data and sev_name and sev_name != Severity.BLOCKER.value and not blocker_cases:
        c.add(("tier",), "only a rule that can give a blocker has a tier", expected="no tier",
              found=describe_value(data["tier"]))
    title = c.bilingual(data, "title")
    message = c.bilingual(data, "message")
    rationale = c.bilingual(data, "rationale")
    remediation = c.bilingual(data, "remediation")
    if message:
        for lang in LANGS:
            for placeholder in template_paths(message.get(lang)):
                _check_dotted(c, placeholder, ("message", lang), scope, for_each, "placeholder {{ " + placeholder + " }}")
    evidence: list[str] = []
    if "evidence" in data:
        if not isinstance(data["evidence"], list):
            c.add(("evidence",), "must be a list of fact paths", found=describe_value(data["evidence"]))
        else:
            for i, item in enumerate(data["evidence"]):
                if not isinstance(item, str):
                    c.add(("evidence", i), "must be a fact path (a string)", found=describe_value(item))
                    continue
                _check_dotted(c, item, ("evidence", i), scope, for_each, "evidence path")
                evidence.append(item)
    if_failed = _if_failed(c, data, question)
    references = _references(c, data)
    feared = _closed_list(c, data, "feared_events", FEARED_EVENTS, "feared event")
    factors = _closed_list(c, data, "risk_factors", RISK_FACTORS, "risk factor")
    examples = _examples(c, data, for_each, sev_name)
    replaced_by = None
    if "replaced_by" in data:
        replaced_by = c.text(data, "replaced_by")
        if status != "deprecated":
            c.add(("replaced_by",), "only a deprecated rule has replaced_by", expected="status: deprecated")
    elif status == "deprecated":
        c.add(("status",), "a deprecated rule must name its replacement", expected="replaced_by: NEW-ID")
    if c.problems or not (rule_id and sev_name and trigger and title and message and rationale and remediation):
        return None, c.problems
    return Rule(id=rule_id, pack=pack, file=doc.file, severity=Severity(sev_name), for_each=for_each,
                trigger=trigger, title=title, message=message, rationale=rationale, remediation=remediation,
                references=references, examples=examples, status=status or "stable", since=since,
                applies_when=applies_when, escalate=escalate, question=question, evidence=evidence,
                replaced_by=replaced_by, line=doc.locate(())[0],
                tier=Tier(tier_name) if tier_name else None, feared_events=feared, risk_factors=factors,
                if_failed=if_failed), c.problems


def _if_failed(c: _Checker, data: dict[str, Any], question: bool) -> IfFailed | None:
    """What an assessor's answer "failed" to a question rule means: {severity, tier} (tier for a blocker).

    A question rule asks (its finding is info until answered), so it must say what failing means: with
    `if_failed`, or with its own severity above info (and its tier for a blocker), never both.
    """
    own = data.get("severity") not in (None, Severity.INFO.value)
    if "if_failed" not in data:
        if question and not own:
            c.add(("question",), "a question rule must say what an answer 'failed' means",
                  expected="if_failed: {severity: major} (a blocker also names its tier), "
                           "or the rule's own severity above info")
        return None
    value = data["if_failed"]
    if not question:
        c.add(("if_failed",), "only a question rule (question: true) has if_failed",
              expected="no if_failed; an answer 'failed' takes the rule's own severity and tier")
        return None
    if own:
        c.add(("if_failed",), "say once what an answer 'failed' means: the rule's severity is already above info",
              expected="severity: info with if_failed, or no if_failed")
        return None
    if not isinstance(value, dict):
        c.add(("if_failed",), "must be a mapping {severity, tier}", found=describe_value(value))
        return None
    c.fields(value, ("severity", "tier"), ("if_failed",))
    sev = c.choice(value, "severity", tuple(s.value for s in Severity), path=("if_failed",))
    tier = c.choice(value, "tier", BLOCKER_TIERS, path=("if_failed",)) if "tier" in value else None
    if sev == Severity.BLOCKER.value and not tier:
        c.add(("if_failed", "severity"), "a blocker must say what it means for the deployment",
              expected="tier: prohibited | unlawful_until_fixed")
    elif sev and sev != Severity.BLOCKER.value and "tier" in value:
        c.add(("if_failed", "tier"), "only a blocker has a tier", expected="no tier")
    if not sev or (sev == Severity.BLOCKER.value and not tier):
        return None
    return IfFailed(Severity(sev), Tier(tier) if tier else None)


def _closed_list(c: _Checker, data: dict[str, Any], key: str, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    """A list of names from a closed vocabulary (feared_events, risk_factors), each named once."""
    if key not in data:
        return ()
    value = data[key]
    if not isinstance(value, list):
        c.add((key,), f"must be a list of {what}s", expected="[" + ", ".join(allowed) + "]",
              found=describe_value(value))
        return ()
    out: list[str] = []
    for i, name in enumerate(value):
        if name not in allowed:
            close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            c.add((key, i), f"unknown {what}{hint}", expected="one of " + ", ".join(allowed),
                  found=describe_value(name))
        elif name in out:
            c.add((key, i), f"{name!r} is listed twice")
        else:
            out.append(name)
    return tuple(out)


def _references(c: _Checker, data: dict[str, Any]) -> list[Reference]:
    refs: list[Reference] = []
    if "references" not in data:
        return refs
    value = data["references"]
    if not isinstance(value, list) or not value:
        c.add(("references",), "must be a non-empty list of references", found=describe_value(value))
        return refs
    for i, ref in enumerate(value):
        p: KeyPath = ("references", i)
        if not isinstance(ref, dict):
            c.add(p, "must be a mapping {instrument, article, ...}", found=describe_value(ref))
            continue
        c.fields(ref, REFERENCE_FIELDS, p)
        values: dict[str, str] = {}
        for name in REFERENCE_FIELDS:
            if name not in ref:
                continue
            v = ref[name]
            if name in ("applies_from", "checked"):
                d = c.date(ref, name, p, required=False)
                if d:
                    values[name] = d
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                v = str(v)
            if not isinstance(v, str) or not v.strip():
                c.add(p + (name,), "must be a non-empty string", found=describe_value(v))
                continue
            values[name] = v
        if "instrument" not in ref:
            c.add(p, "required field 'instrument' is missing", expected="one of " + ", ".join(INSTRUMENTS))
            continue
        if values.get("instrument") and values["instrument"] not in INSTRUMENTS:
            close = difflib.get_close_matches(values["instrument"], INSTRUMENTS, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            c.add(p + ("instrument",), f"unknown instrument short name{hint}",
                  expected="one of " + ", ".join(INSTRUMENTS), found=describe_value(values["instrument"]))
            continue
        if values.get("verified") and values["verified"] not in VERIFIED:
            c.add(p + ("verified",), "invalid provenance", expected="one of " + ", ".join(VERIFIED),
                  found=describe_value(values["verified"]))
            continue
        if values.get("url") and not re.match(r"^https?://", values["url"]):
            c.add(p + ("url",), "must be an http(s) URL", found=describe_value(values["url"]))
            continue
        if "instrument" in values:
            info = instruments.INSTRUMENT_INFO[values["instrument"]]
            refs.append(Reference(**values, name=info.name, name_en=info.name_en))
    return refs


def _examples(c: _Checker, data: dict[str, Any], for_each: str, severity: str | None) -> list[Example]:
    out: list[Example] = []
    if "examples" not in data:
        return out
    value = data["examples"]
    if not isinstance(value, list) or not value:
        c.add(("examples",), "must be a non-empty list of test cases", found=describe_value(value))
        return out
    scope = keys.rule_scope(for_each)
    names: set[str] = set()
    for i, ex in enumerate(value):
        p: KeyPath = ("examples", i)
        if not isinstance(ex, dict):
            c.add(p, "an example must be a mapping {name, expect, <facts>...}", found=describe_value(ex))
            continue
        name = ex.get("name")
        if not isinstance(name, str) or not name.strip():
            c.add(p, "an example needs a name (a non-empty string)")
            continue
        if name in names:
            c.add(p + ("name",), f"two examples are named {name!r}")
        names.add(name)
        expect = c.choice(ex, "expect", OUTCOMES, path=p)
        sev = None
        if "severity" in ex:
            s = c.choice(ex, "severity", tuple(s.value for s in Severity), path=p)
            sev = Severity(s) if s else None
            if expect and expect != "fail":
                c.add(p + ("severity",), "an expected severity only makes sense with expect: fail")
        ex_tier = None
        if "tier" in ex:
            t = c.choice(ex, "tier", BLOCKER_TIERS, path=p)
            ex_tier = Tier(t) if t else None
            if expect and expect != "fail":
                c.add(p + ("tier",), "an expected tier only makes sense with expect: fail")
            elif sev is not None and sev is not Severity.BLOCKER:
                c.add(p + ("tier",), "only a blocker has a tier", expected="severity: blocker",
                      found=describe_value(sev.value))
        texts = {key: _example_texts(c, ex, key, p, expect) for key in ("says", "not_says")}
        facts = {k: v for k, v in ex.items() if k not in EXAMPLE_META}
        for key, val in facts.items():
            if key in ("camera", "activity"):
                if key != for_each:
                    c.add(p + (key,), f"{key!r} is the item of rules with for_each: {key}; this rule has "
                                      f"for_each: {for_each}", key=True)
                    continue
                if not isinstance(val, dict):
                    c.add(p + (key,), f"{key!r} must be a mapping of facts", found=describe_value(val))
                    continue
        for bad_path, reason in keys.check_partial(facts, scope):
            c.add(p + tuple(int(x) if x.isdigit() else x for x in bad_path), reason, key=True)
        if expect:
            out.append(Example(name=name, expect=expect, severity=sev, facts=facts,
                               line=c.doc.locate(p)[0], tier=ex_tier, says=texts["says"],
                               not_says=texts["not_says"]))
    return out


def _example_texts(c: _Checker, ex: dict[str, Any], key: str, p: KeyPath, expect: str | None) -> dict[str, list[str]]:
    """`says` / `not_says` of an example: a text or list of texts (English message), or {en: ..., fr: ...}."""
    if key not in ex:
        return {}
    value = ex[key]
    if expect and expect != "fail":
        c.add(p + (key,), f"{key} checks the message of a finding: it only makes sense with expect: fail")
        return {}
    by_lang = value if isinstance(value, dict) else {"en": value}
    out: dict[str, list[str]] = {}
    for lang, texts in by_lang.items():
        items = [texts] if isinstance(texts, str) else texts
        if lang not in LANGS or not isinstance(items, list) or not items \
                or not all(isinstance(t, str) and t.strip() for t in items):
            c.add(p + (key,), f"{key} must be a text, a list of texts, or {{en: ..., fr: ...}}",
                  found=describe_value(value))
            return {}
        out[lang] = items
    return out


def validate_pack_header(doc: Any) -> tuple[PackHeader | None, list[Problem]]:
    """Validate a parsed pack.yaml."""
    data = doc.data
    c = _Checker(doc)
    if not isinstance(data, dict):
        c.add((), "pack.yaml must be a mapping (id, title, jurisdiction, version, checked, schema_version)",
              found=describe_value(data))
        return None, c.problems
    c.fields(data, PACK_FIELDS)
    pid = c.text(data, "id")
    if pid and not PACK_ID.match(pid):
        c.add(("id",), "invalid pack id", expected="lowercase letters, digits and _ (e.g. gdpr)", found=describe_value(pid))
    title = c.bilingual(data, "title")
    description = c.bilingual(data, "description", required=False)
    jurisdiction = c.text(data, "jurisdiction")
    version = c.text(data, "version")
    checked = c.date(data, "checked", (), required=True)
    schema_version = data.get("schema_version")
    if "schema_version" not in data:
        c.add((), "required field 'schema_version' is missing", expected=str(SCHEMA_VERSION))
    elif schema_version != SCHEMA_VERSION:
        c.add(("schema_version",), "unsupported schema_version", expected=str(SCHEMA_VERSION),
              found=describe_value(schema_version))
    applies_when = None
    if "applies_when" in data:
        applies_when = c.expression(data["applies_when"], ("applies_when",), keys.rule_scope("deployment"),
                                    "deployment")
    activities_when = None
    if "activities_when" in data:
        activities_when = c.expression(data["activities_when"], ("activities_when",), keys.rule_scope("activity"),
                                       "activity")
    replaced: dict[str, str] = {}
    if "replaced" in data:
        value = data["replaced"]
        if not isinstance(value, dict):
            c.add(("replaced",), "must be a mapping {OLD-ID: NEW-ID}", found=describe_value(value))
        else:
            for old, new in value.items():
                if not isinstance(new, str) or not RULE_ID.match(new):
                    c.add(("replaced", old), "must name the rule id that replaces it", found=describe_value(new))
                else:
                    replaced[str(old)] = new
    if c.problems or not (pid and title and jurisdiction and version and checked):
        return None, c.problems
    return PackHeader(id=pid, title=title, jurisdiction=jurisdiction, version=version, checked=checked,
                      schema_version=SCHEMA_VERSION, description=description, applies_when=applies_when,
                      activities_when=activities_when, replaced=replaced), c.problems
