"""DORI capability classes (EN 62676-4) and the face-recognition-grade flag, from face widths in pixels.

Where each number comes from (also in docs/footage.md):

* DORI pixel densities: EN 62676-4:2015 (video surveillance systems, application guidelines) defines the
  Detection / Observation / Recognition / Identification levels as pixel densities on the target. The
  figures used here, 25 / 62.5 / 125 / 250 pixels per metre, are **the commonly quoted DORI figures**
  (camera makers' data sheets and guides); we could not check them against the text of the standard
  itself, which is not freely available. Marked `verified: secondary`.
* Converting a face width in pixels to pixels per metre needs the real width of a face. We assume
  0.16 m (an adult head seen from the front, ear to ear, which is about what a face detector's box
  spans). **Product heuristic**, not a figure from a standard.
* The face-recognition-grade flag is a **product heuristic**: a frontal face (head pose from landmarks)
  at the identification density, i.e. at least 40 px wide, which puts ~20 px or more between the eye
  centres. Face-recognition vendors quote minimum eye distances in that range; ISO/IEC 19794-5 asks far
  more (it is about passport-quality images). We do not attribute the 40 px to any standard.
"""

from __future__ import annotations

from enum import Enum

# EN 62676-4 DORI levels in pixels per metre: the commonly quoted figures (verified: secondary).
DORI_PX_PER_M = {
    "detection": 25.0,
    "observation": 62.5,
    "recognition": 125.0,
    "identification": 250.0,
}
DORI_SOURCE = "EN 62676-4:2015 DORI levels, commonly quoted figures (25/62.5/125/250 px/m); not checked against the standard's text"

# Product heuristic: the width of a face as the detector's box spans it.
FACE_WIDTH_M = 0.16

# Product heuristic: a frontal face at least this many pixels wide is "recognition grade" (biometric
# templates can be made from it). Equal to the identification density on a FACE_WIDTH_M face.
RECOGNITION_GRADE_FACE_PX = DORI_PX_PER_M["identification"] * FACE_WIDTH_M   # 40 px


class DoriClass(str, Enum):
    NONE = "none"
    DETECTION = "detection"
    OBSERVATION = "observation"
    RECOGNITION = "recognition"
    IDENTIFICATION = "identification"


def face_px_threshold(level: str) -> float:
    """Face width in pixels at which a level starts (e.g. identification: 250 px/m x 0.16 m = 40 px)."""
    return DORI_PX_PER_M[level] * FACE_WIDTH_M


def pixels_per_metre(face_width_px: float) -> float:
    return face_width_px / FACE_WIDTH_M


def classify_face(face_width_px: float) -> DoriClass:
    """The DORI level a face of this width reaches (bands are closed below: 40.0 px is identification)."""
    density = pixels_per_metre(face_width_px)
    for level in ("identification", "recognition", "observation", "detection"):
        if density >= DORI_PX_PER_M[level] - 1e-9:
            return DoriClass(level)
    return DoriClass.NONE


def is_recognition_grade(face_width_px: float, frontal: bool | None) -> bool:
    """Frontal and wide enough for a biometric template (product heuristic, see module doc)."""
    return bool(frontal) and face_width_px >= RECOGNITION_GRADE_FACE_PX - 1e-9


# The camera's class is the level its larger faces reach: the 90th percentile of face widths, so that
# one close pass-by does not make an aisle camera "identification", nor one far face a checkout camera less.
CAMERA_CLASS_PERCENTILE = 90


def classify_camera(face_widths: list[float]) -> DoriClass:
    """The camera's capability class from the widths of all faces seen (none when no face was seen)."""
    if not face_widths:
        return DoriClass.NONE
    import numpy as np

    return classify_face(float(np.percentile(face_widths, CAMERA_CLASS_PERCENTILE)))


def thresholds() -> dict:
    """The thresholds in use, for reports and the facts' provenance."""
    return {
        "dori_px_per_m": dict(DORI_PX_PER_M),
        "dori_source": DORI_SOURCE,
        "face_width_m": FACE_WIDTH_M,
        "face_width_m_source": "product heuristic",
        "face_px": {k: face_px_threshold(k) for k in DORI_PX_PER_M},
        "recognition_grade_face_px": RECOGNITION_GRADE_FACE_PX,
        "recognition_grade_source": "product heuristic: frontal and at the identification density",
        "camera_class_percentile": CAMERA_CLASS_PERCENTILE,
    }
