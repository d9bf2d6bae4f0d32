/*
 * dist: draws by mean, see dist.h.
 *
 * Lognormal: sigma^2 = log(1 + cv^2), mu = log(mean) - sigma^2/2, drawn as
 * exp(mu + sigma Z) with Z from GSL's ziggurat normal: the same law as
 * gsl_ran_lognormal, whose polar method costs about three times as much.
 * Weibull:   scale lambda = mean / Gamma(1 + 1/k).
 * Exponential: the ziggurat (sim/ziggurat.h), not GSL's inversion by log1p,
 * which cost about five times as much.
 */
#include "models/dist.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "sim/ziggurat.h"

static const char *const names[] = {
    [DIST_NONE] = "none",
    [DIST_CONSTANT] = "constant",
    [DIST_EXPONENTIAL] = "exponential",
    [DIST_LOGNORMAL] = "lognormal",
    [DIST_WEIBULL] = "weibull",
};

/* Says why d cannot be drawn from; returns -1. */
static int refuse(char *err, size_t size, const char *why)
{
    if (err && size)
        snprintf(err, size, "%s", why);
    return -1;
}

/* A scale parameter must be a positive normal number: a draw scaled by it is then finite. */
static int usable(double x)
{
    return isfinite(x) && x >= DBL_MIN;
}

int dist_prepare(struct dist *d, char *err, size_t size)
{
    d->p1 = d->p2 = 0.0;
    switch (d->kind) {
    case DIST_NONE:
        return 0;
    case DIST_CONSTANT:
    case DIST_EXPONENTIAL:
        return usable(d->mean) ? 0 : refuse(err, size, "the mean must be > 0");
    case DIST_LOGNORMAL:
        if (!usable(d->mean) || !usable(d->cv))
            return refuse(err, size, "the mean and cv must be > 0");
        d->p2 = sqrt(log1p(d->cv * d->cv));
        d->p1 = log(d->mean) - 0.5 * d->p2 * d->p2;
        if (!isfinite(d->p1) || !usable(d->p2))
            return refuse(err, size, "log-scale parameters are not finite for this mean and cv");
        return 0;
    case DIST_WEIBULL: {
        if (!usable(d->mean) || !usable(d->shape))
            return refuse(err, size, "the mean and shape must be > 0");
        /* checked before the call: beyond GSL_SF_GAMMA_XMAX the gamma function overflows */
        double x = 1.0 + 1.0 / d->shape;
        gsl_sf_result g;
        if (!(x <= GSL_SF_GAMMA_XMAX) || gsl_sf_gamma_e(x, &g) != GSL_SUCCESS || !usable(g.val))
            return refuse(err, size, "Gamma(1 + 1/shape) overflows: the shape must be at least "
                          "1/170 (about 0.0059)");
        d->p1 = d->mean / g.val;
        if (!usable(d->p1))
            return refuse(err, size, "the Weibull scale, mean / Gamma(1 + 1/shape), underflows: "
                          "raise the mean or the shape");
        return 0;
    }
    }
    return refuse(err, size, "unknown distribution");
}

double dist_draw_any(const struct dist *d, gsl_rng *r, double scale)
{
    switch (d->kind) {
    case DIST_NONE:
        return INFINITY;
    case DIST_CONSTANT:
        return d->mean * scale;
    case DIST_EXPONENTIAL:
        return d->mean * scale * ziggurat_exponential(r);
    case DIST_LOGNORMAL:
        return scale * exp(d->p1 + d->p2 * gsl_ran_gaussian_ziggurat(r, 1.0));
    case DIST_WEIBULL:
        return scale * gsl_ran_weibull(r, d->p1, d->shape);
    }
    return INFINITY;
}

const char *dist_name(enum dist_kind k)
{
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

int dist_kind_from_name(const char *name, enum dist_kind *out)
{
    for (unsigned k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(name, names[k]) == 0) {
            *out = (enum dist_kind)k;
            return 0;
        }
    return -1;
}
