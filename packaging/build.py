#!/usr/bin/env python3
"""Build the one-folder desktop bundle `dist/auditor/` with PyInstaller, then check and measure it.

    .venv/bin/python packaging/build.py              build, check, measure (also works with plain python3)
    .venv/bin/python packaging/build.py --check-only check and measure the existing dist/auditor/
    .venv/bin/python packaging/build.py --untrimmed  build the naive bundle into dist/untrimmed/ (size only)

Steps: make sure `.venv/` is up to date (dev.py), install PyInstaller (pinned below) into it if missing,
run packaging/auditor.spec, then, from an empty temporary folder with no access to the source tree:
`auditor --version`, `auditor demo` (whose facts and verdict must equal a source-tree run of the same
demo), and the GUI headless (QT_QPA_PLATFORM=offscreen, AUDITOR_GUI_SMOKE_TEST=1: open the main window on
an example config, paint it, quit). Prints the bundle size and the start-up times and writes them to
build/bundle-report.json. Exit code 0 only if every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYINSTALLER = "pyinstaller==6.22.3"
SPEC = ROOT / "packaging" / "auditor.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
REPORT = ROOT / "build" / "bundle-report.json"
DEMO_DATE = "2026-11-23"                  # the same audit date for the bundle and the reference run
SMOKE_EXAMPLE = "03-emotion-checkout.yaml"


def _in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()


def ensure_venv() -> None:
    """Re-run this script inside .venv (created or refreshed by dev.py) unless it already runs there."""
    if _in_project_venv():
        return
    sys.path.insert(0, str(ROOT))
    import dev

    py = dev.ensure_env()
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


def ensure_pyinstaller() -> None:
    wanted = PYINSTALLER.split("==")[1]
    try:
        from importlib.metadata import version

        if version("pyinstaller") == wanted:
            return
    except Exception:  # noqa: BLE001 - not installed
        pass
    print(f"build: installing {PYINSTALLER} into .venv ...", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "install", PYINSTALLER],
                   check=True)


def run_pyinstaller(*, untrimmed: bool) -> Path:
    dist = DIST / "untrimmed" if untrimmed else DIST
    work = WORK.with_name("pyinstaller-untrimmed") if untrimmed else WORK
    env = dict(os.environ, AUDITOR_BUNDLE_UNTRIMMED="1" if untrimmed else "0")
    log = work.parent / ("pyinstaller-untrimmed.log" if untrimmed else "pyinstaller.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    print(f"build: {' '.join(cmd[2:])}  (log: {log.relative_to(ROOT)})", flush=True)
    t0 = time.perf_counter()
    with log.open("w") as fh:
        rc = subprocess.call(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    if rc:
        print(log.read_text()[-4000:], file=sys.stderr)
        sys.exit(f"build: PyInstaller failed ({rc}); see {log}")
    print(f"build: PyInstaller took {time.perf_counter() - t0:.0f} s", flush=True)
    return dist / "auditor"


# ------------------------------------------------------------------------------------------------- checks

def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def largest_parts(bundle: Path, n: int = 12) -> list[tuple[str, int]]:
    """Sizes of the top-level entries of _internal/ (packages, libraries), largest first."""
    internal = bundle / "_internal"
    sizes = []
    for entry in internal.iterdir():
        size = folder_size(entry) if entry.is_dir() else (0 if entry.is_symlink() else entry.stat().st_size)
        sizes.append((entry.name, size))
    return sorted(sizes, key=lambda s: -s[1])[:n]


def clean_env(tmp: Path) -> dict[str, str]:
    """An environment that cannot reach the source tree or the venv, with its own settings folders."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"} and not k.startswith("QT_")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not Path(p).resolve().is_relative_to(ROOT))
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        folder = tmp / name.lower()
        folder.mkdir(mode=0o700, exist_ok=True)
        env[name] = str(folder)
    return env


