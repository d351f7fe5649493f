"""The legal instruments a reference may cite: short name -> jurisdiction, name in its own language and in English.

The jurisdiction decides where a reference may be shown: an EU or international instrument fits every store,
a national one (a French code, the Spanish LOPDGDD, a national authority's guidance) only a store in its
country. Names are given as the instrument names itself; where it has several official languages (Belgium),
both are given, joined by " / ".
"""

from __future__ import annotations

from dataclasses import dataclass

EU = "EU"                # Union law and EU bodies (EDPB, WP29, Commission, CJEU)
INTERNATIONAL = "INT"    # courts and standards above national level (ECtHR, EN/ISO standards)


@dataclass(frozen=True)
class Instrument:
    jurisdiction: str    # "EU", "INT" or an ISO 3166-1 alpha-2 code (with subdivision for US-IL)
    name: str            # in its own language(s)
    name_en: str


def _i(jurisdiction: str, name: str, name_en: str | None = None) -> Instrument:
    return Instrument(jurisdiction, name, name_en or name)


INSTRUMENT_INFO: dict[str, Instrument] = {
    # --- EU law, EU guidance and EU courts ---
    "GDPR": _i(EU, "Regulation (EU) 2016/679 (General Data Protection Regulation)"),
    "AI Act": _i(EU, "Regulation (EU) 2024/1689 (Artificial Intelligence Act)"),
    "ePrivacy Directive": _i(EU, "Directive 2002/58/EC (ePrivacy Directive)"),
    "EDPB Guidelines 3/2019": _i(EU, "EDPB Guidelines 3/2019 on processing of personal data through video devices"),
    "WP248": _i(EU, "WP29 Guidelines on Data Protection Impact Assessment (WP248 rev.01)"),
    "WP260": _i(EU, "WP29 Guidelines on transparency (WP260 rev.01)"),
    "WP243": _i(EU, "WP29 Guidelines on Data Protection Officers (WP243 rev.01)"),
    "WP249": _i(EU, "WP29 Opinion 2/2017 on data processing at work (WP249)"),
    "WP247": _i(EU, "WP29 Opinion 01/2017 on the proposed ePrivacy Regulation (WP247)"),
    "EDPB Guidelines 05/2020": _i(EU, "EDPB Guidelines 05/2020 on consent"),
    "EDPB Guidelines 1/2024": _i(EU, "EDPB Guidelines 1/2024 on legitimate interest"),
    "EDPB Opinion 11/2024": _i(EU, "EDPB Opinion 11/2024 on facial recognition in airports"),
    "Commission Guidelines on prohibited AI practices": _i(EU, "Commission Guidelines on prohibited AI practices"),
    "Digital Omnibus on AI": _i(EU, "Regulation (EU) 2026/1744 (Digital Omnibus on AI)"),
    "CJEU": _i(EU, "Court of Justice of the European Union"),
    "ECtHR": _i(INTERNATIONAL, "European Court of Human Rights"),
    "EN 62676-4": _i(INTERNATIONAL, "EN 62676-4 Video surveillance systems, application guidelines"),
    # --- France ---
    "CNIL": _i("FR", "Commission nationale de l'informatique et des libertés",
               "French data protection authority (CNIL)"),
    "CNIL DPIA list": _i("FR", "Liste des types d'opérations de traitement pour lesquelles une AIPD est requise (CNIL)",
                         "CNIL list of processing operations that require a DPIA"),
    "CSI": _i("FR", "Code de la sécurité intérieure", "French Internal Security Code"),
    "French Labour Code": _i("FR", "Code du travail", "French Labour Code"),
    "C. env.": _i("FR", "Code de l'environnement", "French Environment Code"),
    "Loi 78-17": _i("FR", "Loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et aux libertés",
                    "French Data Protection Act (Law 78-17 of 6 January 1978)"),
    "CE": _i("FR", "Conseil d'État", "French Council of State"),
    # --- Spain ---
    "LOPDGDD": _i("ES", "Ley Orgánica 3/2018, de 5 de diciembre, de Protección de Datos Personales y garantía de "
                        "los derechos digitales",
                  "Spanish Organic Law 3/2018 on the Protection of Personal Data and the guarantee of digital rights"),
    "AEPD": _i("ES", "Agencia Española de Protección de Datos", "Spanish data protection authority (AEPD)"),
    # --- Italy ---
    "Statuto dei lavoratori": _i("IT", "Legge 20 maggio 1970, n. 300 (Statuto dei lavoratori)",
                                 "Italian Workers' Statute (Law 300 of 20 May 1970)"),
    "Codice privacy": _i("IT", "Decreto legislativo 30 giugno 2003, n. 196 (Codice in materia di protezione dei dati "
                               "personali)", "Italian Personal Data Protection Code (Legislative Decree 196/2003)"),
    "Garante": _i("IT", "Garante per la protezione dei dati personali", "Italian data protection authority (Garante)"),
    # --- Germany ---
    "BDSG": _i("DE", "Bundesdatenschutzgesetz", "German Federal Data Protection Act"),
    "BetrVG": _i("DE", "Betriebsverfassungsgesetz", "German Works Constitution Act"),
    "BVerwG": _i("DE", "Bundesverwaltungsgericht", "German Federal Administrative Court"),
    "DSK": _i("DE", "Konferenz der unabhängigen Datenschutzaufsichtsbehörden des Bundes und der Länder",
              "Conference of the German federal and state data protection authorities (DSK)"),
    # --- Netherlands ---
    "UAVG": _i("NL", "Uitvoeringswet Algemene verordening gegevensbescherming",
               "Dutch GDPR Implementation Act (UAVG)"),
    "WOR": _i("NL", "Wet op de ondernemingsraden", "Dutch Works Councils Act (WOR)"),
    "AP": _i("NL", "Autoriteit Persoonsgegevens", "Dutch data protection authority (AP)"),
    # --- Belgium ---
    "Camera Act (BE)": _i("BE", "Loi du 21 mars 2007 réglant l'installation et l'utilisation de caméras de "
                                "surveillance / Wet van 21 maart 2007 tot regeling van de plaatsing en het gebruik "
                                "van bewakingscamera's",
                          "Belgian Act of 21 March 2007 on the installation and use of surveillance cameras"),
    "CCT 68 (BE)": _i("BE", "Convention collective de travail n° 68 du 16 juin 1998 / Collectieve "
                            "arbeidsovereenkomst nr. 68 van 16 juni 1998",
                      "Belgian collective labour agreement No 68 of 16 June 1998 on camera surveillance at work"),
    "Royal Decree of 8 May 2018 (BE)": _i("BE", "Arrêté royal du 8 mai 2018 relatif aux déclarations d'installation "
                                               "et d'utilisation de caméras de surveillance et au registre "
                                               "d'activités de traitement d'images de caméras de surveillance / "
                                               "Koninklijk besluit van 8 mei 2018 betreffende de aangiften van de "
                                               "plaatsing en het gebruik van bewakingscamera's en betreffende het "
                                               "register van de beeldverwerkingsactiviteiten van bewakingscamera's",
                                          "Belgian Royal Decree of 8 May 2018 on camera declarations and the "
                                          "register of image-processing activities"),
    "APD-GBA": _i("BE", "Autorité de protection des données / Gegevensbeschermingsautoriteit",
                  "Belgian data protection authority"),
    # --- Denmark ---
    "TV-overvågningsloven": _i("DK", "Lov om tv-overvågning", "Danish Act on CCTV surveillance"),
    "Databeskyttelsesloven": _i("DK", "Databeskyttelsesloven (lov nr. 502 af 23. maj 2018)",
                                "Danish Data Protection Act (Act No 502 of 23 May 2018)"),
    "Datatilsynet (DK)": _i("DK", "Datatilsynet", "Danish data protection authority (Datatilsynet)"),
    # --- Sweden ---
    "Kamerabevakningslag": _i("SE", "Kamerabevakningslag (2018:1200)", "Swedish Camera Surveillance Act (2018:1200)"),
    "IMY": _i("SE", "Integritetsskyddsmyndigheten", "Swedish data protection authority (IMY)"),
    "MBL": _i("SE", "Lag om medbestämmande i arbetslivet", "Swedish Co-determination in the Workplace Act"),
    # --- United Kingdom ---
    "UK GDPR": _i("UK", "UK General Data Protection Regulation"),
    "DPA 2018": _i("UK", "Data Protection Act 2018"),
    "ICO": _i("UK", "Information Commissioner's Office"),
    "UK SC Code": _i("UK", "Surveillance Camera Code of Practice"),
    # --- United States ---
    "BIPA": _i("US-IL", "Illinois Biometric Information Privacy Act (740 ILCS 14)"),
}

INSTRUMENTS = tuple(INSTRUMENT_INFO)

# The AI Act and the texts that amend or interpret it: cited only where an activity uses an AI technique.
AI_ACT_INSTRUMENTS = frozenset({"AI Act", "Digital Omnibus on AI", "Commission Guidelines on prohibited AI practices"})


def jurisdiction_of(instrument: str) -> str | None:
    info = INSTRUMENT_INFO.get(instrument)
    return info.jurisdiction if info else None


def fits(instrument: str, country: str | None) -> bool:
    """True if a reference to this instrument may be cited for a store in `country` (ISO code, e.g. "ES").

    EU instruments fit the EEA (and are kept for any store: packs decide where they apply); international
    ones fit everywhere; a national instrument fits only its own country (US-IL matches "US-IL").
    An unknown country keeps every reference.
    """
    jurisdiction = jurisdiction_of(instrument)
    if jurisdiction in (None, EU, INTERNATIONAL) or not country:
        return True
    if "-" in jurisdiction:
        return country == jurisdiction
    return _ALIASES.get(country.split("-")[0], country.split("-")[0]) == jurisdiction


_ALIASES = {"GB": "UK"}   # ISO 3166-1 says GB; REFERENCE.md and users say UK
