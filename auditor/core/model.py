"""The plain data that flows between analysis, rules and reports: severities, references, findings, results."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from auditor.core.answers import Answer
from auditor.core.i18n import N_, gettext


class Severity(str, Enum):
    """Finding severities, worst first (REFERENCE.md's severity legend)."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        """3 for blocker down to 0 for info, so that `a.rank >= b.rank` means 'at least as bad'."""
        return {"blocker": 3, "major": 2, "minor": 1, "info": 0}[self.value]


class Tier(str, Enum):
    """What a deployment's findings mean for it, read first by a DPO (worst first).

    prohibited: a practice that cannot be made lawful as designed; unlawful_until_fixed: the processing must not
    start or go on until the listed blockers are fixed; lawful_with_conditions: no blocker, conditions remain.
    A rule declares which tier its blocker means; severity says how bad a finding is, the tier what it means.
    """

    PROHIBITED = "prohibited"
    UNLAWFUL_UNTIL_FIXED = "unlawful_until_fixed"
    LAWFUL_WITH_CONDITIONS = "lawful_with_conditions"

    @property
    def rank(self) -> int:
        """2 for prohibited down to 0, so that `a.rank >= b.rank` means 'at least as bad'."""
        return {"prohibited": 2, "unlawful_until_fixed": 1, "lawful_with_conditions": 0}[self.value]

    def label(self, lang: str) -> str:
        """The verdict as every output words it (CLI, PDF, SARIF, JSON, GUI), in `lang`."""
        return gettext(lang, VERDICT_TEXT[self.value])

    def short_label(self, lang: str) -> str:
        """The verdict in two or three words, in `lang` (tables, the fleet roll-up)."""
        return gettext(lang, VERDICT_SHORT[self.value])

    @property
    def text(self) -> Text:
        """The verdict in English and French (the JSON result carries both)."""
        return Text(self.label("en"), self.label("fr"))


# The tiers a rule may declare for its blocker (lawful_with_conditions is what a non-blocker means).
BLOCKER_TIERS = (Tier.PROHIBITED.value, Tier.UNLAWFUL_UNTIL_FIXED.value)

LANGS = ("en", "fr")


@dataclass(frozen=True)
class Text:
    """A bilingual string; rule and report text always exists in both languages."""

    en: str
    fr: str

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


# The verdict in two or three words (tables, the fleet roll-up).
VERDICT_SHORT = {
    "prohibited": N_("Prohibited"),
    "unlawful_until_fixed": N_("Unlawful until fixed"),
    "lawful_with_conditions": N_("Lawful with conditions"),
}
# The verdict as every output words it (CLI, PDF, SARIF, JSON, GUI): English here, other languages in the catalogs.
VERDICT_TEXT = {
    "prohibited": N_("Prohibited: cannot be made lawful as designed"),
    "unlawful_until_fixed": N_("Unlawful until fixed: must not start or go on until the blockers below are fixed"),
    "lawful_with_conditions": N_("Lawful with conditions"),
}


@dataclass(frozen=True)
class Reference:
    """One precise legal or guidance reference, as REFERENCE.md's instruments table names them."""

    instrument: str                  # short fixed name: GDPR, AI Act, ePrivacy Directive, CSI, ...
    article: str | None = None
    paragraph: str | None = None
    point: str | None = None
    section: str | None = None       # for guidelines cited by section (EDPB 3/2019 §5.1)
    title: str | None = None
    url: str | None = None
    verified: str | None = None      # primary | secondary | memory (REFERENCE.md's legend)
    applies_from: str | None = None  # ISO date the provision applies from
    checked: str | None = None       # ISO date the rule was last checked against this source
    name: str | None = None          # the instrument's name in its own language (auditor/core/instruments.py)
    name_en: str | None = None       # ... and in English

    def label(self) -> str:
        """Human citation, e.g. 'GDPR Art 5(1)(e)' or 'EDPB Guidelines 3/2019 §8 para 121'."""
        text = self.instrument
        if self.article:
            text += f" Art {self.article}"
            if self.paragraph:
                text += f"({self.paragraph})"
            if self.point:
                text += f"({self.point})"
        else:
            if self.section:
                text += f" §{self.section}"
            if self.paragraph:
                text += f" para {self.paragraph}"
            if self.point:
                text += f" point {self.point}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class PrecedentNote:
    """A published enforcement decision that applied one of a finding's provisions (rules/precedents.yaml)."""

    id: str                           # the precedent's id in the table, e.g. "AEPD-PS-00120-2021"
    authority: str
    country: str
    year: int
    reference: str
    fine: str | None                  # "EUR 2,520,000"; None when no fine was imposed
    outcome: str                      # fine | reprimand | order | authorisation_granted | ...
    holding: Text                     # one line, in our own words
    url: str
    provisions: tuple[str, ...] = ()  # the matching provisions, as labels ("GDPR Art 9(1)")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "authority": self.authority, "country": self.country, "year": self.year,
                "reference": self.reference, "fine": self.fine, "outcome": self.outcome,
                "holding": {"en": self.holding.en, "fr": self.holding.fr}, "url": self.url,
                "provisions": list(self.provisions)}


