"""The rule engine: Facts + packs -> Findings, and each rule's own examples -> outcomes.

For each rule and each subject (`for_each`: the deployment, every camera, every activity): `applies_when`
false -> nothing; trigger true -> a finding (severity from `escalate`); a fact the rule needs is missing ->
an `info` finding phrased as a question for the assessor, never a silent pass. A rule whose evaluation fails
(a type mismatch, its budget exceeded) is an error of its pack, never a finding: RuleEvaluationError names the
rule file, the rule and the subject, and stops the run like any other bad input.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from auditor.core.answers import FAILED, Answer
from auditor.core.instruments import AI_ACT_INSTRUMENTS, fits
from auditor.core.model import Check, Finding, Reference, Severity, Text, Tier
from auditor.core.model import Outcome as CheckOutcome
from auditor.core.i18n import format_number, question_mark, t
from auditor.core.vocab import term, vocab_for_path
from auditor.core.errors import InputError, Problem
from auditor.rules.cel import CelRuntimeError, Expression, Unknown, plain_numbers
from auditor.rules.schema import TEMPLATE, Example, Rule

MAX_RULE_ERRORS = 20                 # evaluation errors reported before the run stops
EXAMPLE_DATE = "2026-11-23"          # audit.date in a rule example that does not set `audit`

PASS, FAIL, UNKNOWN, NOT_APPLICABLE, ERROR = "pass", "fail", "unknown", "not_applicable", "error"


@dataclass
class Outcome:
    """The result of one rule on one subject."""

    kind: str                                   # pass | fail | unknown | not_applicable | error
    severity: Severity | None = None
    fact: str = ""                              # the missing fact, for `unknown`
    error: str = ""                             # for `error`: the rule itself is broken
    tier: Tier | None = None                    # for `fail`: the tier of the escalation case that applied


class RuleEvaluationError(InputError):
    """Rules that could not be evaluated on these facts: a defect of their pack (exit 2 in the CLI)."""


class Subject:
    """What a rule runs on: the Facts root (numbers as floats), the item (`camera` / `activity`), its label."""

    def __init__(self, label: str, root: dict[str, Any], local: dict[str, Any]) -> None:
        self.label, self.root, self.local = label, root, local
        self.plain = {**root, **local} if local else root


def _eval(expr: Expression, subject: Subject) -> Any:
    return expr.evaluate_plain(subject.root, subject.local)


def decide(rule: Rule, subject: Subject) -> Outcome:
    """Run one rule on one subject."""
    try:
        if rule.applies_when is not None:
            guard = _eval(rule.applies_when, subject)
            if isinstance(guard, Unknown):
                return Outcome(UNKNOWN, Severity.INFO, fact=guard.fact)
            if not isinstance(guard, bool):
                return Outcome(ERROR, error=f"applies_when gave {guard!r}, not true or false")
            if not guard:
                return Outcome(NOT_APPLICABLE)
        value = _eval(rule.trigger, subject)
        if isinstance(value, Unknown):
            return Outcome(UNKNOWN, Severity.INFO, fact=value.fact)
        if not isinstance(value, bool):
            return Outcome(ERROR, error=f"the trigger gave {value!r}, not true or false")
        if not value:
            return Outcome(PASS)
        if rule.question:
            return Outcome(FAIL, Severity.INFO)
        severity, tier = rule.severity, rule.tier
        for case in rule.escalate:
            when = _eval(case.when, subject)
            if when is True:
                severity, tier = case.severity, case.tier or rule.tier
                break
        return Outcome(FAIL, severity, tier=tier)
    except CelRuntimeError as exc:
        return Outcome(ERROR, error=str(exc))


# --- message templates ----------------------------------------------------------------------------------

def lookup(data: Any, path: str) -> tuple[bool, Any]:
    """(found, value) of a dotted path in plain data."""
    cur = data
    for part in path.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            return False, None
    return True, cur


def format_value(value: Any, lang: str = "en") -> str:
    """A fact value as text: whole doubles without a decimal part, lists joined with commas."""
    if isinstance(value, bool):
        return t(lang, "yes") if value else t(lang, "no")
    if isinstance(value, float):
        if value.is_integer():                      # 3,200 in English, 3 200 (narrow no-break space) in French
            return format_number(int(value), lang)
        text = f"{value:.4g}"
        return text if "e" in text else format_number(float(text), lang, decimals=len(text.partition(".")[2]))
    if isinstance(value, list):
        return ", ".join(format_value(v, lang) for v in value) or t(lang, "(none)")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {format_value(v, lang)}" for k, v in value.items())
    return str(value)


def render(template: str, plain: dict[str, Any], lang: str = "en") -> str:
    """Fill `{{ path }}` placeholders from the facts; nothing is evaluated.

    In French, values of the model's closed vocabularies are printed in words (`sales_floor` -> « surface de
    vente »); in English they stay as written in the config, which is what users search for.
    """
    def fill(match: re.Match[str]) -> str:
        path = match.group(1).strip()
        found, value = lookup(plain, path)
        if not found:
            return t(lang, "(not declared)")
        if lang == "fr":
            vocabulary = vocab_for_path(path)
            if vocabulary is not None:
                value = [term(vocabulary, v, lang) or v for v in value] if isinstance(value, list) \
                    else (term(vocabulary, value, lang) or value)
        return format_value(value, lang)
    return TEMPLATE.sub(fill, template)


def question_text(rule: Rule, fact: str) -> Text:
    """The message of a finding the engine could not decide, phrased as a question for the assessor."""
    def asked(lang: str) -> str:
        return t(lang, "Could not decide: {fact} is not declared. {question}", fact=fact,
                 question=rule.title.get(lang).rstrip(".? \u202f") + question_mark(lang))
    return Text(en=asked("en"), fr=asked("fr"))


# --- subjects --------------------------------------------------------------------------------------------

class Context:
    """The Facts document prepared once for every rule: numbers as floats."""

    def __init__(self, facts: dict[str, Any]) -> None:
        self.facts = facts
        self.root = plain_numbers(facts)

    def deployment(self) -> Subject:
        return Subject("deployment", self.root, {})

    def subjects(self, for_each: str) -> Iterable[Subject]:
        if for_each == "deployment":
            yield self.deployment()
            return
        for item in self.root.get("cameras" if for_each == "camera" else "activities", []) or []:
            yield Subject(f"{for_each}:{format_value(item.get('id', '?'))}", self.root, {for_each: item})


def _evidence(rule: Rule, subject: Subject, outcome: Outcome) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path in rule.evidence:
        found, value = lookup(subject.plain, path)
        if found:
            out[path] = value
    if outcome.kind == UNKNOWN and outcome.fact:
        out.setdefault(outcome.fact, None)
    return out


def fitting_references(rule: Rule, subject: Subject) -> list[Reference]:
    """The rule's references that may be cited for this store and subject: national instruments of another
    country are dropped (an EU rule may cite the CNIL for a store in France, never for a store in Spain), and so
    is the AI Act where no AI technique is used (see `_uses_ai`)."""
    store = subject.root.get("store")
    country = store.get("country") if isinstance(store, dict) else None
    ai = _uses_ai(subject)
    return [r for r in rule.references
            if fits(r.instrument, country) and (ai is not False or r.instrument not in AI_ACT_INSTRUMENTS)]


def _uses_ai(subject: Subject) -> bool | None:
    """Whether the subject involves an AI technique: the activity's own `derived.is_ai`, else whether any activity
    of the deployment is an AI system (`derived.ai_activities`); None when the derived facts do not say."""
    activity = subject.local.get("activity") if subject.local else None
    if isinstance(activity, dict):
        derived = activity.get("derived")
        if isinstance(derived, dict) and isinstance(derived.get("is_ai"), bool):
            return derived["is_ai"]
    derived = subject.root.get("derived")
    if isinstance(derived, dict) and isinstance(derived.get("ai_activities"), list):
        return bool(derived["ai_activities"])
    return None


def finding_for(rule: Rule, subject: Subject, outcome: Outcome) -> Finding | None:
    """The finding of an outcome (fail, unknown or error), or None for pass / not applicable."""
    if outcome.kind in (PASS, NOT_APPLICABLE):
        return None
    if outcome.kind == FAIL:
        message = Text(en=render(rule.message.en, subject.plain, "en"), fr=render(rule.message.fr, subject.plain, "fr"))
        severity, question = outcome.severity or rule.severity, rule.question
    elif outcome.kind == UNKNOWN:
        message, severity, question = question_text(rule, outcome.fact), Severity.INFO, True
    else:
        raise ValueError(f"an evaluation error is not a finding: {outcome.error}")
    return Finding(id=f"{rule.id}@{subject.label}", rule_id=rule.id, pack=rule.pack, severity=severity,
                   subject=subject.label, title=rule.title, message=message, rationale=rule.rationale,
                   remediation=rule.remediation, references=fitting_references(rule, subject),
                   evidence=_evidence(rule, subject, outcome), question=question,
                   tier=outcome.tier if outcome.kind == FAIL and not question else None,
                   feared_events=list(rule.feared_events), risk_factors=list(rule.risk_factors))


def rule_problem(rule: Rule, subject: str, error: str) -> Problem:
    """The pack problem of a rule that failed to evaluate on a subject."""
    return Problem(rule.file, f"rule {rule.id} could not be evaluated on {subject}: {error}", rule.line, None,
                   f"rule {rule.id}")


def pack_applies(pack: Any, ctx: Context) -> bool:
    """A pack's own guard (e.g. the CNIL pack only for France); unknown counts as applicable.

    Raises RuleEvaluationError if the guard itself fails to evaluate.
    """
    if pack.applies_when is None:
        return True
    try:
        value = _eval(pack.applies_when, ctx.deployment())
    except CelRuntimeError as exc:
        raise RuleEvaluationError([Problem(str(pack.folder / "pack.yaml"), f"the applies_when of pack {pack.id} "
                                           f"could not be evaluated: {exc}", None, None, "applies_when")]) from None
    return value is not False


def pack_applies_to(pack: Any, subject: Subject) -> bool:
    """A pack's guard on activities (`activities_when`, e.g. the AI Act pack only for AI techniques); unknown
    counts as applicable. An activity outside it gets `not_applicable` from every per-activity rule of the pack.

    Raises RuleEvaluationError if the guard itself fails to evaluate.
    """
    guard = getattr(pack, "activities_when", None)
    if guard is None:
        return True
    try:
        value = _eval(guard, subject)
    except CelRuntimeError as exc:
        raise RuleEvaluationError([Problem(str(pack.folder / "pack.yaml"), f"the activities_when of pack {pack.id} "
                                           f"could not be evaluated on {subject.label}: {exc}", None, None,
                                           "activities_when")]) from None
    return value is not False


def answered_text(rule: Rule, answer: Answer, asked: Text) -> Text:
    """The message of a finding the assessor decided: the answer first, then the question it settles."""
    return Text(en=f"{answer.describe('en')[0].upper()}{answer.describe('en')[1:]}. Question: {asked.en}",
                fr=f"{answer.describe('fr')[0].upper()}{answer.describe('fr')[1:]}. Question : {asked.fr}")


def _is_question(rule: Rule, outcome: Outcome) -> bool:
    return outcome.kind == UNKNOWN or (outcome.kind == FAIL and rule.question)


def check_of(rule: Rule, subject: Subject, outcome: Outcome,
             answer: Answer | None = None) -> tuple[Check, Finding | None]:
    """The check (outcome) and the finding, if any, of one rule on one subject; an answer decides a question.

    The caller passes an answer only for a question (see _is_question): `failed` gives a finding with the
    severity and tier a question rule declares in `if_failed` (any other rule: its own severity and tier),
    `passed` a passed check; both record the answer. For a value answer the caller passes the outcome of the rule
    evaluated with the value (see with_value): the rule decides, the check and its finding record the answer; a
    rule that still asks (another fact missing, a question rule) stays a question.
    """
    finding = finding_for(rule, subject, outcome)
    if answer is not None and answer.is_value:
        if finding is not None:
            finding.message = answered_text(rule, answer, finding.message)
            finding.answer = answer
        kind = (CheckOutcome.QUESTION if finding.question else CheckOutcome.FAILED) if finding is not None else \
            (CheckOutcome.PASSED if outcome.kind == PASS else CheckOutcome.NOT_APPLICABLE)
    elif answer is not None and finding is not None and _is_question(rule, outcome):
        if answer.decision == FAILED:
            finding.message = answered_text(rule, answer, finding.message)
            if rule.question and rule.if_failed is not None:     # what the question rule says failing means
                finding.severity, finding.tier = rule.if_failed.severity, rule.if_failed.tier
            else:
                finding.severity, finding.tier = rule.severity, rule.tier
            finding.question = False
            finding.answer = answer
            kind = CheckOutcome.FAILED
        else:
            finding, kind = None, CheckOutcome.PASSED
    elif finding is None:
        kind = CheckOutcome.PASSED if outcome.kind == PASS else CheckOutcome.NOT_APPLICABLE
        answer = None
    else:
        kind = CheckOutcome.QUESTION if finding.question else CheckOutcome.FAILED
        answer = None
    check = Check(rule_id=rule.id, pack=rule.pack, subject=subject.label, outcome=kind, title=rule.title,
                  references=fitting_references(rule, subject), answer=answer,
                  finding_id=finding.id if finding is not None else None,
                  missing_fact=outcome.fact if outcome.kind == UNKNOWN else "",
                  error=outcome.error if outcome.kind == ERROR else "")
    return check, finding


@dataclass
class Evaluation:
    """What the engine gives for one Facts document: findings, every check's outcome, and warnings."""

    findings: list[Finding] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def with_value(subject: Subject, fact: str, value: Any) -> Subject:
    """The subject with one missing fact given a value (a value answer); the facts themselves are not changed."""
    head, *rest = fact.split(".")
    local = copy.deepcopy(subject.local)
    root = subject.root if head in local else copy.deepcopy(subject.root)
    cur = local if head in local else root
    for part in [head, *rest[:-1]]:
        nxt = cur.get(part)
        if not isinstance(nxt, dict):
            nxt = cur[part] = {}
        cur = nxt
    cur[rest[-1]] = plain_numbers(list(value) if isinstance(value, tuple) else value)
    return Subject(subject.label, root, local)


