/*
 * arrivals: constant and file-driven arrival streams, see arrivals.h.
 */
#include "models/arrivals.h"

#include <math.h>

#include "sim/ziggurat.h"

#include "models/volumes.h"

/* Interval k of the run within the file, which repeats. */
static long file_index(const struct source_params *sp, double k)
{
    return (long)fmod(k + (double)sp->file_offset, (double)volumes_length(sp->file));
}

double arrivals_next_file(const struct source_params *sp, double interval_s, double now,
                          double until, gsl_rng *r)
{
    const double *contacts = volumes_series(sp->file, 0);
    double left = ziggurat_exponential(r);  /* expected contacts still to pass */
    double k = floor(now / interval_s);
    double t = now;
    while (t < until) {
        double end = (k + 1.0) * interval_s;
        double rate = contacts[file_index(sp, k)] / interval_s;
        if (rate > 0) {
            if (t + left / rate < end)
                return t + left / rate;
            left = fmax(left - rate * (end - t), 0.0);
        }
        t = end;
        k += 1.0;
    }
    return INFINITY;
}

double arrivals_aht_s(const struct source_params *sp, double interval_s, double t)
{
    const double *aht = sp->file ? volumes_aht_series(sp->file, 0) : NULL;
    if (!aht)
        return 0.0;
    double a = aht[file_index(sp, floor(t / interval_s))];
    return a > 0 ? a : 0.0;
}
