"""Wording defects seen on a French demo report, fixed in the document model: questions read as questions,
no "no processing activity" while cameras record, no raw values in French text, each citation once."""

from __future__ import annotations

from auditor.core.model import Finding, Reference, Severity, Text
from auditor.report.document import Para, plain_text, walk
from auditor.report.story import build_story, question_parts


def _undecided(subject: str = "camera:CAM-1") -> Finding:
    return Finding(id=f"GDPR-ART5-1C-AUDIO@{subject}", rule_id="GDPR-ART5-1C-AUDIO", pack="gdpr",
                   severity=Severity.MAJOR, subject=subject,
                   title=Text("Audio recorded with the images", "Son enregistré avec les images"),
                   message=Text("Could not decide: camera.audio is not declared. Audio recorded with the images?",
                                "Impossible de décider : camera.audio n'est pas déclaré. Son enregistré avec les "
                                "images ?"),
                   rationale=Text("", ""), remediation=Text("", ""),
                   references=[Reference("GDPR", article="5", paragraph="1", point="c"),
                               Reference("GDPR", article="5", paragraph="1", point="c", section="")],
                   question=True)


def test_a_question_reads_as_a_question_everywhere(result):
    f = _undecided()
    result.findings.append(f)
    for lang, question in (("en", "Audio recorded with the images?"), ("fr", "Son enregistré avec les images\u202f?")):
        assert question_parts(f, lang) == (question, "camera.audio")
        story = build_story(result, lang, None)
        lines = [b.plain() for b in walk(story) if isinstance(b, Para) and "GDPR-ART5-1C-AUDIO" in b.plain()]
        assert lines
        for line in lines:                       # necessity bullets and the questions checklist
            assert question in line, line
        text = plain_text(story)
        assert "Could not decide" not in text and "Impossible de décider" not in text
        assert "camera.audio" in text            # the key to declare, shown as such


def test_each_citation_once(result):
    result.findings.append(_undecided())
    text = plain_text(build_story(result, "en", None))
    assert "GDPR Art 5(1)(c); GDPR Art 5(1)(c)" not in text


def test_recording_cameras_without_a_declared_activity(result):
    result.facts["activities"] = []
    text = plain_text(build_story(result, "fr", None))
    assert "Aucune activité de traitement n'est déclarée, mais" in text
    assert "l'enregistrement est en lui-même un traitement" in text


def test_no_raw_values_in_french(result):
    text = plain_text(build_story(result, "fr", None))
    assert "= true" not in text and "= false" not in text and "= null" not in text
    assert "France" in text
