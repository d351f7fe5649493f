"""Store Camera Privacy Auditor: audits in-store camera deployments for privacy compliance."""

import os

__version__ = "0.1.0"

# A privacy tool writes nothing about its user anywhere: onnxruntime's telemetry otherwise creates a device id
# under ~/.cache/Microsoft/DeveloperTools when it is imported. Set before anything can import onnxruntime;
# child processes (fleet workers) inherit it. The variable is read by the onnxruntime library itself.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
