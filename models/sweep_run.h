/*
 * sweep_run: every point of a sweep simulated, for one scenario or several
 * compared, on common random numbers.
 *
 * Each point of each scenario runs the same replications with the first
 * scenario's master seed, so replication r sees the same streams at every
 * point and in every scenario wherever they agree: differences between
 * points are the assumptions' doing, not noise's.  The jobs (point,
 * scenario, replication) run in parallel through the runner, each into its
 * own slot, in batches of a fixed number of points so that memory stays
 * bounded; results do not depend on the thread count.  Citizens are drawn
 * once per replication and shared by every point whose population is the
 * first scenario's.
 *
 * This module knows no scenario file: the caller's `load` callback builds
 * the model of a scenario at a point (cli/ sets the assumptions' values in
 * the file), and names the figures to keep by their paths.
 */
#ifndef CHANMIX_MODELS_SWEEP_RUN_H
#define CHANMIX_MODELS_SWEEP_RUN_H

#include <stddef.h>
#include "models/model.h"
#include "models/world.h"
#include "sim/runner.h"
#include "sim/stats.h"

#define SWEEP_BATCH 32      /* points whose models are held at once */
#define SWEEP_OVERFLOW WORLD_OVERFLOW

struct sweep_job {
    int n_points, n_scenarios;
    int replications;               /* per point and scenario */
    int threads;                    /* <= 0: OpenMP's default */
    int n_figures;                  /* figures kept per point and scenario */
    const char *const *paths;       /* [s * n_figures + f]: in scenario s; NULL: not there */
    /* scenario s at point p into *m (p = -1: as written); returns 0 or -1 with err */
    int (*load)(void *ctx, int point, int scenario, struct model *m, char *err, size_t size);
    void *ctx;
    runner_progress_fn progress;    /* jobs done of points x scenarios x replications */
    void *progress_ctx;
    /* 0: every point; else only the points p with p % shards == shard - 1 (1-based shard) */
    int shard, shards;
    /* NULL, or n_points x S x R x F values, [((p * S + s) * R + r) * F + f], filled for
       the points run: the raw replications, for a sharded sweep's records */
    double *raw;
};

struct sweep_results {
    int n_points, n_scenarios, n_figures, replications;
    struct estimate *fig;           /* mean over replications and its 95% half-width;
                                       NaN mean where the figure is not in the model */
    struct estimate *diff;          /* scenario s minus the first, paired by replication
                                       (common random numbers); the first's entries NaN */
    /* after SWEEP_OVERFLOW: the first replication that passed max_in_system, and where */
    struct world_overflow overflow;
    int overflow_point, overflow_scenario;
};

/*
 * Runs the job; returns 0, -1 with err (a point that does not load, no
 * memory), or SWEEP_OVERFLOW with out->overflow and its point and scenario
 * (the lowest job that overflowed).  On failure out holds no figures.
 */
int sweep_run(const struct sweep_job *job, struct sweep_results *out, char *err, size_t size);
void sweep_results_free(struct sweep_results *r);

/* How many of n_points a job of shard (1-based) of shards runs; all of them when shards is 0. */
int sweep_run_shard_points(int n_points, int shard, int shards);

/*
 * The results of raw values laid out as sweep_job.raw (every point there),
 * summarised exactly as sweep_run does: the same bits.  Returns 0 or -1 (memory).
 */
int sweep_results_from_raw(struct sweep_results *out, const double *raw, int n_points,
                           int n_scenarios, int n_figures, int replications);

/* Figure f of scenario s at point p. */
static inline const struct estimate *sweep_results_at(const struct sweep_results *r, int p, int s,
                                                      int f)
{
    return &r->fig[((size_t)p * r->n_scenarios + s) * r->n_figures + f];
}

/* Figure f of scenario s minus that of the first scenario at point p. */
static inline const struct estimate *sweep_results_diff(const struct sweep_results *r, int p,
                                                        int s, int f)
{
    return &r->diff[((size_t)p * r->n_scenarios + s) * r->n_figures + f];
}

#endif
