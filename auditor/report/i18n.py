"""Every string of the DPIA report in English and French, plus dates and numbers in the local format.

Rule text arrives bilingual in each Finding; everything else the report prints comes from here.
French strings are written with ordinary spaces before « : ; ! ? » and inside « guillemets »;
`t()` turns those into narrow no-break spaces (U+202F), as French typography wants.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from auditor.core.vocab import VOCAB

NNBSP = "\u202f"   # narrow no-break space: French thousands separator and high punctuation

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
}

_FR_SPACING = re.compile(r" ([:;!?»])|(«) ")


def french_typography(text: str) -> str:
    """Narrow no-break space before : ; ! ? » and after «, replacing a plain space there."""
    return _FR_SPACING.sub(lambda m: NNBSP + m.group(1) if m.group(1) else m.group(2) + NNBSP, text)


# --- numbers and dates ------------------------------------------------------------------------------------------

def format_number(value: float | int | None, lang: str, *, decimals: int | None = None) -> str:
    """1,234.5 (en) or 1 234,5 (fr, narrow no-break space); whole numbers without decimals by default."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{float(value):,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text


def format_percent(share: float | None, lang: str, *, decimals: int = 0) -> str:
    """A share in [0, 1] as 42% (en) or 42 % (fr)."""
    if share is None:
        return "—"
    number = format_number(round(float(share) * 100, decimals), lang, decimals=decimals)
    return f"{number}{NNBSP}%" if lang == "fr" else f"{number}%"