@dataclass
class WaiverState:
    """How a waiver applied to one finding."""

    justification: str
    approver: str
    expires: str                      # ISO date
    active: bool                      # False when expired: the finding then counts as not waived
    note: str = ""                    # e.g. "expired on 2026-01-31: ignored"


@dataclass
class Finding:
    """One rule outcome about one subject. Carries all the text a report needs (reports never import rules)."""

    id: str                           # stable: "<rule id>@<subject>"
    rule_id: str
    pack: str
    severity: Severity
    subject: str                      # "deployment", "camera:CHK-2", "activity:emotion-checkout"
    title: Text
    message: Text
    rationale: Text
    remediation: Text
    references: list[Reference] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)   # fact path -> value that triggered it
    question: bool = False            # True: a point for the assessor to decide, not a verdict
    waiver: WaiverState | None = None
    tier: Tier | None = None          # what this finding, as a blocker, means for the deployment (the rule's tier)
    feared_events: list[str] = field(default_factory=list)   # CNIL PIA feared events it bears on (the rule's)
    risk_factors: list[str] = field(default_factory=list)    # narrow risk factors its remediation removes
    answer: Answer | None = None      # set when the assessor decided this finding (answered by the assessor)
    precedents: list[PrecedentNote] = field(default_factory=list)   # decisions that applied its provisions

    @property
    def is_waived(self) -> bool:
        return self.waiver is not None and self.waiver.active

    @property
    def verdict_tier(self) -> Tier:
        """The tier this finding pushes the deployment to: only a decided, non-waived blocker goes above
        lawful_with_conditions; a blocker whose rule declares no tier counts as unlawful until fixed."""
        if self.question or self.is_waived or self.severity is not Severity.BLOCKER:
            return Tier.LAWFUL_WITH_CONDITIONS
        return self.tier or Tier.UNLAWFUL_UNTIL_FIXED

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = self.severity.value
        d["references"] = [r.to_dict() for r in self.references]
        d["waived"] = self.is_waived
        d["tier"] = self.tier.value if self.tier else None
        d["answer"] = self.answer.to_dict() if self.answer else None
        d["precedents"] = [p.to_dict() for p in self.precedents]
        return d


class Outcome(str, Enum):
    """What one evaluated rule gave on one subject, after assessor answers."""

    FAILED = "failed"
    PASSED = "passed"
    NOT_APPLICABLE = "not_applicable"
    QUESTION = "question"


