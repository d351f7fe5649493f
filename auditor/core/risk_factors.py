"""The vocabulary that links rules to the DPIA's risk assessment: CNIL PIA feared events and the narrow risk factors.

A rule declares, in its file, which feared events its finding bears on (`feared_events`) and which narrow risk
factors its remediation removes (`risk_factors`). The pack loader accepts only the names below; the risk
assessment (auditor/report/risk.py) reads the declarations that findings carry, never rule ids.
"""

from __future__ import annotations

# The feared events of the CNIL PIA method a rule's finding bears on.
FEARED_EVENTS = ("illegitimate_access", "unwanted_modification", "disappearance")

# The narrow risk factors of auditor/report/risk.py that a finding's remediation can remove, with what each means.
# A rule lists a factor when doing what its remediation says takes the factor away.
RISK_FACTORS: dict[str, str] = {
    "staff_filmed_at_work": "staff are filmed at their workstations (severity of illegitimate access)",
    "identification_grade_faces": "a camera captures identification-grade faces (severity of illegitimate access)",
    "intimate_zone_filmed": "a camera films an intimate or private area (severity of illegitimate access)",
    "automated_action_on_people": "outputs trigger actions on people (severity of unwanted modification)",
    "images_leave_store": "images or templates are stored or processed outside the store (likelihood of access)",
    "transfer_outside_eea": "data are transferred outside the EEA (likelihood of access)",
    "broad_viewer_set": "many people can view the images (likelihood of access)",
    "remote_viewing_without_mfa": "remote viewing without multi-factor authentication (likelihood of access)",
    "footage_unencrypted": "footage is not encrypted at rest (likelihood of access)",
    "access_not_logged_or_restricted": "access is not logged or not restricted by role (likelihood of modification)",
    "watchlist_without_criteria_or_review": "watch-list entries lack criteria or review (likelihood of modification)",
    "processor_without_contract": "a processor works without an Art 28 contract (likelihood of modification)",
    "systems_not_patched": "recorders and cameras are not patched (likelihood of disappearance)",
    "footage_not_kept_on_request": "footage under a pending request is not kept (likelihood of disappearance)",
    "no_incident_response": "no incident-response procedure (likelihood of disappearance)",
}
