/*
 * experiment: replications through the runner, see experiment.h.
 */
#include "models/experiment.h"

#include <stdlib.h>
#include <string.h>

#include "models/world.h"

static int run_one(void *ctx, int row, void *slot, void *state)
{
    struct experiment *e = ctx;
    int rep = e->shard - 1 + row * e->shards;     /* the replication's own number */
    const struct population *citizens =
        e->citizens && rep < e->citizens->n ? &e->citizens->pops[rep] : NULL;
    if (state)
        return world_replicate(state, &e->ix, rep, citizens, slot, &e->overflows[row]);
    return world_run_from(e->m, &e->ix, rep, citizens, slot, &e->overflows[row]);
}

/* Each thread keeps one world for all the replications it runs. */
static void *thread_world(void *ctx)
{
    const struct experiment *e = ctx;
    return world_alloc(e->m);
}

static void thread_world_free(void *state)
{
    world_free(state);
}

int experiment_run(struct experiment *e, const struct model *m, int replications, int threads,
                   runner_progress_fn progress, void *progress_ctx)
{
    return experiment_run_with(e, m, replications, threads, progress, progress_ctx, NULL);
}

int experiment_run_with(struct experiment *e, const struct model *m, int replications,
                        int threads, runner_progress_fn progress, void *progress_ctx,
                        const struct population_set *citizens)
{
    return experiment_run_shard(e, m, replications, 1, 1, threads, progress, progress_ctx,
                                citizens);
}

int experiment_run_shard(struct experiment *e, const struct model *m, int replications,
                         int shard, int shards, int threads, runner_progress_fn progress,
                         void *progress_ctx, const struct population_set *citizens)
{
    memset(e, 0, sizeof *e);
    e->m = m;
    e->citizens = citizens;
    e->shard = shard;
    e->shards = shards;
    int total = replications > 0 ? replications : m->replications;
    e->replications = shard <= total ? (total - shard + shards) / shards : 0;
    if (results_index_build(m, &e->ix) != 0)
        return -1;
    size_t n = e->ix.layout->n;
    e->values = calloc((size_t)e->replications * n, sizeof *e->values);
    e->summary = calloc(n ? n : 1, sizeof *e->summary);
    e->overflows = calloc(e->replications ? (size_t)e->replications : 1, sizeof *e->overflows);
    if (!e->values || !e->summary || !e->overflows) {
        experiment_free(e);
        return -1;
    }
    struct runner_spec spec = {
        .replications = e->replications,
        .threads = threads,
        .run = run_one,
        .ctx = e,
        .slots = e->values,
        .slot_size = n * sizeof *e->values,
        .progress = progress,
        .progress_ctx = progress_ctx,
        .thread_open = thread_world,
        .thread_close = thread_world_free,
    };
    int rc = runner_run(&spec);
    if (rc != 0) {
        /* the runner returns the lowest failing row's code: for an overflow
         * that row is the lowest one that overflowed */
        for (int r = 0; rc == EXPERIMENT_OVERFLOW && r < e->replications; r++)
            if (e->overflows[r].bound > 0) {
                e->overflow = e->overflows[r];
                break;
            }
        experiment_free(e);
        return rc == EXPERIMENT_OVERFLOW ? rc : -1;
    }
    free(e->overflows);
    e->overflows = NULL;
    metrics_summarise(e->ix.layout, e->values, (size_t)e->replications, e->summary);
    return 0;
}

int experiment_from_values(struct experiment *e, const struct model *m, const double *values,
                           int replications, const char (*paths)[METRICS_PATH_MAX],
                           size_t width)
{
    memset(e, 0, sizeof *e);
    e->m = m;
    e->replications = replications;
    e->shard = e->shards = 1;
    if (results_index_build(m, &e->ix) != 0)
        return -1;
    size_t n = e->ix.layout->n;
    int same = n == width;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(e->ix.layout->paths[i], paths[i]) == 0;
    if (!same) {
        results_index_free(&e->ix);
        return -2;
    }
    e->values = malloc((size_t)replications * n * sizeof *e->values);
    e->summary = calloc(n ? n : 1, sizeof *e->summary);
    if (!e->values || !e->summary) {
        experiment_free(e);
        return -1;
    }
    memcpy(e->values, values, (size_t)replications * n * sizeof *e->values);
    metrics_summarise(e->ix.layout, e->values, (size_t)replications, e->summary);
    return 0;
}

void experiment_free(struct experiment *e)
{
    results_index_free(&e->ix);
    free(e->values);
    free(e->summary);
    free(e->overflows);
    e->values = NULL;
    e->summary = NULL;
    e->overflows = NULL;
}

const struct estimate *experiment_get(const struct experiment *e, const char *path)
{
    long i = metrics_find(e->ix.layout, path);
    return i < 0 ? NULL : &e->summary[i];
}
