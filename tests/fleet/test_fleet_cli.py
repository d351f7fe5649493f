"""`auditor fleet` end to end, as a user runs it: a local cluster, the cache, bad stores, an external scheduler."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.footage.conftest import write_clip

pytestmark = pytest.mark.slow

CONFIG = """\
store: {{name: Shop {name}, country: FR, open_to_public: true}}
controller: {{name: Shop {name} SAS}}
cameras:
  - id: CAM-1
    zone: entrance
    retention_days: {days}
    footage: [clip.avi]
"""
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1796342400", "QT_QPA_PLATFORM": "offscreen"}


def _fleet(*args: str, timeout: float = 420) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "auditor", "fleet", *args], check=False,
                          capture_output=True, text=True,
                          env=ENV, timeout=timeout)


@pytest.fixture
def fleet_dir(tmp_path: Path) -> Path:
    root = tmp_path / "chain"
    for name, days in (("paris", 30), ("lyon", 3)):
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "store.yaml").write_text(CONFIG.format(name=name, days=days))
        write_clip(folder / "clip.avi", frames=24, size=(160, 120))
    (root / "broken.yaml").write_text("store: {name: x, country: FR}\ncameras: 7\n")
    return root


def _rollup(out: Path) -> dict:
    return json.loads((out / "fleet.json").read_text())


def test_fleet_local_cluster_cache_and_bad_store(fleet_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = _fleet(str(fleet_dir), "--out-dir", str(out), "--workers", "2", "--date", "2026-12-04")
    assert run.returncode == 1, run.stderr                       # one store failed: reported, others done
    assert "Traceback" not in run.stderr + run.stdout
    rollup = _rollup(out)
    by_id = {s["id"]: s for s in rollup["stores"]}
    assert set(by_id) == {"paris__store", "lyon__store", "broken"}
    assert by_id["broken"]["status"] == "failed" and "broken.yaml" in by_id["broken"]["problems"][0]
    for sid in ("paris__store", "lyon__store"):
        st = by_id[sid]
        assert st["status"] == "ok" and st["cameras_with_footage"] == 1 and st["footage_hours"] > 0
        assert st["verdict"] in {"prohibited", "unlawful_until_fixed", "lawful_with_conditions"}
        for name in ("audit.json", "audit.sarif", "dpia.en.pdf"):
            assert (out / "stores" / sid / name).stat().st_size > 0
    assert rollup["summary"]["audited"] == 2 and rollup["summary"]["failed"] == 1
    assert "<table" in (out / "fleet.html").read_text() and (out / "fleet.pdf").read_bytes().startswith(b"%PDF")
    first = {p: p.read_bytes() for p in sorted(out.rglob("audit.json"))}

    # Same inputs: everything comes from the cache, byte for byte.
    again = _fleet(str(fleet_dir), "--out-dir", str(out), "--workers", "2", "--date", "2026-12-04")
    assert "from cache: 2 chunks, 2 stores" in again.stdout, again.stdout + again.stderr
    assert {p: p.read_bytes() for p in sorted(out.rglob("audit.json"))} == first
    assert _rollup(out) == rollup

    # One store changed: only that store is audited again (its footage chunk still comes from the cache).
    cfg = fleet_dir / "lyon" / "store.yaml"
    cfg.write_text(cfg.read_text().replace("retention_days: 3", "retention_days: 40"))
    changed = _fleet(str(fleet_dir), "--out-dir", str(out), "--workers", "2", "--date", "2026-12-04")
    assert "from cache: 2 chunks, 1 stores" in changed.stdout, changed.stdout + changed.stderr
    lyon = json.loads((out / "stores" / "lyon__store" / "audit.json").read_text())
    assert lyon["facts"]["cameras"][0]["retention_days"] == 40

    # A changed clip is never served from the cache.
    write_clip(fleet_dir / "paris" / "clip.avi", frames=36, size=(160, 120))
    clip_changed = _fleet(str(fleet_dir), "--out-dir", str(out), "--workers", "1", "--date", "2026-12-04")
    assert "from cache: 1 chunks, 1 stores" in clip_changed.stdout, clip_changed.stdout + clip_changed.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise AssertionError(f"nothing listens on port {port}")


@contextmanager
def dask_cluster() -> Iterator[str]:
    """A `dask scheduler` and one `dask worker` (with its nanny) on localhost, as a user starts them."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "dask"]
    procs = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)]
    try:
        _wait_for_port(port)
        procs.append(subprocess.Popen([*dask, "worker", address, "--nthreads", "1", "--no-dashboard",
                                       "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      env={**ENV, "AUDITOR_DETECTOR_THREADS": "1"}))
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_external_scheduler_gives_identical_results(fleet_dir: Path, tmp_path: Path) -> None:
    (fleet_dir / "broken.yaml").unlink()
    local = tmp_path / "local"
    assert _fleet(str(fleet_dir), "--out-dir", str(local), "--workers", "1", "--no-pdf",
                  "--date", "2026-12-04").returncode == 0
    with dask_cluster() as address:
        remote = tmp_path / "remote"
        run = _fleet(str(fleet_dir), "--out-dir", str(remote), "--scheduler", address, "--no-pdf",
                     "--date", "2026-12-04")
        assert run.returncode == 0, run.stdout + run.stderr
        assert "(tcp://127.0.0.1" in run.stdout
    assert _rollup(remote) == _rollup(local)
    for name in ("audit.json", "audit.sarif"):
        for sid in ("paris__store", "lyon__store"):
            assert (remote / "stores" / sid / name).read_bytes() == (local / "stores" / sid / name).read_bytes()


def test_bad_target_and_unreachable_scheduler_exit_2(tmp_path: Path) -> None:
    missing = _fleet(str(tmp_path / "nope"), "--out-dir", str(tmp_path / "o"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    manifest = tmp_path / "m.yaml"
    manifest.write_text("stores: []\n")
    empty = _fleet(str(manifest), "--out-dir", str(tmp_path / "o"))
    assert empty.returncode == 2 and "m.yaml:1:9" in empty.stderr
    (tmp_path / "s.yaml").write_text(CONFIG.format(name="x", days=1))
    port = _free_port()
    unreachable = _fleet(str(tmp_path / "s.yaml"), "--out-dir", str(tmp_path / "o"), "--no-footage",
                         "--scheduler", f"tcp://127.0.0.1:{port}", timeout=120)
    assert unreachable.returncode == 2 and "cannot reach the Dask scheduler" in unreachable.stderr
    assert "Traceback" not in unreachable.stderr


def test_worker_killed_mid_task_is_retried(fleet_dir: Path, tmp_path: Path) -> None:
    """SIGKILL the worker while it runs a chunk: the nanny restarts it, the task runs again, nothing is lost."""
    import signal

    from dask.distributed import Client

    (fleet_dir / "broken.yaml").unlink()
    with dask_cluster() as address:
        out = tmp_path / "out"
        fleet = subprocess.Popen([sys.executable, "-m", "auditor", "fleet", str(fleet_dir), "--out-dir", str(out),
                                  "--scheduler", address, "--no-pdf", "--chunk-minutes", "0.01",
                                  "--date", "2026-12-04"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env=ENV)
        killed = False
        with Client(address, timeout="30s") as observer:
            deadline = time.monotonic() + 240
            while not killed and time.monotonic() < deadline and fleet.poll() is None:
                busy = [w for w, keys in observer.processing().items()
                        if any(str(k).startswith("chunk-") for k in keys)]
                if busy:
                    for pid in observer.run(os.getpid, workers=busy).values():
                        os.kill(pid, signal.SIGKILL)
                    killed = True
                time.sleep(0.05)
        stdout, stderr = fleet.communicate(timeout=420)
    assert killed, "the worker was never seen running a chunk"
    assert fleet.returncode == 0, stdout + stderr
    rollup = _rollup(out)
    assert rollup["summary"]["audited"] == 2
    assert all(st["footage_errors"] == 0 and st["cameras_with_footage"] == 1 for st in rollup["stores"])
