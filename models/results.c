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
};

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
            if (i < 0) {
                results_index_free(ix);
                return -1;
            }
            if (s == 0)
                ix->channel[c] = i;
        }
    }
    return 0;
}

void results_index_free(struct results_index *ix)
{
    metrics_layout_free(ix->layout);
    ix->layout = NULL;
}
