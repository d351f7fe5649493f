"""The one use case: deployment config (+ footage, packs, waivers) -> AuditResult. The CLI and the GUI call it."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from auditor import __version__
from auditor.config.loader import LoadedDeployment, load_deployment
from auditor.core import yamlsafe
from auditor.core.answers import Answer, check_answers, merge_answers
from auditor.core.errors import InputError, Problem
from auditor.core.fileio import inside, sha256_file
from auditor.core.footage_facts import FootageFacts
from auditor.core.model import AuditResult, InputFile
from auditor.core.tasks import CancelToken, Progress, ProgressFn, no_progress
from auditor.report import is_stale, stale_warning

DEFAULT_SAMPLE_FPS: float | None = None        # None: the footage analysis's own default rate


def audit_clock(now: dt.datetime | None = None) -> dt.datetime:
    """The time of the audit in UTC: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            pass
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)


@dataclass
class AuditRequest:
    """Everything one audit needs; the CLI and the GUI fill the same request."""

    config: Path
    footage: dict[str, list[Path]] = field(default_factory=dict)   # camera id -> files given explicitly
    rule_dirs: list[Path] = field(default_factory=list)            # extra packs (--rules DIR)
    waivers: Path | None = None                                     # waiver YAML file
    waiver_entries: list[dict[str, Any]] | None = None              # or waivers as data (GUI project)
    sample_fps: float | None = DEFAULT_SAMPLE_FPS                   # frames/s sampled; None: analysis default
    analyse_footage: bool = True                                    # False: --no-footage
    audit_date: str | None = None                                   # ISO date; default: the audit clock's day
    generated_at: str | None = None                                 # ISO UTC time; default: the audit clock
    lang: str = "en"
    detector: Any = None                                            # a FaceDetector; None: the default one
    answers: list[Answer] = field(default_factory=list)             # assessor answers (--answers FILE, GUI)
    # Footage facts already measured elsewhere (a fleet audit analyses chunks on a cluster): camera id ->
    # facts as analyze_camera returns them. The files are still planned, checked and hashed as usual.
    measured_footage: dict[str, dict[str, Any]] | None = None


def subject_regions(config: str | Path) -> dict[str, tuple[int, int]]:
    """Line and column of each finding subject (and its keys) in a config: for SARIF locations."""
    try:
        doc = yamlsafe.read_document(Path(config))
    except InputError:
        return {}
    data = doc.data if isinstance(doc.data, dict) else {}
    regions: dict[str, tuple[int, int]] = {"deployment": (1, 1)}
    for section, kind in (("cameras", "camera"), ("activities", "activity")):
        for i, item in enumerate(data.get(section) or []):
            if isinstance(item, dict) and "id" in item and (section, i) in doc.positions:
                subject = f"{kind}:{item['id']}"
                regions[subject] = doc.positions[(section, i)]
                for key in item:
                    if (section, i, key) in doc.key_positions:
                        regions[f"{subject}#{key}"] = doc.key_positions[(section, i, key)]
    for key in data:
        if (key,) in doc.key_positions:
            regions[f"deployment#{key}"] = doc.key_positions[(key,)]
    return regions


def declared_footage(loaded: LoadedDeployment) -> dict[str, list[Path]]:
    """The config's own `footage:` paths resolved against its folder, without the containment check.

    For configs the tool itself ships (the bundled examples, whose clips live beside their folder): pass
    the result as explicit footage. A user's config goes through footage_plan's check instead.
    """
    return {c.id: [loaded.folder / p for p in c.footage] for c in loaded.deployment.cameras if c.footage}


