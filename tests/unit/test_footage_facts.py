"""Typed footage facts: what the analysis writes, the model holds and the report prints are the same keys."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from auditor.core.footage_facts import (
    DetectorInfo,
    EvidenceFrameRef,
    FacesPerFrame,
    FaceWidths,
    FileFacts,
    FootageFacts,
    Resolution,
)
from auditor.footage.analyze import analyze_camera
from auditor.footage.detectors import Face, FakeDetector
from auditor.report import i18n
from auditor.report.story import build_story, plain_text
from tests.footage.conftest import write_clip
from tests.report.conftest import make_result


def _fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)} - {"extra"}


@pytest.fixture
def measured(tmp_path: Path) -> dict:
    clip = write_clip(tmp_path / "clip.avi")
    script = {k: [Face(10 + 4 * k, 10, 30 + 5 * k, 36, 0.9, True)] for k in range(12)}
    return analyze_camera("CAM-1", [clip], detector=FakeDetector(script), sample_fps=4.0)


def test_the_analysis_writes_exactly_the_models_keys(measured):
    assert set(measured) == _fields(FootageFacts)
    assert set(measured["files"][0]) == _fields(FileFacts)
    assert set(measured["evidence_frames"][0]) == _fields(EvidenceFrameRef)
    assert set(measured["detector"]) == _fields(DetectorInfo)
    assert set(measured["faces_per_frame"]) == _fields(FacesPerFrame)
    assert set(measured["face_width_px"]) == _fields(FaceWidths)
    assert set(measured["resolution"]) == _fields(Resolution)


def test_footage_facts_round_trip_and_keep_unknown_keys(measured):
    fo = FootageFacts.from_dict(measured)
    assert fo.to_dict() == measured
    assert not fo.extra and not any(f.extra for f in fo.files) and not any(e.extra for e in fo.evidence_frames)
    newer = {**measured, "frames_skipped": 3, "files": [{**measured["files"][0], "decoder": "pyav"}]}
    again = FootageFacts.from_dict(newer)
    assert again.extra == {"frames_skipped": 3} and again.files[0].extra == {"decoder": "pyav"}
    assert again.to_dict() == newer


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_prints_every_measurement_the_analysis_writes(lang):
    fo = FootageFacts(analysed=True, files=[FileFacts("clips/ent.mp4", frames_read=2468)], frames_analysed=1234,
                      sample_fps=0.5, duration_s=2468.5, resolution=Resolution(1920, 1080),
                      faces_per_frame=FacesPerFrame(2.5, 7), distinct_people=57, median_dwell_s=12.5,
                      face_width_px=FaceWidths(18.0, 26.0, 41.0, 66.0), dori_class="recognition",
                      face_recognition_grade=True, identification_grade_share=0.125,
                      detector=DetectorInfo("cctv-centerface", "1.0", {"<15": 0.41, "15-20": 0.83, "20-40": 0.96}))
    result = make_result()
    cam = result.facts["cameras"][0]
    cam["footage"] = fo.to_dict()
    text = plain_text(build_story(result, lang, None))
    section = text[text.rindex(i18n.t(lang, "Frames analysed")):]
    section = section[:section.index(i18n.t(lang, "What the audit could not see"))]
    for value in (1234, 57, 7, 18, 26, 41, 66):
        assert i18n.format_number(value, lang) in section, value
    for value in (12.5, 2.5):
        assert i18n.format_number(value, lang, decimals=1) in section, value
    assert "1920×1080" in section and i18n.format_percent(0.125, lang, decimals=1) in section
    assert i18n.vocab("dori", "recognition", lang) in section
    assert "—" not in section


def test_camera_derived_facts_are_the_typed_models_keys():
    from auditor.core.derived_facts import CameraDerived
    from auditor.rules.keys import CAMERA_DERIVED

    result = make_result()
    from auditor.config.loader import load_deployment
    from auditor.rules.derive import build_facts
    from tests.golden.test_golden import EXAMPLES

    facts = build_facts(load_deployment(EXAMPLES / "11-anonymous-camera-id-grade.yaml").deployment,
                        audit_date="2026-11-23")
    for cam in facts["cameras"]:
        assert set(cam["derived"]) == set(CameraDerived().to_dict()) == set(CAMERA_DERIVED.fields)
        assert CameraDerived.from_dict(cam["derived"]).to_dict() == cam["derived"]
    assert result.facts["cameras"]
