/*
 * sweep: assumptions' distributions and the designs, see sweep.h.
 */
#include "models/sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>

#include "models/streams.h"
#include "sim/rng.h"

static const char *const method_names[SWEEP_METHOD_COUNT] = { "lhs", "sobol", "morris" };
static const char *const dist_names[SWEEP_DIST_COUNT] = { "uniform", "triangular",
                                                          "truncated_normal" };

const char *sweep_method_name(enum sweep_method m)
{
    return m >= 0 && m < SWEEP_METHOD_COUNT ? method_names[m] : "?";
}

int sweep_method_from_name(const char *name, enum sweep_method *out)
{
    for (int i = 0; i < SWEEP_METHOD_COUNT; i++)
        if (strcmp(name, method_names[i]) == 0) {
            *out = (enum sweep_method)i;
            return 0;
        }
    return -1;
}

const char *sweep_dist_name(enum sweep_dist d)
{
    return d >= 0 && d < SWEEP_DIST_COUNT ? dist_names[d] : "?";
}

int sweep_dist_from_name(const char *name, enum sweep_dist *out)
{
    for (int i = 0; i < SWEEP_DIST_COUNT; i++)
        if (strcmp(name, dist_names[i]) == 0) {
            *out = (enum sweep_dist)i;
            return 0;
        }
    return -1;
}

int sweep_param_check(const struct sweep_param *p, char *err, size_t size)
{
    if (!isfinite(p->low) || !isfinite(p->high) || !(p->low < p->high)) {
        snprintf(err, size, "low (%g) must be below high (%g)", p->low, p->high);
        return -1;
    }
    if (p->dist == SWEEP_TRIANGULAR && !(p->mode >= p->low && p->mode <= p->high)) {
        snprintf(err, size, "mode (%g) must lie between low (%g) and high (%g)", p->mode, p->low,
                 p->high);
        return -1;
    }
    if (p->dist == SWEEP_TRUNCATED_NORMAL) {
        if (!(p->sd > 0) || !isfinite(p->sd)) {
            snprintf(err, size, "sd must be > 0, got %g", p->sd);
            return -1;
        }
        if (!(p->mean >= p->low && p->mean <= p->high)) {
            snprintf(err, size, "mean (%g) must lie between low (%g) and high (%g)", p->mean,
                     p->low, p->high);
            return -1;
        }
    }
    return 0;
}

static double quantile(const struct sweep_param *p, double u)
{
    double a = p->low, b = p->high;
    switch (p->dist) {
    case SWEEP_TRIANGULAR: {
        double c = (p->mode - a) / (b - a);
        return u < c ? a + sqrt(u * (b - a) * (p->mode - a))
                     : b - sqrt((1.0 - u) * (b - a) * (b - p->mode));
    }
    case SWEEP_TRUNCATED_NORMAL: {
        double lo = gsl_cdf_ugaussian_P((a - p->mean) / p->sd);
        double hi = gsl_cdf_ugaussian_P((b - p->mean) / p->sd);
        double q = lo + u * (hi - lo);
        if (q <= 0.0 || q >= 1.0)       /* the tails' ends: Pinv is infinite there */
            return q <= 0.0 ? a : b;
        return p->mean + p->sd * gsl_cdf_ugaussian_Pinv(q);
    }
    default:
        return a + u * (b - a);
    }
}

double sweep_param_value(const struct sweep_param *p, double u)
{
    u = u < 0.0 ? 0.0 : u > 1.0 ? 1.0 : u;
    double v = quantile(p, u);
    if (p->integer)
        v = round(v);
    /* rounding may step outside a range whose ends are not whole */
    if (v < p->low)
        v = p->integer ? ceil(p->low) : p->low;
    if (v > p->high)
        v = p->integer ? floor(p->high) : p->high;
    return v;
}

long sweep_design_size(enum sweep_method method, int points, int k)
{
    switch (method) {
    case SWEEP_SOBOL: return (long)points * (k + 2);
    case SWEEP_MORRIS: return (long)points * (k + 1);
    default: return points;
    }
}

/* Latin hypercube: coordinate i of point j is (pi_i(j) + U) / n for a random permutation pi_i. */
static int design_lhs(struct sweep_design *d, gsl_rng *r)
{
    size_t *perm = malloc((size_t)d->n * sizeof *perm);
    if (!perm)
        return -1;
    for (int i = 0; i < d->k; i++) {
        for (int j = 0; j < d->n; j++)
            perm[j] = (size_t)j;
        gsl_ran_shuffle(r, perm, (size_t)d->n, sizeof *perm);
        for (int j = 0; j < d->n; j++)
            d->unit[(size_t)j * d->k + i] = ((double)perm[j] + gsl_rng_uniform(r)) / d->n;
    }
    for (int j = 0; j < d->n; j++)
        d->group[j] = j;
    free(perm);
    return 0;
}

