/*
 * dist: the parametric distributions a scenario may give for handling times
 * and patience, each described by its mean so that segment multipliers and
 * scenario edits scale it in the obvious way.
 */
#ifndef CHANMIX_MODELS_DIST_H
#define CHANMIX_MODELS_DIST_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "sim/ziggurat.h"

enum dist_kind {
    DIST_NONE,          /* no draw: infinite patience, or no step */
    DIST_CONSTANT,
    DIST_EXPONENTIAL,
    DIST_LOGNORMAL,     /* mean and coefficient of variation */
    DIST_WEIBULL,       /* mean and shape */
};

struct dist {
    enum dist_kind kind;
    double mean;        /* seconds */
    double cv;          /* lognormal: sd / mean */
    double shape;       /* Weibull shape k */
    /* derived by dist_prepare */
    double p1, p2;
};

/*
 * Derives the draw parameters and checks that they are finite numbers a
 * draw can use (the Weibull scale needs Gamma(1 + 1/shape), which overflows
 * for shapes below about 0.0059).  Returns 0, or -1 with the reason in err
 * (size bytes; err may be NULL).
 */
int dist_prepare(struct dist *d, char *err, size_t size);

/* dist_draw for every kind; the exponential inline below. */
double dist_draw_any(const struct dist *d, gsl_rng *r, double scale);

/*
 * A draw scaled by `scale` (a segment's patience multiplier, say); INFINITY
 * for DIST_NONE.  The exponential, the most common handling time, draws
 * inline (a phone call's handling draw is on every call's path).
 */
static inline double dist_draw(const struct dist *d, gsl_rng *r, double scale)
{
    if (d->kind == DIST_EXPONENTIAL)
        return d->mean * scale * ziggurat_exponential(r);
    return dist_draw_any(d, r, scale);
}

/* Name used in scenario files ("exponential", ...), and back. */
const char *dist_name(enum dist_kind k);
int dist_kind_from_name(const char *name, enum dist_kind *out);

#endif
