/*
 * sweep_analysis: what a sweep's points come to.
 *
 * The kept figures of a sweep (sweep_run.h) are the metrics studied, then
 * the headline figures on which scenarios are compared.  For each output
 * (a metric of one scenario, or a scenario's difference from the first) the
 * analysis gives its distribution over the assumptions (percentiles over
 * the points), beside the mean 95% half-width that the replications leave
 * at one point (the simulation's noise, which the spread should dwarf), and
 * its sensitivity to each assumption by the design's estimator
 * (sensitivity.h).  For each later scenario and headline figure it counts
 * the points where the scenario is better than the first, worse, or equal.
 *
 * Every point of every design is a draw from the assumptions' joint
 * distribution (a Saltelli point mixes two independent draws; a Morris
 * point lies on a grid that covers each range evenly), so percentiles and
 * shares are taken over all simulated points.
 */
#ifndef CHANMIX_MODELS_SWEEP_ANALYSIS_H
#define CHANMIX_MODELS_SWEEP_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>
#include "models/sensitivity.h"
#include "models/sweep.h"
#include "models/sweep_run.h"

struct sweep_output {
    int scenario;
    int against;                /* -1; or 0: scenario minus the first */
    int metric;                 /* the kept figure */
    double p5, p50, p95, mean;  /* over the points */
    double noise;               /* mean 95% half-width at a point, from the replications */
    int driver;                 /* the assumption with the largest index, or -1 */
    /* sobol */
    struct sensitivity_ci first[SWEEP_MAX_PARAMS], total[SWEEP_MAX_PARAMS];
    /* morris */
    struct sensitivity_ci mu_star[SWEEP_MAX_PARAMS];
    double mu[SWEEP_MAX_PARAMS], sigma[SWEEP_MAX_PARAMS];
    /* lhs */
    struct sensitivity_ci rho[SWEEP_MAX_PARAMS];
};

/* How a later scenario fares against the first on one headline figure. */
struct sweep_share {
    int scenario;
    int headline;               /* 0 .. n_headlines - 1 */
    int direction;              /* 1 lower is better, 0 higher is better, -1 neither */
    int higher, lower, equal;   /* points where the scenario's figure is higher, ... */
    int n;                      /* points where both have the figure */
};

struct sweep_analysis {
    int n_outputs;
    struct sweep_output *out;
    int n_shares;
    struct sweep_share *share;
};

/*
 * Analyses results of design d: kept figures 0 .. n_metrics - 1 are the
 * metrics, the n_headlines after them the headlines, with direction[h].
 * Bootstrap streams are keyed by seed and output.  Returns 0, or -1 with err.
 */
int sweep_analyse(struct sweep_analysis *a, const struct sweep_design *d,
                  const struct sweep_results *res, int n_metrics, int n_headlines,
                  const int *direction, uint64_t seed, char *err, size_t size);
void sweep_analysis_free(struct sweep_analysis *a);

/* The share of points where the scenario is better (direction 1 or 0) or higher (-1). */
double sweep_share_better(const struct sweep_share *s);
double sweep_share_worse(const struct sweep_share *s);

/* The value of output o at point p. */
double sweep_output_value(const struct sweep_results *res, const struct sweep_output *o, int p);

/* The main index of assumption i for output o: total (sobol), mu* (morris), |rho| (lhs). */
double sweep_output_importance(const struct sweep_output *o, enum sweep_method m, int i);

#endif
