/*
 * sweep_run: the points of a sweep through the replication runner, see
 * sweep_run.h.
 *
 * A batch holds the models and results indices of up to SWEEP_BATCH points
 * of every scenario; its jobs are numbered ((b * scenarios) + s) *
 * replications + r and each writes the kept figures of its replication into
 * its own slot.  A job runs its world into scratch memory of its own, so
 * only the kept figures stay.
 */
#include "models/sweep_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

#include "models/population.h"
#include "models/results.h"
#include "models/world.h"

struct batch {
    const struct sweep_job *job;
    int points;                     /* in this batch */
    struct model **models;          /* [b * S + s] */
    struct results_index *ix;       /* [b * S + s] */
    long *fig;                      /* [(b * S + s) * F + f]: index in the layout, or -1 */
    const struct population_set **citizens;    /* [b * S + s], or NULL */
    struct world_overflow *overflows;           /* [job] */
    int done_before, total;         /* for progress */
};

int sweep_run_shard_points(int n_points, int shard, int shards)
{
    return shards > 0 ? (n_points - shard + shards) / shards : n_points;
}

/* The design point of the i-th point this job runs. */
static int job_point(const struct sweep_job *job, int i)
{
    return job->shards > 0 ? job->shard - 1 + i * job->shards : i;
}

static int run_job(void *ctx, int j, void *slot, void *state)
{
    (void)state;    /* each job has its own model: no world is kept between jobs */
    const struct batch *bt = ctx;
    const struct sweep_job *job = bt->job;
    int R = job->replications, F = job->n_figures;
    int ms = j / R, rep = j % R;
    const struct results_index *ix = &bt->ix[ms];
    double *row = malloc((ix->layout->n ? ix->layout->n : 1) * sizeof *row);
    double *out = slot;
    if (!row)
        return -1;
    const struct population_set *set = bt->citizens[ms];
    int rc = world_run_from(bt->models[ms], ix, rep, set ? &set->pops[rep] : NULL, row,
                            &bt->overflows[j]);
    for (int f = 0; f < F; f++) {
        long i = bt->fig[(size_t)ms * F + f];
        out[f] = i >= 0 ? row[i] : NAN;
    }
    free(row);
    return rc;
}

static void batch_progress(void *ctx, int done, int total)
{
    const struct batch *bt = ctx;
    (void)total;
    if (bt->job->progress)
        bt->job->progress(bt->job->progress_ctx, bt->done_before + done, bt->total);
}

static void batch_clear(struct batch *bt, int S)
{
    for (int i = 0; i < SWEEP_BATCH * S; i++) {
        if (bt->models[i]) {
            results_index_free(&bt->ix[i]);
            model_release(bt->models[i]);
            free(bt->models[i]);
            bt->models[i] = NULL;
        }
    }
}

/* The results index of model ms and the places of the kept figures in it; 0 or -1. */
static int batch_index(struct batch *bt, int ms, const struct model *base0,
                       const struct population_set *shared)
{
    const struct sweep_job *job = bt->job;
    int F = job->n_figures, s = ms % job->n_scenarios;
    if (results_index_build(bt->models[ms], &bt->ix[ms]) != 0)
        return -1;
    for (int f = 0; f < F; f++) {
        const char *path = job->paths[(size_t)s * F + f];
        bt->fig[(size_t)ms * F + f] = path ? metrics_find(bt->ix[ms].layout, path) : -1;
    }
    bt->citizens[ms] = shared && population_same_source(base0, bt->models[ms]) ? shared : NULL;
    return 0;
}

/*
 * Loads points p0 .. p0 + bt->points - 1 of every scenario, one after the
 * other (the caller's loader need not be reentrant), then builds their
 * results indices in parallel: each is a few milliseconds of work that
 * would otherwise be serial beside the simulations.
 */
