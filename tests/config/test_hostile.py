"""Hostile or broken files get one clear error (file, position, reason) and nothing else."""

from __future__ import annotations

import pytest

from auditor.cli import main
from auditor.core import yamlsafe
from auditor.config.loader import load_deployment
from auditor.core.errors import InputError

BOMB = "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['lol'] * 9)}]\n"
    for p, n in zip([None, "a", "b", "c", "d", "e", "f", "g"], "abcdefgh")
)

HOSTILE = {
    "alias bomb": (BOMB, "expands to more than"),
    "deep nesting": ("[" * 5000 + "]" * 5000, "nested"),
    "deep mappings": ("".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n", "nested"),
    "duplicate key": ("store: {name: S, country: FR}\ncontroller: {name: C}\nstore: {name: T, country: FR}\n",
                      "duplicate key 'store' (first at line 1)"),
    "list root": ("- store\n- controller\n", "must be a mapping"),
    "scalar root": ("just a string\n", "must be a mapping"),
    "empty file": ("", "empty"),
    "python object tag": ("store: !!python/object/apply:os.system ['echo pwned']\n", "not allowed"),
    "custom tag": ("store: !include other.yaml\n", "not allowed"),
    "merge key": ("base: &b {name: S}\nstore:\n  <<: *b\n  country: FR\n", "merge keys"),
    "syntax error": ("store: {name: S\ncontroller: x\n", "YAML syntax error"),
    "tab indentation": ("store:\n\tname: S\n", "YAML syntax error"),
    "several documents": ("store: {}\n---\nstore: {}\n", "YAML syntax error"),
    "complex key": ("? [a, b]\n: 1\n", "keys must be plain strings"),
}


@pytest.mark.parametrize("text,expected", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_gives_a_clear_error(write_text, text, expected):
    path = write_text(text)
    with pytest.raises(InputError) as info:
        load_deployment(path)
    message = info.value.format()
    assert expected in message
    assert message.startswith(str(path))


def test_binary_file(write_text):
    path = write_text(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    with pytest.raises(InputError, match="binary file"):
        load_deployment(path)


@pytest.mark.parametrize("encoded", [
    "store: {name: Café, country: FR}\n".encode("latin-1"),
    "store: {name: x, country: FR}\n".encode("utf-16"),
], ids=["latin-1", "utf-16"])
def test_wrong_encoding(write_text, encoded):
    path = write_text(encoded)
    with pytest.raises(InputError) as info:
        load_deployment(path)
    text = info.value.format()
    assert "UTF-8" in text or "binary" in text


def test_latin1_error_points_at_the_byte(write_text):
    path = write_text("store:\n  name: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        load_deployment(path)
    [p] = info.value.problems
    assert (p.line, p.column) == (2, 12)


def test_utf8_bom_is_accepted(write_text):
    path = write_text("\ufeffstore: {name: S, country: FR}\ncontroller: {name: C}\n".encode("utf-8"))
    assert load_deployment(path).deployment.store.name == "S"


def test_oversized_file(write_text, monkeypatch):
    path = write_text("# padding\n" * (yamlsafe.MAX_BYTES // 10 + 10))
    with pytest.raises(InputError, match="limit"):
        load_deployment(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_deployment(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="folder"):
        load_deployment(tmp_path)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_cli_validate_exits_2_without_traceback(write_text, capsys, name):
    path = write_text(HOSTILE[name][0])
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert str(path) in err and HOSTILE[name][1] in err


def test_cli_validate_binary_exits_2(write_text, capsys):
    path = write_text(bytes(range(256)) * 10)
    assert main(["validate", str(path)]) == 2
    assert "binary" in capsys.readouterr().err
