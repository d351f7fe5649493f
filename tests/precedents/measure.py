"""Recall of the precedent cases: does the audit of a decision's facts cite the provisions the authority applied?

Used by tests/precedents/test_precedents.py and by `python -m tests.precedents.measure` (prints the figures that
docs/national-law.md reports). A violation counts as cited when a failed finding or an open question cites the
provision; an authorisation when any check (passed ones included) does. The verdict matches when a violation
gives a verdict worse than lawful_with_conditions and an authorisation gives lawful_with_conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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

    @property
    def verdict_matches(self) -> bool:
        if self.precedent.outcome in AUTHORISATIONS:
            return self.verdict is Tier.LAWFUL_WITH_CONDITIONS
        return self.verdict is not Tier.LAWFUL_WITH_CONDITIONS


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def run_case(path: Path) -> CaseResult:
    table = {p.id: p for p in builtin_precedents().precedents}
    precedent = table[path.stem]
    result = run_audit(AuditRequest(config=path, analyse_footage=False, audit_date="2026-12-04",
                                    generated_at="2026-12-04T12:00:00Z"))
    refs: list[Reference]
    if precedent.outcome in AUTHORISATIONS:
        refs = [r for c in result.checks for r in c.references]
    else:
        refs = [r for f in result.findings if not f.is_waived for r in f.references]
    cited = [a.label() for a in precedent.provisions if any(matches(r, a) for r in refs)]
    missed = [a.label() for a in precedent.provisions if a.label() not in cited]
    return CaseResult(precedent, result.verdict(), cited, missed)


def main() -> None:
    results = [run_case(p) for p in case_files()]
    hit = sum(len(r.cited) for r in results)
    total = hit + sum(len(r.missed) for r in results)
    for r in results:
        print(f"{r.precedent.id:38} {r.precedent.outcome:22} verdict {r.verdict.value:24} "
              f"cited {len(r.cited)}/{len(r.cited) + len(r.missed)}" + (f"  missed: {', '.join(r.missed)}" if r.missed else ""))
    matched = sum(r.verdict_matches for r in results)
    print(f"cases {len(results)}; provisions cited {hit}/{total} = recall {hit / total:.2f}; "
          f"verdict matches the outcome in {matched}/{len(results)}")


if __name__ == "__main__":
    main()
