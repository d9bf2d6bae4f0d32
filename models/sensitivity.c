/*
 * sensitivity: Sobol, Morris and rank-correlation estimators with bootstrap
 * intervals, see sensitivity.h.
 *
 * Each estimator is written once over a list of indices into its units
 * (base points, trajectories, points): the estimate uses 0..n-1, and every
 * bootstrap resample a list drawn with replacement.  The interval is the
 * 2.5th and 97.5th percentiles of the resampled estimates.
 */
#include "models/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

static int all_finite(const double *y, long n)
{
    for (long i = 0; i < n; i++)
        if (!isfinite(y[i]))
            return 0;
    return 1;
}

static void set_nan(struct sensitivity_ci *c, int k)
{
    for (int i = 0; i < k; i++)
        c[i] = (struct sensitivity_ci){ NAN, NAN, NAN };
}

double sensitivity_quantile(const double *y, int n, double q)
{
    double *s = malloc((size_t)(n > 0 ? n : 1) * sizeof *s);
    int m = 0;
    if (!s)
        return NAN;
    for (int i = 0; i < n; i++)
        if (isfinite(y[i]))
            s[m++] = y[i];
    double v = NAN;
    if (m > 0) {
        gsl_sort(s, 1, (size_t)m);
        v = gsl_stats_quantile_from_sorted_data(s, 1, (size_t)m, q);
    }
    free(s);
    return v;
}

/* The 95% percentile interval of est[0..n) (sorted in place) into c->lo, c->hi. */
static void percentile_interval(double *est, int n, struct sensitivity_ci *c)
{
    int m = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(est[i]))
            est[m++] = est[i];
    if (m == 0) {
        c->lo = c->hi = NAN;
        return;
    }
    gsl_sort(est, 1, (size_t)m);
    c->lo = gsl_stats_quantile_from_sorted_data(est, 1, (size_t)m, 0.025);
    c->hi = gsl_stats_quantile_from_sorted_data(est, 1, (size_t)m, 0.975);
}

/* Indices 0..n-1, or n drawn with replacement. */
static void draw_units(int *u, int n, gsl_rng *r)
{
    for (int i = 0; i < n; i++)
        u[i] = r ? (int)gsl_rng_uniform_int(r, (unsigned long)n) : i;
}

/* ---- Sobol ---- */

/*
 * S_i and ST_i of assumption i over base points u[0..n).  f is centred on
 * its mean over A and B first: the estimators are unbiased either way, but
 * S_i's variance grows with the square of f's mean (as SALib does it).
 */
static void sobol_once(const double *y, const int *u, int n, int k, int i, double *s1, double *st)
{
    double sum = 0, sum2 = 0, v1 = 0, vt = 0;
    for (int a = 0; a < n; a++) {
        const double *row = y + (size_t)u[a] * (k + 2);
        sum += row[0] + row[k + 1];
    }
    double mean = sum / (2.0 * n);
    for (int a = 0; a < n; a++) {
        const double *row = y + (size_t)u[a] * (k + 2);
        double fa = row[0] - mean, fb = row[k + 1] - mean, fab = row[1 + i] - mean;
        sum2 += fa * fa + fb * fb;
        v1 += fb * (fab - fa);
        vt += (fa - fab) * (fa - fab);
    }
    double var = sum2 / (2.0 * n);
    if (!(var > 1e-24 * (mean * mean + 1e-300))) {
        *s1 = *st = NAN;
        return;
    }
    *s1 = v1 / n / var;
    *st = vt / (2.0 * n) / var;
}

int sensitivity_sobol(const double *y, int base, int k, int resamples, gsl_rng *r,
                      struct sensitivity_ci *first, struct sensitivity_ci *total)
{
    set_nan(first, k);
    set_nan(total, k);
    if (base < 2 || !all_finite(y, (long)base * (k + 2)))
        return 0;
    int *u = malloc((size_t)base * sizeof *u);
    double *e1 = malloc((size_t)(resamples > 0 ? resamples : 1) * sizeof *e1);
    double *et = malloc((size_t)(resamples > 0 ? resamples : 1) * sizeof *et);
    if (!u || !e1 || !et) {
        free(u), free(e1), free(et);
        return -1;
    }
    for (int i = 0; i < k; i++) {
        draw_units(u, base, NULL);
        sobol_once(y, u, base, k, i, &first[i].value, &total[i].value);
        if (!isfinite(first[i].value))
            continue;
        for (int b = 0; b < resamples; b++) {
            draw_units(u, base, r);
            sobol_once(y, u, base, k, i, &e1[b], &et[b]);
        }
        percentile_interval(e1, resamples, &first[i]);
        percentile_interval(et, resamples, &total[i]);
    }
    free(u), free(e1), free(et);
    return 0;
}

/* ---- Morris ---- */

