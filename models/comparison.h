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

/* How staffing enters a comparison. */
enum comparison_mode {
    COMPARISON_FIXED_STAFFING,  /* each scenario as its file staffs it */
    COMPARISON_EQUAL_SERVICE    /* each scenario staffed by the planner to its norms first */
};

struct comparison {
    int n;
    struct model **models;
    struct experiment *runs;
    struct estimate **diff;         /* [k]: run k minus run 0, on run k's layout */
    unsigned char **present;        /* [k][i]: figure i of run k exists in run 0 */
    enum comparison_mode mode;
    int *planned;                   /* equal service: [k] channels the planner staffed */
    int *unstable;                  /* equal service: [k] 1 when its plan was still moving */
    int overflow_scenario;          /* after EXPERIMENT_OVERFLOW: which scenario, */
    struct world_overflow overflow; /* and where its line passed max_in_system */
};

/*
 * Runs models[0..n) (taking ownership of them); returns 0, -1 (no memory)
 * or EXPERIMENT_OVERFLOW (see experiment_run) with c->overflow_scenario and
 * c->overflow set; c->models stay readable until comparison_free.
 */
int comparison_run(struct comparison *c, struct model **models, int n, int replications,
                   int threads, runner_progress_fn progress, void *progress_ctx);

/* The same for shard (1-based) of shards only (experiment_run_shard). */
int comparison_run_shard(struct comparison *c, struct model **models, int n, int replications,
                         int shard, int shards, int threads, runner_progress_fn progress,
                         void *progress_ctx);

/*
 * A comparison from values computed before (a merge of shards): for each
 * model k, `replications` rows of widths[k] figures at paths[k].  Takes
 * ownership of the models.  Returns 0, -1 (no memory) or -2 (a model's
 * figures are not those given).
 */
int comparison_from_values(struct comparison *c, struct model **models, int n,
                           const double *const *values, int replications,
                           const char (*const *paths)[METRICS_PATH_MAX], const size_t *widths);

/*
 * At equal service: first staffs every assisted channel with targets in each
 * scenario with the planner (chanmix staff: the same norms and rules, on the
 * first scenario's seed), writes the requirement into the scenario's week,
 * then runs the comparison as staffed, so that cost differences are the
 * policy's saving at the same service.  `staffing` (may be NULL) is told
 * which scenario k is about to be planned, and k = n once all are, before
 * the comparison's replications start.  Returns 0, -1 (no memory) or
 * EXPERIMENT_OVERFLOW as comparison_run (in planning or in the comparison).
 */
int comparison_run_equal_service(struct comparison *c, struct model **models, int n,
                                 int replications, int threads, runner_progress_fn progress,
                                 void *progress_ctx, void (*staffing)(void *ctx, int k),
                                 void *staffing_ctx);
void comparison_free(struct comparison *c);

/* "equal_service" or "fixed_staffing". */
const char *comparison_mode_name(enum comparison_mode mode);

#endif
