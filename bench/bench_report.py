"""Benchmark of the DPIA PDF: a generated 50-camera deployment with 3 evidence frames per camera.

    python3 dev.py bench            (or: .venv/bin/python bench/bench_report.py [--cameras 50] [--full])

Prints one table row per configuration:

* layout: the PDF from frames already redacted (what write_pdf does after the evidence step);
* pipeline, no-op detector: read + redact + verify + JPEG-encode every frame, then the layout, with a
  detector that finds nothing (the cost of everything except face detection);
* default detector: the same with auditor.footage's detector stack (detection, the redactor's thorough
  re-check and the report's own verification). Without --full it runs on a sample of frames and
  extrapolates to all of them (a full run takes minutes on a 2-core machine).

The footage is synthetic (auditor.footage.synth): generated stills written to a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402

from auditor.core.model import AuditResult, Finding, InputFile, PackInfo, Reference, Severity, Text  # noqa: E402
from auditor.footage import synth  # noqa: E402
from auditor.report.evidence import collect_evidence  # noqa: E402
from auditor.report.pdf import render_pdf, write_pdf  # noqa: E402

TARGET_S = 10.0
FRAMES_PER_CAMERA = 3
ZONES = ["entrance", "sales_floor", "checkout", "self_checkout", "stockroom", "car_park"]


class NoFaces:
    name, version = "no-op", "0"

    def detect(self, frame):
        return []


def make_stills(folder: Path) -> list[tuple[Path, list[dict]]]:
    """Three stills from each bench scene (generated imagery only)."""
    stills = []
    for scene in synth.BENCH_SCENES.values():
        wanted = {int(scene.fps * scene.seconds * k) for k in (0.25, 0.5, 0.75)}
        for frame in synth.iter_scene(scene):
            if frame.index in wanted:
                path = folder / f"{scene.name}-{frame.index}.png"
                cv2.imwrite(str(path), frame.pixels)
                stills.append((path, frame.faces))
            if frame.index > max(wanted):
                break
    return stills


def make_result(stills: list[tuple[Path, list[dict]]], cameras: int) -> AuditResult:
    cams, findings = [], []
    for i in range(cameras):
        cid = f"CAM-{i + 1:02d}"
        picks = [stills[(i * FRAMES_PER_CAMERA + k) % len(stills)] for k in range(FRAMES_PER_CAMERA)]
        cams.append({
            "id": cid, "zone": ZONES[i % len(ZONES)], "name": f"Camera {i + 1}", "view": "angled",
            "resolution": "1280x720", "purposes": ["theft_prevention"], "recording": True, "schedule": "continuous",
            "viewers": ["security"], "retention_days": 30.0,
            "derived": {"publicly_accessible": True, "id_grade_capture": i % 3 == 0, "id_grade_share": 0.2,
                        "footage_analysed": True},
            "footage": {
                "analysed": True, "files": [{"path": str(p)} for p, _ in picks], "errors": [], "frames_analysed": 60,
                "sample_fps": 0.5, "duration_s": 120.0, "resolution": {"width": 1280, "height": 720},
                "faces_per_frame": {"mean": 1.8, "max": 6}, "distinct_people": 14, "median_dwell_s": 7.5,
                "face_width_px": {"p10": 18.0, "p50": 40.0, "p90": 90.0, "max": 130.0},
                "dori_class": "identification", "face_recognition_grade": True, "identification_grade_share": 0.2,
                "evidence_frames": [{"path": str(p), "frame_index": 0, "reason": "most_faces",
                                     "faces": [{"x": f["x"], "y": f["y"], "w": f["w"], "h": f["h"]} for f in faces]}
                                    for p, faces in picks],
                "detector": {"name": "cctv", "version": "1",
                             "recall_by_width": {"<15": 0.4, "15-20": 0.8, "20-40": 0.96, "40-80": 0.99, ">80": 1.0}},
            },
        })
        findings.append(Finding(
            id=f"GDPR-ART5-1E-RETENTION-72H@camera:{cid}", rule_id="GDPR-ART5-1E-RETENTION-72H", pack="gdpr",
            severity=Severity.MAJOR, subject=f"camera:{cid}",
            title=Text("Footage kept beyond 72 hours without a justification",
                       "Images conservées plus de 72 heures sans justification"),
            message=Text(f"camera {cid} keeps footage 30 days", f"la caméra {cid} conserve les images 30 jours"),
            rationale=Text("Storage limitation.", "Limitation de la conservation."),
            remediation=Text("Delete automatically at the shortest useful period.",
                             "Supprimer automatiquement au plus court délai utile."),
            references=[Reference("GDPR", article="5", paragraph="1", point="e")],
            evidence={"camera.retention_days": 30}))
    facts = {"store": {"name": "Benchmark store", "country": "FR", "store_count": 1, "open_to_public": True},
             "controller": {"name": "Bench SAS"}, "audit": {"date": "2026-11-23"}, "cameras": cams,
             "activities": [{"id": "cctv", "name": "CCTV", "technique": "security_recording",
                             "cameras": [c["id"] for c in cams], "legal_basis": "6(1)(f)",
                             "derived": {"aiact_type": "none"}}],
             "derived": {"dpia_required": True, "wp248": {"count": 2, "met": [3, 5], "criteria": []}}}
    inputs = [InputFile("config", "bench.yaml", "0" * 64)] + [InputFile("footage", str(p), "1" * 64) for p, _ in stills]
    return AuditResult(facts=facts, findings=findings,
                       packs=[PackInfo("gdpr", Text("GDPR", "RGPD"), "EU", "0.1.0", "2026-11-01", "2" * 64, 40)],
                       inputs=inputs, tool_version="bench", generated_at="2026-11-23T12:00:00Z")


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameras", type=int, default=50)
    parser.add_argument("--full", action="store_true", help="run the default detector on every frame")
    parser.add_argument("--sample", type=int, default=4, help="frames timed with the default detector")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        stills, t_gen = _timed(lambda: make_stills(folder))
        result = make_result(stills, args.cameras)
        frames = args.cameras * FRAMES_PER_CAMERA
        evidence, t_ev = _timed(lambda: collect_evidence(result, detector=NoFaces()))
        pages, t_layout = _timed(lambda: render_pdf(result, str(folder / "layout.pdf"), lang="fr", evidence=evidence))
        size = (folder / "layout.pdf").stat().st_size
        rows.append(("layout (frames already redacted)", frames, pages, size, t_layout))
        summary, t_pipe = _timed(lambda: write_pdf(result, folder / "pipeline.pdf", lang="fr", detector=NoFaces()))
        rows.append(("pipeline, no-op detector", frames, summary.pages, summary.size_bytes, t_pipe))
        try:
            from auditor.footage.detectors import default_detector

            det = default_detector()
            det.detect(cv2.imread(str(stills[0][0])))          # load the model outside the timing
        except Exception as exc:  # no model here: say so
            print(f"default detector unavailable: {exc}", file=sys.stderr)
            det = None
        if det is not None:
            if args.full:
                summary, t_full = _timed(lambda: write_pdf(result, folder / "full.pdf", lang="fr", detector=det))
                rows.append(("pipeline, default detector", frames, summary.pages, summary.size_bytes, t_full))
            else:
                sample = make_result(stills, max(1, args.sample // FRAMES_PER_CAMERA + (args.sample % FRAMES_PER_CAMERA > 0)))
                n = len([1 for c in sample.facts["cameras"] for _ in c["footage"]["evidence_frames"]])
                _, t_sample = _timed(lambda: collect_evidence(sample, detector=det))
                per_frame = t_sample / n
                est = t_layout + per_frame * frames
                rows.append((f"default detector (estimate: {n} frames timed)", frames, pages, 0, est))
    print(f"\nDPIA report benchmark: {args.cameras} cameras x {FRAMES_PER_CAMERA} evidence frames "
          f"(stills generated in {t_gen:.1f} s; evidence step with the no-op detector {t_ev:.1f} s)\n")
    print(f"| {'configuration':<44} | frames | pages | PDF size | seconds | < {TARGET_S:.0f} s |")
    print(f"|{'-' * 46}|-------:|------:|---------:|--------:|:------:|")
    for name, n, p, size, secs in rows:
        size_txt = f"{size / 1e6:.1f} MB" if size else "—"
        print(f"| {name:<44} | {n:>6} | {p:>5} | {size_txt:>8} | {secs:>7.1f} | {'yes' if secs < TARGET_S else 'no':^6} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
