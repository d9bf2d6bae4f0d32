/*
 * stats: streaming accumulators and replication estimates, see stats.h.
 *
 * Welford keeps (n, mean, m2) rather than sums of x and x^2, which cancel
 * catastrophically when the mean is large against the spread (waits in
 * seconds over a day-long run).  Two accumulators combine exactly by Chan's
 * formula, so per-thread or per-segment partials can be merged later.
 *
 * The log-binned histogram trades exactness for a fixed table: a value
 * costs one log() and one increment, and any quantile is the geometric centre
 * of a bin whose edges differ by (1 + 2*rel_err), hence within
 * sqrt(1 + 2*rel_err) - 1 <= rel_err of the sample quantile.  Values below
 * lo (in practice exact zeros) and at or above hi are only counted, and are
 * reported as 0 and hi.
 */
#include "sim/stats.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

void welford_init(struct welford *w)
{
    w->n = 0;
    w->mean = 0.0;
    w->m2 = 0.0;
}

void welford_merge(struct welford *into, const struct welford *from)
{
    if (from->n == 0)
        return;
    if (into->n == 0) {
        *into = *from;
        return;
    }
    double na = (double)into->n, nb = (double)from->n, n = na + nb;
    double d = from->mean - into->mean;
    into->mean += d * nb / n;
    into->m2 += from->m2 + d * d * na * nb / n;
    into->n += from->n;
}

double welford_variance(const struct welford *w)
{
    return w->n < 2 ? 0.0 : w->m2 / (double)(w->n - 1);
}

void timeavg_init(struct timeavg *a, double t_start, double value)
{
    a->t_start = t_start;
    a->t_last = t_start;
    a->value = value;
    a->area = 0.0;
}

void timeavg_reset(struct timeavg *a, double t)
{
    /* The signal keeps its level across warm-up; only the integral restarts. */
    a->t_start = t;
    a->t_last = t;
    a->area = 0.0;
}

double timeavg_mean(const struct timeavg *a, double t_end)
{
    double span = t_end - a->t_start;
    if (!(span > 0.0))      /* no time elapsed: the level itself is the mean */
        return a->value;
    return (a->area + a->value * (t_end - a->t_last)) / span;
}

struct loghist *loghist_alloc(double lo, double hi, double rel_err)
{
    /* Negated tests so that NaN arguments are refused too. */
    if (!(lo > 0.0) || !(hi > lo) || !(rel_err > 0.0))
        return NULL;
    double log_lo = log(lo);
    double inv_log_step = 1.0 / log1p(2.0 * rel_err);
    double nb = ceil((log(hi) - log_lo) * inv_log_step);
    /* hi = inf, a rel_err too fine for an int count, or hi so close to lo
     * that the logs coincide (zero bins would make loghist_add write
     * counts[-1]). */
    if (!(nb >= 1.0 && nb <= (double)INT_MAX))
        return NULL;
    struct loghist *h = malloc(sizeof *h);
    if (!h)
        return NULL;
    h->lo = lo;
    h->hi = hi;
    h->log_lo = log_lo;
    h->inv_log_step = inv_log_step;
    h->nbins = (int)nb;
    h->counts = calloc((size_t)h->nbins, sizeof *h->counts);
    if (!h->counts) {
        free(h);
        return NULL;
    }
    h->n = h->zero = h->over = 0;
    return h;
}

void loghist_free(struct loghist *h)
{
    if (!h)
        return;
    free(h->counts);
    free(h);
}

void loghist_clear(struct loghist *h)
{
    memset(h->counts, 0, (size_t)h->nbins * sizeof *h->counts);
    h->n = h->zero = h->over = 0;
}

void loghist_add_binned(struct loghist *h, double x)
{
    h->n++;
    if (x >= h->hi) {
        h->over++;
        return;
    }
    /* x >= lo makes the product >= 0, so truncation is floor.  Rounding can
     * put x just below hi one past the last bin; clamp it back. */
    int b = (int)((log(x) - h->log_lo) * h->inv_log_step);
    h->counts[b < h->nbins ? b : h->nbins - 1]++;
}

int loghist_merge(struct loghist *into, const struct loghist *from)
{
    /* Same lo, hi and nbins with a different rel_err would shift every edge. */
    if (into->nbins != from->nbins || into->lo != from->lo || into->hi != from->hi
        || into->inv_log_step != from->inv_log_step)
        return -1;
    for (int b = 0; b < into->nbins; b++)
        into->counts[b] += from->counts[b];
    into->n += from->n;
    into->zero += from->zero;
    into->over += from->over;
    return 0;
}

double loghist_quantile(const struct loghist *h, double q)
{
    if (h->n == 0)
        return 0.0;
    q = q < 0.0 ? 0.0 : q > 1.0 ? 1.0 : q;
    /* 1-based rank of the value sought, ceil(q*n) with 1 for q = 0.  The
     * product is shaved by a few ulps first so that 0.07 * 100 =
     * 7.000000000000001 asks for the 7th value, not the 8th. */
    double r = q * (double)h->n;
    uint64_t rank = (uint64_t)ceil(r - r * (4.0 * DBL_EPSILON));
    if (rank < 1)
        rank = 1;
    if (rank <= h->zero)
        return 0.0;
    uint64_t seen = h->zero;
    for (int b = 0; b < h->nbins; b++) {
        seen += h->counts[b];
        if (seen >= rank)   /* geometric centre of bin b */
            return exp(h->log_lo + ((double)b + 0.5) / h->inv_log_step);
    }
    return h->hi;
}

/*
 * Values below lo count as 0 and values at or above hi as hi, as in
 * loghist_quantile.  Inside [lo, hi) the bins wholly below x count in full
 * and x's own bin counts by the share of its width (in log) that lies below
 * x: the values are taken as spread log-uniformly inside a bin.  At a bin
 * edge that share is 0, so the answer is the exact share of values below the
 * edge.
 */
double loghist_cdf(const struct loghist *h, double x)
{
    if (isnan(x))
        return NAN;
    if (h->n == 0)
        return 0.0;
    if (x < h->lo)
        return x >= 0.0 ? (double)h->zero / (double)h->n : 0.0;
    if (x >= h->hi)
        return 1.0;
    double pos = (log(x) - h->log_lo) * h->inv_log_step;    /* bin + fraction */
    int b = (int)pos;
    if (b >= h->nbins)
        b = h->nbins - 1;
    double frac = pos - (double)b;
    frac = frac > 1.0 ? 1.0 : frac;
    uint64_t below = h->zero;
    for (int k = 0; k < b; k++)
        below += h->counts[k];
    return ((double)below + frac * (double)h->counts[b]) / (double)h->n;
}

struct estimate stats_estimate(const double *x, size_t stride, size_t n)
{
    struct estimate e = { 0.0, NAN };
    if (n == 0)
        return e;
    e.mean = gsl_stats_mean(x, stride, n);
    if (n >= 2) {
        /* gsl_stats_sd without its second pass for the mean we already have */
        double sd = gsl_stats_sd_m(x, stride, n, e.mean);
        e.ci95 = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * sd / sqrt((double)n);
    }
    return e;
}