def footage_plan(loaded: LoadedDeployment, overrides: dict[str, list[Path]]) -> tuple[
        dict[str, list[Path]], list[dict[str, Any]]]:
    """Which files to analyse per camera, and the per-file errors found before any analysis.

    Config paths are relative to the config's folder and must stay inside it; paths given explicitly
    (`--footage CAM=PATH`) may be anywhere. Raises InputError for an override naming an unknown camera.
    """
    dep = loaded.deployment
    ids = [c.id for c in dep.cameras]
    unknown = sorted(set(overrides) - set(ids))
    if unknown:
        raise InputError([Problem(str(loaded.path), f"--footage names camera {cid!r}, which is not declared in "
                                                    f"`cameras` ({', '.join(ids) or 'none'})") for cid in unknown])
    plan: dict[str, list[Path]] = {}
    errors: list[dict[str, Any]] = []
    for cam in dep.cameras:
        if cam.id in overrides:
            candidates = [(Path(p), True) for p in overrides[cam.id]]
        else:
            candidates = [(loaded.folder / p, False) for p in cam.footage]
        files: list[Path] = []
        for path, explicit in candidates:
            if not explicit and not inside(path, loaded.folder):
                errors.append({"camera": cam.id, "path": str(path),
                               "message": "refused: the path leads outside the config's folder; give it "
                                          f"explicitly with --footage {cam.id}=PATH to use it"})
                continue
            if not path.is_file():
                errors.append({"camera": cam.id, "path": str(path), "message": "no such file"})
                continue
            files.append(path)
        if files:
            plan[cam.id] = files
    return plan, errors


def display_path(path: Path | str, folder: Path) -> str:
    """A footage path as the config writes it: relative to the config's folder when inside it.

    Reports and the Facts then carry no machine-specific absolute path for bundled or project-local footage,
    and the same inputs give the same PDF wherever the project folder lives. Readers resolve such paths
    against the config's folder (auditor.report.evidence.resolve_path).
    """
    p = Path(path)
    if p.is_absolute() and inside(p, folder):
        return p.resolve().relative_to(folder.resolve()).as_posix()
    return str(p)


def _with_display_paths(value: Any, folder: Path) -> Any:
    """A copy of footage facts with every `path` value passed through display_path."""
    if isinstance(value, dict):
        return {k: (display_path(v, folder) if k == "path" and isinstance(v, str) else _with_display_paths(v, folder))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_with_display_paths(v, folder) for v in value]
    return value


def _footage_errors(camera: str, measured: dict[str, Any]) -> list[dict[str, Any]]:
    facts = FootageFacts.from_dict(measured)
    out: list[dict[str, Any]] = [{"camera": camera, "path": e.path, "message": e.message} for e in facts.errors]
    # files only partly read: what the audit could not see
    out += [{"camera": camera, "path": w.path, "message": w.message, "partial": True} for w in facts.warnings]
    return out


def analyse_footage(plan: dict[str, list[Path]], *, detector: Any, sample_fps: float | None,
                    progress: ProgressFn, cancel: CancelToken) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Run footage analysis on each camera's files (the footage package is imported only when needed)."""
    from auditor.footage.analyze import analyze_camera
    options: dict[str, Any] = {"detector": detector, "progress": progress, "cancel": cancel}
    if sample_fps is not None:
        options["sample_fps"] = sample_fps
    measured: dict[str, dict[str, Any]] = {}
    errors: list[dict[str, Any]] = []
    total = len(plan)
    for i, (camera, files) in enumerate(plan.items()):
        cancel.check()
        progress(Progress(done=i, total=total, note=camera, step="footage"))
        result = analyze_camera(camera, files, **options)
        cam_errors = _footage_errors(camera, result)
        errors.extend(cam_errors)
        if not _measured_anything(result):
            continue                     # nothing could be read: the camera counts as not analysed
        measured[camera] = result
    progress(Progress(done=total, total=total, note="", step="footage"))
    return measured, errors


def _measured_anything(result: dict[str, Any]) -> bool:
    fo = FootageFacts.from_dict(result)
    return fo.analysed or fo.frames_analysed > 0


@dataclass
class PreparedFacts:
    """The Facts document of a request and what went into it (before any rule runs)."""

    loaded: LoadedDeployment
    facts: dict[str, Any]
    inputs: list[InputFile]
    footage_errors: list[dict[str, Any]]
    generated_at: str
    audit_date: str