@dataclass
class Check:
    """One evaluated rule on one subject, whatever its outcome: what a DPIA shows was verified."""

    rule_id: str
    pack: str
    subject: str
    outcome: Outcome
    title: Text
    references: list[Reference] = field(default_factory=list)
    answer: Answer | None = None      # the assessor's answer that decided it, if any
    finding_id: str | None = None     # the finding this check produced (failed and question outcomes)
    missing_fact: str = ""            # question: the fact the rule needs that is not declared
    error: str = ""                   # question: why the rule could not be evaluated
    # A question with neither is a question rule that applies: the law calls for the assessor's judgement.

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule_id": self.rule_id, "pack": self.pack, "subject": self.subject,
                               "outcome": self.outcome.value, "title": {"en": self.title.en, "fr": self.title.fr},
                               "references": [r.to_dict() for r in self.references]}
        if self.finding_id:
            out["finding_id"] = self.finding_id
        if self.missing_fact:
            out["missing_fact"] = self.missing_fact
        if self.error:
            out["error"] = self.error
        if self.answer is not None:
            out["answer"] = self.answer.to_dict()
        return out


@dataclass(frozen=True)
class PackInfo:
    """Identity of a rule pack as used in an audit (shown in every output)."""

    id: str
    title: Text
    jurisdiction: str
    version: str
    checked: str                      # ISO date the content was last checked against its sources
    sha256: str = ""
    rule_count: int = 0
    source: str = ""                  # "builtin" or the folder a user pack came from


@dataclass(frozen=True)
class InputFile:
    """One input of an audit, hashed for the audit trail."""

    kind: str                         # config | footage | pack | waivers
    path: str
    sha256: str


@dataclass
class AuditResult:
    """Everything one audit produced: the single input of every report writer (PDF, JSON, SARIF) and the GUI."""

    facts: dict[str, Any]                               # the Facts document the rules saw
    findings: list[Finding]
    packs: list[PackInfo]
    inputs: list[InputFile]
    tool_version: str
    generated_at: str                                   # ISO 8601 UTC; honours SOURCE_DATE_EPOCH
    unused_waivers: list[dict[str, Any]] = field(default_factory=list)
    expired_waivers: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # e.g. a pack checked more than 12 months ago
    footage_errors: list[dict[str, Any]] = field(default_factory=list)   # {camera, path, message}
    evidence_reviewed: bool = False                     # True only after the GUI's review step
    checks: list[Check] = field(default_factory=list)   # every evaluated rule x subject and its outcome

    def applied_packs(self) -> list[PackInfo]:
        """The packs that applied to this store: those that evaluated at least one rule here (a national pack of
        another country, whose guard excludes the store, evaluates none). Every loaded pack stays in `packs`, for
        the audit trail."""
        used = {c.pack for c in self.checks} | {f.pack for f in self.findings}
        return [p for p in self.packs if p.id in used]

    def verdict(self) -> Tier:
        """The deployment's verdict: the worst tier of its findings (computed here only, for every output)."""
        return verdict_of(self.findings)

    def verdict_findings(self) -> list[Finding]:
        """The findings that make the verdict: those of the verdict's tier when it is prohibited or unlawful
        until fixed; the conditions (decided, non-waived findings above info) when it is lawful with conditions."""
        tier = self.verdict()
        if tier is Tier.LAWFUL_WITH_CONDITIONS:
            return [f for f in self.findings
                    if not f.question and not f.is_waived and f.severity is not Severity.INFO]
        return [f for f in self.findings if f.verdict_tier is tier]

    def blocking_findings(self) -> list[Finding]:
        """Every finding that stops the deployment (its verdict tier is above lawful with conditions), worst first."""
        return sorted((f for f in self.findings if f.verdict_tier is not Tier.LAWFUL_WITH_CONDITIONS),
                      key=lambda f: -f.verdict_tier.rank)

    def counts(self, *, waived: bool = False) -> dict[str, int]:
        """Findings per severity, not waived (default) or waived only."""
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            if f.is_waived == waived:
                out[f.severity.value] += 1
        return out


def verdict_of(findings: list[Finding]) -> Tier:
    """The worst verdict tier of these findings; lawful_with_conditions when none is a decided blocker."""
    return max((f.verdict_tier for f in findings), key=lambda t: t.rank, default=Tier.LAWFUL_WITH_CONDITIONS)
