/* nnom_stat.c - per-layer time and MACs of the last run (model_stat). */
#include "nnom.h"
#include "nnom_internal.h"

/* "", "640", "84k" or "2.23M" (truncated) */
static void format_macs(char *buf, size_t n, uint32_t macs)
{
    if (macs == 0)
        buf[0] = '\0';
    else if (macs < 1000u)
        snprintf(buf, n, "%u", (unsigned)macs);
    else if (macs < 1000000u)
        snprintf(buf, n, "%uk", (unsigned)(macs / 1000u));
    else
        snprintf(buf, n, "%u.%02uM", (unsigned)(macs / 1000000u),
                 (unsigned)(macs % 1000000u / 10000u));
}

/* MACs per time unit with two decimals, in integers: printf on small
 * targets often has no %f. */
static void print_rate(uint32_t macs, uint32_t time, int column)
{
    if (macs == 0 || time == 0) {
        NNOM_LOG("\n");
        return;
    }
    uint64_t hundredths = (uint64_t)macs * 100u / time;
    NNOM_LOG(column ? "%6u.%02u\n" : "%u.%02u\n", (unsigned)(hundredths / 100u), (unsigned)(hundredths % 100u));
}

void nnom_model_stat(const nnom_model_t *m)
{
    if (m == NULL || !m->compiled) {
        NNOM_LOG("model_stat: the model is not compiled\n");
        return;
    }
    uint32_t total_time = 0;
    char macs[16];
    NNOM_LOG("Print running stat..\n");
    NNOM_LOG("%-16s - %12s %12s  %9s\n", "Layer(#)", "Time(" NNOM_TIME_UNIT ")", "ops(MACs)",
             "MACs/" NNOM_TIME_UNIT);
    NNOM_LOG("--------------------------------------------------------------\n");
    for (const nnom_layer_t *l = m->head; l != NULL; l = l->next) {
        format_macs(macs, sizeof(macs), l->macs);
        NNOM_LOG("#%-3u %-11s - %12u %12s  ", (unsigned)l->index + 1, l->type->name,
                 (unsigned)l->time, macs);
        print_rate(l->macs, l->time, 1);
        total_time += l->time;
    }
    NNOM_LOG("\nSummary:\n");
    format_macs(macs, sizeof(macs), m->total_macs);
    NNOM_LOG("Total ops (MAC): %u (%s)\n", (unsigned)m->total_macs, macs);
    NNOM_LOG("Prediction time: %u %s (layers: %u)\n", (unsigned)m->total_time, NNOM_TIME_UNIT,
             (unsigned)total_time);
    NNOM_LOG("Efficiency (MACs/" NNOM_TIME_UNIT "): ");
    print_rate(m->total_macs, m->total_time, 0);
    NNOM_LOG("Total memory: %u bytes\n", (unsigned)m->mem_bytes);
}
