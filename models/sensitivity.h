/*
 * sensitivity: how much of a result's spread over the assumptions each
 * assumption drives, estimated from a sweep design's points (sweep.h).
 *
 * Pure functions of the values y of one output at the design's points, in
 * the design's order; each index comes with a 95% bootstrap interval:
 * percentiles of the index recomputed on `resamples` resamplings, with
 * replacement, of the base points (Sobol), trajectories (Morris) or points
 * (rank correlation), drawn from the generator the caller seeds.
 *
 *   Sobol indices (Saltelli et al. 2010, Table 2): with V the variance of
 *   f over the A and B points together,
 *     first order  S_i  = mean_j f(B_j) (f(AB_j^(i)) - f(A_j)) / V
 *     total        ST_i = mean_j (f(A_j) - f(AB_j^(i)))^2 / 2 / V   (Jansen 1999)
 *   S_i is the share of V that assumption i explains alone; ST_i the share
 *   it takes part in, interactions included.  Estimates can stray below 0
 *   or above 1 with few points; they are reported as estimated.
 *
 *   Morris elementary effects (Morris 1991; mu* of Campolongo et al. 2007):
 *   per trajectory step, the change of f divided by the step in the unit
 *   range, so an effect reads "change of f over the assumption's whole
 *   range"; mu* is the mean absolute effect (importance), mu the mean
 *   (direction) and sigma their standard deviation (interaction or
 *   non-linearity).
 *
 *   Rank correlation (Spearman) of f with each assumption, for a Latin
 *   hypercube: the sign says the direction, the size how monotonically f
 *   follows the assumption.  Ties get their mean rank.
 *
 * An output that is missing (NaN) at any point, or that does not vary, has
 * undefined indices: NaN.
 */
#ifndef CHANMIX_MODELS_SENSITIVITY_H
#define CHANMIX_MODELS_SENSITIVITY_H

#include <gsl/gsl_rng.h>
#include "models/sweep.h"

#define SENSITIVITY_RESAMPLES 1000

/* An index and its 95% bootstrap interval. */
struct sensitivity_ci {
    double value, lo, hi;
};

/*
 * Sobol indices from y at the points of a Saltelli design of `base` base
 * points over k assumptions (per base point: A, AB^(1..k), B).  first and
 * total have k entries.  Returns 0, or -1 when memory runs out.
 */
int sensitivity_sobol(const double *y, int base, int k, int resamples, gsl_rng *r,
                      struct sensitivity_ci *first, struct sensitivity_ci *total);

/* Morris statistics from y at the points of Morris design d; each output has d->k entries. */
int sensitivity_morris(const double *y, const struct sweep_design *d, int resamples, gsl_rng *r,
                       struct sensitivity_ci *mu_star, double *mu, double *sigma);

/* Spearman's rank correlation of y with each column of x (n x k, row per point). */
int sensitivity_rank(const double *y, const double *x, int n, int k, int resamples, gsl_rng *r,
                     struct sensitivity_ci *rho);

/* The q-quantile (0..1, linear between order statistics) of the finite values among y[0..n); NaN when none. */
double sensitivity_quantile(const double *y, int n, double q);

#endif