def _value_answer(rule: Rule, subject: Subject, outcome: Outcome, answer: Answer,
                  warnings: list[str], problems: list[Problem]) -> tuple[Subject, Outcome, Answer | None]:
    """Apply a value answer: the rule evaluated with the value, or a warning / a problem saying why not."""
    where = f" ({answer.file}:{answer.line})" if answer.line else ""
    if outcome.kind != UNKNOWN:
        state = "it is a question for the assessor's judgement: answer it with a decision" if _is_question(
            rule, outcome) else "the facts already decide this check"
        warnings.append(f"value answer for {rule.id} on {subject.label}{where} not applied: {state}")
        return subject, outcome, None
    if outcome.fact != answer.fact:
        warnings.append(f"value answer for {rule.id} on {subject.label}{where} not applied: it gives {answer.fact}, "
                        f"the question is about {outcome.fact}")
        return subject, outcome, None
    given = with_value(subject, answer.fact, answer.value)
    decided = decide(rule, given)
    if decided.kind == ERROR:
        problems.append(answer.problem(f"the value {answer.value!r} of {answer.fact} does not fit rule {rule.id}: "
                                       f"{decided.error}", "value",
                                       expected="a value of the fact's type (yes/no, a number, a text or a list)"))
        return subject, outcome, None
    return given, decided, answer


