"""The precedents table (rules/precedents.yaml): validated with file:line:col errors, and matched to findings.

A precedent is a published enforcement decision (or authorisation) with the provisions the authority applied.
A finding lists the precedents that applied one of the provisions it cites: same instrument and article, and
the same paragraph and point where both sides give one (GDPR Art 9 in a decision matches GDPR Art 9(1) in a
rule). Precedents of the store's own country come first, then the most recent.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.core.errors import InputError, Problem, describe_value
from auditor.core.instruments import INSTRUMENT_INFO
from auditor.core.model import Finding, PrecedentNote, Reference, Severity, Text
from auditor.core.yamlsafe import Document, KeyPath, format_path, read_document

SCHEMA_VERSION = 1
PRECEDENTS_FILE = "precedents.yaml"
MAX_PER_FINDING = 3

OUTCOMES = ("fine", "reprimand", "order", "warning", "authorisation_granted", "authorisation_refused")
SETTINGS = ("shop", "workplace", "public space", "school", "stadium")
VERIFIED = ("primary", "secondary")
ENTRY_FIELDS = {"id": True, "authority": True, "country": True, "decided": False, "published": False, "year": False,
                "reference": True, "setting": True, "technology": True, "outcome": True, "fine": True,
                "appeal": False, "provisions": True, "holding": True, "url": True, "verified": True}
PROVISION_FIELDS = ("instrument", "article", "paragraph", "point")
ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Precedent:
    id: str
    authority: str
    country: str
    year: int
    date: str | None                  # decided, else published (ISO)
    reference: str
    setting: str
    technology: str
    outcome: str
    fine_amount: int | None
    fine_currency: str | None
    fine_note: str
    appeal: str
    provisions: tuple[Reference, ...]
    holding: Text
    url: str
    verified: str

    @property
    def fine_label(self) -> str | None:
        if self.fine_amount is None and self.fine_currency is None:
            return None
        if self.fine_amount is None:
            return f"{self.fine_currency} (amount not read)"
        return f"{self.fine_currency} {self.fine_amount:,}"

    def note(self, provisions: Iterable[Reference]) -> PrecedentNote:
        return PrecedentNote(id=self.id, authority=self.authority, country=self.country, year=self.year,
                             reference=self.reference, fine=self.fine_label, outcome=self.outcome,
                             holding=self.holding, url=self.url,
                             provisions=tuple(dict.fromkeys(p.label() for p in provisions)))


@dataclass(frozen=True)
class PrecedentTable:
    version: str
    checked: str
    precedents: tuple[Precedent, ...]


class _Checker:
    def __init__(self, doc: Document) -> None:
        self.doc, self.problems = doc, []  # type: ignore[var-annotated]

    def add(self, path: KeyPath, message: str, *, key: bool = False, expected: str = "", found: str = "") -> None:
        line, col = self.doc.locate(path, key=key)
        self.problems.append(Problem(self.doc.file, message, line, col, format_path(path), expected=expected,
                                     found=found))

    def text(self, data: dict[str, Any], name: str, path: KeyPath, *, required: bool = True) -> str | None:
        if name not in data:
            if required:
                self.add(path, f"required field {name!r} is missing")
            return None
        value = data[name]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.add(path + (name,), "must be a non-empty string", found=describe_value(value))
            return None
        return value

    def date(self, data: dict[str, Any], name: str, path: KeyPath) -> str | None:
        if name not in data:
            return None
        value = data[name]
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        self.add(path + (name,), "must be an ISO date", expected="YYYY-MM-DD", found=describe_value(value))
        return None


def _provisions(c: _Checker, value: Any, path: KeyPath) -> list[Reference]:
    out: list[Reference] = []
    if not isinstance(value, list) or not value:
        c.add(path, "must be a non-empty list of {instrument, article, paragraph, point}", found=describe_value(value))
        return out
    for i, item in enumerate(value):
        p = path + (i,)
        if not isinstance(item, dict):
            c.add(p, "must be a mapping {instrument, article, ...}", found=describe_value(item))
            continue
        for name in item:
            if name not in PROVISION_FIELDS:
                c.add(p + (name,), f"unknown field {name!r}", key=True, expected=", ".join(PROVISION_FIELDS))
        values = {name: c.text(item, name, p, required=name in ("instrument", "article")) for name in PROVISION_FIELDS}
        if values["instrument"] and values["instrument"] not in INSTRUMENT_INFO:
            c.add(p + ("instrument",), "unknown instrument short name", expected="a name of auditor/core/instruments.py",
                  found=describe_value(values["instrument"]))
            continue
        if values["instrument"] and values["article"]:
            out.append(Reference(instrument=values["instrument"], article=values["article"],
                                 paragraph=values["paragraph"], point=values["point"]))
    return out


def _entry(c: _Checker, data: Any, path: KeyPath) -> Precedent | None:
    if not isinstance(data, dict):
        c.add(path, "a precedent must be a mapping (id, authority, country, ...)", found=describe_value(data))
        return None
    before = len(c.problems)
    for name in data:
        if name not in ENTRY_FIELDS:
            c.add(path + (name,), f"unknown field {name!r}", key=True, expected="one of " + ", ".join(ENTRY_FIELDS))
    for name, required in ENTRY_FIELDS.items():
        if required and name not in data:
            c.add(path, f"required field {name!r} is missing")
    pid = c.text(data, "id", path)
    if pid and not ID.match(pid):
        c.add(path + ("id",), "invalid precedent id", expected="uppercase words joined by hyphens",
              found=describe_value(pid))
    country = c.text(data, "country", path)
    if country and not COUNTRY.match(country):
        c.add(path + ("country",), "must be an ISO 3166-1 alpha-2 code", expected="e.g. ES", found=describe_value(country))
    decided, published = c.date(data, "decided", path), c.date(data, "published", path)
    date = decided or published
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100):
        c.add(path + ("year",), "must be a year", expected="e.g. 2021", found=describe_value(year))
        year = None
    if year is None and date:
        year = int(date[:4])
    if year is None and not any(k in data for k in ("decided", "published", "year")):
        c.add(path, "give the date: decided, published or at least year")
    outcome = data.get("outcome")
    if "outcome" in data and outcome not in OUTCOMES:
        c.add(path + ("outcome",), "invalid outcome", expected="one of " + ", ".join(OUTCOMES),
              found=describe_value(outcome))
    setting = data.get("setting")
    if "setting" in data and setting not in SETTINGS:
        c.add(path + ("setting",), "invalid setting", expected="one of " + ", ".join(SETTINGS),
              found=describe_value(setting))
    verified = data.get("verified")
    if "verified" in data and verified not in VERIFIED:
        c.add(path + ("verified",), "invalid provenance", expected="one of " + ", ".join(VERIFIED),
              found=describe_value(verified))
    url = c.text(data, "url", path)
    if url and not re.match(r"^https?://", url):
        c.add(path + ("url",), "must be an http(s) URL", found=describe_value(url))
    amount = currency = None
    note = ""
    fine = data.get("fine")
    if isinstance(fine, dict):
        for name in fine:
            if name not in ("amount", "currency", "note"):
                c.add(path + ("fine", name), f"unknown field {name!r}", key=True, expected="amount, currency, note")
        amount = fine.get("amount")
        if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool) or amount < 0):
            c.add(path + ("fine", "amount"), "must be a whole amount or null", found=describe_value(amount))
            amount = None
        currency = c.text(fine, "currency", path + ("fine",))
        if currency and not re.match(r"^[A-Z]{3}$", currency):
            c.add(path + ("fine", "currency"), "must be an ISO 4217 code", expected="e.g. EUR",
                  found=describe_value(currency))
        note = c.text(fine, "note", path + ("fine",), required=False) or ""
    elif fine is not None and "fine" in data:
        c.add(path + ("fine",), "must be {amount, currency, note} or null", found=describe_value(fine))
    if outcome == "fine" and not isinstance(fine, dict):
        c.add(path + ("fine",), "an outcome 'fine' needs the fine {amount, currency}")
    holding = data.get("holding")
    text = None
    if not isinstance(holding, dict) or not all(isinstance(holding.get(k), str) and holding[k].strip()
                                                for k in ("en", "fr")):
        if "holding" in data:
            c.add(path + ("holding",), "must give the holding in both languages", expected="{en: ..., fr: ...}",
                  found=describe_value(holding))
    else:
        text = Text(en=" ".join(holding["en"].split()), fr=" ".join(holding["fr"].split()))
    provisions = _provisions(c, data.get("provisions"), path + ("provisions",)) if "provisions" in data else []
    texts = {n: c.text(data, n, path) for n in ("authority", "reference", "technology")}
    appeal = c.text(data, "appeal", path, required=False) or ""
    if len(c.problems) > before or not (pid and country and year and text and url and outcome and verified
                                        and all(texts.values())):
        return None
    return Precedent(id=pid, authority=texts["authority"], country=country, year=year, date=date,  # type: ignore[arg-type]
                     reference=texts["reference"], setting=setting, technology=texts["technology"],  # type: ignore[arg-type]
                     outcome=outcome, fine_amount=amount, fine_currency=currency, fine_note=note, appeal=appeal,
                     provisions=tuple(provisions), holding=text, url=url, verified=verified)


def validate(doc: Document) -> tuple[PrecedentTable | None, list[Problem]]:
    """Validate a parsed precedents file; the table is None if anything is wrong."""
    c = _Checker(doc)
    data = doc.data
    if not isinstance(data, dict):
        c.add((), "the precedents file must be a mapping (schema_version, version, checked, precedents)",
              found=describe_value(data))
        return None, c.problems
    for name in data:
        if name not in ("schema_version", "version", "checked", "precedents"):
            c.add((name,), f"unknown field {name!r}", key=True, expected="schema_version, version, checked, precedents")
    if data.get("schema_version") != SCHEMA_VERSION:
        c.add(("schema_version",) if "schema_version" in data else (), "unsupported or missing schema_version",
              expected=str(SCHEMA_VERSION), found=describe_value(data.get("schema_version")))
    version = c.text(data, "version", ())
    checked = c.date(data, "checked", ())
    if "checked" not in data:
        c.add((), "required field 'checked' is missing", expected="YYYY-MM-DD")
    entries = data.get("precedents")
    table: list[Precedent] = []
    if not isinstance(entries, list) or not entries:
        c.add(("precedents",) if "precedents" in data else (), "must be a non-empty list of precedents",
              found=describe_value(entries))
    else:
        seen: dict[str, int] = {}
        for i, entry in enumerate(entries):
            p = _entry(c, entry, ("precedents", i))
            if p is None:
                continue
            if p.id in seen:
                c.add(("precedents", i, "id"), f"precedent id {p.id!r} is also used by entry {seen[p.id]}")
            seen[p.id] = i
            table.append(p)
    if c.problems or not (version and checked):
        return None, c.problems
    return PrecedentTable(version=version, checked=checked, precedents=tuple(table)), []


def load_precedents(path: str | Path) -> PrecedentTable:
    """Load and validate a precedents file; raise InputError listing every problem."""
    doc = read_document(Path(path))
    table, problems = validate(doc)
    if problems or table is None:
        raise InputError(problems)
    return table


@lru_cache(maxsize=1)
def builtin_precedents() -> PrecedentTable:
    """The precedents table shipped with the built-in packs."""
    with importlib.resources.as_file(importlib.resources.files("auditor_packs") / PRECEDENTS_FILE) as path:
        return load_precedents(path)


def _same(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def matches(cited: Reference, applied: Reference) -> bool:
    """A finding's reference `cited` covers a provision a decision `applied`."""
    return (cited.instrument == applied.instrument and cited.article is not None
            and cited.article == applied.article and _same(cited.paragraph, applied.paragraph)
            and _same(cited.point, applied.point))


def precedents_for(references: Iterable[Reference], table: PrecedentTable, *, country: str | None = None,
                   limit: int = MAX_PER_FINDING) -> list[PrecedentNote]:
    """The precedents that applied one of these references: the store's country first, then the most recent."""
    refs = list(references)
    found: list[tuple[Precedent, list[Reference]]] = []
    for p in table.precedents:
        hit = [r for r in refs for a in p.provisions if matches(r, a)]
        if hit:
            found.append((p, hit))
    found.sort(key=lambda item: (item[0].country != (country or "").split("-")[0], -item[0].year, item[0].id))
    return [p.note(hit) for p, hit in found[:limit]]


def attach_precedents(findings: list[Finding], facts: dict[str, Any], table: PrecedentTable | None = None) -> None:
    """Fill each decided finding's `precedents`; questions and info findings (classifications, notes) get none."""
    table = table or builtin_precedents()
    store = facts.get("store") if isinstance(facts, dict) else None
    country = store.get("country") if isinstance(store, dict) else None
    for f in findings:
        if not f.question and f.severity is not Severity.INFO:
            f.precedents = precedents_for(f.references, table, country=country)
