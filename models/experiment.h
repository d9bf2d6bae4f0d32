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
#include "models/world.h"
#include "sim/runner.h"
#include "sim/stats.h"

struct experiment {
    const struct model *m;
    struct results_index ix;
    int replications;
    double *values;             /* replications x ix.layout->n, row per replication */
    struct estimate *summary;   /* ix.layout->n */
    const struct population_set *citizens;  /* drawn before, or NULL */
    int shard, shards;          /* rows are the replications r with r % shards == shard - 1 */
    struct world_overflow *overflows;       /* one per replication, while running */
    struct world_overflow overflow;         /* after EXPERIMENT_OVERFLOW: the first one */
};

#define EXPERIMENT_OVERFLOW WORLD_OVERFLOW

/*
 * Runs m->replications replications (or `replications` when > 0) on
 * `threads` threads.  Returns 0, -1 when memory runs out, or
 * EXPERIMENT_OVERFLOW when a replication held more than max_in_system
 * contacts or needs at once (e->overflow says where; the lowest-numbered
 * replication that failed decides, whatever the threads).
 */
int experiment_run(struct experiment *e, const struct model *m, int replications, int threads,
                   runner_progress_fn progress, void *progress_ctx);

/* The same, with each replication's citizens copied from a set drawn before. */
int experiment_run_with(struct experiment *e, const struct model *m, int replications,
                        int threads, runner_progress_fn progress, void *progress_ctx,
                        const struct population_set *citizens);
/*
 * Runs only shard (1-based) of shards of a run of `replications`: the
 * replications r with r % shards == shard - 1, each on the streams of its
 * own number r, so that the shards together hold exactly the unsharded
 * run's values.  e->replications is then the number this shard ran.
 */
int experiment_run_shard(struct experiment *e, const struct model *m, int replications,
                         int shard, int shards, int threads, runner_progress_fn progress,
                         void *progress_ctx, const struct population_set *citizens);

/*
 * An experiment of model m from values computed before (a merge of shards):
 * `replications` rows of `width` figures at `paths`, in replication order.
 * Returns 0, -1 when memory runs out, -2 when m's figures are not those.
 */
int experiment_from_values(struct experiment *e, const struct model *m, const double *values,
                           int replications, const char (*paths)[METRICS_PATH_MAX],
                           size_t width);

/*
 * Runs replications e->replications .. replications - 1 as well and
 * summarises them all: the same figures as running that many from the
 * start, for the cost of the new ones only.  Returns 0, EXPERIMENT_OVERFLOW
 * (e->overflow says where) or -1; e then keeps the replications it had.  An
 * experiment of one shard only.
 */
int experiment_extend(struct experiment *e, int replications, int threads,
                      runner_progress_fn progress, void *progress_ctx);
void experiment_free(struct experiment *e);

/* The summary of the figure at `path`, or NULL. */
const struct estimate *experiment_get(const struct experiment *e, const char *path);

#endif