def run_checks(facts: dict[str, Any], packs: Iterable[Any], answers: Iterable[Answer] = ()) -> Evaluation:
    """Run every rule of every applicable pack on each of its subjects; apply the assessor's answers.

    Raises RuleEvaluationError listing every rule and subject whose evaluation failed (a defect of its pack).

    An answer for a check the facts already decide (passed, failed or not applicable) is not applied: a
    warning says so. Answers for rules or subjects this audit does not evaluate are the caller's to refuse
    (auditor.core.answers.check_answers with answerable()).
    """
    ctx = Context(facts)
    by_key = {(a.rule_id, a.subject): a for a in answers}
    out = Evaluation()
    problems: list[Problem] = []
    answer_problems: list[Problem] = []
    for pack in packs:
        if not pack_applies(pack, ctx):
            continue
        for rule in pack.rules:
            if rule.status == "deprecated":
                continue
            for subject in ctx.subjects(rule.for_each):
                if rule.for_each == "activity" and not pack_applies_to(pack, subject):
                    outcome = Outcome(NOT_APPLICABLE)       # outside the pack's scope (e.g. no AI technique)
                else:
                    outcome = decide(rule, subject)
                if outcome.kind == ERROR:
                    problems.append(rule_problem(rule, subject.label, outcome.error))
                    if len(problems) >= MAX_RULE_ERRORS:        # a hostile pack must not hold the run for hours
                        raise RuleEvaluationError(problems + [Problem(rule.file, "more rules failed; stopped after "
                                                                                 f"{MAX_RULE_ERRORS} errors")])
                    continue
                answer = by_key.get((rule.id, subject.label))
                if answer is not None and answer.is_value:
                    subject, outcome, answer = _value_answer(rule, subject, outcome, answer, out.warnings,
                                                             answer_problems)
                elif answer is not None and not _is_question(rule, outcome):
                    decided = {PASS: "passed", FAIL: "failed", NOT_APPLICABLE: "not applicable"}[outcome.kind]
                    where = f" ({answer.file}:{answer.line})" if answer.line else ""
                    out.warnings.append(f"answer for {rule.id} on {subject.label}{where} not applied: the facts "
                                        f"already decide this check ({decided})")
                    answer = None
                check, finding = check_of(rule, subject, outcome, answer)
                out.checks.append(check)
                if finding is not None:
                    out.findings.append(finding)
    if problems:
        raise RuleEvaluationError(problems)
    if answer_problems:
        raise InputError(answer_problems)
    return out