def _parse_date(value: str | dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip().replace("Z", "+00:00")
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return dt.datetime.fromisoformat(text[:10])


def format_date(value: str | dt.date | None, lang: str) -> str:
    """23 November 2026 (en), 23 novembre 2026 or 1er novembre 2026 (fr)."""
    if not value:
        return "—"
    try:
        d = _parse_date(value)
    except ValueError:
        return str(value)
    month = _MONTHS["fr" if lang == "fr" else "en"][d.month - 1]
    day = "1er" if (lang == "fr" and d.day == 1) else str(d.day)
    return f"{day} {month} {d.year}"


def format_datetime(value: str | None, lang: str) -> str:
    """23 November 2026, 14:05 UTC (en) or 23 novembre 2026 à 14 h 05 UTC (fr)."""
    if not value:
        return "—"
    try:
        d = _parse_date(value)
    except ValueError:
        return str(value)
    if d.tzinfo is not None:
        d = d.astimezone(dt.UTC)
    if lang == "fr":
        return f"{format_date(d, lang)} à {d.hour:02d} h {d.minute:02d} UTC"
    return f"{format_date(d, lang)}, {d.hour:02d}:{d.minute:02d} UTC"


# --- report strings -----------------------------------------------------------------------------------------------

_S: dict[str, tuple[str, str]] = {
    # document
    "doc.title": ("Data Protection Impact Assessment", "Analyse d'impact relative à la protection des données"),
    "doc.title_short": ("DPIA", "AIPD"),
    "doc.subject": ("DPIA of the in-store camera deployment of {store} (GDPR Art 35)",
                    "AIPD du dispositif de caméras du magasin {store} (RGPD art. 35)"),
    "doc.subtitle": ("In-store cameras and video analytics", "Caméras et analyses vidéo en magasin"),
    "doc.method": ("Structured after GDPR Art 35(7) and the CNIL PIA method",
                   "Structurée selon l'article 35(7) du RGPD et la méthode PIA de la CNIL"),
    "doc.page": ("Page {page} of {pages}", "Page {page} sur {pages}"),
    "doc.generated_by": ("Store Camera Privacy Auditor {version}", "Store Camera Privacy Auditor {version}"),
    "doc.toc": ("Contents", "Sommaire"),
    "doc.not_legal_advice": (
        "This report is produced by an automated audit tool from the declared configuration and sample footage. "
        "It supports, and does not replace, the judgement of the assessor and the DPO, who remain responsible "
        "for its conclusions. It is not legal advice.",
        "Ce rapport est produit par un outil d'audit automatisé à partir de la configuration déclarée et "
        "d'extraits vidéo. Il éclaire le jugement de l'évaluateur et du DPO, sans le remplacer ; ceux-ci restent "
        "responsables de ses conclusions. Il ne constitue pas un avis juridique."),
    # cover
    "cover.store": ("Store", "Magasin"),
    "cover.controller": ("Controller", "Responsable du traitement"),
    "cover.dpo": ("Data protection officer", "Délégué à la protection des données (DPO)"),
    "cover.assessor": ("Assessor", "Évaluateur"),
    "cover.audit_date": ("Audit date", "Date de l'audit"),
    "cover.generated": ("Report generated", "Rapport généré le"),
    "cover.packs": ("Rule packs", "Référentiels de règles"),
    "cover.verdict": ("Overall verdict", "Conclusion générale"),
    "cover.dpia_required": ("DPIA mandatory", "AIPD obligatoire"),
    "cover.to_fill": ("to be completed", "à compléter"),
    "cover.not_appointed": ("none appointed", "aucun désigné"),
    "cover.evidence_not_reviewed": (
        "The evidence frames were not reviewed by a person in the application before this report was produced.",
        "Les images de preuve n'ont pas été revues par une personne dans l'application avant la production "
        "de ce rapport."),
    "verdict.made_by": ("Because of:", "En raison de :"),
    "verdict.more": ("and {n} more (section {section})", "et {n} autre(s) (section {section})"),
    "verdict.conditions": ("Conditions: {n} open finding(s) to address (section {section}).",
                           "Conditions : {n} constat(s) ouvert(s) à traiter (section {section})."),
    "verdict.no_conditions": ("No open finding: no condition was raised by the rules (within the limits stated "
                              "in this report).",
                              "Aucun constat ouvert : les règles n'ont posé aucune condition (dans les limites "
                              "indiquées dans ce rapport)."),
    "verdict.also_blocking": ("Also to fix before the processing may start or go on",
                              "À corriger aussi avant que le traitement puisse commencer ou se poursuivre"),
    "yes": ("yes", "oui"),
    "no": ("no", "non"),
    "unknown": ("not declared", "non déclaré"),
    "none": ("none", "aucun"),
    "dash": ("—", "—"),
    # sections
    "sec.summary": ("Executive summary", "Synthèse"),
    "sec.description": ("Systematic description of the processing", "Description systématique du traitement"),
    "sec.necessity": ("Necessity and proportionality", "Nécessité et proportionnalité"),
    "sec.risks": ("Risks to the rights and freedoms of data subjects",
                  "Risques pour les droits et libertés des personnes concernées"),
    "sec.measures": ("Measures and action plan", "Mesures et plan d'action"),
    "sec.evidence": ("Per-camera evidence", "Éléments probants par caméra"),
    "sec.findings": ("All findings", "Ensemble des constats"),
    "sec.questions": ("Questions for the assessor", "Questions à l'évaluateur"),
    "sec.waivers": ("Waivers", "Dérogations"),
    "sec.appendix_trail": ("Appendix A. Audit trail", "Annexe A. Traçabilité de l'audit"),
    "sec.appendix_signoff": ("Appendix B. DPO opinion and sign-off", "Annexe B. Avis du DPO et validation"),
    "sec.appendix_glossary": ("Appendix C. Glossary", "Annexe C. Glossaire"),
    "sec.changes": ("Changes since the last assessment", "Évolutions depuis la dernière évaluation"),
    "chg.intro": ("This assessment is compared with the previous one of {date} (report generated {generated}). "
                  "Findings are matched by rule and subject; renamed cameras and activities are matched by "
                  "position in the configuration.",
                  "Cette évaluation est comparée à la précédente, du {date} (rapport produit le {generated}). "
                  "Les constats sont rapprochés par règle et par objet ; les caméras et activités renommées "
                  "sont rapprochées par leur position dans la configuration."),
    "chg.verdict": ("Overall conclusion: {before} → {after}.", "Conclusion générale : {before} → {after}."),
    "chg.verdict_same": ("Overall conclusion unchanged: {after}.", "Conclusion générale inchangée : {after}."),
    "chg.renamed": ("Renamed since the last assessment: {items}.",
                    "Renommés depuis la dernière évaluation : {items}."),
    "chg.resolved": ("Resolved", "Résolus"),
    "chg.new": ("New", "Nouveaux"),
    "chg.changed": ("Severity changed", "Gravité modifiée"),
    "chg.unchanged": ("Unchanged", "Inchangés"),
    "chg.count": ("Findings", "Constats"),
    "chg.severity": ("Severity", "Gravité"),
    "chg.none": ("None.", "Aucun."),
    "chg.before": ("Before", "Avant"),
    "chg.after": ("Now", "Maintenant"),
    "chg.ok": ("no open finding", "aucun constat ouvert"),
    "sec.appendix_law": ("Appendix D. Applicable law and checks passed",
                         "Annexe D. Droit applicable et contrôles satisfaits"),
    "law.intro": ("Every provision the rules of this audit cite, grouped by instrument, with the outcome of each "
                  "check that cites it: passed, failed, not applicable (the rule's conditions are not met) or left "
                  "as a question. A check is one rule on one subject (the deployment, a camera or an activity); "
                  "the number of subjects is given in brackets. Checks decided by an assessor's answer are marked "
                  "with an asterisk. This shows what was verified, not only what failed.",
                  "Chaque disposition citée par les règles de cet audit, regroupée par texte, avec le résultat de "
                  "chaque contrôle qui la cite : satisfait, non satisfait, sans objet (les conditions de la règle "
                  "ne sont pas réunies) ou laissé en question. Un contrôle est une règle appliquée à un objet (le "
                  "dispositif, une caméra ou une activité) ; le nombre d'objets figure entre parenthèses. Les "
                  "contrôles tranchés par une réponse de l'évaluateur sont marqués d'un astérisque. Cette annexe "
                  "montre ce qui a été vérifié, pas seulement ce qui a échoué."),
    "law.none": ("This audit result carries no record of its checks (it was produced by an older version).",
                 "Ce résultat d'audit ne contient pas le relevé de ses contrôles (produit par une version antérieure)."),
    "law.totals": ("{checks} checks of {rules} rules: {passed} passed, {failed} failed, {na} not applicable, "
                   "{questions} questions.",
                   "{checks} contrôles de {rules} règles : {passed} satisfaits, {failed} non satisfaits, {na} sans "
                   "objet, {questions} questions."),
    "law.provision": ("Provision", "Disposition"),
    "law.passed": ("Passed", "Satisfaits"),
    "law.failed": ("Failed", "Non satisfaits"),
    "law.not_applicable": ("Not applicable", "Sans objet"),
    "law.question": ("Questions", "Questions"),
    "art35.a": ("GDPR Art 35(7)(a)", "RGPD art. 35(7)(a)"),
    "art35.b": ("GDPR Art 35(7)(b)", "RGPD art. 35(7)(b)"),
    "art35.c": ("GDPR Art 35(7)(c)", "RGPD art. 35(7)(c)"),
    "art35.d": ("GDPR Art 35(7)(d)", "RGPD art. 35(7)(d)"),
    # summary
    "sum.dpia_head": ("Is a DPIA mandatory?", "L'AIPD est-elle obligatoire ?"),
    "sum.dpia_yes": ("Yes. A DPIA is mandatory for this deployment (GDPR Art 35(1)).",
                     "Oui. Une AIPD est obligatoire pour ce dispositif (RGPD art. 35(1))."),
    "sum.dpia_no": ("Not on the criteria checked: fewer than two WP248 criteria are met and no listed case applies. "
                    "Keep this assessment on file to show why (WP248).",
                    "Pas au regard des critères examinés : moins de deux critères WP248 sont remplis et aucun cas "
                    "listé ne s'applique. Conservez cette analyse pour le justifier (WP248)."),
    "sum.wp248_count": ("WP248 criteria met: {n} of 9 (two or more usually require a DPIA).",
                        "Critères WP248 remplis : {n} sur 9 (deux ou plus imposent en général une AIPD)."),
    "sum.cnil_list": ("Listed by the CNIL as requiring a DPIA (deliberation 2018-327), item(s): {items}.",
                      "Traitement figurant sur la liste CNIL des AIPD obligatoires (délibération 2018-327), "
                      "point(s) : {items}."),
    "sum.art35_3": ("GDPR Art 35(3) applies: {points}.", "L'article 35(3) du RGPD s'applique : {points}."),
    "sum.verdict": ("Verdict", "Conclusion"),
    "sum.counts": ("Findings by severity", "Constats par gravité"),
    "sum.open": ("open", "à traiter"),
    "sum.waived": ("waived", "dérogés"),
    "sum.questions": ("questions", "questions"),
    "sum.total": ("Total", "Total"),
    "sum.top_actions": ("Top actions", "Actions prioritaires"),
    "sum.no_actions": ("No corrective action is required by the rules.",
                       "Aucune action corrective n'est requise par les règles."),
    "sum.risk_head": ("Residual risk", "Risque résiduel"),
    "sum.risk_line": ("{event}: {before} before the planned measures, {after} after.",
                      "{event} : {before} avant les mesures prévues, {after} après."),
    "sum.limits_head": ("Limits of this audit", "Limites de cet audit"),
    "sum.footage_cover": ("Footage was analysed for {n} of {m} camera(s).",
                          "Des images ont été analysées pour {n} caméra(s) sur {m}."),
    "sum.footage_errors": ("{n} footage file(s) could not be read (see the per-camera evidence).",
                           "{n} fichier(s) vidéo n'ont pas pu être lus (voir les éléments par caméra)."),
    "sum.questions_left": ("{n} question(s) are left to the assessor (section {section}).",
                           "{n} question(s) restent à trancher par l'évaluateur (section {section})."),
    "sum.evidence_reviewed": ("The evidence frames were reviewed by a person in the application before export.",
                              "Les images de preuve ont été revues par une personne dans l'application avant "
                              "l'export."),
    # description
    "desc.intro": ("This section describes the processing operations and their purposes, as declared in the "
                   "deployment configuration.",
                   "Cette section décrit les opérations de traitement et leurs finalités, telles que déclarées "
                   "dans la configuration du dispositif."),
    "desc.context": ("Context", "Contexte"),
    "desc.activities": ("Processing activities and purposes", "Activités de traitement et finalités"),
    "desc.data": ("Data categories and data subjects", "Catégories de données et personnes concernées"),
    "desc.recipients": ("Recipients and processors", "Destinataires et sous-traitants"),
    "desc.transfers": ("Transfers outside the EEA", "Transferts hors de l'EEE"),
    "desc.retention": ("Retention", "Durées de conservation"),
    "desc.cameras": ("Cameras", "Caméras"),
    "desc.no_activities": ("No processing activity is declared.", "Aucune activité de traitement n'est déclarée."),
    "desc.no_vendors": ("No vendor or processor is declared.", "Aucun prestataire ni sous-traitant n'est déclaré."),
    "desc.no_transfers": ("No transfer outside the EEA is declared or derived.",
                          "Aucun transfert hors de l'EEE n'est déclaré ni déduit."),
    "desc.no_cameras": ("No camera is declared.", "Aucune caméra n'est déclarée."),
    "desc.recipients_other": ("Other recipients of footage", "Autres destinataires des images"),
    "f.store_type": ("Store type", "Type de magasin"),
    "f.address": ("Address", "Adresse"),
    "f.country": ("Country", "Pays"),
    "f.opening_hours": ("Opening hours", "Horaires d'ouverture"),
    "f.open_to_public": ("Open to the public", "Ouvert au public"),
    "f.store_count": ("Stores covered", "Magasins couverts"),
    "f.visitors": ("Visitors per day", "Visiteurs par jour"),
    "f.employees": ("Employees at the site", "Salariés sur le site"),
    "f.joint_controllers": ("Joint controllers", "Responsables conjoints"),
    "f.activity": ("Activity", "Activité"),
    "f.technique": ("Technique", "Technique"),
    "f.purpose": ("Purpose", "Finalité"),
    "f.legal_basis": ("Legal basis", "Base légale"),
    "f.cameras": ("Cameras", "Caméras"),
    "f.ai_type": ("AI Act type", "Type (AI Act)"),
    "f.data_categories": ("Data categories", "Catégories de données"),
    "f.subjects": ("Data subjects", "Personnes concernées"),
    "f.special": ("Special categories", "Catégories particulières"),
    "f.vendor": ("Vendor", "Prestataire"),
    "f.role": ("Role", "Rôle"),
    "f.receives": ("Receives", "Reçoit"),
    "f.art28": ("Art 28 contract", "Contrat art. 28"),
    "f.mechanism": ("Transfer mechanism", "Outil de transfert"),
    "f.recipient": ("Recipient", "Destinataire"),
    "f.camera": ("Camera", "Caméra"),
    "f.zone": ("Zone", "Zone"),
    "f.view": ("View", "Angle"),
    "f.resolution": ("Resolution", "Résolution"),
    "f.purposes": ("Purposes", "Finalités"),
    "f.recording": ("Recording", "Enregistrement"),
    "f.retention": ("Retention", "Conservation"),
    "f.viewers": ("Viewers", "Accès"),
    "f.auto_delete": ("Automatic deletion", "Suppression automatique"),
    "f.item": ("Item", "Élément"),
    "f.days": ("{n} day(s)", "{n} jour(s)"),
    "f.justification": ("Justification", "Justification"),
    "f.consent": ("Consent mechanism", "Recueil du consentement"),
    "f.lia": ("Legitimate-interest assessment", "Analyse de l'intérêt légitime"),
    "f.art9": ("Art 9(2) exception", "Exception art. 9(2)"),
    # necessity
    "nec.intro": ("For each principle: what the configuration declares, then the findings that bear on it. "
                  "A finding listed here is detailed in section {section}.",
                  "Pour chaque principe : ce que déclare la configuration, puis les constats qui s'y rapportent. "
                  "Chaque constat cité est détaillé en section {section}."),
    "nec.lawful": ("Lawful basis", "Base légale"),
    "nec.minimisation": ("Purpose limitation and data minimisation", "Limitation des finalités et minimisation"),
    "nec.retention": ("Storage limitation", "Limitation de la conservation"),
    "nec.information": ("Information and signage", "Information et signalétique"),
    "nec.rights": ("Data-subject rights", "Droits des personnes"),
    "nec.no_findings": ("No finding on this principle.", "Aucun constat sur ce principe."),
    "nec.signage_present": ("Signage present: {v}; before entry: {b}; fields: {f}.",
                            "Panneaux présents : {v} ; avant l'entrée : {b} ; mentions : {f}."),
    "nec.signage_absent": ("No signage is declared.", "Aucune signalétique n'est déclarée."),
    "nec.procedures": ("Access-request procedure: {a}; footage frozen on request: {f}; disclosure log: {d}.",
                       "Procédure de droit d'accès : {a} ; gel des images sur demande : {f} ; "
                       "registre des communications : {d}."),
    "nec.objection": ("Right to object for {act}: {v}.", "Droit d'opposition pour {act} : {v}."),
    "nec.minimisation_facts": ("{n} camera(s) with privacy masking; {a} with audio recording; {p} with PTZ zoom.",
                               "{n} caméra(s) avec masquage ; {a} avec enregistrement du son ; {p} avec zoom PTZ."),
    # risks
    "risk.intro": (
        "Following the CNIL PIA method, the risks are the three feared events on the personal data. Each is rated "
        "for severity (how serious the harm to the people concerned would be) and likelihood (how likely the "
        "event is, given the vulnerabilities and risk sources), on 1–4 scales, before and after the measures "
        "planned in section {section}. The levels come from the declared facts and the findings, by the rules "
        "listed under each event.",
        "Selon la méthode PIA de la CNIL, les risques sont les trois événements redoutés sur les données "
        "personnelles. Chacun est évalué en gravité (importance du préjudice pour les personnes) et en "
        "vraisemblance (possibilité que l'événement survienne, compte tenu des vulnérabilités et des sources de "
        "risque), sur des échelles de 1 à 4, avant et après les mesures prévues en section {section}. Les niveaux "
        "découlent des faits déclarés et des constats, selon les règles indiquées sous chaque événement."),
    "risk.scale": ("Scale: 1 negligible, 2 limited, 3 significant, 4 maximum.",
                   "Échelle : 1 négligeable, 2 limitée, 3 importante, 4 maximale."),
    "risk.event": ("Feared event", "Événement redouté"),
    "risk.severity": ("Severity", "Gravité"),
    "risk.likelihood": ("Likelihood", "Vraisemblance"),
    "risk.before": ("before", "avant"),
    "risk.after": ("after", "après"),
    "risk.level": ("Risk", "Risque"),
    "risk.map": ("Risk map", "Cartographie des risques"),
    "risk.map_caption": ("Open marks: before the planned measures; filled marks: after. "
                         "A = illegitimate access, M = unwanted modification, D = disappearance.",
                         "Marques vides : avant les mesures prévues ; marques pleines : après. "
                         "A = accès illégitime, M = modification non désirée, D = disparition."),
    "risk.why": ("How the levels were set", "Justification des niveaux"),
    "risk.factor": ("Factor", "Facteur"),
    "risk.effect": ("Effect", "Effet"),
    "risk.findings": ("Findings", "Constats"),
    "risk.after_col": ("After the measures", "Après les mesures"),
    "risk.kept": ("remains", "subsiste"),
    "risk.removed": ("removed by the action plan", "supprimé par le plan d'action"),
    "risk.base": ("starting level", "niveau de départ"),
    "risk.set_to": ("severity at least {n}", "gravité au moins {n}"),
    "risk.plus": ("likelihood +{n}", "vraisemblance +{n}"),
    "risk.minus": ("likelihood −{n}", "vraisemblance −{n}"),
    "risk.prior_consultation": (
        "A high residual risk remains after the planned measures: unless it can be reduced further, the "
        "supervisory authority must be consulted before the processing starts (GDPR Art 36(1)).",
        "Un risque résiduel élevé subsiste après les mesures prévues : à moins de le réduire davantage, "
        "l'autorité de contrôle doit être consultée avant la mise en œuvre du traitement (RGPD art. 36(1))."),
    "risk.assessor_note": ("The assessor may adjust these levels; record any change and its reason in Appendix B.",
                           "L'évaluateur peut ajuster ces niveaux ; consignez toute modification et sa raison "
                           "en annexe B."),
    # measures
    "meas.intro": ("Measures already declared in the configuration, then one action per finding to be remedied. "
                   "Fill in the owner and the due date of each action.",
                   "Mesures déjà déclarées dans la configuration, puis une action par constat à corriger. "
                   "Renseignez le responsable et l'échéance de chaque action."),
    "meas.existing": ("Measures in place (declared)", "Mesures existantes (déclarées)"),
    "meas.none_declared": ("No security or organisational measure is declared.",
                           "Aucune mesure de sécurité ou d'organisation n'est déclarée."),
    "meas.plan": ("Action plan", "Plan d'action"),
    "meas.no_actions": ("No action is required by the findings.", "Aucune action n'est requise par les constats."),
    "meas.num": ("#", "n°"),
    "meas.action": ("Action", "Action"),
    "meas.finding": ("Finding", "Constat"),
    "meas.priority": ("Priority", "Priorité"),
    "meas.owner": ("Owner", "Responsable"),
    "meas.due": ("Due date", "Échéance"),
    "meas.applies_to": ("Applies to: {subjects}", "Concerne : {subjects}"),
    "act.sheet": ("Action plan", "Plan d'action"),
    "pia.proposed": ("Proposed by Store Camera Privacy Auditor from its findings; to be confirmed by the evaluator.",
                     "Proposé par Store Camera Privacy Auditor d'après ses constats ; à confirmer par l'évaluateur."),
    "act.severity": ("Severity", "Gravité"),
    "act.rule": ("Rule", "Règle"),
    "act.subjects": ("Applies to", "Concerne"),
    "act.references": ("References", "Références"),
    "act.status": ("Status", "Statut"),
    "act.notes": ("Notes", "Commentaires"),
    "act.status_values": ("To do,In progress,Done,Not applicable", "À faire,En cours,Fait,Sans objet"),
    # evidence
    "ev.intro": (
        "What the footage analysis measured on each camera's sample footage, and the evidence frames with every "
        "detected face irreversibly masked. Before a frame was embedded, detection was run again on the masked "
        "frame and anything it found was masked too. Absence of detected faces is never proof that no face is "
        "visible: see the detector's measured recall for each camera.",
        "Ce que l'analyse a mesuré sur les extraits de chaque caméra, et les images de preuve où chaque visage "
        "détecté est masqué de façon irréversible. Avant d'insérer une image, la détection a été relancée sur "
        "l'image masquée et tout ce qu'elle a trouvé a été masqué à son tour. L'absence de visage détecté n'est "
        "jamais la preuve qu'aucun visage n'est visible : voir le rappel mesuré du détecteur pour chaque caméra."),
    "ev.no_footage": ("No footage was analysed for this camera: the findings rely on the declared configuration "
                      "only.",
                      "Aucune image n'a été analysée pour cette caméra : les constats reposent uniquement sur la "
                      "configuration déclarée."),
    "ev.files": ("Footage files", "Fichiers vidéo"),
    "ev.frames_analysed": ("Frames analysed", "Images analysées"),
    "ev.sampling": ("Sampling", "Échantillonnage"),
    "ev.duration": ("Duration", "Durée"),
    "ev.seconds": ("{n} s", "{n} s"),
    "ev.fps": ("{n} frame(s)/s", "{n} image(s)/s"),
    "ev.faces_per_frame": ("Faces per frame (mean / max)", "Visages par image (moyenne / max)"),
    "ev.distinct_people": ("Distinct people (estimate)", "Personnes distinctes (estimation)"),
    "ev.dwell": ("Median dwell time", "Temps de présence médian"),
    "ev.face_width": ("Face width in pixels (p10 / p50 / p90 / max)",
                      "Largeur des visages en pixels (p10 / p50 / p90 / max)"),
    "ev.dori": ("DORI capability class (EN 62676-4)", "Classe de capacité DORI (EN 62676-4)"),
    "ev.recognition_grade": ("Face-recognition grade", "Qualité suffisante pour la reconnaissance faciale"),
    "ev.id_share": ("Share of frames with identification-grade frontal faces",
                    "Part des images contenant des visages de face de qualité identification"),
    "ev.id_capture": ("Identification-grade capture (share ≥ 5%, product threshold)",
                      "Capture de qualité identification (part ≥ 5 %, seuil du produit)"),
    "ev.contradiction": ("The camera is declared for anonymous purposes only, yet its footage shows "
                         "identification-grade faces.",
                         "La caméra est déclarée pour des finalités anonymes uniquement, mais ses images montrent "
                         "des visages de qualité identification."),
    "ev.could_not_see": ("What the audit could not see", "Ce que l'audit n'a pas pu voir"),
    "ev.recall_line": ("Faces {bucket} px wide: the detector finds {recall} of them (measured on the benchmark); "
                       "about {miss} of such faces may be missed.",
                       "Visages de {bucket} px de large : le détecteur en trouve {recall} (mesuré sur le banc "
                       "d'essai) ; environ {miss} de ces visages peuvent lui échapper."),
    "ev.recall_unknown": ("The detector's recall for the face sizes of this camera is not known.",
                          "Le rappel du détecteur pour les tailles de visage de cette caméra n'est pas connu."),
    "ev.detector": ("Detector: {name}.", "Détecteur : {name}."),
    "ev.unreadable": ("Unreadable footage: {path} ({message}).", "Images illisibles : {path} ({message})."),
    "ev.no_unreadable": ("All footage files of this camera could be read.",
                         "Tous les fichiers vidéo de cette caméra ont pu être lus."),
    "ev.no_faces_caveat": ("No face was detected in the analysed frames. This does not prove that the camera "
                           "captures no face: the detector can miss faces, and only samples were analysed.",
                           "Aucun visage n'a été détecté dans les images analysées. Cela ne prouve pas que la "
                           "caméra ne capte aucun visage : le détecteur peut en manquer et seuls des extraits ont "
                           "été analysés."),
    "ev.frames": ("Redacted evidence frames", "Images de preuve masquées"),
    "ev.frame_caption": ("{file}, frame {index}{time}: {masked} face(s) masked{extra}.",
                         "{file}, image {index}{time} : {masked} visage(s) masqué(s){extra}."),
    "ev.frame_time": (" (t = {t} s)", " (t = {t} s)"),
    "ev.frame_extra": (", of which {n} found only by the verification pass",
                       ", dont {n} trouvé(s) uniquement par la vérification"),
    "ev.frame_reason": ("Selected because: {reason}.", "Choisie car : {reason}."),
    "ev.frame_withheld": ("{file}, frame {index}: not embedded ({reason}).",
                          "{file}, image {index} : non insérée ({reason})."),
    "ev.withheld.unreadable": ("the frame could not be read", "l'image n'a pas pu être lue"),
    "ev.withheld.unverified": ("a face was still detected after masking; the frame is withheld",
                               "un visage était encore détecté après masquage ; l'image est retenue"),
    "ev.withheld.no_redactor": ("no redaction engine is available in this installation",
                                "aucun moteur de masquage n'est disponible dans cette installation"),
    "ev.withheld.error": ("redaction failed: {error}", "le masquage a échoué : {error}"),
    "ev.no_frames": ("No evidence frame was selected for this camera.",
                     "Aucune image de preuve n'a été retenue pour cette caméra."),
    "ev.frames_omitted": ("Evidence frames were not embedded in this report.",
                          "Les images de preuve n'ont pas été insérées dans ce rapport."),
    "ev.reason.most_faces": ("most faces", "le plus de visages"),
    "ev.reason.largest_face": ("largest frontal face", "le plus grand visage de face"),
    "ev.reason.largest_frontal_face": ("largest frontal face", "le plus grand visage de face"),
    "ev.reason.first": ("first frame", "première image"),
    "ev.reason.random": ("random sample", "échantillon aléatoire"),
    "ev.reason.median": ("typical frame", "image représentative"),
    "ev.reason.other": ("representative frame", "image représentative"),
    "ev.findings_for_camera": ("Findings on this camera: {ids}.", "Constats sur cette caméra : {ids}."),
    # findings
    "fnd.intro": ("Every finding of the rules, worst first, with its legal references and the remediation. "
                  "Waived findings are listed with their waiver.",
                  "Tous les constats des règles, du plus grave au moins grave, avec leurs références juridiques et "
                  "la mesure corrective. Les constats dérogés figurent avec leur dérogation."),
    "fnd.none": ("The rules raised no finding.", "Les règles n'ont relevé aucun constat."),
    "fnd.subject": ("Subject", "Objet"),
    "fnd.why": ("Why it matters", "Pourquoi c'est important"),
    "fnd.remediation": ("Remediation", "Mesure corrective"),
    "fnd.references": ("Legal references", "Références juridiques"),
    "fnd.precedents": ("Decisions applying these provisions", "Décisions ayant appliqué ces dispositions"),
    "fnd.evidence": ("Facts that triggered it", "Faits déclencheurs"),
    "fnd.waived": ("Waived: {justification} (approved by {approver}, until {expires}).",
                   "Dérogé : {justification} (approuvé par {approver}, jusqu'au {expires})."),
    "fnd.waiver_expired": ("Waiver expired on {expires}: the finding counts as open.",
                           "Dérogation expirée le {expires} : le constat est traité comme ouvert."),
    "fnd.pack": ("Rule pack", "Référentiel"),
    "subject.deployment": ("whole deployment", "ensemble du dispositif"),
    "subject.camera": ("camera {id}", "caméra {id}"),
    "subject.activity": ("activity {id}", "activité {id}"),
    # questions
    "q.intro": ("The rules could not decide these points from the facts: a fact they need is missing, or the "
                "law calls for judgement. Answer each one and record the answer; a re-run of the audit with the "
                "completed configuration turns the answers into verdicts.",
                "Les règles n'ont pas pu trancher ces points à partir des faits : un fait nécessaire manque ou le "
                "droit appelle un jugement. Répondez à chacun et consignez la réponse ; un nouvel audit avec la "
                "configuration complétée transformera les réponses en conclusions."),
    "q.none": ("No question is left to the assessor.", "Aucune question n'est laissée à l'évaluateur."),
    "q.answer": ("Answer", "Réponse"),
    "q.badge": ("Question", "Question"),
    "q.missing": ("Not declared in the configuration: {field}", "Non déclaré dans la configuration : {field}"),
    "desc.implicit_recording": (
        "No processing activity is declared, but {n} camera(s) record images: the recording is itself a processing "
        "operation (video surveillance). Declare it as an activity with its purpose and legal basis.",
        "Aucune activité de traitement n'est déclarée, mais {n} caméra(s) enregistrent des images : "
        "l'enregistrement est en lui-même un traitement (vidéoprotection). Déclarez-le comme activité, avec sa "
        "finalité et sa base légale."),
    "q.answered_head": ("Questions answered by the assessor", "Questions tranchées par l'évaluateur"),
    "q.answered_intro": ("These points were decided by the assessor's recorded answers (the answers file or the "
                         "deployment file's `answers:` section), not by the facts.",
                         "Ces points ont été tranchés par les réponses consignées de l'évaluateur (fichier de "
                         "réponses ou section `answers:` du fichier de déploiement), non par les faits."),
    "q.answered_line": ("answered by the assessor ({who}, {when}): {decision}",
                        "réponse de l'évaluateur ({who}, {when}) : {decision}"),
    "q.decision.failed": ("failed: the finding applies", "non satisfait : le constat s'applique"),
    "q.decision.passed": ("passed", "satisfait"),
    # waivers
    "w.intro": ("Findings the controller chose to accept, with the written justification. A waiver never hides a "
                "finding: it is shown here and in section {section}.",
                "Constats que le responsable du traitement a choisi d'accepter, avec leur justification écrite. "
                "Une dérogation ne masque jamais un constat : il figure ici et en section {section}."),
    "w.none": ("No waiver applies.", "Aucune dérogation ne s'applique."),
    "w.rule": ("Rule", "Règle"),
    "w.justification": ("Justification", "Justification"),
    "w.approver": ("Approved by", "Approuvée par"),
    "w.expires": ("Expires", "Expiration"),
    "w.status": ("Status", "Statut"),
    "w.active": ("active", "active"),
    "w.expired": ("expired: ignored", "expirée : ignorée"),
    "w.unused": ("Waivers that matched no finding", "Dérogations sans constat correspondant"),
    "w.expired_list": ("Expired waivers", "Dérogations expirées"),
    # audit trail
    "trail.intro": ("Everything needed to re-run this audit and obtain the same report: the SHA-256 of every "
                    "input, the tool and rule-pack versions and the time of the audit.",
                    "Tout ce qu'il faut pour relancer cet audit et obtenir le même rapport : l'empreinte SHA-256 "
                    "de chaque entrée, les versions de l'outil et des référentiels, et l'heure de l'audit."),
    "trail.inputs": ("Inputs", "Entrées"),
    "trail.kind": ("Kind", "Type"),
    "trail.path": ("Path", "Chemin"),
    "trail.sha": ("SHA-256", "SHA-256"),
    "trail.packs": ("Rule packs", "Référentiels de règles"),
    "trail.pack": ("Pack", "Référentiel"),
    "trail.version": ("Version", "Version"),
    "trail.checked": ("Checked against sources", "Vérifié sur les sources"),
    "trail.rules": ("Rules", "Règles"),
    "trail.source": ("Source", "Origine"),
    "trail.tool": ("Tool version", "Version de l'outil"),
    "trail.time": ("Time of the audit", "Heure de l'audit"),
    "trail.audit_date": ("Audit date used by the rules", "Date d'audit utilisée par les règles"),
    "trail.review": ("Evidence review", "Revue des éléments probants"),
    "trail.reviewed": ("The evidence frames were reviewed by a person in the application before export.",
                       "Les images de preuve ont été revues par une personne dans l'application avant l'export."),
    "trail.not_reviewed": ("Not done. The evidence frames were not reviewed by a person in the application before "
                           "this report was produced; the masking relies on the automatic detector alone.",
                           "Non effectuée. Les images de preuve n'ont pas été revues par une personne dans "
                           "l'application avant la production de ce rapport ; le masquage repose uniquement sur le "
                           "détecteur automatique."),
    "trail.warnings": ("Warnings", "Avertissements"),
    "trail.footage_errors": ("Footage that could not be analysed", "Images qui n'ont pas pu être analysées"),
    "kind.config": ("configuration", "configuration"),
    "kind.footage": ("footage", "vidéo"),
    "kind.pack": ("rule pack", "référentiel"),
    "kind.waivers": ("waivers", "dérogations"),
    "source.builtin": ("built in", "intégré"),
    # sign-off
    "sign.dpo_opinion": ("Opinion of the data protection officer (GDPR Art 35(2))",
                         "Avis du délégué à la protection des données (RGPD art. 35(2))"),
    "sign.subjects_views": ("Views of data subjects or their representatives (GDPR Art 35(9))",
                            "Avis des personnes concernées ou de leurs représentants (RGPD art. 35(9))"),
    "sign.decision": ("Decision of the controller", "Décision du responsable du traitement"),
    "sign.decision_options": ("☐ The processing may start   ☐ It may start once the action plan is done   "
                              "☐ The supervisory authority is consulted first (Art 36)   ☐ It is abandoned",
                              "☐ Le traitement peut être mis en œuvre   ☐ Il peut l'être une fois le plan d'action "
                              "réalisé   ☐ L'autorité de contrôle est consultée au préalable (art. 36)   "
                              "☐ Il est abandonné"),
    "sign.name": ("Name", "Nom"),
    "sign.role": ("Role", "Fonction"),
    "sign.date": ("Date", "Date"),
    "sign.signature": ("Signature", "Signature"),
    "sign.assessor": ("Assessor", "Évaluateur"),
    "sign.dpo": ("Data protection officer", "Délégué à la protection des données"),
    "sign.controller": ("For the controller", "Pour le responsable du traitement"),
    "sign.review_date": ("Next review of this DPIA", "Prochaine révision de cette AIPD"),
    # glossary
    "glossary.term": ("Term", "Terme"),
    "glossary.definition": ("Definition", "Définition"),
}

# Severity names and descriptions (REFERENCE.md's legend).
_SEVERITY: dict[str, tuple[str, str]] = {
    "blocker": ("blocker", "bloquant"),
    "major": ("major", "majeur"),
    "minor": ("minor", "mineur"),
    "info": ("info", "information"),
    "question": ("question", "question"),
}

_LEVELS: dict[int, tuple[str, str]] = {
    1: ("1 negligible", "1 négligeable"),
    2: ("2 limited", "2 limitée"),
    3: ("3 significant", "3 importante"),
    4: ("4 maximum", "4 maximale"),
}

_RISK_LEVEL: dict[str, tuple[str, str]] = {
    "low": ("low", "faible"),
    "medium": ("medium", "moyen"),
    "high": ("high", "élevé"),
}

WP248_NAMES: dict[int, tuple[str, str]] = {
    1: ("Evaluation or scoring, including profiling and predicting",
        "Évaluation ou notation, y compris le profilage et la prédiction"),
    2: ("Automated decision-making with legal or similarly significant effect",
        "Décision automatisée avec effet juridique ou effet similaire significatif"),
    3: ("Systematic monitoring", "Surveillance systématique"),
    4: ("Sensitive data or data of a highly personal nature", "Données sensibles ou à caractère hautement personnel"),
    5: ("Data processed on a large scale", "Données traitées à grande échelle"),
    6: ("Matching or combining datasets", "Croisement ou combinaison d'ensembles de données"),
    7: ("Data concerning vulnerable data subjects", "Données concernant des personnes vulnérables"),
    8: ("Innovative use or new technological solutions", "Usage innovant ou nouvelle solution technologique"),
    9: ("Processing that prevents exercising a right or using a service or contract",
        "Traitement qui empêche d'exercer un droit ou de bénéficier d'un service ou d'un contrat"),
}

CNIL_LIST_NAMES: dict[str, tuple[str, str]] = {
    "3": ("profiling of employees (HR)", "profilage des salariés (RH)"),
    "4": ("constant monitoring of employees' activity", "surveillance constante de l'activité des salariés"),
    "8": ("profiling that may exclude people from a contract or service",
          "profilage pouvant exclure des personnes d'un contrat ou d'un service"),
    "9": ("pooled data on breaches or misconduct", "mutualisation de données sur des manquements"),
    "10": ("profiling with data from external sources", "profilage à partir de données externes"),
    "11": ("biometric data of vulnerable people", "données biométriques de personnes vulnérables"),
    "14": ("large-scale location data", "données de localisation à grande échelle"),
}

ART35_3_NAMES: dict[str, tuple[str, str]] = {
    "a": ("(a) systematic and extensive evaluation with significant effects",
          "(a) évaluation systématique et approfondie produisant des effets significatifs"),
    "b": ("(b) special categories of data on a large scale", "(b) catégories particulières de données à grande échelle"),
    "c": ("(c) systematic monitoring of a publicly accessible area on a large scale",
          "(c) surveillance systématique à grande échelle d'une zone accessible au public"),
}


GLOSSARY: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (("DPIA", "AIPD"), ("Data protection impact assessment (GDPR Art 35).",
                        "Analyse d'impact relative à la protection des données (RGPD art. 35).")),
    (("DPO", "DPO"), ("Data protection officer (GDPR Art 37–39).", "Délégué à la protection des données (RGPD art. 37 à 39).")),
    (("Controller", "Responsable du traitement"),
     ("The body that decides why and how personal data are processed (GDPR Art 4(7)).",
      "L'organisme qui détermine les finalités et les moyens du traitement (RGPD art. 4(7)).")),
    (("Processor", "Sous-traitant"), ("A body that processes personal data on the controller's behalf (GDPR Art 28).",
                                      "Un organisme qui traite des données pour le compte du responsable (RGPD art. 28).")),
    (("EEA", "EEE"), ("European Economic Area: the EU 27 plus Iceland, Liechtenstein and Norway.",
                      "Espace économique européen : les 27 pays de l'UE, l'Islande, le Liechtenstein et la Norvège.")),
    (("WP248", "WP248"), ("Guidelines of the Article 29 Working Party on DPIAs, endorsed by the EDPB: nine criteria; "
                          "two or more usually make a DPIA mandatory.",
                          "Lignes directrices du groupe de l'article 29 sur l'AIPD, reprises par le CEPD : neuf "
                          "critères ; deux ou plus rendent en général l'AIPD obligatoire.")),
    (("Feared event", "Événement redouté"),
     ("In the CNIL PIA method: illegitimate access to, unwanted modification of, or disappearance of personal data.",
      "Dans la méthode PIA de la CNIL : accès illégitime, modification non désirée ou disparition de données personnelles.")),
    (("Severity", "Gravité"), ("How serious the harm to the people concerned would be, from 1 (negligible) to 4 (maximum).",
                               "Importance du préjudice pour les personnes, de 1 (négligeable) à 4 (maximale).")),
    (("Likelihood", "Vraisemblance"), ("How likely a feared event is, from 1 (negligible) to 4 (maximum).",
                                       "Possibilité qu'un événement redouté survienne, de 1 (négligeable) à 4 (maximale).")),
    (("DORI", "DORI"), ("Detection, observation, recognition, identification: the pixel-density classes of EN 62676-4 "
                        "for what a camera can show of a person.",
                        "Détection, observation, reconnaissance, identification : classes de densité de pixels de la "
                        "norme EN 62676-4 selon ce qu'une caméra permet de voir d'une personne.")),
    (("Identification grade", "Qualité identification"),
     ("A frontal face with enough pixels for a biometric template to be computed from it.",
      "Un visage de face comportant assez de pixels pour en calculer un gabarit biométrique.")),
    (("Recall", "Rappel"), ("The share of the faces really present that the detector finds.",
                            "La part des visages réellement présents que le détecteur trouve.")),
    (("Redaction", "Masquage"), ("Irreversible masking of faces (strong pixelation and blur, or a solid fill) before a "
                                 "frame is put in the report.",
                                 "Occultation irréversible des visages (forte pixellisation et flou, ou aplat) avant "
                                 "qu'une image soit insérée dans le rapport.")),
    (("Blocker", "Bloquant"), ("The practice is prohibited, or unlawful unless an exception applies that a retailer "
                               "normally cannot invoke. Do not deploy.",
                               "La pratique est interdite, ou illicite sauf exception qu'un commerçant ne peut "
                               "normalement pas invoquer. Ne pas déployer.")),
    (("Major", "Majeur"), ("Likely infringement: fix it before go-live.",
                           "Manquement probable : à corriger avant la mise en service.")),
    (("Minor", "Mineur"), ("A documentation or good-practice gap.", "Un écart de documentation ou de bonne pratique.")),
    (("Waiver", "Dérogation"), ("A finding the controller accepts with a written justification, an approver and an "
                                "expiry date; it stays visible in the report.",
                                "Un constat accepté par le responsable avec une justification écrite, un approbateur "
                                "et une date d'expiration ; il reste visible dans le rapport.")),
    (("SCC / TIA", "CCT / AIT"), ("Standard contractual clauses for transfers outside the EEA / transfer impact assessment.",
                                  "Clauses contractuelles types pour les transferts hors EEE / analyse d'impact des transferts.")),
    (("SHA-256", "SHA-256"), ("A cryptographic fingerprint of a file: any change to the file changes it.",
                              "Une empreinte cryptographique d'un fichier : toute modification du fichier la change.")),
    (("AI Act", "AI Act"), ("Regulation (EU) 2024/1689 laying down harmonised rules on artificial intelligence.",
                            "Règlement (UE) 2024/1689 établissant des règles harmonisées concernant l'intelligence artificielle.")),
]


