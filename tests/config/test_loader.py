"""The deployment model and loader: valid files load; every mistake is reported with its position."""

from __future__ import annotations

import copy

import pytest

from auditor.config.loader import load_deployment
from auditor.core.errors import InputError
from tests.config.conftest import MINIMAL


def problems(path) -> list:
    with pytest.raises(InputError) as info:
        load_deployment(path)
    return info.value.problems


def test_minimal_deployment_loads(write_yaml):
    loaded = load_deployment(write_yaml(MINIMAL))
    dep = loaded.deployment
    assert dep.store.name == "Épicerie du Marché"
    assert dep.cameras[0].size == (1920, 1080)
    assert len(loaded.sha256) == 64


def test_unknown_key_is_an_error_with_a_did_you_mean_hint(write_text):
    path = write_text(
        "store: {name: S, country: FR}\n"
        "controller: {name: C}\n"
        "cameras:\n"
        "  - id: CAM-1\n"
        "    zone: entrance\n"
        "    retention_dayz: 40\n")
    [p] = problems(path)
    assert (p.line, p.column) == (6, 5)
    assert p.path == "cameras[0].retention_dayz"
    assert "did you mean 'retention_days'" in p.message


def test_unknown_key_without_close_match_lists_the_known_keys(write_text):
    path = write_text("store: {name: S, country: FR, zzz: red}\ncontroller: {name: C}\n")
    [p] = problems(path)
    assert p.path == "store.zzz" and "unknown key" in p.message
    assert "open_to_public" in p.expected


def test_every_error_is_reported_not_only_the_first(write_text):
    path = write_text(
        "store: {name: S, country: France}\n"
        "controller: {name: C}\n"
        "cameras:\n"
        "  - {id: CAM-1, zone: lobby, retention_days: -3}\n")
    found = {p.path: p for p in problems(path)}
    assert set(found) == {"store.country", "cameras[0].zone", "cameras[0].retention_days"}
    assert found["cameras[0].zone"].found == "'lobby'"
    assert "entrance" in found["cameras[0].zone"].expected
    assert found["store.country"].line == 1
    assert found["cameras[0].retention_days"].line == 4


def test_wrong_type_says_what_was_expected_and_found(write_text):
    path = write_text("store: {name: S, country: FR, open_to_public: perhaps}\ncontroller: {name: C}\n")
    [p] = problems(path)
    assert p.path == "store.open_to_public"
    assert "bool" in (p.message + p.expected).lower()
    assert "perhaps" in p.found


def test_missing_required_section(write_text):
    [p] = problems(write_text("store: {name: S, country: FR}\n"))
    assert "controller" in p.message and "missing" in p.message


def test_cross_references_are_checked(write_yaml):
    data = copy.deepcopy(MINIMAL)
    data["activities"][0]["cameras"] = ["CAM-9"]
    data["cameras"].append({"id": "CAM-1", "zone": "checkout"})
    msgs = {p.path: p.message for p in problems(write_yaml(data))}
    assert "camera 'CAM-9' is not declared" in msgs["activities[0].cameras[0]"]
    assert "used twice" in msgs["cameras[1].id"]


def test_resolution_format(write_yaml):
    data = copy.deepcopy(MINIMAL)
    data["cameras"][0]["resolution"] = "full HD"
    [p] = problems(write_yaml(data))
    assert p.path == "cameras[0].resolution" and "1920x1080" in p.message


def test_format_gives_file_line_column(write_text):
    path = write_text("store: {name: S, country: FR}\ncontroller: {name: C, age: 3}\n")
    [p] = problems(path)
    assert p.format().startswith(f"{path}:2:")


def test_colon_values_stay_text_not_base60_numbers(write_text):
    path = write_text(
        "store: {name: S, country: FR, opening_hours: 09:30}\n"
        "controller: {name: C}\n"
        "activities:\n"
        "  - {id: pay, name: Pay, technique: face_verification_payment, matching: 1:1}\n")
    dep = load_deployment(path).deployment
    assert dep.store.opening_hours == "09:30"
    assert dep.activities[0].matching == "1:1"
