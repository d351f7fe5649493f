"""Run a fleet audit on Dask distributed: footage chunks, then stores, as tasks; results cached by content.

The client (this process) plans the work, submits one task per footage chunk, merges each camera's chunks
when they are all done, submits one audit task per store, writes every output atomically, and caches each
result under the SHA-256 of everything it depends on (inputs, rule packs, models, options). A re-run then
recomputes only what changed, and an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.core.errors import InputError
from auditor.fleet.plan import (
    DEFAULT_CHUNK_S,
    Chunk,
    StoreSpec,
    chunk_key,
    chunk_windows,
    digest,
    discover,
)
from auditor.fleet.tasks import analyse_chunk, audit_store, merge_partials

TASK_RETRIES = 2                       # a task whose worker died is run again this many times
CACHE_VERSION = 1


@dataclass
class FleetOptions:
    """How to run a fleet audit (the CLI's options)."""

    scheduler: str | None = None       # tcp://host:8786 of an existing cluster; None: a LocalCluster
    workers: int | None = None         # LocalCluster size; None: one per CPU core
    chunk_s: float = DEFAULT_CHUNK_S
    sample_fps: float | None = None
    analyse_footage: bool = True
    lang: str = "en"
    pdf: bool = True
    audit_date: str | None = None
    cache_dir: Path | None = None      # None: OUT_DIR/.cache


@dataclass
class FleetProgress:
    """A snapshot for progress displays: stores done and camera-hours analysed."""

    stores_done: int = 0
    stores_total: int = 0
    camera_s_done: float = 0.0
    camera_s_total: float = 0.0
    chunks_done: int = 0
    chunks_total: int = 0
    cached: int = 0
    started: float = field(default_factory=time.monotonic)
    dashboard: str | None = None

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def realtime_factor(self) -> float | None:
        """Seconds of footage analysed per second of wall time."""
        return self.camera_s_done / self.elapsed if self.elapsed > 0 and self.camera_s_done else None

    @property
    def eta_s(self) -> float | None:
        rate = self.realtime_factor
        left = self.camera_s_total - self.camera_s_done
        return left / rate if rate and left > 0 else (0.0 if left <= 0 else None)


@dataclass
class StoreState:
    """The client's bookkeeping for one store while the fleet runs."""

    spec: StoreSpec
    chunks: list[Chunk] = field(default_factory=list)
    partials: dict[str, dict[str, Any]] = field(default_factory=dict)   # chunk key -> partial
    footage: dict[str, list[str]] = field(default_factory=dict)          # camera -> files (for the audit)
    errors: list[dict[str, Any]] = field(default_factory=list)           # per camera, before any task
    problems: list[str] = field(default_factory=list)                    # bad config: the store failed
    config_sha256: str = ""
    waivers_sha256: str = ""
    durations: dict[str, float] = field(default_factory=dict)            # file -> seconds (probe)
    result: dict[str, Any] | None = None
    submitted: bool = False


class FleetCache:
    """Results on disk under the SHA-256 of their inputs: chunks/<key>.json and stores/<key>.json."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.json"

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        path = self._path(kind, key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("cache_version") != CACHE_VERSION or data.get("key") != key:
            return None
        return data.get("value")

    def put(self, kind: str, key: str, value: dict[str, Any]) -> None:
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, json.dumps({"cache_version": CACHE_VERSION, "key": key, "value": value},
                                            sort_keys=True).encode("utf-8"))


def models_fingerprint() -> str:
    """Versions of the detection models: a chunk's result depends on them."""
    from auditor.versions import version_lines
    return "|".join(line for line in version_lines() if line.startswith("face detection"))


def packs_fingerprint() -> list[list[str]]:
    from auditor.rules.packs import load_packs
    return [[p.info.id, p.info.version, p.info.sha256] for p in load_packs([])]


def _sha256(path: Path) -> str:
    from auditor.core.fileio import sha256_file
    return sha256_file(path)


def prepare_store(spec: StoreSpec, options: FleetOptions, *, models: str) -> StoreState:
    """Load a store's config, plan its footage and cut it into chunks (client side, cheap)."""
    from auditor.audit import footage_plan
    from auditor.config.loader import load_deployment

    state = StoreState(spec)
    try:
        loaded = load_deployment(spec.config)
        plan, errors = footage_plan(loaded, spec.footage) if options.analyse_footage else ({}, [])
    except InputError as exc:
        state.problems = [p.format() for p in exc.problems]
        return state
    state.config_sha256 = loaded.sha256
    if spec.waivers is not None and spec.waivers.is_file():
        state.waivers_sha256 = _sha256(spec.waivers)
    state.errors = errors
    state.footage = {cam: [str(p) for p in files] for cam, files in spec.footage.items()}
    if not options.analyse_footage:
        return state
    from auditor.footage.frames import FootageError, probe
    for camera, files in plan.items():
        for path in files:
            try:
                facts = probe(path)
            except FootageError as exc:
                state.errors.append({"camera": camera, "path": str(path), "message": str(exc)})
                continue
            duration = None
            if facts.kind == "video":
                duration = facts.duration_s or (facts.frames_declared / facts.fps
                                                if facts.frames_declared and facts.fps else None)
            state.durations[str(path)] = float(duration or 0.0)
            for start, end in chunk_windows(duration, options.chunk_s):
                chunk = Chunk(spec.id, camera, str(path), start, end, facts.sha256 or _sha256(path))
                chunk.key = chunk_key(chunk, sample_fps=options.sample_fps, models=models)
                state.chunks.append(chunk)
    return state


def chunk_seconds(chunk: Chunk, durations: dict[str, float]) -> float:
    """Footage seconds a chunk covers (its window, or the rest of the file; 0 for a still)."""
    total = durations.get(chunk.path, 0.0)
    end = chunk.end_s if chunk.end_s is not None else total
    return max(0.0, end - chunk.start_s)


def measured_footage(state: StoreState, failures: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Each camera's footage facts from its chunks (in file and time order), with per-file errors."""
    by_camera: dict[str, list[Chunk]] = {}
    for chunk in state.chunks:
        by_camera.setdefault(chunk.camera, []).append(chunk)
    out: dict[str, dict[str, Any]] = {}
    for camera, chunks in by_camera.items():
        parts = [state.partials[c.key] for c in chunks if c.key in state.partials]
        errors = [{"path": c.path, "message": f"analysis of {c.start_s:g}–"
                   f"{'end' if c.end_s is None else format(c.end_s, 'g')} s failed: {failures[c.key]}"}
                  for c in chunks if c.key in failures]
        if parts:
            facts = merge_partials(parts)
            facts["errors"] = list(facts.get("errors") or []) + errors
            facts["chunks"] = len(parts)
        else:
            facts = {"analysed": False, "errors": errors, "files": []}
        out[camera] = facts
    for err in state.errors:
        if err.get("camera") in out or not err.get("camera"):
            continue
        out[err["camera"]] = {"analysed": False, "files": [],
                              "errors": [{"path": err["path"], "message": err["message"]}]}
    return out


def store_key(state: StoreState, options: FleetOptions, *, packs: Any, audit_date: str) -> str:
    return digest({"kind": "store", "tool": __version__, "config": state.config_sha256,
                   "config_path": str(state.spec.config), "waivers": state.waivers_sha256,
                   "chunks": [c.key for c in state.chunks], "errors": state.errors, "packs": packs,
                   "lang": options.lang, "pdf": options.pdf, "date": audit_date,
                   "footage_overrides": state.footage, "analyse": options.analyse_footage})


def _client(options: FleetOptions) -> tuple[Any, Any]:
    """A Dask client on the given scheduler, or on a LocalCluster sized to this machine."""
    from dask.distributed import Client, LocalCluster

    # Dask's own log lines (heartbeat delays on a loaded machine, connection retries, tracebacks of tasks we
    # already report per store) are not the user's business: failures reach the roll-up in our words.
    for name in ("distributed", "tornado", "bokeh"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

    if options.scheduler:
        try:
            return Client(options.scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            from auditor.core.errors import Problem
            raise InputError([Problem("--scheduler", f"cannot reach the Dask scheduler: {exc}",
                                      expected="tcp://HOST:PORT of a running `dask scheduler`",
                                      found=options.scheduler)]) from None
    workers = options.workers or max(1, os.cpu_count() or 1)
    try:
        import bokeh  # noqa: F401  (the dashboard needs it; without it there is none to print)
        dashboard: str | None = "127.0.0.1:0"
    except ImportError:
        dashboard = None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=dashboard, silence_logs=logging.CRITICAL,
                           worker_dashboard_address=None,
                           env={"AUDITOR_DETECTOR_THREADS": "1", "OMP_NUM_THREADS": "1"})
    return Client(cluster), cluster


@dataclass
class FleetRun:
    """What a fleet run produced: per-store states, timings, and where the outputs are."""

    stores: list[StoreState]
    skipped: list[dict[str, str]]
    out_dir: Path
    generated_at: str
    audit_date: str
    wall_s: float
    camera_s: float
    workers: int
    scheduler: str
    cached_chunks: int
    cached_stores: int


def run_fleet(target: Path, out_dir: Path, options: FleetOptions, *,
              progress: Callable[[FleetProgress], None] = lambda p: None) -> FleetRun:
    """Audit every store of `target` (a folder of deployments or a manifest); outputs under `out_dir`.

    Raises InputError for a bad target or manifest (nothing is run); a bad store is reported in its entry.
    """
    from auditor.audit import audit_clock

    started = time.monotonic()
    plan = discover(target, exclude=[out_dir])
    if not plan.stores:
        from auditor.core.errors import Problem
        raise InputError([Problem(str(target), "no deployment config found",
                                  expected="YAML files with a `store:` and `cameras:` section, or a manifest")])
    clock = audit_clock()
    generated_at = clock.strftime("%Y-%m-%dT%H:%M:%SZ")
    audit_date = options.audit_date or generated_at[:10]
    cache = FleetCache(options.cache_dir or out_dir / ".cache")
    models = models_fingerprint()
    packs = packs_fingerprint()
    states = [prepare_store(spec, options, models=models) for spec in plan.stores]

    snap = FleetProgress(stores_total=len(states), chunks_total=sum(len(s.chunks) for s in states),
                         camera_s_total=sum(chunk_seconds(c, s.durations) for s in states for c in s.chunks))
    failures: dict[str, str] = {}
    cached_chunks = cached_stores = 0
    for state in states:
        for chunk in state.chunks:
            hit = cache.get("chunks", chunk.key)
            if hit is not None:
                state.partials[chunk.key] = hit
                cached_chunks += 1
                snap.chunks_done += 1
                snap.camera_s_done += chunk_seconds(chunk, state.durations)
    snap.cached = cached_chunks
    client, cluster = _client(options)
    try:
        snap.dashboard = _dashboard(client)
        scheduler = options.scheduler or "LocalCluster"
        workers = len(client.scheduler_info().get("workers", {})) or (options.workers or 0)
        progress(snap)
        from dask.distributed import as_completed

        pending = as_completed([], with_results=False)
        owner: dict[Any, tuple[str, Any]] = {}

        def submit_store(state: StoreState) -> None:
            nonlocal cached_stores
            state.submitted = True
            if state.problems:
                state.result = {"store": state.spec.id, "status": "failed", "problems": state.problems}
                _finish_store(state, snap, progress)
                return
            key = store_key(state, options, packs=packs, audit_date=audit_date)
            hit = cache.get("stores", key)
            if hit is not None and _outputs_intact(out_dir, state.spec.id, hit):
                state.result = hit
                cached_stores += 1
                _finish_store(state, snap, progress)
                return
            measured = measured_footage(state, failures) if options.analyse_footage else None
            future = client.submit(
                audit_store, state.spec.id, str(state.spec.config), footage=state.footage, measured=measured or {},
                waivers=str(state.spec.waivers) if state.spec.waivers else None,
                analyse_footage=options.analyse_footage, sample_fps=options.sample_fps, audit_date=audit_date,
                generated_at=generated_at, lang=options.lang, pdf=options.pdf,
                key=f"store-{state.spec.id}-{key[:16]}", retries=TASK_RETRIES, pure=False)
            owner[future] = ("store", (state, key))
            pending.add(future)

        # One task per distinct chunk: the same bytes analysed the same way give the same facts, whichever
        # store or camera lists them.
        waiting: dict[str, list[tuple[StoreState, Chunk]]] = {}
        for state in states:
            for chunk in state.chunks:
                if chunk.key not in state.partials:
                    waiting.setdefault(chunk.key, []).append((state, chunk))
        for key, users in waiting.items():
            chunk = users[0][1]
            future = client.submit(analyse_chunk, chunk.camera, chunk.path, chunk.start_s, chunk.end_s,
                                   options.sample_fps, key=f"chunk-{key[:32]}", retries=TASK_RETRIES, pure=False)
            owner[future] = ("chunk", key)
            pending.add(future)
        for state in states:
            if all(c.key in state.partials for c in state.chunks):
                submit_store(state)

        for future in pending:
            kind, payload = owner.pop(future)
            error = _error_of(future)
            if kind == "chunk":
                value = future.result() if error is None else None
                if value is not None:
                    cache.put("chunks", payload, value)
                else:
                    failures[payload] = error or "no result"
                for state, chunk in waiting.pop(payload):
                    if value is not None:
                        state.partials[chunk.key] = value
                    snap.chunks_done += 1
                    snap.camera_s_done += chunk_seconds(chunk, state.durations)
                    if not state.submitted and all(c.key in state.partials or c.key in failures
                                                   for c in state.chunks):
                        submit_store(state)
                progress(snap)
            else:
                state, key = payload
                if error is None:
                    value = future.result()
                    if value.get("status") == "ok":
                        value = _write_store_outputs(out_dir, state.spec.id, value)
                        cache.put("stores", key, value)
                    state.result = value
                else:
                    state.result = {"store": state.spec.id, "status": "failed",
                                    "problems": [f"the audit task failed: {error}"]}
                _finish_store(state, snap, progress)
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return FleetRun(states, plan.skipped, out_dir, generated_at, audit_date, time.monotonic() - started,
                    snap.camera_s_total, workers, scheduler, cached_chunks, cached_stores)


def _error_of(future: Any) -> str | None:
    """The one-line reason a task failed (worker died, exception), or None."""
    if future.status == "finished":
        return None
    try:
        exc = future.exception()
    except Exception as err:  # noqa: BLE001  (any failure to bring the exception back is reported as is)
        return f"{type(err).__name__}: {err}"
    if exc is None:
        return f"task {future.status}"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}".strip(": ")


def _dashboard(client: Any) -> str | None:
    """The scheduler's dashboard address, only when it really serves one (it needs bokeh)."""
    try:
        if "dashboard" not in client.scheduler_info().get("services", {}):
            return None
        return client.dashboard_link or None
    except Exception:  # noqa: BLE001  (an old or unusual scheduler: say nothing rather than something wrong)
        return None


def _finish_store(state: StoreState, snap: FleetProgress, progress: Callable[[FleetProgress], None]) -> None:
    snap.stores_done += 1
    progress(snap)


def store_dir(out_dir: Path, store_id: str) -> Path:
    return out_dir / "stores" / store_id


def atomic_write_bytes(path: Path, data: bytes) -> None:
    from auditor.report import atomic_writer
    with atomic_writer(path, "wb") as fh:
        fh.write(data)


def _write_store_outputs(out_dir: Path, store_id: str, value: dict[str, Any]) -> dict[str, Any]:
    """Write a store's outputs (atomically) and keep only their names and hashes in the result."""
    from auditor.core.fileio import sha256_bytes
    folder = store_dir(out_dir, store_id)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    for name, data in sorted(value.get("outputs", {}).items()):
        atomic_write_bytes(folder / name, data)
        files[name] = sha256_bytes(data)
    out = {k: v for k, v in value.items() if k != "outputs"}
    out["files"] = files
    return out


def _outputs_intact(out_dir: Path, store_id: str, cached: dict[str, Any]) -> bool:
    """A cached store result counts only if its output files are still there, unchanged."""
    from auditor.core.fileio import sha256_file
    folder = store_dir(out_dir, store_id)
    for name, sha in (cached.get("files") or {}).items():
        path = folder / name
        if not path.is_file() or sha256_file(path) != sha:
            return False
    return cached.get("status") == "ok"
