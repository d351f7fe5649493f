"""build_story() read as data: sections, findings, questions, waivers, limits, both languages."""

from __future__ import annotations

import re

import pytest

from auditor.report import i18n
from auditor.report.story import Heading, build_story, headings, parse_bucket, plain_text, recall_rows, reference_label
from auditor.core.model import Reference


def _text(result, lang="en", **kw):
    return plain_text(build_story(result, lang, None, **kw))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sections_follow_art35_7_and_the_cnil_method(result, lang):
    tops = [text for level, text in headings(build_story(result, lang, None)) if level == 0]
    keys = ["Executive summary", "Systematic description of the processing", "Necessity and proportionality",
            "Risks to the rights and freedoms of data subjects", "Measures and action plan", "Per-camera evidence",
            "All findings", "Questions for the assessor", "Waivers", "Appendix A. Audit trail",
            "Appendix B. DPO opinion and sign-off", "Appendix C. Glossary", "Appendix D. Applicable law and checks passed"]
    assert len(tops) == len(keys)
    for text, key in zip(tops, keys):
        assert i18n.t(lang, key) in text


def test_every_finding_with_its_references_and_remediation(result):
    text = _text(result)
    for f in result.findings:
        assert f.rule_id in text
        assert f.title.en in text
        for ref in f.references:
            assert ref.label() in text
    assert "Stop the emotion analysis; it cannot be made lawful at a workplace." in text


def test_summary_puts_prohibited_practices_first_and_explains_the_dpia(result):
    story = build_story(result, "en", None)
    text = plain_text(story)
    summary = text.split("2. Systematic description")[0]
    assert "Yes. A DPIA is mandatory" in summary
    assert "WP248 criteria met: 5 of 9" in summary
    assert "Systematic monitoring" in summary and "Data concerning vulnerable data subjects" in summary
    summary = summary[summary.rindex("1. Executive summary"):]
    verdict = summary.index("Prohibited: cannot be made lawful as designed")
    assert summary.index("Verdict") < verdict < summary.index("Is a DPIA")
    assert verdict < summary.index("Findings by severity") < summary.index("Top actions")
    emotion = summary.index("Emotion recognition that also reads the cashiers")
    also = summary.index("Also to fix before the processing may start or go on")
    assert verdict < emotion < also < summary.index("1:N face identification of every entrant") < summary.index("Is a DPIA")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_cover_and_summary_give_the_three_tier_verdict_and_the_findings_that_make_it(result, lang):
    from auditor.core.model import Tier

    def cover_and_summary(r):
        text = " ".join(_text(r, lang).split())
        return text.split(i18n.t(lang, "Systematic description of the processing"))[0]

    text = cover_and_summary(result)
    assert text.count(Tier.PROHIBITED.label(lang).split(":")[0].strip()) >= 2      # cover and summary
    assert "AIACT-ART5-1F-EMOTION-WORKPLACE" in text
    for f in result.findings:
        f.tier = None                          # blockers without a declared tier: unlawful until fixed
    text = cover_and_summary(result)
    assert " ".join(Tier.UNLAWFUL_UNTIL_FIXED.label(lang).split()) in text
    assert "GDPR-ART9-1-BIOMETRIC-ID" in text and " ".join(Tier.PROHIBITED.label(lang).split()) not in text
    for f in result.findings:
        if f.severity.value == "blocker":
            f.severity = f.severity.__class__("major")
    text = cover_and_summary(result)
    assert Tier.LAWFUL_WITH_CONDITIONS.label(lang) in text


def test_questions_are_a_checklist(result):
    from auditor.report.document import Para, walk

    bullets = [f for f in walk(build_story(result, "en", None)) if isinstance(f, Para) and f.bullet == "☐"]
    titles = " ".join(f.plain() for f in bullets)
    assert "Is a DPO mandatory for this chain?" in titles
    assert "How can people object to the recording?" in titles


def test_waivers_show_justification_and_expired_ones(result):
    text = _text(result)
    assert "Group record covers the store; merged in Q1." in text
    assert "Marie Dupont, DPO" in text
    assert "expired: ignored" in text
    assert "Waivers that matched no finding" in text and "GDPR-ART5-1C-AUDIO" in text


def test_evidence_review_is_stated_plainly(result):
    assert "were not reviewed by a person" in _text(result)
    result.evidence_reviewed = True
    text = _text(result)
    assert "were not reviewed" not in text
    assert "were reviewed by a person in the application" in text


def test_assessor_field(result):
    assert "to be completed" in _text(result)
    assert "Ada Lovelace" in _text(result, assessor="Ada Lovelace")


def test_camera_without_footage_says_what_the_audit_relied_on(result):
    text = _text(result)
    assert "No footage was analysed for this camera" in text
    assert "clips/chk-1-night.mp4" in text


def test_action_plan_has_owner_and_due_date_to_fill(result):
    text = _text(result)
    assert "Owner" in text and "Due date" in text
    assert "P1 — before any deployment" in text


