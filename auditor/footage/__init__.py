"""Footage analysis: reading clips and stills, face detection, DORI capability, redaction (the only cv2/mediapipe/onnxruntime user).

Public entry points: `analyze.analyze_camera`, `frames.read_frame`, `detectors.default_detector`,
`redact.redact_frame`.
"""

import os

# FFmpeg (inside OpenCV) prints a line per damaged packet; the facts record unreadable frames instead.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