static int batch_load(struct batch *bt, int p0, const struct model *base0,
                      const struct population_set *shared, char *err, size_t size)
{
    const struct sweep_job *job = bt->job;
    int S = job->n_scenarios, n = bt->points * S, failed = 0;
    for (int ms = 0; ms < n; ms++) {
        struct model *m = malloc(sizeof *m);
        if (!m) {
            snprintf(err, size, "out of memory");
            return -1;
        }
        bt->models[ms] = m;
        if (job->load(job->ctx, job_point(job, p0 + ms / S), ms % S, m, err, size) != 0)
            return -1;
        m->seed = base0->seed;      /* common random numbers everywhere */
    }
    int threads = job->threads > 0 ? job->threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) reduction(| : failed) num_threads(threads)
    for (int ms = 0; ms < n; ms++)
        failed |= batch_index(bt, ms, base0, shared) != 0;
    if (failed)
        snprintf(err, size, "out of memory");
    return failed ? -1 : 0;
}

/*
 * Mean and interval of each kept figure of point p from its values x
 * ([(s * R + r) * F + f]) into out, and of each scenario's difference from
 * the first, replication by replication (d is scratch for R values).
 */
static void summarise_point(const double *x, int p, int S, int F, int R, double *d,
                            struct sweep_results *out)
{
    for (int s = 0; s < S; s++) {
        const double *xs = x + (size_t)s * R * F;
        for (int f = 0; f < F; f++) {
            size_t at = ((size_t)p * S + s) * F + f;
            out->fig[at] = stats_estimate(xs + f, (size_t)F, (size_t)R);
            for (int r = 0; r < R; r++)
                d[r] = xs[(size_t)r * F + f] - x[(size_t)r * F + f];
            out->diff[at] = s ? stats_estimate(d, 1, (size_t)R) : (struct estimate){ NAN, NAN };
        }
    }
}

/* The batch's points summarised into out, and their values into job->raw if asked. */
static void batch_summarise(const struct batch *bt, int p0, const double *slots, double *d,
                            struct sweep_results *out)
{
    const struct sweep_job *job = bt->job;
    int S = job->n_scenarios, F = job->n_figures, R = job->replications;
    size_t block = (size_t)S * R * F;
    for (int b = 0; b < bt->points; b++) {
        int p = job_point(job, p0 + b);
        summarise_point(slots + b * block, p, S, F, R, d, out);
        if (job->raw)
            memcpy(job->raw + (size_t)p * block, slots + b * block, block * sizeof *slots);
    }
}

/* Where the lowest job that overflowed ran, into out; returns rc, or -1 when it was not that. */
static int overflowed(const struct batch *bt, int p0, int jobs, int rc, struct sweep_results *out,
                      char *err, size_t size)
{
    int S = bt->job->n_scenarios, R = bt->job->replications;
    for (int j = 0; rc == SWEEP_OVERFLOW && j < jobs; j++)
        if (bt->overflows[j].bound > 0) {
            out->overflow = bt->overflows[j];
            out->overflow_point = job_point(bt->job, p0 + j / (S * R));
            out->overflow_scenario = j / R % S;
            return rc;
        }
    snprintf(err, size, "out of memory while simulating");
    return -1;
}

static int batches(struct batch *bt, const struct model *base0,
                   const struct population_set *shared, double *slots, struct sweep_results *out,
                   char *err, size_t size)
{
    const struct sweep_job *job = bt->job;
    int S = job->n_scenarios, R = job->replications;
    int n = sweep_run_shard_points(job->n_points, job->shard, job->shards);
    for (int p0 = 0; p0 < n; p0 += SWEEP_BATCH) {
        bt->points = n - p0 < SWEEP_BATCH ? n - p0 : SWEEP_BATCH;
        int rc = batch_load(bt, p0, base0, shared, err, size);
        struct runner_spec spec = {
            .replications = bt->points * S * R,
            .threads = job->threads,
            .run = run_job,
            .ctx = bt,
            .slots = slots,
            .slot_size = (size_t)job->n_figures * sizeof *slots,
            .progress = batch_progress,
            .progress_ctx = bt,
        };
        memset(bt->overflows, 0, (size_t)spec.replications * sizeof *bt->overflows);
        if (rc == 0 && (rc = runner_run(&spec)) != 0)
            rc = overflowed(bt, p0, spec.replications, rc, out, err, size);
        if (rc == 0)
            batch_summarise(bt, p0, slots, slots + (size_t)SWEEP_BATCH * S * R * job->n_figures,
                            out);
        batch_clear(bt, S);
        if (rc != 0)
            return rc;
        bt->done_before += bt->points * S * R;
    }
    return 0;
}

