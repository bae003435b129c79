"""Writes the model header (weights.h) using the Structured API.

The header holds const weights and configs (flash), the I/O pointers, macros
for the I/O quantisation and the arena size, and nnom_model_create(), which
hooks the layers in run order the way the Keras model reads.
"""

from __future__ import annotations

import numpy as np

from . import backends
from .activations import display_name, is_clamp
from .c_text import c_array, c_comment, c_float, c_ident, c_string, qparam, shape_init
from .graph import Graph, Node
from .memory import Plan
from .ops.catalog import OPS, op_of
from .ops.io import OUTPUT, user_buffer
from .version import VERSION_TUPLE, __version__

__all__ = [
    "HeaderWriter",
    "c_array",
    "c_comment",
    "c_float",
    "c_ident",
    "c_string",
    "render_header",
]


class HeaderWriter:
    planned = True  # the create function passes the converter's arena plan

    def __init__(self, g: Graph, plan: Plan, source: str):
        self.g = g
        self.plan = plan
        self.source = source
        self.ids = {node.name: c_ident(node.name) for node in g.nodes}
        self.parts: list[str] = []
        self.weights_seen: dict[tuple, str] = {}

    def weight_array(self, name: str, values: np.ndarray) -> str:
        """An int8 weight array, or a #define to an identical one emitted
        before (a layer called several times: one copy in flash)."""
        values = np.ascontiguousarray(values, dtype=np.int8)
        first = self.weights_seen.setdefault((values.shape, values.tobytes()), name)
        if first != name:
            return f"#define {name} {first} /* the same weights */\n"
        return c_array("int8_t", name, values)

    def q_ref(self, node: Node) -> str:
        """The config's out_q: the quantisation before a table tail."""
        suffix = "_pre_q" if node.pre_q is not None else "_q"
        return f"&{self.ids[node.name]}{suffix}"

    def emit_node(self, node: Node) -> None:
        n, op = self.ids[node.name], op_of(node)
        out = [qparam(f"{n}_q", node.out_q)]
        if node.pre_q is not None:
            out.append(qparam(f"{n}_pre_q", node.pre_q))
        label = c_string(node.source or node.name)
        super_ = f".super = {{.name = {label}, .out_q = {self.q_ref(node)}}}"
        out.append(op.emit_config(self, node, n, super_))
        if op.takes_activation and node.act is not None:
            out.append(self.tail(node))
        self.parts.append("".join(out))

    def tail(self, node: Node) -> str:
        """The activation tail object for a conv/dense with a fused activation."""
        n, act = self.ids[node.name], node.act
        name = display_name(act)
        if is_clamp(act):
            cap = act.params.get("max_value")
            if cap is None:
                return ""  # nnom_act_relu() from the library
            if float(cap) == 6.0:
                return ""  # nnom_act_relu6()
            return (
                f"static const nnom_activation_t {n}_act = "
                f'{{.kind = NNOM_ACT_RELU_CAP, .name = "{name}", .cap = {c_float(cap)}}};\n'
            )
        return c_array("int8_t", f"{n}_act_table", node.q.lut) + (
            f"static const nnom_activation_t {n}_act = "
            f'{{.kind = NNOM_ACT_LUT, .name = "{name}", .table = {n}_act_table, '
            f".out_q = &{n}_q}};\n"
        )

    def tail_ref(self, node: Node) -> str:
        act = node.act
        if is_clamp(act):
            cap = act.params.get("max_value")
            if cap is None:
                return "nnom_act_relu()"
            if float(cap) == 6.0:
                return "nnom_act_relu6()"
        return f"&{self.ids[node.name]}_act"

    def layer_constructor(self, k: int, layer) -> str:
        """The C expression that makes layer k (Structured API)."""
        if layer.node is None:
            index = self.plan.output_layers.index(k)
            return f"{OUTPUT.c_constructor}(&nnom_output{index}_config)"
        return op_of(layer.node).constructor(self, layer.node, self.ids[layer.name])

    def create_function(self) -> str:
        layers = self.plan.layers
        lines = [
            "NNOM_MAYBE_UNUSED static nnom_model_t *nnom_model_create(void)",
            "{",
            "    static nnom_model_t model;",
            f"    nnom_layer_t *layer[{len(layers)}];",
            "",
            "    nnom_model_delete(&model); /* a second call frees the first model */",
            "    nnom_new_model(&model);",
        ]
        # no pointer into a freed arena if this call fails
        planned = {la.name for la in layers}
        for k, name in enumerate(self.g.inputs):
            if name in planned:
                lines.append(f"    nnom_inputs[{k}] = NULL;")
        lines += [f"    nnom_outputs[{k}] = NULL;" for k in range(len(self.plan.output_layers))]
        for k, layer in enumerate(layers):
            ctor = self.layer_constructor(k, layer)
            if not layer.inputs:
                lines.append(f"    layer[{k}] = {ctor};")
            elif len(layer.inputs) == 1:
                lines.append(f"    layer[{k}] = model.hook({ctor}, layer[{layer.inputs[0]}]);")
            else:
                ins = ", ".join(f"layer[{i}]" for i in layer.inputs)
                lines.append(f"    layer[{k}] = model.mergex({ctor}, {len(layer.inputs)}, {ins});")
            node = layer.node
            if node is not None and op_of(node).takes_activation and node.act:
                lines.append(f"    layer[{k}] = model.active({self.tail_ref(node)}, layer[{k}]);")
        outs = ", ".join(f"layer[{k}]" for k in self.plan.output_layers)
        n_out = len(self.plan.output_layers)
        if n_out == 1:
            runtime = f"    if (nnom_model_compile(&model, layer[0], {outs}) != NN_SUCCESS)"
            planned = f"&{outs}, 1"
        else:
            lines.append(f"    nnom_layer_t *const outputs[] = {{{outs}}};")
            runtime = f"    if (nnom_model_compile_multi(&model, outputs, {n_out}) != NN_SUCCESS)"
            planned = f"outputs, {n_out}"
        if self.planned:
            lines += [
                "#if defined(NNOM_RUNTIME_PLAN)",
                runtime,
                "#else",
                f"    if (nnom_model_compile_planned(&model, {planned}, nnom_arena_plan)"
                " != NN_SUCCESS)",
                "#endif",
            ]
        else:
            lines.append(runtime)
        lines += [
            "    {",
            "        nnom_model_delete(&model); /* the layers hooked above */",
            "        return NULL;",
            "    }",
        ]
        at = {la.name: i for i, la in enumerate(layers)}
        for k, name in enumerate(self.g.inputs):
            if name in at:  # else a buffer nothing reads (buffers())
                lines.append(f"    nnom_inputs[{k}] = nnom_io_data(layer[{at[name]}]);")
        for k, index in enumerate(self.plan.output_layers):
            lines.append(f"    nnom_outputs[{k}] = nnom_io_data(layer[{index}]);")
        lines += ["    return &model;", "}"]
        return "\n".join(lines) + "\n"

    def arena_plan(self) -> str:
        """The converter's arena plan of every build variant (the selection
        follows NNOM_ARENA_BYTES_BUILD), for model_compile_planned()."""
        from .memory import plan

        variants = [("defined(NNOM_USING_CHW)", plan(self.g, layout="chw"))]
        for kind in backends.selection_order():
            cond = f"defined(NNOM_BACKEND_CMSIS_NN) && {backends.c_condition(kind)}"
            variants.append((cond, plan(self.g, backends.plan_name(kind))))
        variants.append(("", self.plan))
        lines = [
            "/* the arena plan of this build for model_compile_planned(): per layer",
            " * {output offset, or NNOM_PLAN_SHARED | the layer whose buffer it takes;",
            " * scratch offset; scratch bytes}, then {arena bytes, lower bound, 0}.",
            " * Build with -DNNOM_RUNTIME_PLAN to plan at run time instead. */",
            "#if !defined(NNOM_RUNTIME_PLAN)",
            f"static const nnom_arena_plan_t nnom_arena_plan[{len(self.plan.layers) + 1}] = {{",
        ]
        for k, (cond, p) in enumerate(variants):
            lines.append(("#if " if k == 0 else "#elif " if cond else "#else") + cond)
            rows = []
            for i, layer in enumerate(p.layers):
                if layer.external:
                    out = "0"
                elif layer.root != i:
                    out = f"NNOM_PLAN_SHARED | {layer.root}u"
                else:
                    out = f"{layer.out_offset}u"
                scratch = layer.scratch_offset if layer.scratch else 0
                rows.append(f"{{{out}, {scratch}u, {layer.scratch}u}}")
            rows.append(f"{{{p.arena_bytes}u, {p.lower_bound}u, 0u}}")
            lines += ["    " + ", ".join(rows[j : j + 4]) + "," for j in range(0, len(rows), 4)]
        lines += ["#endif", "};", "#endif"]
        return "\n".join(lines) + "\n"

    def io_section(self) -> str:
        g, out = self.g, []
        for kind, names in (("INPUT", g.inputs), ("OUTPUT", g.outputs)):
            for k, name in enumerate(names):
                node = g.node(name)
                macro = f"NNOM_{kind}{k if k else ''}"
                out.append(f"#define {macro}_SIZE {int(np.prod(node.shape))}")
                out.append(f"#define {macro}_SCALE {c_float(node.out_q.scale)}")
                out.append(f"#define {macro}_ZERO_POINT ({node.out_q.zero_point})")
                out.append(f"#define {macro}_Q (&{self.ids[name]}_q)")
        out.append(f"#define NNOM_ARENA_BYTES {self.plan.arena_bytes}")
        out.append(self.cmsis_arena())
        merges = " + ".join(
            f"NNOM_MERGE_BYTES({len(layer.inputs)})"
            for layer in self.plan.layers
            if len(layer.inputs) > 1
        )
        merges = " + ".join(
            [merges] * bool(merges)
            + [
                extra
                for la in self.plan.layers
                if (extra := OPS[la.op].static_bytes(la.node)) is not None
            ]
        )
        out.append(
            "/* everything nnom_model_create() takes from nnom_set_static_buf(), plus\n"
            " * 7 bytes in case the buffer is not 8-byte aligned */"
        )
        out.append(
            "#define NNOM_STATIC_BUF_BYTES (NNOM_STATIC_ARENA + NNOM_LAYER_COUNT * NNOM_LAYER_BYTES"
            + (f" + {merges}" if merges else "")
            + " + 7u)"
        )
        out.append(f"#define NNOM_LAYER_COUNT {len(self.plan.layers)}")
        out.append(f"#define NNOM_TOTAL_MACS {self.plan.total_macs}u")
        return "\n".join(out) + "\n"

    def cmsis_arena(self) -> str:
        """The arena with the CMSIS-NN backend: its kernels' scratch buffers
        depend on the core (nnom/memory.py mirrors CMSIS-NN's sizes)."""
        from .memory import plan

        arenas = {k: plan(self.g, backends.plan_name(k)).arena_bytes for k in backends.kinds()}
        chw = plan(self.g, layout="chw").arena_bytes
        text = (
            "/* with NNOM_BACKEND_CMSIS_NN: CMSIS-NN's scratch buffers on a core with\n"
            " * Helium (MVE) or the DSP extension; elsewhere that backend runs the\n"
            " * local kernels. NNOM_ARENA_BYTES_BUILD: the one of this build. */\n"
        )
        for kind in backends.kinds():
            text += f"#define NNOM_ARENA_BYTES_CMSIS_NN_{kind.upper()} {arenas[kind]}\n"
        for k, kind in enumerate(backends.selection_order()):
            text += (
                f"#{'el' if k else ''}if {backends.c_condition(kind)}\n"
                f"#define NNOM_ARENA_BYTES_CMSIS_NN NNOM_ARENA_BYTES_CMSIS_NN_{kind.upper()}\n"
            )
        return (
            text + "#else\n"
            "#define NNOM_ARENA_BYTES_CMSIS_NN NNOM_ARENA_BYTES\n"
            "#endif\n"
            "/* with NNOM_USING_CHW (channel-first arena, local kernels, any backend) */\n"
            f"#define NNOM_ARENA_BYTES_CHW {chw}\n"
            "#if defined(NNOM_USING_CHW)\n"
            "#define NNOM_ARENA_BYTES_BUILD NNOM_ARENA_BYTES_CHW\n"
            "#elif defined(NNOM_BACKEND_CMSIS_NN)\n"
            "#define NNOM_ARENA_BYTES_BUILD NNOM_ARENA_BYTES_CMSIS_NN\n"
            "#else\n"
            "#define NNOM_ARENA_BYTES_BUILD NNOM_ARENA_BYTES\n"
            "#endif\n" + self.static_arena()
        )

    def static_arena(self) -> str:
        """NNOM_STATIC_ARENA: the runtime planner first plans in a temporary
        block where the arena goes; the header's plan needs none."""
        temp = (
            "#define NNOM_STATIC_ARENA                                                  \\\n"
            "    (NNOM_ARENA_BYTES_BUILD > NNOM_COMPILE_TEMP_BYTES(NNOM_LAYER_COUNT)    \\\n"
            "         ? NNOM_ARENA_BYTES_BUILD : NNOM_COMPILE_TEMP_BYTES(NNOM_LAYER_COUNT))\n"
        )
        if not self.planned:
            return (
                "/* nnom_model_compile() first plans in a temporary block where the arena goes */\n"
                + temp[:-1]
            )
        return (
            "/* the runtime planner (NNOM_RUNTIME_PLAN) first plans in a temporary\n"
            " * block where the arena goes; the header's plan needs none */\n"
            "#if defined(NNOM_RUNTIME_PLAN)\n"
            + temp
            + "#else\n#define NNOM_STATIC_ARENA NNOM_ARENA_BYTES_BUILD\n#endif"
        )

    def buffers(self) -> str:
        """nnom_inputs[] / nnom_outputs[]: where the model's inputs and
        outputs are in the arena (nnom_model_create() sets them), with
        nnom_input_data / nnom_output_data naming their elements. In CHW
        builds an input or output whose orders differ is a Keras-order
        buffer outside the arena (NNOM_INPUT_USER ...; NULL in HWC builds)."""
        g, out = self.g, []
        user = []
        for kind, names in (("INPUT", g.inputs), ("OUTPUT", g.outputs)):
            for k, name in enumerate(names):
                macro = user_buffer(kind, k, g.node(name).shape)
                if macro != "NULL":
                    s = str(k) if k else ""
                    user.append((macro, f"nnom_{kind.lower()}_keras{s}", f"NNOM_{kind}{s}_SIZE"))
        if user:
            out.append("#if defined(NNOM_USING_CHW)")
            out.append("/* in Keras' order, outside the channel-first arena: Input transposes")
            out.append(" * from it, Output to it */")
            for macro, array, size in user:
                out.append(f"static int8_t {array}[{size}];")
                out.append(f"#define {macro} {array}")
            out.append("#else")
            out += [f"#define {macro} NULL" for macro, _, _ in user]
            out.append("#endif")
        out.append(f"#define NNOM_INPUT_COUNT {len(g.inputs)}")
        out.append(f"#define NNOM_OUTPUT_COUNT {len(g.outputs)}")
        out.append(
            "#if NNOM_OUTPUT_COUNT > NNOM_MAX_OUTPUTS\n"
            '#error "this model has more outputs than NNOM_MAX_OUTPUTS; build with '
            f'-DNNOM_MAX_OUTPUTS={len(g.outputs)}"\n#endif'
        )
        out.append(
            "/* Where to write the inputs and read the outputs: arena buffers, set by\n"
            " * nnom_model_create() (NULL before, and after a failed call). An input is\n"
            " * valid until nnom_model_run() writes over it (the arena reuses its bytes\n"
            " * once the layers reading it have run): write it before every run. An\n"
            " * output is valid until the next nnom_model_run()."
            + (
                "\n * In CHW builds they point to the Keras-order buffers above where\n"
                " * the orders differ. */"
                if user
                else " */"
            )
        )
        planned = {la.name for la in self.plan.layers}
        unused = [k for k, name in enumerate(g.inputs) if name not in planned]
        for k in unused:
            out.append(f"/* no output depends on input {k}: written, never read */")
            out.append(f"static int8_t nnom_input_unused{k}[NNOM_INPUT{k if k else ''}_SIZE];")
        init = ", ".join(
            f"nnom_input_unused{k}" if k in unused else "NULL" for k in range(len(g.inputs))
        )
        out.append(
            "NNOM_MAYBE_UNUSED static int8_t *nnom_inputs[NNOM_INPUT_COUNT]"
            + (f" = {{{init}}};" if unused else ";")
        )
        out.append("NNOM_MAYBE_UNUSED static int8_t *nnom_outputs[NNOM_OUTPUT_COUNT];")
        for kind, names in (("input", g.inputs), ("output", g.outputs)):
            for k in range(len(names)):
                out.append(f"#define nnom_{kind}_data{str(k) if k else ''} (nnom_{kind}s[{k}])")
        in_sizes = ", ".join(f"NNOM_INPUT{str(k) if k else ''}_SIZE" for k in range(len(g.inputs)))
        out_sizes = ", ".join(
            f"NNOM_OUTPUT{str(k) if k else ''}_SIZE" for k in range(len(g.outputs))
        )
        out.append(
            "NNOM_MAYBE_UNUSED static const uint32_t nnom_input_sizes[NNOM_INPUT_COUNT] = "
            f"{{{in_sizes}}};"
        )
        out.append(
            "NNOM_MAYBE_UNUSED static const uint32_t nnom_output_sizes[NNOM_OUTPUT_COUNT] = "
            f"{{{out_sizes}}};"
        )
        return "\n".join(out) + "\n"

    def output_configs(self) -> str:
        out = []
        for k, name in enumerate(self.g.outputs):
            node = self.g.node(name)
            out.append(
                f"static const nnom_io_config_t nnom_output{k}_config = "
                f'{{.super = {{.name = "output_{k}", .out_q = &{self.ids[name]}_q}}, '
                f".shape = {shape_init(node.shape)}, "
                f".buffer = {user_buffer('OUTPUT', k, node.shape)}}};"
            )
        return "\n".join(out) + "\n"

    def render(self) -> str:
        major, minor, patch = VERSION_TUPLE
        version = major * 10000 + minor * 100 + patch
        head = f"""/*
 * Generated by NNoM {__version__} from {c_comment(self.source)}. Do not edit: regenerate
 * it from the model instead (nnom convert, or the PlatformIO build).
 *
 * Use it in one source file:
 *     nnom_model_t *model = nnom_model_create();   // NULL on failure
 *     nnom_input_data[i] = nnom_quantize(x[i], NNOM_INPUT_Q);
 *     nnom_model_run(model);
 *     y = nnom_dequantize(nnom_output_data[j], NNOM_OUTPUT_Q);
 */
#ifndef NNOM_GENERATED_MODEL_H
#define NNOM_GENERATED_MODEL_H

#include "nnom.h"
#include "nnom_kernels.h" /* nnom_conv_args_t: the convolutions' args blocks */

#define NNOM_MODEL_VERSION {version}
#if NNOM_VERSION != NNOM_MODEL_VERSION
#error "generated by another NNoM version than the library in use: regenerate it"
#endif

"""
        self.parts = []
        self.weights_seen = {}
        for node in self.g.nodes:
            self.emit_node(node)
        return (
            head
            + self.io_section()
            + "\n"
            + self.buffers()
            + "\n"
            + "\n".join(self.parts)
            + "\n"
            + self.output_configs()
            + "\n"
            + (self.arena_plan() + "\n" if self.planned else "")
            + self.create_function()
            + "\n#endif /* NNOM_GENERATED_MODEL_H */\n"
        )


def render_header(g: Graph, plan: Plan, source: str = "a Keras model") -> str:
    return HeaderWriter(g, plan, source).render()
