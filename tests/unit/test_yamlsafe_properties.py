"""Property-based tests of the hardened YAML reader: any text gives data or an InputError, never a crash."""

from __future__ import annotations

import math

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from auditor.core.errors import InputError
from auditor.core.yamlsafe import parse_text

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Controls and Unicode line separators are left out: PyYAML's dumper writes NEL (U+0085) and U+2028 raw inside
# quoted scalars, where YAML reads them as line breaks (a dumper quirk, not the reader's).
TEXT = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**62), max_value=2**62),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(TEXT, max_size=30))
keys = st.text(TEXT, min_size=1, max_size=12)
plain = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                      st.dictionaries(keys, inner, max_size=5)), max_leaves=25)


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


@SETTINGS
@given(st.dictionaries(keys, plain, min_size=1, max_size=6))
def test_what_safe_dump_writes_reads_back_the_same(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert same(parse_text(text, "t.yaml").data, data)


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_gives_data_or_an_input_error(text):
    try:
        doc = parse_text(text, "t.yaml")
    except InputError as exc:
        assert exc.problems and all(p.file == "t.yaml" for p in exc.problems)
    else:
        assert doc.file == "t.yaml"


@SETTINGS
@given(st.lists(st.sampled_from(["[", "]", "{", "}", "a: ", "- ", "&x ", "*x ", "!!", "\n", "  ", ",", "'", '"',
                                 "? ", "<<: ", "%YAML 1.1\n", "---\n", "|\n", "\t"]), max_size=80))
def test_structural_fragments_never_crash_the_reader(parts):
    try:
        parse_text("".join(parts), "t.yaml")
    except InputError:
        pass


@SETTINGS
@given(st.integers(min_value=41, max_value=400))
def test_deep_nesting_is_refused_with_a_message(depth):
    try:
        parse_text("a: " + "[" * depth + "]" * depth + "\n", "t.yaml")
    except InputError as exc:
        assert "nested" in exc.format()
    else:
        raise AssertionError("accepted a document nested deeper than the limit")