int sweep_run(const struct sweep_job *job, struct sweep_results *out, char *err, size_t size)
{
    int S = job->n_scenarios, F = job->n_figures, R = job->replications;
    memset(out, 0, sizeof *out);
    out->n_points = job->n_points;
    out->n_scenarios = S;
    out->n_figures = F;
    out->replications = R;
    struct batch bt = { .job = job, .total = sweep_run_shard_points(job->n_points, job->shard,
                                                                    job->shards) * S * R };
    struct model *base0 = malloc(sizeof *base0);
    struct population_set citizens = { 0, NULL };
    size_t cells = (size_t)SWEEP_BATCH * S;
    bt.models = calloc(cells, sizeof *bt.models);
    bt.ix = calloc(cells, sizeof *bt.ix);
    bt.fig = calloc(cells * (F ? F : 1), sizeof *bt.fig);
    bt.citizens = calloc(cells, sizeof *bt.citizens);
    bt.overflows = calloc(cells * R, sizeof *bt.overflows);
    double *slots = calloc(cells * R * (F ? F : 1) + (size_t)R, sizeof *slots);  /* + scratch */
    out->fig = calloc((size_t)job->n_points * S * (F ? F : 1), sizeof *out->fig);
    out->diff = calloc((size_t)job->n_points * S * (F ? F : 1), sizeof *out->diff);
    int rc = -1;
    snprintf(err, size, "out of memory");
    if (!base0 || !bt.models || !bt.ix || !bt.fig || !bt.citizens || !bt.overflows || !slots ||
        !out->fig || !out->diff)
        goto out;
    if (job->load(job->ctx, -1, 0, base0, err, size) != 0) {
        free(base0);
        base0 = NULL;
        goto out;
    }
    if (base0->population > 0 &&
        population_set_build(&citizens, base0, R, job->threads) != 0)
        goto out;
    rc = batches(&bt, base0, base0->population > 0 ? &citizens : NULL, slots, out, err, size);
out:
    population_set_free(&citizens);
    if (base0)
        model_release(base0);
    free(base0);
    free(bt.overflows);
    free(bt.models);
    free(bt.ix);
    free(bt.fig);
    free(bt.citizens);
    free(slots);
    if (rc != 0)
        sweep_results_free(out);
    return rc;
}

void sweep_results_free(struct sweep_results *r)
{
    free(r->fig);
    free(r->diff);
    r->fig = r->diff = NULL;
}

int sweep_results_from_raw(struct sweep_results *out, const double *raw, int n_points,
                           int n_scenarios, int n_figures, int replications)
{
    int S = n_scenarios, F = n_figures, R = replications;
    memset(out, 0, sizeof *out);
    *out = (struct sweep_results){ .n_points = n_points, .n_scenarios = S, .n_figures = F,
                                   .replications = R };
    out->fig = calloc((size_t)n_points * S * (F ? F : 1), sizeof *out->fig);
    out->diff = calloc((size_t)n_points * S * (F ? F : 1), sizeof *out->diff);
    double *d = calloc((size_t)R + 1, sizeof *d);
    int rc = out->fig && out->diff && d ? 0 : -1;
    for (int p = 0; rc == 0 && p < n_points; p++)
        summarise_point(raw + (size_t)p * S * R * F, p, S, F, R, d, out);
    free(d);
    if (rc != 0)
        sweep_results_free(out);
    return rc;
}