/* The elementary effects of the design: ee[t * k + i] for assumption i in trajectory t. */
static void morris_effects(const double *y, const struct sweep_design *d, double *ee)
{
    int k = d->k;
    for (int t = 0; t < d->base; t++)
        for (int s = 1; s <= k; s++) {
            size_t p = (size_t)t * (k + 1) + s;
            int i = d->moved[p];
            double step = d->unit[p * k + i] - d->unit[(p - 1) * k + i];
            ee[(size_t)t * k + i] = (y[p] - y[p - 1]) / step;
        }
}

static double morris_mu_star(const double *ee, const int *u, int n, int k, int i)
{
    double s = 0;
    for (int a = 0; a < n; a++)
        s += fabs(ee[(size_t)u[a] * k + i]);
    return s / n;
}

int sensitivity_morris(const double *y, const struct sweep_design *d, int resamples, gsl_rng *r,
                       struct sensitivity_ci *mu_star, double *mu, double *sigma)
{
    int k = d->k, n = d->base;
    set_nan(mu_star, k);
    for (int i = 0; i < k; i++)
        mu[i] = sigma[i] = NAN;
    if (n < 2 || !all_finite(y, d->n))
        return 0;
    double *ee = malloc((size_t)n * k * sizeof *ee), *col = malloc((size_t)n * sizeof *col);
    double *est = malloc((size_t)(resamples > 0 ? resamples : 1) * sizeof *est);
    int *u = malloc((size_t)n * sizeof *u);
    if (!ee || !col || !est || !u) {
        free(ee), free(col), free(est), free(u);
        return -1;
    }
    morris_effects(y, d, ee);
    for (int i = 0; i < k; i++) {
        for (int t = 0; t < n; t++)
            col[t] = ee[(size_t)t * k + i];
        mu[i] = gsl_stats_mean(col, 1, (size_t)n);
        sigma[i] = gsl_stats_sd(col, 1, (size_t)n);
        draw_units(u, n, NULL);
        mu_star[i].value = morris_mu_star(ee, u, n, k, i);
        for (int b = 0; b < resamples; b++) {
            draw_units(u, n, r);
            est[b] = morris_mu_star(ee, u, n, k, i);
        }
        percentile_interval(est, resamples, &mu_star[i]);
    }
    free(ee), free(col), free(est), free(u);
    return 0;
}

/* ---- rank correlation ---- */

/* Ranks from 1 of x[u[0..n)] into rk, ties at their mean rank; perm is scratch. */
static void ranks(const double *x, size_t stride, const int *u, int n, double *v, size_t *perm,
                  double *rk)
{
    for (int a = 0; a < n; a++)
        v[a] = x[(size_t)u[a] * stride];
    gsl_sort_index(perm, v, 1, (size_t)n);
    for (int a = 0; a < n;) {
        int b = a;
        while (b + 1 < n && v[perm[b + 1]] == v[perm[a]])
            b++;
        for (int c = a; c <= b; c++)
            rk[perm[c]] = 0.5 * (a + b) + 1.0;
        a = b + 1;
    }
}

struct rank_scratch {
    double *v, *ry, *rx;
    size_t *perm;
};

static double rank_once(const double *y, const double *x, int k, int i, const int *u, int n,
                        const struct rank_scratch *s)
{
    ranks(y, 1, u, n, s->v, s->perm, s->ry);
    ranks(x + i, (size_t)k, u, n, s->v, s->perm, s->rx);
    double sy = gsl_stats_sd(s->ry, 1, (size_t)n), sx = gsl_stats_sd(s->rx, 1, (size_t)n);
    if (!(sy > 0) || !(sx > 0))
        return NAN;
    return gsl_stats_correlation(s->ry, 1, s->rx, 1, (size_t)n);
}

int sensitivity_rank(const double *y, const double *x, int n, int k, int resamples, gsl_rng *r,
                     struct sensitivity_ci *rho)
{
    set_nan(rho, k);
    if (n < 3 || !all_finite(y, n))
        return 0;
    struct rank_scratch s = { malloc((size_t)n * sizeof(double)), malloc((size_t)n * sizeof(double)),
                              malloc((size_t)n * sizeof(double)), malloc((size_t)n * sizeof(size_t)) };
    double *est = malloc((size_t)(resamples > 0 ? resamples : 1) * sizeof *est);
    int *u = malloc((size_t)n * sizeof *u), rc = -1;
    if (!s.v || !s.ry || !s.rx || !s.perm || !est || !u)
        goto out;
    for (int i = 0; i < k; i++) {
        draw_units(u, n, NULL);
        rho[i].value = rank_once(y, x, k, i, u, n, &s);
        if (!isfinite(rho[i].value))
            continue;
        for (int b = 0; b < resamples; b++) {
            draw_units(u, n, r);
            est[b] = rank_once(y, x, k, i, u, n, &s);
        }
        percentile_interval(est, resamples, &rho[i]);
    }
    rc = 0;
out:
    free(s.v), free(s.ry), free(s.rx), free(s.perm), free(est), free(u);
    return rc;
}
