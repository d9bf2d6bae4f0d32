/*
 * sweep_plan: what `chanmix sweep` will do, settled before anything is
 * simulated (cli/sweep_plan.c): the scenarios as written, the assumptions
 * from the command line or the first file's `sweep` group, each checked in
 * every scenario (an unknown path, a list item that does not exist, a
 * setting that is not a number, LOW above HIGH), the metrics and headline
 * figures by path, the design, and every point loaded once so that a value
 * the loader refuses stops the sweep with exit status 2 before it starts.
 */
#ifndef CHANMIX_CLI_SWEEP_PLAN_H
#define CHANMIX_CLI_SWEEP_PLAN_H

#include <stdint.h>

#include "models/model.h"
#include "models/sweep.h"
#include "plots/headline.h"
#include "plots/sweep_out.h"

#define SWEEP_MAX_SCENARIOS 8

/* The options only sweep takes, read apart from the shared ones. */
struct sweep_args {
    int n_vary;
    const char *vary[SWEEP_MAX_PARAMS + 1];     /* "PATH=LOW:HIGH" */
    int n_metric;
    const char *metric[SWEEP_MAX_METRICS + 1];
    const char *method, *points;
};

struct sweep_plan {
    int n;                                  /* scenarios */
    const char *files[SWEEP_MAX_SCENARIOS];
    struct model *base[SWEEP_MAX_SCENARIOS];    /* as written */
    struct sweep_spec spec;
    int replications, threads;
    uint64_t seed;
    int n_metrics;
    struct sweep_metric metrics[SWEEP_MAX_METRICS];
    int n_headlines;
    struct headline headlines[HEADLINE_MAX];
    int direction[HEADLINE_MAX];
    int n_figures;                          /* metrics, then headlines */
    const char **paths;                     /* [s * n_figures + f], NULL: not in scenario s */
    char (*path_text)[SWEEP_PATH_MAX];      /* their text */
    struct sweep_design design;
};

/*
 * Takes sweep's own options (--vary, --metric, --method, --points, with
 * their values) out of argv, moving the rest down; returns the new argc, or
 * -1 after saying what is wrong.
 */
int sweep_args_take(int *argc, char **argv, struct sweep_args *a);

/*
 * Settles the plan for files[0..n): returns 0, or an exit status after
 * saying what is wrong (EXIT_BAD_INPUT for every error of the input).
 * replications, seed and threads are the shared options' (0 or -1: unset).
 */
int sweep_plan_build(struct sweep_plan *p, const struct sweep_args *a, char **files, int n,
                     long replications, long seed, long threads);
void sweep_plan_free(struct sweep_plan *p);

/* The model of scenario s at design point `point` (-1: as written); 0 or -1 with err. */
int sweep_plan_load(const struct sweep_plan *p, int point, int s, struct model *m, char *err,
                    size_t size);

#endif