def _english_only_strings() -> list[str]:
    from auditor.core.i18n import gettext
    from auditor.report.catalogs import used

    out = []
    for context, en in used():
        fr = gettext("fr", en, context)
        for part in re.split(r"\{[a-z_]+\}", en):
            part = part.strip(" .,:;()")
            if (len(part) >= 12 or (context and " " in part)) and part not in fr:
                out.append(part)
    return out


def test_no_english_left_in_the_french_report(result_with_footage):
    text = plain_text(build_story(result_with_footage, "fr", None))
    leaks = [s for s in _english_only_strings() if s in text]
    assert not leaks, leaks[:10]
    assert "Synthèse" in text and "Œuvre & Cie" in text
    assert "23 novembre 2026" in text
    assert f"12{i18n.NNBSP}345" in text          # visitors per day
    assert "RGPD art. 5(1)(e)" in text           # French citations
    assert "Why it matters" not in text and "Remediation" not in text


def test_french_reference_labels():
    assert reference_label(Reference("GDPR", article="5", paragraph="1", point="e"), "fr") == "RGPD art. 5(1)(e)"
    assert reference_label(Reference("EDPB Guidelines 3/2019", section="8", paragraph="121"), "fr") == \
        "Lignes directrices 3/2019 du CEPD, §8, point 121"
    assert reference_label(Reference("GDPR", article="5"), "en") == "GDPR Art 5"


def test_recall_for_the_face_sizes_the_camera_shows():
    footage = {"face_width_px": {"p10": 16, "p50": 25, "p90": 35, "max": 38},
               "detector": {"recall_by_width": {"<15": 0.4, "15-20": 0.8, "20-40": 0.97, "40-80": 0.99, ">80": 1.0}}}
    assert recall_rows(footage) == [("15–20", 0.8), ("20–40", 0.97)]
    # no face measured: every bucket is shown, the small ones included
    assert len(recall_rows({"face_width_px": None, "detector": footage["detector"]})) == 5
    assert parse_bucket("80+") == (80.0, float("inf")) and parse_bucket("<15") == (0.0, 15.0)


def test_evidence_section_states_recall_and_never_claims_no_faces(result_with_footage):
    result_with_footage.facts["cameras"][2]["footage"]["faces_per_frame"] = {"mean": 0.0, "max": 0}
    text = _text(result_with_footage)
    assert "the detector finds 83% of them" in text       # CNT-1 shows 11-18 px faces
    assert "about 17% of such faces may be missed" in text
    assert "This does not prove that the camera captures no face" in text
    assert "declared for anonymous purposes only" in text
    assert "Evidence frames were not embedded in this report." in text


def test_headings_are_unique_outline_keys(result_with_footage):
    keys = [f.outline_key for f in build_story(result_with_footage, "en", None) if isinstance(f, Heading)]
    assert len(keys) == len(set(keys))


def test_unknown_language_is_refused(result):
    with pytest.raises(ValueError):
        build_story(result, "de", None)


@pytest.mark.parametrize("lang, words", [("en", "answered by the assessor (Jane Doe, 20 November 2026): passed"),
                                         ("fr", "réponse de l'évaluateur (Jane Doe, 20 novembre 2026)")])
def test_questions_answered_by_the_assessor_are_listed_with_who_when_and_why(result, lang, words):
    from auditor.core.answers import Answer
    from auditor.core.model import Check, Outcome, Text

    assert "Questions answered by the assessor" not in _text(result)
    answer = Answer("GDPR-ART37-DPO", "deployment", "passed", "Cameras are not a core activity.", "Jane Doe",
                    "2026-11-20")
    result.checks = [Check("GDPR-ART37-DPO", "gdpr", "deployment", Outcome.PASSED,
                           Text("Is a DPO mandatory?", "Un DPD est-il obligatoire ?"), answer=answer)]
    text = " ".join(_text(result, lang).split())
    assert i18n.t(lang, "Questions answered by the assessor") in text and words in text
    assert "Cameras are not a core activity." in text and "[GDPR-ART37-DPO]" in text


@pytest.mark.parametrize("lang, words", [("en", ("Other sensors", "Used by", "WiFi probe sensor", "42")),
                                         ("fr", ("Autres capteurs", "Utilisé par", "42"))])
def test_sensors_other_than_cameras_are_described(result, fresh, lang, words):
    """A WiFi or beacon system is part of the processing (GDPR Art 35(7)(a)): its sensors are listed with the
    activities that use them; a deployment without any has no such subsection."""
    assert i18n.t(lang, "Other sensors") not in _text(result, lang)
    r = fresh(result)
    r.facts["sensors"] = [{"id": "wifi-probes", "kind": "wifi_probe", "count": 42, "zone": "mall_concourse",
                           "purposes": ["people_count"], "vendor": "Footfall Sense B.V."}]
    r.facts["activities"][0]["sensors"] = ["wifi-probes"]
    text = _text(r, lang)
    for word in words:
        assert word in text
    assert re.search(r"wifi-probes.*" + re.escape(str(r.facts["activities"][0]["id"])), text, re.S)
