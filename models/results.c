/*
 * results: declaration of the reported figures, see results.h.
 */
#include "models/results.h"

static const char *const channel_stat_names[CS_COUNT] = {
    [CS_OFFERED] = "offered",
    [CS_HANDLED] = "handled",
    [CS_ABANDONED] = "abandoned",
    [CS_IN_SYSTEM_AT_END] = "in_system_at_end",
    [CS_P_WAIT] = "p_wait",
    [CS_P_ABANDON] = "p_abandon",
    [CS_WAIT_MEAN] = "wait_mean_s",
    [CS_WAIT_P50] = "wait_p50_s",
    [CS_WAIT_P80] = "wait_p80_s",
    [CS_WAIT_P90] = "wait_p90_s",
    [CS_WAIT_P95] = "wait_p95_s",
    [CS_SERVICE_LEVEL] = "service_level",
    [CS_OCCUPANCY] = "occupancy",
    [CS_AGENTS_MEAN] = "agents_mean",
    [CS_QUEUE_MEAN] = "queue_mean",
    [CS_BALKED] = "balked",
};

static const char *const need_stat_names[NS_COUNT] = {
    [NS_ARRIVED] = "arrived",
    [NS_RESOLVED] = "resolved",
    [NS_GAVE_UP] = "gave_up",
    [NS_OPEN_AT_END] = "open_at_end",
    [NS_ATTEMPTS_MEAN] = "attempts_mean",
    [NS_TIME_TO_RESOLUTION] = "time_to_resolution_mean_s",
};

static const char *const group_stat_names[GS_SHARES] = {
    [GS_NEEDS] = "needs",
    [GS_CONTACTS] = "contacts",
    [GS_WAIT_MEAN] = "wait_mean_s",
    [GS_RESOLVED] = "resolved",
    [GS_GAVE_UP] = "gave_up",
    [GS_ATTEMPTS_MEAN] = "attempts_mean",
};

/* Declares one group's figures under prefix ("segments/young"); returns its base or -1. */
static long declare_group(struct metrics_layout *l, const struct model *m, const char *kind,
                          const char *name)
{
    long base = -1;
    for (int s = 0; s < GS_SHARES; s++) {
        long i = metrics_declare(l, "%s/%s/%s", kind, name, group_stat_names[s]);
        if (i < 0)
            return -1;
        if (s == 0)
            base = i;
    }
    for (int c = 0; c < m->n_channels; c++)
        if (metrics_declare(l, "%s/%s/shares/%s", kind, name, m->channels[c].name) < 0)
            return -1;
    return base;
}

const char *results_channel_stat_name(enum channel_stat s)
{
    return (unsigned)s < CS_COUNT ? channel_stat_names[s] : "?";
}

int results_index_build(const struct model *m, struct results_index *ix)
{
    ix->layout = metrics_layout_alloc();
    if (!ix->layout)
        return -1;
    for (int c = 0; c < m->n_channels; c++) {
        for (int s = 0; s < CS_COUNT; s++) {
            long i = metrics_declare(ix->layout, "channels/%s/%s", m->channels[c].name,
                                     channel_stat_names[s]);
            if (i < 0)
                goto fail;
            if (s == 0)
                ix->channel[c] = i;
        }
    }
    ix->needs = -1;
    if (m->n_services == 0)
        return 0;
    for (int s = 0; s < NS_COUNT; s++) {
        long i = metrics_declare(ix->layout, "needs/%s", need_stat_names[s]);
        if (i < 0)
            goto fail;
        if (s == 0)
            ix->needs = i;
    }
    for (int g = 0; g < m->n_segments; g++)
        if ((ix->segment[g] = declare_group(ix->layout, m, "segments", m->segments[g].name)) < 0)
            goto fail;
    for (int t = 0; t < TYPE_COUNT; t++)
        if ((ix->type[t] = declare_group(ix->layout, m, "types",
                                         citizen_type_name((enum citizen_type)t))) < 0)
            goto fail;
    for (int v = 0; v < m->n_services; v++)
        if ((ix->service[v] = declare_group(ix->layout, m, "services", m->services[v].name)) < 0)
            goto fail;
    return 0;
fail:
    results_index_free(ix);
    return -1;
}

void results_index_free(struct results_index *ix)
{
    metrics_layout_free(ix->layout);
    ix->layout = NULL;
}
