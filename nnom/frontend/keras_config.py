"""Turn a Keras model config (any Keras version) into a flat KerasGraph.

Normalises what differs between Keras versions: Sequential vs Functional,
`inbound_nodes` as Keras 2 lists or Keras 3 `{"args", "kwargs"}` dicts,
`input_layers` as a list of triples or one flat triple, and nested models,
whose layers are inlined as "outer/inner".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ModelFileError
from .keras_graph import KerasGraph, KerasLayer, TensorRef
from .keras_h5 import ModelFile
from .keras_weights import WeightScope, entry_name

MODEL_CLASSES = ("Sequential", "Functional", "Model")


def build_graph(model_file: ModelFile) -> KerasGraph:
    model = model_file.config
    if isinstance(model, list):  # very old Keras: a Sequential's bare layer list
        model = {"class_name": "Sequential", "config": model}
    if not isinstance(model, dict) or not is_model(model):
        kind = model.get("class_name") if isinstance(model, dict) else type(model).__name__
        raise ModelFileError(
            f"the model ({kind}) is a subclassed model whose architecture is not in the file; "
            "build it with the Sequential or Functional API"
        )
    try:
        graph = _expand(model, model_file.weights, prefix="")
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as e:
        raise ModelFileError(f"unexpected Keras model config ({type(e).__name__}: {e})") from e
    _check_refs(graph)
    return KerasGraph(
        name=model_name(model),
        keras_version=model_file.keras_version,
        layers=graph.layers,
        inputs=graph.inputs,
        outputs=graph.outputs,
    )


def is_model(entry: dict) -> bool:
    config = entry.get("config")
    if entry.get("class_name") in MODEL_CLASSES:
        return True
    # a custom Model subclass built with the Functional API
    return isinstance(config, dict) and "layers" in config and "output_layers" in config


def model_name(model: dict) -> str:
    config = model.get("config")
    if isinstance(config, dict):
        return str(config.get("name") or model.get("name") or "model")
    return str(model.get("name") or "sequential")


def _check_refs(graph: _Graph) -> None:
    """Every tensor read must be an output of an existing call of a layer."""
    calls = {layer.name: max(1, len(layer.inbound)) for layer in graph.layers}
    if len(calls) != len(graph.layers):
        raise ModelFileError("the model has two layers with the same name")
    reads = [(layer.name, r) for layer in graph.layers for call in layer.inbound for r in call]
    reads += [("the model's inputs", r) for r in graph.inputs]
    reads += [("the model's outputs", r) for r in graph.outputs]
    for reader, ref in reads:
        if ref.layer not in calls or not 0 <= ref.node < calls[ref.layer]:
            raise ModelFileError(
                f"{reader} reads node {ref.node} of layer '{ref.layer}', which the model "
                "config does not define"
            )


@dataclass
class _Graph:
    layers: list[KerasLayer]
    inputs: list[TensorRef]
    outputs: list[TensorRef]


@dataclass
class _Entry:
    """One layer entry of one model config, with its calls parsed."""

    raw: dict
    name: str
    calls: list[list[TensorRef]]
    has_weights_scope: bool  # is in `model.layers` (so in the weights file)


# ------------------------------------------------------------ model parsing


def _parse_sequential(model: dict) -> tuple[list[_Entry], list[TensorRef], list[TensorRef]]:
    config = model["config"]
    layers = config if isinstance(config, list) else config["layers"]
    name = model_name(model)
    entries: list[_Entry] = []
    if layers and layers[0]["class_name"] == "InputLayer":
        entries.append(_Entry(layers[0], entry_name(layers[0]), [], False))
        layers = layers[1:]
    else:
        entries.append(_make_input(name, model, layers))
    previous = TensorRef(entries[0].name)
    for layer in layers:
        entries.append(_Entry(layer, entry_name(layer), [[previous]], True))
        previous = TensorRef(entries[-1].name)
    return entries, [TensorRef(entries[0].name)], [previous]


def _make_input(model: str, entry: dict, layers: list[dict]) -> _Entry:
    """The InputLayer of a Sequential that stores its input shape elsewhere."""
    config = entry["config"] if isinstance(entry["config"], dict) else {}
    first = layers[0]["config"] if layers else {}
    shape: dict[str, Any] = {"batch_shape": None}
    for key in ("batch_input_shape", "batch_shape"):  # Keras 1/2, Keras 3
        if first.get(key) is not None:
            shape = {key: first[key]}
            break
    else:
        build = (layers[0].get("build_config") or {}) if layers else {}
        found = config.get("build_input_shape") or build.get("input_shape")
        if found is not None:
            shape = {"batch_shape": found}
    names = {entry_name(layer) for layer in layers}
    name = f"{model}_input"
    while name in names:
        name += "_"
    input_config = {"name": name, **shape, "dtype": first.get("dtype", "float32")}
    return _Entry({"class_name": "InputLayer", "config": input_config}, name, [], False)


def _parse_functional(model: dict) -> tuple[list[_Entry], list[TensorRef], list[TensorRef]]:
    config = model["config"]
    entries = []
    for layer in config["layers"]:
        calls = [_node_refs(node) for node in layer.get("inbound_nodes") or []]
        module = str(layer.get("module") or "")
        is_op = module.startswith(("keras.src.ops", "keras.ops"))  # keras.ops node, no weights
        entries.append(_Entry(layer, entry_name(layer), calls, not is_op))
    return entries, _io_refs(config["input_layers"]), _io_refs(config["output_layers"])


def _is_triple(value: Any) -> bool:
    return (
        isinstance(value, (list, tuple))
        and len(value) >= 3
        and isinstance(value[0], str)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value[1:3])
    )


def _io_refs(value: Any) -> list[TensorRef]:
    """`input_layers`/`output_layers`: a triple, a list of them, or a dict (Keras 3)."""
    if _is_triple(value):
        return [TensorRef(value[0], value[1], value[2])]
    if isinstance(value, dict):
        return [ref for key in sorted(value) for ref in _io_refs(value[key])]
    if isinstance(value, (list, tuple)):
        return [ref for item in value for ref in _io_refs(item)]
    return []


def _node_refs(node: Any) -> list[TensorRef]:
    """The tensors one call of a layer was given: positional first, then kwargs."""
    if isinstance(node, dict) and "args" in node:  # Keras 3
        return _keras3_tensors(node["args"]) + _keras3_tensors(node.get("kwargs") or {})
    # Keras 1/2: [["name", node, index, kwargs], ...]; kwargs repeat in every item
    items = _keras2_items(node)
    kwargs = items[0][3] if items and len(items[0]) > 3 else {}
    refs = [TensorRef(i[0], i[1], i[2]) for i in items if i[0] != "_CONSTANT_VALUE"]
    return refs + _io_refs(kwargs if isinstance(kwargs, dict) else {})


def _keras2_items(node: Any) -> list[list]:
    if _is_triple(node):
        return [list(node)]
    if isinstance(node, dict):
        return [item for value in node.values() for item in _keras2_items(value)]
    if isinstance(node, (list, tuple)):
        return [item for value in node for item in _keras2_items(value)]
    return []


def _keras3_tensors(value: Any) -> list[TensorRef]:
    if isinstance(value, dict):
        if value.get("class_name") == "__keras_tensor__":
            history = value["config"]["keras_history"]
            return [TensorRef(history[0], history[1], history[2])]
        return [ref for key in sorted(value) for ref in _keras3_tensors(value[key])]
    if isinstance(value, (list, tuple)):
        return [ref for item in value for ref in _keras3_tensors(item)]
    return []


# ---------------------------------------------------------------- flattening


def _expand(model: dict, scope: WeightScope, prefix: str) -> _Graph:
    """The model's layers named `prefix + name`, nested models inlined."""
    if model["class_name"] == "Sequential" or isinstance(model["config"], list):
        entries, inputs, outputs = _parse_sequential(model)
    else:
        entries, inputs, outputs = _parse_functional(model)
        entries, outputs = _number_calls(entries, outputs)

    weighted = [e for e in entries if e.has_weights_scope]
    scopes = dict(zip([e.name for e in weighted], scope.children([e.raw for e in weighted])))

    def rename(ref: TensorRef) -> TensorRef:
        return TensorRef(prefix + ref.layer, ref.node, ref.index)

    layers: list[KerasLayer] = []
    redirect: dict[TensorRef, TensorRef] = {}
    for entry in entries:
        calls = [[rename(r) for r in call] for call in entry.calls]
        if is_model(entry.raw):
            inner = _expand(entry.raw, scopes[entry.name], prefix + entry.name + "/")
            layers += _inline(inner, calls, prefix + entry.name, redirect)
        else:
            weights = scopes[entry.name].arrays() if entry.name in scopes else []
            config = entry.raw["config"]
            layers.append(
                KerasLayer(
                    prefix + entry.name,
                    entry.raw["class_name"],
                    config,
                    weights,
                    calls,
                    str(entry.raw.get("module") or ""),
                )
            )

    def resolve(ref: TensorRef) -> TensorRef:
        for _ in range(len(redirect) + 1):
            if ref not in redirect:
                return ref
            ref = redirect[ref]
        raise ModelFileError(f"circular nested-model connection at '{ref.layer}'")

    if redirect:
        for layer in layers:
            layer.inbound = [[resolve(r) for r in call] for call in layer.inbound]
    return _Graph(
        layers, [resolve(rename(r)) for r in inputs], [resolve(rename(r)) for r in outputs]
    )


