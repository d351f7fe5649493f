"""The precedents table: it loads, it refuses bad entries with file:line:col, and findings list its decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.core.errors import InputError
from auditor.core.model import Reference
from auditor.rules.precedents import (
    builtin_precedents,
    load_precedents,
    matches,
    precedents_for,
)

GOOD_ENTRY = """
  - id: TEST-DECISION-1
    authority: Test DPA
    country: ES
    decided: "2021-07-23"
    reference: PS/1/2021
    setting: shop
    technology: facial recognition
    outcome: fine
    fine: {amount: 1000, currency: EUR}
    provisions:
      - {instrument: GDPR, article: "9", paragraph: "1"}
    holding: {en: A holding., fr: Une décision.}
    url: "https://example.org/decision"
    verified: primary
"""


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "precedents.yaml"
    path.write_text('schema_version: 1\nversion: 0.1.0\nchecked: "2026-12-04"\nprecedents:' + body, encoding="utf-8")
    return path


def test_the_builtin_table_loads_and_has_at_least_15_decisions():
    table = builtin_precedents()
    assert len(table.precedents) >= 15
    assert len({p.id for p in table.precedents}) == len(table.precedents)
    for p in table.precedents:
        assert p.provisions and p.url.startswith("http") and p.holding.en and p.holding.fr
        assert p.verified in ("primary", "secondary")


def test_a_good_file_loads(tmp_path):
    table = load_precedents(_write(tmp_path, GOOD_ENTRY))
    (p,) = table.precedents
    assert (p.year, p.fine_label, p.provisions[0].label()) == (2021, "EUR 1,000", "GDPR Art 9(1)")


@pytest.mark.parametrize("change, message, line", [
    (("outcome: fine", "outcome: fined"), "invalid outcome", 12),
    (('decided: "2021-07-23"', 'decided: "2021-13-40"'), "must be an ISO date", 8),
    (("{instrument: GDPR,", "{instrument: GPDR,"), "unknown instrument short name", 15),
    (("    verified: primary\n", "    verified: primary\n    colour: red\n"), "unknown field 'colour'", 19),
    (("fine: {amount: 1000, currency: EUR}", "fine: null"), "an outcome 'fine' needs the fine", 13),
])
def test_bad_entries_are_reported_with_file_line_and_column(tmp_path, change, message, line):
    path = _write(tmp_path, GOOD_ENTRY.replace(*change))
    with pytest.raises(InputError) as err:
        load_precedents(path)
    problem = next(p for p in err.value.problems if message in p.message)
    assert problem.file == str(path) and problem.line == line and problem.column is not None


def test_duplicate_ids_are_refused(tmp_path):
    with pytest.raises(InputError, match="also used"):
        load_precedents(_write(tmp_path, GOOD_ENTRY + GOOD_ENTRY))


@pytest.mark.parametrize("cited, applied, expected", [
    (("GDPR", "9", "1", None), ("GDPR", "9", None, None), True),
    (("GDPR", "9", None, None), ("GDPR", "9", "1", None), True),
    (("GDPR", "5", "1", "c"), ("GDPR", "5", "1", "e"), False),
    (("GDPR", "6", "1", "f"), ("GDPR", "6", "1", None), True),
    (("UK GDPR", "9", None, None), ("GDPR", "9", None, None), False),
    (("EDPB Guidelines 3/2019", None, "121", None), ("GDPR", "5", None, None), False),
])
def test_matching(cited, applied, expected):
    def ref(t):
        return Reference(instrument=t[0], article=t[1], paragraph=t[2], point=t[3])
    assert matches(ref(cited), ref(applied)) is expected


def test_the_stores_country_comes_first():
    notes = precedents_for([Reference("GDPR", "9", "1")], builtin_precedents(), country="IT", limit=3)
    assert notes and notes[0].country == "IT"
    assert all("GDPR Art 9(1)" in n.provisions for n in notes)
