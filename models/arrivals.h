/*
 * arrivals: when an arrival stream's next contact comes, and how long it
 * takes to handle.
 *
 * A stream with per_interval is a Poisson process at one rate all week.  A
 * stream with a file replays it as a piecewise-constant Poisson process:
 * interval k of the run (time 0 is the file's first Monday, 00:00) has rate
 * contacts[k mod the file's length] / interval_s, so a file shorter than
 * the horizon repeats by week.  The next arrival inverts the cumulative
 * rate: one unit exponential per contact, walked across the intervals it
 * spans, so a draw is never wasted on an interval boundary and the stream
 * uses exactly one number per contact, as a constant stream does.
 */
#ifndef CHANMIX_MODELS_ARRIVALS_H
#define CHANMIX_MODELS_ARRIVALS_H

#include <math.h>
#include <gsl/gsl_rng.h>

#include "models/model.h"
#include "sim/ziggurat.h"

/* arrivals_next for a stream from a file (arrivals.c). */
double arrivals_next_file(const struct source_params *sp, double interval_s, double now,
                          double until, gsl_rng *r);

/*
 * The time of stream sp's next contact after `now`, or INFINITY when a
 * file's stream has none before `until`.  A constant stream's draw is
 * inline: one exponential gap, the mean gap's division not waiting for it.
 */
static inline double arrivals_next(const struct source_params *sp, double interval_s, double now,
                                   double until, gsl_rng *r)
{
    if (sp->file)
        return arrivals_next_file(sp, interval_s, now, until, r);
    double gap = interval_s / sp->per_interval;
    return sp->per_interval > 0 ? now + ziggurat_exponential(r) * gap : INFINITY;
}

/* The file's handling time for a contact that arrived at t; 0 where it gives none. */
double arrivals_aht_s(const struct source_params *sp, double interval_s, double t);

#endif
