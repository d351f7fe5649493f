"""Keep the message catalogs in step with the code: `python3 dev.py catalogs` (or `python -m auditor.report.catalogs`).

Babel extracts every `t(lang, "...")`, `tc(lang, "context", "...")`, `N_("...")` and `Nc_("context", "...")`
message from the product's code (the GUI has its own Qt translations), adds the closed vocabularies' words,
writes `auditor/locale/auditor.pot`, then merges it into each language's `auditor.po`: new messages arrive
untranslated, messages no longer used are marked obsolete. Translators edit the .po files; nothing to compile.
"""

from __future__ import annotations

import io
import re
import sys
import tokenize
from pathlib import Path

from auditor.core import i18n

PACKAGE = Path(__file__).resolve().parent.parent          # auditor/
# t(lang, msg), tc(lang, context, msg); N_(msg) and Nc_(context, msg) mark messages kept in tables or variables;
# h1(ctx, msg) is the report's section heading.
KEYWORDS = {"t": (2,), "tc": ((2, "c"), 3), "N_": (1,), "Nc_": ((1, "c"), 2), "h1": (2,)}
# The product's own wording; the GUI is translated with Qt Linguist (auditor/gui/i18n).
SOURCES = ("core", "cli", "config", "report", "rules", "fleet", "footage", "audit.py", "project.py")

Message = tuple[str | None, str]          # (context, English)
_IN_FSTRING = re.compile(r"""\bt(?:c)?\((?:ctx\.)?lang, (?:(?P<q1>['"])(?P<ctx>[^'"{}]+)(?P=q1), )?"""
                         r"""(?P<q>['"])(?P<msg>(?:(?!(?P=q)).)+)(?P=q)""")


_POT_HEADER = ("# Messages of Store Camera Privacy Auditor: the template of every language's catalog.\n"
               "# Written by `python3 dev.py catalogs`; copy it to <lang>/LC_MESSAGES/auditor.po to add a language.")


def extracted() -> dict[Message, list[tuple[str, int]]]:
    """Every message written in a t()/tc() call, with the places that use it (file relative to auditor/, line)."""
    from babel.messages.extract import extract

    found: dict[Message, list[tuple[str, int]]] = {}
    files = []
    for name in SOURCES:
        path = PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    for file in files:
        with file.open("rb") as fh:
            for line, message, _comments, context in extract("python", fh, keywords=KEYWORDS,
                                                              options={"encoding": "utf-8"}):
                if isinstance(message, str) and message:
                    found.setdefault((context, message), []).append((file.relative_to(PACKAGE).as_posix(), line))
        # Python 3.11 reads an f-string as one token: find the t() calls written inside one.
        with file.open("rb") as fh:
            for tok in tokenize.tokenize(fh.readline):
                if tok.type == tokenize.STRING and re.match(r"(?i)[rb]*f", tok.string):
                    for m in _IN_FSTRING.finditer(tok.string):
                        found.setdefault((m.group("ctx"), m.group("msg")), []).append(
                            (file.relative_to(PACKAGE).as_posix(), tok.start[0]))
    return found


def tabled() -> set[Message]:
    """Messages whose context is data: each closed vocabulary is the context of its values' words."""
    from auditor.core.vocab import VOCAB

    return {(field, text) for field, values in VOCAB.items() for text in values.values()}


def used() -> set[Message]:
    return set(extracted()) | tabled()


def template() -> bytes:
    """The .pot file: every message the product uses, English only."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project="Store Camera Privacy Auditor", domain=i18n.DOMAIN, fuzzy=False, msgid_bugs_address="",
                      copyright_holder="", last_translator="", language_team="", header_comment=_POT_HEADER)
    places = extracted()
    for context, message in sorted(used(), key=lambda m: (m[0] or "", m[1])):
        catalog.add(message, context=context, locations=places.get((context, message), []))
    buf = io.BytesIO()
    write_po(buf, catalog, width=116, omit_header=False, no_location=True, sort_output=True)
    return _stable(buf.getvalue())


def _stable(po: bytes) -> bytes:
    """Without the creation and revision dates Babel writes, so that an unchanged catalog stays unchanged."""
    return re.sub(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"\n', b"", po, flags=re.M)


def update(locale_dir: Path | None = None) -> list[str]:
    """Write auditor.pot and merge it into every language's catalog; return a line per language."""
    from babel.messages.pofile import read_po, write_po

    folder = locale_dir or i18n.LOCALE_DIRS[0]
    pot = template()
    (folder / f"{i18n.DOMAIN}.pot").write_bytes(pot)
    report = []
    for po in sorted(folder.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po")):
        lang = po.parent.parent.name
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=i18n.DOMAIN)
        catalog.update(read_po(io.BytesIO(pot)), no_fuzzy_matching=True, update_header_comment=False)
        buf = io.BytesIO()
        catalog.msgid_bugs_address = catalog.last_translator = catalog.language_team = ""
        catalog.copyright_holder = ""
        write_po(buf, catalog, width=116, ignore_obsolete=True, include_previous=False, no_location=True,
                 sort_output=True)
        tmp = po.with_suffix(".po.tmp")
        tmp.write_bytes(_stable(buf.getvalue()))
        tmp.replace(po)
        missing = sum(1 for m in catalog if m.id and not m.string)
        report.append(f"{lang}: {len(catalog)} messages, {missing} untranslated")
    i18n.reload()
    return report


if __name__ == "__main__":
    for line in update():
        print(line)
    sys.exit(0)
