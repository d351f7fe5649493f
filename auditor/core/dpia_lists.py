"""The DPIA screening lists the derivation and the report both name: one table each (names in English, as
message ids; other languages in the catalogs)."""

from __future__ import annotations

from auditor.core.i18n import N_

# WP248 rev.01 (endorsed by the EDPB): the nine criteria; meeting two or more usually makes a DPIA mandatory.
WP248_CRITERIA: list[tuple[int, str, str]] = [
    (1, "evaluation_scoring", N_("Evaluation or scoring, including profiling and predicting")),
    (2, "automated_decision", N_("Automated decision-making with legal or similarly significant effect")),
    (3, "systematic_monitoring", N_("Systematic monitoring (incl. publicly accessible areas)")),
    (4, "sensitive_data", N_("Sensitive data or data of a highly personal nature")),
    (5, "large_scale", N_("Data processed on a large scale")),
    (6, "matching_combining", N_("Matching or combining datasets")),
    (7, "vulnerable_subjects", N_("Data concerning vulnerable data subjects")),
    (8, "innovative_technology", N_("Innovative use or new technological solutions")),
    (9, "prevents_right_or_service", N_("Processing that prevents exercising a right or using a service or contract")),
]

# The CNIL list of processing operations that require a DPIA (deliberation 2018-327): the items a shop can meet.
CNIL_ITEMS: dict[str, str] = {
    "3": N_("profiling people for human-resources management"),
    "4": N_("constant monitoring of employees' activity"),
    "8": N_("profiling that may lead to exclusion from a service or contract"),
    "9": N_("pooled processing of breaches that can lead to exclusion"),
    "10": N_("profiling using data from external sources"),
    "11": N_("biometric identification of vulnerable people (employees, minors)"),
    "14": N_("large-scale processing of location data"),
}
