"""`write_report(result, path, lang=...)`: the DPIA report in the format the file name asks for.

.pdf (ReportLab), .docx (python-docx) and .odt (odfpy) are three renderers of one document model
(`story.build_document`): same sections, same wording, same language. Every write is atomic: the file
is rendered beside the target and renamed over it only when complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.core.fileio import render_replace, sha256_bytes
from auditor.core.i18n import languages
from auditor.core.model import AuditResult
from auditor.core.tasks import CancelToken, Progress, ProgressFn, no_progress
from auditor.report.evidence import EvidenceSet, evidence_to_embed

REPORT_FORMATS = {".pdf": "PDF", ".docx": "Word (DOCX)", ".odt": "OpenDocument text (ODT)"}


class UnknownFormat(ValueError):
    """The output file's extension names no report format."""

    def __init__(self, path: Path | str) -> None:
        suffix = Path(path).suffix or "(none)"
        super().__init__(f"{path}: unknown report format {suffix!r}; expected one of "
                         f"{', '.join(REPORT_FORMATS)}")


def report_format(path: Path | str) -> str:
    """'.pdf', '.docx' or '.odt' from the file name; UnknownFormat otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise UnknownFormat(path)
    return suffix


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    format: str
    lang: str
    pages: int | None          # PDF only (the word processor paginates the others)
    frames_embedded: int
    size_bytes: int
    sha256: str


def write_report(result: AuditResult, path: Path | str, *, lang: str = "en", assessor: str | None = None,
                 progress: ProgressFn = no_progress, cancel: CancelToken | None = None, detector=None,
                 evidence: EvidenceSet | None = None, embed_frames: bool = True, base_dir: Path | None = None,
                 changes=None, mask: str = "solid") -> ReportSummary:
    """Write the DPIA report of `result` to `path` in the format of its extension (.pdf, .docx, .odt).

    `changes` (diff.AuditDiff against the previous assessment) adds "Changes since the last assessment".
    """
    fmt = report_format(path)
    if lang not in languages():
        raise ValueError(f"unsupported report language {lang!r} ({', '.join(languages())})")
    cancel = cancel or CancelToken()
    target = Path(path)
    if fmt == ".pdf":
        from auditor.report.pdf import write_pdf

        s = write_pdf(result, target, lang=lang, assessor=assessor, progress=progress, cancel=cancel,
                      detector=detector, evidence=evidence, embed_frames=embed_frames, base_dir=base_dir,
                      changes=changes, mask=mask)
        return ReportSummary(target, fmt, lang, s.pages, s.frames_embedded, s.size_bytes, s.sha256)
    from auditor.report import risk
    from auditor.report.story import build_document

    target.parent.mkdir(parents=True, exist_ok=True)
    evidence = evidence_to_embed(result, embed_frames=embed_frames, evidence=evidence, detector=detector,
                                 base_dir=base_dir, progress=progress, cancel=cancel, mask=mask)
    cancel.check()
    model = build_document(result, lang, evidence, assessor=assessor, risk=risk.assess(result), changes=changes)

    def render(tmp: Path) -> None:
        if fmt == ".docx":
            from auditor.report.docx_writer import render_docx

            render_docx(model, tmp, generated_at=result.generated_at)
        else:
            from auditor.report.odt_writer import render_odt

            render_odt(model, tmp, generated_at=result.generated_at)

    def before_commit() -> None:
        cancel.check()
        progress(Progress(done=1, total=1, note=target.name, step="write"))

    _, data = render_replace(target, render, before_commit=before_commit)
    return ReportSummary(target, fmt, lang, None, (evidence or EvidenceSet()).embedded, len(data),
                         sha256_bytes(data))