/* Saltelli's A, AB^(1..k), B per base point of a 2k-dimensional Sobol sequence. */
static int design_sobol(struct sweep_design *d)
{
    int k = d->k;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    double v[2 * SWEEP_MAX_PARAMS];
    if (!q)
        return -1;
    gsl_qrng_get(q, v);     /* (1/2, ..., 1/2): A and B would be the same point */
    for (int j = 0; j < d->base; j++) {
        gsl_qrng_get(q, v);
        for (int role = 0; role < k + 2; role++) {
            size_t p = (size_t)j * (k + 2) + role;
            for (int i = 0; i < k; i++) {
                int from_b = role == k + 1 || role == i + 1;
                d->unit[p * k + i] = v[from_b ? k + i : i];
            }
            d->group[p] = j;
            d->role[p] = role;
        }
    }
    gsl_qrng_free(q);
    return 0;
}

/*
 * Morris trajectories: a start on the grid from which every assumption can
 * move by delta, then one assumption at a time, in a random order, each
 * moved up or down as its random direction says.
 */
static void design_morris(struct sweep_design *d, gsl_rng *r)
{
    int k = d->k, p = d->levels;
    double step = 1.0 / (p - 1), delta = p / (2.0 * (p - 1));
    size_t order[SWEEP_MAX_PARAMS];
    double x[SWEEP_MAX_PARAMS];
    int dir[SWEEP_MAX_PARAMS];
    for (int t = 0; t < d->base; t++) {
        for (int i = 0; i < k; i++) {
            /* levels 0 .. p/2 - 1 leave room for delta upward */
            double base = step * (double)gsl_rng_uniform_int(r, (unsigned long)(p / 2));
            dir[i] = gsl_rng_uniform(r) < 0.5 ? 1 : -1;
            x[i] = dir[i] > 0 ? base : base + delta;
            order[i] = (size_t)i;
        }
        gsl_ran_shuffle(r, order, (size_t)k, sizeof *order);
        for (int s = 0; s <= k; s++) {
            size_t pt = (size_t)t * (k + 1) + s;
            if (s > 0)
                x[order[s - 1]] += dir[order[s - 1]] * delta;
            for (int i = 0; i < k; i++)
                d->unit[pt * k + i] = fmin(1.0, fmax(0.0, x[i]));
            d->group[pt] = t;
            d->role[pt] = s;
            d->moved[pt] = s > 0 ? (int)order[s - 1] : -1;
        }
    }
}

static int design_check(const struct sweep_spec *spec, char *err, size_t size)
{
    int k = spec->n_params;
    if (k < 1 || k > SWEEP_MAX_PARAMS) {
        snprintf(err, size, "vary 1 to %d assumptions, not %d", SWEEP_MAX_PARAMS, k);
        return -1;
    }
    if (spec->points < 2) {
        snprintf(err, size, "a design needs at least 2 points, not %d", spec->points);
        return -1;
    }
    if (spec->method == SWEEP_MORRIS && (spec->levels < 2 || spec->levels % 2)) {
        snprintf(err, size, "Morris levels must be even and at least 2, not %d", spec->levels);
        return -1;
    }
    long n = sweep_design_size(spec->method, spec->points, k);
    if (n > SWEEP_MAX_POINTS) {
        snprintf(err, size, "%ld points are too many (at most %d)", n, SWEEP_MAX_POINTS);
        return -1;
    }
    return 0;
}

int sweep_design_build(struct sweep_design *d, const struct sweep_spec *spec, uint64_t seed,
                       char *err, size_t size)
{
    memset(d, 0, sizeof *d);
    if (design_check(spec, err, size) != 0)
        return -1;
    d->method = spec->method;
    d->k = spec->n_params;
    d->base = spec->points;
    d->levels = spec->levels;
    d->n = (int)sweep_design_size(spec->method, spec->points, d->k);
    size_t cells = (size_t)d->n * d->k;
    d->unit = calloc(cells, sizeof *d->unit);
    d->value = calloc(cells, sizeof *d->value);
    d->group = calloc((size_t)d->n, sizeof *d->group);
    d->role = calloc((size_t)d->n, sizeof *d->role);
    d->moved = calloc((size_t)d->n, sizeof *d->moved);
    gsl_rng *r = rng_stream_alloc(seed, 0, PURPOSE_SWEEP_DESIGN);
    int rc = -1;
    if (!d->unit || !d->value || !d->group || !d->role || !d->moved || !r)
        goto out;
    for (int j = 0; j < d->n; j++)
        d->moved[j] = -1;
    if (d->method == SWEEP_SOBOL) {
        if (design_sobol(d) != 0)
            goto out;
    } else if (d->method == SWEEP_MORRIS)
        design_morris(d, r);
    else if (design_lhs(d, r) != 0)
        goto out;
    for (size_t c = 0; c < cells; c++)
        d->value[c] = sweep_param_value(&spec->params[c % d->k], d->unit[c]);
    rc = 0;
out:
    if (r)
        gsl_rng_free(r);
    if (rc != 0) {
        snprintf(err, size, "out of memory for a design of %d points", d->n);
        sweep_design_free(d);
    }
    return rc;
}

void sweep_design_free(struct sweep_design *d)
{
    free(d->unit);
    free(d->value);
    free(d->group);
    free(d->role);
    free(d->moved);
    memset(d, 0, sizeof *d);
}
