/*
 * experiment: all replications of one scenario, run in parallel, and their
 * summary.  This is where the model meets the replication runner: each
 * replication is a world_run into its own row of the value matrix.
 */
#ifndef CHANMIX_MODELS_EXPERIMENT_H
#define CHANMIX_MODELS_EXPERIMENT_H

#include "models/model.h"
#include "models/population.h"
#include "models/results.h"
#include "sim/runner.h"
#include "sim/stats.h"

struct experiment {
    const struct model *m;
    struct results_index ix;
    int replications;
    double *values;             /* replications x ix.layout->n, row per replication */
    struct estimate *summary;   /* ix.layout->n */
    const struct population_set *citizens;  /* drawn before, or NULL */
};

/*
 * Runs m->replications replications (or `replications` when > 0) on
 * `threads` threads.  Returns 0, or -1 when memory runs out.
 */
int experiment_run(struct experiment *e, const struct model *m, int replications, int threads,
                   runner_progress_fn progress, void *progress_ctx);

/* The same, with each replication's citizens copied from a set drawn before. */
int experiment_run_with(struct experiment *e, const struct model *m, int replications,
                        int threads, runner_progress_fn progress, void *progress_ctx,
                        const struct population_set *citizens);
void experiment_free(struct experiment *e);

/* The summary of the figure at `path`, or NULL. */
const struct estimate *experiment_get(const struct experiment *e, const char *path);

#endif
