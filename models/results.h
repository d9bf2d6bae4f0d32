/*
 * results: the figures a chanmix run reports, declared as metrics paths.
 *
 * The layout depends only on the model (which channels exist), so it is
 * built once before the replications and shared by all of them.  Per channel:
 *
 *   offered            contacts that arrived after warm-up
 *   handled            of those, answered by an agent
 *   abandoned          of those, left the queue when patience ran out
 *   in_system_at_end   of those, still waiting or in service at the horizon
 *   p_wait             share of ended contacts that waited at all
 *   p_abandon          share of ended contacts that abandoned
 *   wait_mean_s        mean wait of ended contacts (handled or abandoned)
 *   wait_p50_s .. p95  percentiles of that wait (log-binned, 0.5% relative)
 *   service_level      answered within the target over ended contacts
 *   occupancy          busy agent time over scheduled agent time
 *   agents_mean        time-averaged scheduled agents
 *   queue_mean         time-averaged number waiting
 */
#ifndef CHANMIX_MODELS_RESULTS_H
#define CHANMIX_MODELS_RESULTS_H

#include "models/model.h"
#include "sim/metrics.h"

enum channel_stat {
    CS_OFFERED,
    CS_HANDLED,
    CS_ABANDONED,
    CS_IN_SYSTEM_AT_END,
    CS_P_WAIT,
    CS_P_ABANDON,
    CS_WAIT_MEAN,
    CS_WAIT_P50,
    CS_WAIT_P80,
    CS_WAIT_P90,
    CS_WAIT_P95,
    CS_SERVICE_LEVEL,
    CS_OCCUPANCY,
    CS_AGENTS_MEAN,
    CS_QUEUE_MEAN,
    CS_COUNT
};

/* The path name of a channel statistic ("wait_p90_s"). */
const char *results_channel_stat_name(enum channel_stat s);

struct results_index {
    struct metrics_layout *layout;
    long channel[MODEL_MAX_CHANNELS];   /* index of the channel's CS_OFFERED */
};

/* Declares every figure of model m; returns 0 or -1 (out of memory). */
int results_index_build(const struct model *m, struct results_index *ix);
void results_index_free(struct results_index *ix);

/* A service level definition, said in every output that reports one. */
#define RESULTS_SL_DEFINITION \
    "answered within target / (handled + abandoned), contacts offered after warm-up"

#endif