def prepare_facts(request: AuditRequest, *, progress: ProgressFn = no_progress,
                  cancel: CancelToken | None = None) -> PreparedFacts:
    """Load the config, analyse the footage and build the Facts document (what `auditor facts` prints)."""
    from auditor.rules.derive import build_facts

    cancel = cancel or CancelToken()
    generated_at = request.generated_at or audit_clock().strftime("%Y-%m-%dT%H:%M:%SZ")
    audit_date = request.audit_date or generated_at[:10]
    try:
        dt.date.fromisoformat(audit_date)
    except ValueError:
        raise InputError([Problem("--date", "invalid audit date", expected="YYYY-MM-DD", found=audit_date)]) from None
    progress(Progress(done=0, total=None, note=str(request.config), step="config"))
    loaded = load_deployment(request.config)
    inputs = [InputFile("config", str(loaded.path), loaded.sha256)]
    cancel.check()
    footage: dict[str, dict[str, Any]] = {}
    footage_errors: list[dict[str, Any]] = []
    if request.analyse_footage:
        plan, footage_errors = footage_plan(loaded, request.footage)
        if plan and request.measured_footage is not None:
            for camera in plan:
                result = request.measured_footage.get(camera)
                if result is None:
                    continue
                footage_errors += _footage_errors(camera, result)
                if _measured_anything(result):
                    footage[camera] = result
        elif plan:
            footage, analysis_errors = analyse_footage(plan, detector=request.detector,
                                                       sample_fps=request.sample_fps, progress=progress,
                                                       cancel=cancel)
            footage_errors += analysis_errors
        for files in plan.values():
            for f in files:
                cancel.check()
                inputs.append(InputFile("footage", display_path(f, loaded.folder), sha256_file(f)))
        footage = _with_display_paths(footage, loaded.folder)
        footage_errors = _with_display_paths(footage_errors, loaded.folder)
    elif request.footage:
        footage_plan(loaded, request.footage)          # still refuse overrides naming unknown cameras
    cancel.check()
    facts = build_facts(loaded.deployment, footage=footage, audit_date=audit_date,
                        audit_time=generated_at[11:19] if len(generated_at) >= 19 else None)
    return PreparedFacts(loaded, facts, inputs, footage_errors, generated_at, audit_date)


def run_audit(request: AuditRequest, *, progress: ProgressFn = no_progress,
              cancel: CancelToken | None = None) -> AuditResult:
    """Load, analyse, derive, evaluate and waive: the whole audit, with no output written.

    Raises InputError for bad input (config, packs, waivers, footage overrides) and Cancelled on cancel.
    Packs and waivers are checked before any footage is analysed, so bad input fails fast.
    """
    from auditor.rules.engine import run_checks
    from auditor.rules.packs import load_packs
    from auditor.rules.precedents import attach_precedents
    from auditor.rules.waivers import apply_waivers, load_waivers, parse_waivers

    cancel = cancel or CancelToken()
    progress(Progress(done=0, total=None, note="rule packs", step="packs"))
    packs = load_packs(request.rule_dirs)
    waivers = []
    waiver_inputs = []
    if request.waivers is not None:
        waivers = load_waivers(request.waivers)
        waiver_inputs.append(InputFile("waivers", str(request.waivers), sha256_file(Path(request.waivers))))
    if request.waiver_entries:
        waivers += parse_waivers(request.waiver_entries, file="project waivers")
    answers, answer_inputs = checked_answers(request, packs)
    cancel.check()
    prepared = prepare_facts(request, progress=progress, cancel=cancel)
    inputs = prepared.inputs[:1] + [InputFile("pack", f"{p.id} ({p.source})", p.sha256) for p in packs] \
        + waiver_inputs + answer_inputs + prepared.inputs[1:]
    cancel.check()
    progress(Progress(done=0, total=None, note="rules", step="rules"))
    evaluation = run_checks(prepared.facts, packs, answers)
    findings = evaluation.findings
    attach_precedents(findings, prepared.facts)
    replaced: dict[str, str] = {}
    for pack in packs:
        replaced.update(pack.header.replaced)
    known = {r.id for p in packs for r in p.rules}
    audit_date = prepared.audit_date
    outcome = apply_waivers(findings, waivers, audit_date=audit_date, replaced=replaced, known_rules=known)
    warnings = evaluation.warnings + list(outcome.warnings)
    for pack in packs:
        if is_stale(pack.checked, audit_date):
            warnings.append(stale_warning(pack.id, pack.checked, audit_date))
    for w in outcome.expired:
        warnings.append(f"waiver for {w['rule_id']} on {w['subject']} expired on {w['expires']}: ignored")
    for w in outcome.unused:
        warnings.append(f"waiver for {w['rule_id']} on {w['subject']} is unused: {w['reason']}")
    for err in prepared.footage_errors:
        warnings.append(f"footage of camera {err['camera']}: {err['path']}: {err['message']}")
    progress(Progress(done=1, total=1, note="done", step="done"))
    return AuditResult(facts=prepared.facts, findings=findings, packs=[p.info for p in packs], inputs=inputs,
                       tool_version=__version__, generated_at=prepared.generated_at,
                       unused_waivers=outcome.unused, expired_waivers=outcome.expired, warnings=warnings,
                       footage_errors=prepared.footage_errors, checks=evaluation.checks)


