"""The converter's public entry points: convert() and generate_model()."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import float_exec, limits, memory, passes, quantize
from .calibration import as_inputs, batch_of
from .codegen import render_header
from .errors import CalibrationError, NnomError
from .frontend.keras_reader import load_keras
from .frontend.keras_to_ir import to_graph
from .graph import Graph, QParams
from .guard import converter_errors
from .reference import executor


class ConvertedModel:
    """A quantised model: write its header, or run it exactly as the C does."""

    def __init__(self, graph: Graph, source: str):
        self.graph = graph
        self.source = source
        self.plan = memory.plan(graph)
        limits.check_arena(self.plan.arena_bytes)
        # state of stateful recurrent layers (run(..., keep_state=True))
        self.rnn_states: dict = {}
        # an int8 .tflite keeps TFLM's integer parameters, which the Layer API
        # (it derives them from float scales at run time) cannot reproduce
        self.from_int8_tflite = False

    # -- quantisation of model inputs and outputs --
    @property
    def input_q(self) -> list[QParams]:
        return [self.graph.node(n).out_q for n in self.graph.inputs]

    @property
    def output_q(self) -> list[QParams]:
        return [self.graph.node(n).out_q for n in self.graph.outputs]

    def quantize(self, x, input: int = 0) -> np.ndarray:
        """Float input -> int8, as nnom_quantize() does on the device."""
        return self.input_q[input].quantize(x)

    def dequantize(self, y, output: int = 0) -> np.ndarray:
        return self.output_q[output].dequantize(y)

    # -- running --
    def run(self, x_int8, keep_state: bool = False) -> list[np.ndarray]:
        """int8 inputs (batch first) -> list of int8 outputs, bit-exact with C.

        The batch runs as consecutive model_run() calls on a freshly created
        model: stateful recurrent layers start from zero and carry their
        state from sample to sample; keep_state=True continues from where
        the previous call left it instead."""
        inputs = x_int8 if isinstance(x_int8, (list, tuple)) else [x_int8]
        values = self.run_layers(inputs, keep_state)
        return [values[name] for name in self.graph.outputs]

    def run_layers(self, x_int8, keep_state: bool = False) -> dict[str, np.ndarray]:
        """Every layer's int8 output, keyed by node name (see run())."""
        inputs = x_int8 if isinstance(x_int8, (list, tuple)) else [x_int8]
        shaped = []
        for k, a in enumerate(inputs):
            a = np.asarray(a)
            if a.dtype != np.int8:
                raise NnomError(f"input {k} must be int8 (use .quantize()), got {a.dtype}")
            shape = self.graph.node(self.graph.inputs[k]).shape
            shaped.append(batch_of(a, shape, f"input {k}"))
        if not keep_state:
            self.rnn_states.clear()
        return executor.run(self.graph, shaped, self.rnn_states)

    def reset_states(self) -> None:
        """Zero the state of stateful recurrent layers, as
        nnom_model_reset_states() does in C."""
        self.rnn_states.clear()

    def predict(self, x_float) -> list[np.ndarray]:
        """Float in, float out, through the int8 model."""
        inputs = x_float if isinstance(x_float, (list, tuple)) else [x_float]
        q = [self.quantize(a, k) for k, a in enumerate(inputs)]
        return [self.dequantize(y, k) for k, y in enumerate(self.run(q))]

    def run_float(self, x_float) -> dict[str, np.ndarray]:
        """The float graph (after BN folding etc.): every node's output."""
        inputs = x_float if isinstance(x_float, (list, tuple)) else [x_float]
        shapes = [self.graph.node(n).shape for n in self.graph.inputs]
        return float_exec.run(self.graph, as_inputs(inputs, shapes))

    # -- outputs --
    @property
    def arena_bytes(self) -> int:
        return self.plan.arena_bytes

    def plan_for(self, layout: str = "hwc") -> memory.Plan:
        """The arena plan of a runtime built with this feature-map layout:
        "hwc" (default), or "chw" for one built with NNOM_USING_CHW."""
        return self.plan if layout == "hwc" else memory.plan(self.graph, layout=layout)

    def summary(self, layout: str = "hwc") -> str:
        """The model table, as model_compile() prints it (in a runtime
        built with that layout, see plan_for)."""
        return memory.format_table(self.plan_for(layout))

    def header(self, api: str = "structured") -> str:
        """weights.h text; api="layer" writes the model with the Layer API."""
        if api == "structured":
            return render_header(self.graph, self.plan, self.source)
        if api == "layer" and self.from_int8_tflite:
            raise NnomError(
                "an int8 .tflite model needs the Structured API header (api='structured'): "
                "the Layer API derives multipliers from float scales and would not match TFLM"
            )
        if api == "layer":
            from .codegen_layer_api import render_layer_api_header

            return render_layer_api_header(self.graph, self.plan, self.source)
        raise NnomError(f"api='{api}' is not known; use 'structured' or 'layer'")

    def save_header(self, path="weights.h", api: str = "structured") -> Path:
        path = Path(path)
        text = self.header(api)
        if not path.is_file() or path.read_text() != text:
            path.write_text(text)
        return path


