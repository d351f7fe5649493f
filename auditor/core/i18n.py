"""The product's own wording in every language: one gettext lookup over the catalogs in `auditor/locale`.

English is the source language: the English text is the message id, written in the code where it is used
(`t(lang, "Executive summary")`). Every other language is a catalog, `auditor/locale/<lang>/LC_MESSAGES/
auditor.po`, read at run time with Babel (no compiled .mo file to forget to build), so that adding a language
is adding a file. Closed-vocabulary values (zones, purposes, ...) and other short words that could mean
different things are looked up with a context (`msgctxt`), e.g. `term(lang, "zone", "checkout")`.

Numbers and dates are formatted with Babel's CLDR data for the language. Catalog texts are used as written:
the French catalog carries its narrow no-break spaces before « : ; ! ? » itself (a test checks it).
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

SOURCE_LANG = "en"
DOMAIN = "auditor"
# Folders searched for catalogs, first match wins (tests add a folder holding a generated catalog).
LOCALE_DIRS: list[Path] = [Path(__file__).resolve().parent.parent / "locale"]


def _catalog_path(lang: str) -> Path | None:
    for folder in LOCALE_DIRS:
        path = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            return path
    return None


@functools.cache
def _catalog(lang: str) -> dict[tuple[str | None, str], str]:
    """(context, English) -> translation for every translated, non-fuzzy message of the language's catalog."""
    if lang == SOURCE_LANG:
        return {}
    path = _catalog_path(lang)
    if path is None:
        raise ValueError(f"no message catalog for language {lang!r}")
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh, locale=None, domain=DOMAIN)
    out: dict[tuple[str | None, str], str] = {}
    for message in catalog:
        if message.id and isinstance(message.id, str) and isinstance(message.string, str) \
                and message.string and not message.fuzzy:
            out[(message.context, message.id)] = message.string
    return out


def reload() -> None:
    """Forget the catalogs read so far (after LOCALE_DIRS or a catalog file changed)."""
    _catalog.cache_clear()
    languages.cache_clear()


@functools.cache
def languages() -> tuple[str, ...]:
    """English, then every language that has a catalog, in alphabetical order."""
    found = {p.parent.parent.name for folder in LOCALE_DIRS if folder.is_dir()
             for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return (SOURCE_LANG, *sorted(found - {SOURCE_LANG}))


def translated(lang: str, message: str, context: str | None = None) -> str | None:
    """The translation of `message`, or None when the language's catalog lacks it (English: the message)."""
    if lang == SOURCE_LANG:
        return message
    return _catalog(lang).get((context, message))


def gettext(lang: str, message: str, context: str | None = None) -> str:
    """`message` (English) in `lang`; the English text when the catalog has no translation."""
    found = translated(lang, message, context)
    return message if found is None else found


def t(lang: str, message: str, /, **params: Any) -> str:
    """`message` (English, with `{name}` fields) in `lang`, fields filled in."""
    text = gettext(lang, message)
    return text.format(**params) if params else text


def tc(lang: str, context: str, message: str, /, **params: Any) -> str:
    """Like `t`, for a message that needs a context to be translated right (msgctxt)."""
    text = gettext(lang, message, context)
    return text.format(**params) if params else text


def N_(message: str) -> str:
    """Mark an English message kept in a table or a variable for extraction; it is translated where it is used."""
    return message


def Nc_(context: str, message: str) -> str:
    """Like N_, for a message translated with a context."""
    return message


def colon(lang: str) -> str:
    """After a label: ": " in English, " : " with a narrow no-break space in French."""
    return tc(lang, "punctuation", ": ")


def separator(lang: str) -> str:
    """Between items of one line: "; " in English, " ; " in French."""
    return tc(lang, "punctuation", "; ")


def question_mark(lang: str) -> str:
    return tc(lang, "punctuation", "?")


def language_tag(lang: str) -> str:
    """The BCP 47 tag written in documents' metadata: en-GB, fr-FR, de-DE, ..."""
    from babel import Locale
    from babel.core import get_global

    locale = Locale.parse(babel_locale(lang))
    likely = Locale.parse(get_global("likely_subtags").get(locale.language, locale.language))
    territory = locale.territory or likely.territory            # fr -> fr_Latn_FR (CLDR likely subtags)
    return f"{locale.language}-{territory}" if territory else locale.language


# --- numbers and dates (CLDR through Babel) ------------------------------------------------------------------------

def babel_locale(lang: str) -> str:
    """The Babel locale for a language code (British usage for English); English when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    if lang == SOURCE_LANG:
        return "en_GB"
    try:
        Locale.parse(lang)
        return lang
    except (ValueError, UnknownLocaleError):
        return "en_GB"


def format_number(value: float | int | None, lang: str, *, decimals: int | None = None) -> str:
    """1,234.5 (en) or 1 234,5 (fr); whole numbers without decimals by default; an em dash for None."""
    if value is None:
        return "—"
    from babel.numbers import format_decimal

    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(float(value), decimals), format=pattern, locale=babel_locale(lang))


def format_percent(share: float | None, lang: str, *, decimals: int = 0) -> str:
    """A share in [0, 1] as 42% (en) or 42 % (fr)."""
    if share is None:
        return "—"
    from babel import Locale
    from babel.numbers import format_percent as _percent

    locale = babel_locale(lang)
    pattern = Locale.parse(locale).percent_formats[None].pattern          # "#,##0%", "#,##0\u202f%", ...
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return _percent(float(share), format=pattern, locale=locale)


def _parse_date(value: str | dt.date | dt.datetime) -> dt.datetime | None:
    """A date or date-time from a value of the facts; None when it is not one (printed as written)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip().replace("Z", "+00:00")
    for candidate in (text, text[:10]):
        try:
            return dt.datetime.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def format_date(value: str | dt.date | None, lang: str) -> str:
    """23 November 2026 (en), 23 novembre 2026 (fr): CLDR's long date."""
    d = _parse_date(value) if value else None
    if d is None:
        return str(value) if value else "—"
    from babel.dates import format_date as _date

    text = _date(d.date(), format="long", locale=babel_locale(lang))
    if d.day == 1 and text.startswith("1 "):      # the first of the month: "1er novembre" in French (a catalog entry)
        text = tc(lang, "first day of the month", "1") + text[1:]
    return text


def format_datetime(value: str | None, lang: str) -> str:
    """23 November 2026, 14:05 UTC (en) or 23 novembre 2026 à 14:05 UTC (fr)."""
    d = _parse_date(value) if value else None
    if d is None:
        return str(value) if value else "—"
    if d.tzinfo is not None:
        d = d.astimezone(dt.UTC)
    from babel.dates import format_time

    time = format_time(d.time(), format="short", locale=babel_locale(lang))
    return t(lang, "{date}, {time} UTC", date=format_date(d, lang), time=time)


def country_name(code: str | None, lang: str) -> str:
    """The country's name in `lang` (CLDR territories), e.g. FR -> France / France; the code if unknown."""
    if not code:
        return t(lang, "not declared")
    from babel import Locale

    return Locale.parse(babel_locale(lang)).territories.get(str(code).upper(), str(code))
