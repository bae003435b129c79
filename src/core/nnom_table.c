/*
 * nnom_table.c - the model table model_compile() prints.
 * nnom/memory.py:format_table() prints the same text; keep them identical.
 */
#include "nnom.h"
#include "nnom_internal.h"

/* Keras' shape with its own rank, (c), (w, c) or (h, w, c), in 16 columns. */
static void print_shape(const nnom_shape_t *s)
{
    const unsigned d[3] = {s->h, s->w, s->c};
    for (unsigned i = 3u - s->rank; i < 3u; i++)
        NNOM_LOG(i + s->rank == 3u ? "(%4u" : ",%4u", d[i]);
    NNOM_LOG(")%*s", 5 * (3 - s->rank), "");
}

static const char *act_name(const nnom_layer_t *l)
{
    if (l->act != NULL)
        return l->act->name;
    if (l->type->kind == NNOM_ACTIVATION)
        return ((const nnom_activation_config_t *)l->config)->act_name;
    return "";
}

/* the table's rule: 97 dashes (one string of them would cost more flash) */
static void print_rule(void)
{
    for (int i = 0; i < 97; i++)
        NNOM_LOG("-");
    NNOM_LOG("\n");
}

void nnom_print_model_table(const nnom_model_t *m, const nnom_arena_plan_t *plan)
{
    char out_at[16], buf_at[12];
    NNOM_LOG("Layer(#)         Activation    output shape    ops(MAC)   mem(in, out, buf)   arena(out, buf)\n");
    print_rule();
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        uint32_t in_bytes = 0;
        for (uint8_t i = 0; i < l->n_in; i++)
            in_bytes += nnom_shape_size(&nnom_layer_input(l, i)->out.shape);
        if (l->type->kind == NNOM_INPUT)
            in_bytes = nnom_shape_size(&l->out.shape);
        /* one call per column: "user", "=#root" or the offset; "-" or the offset */
        const nnom_arena_plan_t *p = &plan[l->index];
        const int shared = (p->out & NNOM_PLAN_SHARED) != 0;
        snprintf(out_at, sizeof(out_at),
                 l->type->flags & NNOM_LAYER_EXTERNAL ? "user" : shared ? "=#%u" : "%u",
                 (unsigned)(p->out & ~NNOM_PLAN_SHARED) + (unsigned)shared);
        snprintf(buf_at, sizeof(buf_at), l->scratch_bytes ? "%u" : "-", (unsigned)p->scratch);
        const char *name = l->type->name;
        if ((l->type->flags & NNOM_LAYER_1D_NAME) && l->out.shape.rank == 2)
            name += strlen(name) + 1; /* "Conv2D\0Conv1D" */
        NNOM_LOG("#%-3u %-10s - %-9s- ", (unsigned)l->index + 1, name, act_name(l));
        print_shape(&l->out.shape);
        /* MACs: the count, blank for none (precision 0 prints no digit for 0) */
        NNOM_LOG("%9.0u (%6u,%6u,%6u)   (%6s,%6s)\n", (unsigned)l->macs,
                 (unsigned)in_bytes, (unsigned)nnom_shape_size(&l->out.shape),
                 (unsigned)l->scratch_bytes, out_at, buf_at);
    }
    print_rule();
    NNOM_LOG("Arena: %u bytes (lower bound %u), total MACs: %u\n"
             "Memory taken: %u bytes (model structures + arena)\n",
             (unsigned)m->arena_bytes, (unsigned)plan[m->n_layers].scratch,
             (unsigned)m->total_macs, (unsigned)m->mem_bytes);
}
