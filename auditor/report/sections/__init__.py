"""The DPIA report's sections, one module each; `auditor.report.story` puts them in order."""
