/*
 * summary: one block per channel, each figure as mean ± 95% half-width.
 */
#include "plots/summary.h"

#include "models/results.h"

static void row(FILE *f, const char *label, const struct estimate *e, double scale,
                const char *unit)
{
    fprintf(f, "  %-26s %12.3f ± %-10.3f %s\n", label, e->mean * scale, e->ci95 * scale, unit);
}

void summary_print(FILE *f, const struct experiment *e)
{
    const struct model *m = e->m;
    fprintf(f, "chanmix: scenario '%s', %d replications of %.1f days (warm-up %.1f h), seed %llu\n",
            m->name, e->replications, (m->horizon_s - m->warmup_s) / 86400.0,
            m->warmup_s / 3600.0, (unsigned long long)m->seed);
    fprintf(f, "figures are means over replications ± the half-width of a 95%% confidence interval\n");
    for (int c = 0; c < m->n_channels; c++) {
        const struct estimate *s = e->summary + e->ix.channel[c];
        fprintf(f, "\n%s (%s, %d agents, service level within %.0f s)\n", m->channels[c].name,
                channel_kind_name(m->channels[c].kind), m->channels[c].agents,
                m->channels[c].target_s);
        row(f, "contacts offered", &s[CS_OFFERED], 1.0, "");
        row(f, "handled", &s[CS_HANDLED], 1.0, "");
        row(f, "abandoned", &s[CS_ABANDONED], 1.0, "");
        row(f, "still in system at end", &s[CS_IN_SYSTEM_AT_END], 1.0, "");
        row(f, "waited at all", &s[CS_P_WAIT], 100.0, "%");
        row(f, "abandoned, share", &s[CS_P_ABANDON], 100.0, "%");
        row(f, "mean wait", &s[CS_WAIT_MEAN], 1.0, "s");
        row(f, "wait, 90th percentile", &s[CS_WAIT_P90], 1.0, "s");
        row(f, "service level", &s[CS_SERVICE_LEVEL], 100.0, "%");
        row(f, "occupancy", &s[CS_OCCUPANCY], 100.0, "%");
    }
    fprintf(f, "\nservice level = %s\n", RESULTS_SL_DEFINITION);
}
