"""Recall of the precedent cases: does the audit of a decision's facts cite the provisions the authority applied?

Used by tests/precedents/test_precedents.py and by `python -m tests.precedents.measure` (prints the figures that
docs/national-law.md reports). A violation counts as cited when a failed finding or an open question cites the
provision; an authorisation when any check (passed ones included) does. The verdict matches when a violation
gives a verdict worse than lawful_with_conditions and an authorisation gives lawful_with_conditions.

Some cases record the authority's legal conclusion on a question the audit asks (has the processing an Art 6(1)
basis?) as an assessor answer in the case file; the verdict is also computed without those answers (`facts
only`), so that the figures show what the facts alone give.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from auditor.audit import AuditRequest, run_audit
from auditor.core.model import Reference, Tier
from auditor.rules.precedents import Precedent, builtin_precedents, matches

CASES = Path(__file__).resolve().parent
AUTHORISATIONS = ("authorisation_granted",)


@dataclass
class CaseResult:
    precedent: Precedent
    verdict: Tier
    cited: list[str]
    missed: list[str]
    facts_only_verdict: Tier          # the verdict without the answers recorded in the case file

    def _matches(self, verdict: Tier) -> bool:
        if self.precedent.outcome in AUTHORISATIONS:
            return verdict is Tier.LAWFUL_WITH_CONDITIONS
        return verdict is not Tier.LAWFUL_WITH_CONDITIONS

    @property
    def verdict_matches(self) -> bool:
        return self._matches(self.verdict)

    @property
    def facts_only_matches(self) -> bool:
        return self._matches(self.facts_only_verdict)


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def _audit(path: Path):  # type: ignore[no-untyped-def]
    return run_audit(AuditRequest(config=path, analyse_footage=False, audit_date="2026-12-04",
                                  generated_at="2026-12-04T12:00:00Z"))


def _facts_only_verdict(path: Path) -> Tier:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "answers" not in data:
        return _audit(path).verdict()
    del data["answers"]
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / path.name
        bare.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return _audit(bare).verdict()


def run_case(path: Path) -> CaseResult:
    table = {p.id: p for p in builtin_precedents().precedents}
    precedent = table[path.stem]
    result = _audit(path)
    refs: list[Reference]
    if precedent.outcome in AUTHORISATIONS:
        refs = [r for c in result.checks for r in c.references]
    else:
        refs = [r for f in result.findings if not f.is_waived for r in f.references]
    cited = [a.label() for a in precedent.provisions if any(matches(r, a) for r in refs)]
    missed = [a.label() for a in precedent.provisions if a.label() not in cited]
    return CaseResult(precedent, result.verdict(), cited, missed, _facts_only_verdict(path))


def main() -> None:
    results = [run_case(p) for p in case_files()]
    hit = sum(len(r.cited) for r in results)
    total = hit + sum(len(r.missed) for r in results)
    for r in results:
        print(f"{r.precedent.id:38} {r.precedent.outcome:22} verdict {r.verdict.value:24} "
              f"cited {len(r.cited)}/{len(r.cited) + len(r.missed)}" + (f"  missed: {', '.join(r.missed)}" if r.missed else ""))
    matched = sum(r.verdict_matches for r in results)
    bare = sum(r.facts_only_matches for r in results)
    print(f"cases {len(results)}; provisions cited {hit}/{total} = recall {hit / total:.2f}; "
          f"verdict matches the outcome in {matched}/{len(results)} "
          f"({bare}/{len(results)} from the facts alone, without the authorities' recorded answers)")


if __name__ == "__main__":
    main()