def checked_answers(request: AuditRequest, packs: list[Any]) -> tuple[list[Answer], list[InputFile]]:
    """The assessor answers of a request (the config's `answers:` section, then request.answers), checked
    against the rules and subjects of this audit before any footage is analysed; and the answers files to hash.

    Raises InputError for an answer naming a rule or subject this audit does not evaluate.
    """
    from auditor.rules.derive import build_facts
    from auditor.rules.engine import answerable

    loaded = load_deployment(request.config)
    answers = merge_answers(loaded.answers, request.answers)
    if not answers:
        return [], []
    facts = build_facts(loaded.deployment, audit_date=request.audit_date or audit_clock().date().isoformat())
    rules, subjects, not_evaluated = answerable(facts, packs)
    check_answers(answers, rules=rules, subjects=subjects, not_evaluated=not_evaluated)
    files = dict.fromkeys(a.file for a in request.answers if a.file and Path(a.file).is_file())
    return answers, [InputFile("answers", f, sha256_file(Path(f))) for f in files]


def rerun_rules(result: AuditResult, *, answers: list[Answer], waiver_entries: list[dict[str, Any]] | None = None,
                rule_dirs: list[Path] | None = None) -> AuditResult:
    """Re-decide an audit with new assessor answers (and waivers) on the facts it already measured.

    The config is not re-read and no footage is analysed again: the rules run on `result.facts`, so a DPO's
    answers turn questions into decided findings in a moment. Raises InputError for an answer naming a rule
    or subject this audit does not evaluate, or for malformed waivers.
    """
    from dataclasses import replace

    from auditor.rules.engine import answerable, run_checks
    from auditor.rules.packs import load_packs
    from auditor.rules.waivers import apply_waivers, parse_waivers

    packs = load_packs(rule_dirs or [])
    rules, subjects, not_evaluated = answerable(result.facts, packs)
    check_answers(answers, rules=rules, subjects=subjects, not_evaluated=not_evaluated)
    waivers = parse_waivers(waiver_entries or [], file="project waivers")
    evaluation = run_checks(result.facts, packs, answers)
    replaced: dict[str, str] = {}
    for pack in packs:
        replaced.update(pack.header.replaced)
    audit_date = str((result.facts.get("audit") or {}).get("date") or result.generated_at[:10])
    outcome = apply_waivers(evaluation.findings, waivers, audit_date=audit_date, replaced=replaced,
                            known_rules={r.id for p in packs for r in p.rules})
    warnings = evaluation.warnings + list(outcome.warnings)
    warnings += [f"waiver for {w['rule_id']} on {w['subject']} expired on {w['expires']}: ignored"
                 for w in outcome.expired]
    warnings += [f"waiver for {w['rule_id']} on {w['subject']} is unused: {w['reason']}" for w in outcome.unused]
    warnings += [f"footage of camera {e['camera']}: {e['path']}: {e['message']}" for e in result.footage_errors]
    return replace(result, findings=evaluation.findings, checks=evaluation.checks, unused_waivers=outcome.unused,
                   expired_waivers=outcome.expired, warnings=warnings)