def _pick(pair: tuple[str, str], lang: str) -> str:
    if lang == "fr":
        return french_typography(pair[1])
    return pair[0]


def t(lang: str, key: str, **params: Any) -> str:
    """The report string `key` in `lang`, with `{name}` parameters filled in."""
    text = _pick(_S[key], lang)
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in _S


def severity_label(severity: str, lang: str) -> str:
    return _pick(_SEVERITY.get(severity, (severity, severity)), lang)


def level_label(level: int, lang: str) -> str:
    return _pick(_LEVELS[int(level)], lang)


def risk_level_label(level: str, lang: str) -> str:
    return _pick(_RISK_LEVEL[level], lang)


def humanise(value: str) -> str:
    """Last resort for a value outside the vocabularies: 'some_value' -> 'some value'."""
    return str(value).replace("_", " ")


def vocab(field: str, value: Any, lang: str) -> str:
    """A closed-vocabulary value (zone, purpose, technique, ...) in words."""
    if value is None:
        return t(lang, "unknown")
    pair = VOCAB.get(field, {}).get(str(value))
    return _pick(pair, lang) if pair else humanise(value)


def vocab_list(field: str, values: Any, lang: str) -> str:
    if not values:
        return t(lang, "dash")
    return ", ".join(vocab(field, v, lang) for v in values)


def yes_no(value: Any, lang: str) -> str:
    """yes / no / not declared."""
    if value is None:
        return t(lang, "unknown")
    return t(lang, "yes") if value else t(lang, "no")


def wp248_name(number: int, lang: str) -> str:
    return _pick(WP248_NAMES.get(int(number), (f"criterion {number}", f"critère {number}")), lang)


def cnil_item_name(item: str, lang: str) -> str:
    pair = CNIL_LIST_NAMES.get(str(item))
    return f"{item} ({_pick(pair, lang)})" if pair else str(item)


def art35_3_name(point: str, lang: str) -> str:
    return _pick(ART35_3_NAMES.get(str(point), (str(point), str(point))), lang)


def country_name(code: str | None, lang: str) -> str:
    """The country's name in the report's language (CLDR data through Babel), e.g. FR -> France; the code if unknown."""
    if not code:
        return t(lang, "unknown")
    from babel import Locale

    return Locale.parse(lang).territories.get(str(code).upper(), str(code))


def all_keys() -> list[str]:
    return list(_S)
