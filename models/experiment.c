/*
 * experiment: replications through the runner, see experiment.h.
 */
#include "models/experiment.h"

#include <stdlib.h>
#include <string.h>

#include "models/world.h"

/* Rows first .. first + count - 1 of an experiment: the runner counts them from 0. */
struct rows {
    struct experiment *e;
    int first;
};

static int run_one(void *ctx, int i, void *slot, void *state)
{
    const struct rows *r = ctx;
    struct experiment *e = r->e;
    int row = r->first + i;
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
    const struct rows *r = ctx;
    return world_alloc(r->e->m);
}

static void thread_world_free(void *state)
{
    world_free(state);
}

/* Runs rows first .. first + count - 1 into their slots; 0, EXPERIMENT_OVERFLOW (with
 * e->overflow) or -1. */
static int run_rows(struct experiment *e, int first, int count, int threads,
                    runner_progress_fn progress, void *progress_ctx)
{
    size_t n = e->ix.layout->n;
    struct rows r = { e, first };
    struct runner_spec spec = {
        .replications = count,
        .threads = threads,
        .run = run_one,
        .ctx = &r,
        .slots = e->values + (size_t)first * n,
        .slot_size = n * sizeof *e->values,
        .progress = progress,
        .progress_ctx = progress_ctx,
        .thread_open = thread_world,
        .thread_close = thread_world_free,
    };
    int rc = runner_run(&spec);
    if (rc == 0)
        return 0;
    /* the runner returns the lowest failing row's code: for an overflow that row is the
     * lowest one that overflowed */
    for (int row = first; rc == EXPERIMENT_OVERFLOW && row < first + count; row++)
        if (e->overflows[row].bound > 0) {
            e->overflow = e->overflows[row];
            break;
        }
    return rc == EXPERIMENT_OVERFLOW ? rc : -1;
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
    int rc = run_rows(e, 0, e->replications, threads, progress, progress_ctx);
    if (rc != 0) {
        experiment_free(e);     /* e->overflow stays */
        return rc;
    }
    free(e->overflows);
    e->overflows = NULL;
    metrics_summarise(e->ix.layout, e->values, (size_t)e->replications, e->summary);
    return 0;
}

int experiment_extend(struct experiment *e, int replications, int threads,
                      runner_progress_fn progress, void *progress_ctx)
{
    if (replications <= e->replications)
        return 0;
    if (e->shards != 1)
        return -1;
    size_t n = e->ix.layout->n;
    double *v = realloc(e->values, (size_t)replications * n * sizeof *v);
    if (!v)
        return -1;
    e->values = v;
    memset(v + (size_t)e->replications * n, 0,
           (size_t)(replications - e->replications) * n * sizeof *v);
    e->overflows = calloc((size_t)replications, sizeof *e->overflows);
    if (!e->overflows)
        return -1;
    int rc = run_rows(e, e->replications, replications - e->replications, threads, progress,
                      progress_ctx);
    free(e->overflows);
    e->overflows = NULL;
    if (rc != 0)
        return rc;
    e->replications = replications;
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