def timed(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    """Wall-clock seconds and the result; the CPU seconds (user + system) go to `timed.cpu`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timed.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, proc


def _show_failure(what: str, proc: subprocess.CompletedProcess) -> None:
    print(f"build: FAILED {what} (exit {proc.returncode})", file=sys.stderr)
    print((proc.stdout or "")[-3000:], (proc.stderr or "")[-3000:], sep="\n", file=sys.stderr)


def comparable(report: dict) -> dict:
    """The parts of a demo JSON that must not depend on how the app is packaged."""
    return {"summary": report["summary"],
            "footage": {cam["id"]: cam.get("footage") for cam in report["facts"]["cameras"]},
            "findings": sorted(f"{f.get('rule_id') or f.get('id')}@{f.get('subject')}" for f in report["findings"])}


def reference_demo(out: Path) -> dict | None:
    """The same demo from the source tree (the venv), to compare the bundle's facts with."""
    proc = subprocess.run([sys.executable, "-m", "auditor", "demo", "--date", DEMO_DATE, "--out-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    files = sorted(out.glob("*.json"))
    if proc.returncode or not files:
        _show_failure("reference demo from the source tree", proc)
        return None
    return json.loads(files[0].read_text(encoding="utf-8"))


def check_bundle(bundle: Path, *, compare: bool) -> dict:
    exe = bundle / "auditor"
    if not exe.is_file():
        sys.exit(f"build: no bundle at {bundle}; build it first")
    results: dict = {"bundle": str(bundle.relative_to(ROOT)), "checks": {}}
    checks = results["checks"]
    with tempfile.TemporaryDirectory(prefix="auditor-bundle-check-") as tmp_name:
        tmp = Path(tmp_name)
        cwd = tmp / "elsewhere"
        cwd.mkdir()
        env = clean_env(tmp)

        # 1. --version: the first run pays the disk cache, the median of the next three is the warm time.
        times = []
        for _ in range(4):
            elapsed, proc = timed([str(exe), "--version"], cwd=cwd, env=env, timeout=120)
            if proc.returncode:
                _show_failure("auditor --version", proc)
                checks["version"] = False
                break
            times.append(elapsed)
        else:
            checks["version"] = "face detection: MediaPipe 0.10" in proc.stdout and "rule pack gdpr" in proc.stdout
            results["version_output"] = proc.stdout.strip().splitlines()
            results["version_first_s"] = round(times[0], 2)
            results["version_warm_s"] = round(statistics.median(times[1:]), 2)
            print(f"build: auditor --version: first {times[0]:.2f} s, warm {results['version_warm_s']:.2f} s",
                  flush=True)

        # 2. demo: full audit with footage, PDFs in both languages.
        out = tmp / "demo-out"
        elapsed, proc = timed([str(exe), "demo", "--date", DEMO_DATE, "--out-dir", str(out)], cwd=cwd, env=env,
                              timeout=900)
        written = sorted(p.name for p in out.glob("*")) if out.exists() else []
        ok = (proc.returncode == 0 and any(n.endswith(".en.pdf") for n in written)
              and any(n.endswith(".fr.pdf") for n in written) and any(n.endswith(".sarif") for n in written))
        if not ok:
            _show_failure("auditor demo", proc)
        results["demo_s"] = round(elapsed, 1)
        results["demo_cpu_s"] = round(timed.cpu, 1)
        results["load_average_during_demo"] = round(os.getloadavg()[0], 2)
        results["demo_outputs"] = written
        checks["demo"] = ok
        print(f"build: auditor demo: {'ok' if ok else 'FAILED'} in {elapsed:.1f} s ({timed.cpu:.1f} s CPU, "
              f"load average {results['load_average_during_demo']}), wrote {', '.join(written)}",
              flush=True)
        if ok and compare:
            bundled = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
            ref = reference_demo(tmp / "reference-out")
            same = ref is not None and comparable(ref) == comparable(bundled)
            checks["demo_same_as_source"] = same
            print(f"build: bundled demo facts and findings {'equal' if same else 'DIFFER FROM'} the source-tree run",
                  flush=True)

        # 3. GUI, headless: open the main window on a bundled example, paint it, quit.
        example = bundle / "_internal" / "auditor_assets" / "deployments" / SMOKE_EXAMPLE
        gui_env = dict(env, QT_QPA_PLATFORM="offscreen", AUDITOR_GUI_SMOKE_TEST="1")
        gui_times = []
        for _ in range(3):
            elapsed, proc = timed([str(exe), "gui", str(example)], cwd=cwd, env=gui_env, timeout=180)
            ok = proc.returncode == 0 and "gui smoke test: 1 window(s) shown: MainWindow" in proc.stdout
            if not ok:
                _show_failure("GUI smoke test", proc)
                break
            gui_times.append(elapsed)
        checks["gui"] = ok
        if gui_times:
            results["gui_smoke_first_s"] = round(gui_times[0], 2)
            results["gui_smoke_warm_s"] = round(statistics.median(gui_times[1:] or gui_times), 2)
            results["gui_smoke_output"] = proc.stdout.strip()
        print(f"build: GUI smoke test (offscreen): {'ok' if ok else 'FAILED'}"
              + (f", first {gui_times[0]:.2f} s, warm {results['gui_smoke_warm_s']:.2f} s" if gui_times else ""),
              flush=True)
    return results


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check-only", action="store_true", help="check and measure the existing bundle")
    parser.add_argument("--untrimmed", action="store_true",
                        help="build the naive bundle (no trimming) into dist/untrimmed/ and print its size only")
    parser.add_argument("--no-compare", action="store_true",
                        help="skip the reference demo from the source tree (saves ~30 s)")
    args = parser.parse_args(argv)
    ensure_venv()
    if args.untrimmed:
        ensure_pyinstaller()
        bundle = run_pyinstaller(untrimmed=True)
        print(f"build: untrimmed bundle {bundle.relative_to(ROOT)}: {folder_size(bundle) / 2**20:.0f} MiB")
        for name, size in largest_parts(bundle):
            print(f"  {size / 2**20:8.1f} MiB  {name}")
        return 0
    if not args.check_only:
        ensure_pyinstaller()
        run_pyinstaller(untrimmed=False)
    bundle = DIST / "auditor"
    results = check_bundle(bundle, compare=not args.no_compare)
    size = folder_size(bundle)
    results["size_mib"] = round(size / 2**20, 1)
    results["largest_parts_mib"] = {name: round(s / 2**20, 1) for name, s in largest_parts(bundle)}
    results["machine"] = machine()
    print(f"build: bundle {bundle.relative_to(ROOT)}: {size / 2**20:.0f} MiB; largest parts:")
    for name, mib in results["largest_parts_mib"].items():
        print(f"  {mib:8.1f} MiB  {name}")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(results, indent=2) + "\n")
    failed = [name for name, ok in results["checks"].items() if not ok]
    print(f"build: report written to {REPORT.relative_to(ROOT)}")
    if failed:
        print(f"build: FAILED checks: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("build: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