def evaluate(facts: dict[str, Any], packs: Iterable[Any]) -> list[Finding]:
    """Run every rule of every pack over the Facts document; findings in pack, rule, subject order."""
    return run_checks(facts, packs).findings


def answerable(facts: dict[str, Any], packs: Iterable[Any]) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """What assessor answers may name in an audit of these facts: the evaluated rules (id -> the kind of subject
    they run on), the subjects, and why each other known rule is not evaluated."""
    ctx = Context(facts)
    rules: dict[str, str] = {}
    not_evaluated: dict[str, str] = {}
    for pack in packs:
        applies = pack_applies(pack, ctx)
        for rule in pack.rules:
            if rule.status == "deprecated":
                not_evaluated[rule.id] = f"the rule is deprecated (replaced by {rule.replaced_by})"
            elif not applies:
                not_evaluated[rule.id] = f"its pack {pack.id!r} does not apply to this deployment"
            else:
                rules[rule.id] = rule.for_each
    subjects = [s.label for kind in ("deployment", "camera", "activity") for s in ctx.subjects(kind)]
    return rules, subjects, not_evaluated


# --- examples --------------------------------------------------------------------------------------------

def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def example_facts(rule: Rule, example: Example) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The minimal Facts document of an example and the item the rule runs on (None for deployment rules).

    Root: {schema_version: 1, audit: {date: EXAMPLE_DATE}} with the example's other keys merged in.
    Nothing is derived: an example states the derived facts its rule reads.
    """
    root: dict[str, Any] = {"schema_version": 1, "audit": {"date": EXAMPLE_DATE}}
    item = None
    extra = {}
    for key, value in example.facts.items():
        if key == rule.for_each and key in ("camera", "activity"):
            item = copy.deepcopy(value) if isinstance(value, dict) else {}
        else:
            extra[key] = value
    _merge(root, extra)
    if rule.for_each in ("camera", "activity") and item is None:
        item = {}
    return root, item


@dataclass
class ExampleResult:
    rule: Rule
    example: Example
    outcome: Outcome
    messages: Text | None = None

    @property
    def ok(self) -> bool:
        if self.outcome.kind != self.example.expect:
            return False
        if self.example.expect == FAIL and self.example.severity is not None \
                and self.outcome.severity != self.example.severity:
            return False
        if self.text_problems():
            return False
        if self.outcome.kind == FAIL and self.outcome.severity is Severity.BLOCKER:
            # every blocker case states what it means: prohibited or unlawful until fixed
            return self.example.tier is not None and self.outcome.tier == self.example.tier
        return self.example.tier is None

    def text_problems(self) -> list[str]:
        """What the rendered message lacks (`says`) or wrongly contains (`not_says`)."""
        if self.messages is None:
            return []
        problems = []
        for lang, texts in self.example.says.items():
            problems += [f"the {lang} message does not say {t!r}" for t in texts if t not in self.messages.get(lang)]
        for lang, texts in self.example.not_says.items():
            problems += [f"the {lang} message says {t!r}" for t in texts if t in self.messages.get(lang)]
        return problems

    def describe(self) -> str:
        got = self.outcome.kind
        if self.outcome.kind == FAIL:
            got += f" ({self.outcome.severity.value if self.outcome.severity else '?'}"
            if self.outcome.severity is Severity.BLOCKER:
                got += f", tier {self.outcome.tier.value if self.outcome.tier else 'none'}"
            got += ")"
        if self.outcome.kind == UNKNOWN:
            got += f" (missing fact {self.outcome.fact})"
        if self.outcome.kind == ERROR:
            got += f": {self.outcome.error}"
        want = self.example.expect
        if self.example.severity or self.example.tier:
            want += " (" + ", ".join(x for x in (self.example.severity and self.example.severity.value,
                                                 self.example.tier and f"tier {self.example.tier.value}") if x)
            want += ")"
        if self.example.expect == FAIL and self.outcome.kind == FAIL and self.outcome.severity is Severity.BLOCKER \
                and not self.example.tier:
            want += "; a blocker example must state its expected tier"
        for problem in self.text_problems():
            want += f"; {problem}"
        return f"expected {want}, got {got}"


def run_example(rule: Rule, example: Example) -> ExampleResult:
    """Evaluate one example of a rule; messages are rendered too, so a broken template shows up here."""
    root, item = example_facts(rule, example)
    root = plain_numbers(root)
    local: dict[str, Any] = {}
    label = "deployment"
    if item is not None:
        local[rule.for_each] = plain_numbers(item)
        label = f"{rule.for_each}:{item.get('id', 'EXAMPLE')}"
    subject = Subject(label, root, local)
    outcome = decide(rule, subject)
    messages = None
    if outcome.kind == FAIL:
        messages = Text(en=render(rule.message.en, subject.plain, "en"),
                        fr=render(rule.message.fr, subject.plain, "fr"))
    return ExampleResult(rule, example, outcome, messages)


def is_note(rule: Rule) -> bool:
    """A rule whose trigger is the constant true: where it applies it always holds (its scope is applies_when)."""
    return rule.trigger.text.strip() == "true"


def lint_rule(rule: Rule) -> list[str]:
    """Pack-quality checks beyond validity: at least one pass and one fail example (a note whose trigger is the
    constant true, which always holds where the rule applies, shows a not_applicable example instead of a pass)."""
    problems = []
    expects = {e.expect for e in rule.examples}
    if is_note(rule):
        if NOT_APPLICABLE not in expects:
            problems.append("needs at least one example with expect: not_applicable (its trigger is always true)")
    elif PASS not in expects:
        problems.append("needs at least one example with expect: pass")
    if FAIL not in expects:
        problems.append("needs at least one example with expect: fail")
    return problems