def _number_calls(
    entries: list[_Entry], outputs: list[TensorRef]
) -> tuple[list[_Entry], list[TensorRef]]:
    """Refs to a nested model with node = the index of the call in its list.

    Files count a Functional model's building as its node 0 in some places:
    Keras 2 everywhere (for any nested model that has an InputLayer), Keras 3
    only in `output_layers` and only for Functional (not Sequential) models.
    """
    nested = {e.name: e.raw for e in entries if is_model(e.raw)}
    if not nested:
        return entries, outputs
    keras3 = any(isinstance(n, dict) for e in entries for n in e.raw.get("inbound_nodes") or [])

    def fix(ref: TensorRef, is_output: bool) -> TensorRef:
        model = nested.get(ref.layer)
        if model is None:
            return ref
        if keras3:
            offset = is_output and model["class_name"] != "Sequential"
        else:
            offset = _has_input_layer(model)
        return TensorRef(ref.layer, ref.node - int(offset), ref.index)

    for e in entries:
        e.calls = [[fix(r, False) for r in call] for call in e.calls]
    return entries, [fix(r, True) for r in outputs]


def _has_input_layer(model: dict) -> bool:
    if model["class_name"] != "Sequential" and not isinstance(model["config"], list):
        return True
    layers = model["config"] if isinstance(model["config"], list) else model["config"]["layers"]
    return bool(layers) and layers[0]["class_name"] == "InputLayer"


