"""Store Camera Privacy Auditor: audits in-store camera deployments for privacy compliance."""

__version__ = "0.1.0"
