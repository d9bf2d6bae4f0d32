/*
 * comparison: common random numbers and paired differences, see comparison.h.
 */
#include "models/comparison.h"

#include <stdlib.h>
#include <string.h>

#include "models/staffing.h"

/* Sets up c for models[0..n); returns 0 or -1. */
static int comparison_begin(struct comparison *c, struct model **models, int n)
{
    memset(c, 0, sizeof *c);
    c->n = n;
    c->models = models;
    c->runs = calloc((size_t)n, sizeof *c->runs);
    c->diff = calloc((size_t)n, sizeof *c->diff);
    c->present = calloc((size_t)n, sizeof *c->present);
    for (int k = 0; k < n; k++)
        models[k]->seed = models[0]->seed;
    return c->runs && c->diff && c->present ? 0 : -1;
}

/* The paired differences of run k from run 0. */
static int comparison_pair(struct comparison *c, int k)
{
    size_t len = c->runs[k].ix.layout->n;
    c->diff[k] = calloc(len ? len : 1, sizeof **c->diff);
    c->present[k] = calloc(len ? len : 1, 1);
    if (!c->diff[k] || !c->present[k])
        return -1;
    return metrics_summarise_paired(c->runs[0].ix.layout, c->runs[0].values,
                                    c->runs[k].ix.layout, c->runs[k].values,
                                    (size_t)c->runs[k].replications, c->diff[k], c->present[k]);
}

int comparison_run(struct comparison *c, struct model **models, int n, int replications,
                   int threads, runner_progress_fn progress, void *progress_ctx)
{
    return comparison_run_shard(c, models, n, replications, 1, 1, threads, progress,
                                progress_ctx);
}

int comparison_run_shard(struct comparison *c, struct model **models, int n, int replications,
                         int shard, int shards, int threads, runner_progress_fn progress,
                         void *progress_ctx)
{
    struct population_set citizens = { 0, NULL };
    if (comparison_begin(c, models, n) != 0)
        goto fail;
    int reps = replications > 0 ? replications : models[0]->replications;
    /* scenarios that agree on their citizens share one draw of them */
    if (population_set_build(&citizens, models[0], reps, threads) != 0)
        goto fail;
    for (int k = 0; k < n; k++) {
        const struct population_set *shared =
            population_same_source(models[0], models[k]) ? &citizens : NULL;
        int rc = experiment_run_shard(&c->runs[k], models[k], reps, shard, shards, threads,
                                      progress, progress_ctx, shared);
        if (rc == EXPERIMENT_OVERFLOW) {
            c->overflow_scenario = k;
            c->overflow = c->runs[k].overflow;
            population_set_free(&citizens);
            return rc;
        }
        if (rc != 0 || comparison_pair(c, k) != 0)
            goto fail;
    }
    population_set_free(&citizens);
    return 0;
fail:
    population_set_free(&citizens);
    comparison_free(c);
    return -1;
}

int comparison_from_values(struct comparison *c, struct model **models, int n,
                           const double *const *values, int replications,
                           const char (*const *paths)[METRICS_PATH_MAX], const size_t *widths)
{
    int rc = -1;
    if (comparison_begin(c, models, n) != 0)
        goto fail;
    for (int k = 0; k < n; k++) {
        rc = experiment_from_values(&c->runs[k], models[k], values[k], replications, paths[k],
                                    widths[k]);
        if (rc != 0 || (rc = comparison_pair(c, k)) != 0)
            goto fail;
    }
    return 0;
fail:
    comparison_free(c);
    return rc;
}

const char *comparison_mode_name(enum comparison_mode mode)
{
    return mode == COMPARISON_EQUAL_SERVICE ? "equal_service" : "fixed_staffing";
}

/*
 * Staffs model m's channels with targets to their norms; returns the
 * channels planned, -1 (no memory) or EXPERIMENT_OVERFLOW with *over set.
 */
static int staff_to_norms(struct model *m, int threads, int *unstable,
                          struct world_overflow *over)
{
    struct staffing_plan plan;
    int rc = staffing_plan(m, threads, NULL, &plan, NULL);
    if (rc == -2)       /* no channel has targets: nothing to equalise */
        return 0;
    if (rc == STAFFING_OVERFLOW) {
        *over = plan.overflow;
        return EXPERIMENT_OVERFLOW;
    }
    if (rc != 0)
        return -1;
    for (int i = 0; i < plan.n; i++)
        staffing_apply(m, &plan.ch[i], 0);
    *unstable = !plan.stable;
    int n = plan.n;
    staffing_free(&plan);
    return n;
}

int comparison_run_equal_service(struct comparison *c, struct model **models, int n,
                                 int replications, int threads, runner_progress_fn progress,
                                 void *progress_ctx, void (*staffing)(void *ctx, int k),
                                 void *staffing_ctx)
{
    int *planned = calloc((size_t)n, sizeof *planned), *unstable = calloc((size_t)n, sizeof *unstable);
    if (!planned || !unstable)
        goto fail;
    for (int k = 0; k < n; k++) {
        models[k]->seed = models[0]->seed;
        if (staffing)
            staffing(staffing_ctx, k);
        struct world_overflow over;
        if ((planned[k] = staff_to_norms(models[k], threads, &unstable[k], &over)) ==
            EXPERIMENT_OVERFLOW) {
            /* the models stay, for the message, until comparison_free */
            memset(c, 0, sizeof *c);
            *c = (struct comparison){ .n = n, .models = models, .overflow_scenario = k,
                                      .overflow = over };
            free(planned);
            free(unstable);
            return EXPERIMENT_OVERFLOW;
        }
        if (planned[k] < 0)
            goto fail;
    }
    if (staffing)
        staffing(staffing_ctx, n);
    int rc = comparison_run(c, models, n, replications, threads, progress, progress_ctx);
    if (rc != 0) {
        free(planned);
        free(unstable);
        return rc;
    }
    c->mode = COMPARISON_EQUAL_SERVICE;
    c->planned = planned;
    c->unstable = unstable;
    return 0;
fail:
    free(planned);
    free(unstable);
    for (int k = 0; k < n; k++) {
        model_release(models[k]);
        free(models[k]);
    }
    free(models);
    return -1;
}

void comparison_free(struct comparison *c)
{
    free(c->planned);
    free(c->unstable);
    for (int k = 0; k < c->n; k++) {
        if (c->runs && c->runs[k].values)
            experiment_free(&c->runs[k]);
        if (c->diff)
            free(c->diff[k]);
        if (c->present)
            free(c->present[k]);
        if (c->models && c->models[k]) {
            model_release(c->models[k]);
            free(c->models[k]);
        }
    }
    free(c->runs);
    free(c->diff);
    free(c->present);
    free(c->models);
    memset(c, 0, sizeof *c);
}
