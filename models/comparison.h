/*
 * comparison: several scenarios on common random numbers.
 *
 * Every scenario runs with the first one's master seed and number of
 * replications, so replication r of each sees the same streams (arrivals,
 * needs, choices, handling times, ...) wherever the scenarios agree.  The
 * difference of each figure from the first scenario is then estimated from
 * the per-replication differences (a paired interval), which removes the
 * noise the scenarios share.
 */
#ifndef CHANMIX_MODELS_COMPARISON_H
#define CHANMIX_MODELS_COMPARISON_H

#include "models/experiment.h"

struct comparison {
    int n;
    struct model **models;
    struct experiment *runs;
    struct estimate **diff;         /* [k]: run k minus run 0, on run k's layout */
    unsigned char **present;        /* [k][i]: figure i of run k exists in run 0 */
};

/* Runs models[0..n) (taking ownership of them); returns 0 or -1 (no memory). */
int comparison_run(struct comparison *c, struct model **models, int n, int replications,
                   int threads, runner_progress_fn progress, void *progress_ctx);
void comparison_free(struct comparison *c);

#endif