def _inline(
    inner: _Graph,
    calls: list[list[TensorRef]],
    name: str,
    redirect: dict[TensorRef, TensorRef],
) -> list[KerasLayer]:
    """A nested model's layers wired to the tensors of each of its calls.

    Its InputLayers disappear: what read them reads the call's tensors.
    Output i of call k, `(name, k, i)`, is recorded in `redirect`.
    """
    position = {ref.layer: i for i, ref in enumerate(inner.inputs)}
    kept = [layer for layer in inner.layers if layer.name not in position]
    per_call = {layer.name: len(layer.inbound) for layer in kept}
    for call in calls:
        if len(call) != len(inner.inputs):
            raise ModelFileError(
                f"nested model '{name}' has {len(inner.inputs)} inputs but is called "
                f"on {len(call)} tensors"
            )

    def outer(ref: TensorRef, k: int) -> TensorRef:
        if ref.layer in position:
            return calls[k][position[ref.layer]]
        return TensorRef(ref.layer, k * per_call[ref.layer] + ref.node, ref.index)

    for k in range(len(calls)):
        for i, ref in enumerate(inner.outputs):
            redirect[TensorRef(name, k, i)] = outer(ref, k)
    return [
        KerasLayer(
            layer.name,
            layer.class_name,
            layer.config,
            layer.weights,
            [[outer(r, k) for r in call] for k in range(len(calls)) for call in layer.inbound],
            layer.module,
        )
        for layer in kept
    ]