def load_graph(model, lambdas: dict | None = None) -> Graph:
    with converter_errors():
        graph = to_graph(load_keras(model), lambdas)
        limits.check_graph(graph)  # absurd shapes fail before anything is allocated
        graph = passes.optimise(graph)
        limits.check_graph(graph)
        return graph


def convert(
    model, x_calib=None, *, per_channel: bool = True, lambdas: dict | None = None
) -> ConvertedModel:
    """Convert a Keras model (file path or keras.Model) into an int8 model.

    x_calib: calibration inputs (array, or list of arrays for several
    inputs), batch first, as fed to model.predict().
    lambdas: {Lambda layer name: fn} for models with Lambda layers. fn maps
    a float batch (Keras shape) to a float batch; or give (fn, int8_fn),
    where int8_fn maps int8 to int8 exactly as your C function does (the
    default is fn between dequantisation and quantisation, in float32).
    The C side calls `nnom_status_t <name>(const nnom_tensor_t *in,
    nnom_tensor_t *out)`, which you define (docs/layers.md).

    A .tflite file: a fully int8 one keeps its own quantisation and needs no
    x_calib (bit-exact with TFLite Micro); a float one is calibrated like a
    Keras model (docs/layers.md, ".tflite import").
    """
    if is_tflite(model):
        return convert_tflite(model, x_calib, per_channel=per_channel)
    graph = load_graph(model, lambdas)
    source = Path(model).name if isinstance(model, (str, Path)) else "a keras.Model"
    return convert_graph(graph, x_calib, source, per_channel=per_channel)


def is_tflite(model) -> bool:
    return isinstance(model, (str, Path)) and str(model).lower().endswith(".tflite")


def convert_tflite(path, x_calib=None, *, per_channel: bool = True) -> ConvertedModel:
    """A .tflite file -> ConvertedModel (see convert())."""
    from .frontend.tflite_reader import load_tflite
    from .frontend.tflite_to_ir import check_shapes
    from .frontend.tflite_to_ir import to_graph as tflite_graph

    source = Path(path).name
    with converter_errors():
        graph, int8 = tflite_graph(load_tflite(path))
        limits.check_graph(graph)  # the C fields, as for a Keras model
        if int8:
            check_shapes(graph)
            converted = ConvertedModel(graph, source)
            converted.from_int8_tflite = True
            return converted
        if x_calib is None:
            raise CalibrationError(
                f"{source} is a float model: calibration data is required "
                "(CLI: -c calib.npy; Python: x_calib)"
            )
        graph = passes.optimise(graph)
        limits.check_graph(graph)
    return convert_graph(graph, x_calib, source, per_channel=per_channel)


def convert_graph(
    graph: Graph, x_calib, source: str = "a graph", *, per_channel: bool = True
) -> ConvertedModel:
    """Calibrate and quantise an NNoM graph (after passes.optimise)."""
    if x_calib is None:
        raise CalibrationError(
            "calibration data is required: pass a few hundred typical inputs (x_test)"
        )
    with converter_errors():
        shapes = [graph.node(n).shape for n in graph.inputs]
        inputs = as_inputs(x_calib, shapes)
        ranges = quantize.calibrate(graph, inputs)
        quantize.assign(graph, ranges, per_channel=per_channel)
        return ConvertedModel(graph, source)


def generate_model(
    model,
    x_test,
    name="weights.h",
    *,
    per_channel_quant: bool = True,
    format: str = "hwc",
    quantize_method: str = "max_min",
) -> ConvertedModel:
    """Original NNoM's one-call deploy: convert and write the header.

    format: "hwc" or "chw". The header serves both: the layout is the
    runtime's build option (-DNNOM_USING_CHW for "chw"), the user's buffers
    are in Keras' order either way."""
    if format not in ("hwc", "chw"):
        raise NnomError(f"format='{format}' is not known; use 'hwc' or 'chw'")
    if quantize_method != "max_min":
        raise NnomError(f"quantize_method='{quantize_method}' is not supported; use 'max_min'")
    converted = convert(model, x_test, per_channel=per_channel_quant)
    with converter_errors():
        converted.save_header(name)
    return converted
