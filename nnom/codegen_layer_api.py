"""Writes the model header with the Layer API instead of the Structured API.

The result reads like a hand-written NNoM model (Conv2D(...), Dense(...),
model.hook(...)); weights stay const, configs are built in RAM at
nnom_model_create(). Tests compare it with the Structured API header to
show that both APIs compute the same outputs.
"""

from __future__ import annotations

import numpy as np

from .activations import display_name
from .codegen import _PADDING, HeaderWriter, c_array, c_float, c_string
from .errors import NnomError
from .graph import Node


def _shape_call(shape: tuple[int, ...]) -> str:
    if len(shape) == 3:
        return f"nnom_shape({shape[0]}, {shape[1]}, {shape[2]})"
    if len(shape) == 2:
        return f"nnom_shape_1d({shape[0]}, {shape[1]})"
    return f"nnom_shape_flat({shape[0]})"


def _hw(pair) -> str:
    return f"nnom_hw({pair[0]}, {pair[1]})"


class LayerApiWriter(HeaderWriter):
    planned = False  # a Layer API program plans at run time (model_compile)

    def emit_node(self, node: Node) -> None:
        n, op, q = self.ids[node.name], node.op, node.q
        out = [self._qparams(node)]
        if op in ("conv2d", "dwconv2d", "dense"):
            if node.attrs.get("padding") == "causal":
                raise NnomError(
                    f"layer '{node.source}': causal padding has no Layer API form; "
                    "use the Structured API header"
                )
            out.extend(self._weights(node))
        elif op == "activation":
            out.append(c_array("int8_t", f"{n}_table", q["lut"]))
        elif op == "deconv2d":
            if any(node.attrs["output_padding"]):
                raise NnomError(
                    f"layer '{node.source}': output_padding has no Layer API form; "
                    "use the Structured API header"
                )
            out.extend(self._weights(node))
        elif op in (
            "add",
            "sub",
            "mult",
            "concat",
            "global_maxpool",
            "global_avgpool",
            "sumpool",
            "global_sumpool",
            "lambda",
        ):
            if op == "mult" and len(node.inputs) > 2:
                raise NnomError(
                    f"layer '{node.source}': a product of {len(node.inputs)} inputs has no "
                    "Layer API form (Mult takes two); use the Structured API header"
                )
            if op == "lambda":
                fn = node.attrs["function"]
                out.append(f"nnom_status_t {fn}(const nnom_tensor_t *in, nnom_tensor_t *out);\n")
            if op in ("add", "sub", "mult") and node.act is not None:
                out.append(self.tail(node))
        elif op == "prelu":
            out.append(c_array("int8_t", f"{n}_alpha", q["alpha"]))
        elif op not in {
            "input",
            "maxpool",
            "avgpool",
            "flatten",
            "reshape",
            "zeropad",
            "cropping",
            "upsample",
            "softmax",
        }:
            raise NnomError(
                f"layer '{node.source}' ({node.source_class}) has no Layer API form yet; "
                "use the Structured API header"
            )
        self.parts.append("".join(out))

    def _weights(self, node: Node) -> list[str]:
        """Weight data, per-channel scales, bias and the weight/bias objects."""
        n, q = self.ids[node.name], node.q
        scales = ", ".join(c_float(s) for s in np.asarray(q["weight_scale"]).reshape(-1))
        out = [
            c_array("int8_t", f"{n}_weight_data", q["weight"]),
            f"static const float {n}_weight_scale[] = {{{scales}}};\n",
            c_array("int32_t", f"{n}_bias_data", q["bias"]),
            f"static const nnom_weight_t {n}_w = "
            f"{{{n}_weight_data, {n}_weight_scale, {self.q_ref(node)}}};\n",
            f"static const nnom_bias_t {n}_b = {{{n}_bias_data}};\n",
        ]
        if node.act is not None:
            out.append(self.tail(node))
        return out

    def _qparams(self, node: Node) -> str:
        from .codegen import _qparam

        text = _qparam(f"{self.ids[node.name]}_q", node.out_q)
        if node.pre_q is not None:
            text += _qparam(f"{self.ids[node.name]}_pre_q", node.pre_q)
        return text

    def constructor(self, node: Node) -> str:
        n, op, a = self.ids[node.name], node.op, node.attrs
        if op == "input":
            k = self.g.inputs.index(node.name)
            buf = "nnom_input_data" + (str(k) if k else "")
            return f"Input({_shape_call(node.shape)}, &{n}_q, {buf})"
        if op == "conv2d":
            return (
                f"Conv2D({node.q['weight'].shape[0]}, {_hw(a['kernel'])}, {_hw(a['strides'])}, "
                f"{_hw(a['dilation'])}, {_PADDING[a['padding']]}, &{n}_w, &{n}_b)"
            )
        if op == "dwconv2d":
            return (
                f"DW_Conv2D({a['multiplier']}, {_hw(a['kernel'])}, {_hw(a['strides'])}, "
                f"{_hw(a['dilation'])}, {_PADDING[a['padding']]}, &{n}_w, &{n}_b)"
            )
        if op == "dense":
            return f"Dense({node.q['weight'].shape[0]}, &{n}_w, &{n}_b)"
        if op in ("maxpool", "avgpool"):
            ctor = "MaxPool" if op == "maxpool" else "AvgPool"
            return f"{ctor}({_hw(a['kernel'])}, {_hw(a['strides'])}, {_PADDING[a['padding']]})"
        if op == "flatten":
            return "Flatten()"
        if op == "reshape":
            return f"Reshape({_shape_call(node.shape)})"
        if op in ("zeropad", "cropping"):
            ctor = "ZeroPadding" if op == "zeropad" else "Cropping"
            top, bottom, left, right = a["border"]
            return f"{ctor}(nnom_border({top}, {bottom}, {left}, {right}))"
        if op == "upsample":
            return f"UpSample({_hw(a['size'])})"
        if op == "activation":
            name = c_string(display_name(node.act))
            return f"Activation(act_lut({n}_table, &{n}_q, {name}))"
        if op == "softmax":
            return "Softmax()"
        if op == "deconv2d":
            return (
                f"Conv2DTrans({node.q['weight'].shape[0]}, {_hw(a['kernel'])}, "
                f"{_hw(a['strides'])}, {_hw(a['dilation'])}, {_PADDING[a['padding']]}, "
                f"&{n}_w, &{n}_b)"
            )
        if op == "global_maxpool":
            return "GlobalMaxPool()"
        if op == "global_avgpool":
            return "GlobalAvgPool()"
        if op == "sumpool":
            return (
                f"SumPool({_hw(a['kernel'])}, {_hw(a['strides'])}, {_PADDING[a['padding']]}, "
                f"&{n}_q)"
            )
        if op == "global_sumpool":
            return f"GlobalSumPool(&{n}_q)"
        if op in ("add", "sub"):
            average = int(a.get("average", 1))
            if average > 1:
                return f"Average({average}, {self.q_ref(node)})"
            return f"{'Add' if op == 'add' else 'Sub'}({self.q_ref(node)})"
        if op == "mult":
            return f"Mult({self.q_ref(node)})"
        if op == "concat":
            return f"Concat({a['axis']}, &{n}_q)"
        if op == "prelu":
            q = node.q
            return f"PReLU({n}_alpha, {q['alpha'].size}, {c_float(q['alpha_scale'])}, &{n}_q)"
        if op == "lambda":
            return f"Lambda({a['function']}, {_shape_call(node.shape)}, &{n}_q)"
        raise NnomError(
            f"layer '{node.source}' ({node.source_class}) has no Layer API form yet; "
            "use the Structured API header"
        )

    def layer_constructor(self, k: int, layer) -> str:
        if layer.op == "output":
            idx = self.plan.output_layers.index(k)
            buf = "nnom_output_data" + (str(idx) if idx else "")
            return f"Output({_shape_call(layer.shape)}, {buf})"
        return self.constructor(layer.node)

    def output_configs(self) -> str:
        return ""

    def io_section(self) -> str:
        # Layer API configs live in RAM too: NNOM_STATIC_BUF_BYTES would be too small.
        lines = super().io_section().split("\n")
        keep = [
            line
            for line in lines
            if "NNOM_STATIC_BUF_BYTES" not in line
            and "everything nnom_model_create() takes" not in line
            and "bytes in case the buffer is not" not in line
        ]
        return "\n".join(keep)


def render_layer_api_header(g, plan, source: str = "a Keras model") -> str:
    return LayerApiWriter(g, plan, source).render()
