"""Header code for Conv2DTranspose, global and sum pooling, merges, PReLU
and Lambda (Structured API configs; see inc/nnom_layers.h)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .graph import Node

if TYPE_CHECKING:
    from .codegen import HeaderWriter

CONSTRUCTORS = {
    "deconv2d": "deconv2d_s",
    "global_maxpool": "global_maxpool_s",
    "global_avgpool": "global_avgpool_s",
    "global_sumpool": "global_sumpool_s",
    "sumpool": "sumpool_s",
    "add": "add_s",
    "sub": "sub_s",
    "mult": "mult_s",
    "concat": "concat_s",
    "prelu": "prelu_s",
    "lambda": "lambda_s",
}
MORE_OPS = frozenset(CONSTRUCTORS)
# ops whose config carries a fused activation tail (model.active)
TAIL_OPS = frozenset({"deconv2d", "add", "sub", "mult"})

_PADDING = {"valid": "PADDING_VALID", "same": "PADDING_SAME"}


def emit(w: HeaderWriter, node: Node, n: str, super_: str) -> str:
    """Arrays and the `static const <config> <n>_config` for one node."""
    from .codegen import _shape_init, c_array, c_comment

    op, a, q = node.op, node.attrs, node.q
    out: list[str] = []
    if op == "deconv2d":
        out.append(w.weight_array(f"{n}_weight", q["weight"]))
        out.append(c_array("int32_t", f"{n}_bias", q["bias"]))
        out.append(c_array("int32_t", f"{n}_mult", q["mult"]))
        out.append(c_array("int32_t", f"{n}_shift", q["shift"]))
        cout, kh, kw, cin = q["weight"].shape
        out.append(
            f"static const nnom_deconv2d_config_t {n}_config = {{{super_}, "
            f".weight = {n}_weight, .bias = {n}_bias, .mult = {n}_mult, .shift = {n}_shift, "
            f".filters = {cout}, .in_channels = {cin}, .kernel_h = {kh}, .kernel_w = {kw}, "
            f".stride_h = {a['strides'][0]}, .stride_w = {a['strides'][1]}, "
            f".dilation_h = {a['dilation'][0]}, .dilation_w = {a['dilation'][1]}, "
            f".padding = {_PADDING[a['padding']]}, "
            f".output_padding_h = {a['output_padding'][0]}, "
            f".output_padding_w = {a['output_padding'][1]}}};\n"
        )
    elif op in ("global_maxpool", "global_avgpool"):
        out.append(f"static const nnom_global_pool_config_t {n}_config = {{{super_}}};\n")
    elif op in ("sumpool", "global_sumpool"):
        window = ""
        if op == "sumpool":
            window = (
                f".kernel_h = {a['kernel'][0]}, .kernel_w = {a['kernel'][1]}, "
                f".stride_h = {a['strides'][0]}, .stride_w = {a['strides'][1]}, "
                f".padding = {_PADDING[a['padding']]}, "
            )
        out.append(
            f"static const nnom_sumpool_config_t {n}_config = {{{super_}, {window}"
            f".mult = {q['mult']}, .shift = {q['shift']}}};\n"
        )
    elif op in ("add", "sub"):
        from .fixedpoint import ADD_LEFT_SHIFT

        out.append(c_array("int32_t", f"{n}_in_mult", q["in_mult"]))
        out.append(c_array("int32_t", f"{n}_in_shift", q["in_shift"]))
        out.append(
            f"static const nnom_add_config_t {n}_config = {{{super_}, "
            f".in_mult = {n}_in_mult, .in_shift = {n}_in_shift, .out_mult = {q['out_mult']}, "
            f".out_shift = {q['out_shift']}, .left_shift = {ADD_LEFT_SHIFT}}};\n"
        )
    elif op == "mult":
        out.append(c_array("int32_t", f"{n}_mult", q["mult"]))
        out.append(c_array("int32_t", f"{n}_shift", q["shift"]))
        steps = "NULL"
        if len(q["step_zp"]):
            out.append(c_array("int32_t", f"{n}_step_zp", q["step_zp"]))
            steps = f"{n}_step_zp"
        out.append(
            f"static const nnom_mult_config_t {n}_config = {{{super_}, "
            f".mult = {n}_mult, .shift = {n}_shift, .step_zp = {steps}}};\n"
        )
    elif op == "concat":
        tables = "NULL"
        if any(t is not None for t in q["tables"]):
            names = []
            for k, t in enumerate(q["tables"]):
                if t is None:
                    names.append("NULL")
                else:
                    out.append(c_array("int8_t", f"{n}_table{k}", t))
                    names.append(f"{n}_table{k}")
            out.append(
                f"static const int8_t *const {n}_tables[{len(names)}] = {{{', '.join(names)}}};\n"
            )
            tables = f"{n}_tables"
        out.append(
            f"static const nnom_concat_config_t {n}_config = {{{super_}, "
            f".axis = {a['axis']}, .tables = {tables}}};\n"
        )
    elif op == "prelu":
        out.append(c_array("int8_t", f"{n}_alpha", q["alpha"]))
        out.append(
            f"static const nnom_prelu_config_t {n}_config = {{{super_}, "
            f".alpha = {n}_alpha, .alpha_size = {q['alpha'].size}, "
            f".pos_mult = {q['pos_mult']}, .pos_shift = {q['pos_shift']}, "
            f".neg_mult = {q['neg_mult']}, .neg_shift = {q['neg_shift']}}};\n"
        )
    elif op == "lambda":
        fn = a["function"]
        out.append(
            f"/* Lambda '{c_comment(node.source)}': define this function "
            "(see nnom_lambda_fn_t) */\n"
            f"nnom_status_t {fn}(const nnom_tensor_t *in, nnom_tensor_t *out);\n"
            f"static const nnom_lambda_config_t {n}_config = {{{super_}, "
            f".shape = {_shape_init(node.shape)}, .run = {fn}}};\n"
        )
    else:
        raise NotImplementedError(f"code generation for '{op}'")
    if op in TAIL_OPS and node.act is not None:
        out.append(w.tail(node))
    return "".join(out)
