"""PyInstaller hook for mediapipe 0.10.21 (installed with --no-deps): native libraries, no blanket data.

Only the graphs and models the auditor runs are copied, by the spec from packaging/manifest.py; the
wheel's other models (pose, hands, selfie segmentation, ...) stay out. The Python modules follow the
imports as usual (mediapipe/__init__ imports the solutions and the tasks API).
"""

from PyInstaller.utils.hooks import collect_dynamic_libs

# _framework_bindings and the tasks' native helpers, and their vendored EGL/GLES (mediapipe.libs).
binaries = collect_dynamic_libs("mediapipe")
datas = []
