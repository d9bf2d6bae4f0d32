/*
 * dist: draws by mean, see dist.h.
 *
 * Lognormal: sigma^2 = log(1 + cv^2), mu = log(mean) - sigma^2/2.
 * Weibull:   scale lambda = mean / Gamma(1 + 1/k).
 */
#include "models/dist.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

static const char *const names[] = {
    [DIST_NONE] = "none",
    [DIST_CONSTANT] = "constant",
    [DIST_EXPONENTIAL] = "exponential",
    [DIST_LOGNORMAL] = "lognormal",
    [DIST_WEIBULL] = "weibull",
};

int dist_prepare(struct dist *d)
{
    d->p1 = d->p2 = 0.0;
    switch (d->kind) {
    case DIST_NONE:
        return 0;
    case DIST_CONSTANT:
    case DIST_EXPONENTIAL:
        return d->mean > 0.0 ? 0 : -1;
    case DIST_LOGNORMAL:
        if (!(d->mean > 0.0) || !(d->cv > 0.0))
            return -1;
        d->p2 = sqrt(log1p(d->cv * d->cv));
        d->p1 = log(d->mean) - 0.5 * d->p2 * d->p2;
        return 0;
    case DIST_WEIBULL:
        if (!(d->mean > 0.0) || !(d->shape > 0.0))
            return -1;
        d->p1 = d->mean / gsl_sf_gamma(1.0 + 1.0 / d->shape);
        return 0;
    }
    return -1;
}

double dist_draw(const struct dist *d, gsl_rng *r, double scale)
{
    switch (d->kind) {
    case DIST_NONE:
        return INFINITY;
    case DIST_CONSTANT:
        return d->mean * scale;
    case DIST_EXPONENTIAL:
        return gsl_ran_exponential(r, d->mean * scale);
    case DIST_LOGNORMAL:
        return scale * gsl_ran_lognormal(r, d->p1, d->p2);
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
