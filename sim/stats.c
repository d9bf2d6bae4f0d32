/*
 * stats: streaming accumulators and replication estimates, see stats.h.
 */
#include "sim/stats.h"

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

void welford_add(struct welford *w, double x)
{
    w->n++;
    double d = x - w->mean;
    w->mean += d / (double)w->n;
    w->m2 += d * (x - w->mean);
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

void timeavg_set(struct timeavg *a, double t, double value)
{
    a->area += a->value * (t - a->t_last);
    a->t_last = t;
    a->value = value;
}

void timeavg_reset(struct timeavg *a, double t)
{
    a->t_start = t;
    a->t_last = t;
    a->area = 0.0;
}

double timeavg_mean(const struct timeavg *a, double t_end)
{
    double span = t_end - a->t_start;
    if (!(span > 0.0))
        return a->value;
    return (a->area + a->value * (t_end - a->t_last)) / span;
}

struct loghist *loghist_alloc(double lo, double hi, double rel_err)
{
    if (!(lo > 0.0) || !(hi > lo) || !(rel_err > 0.0) || rel_err >= 0.5)
        return NULL;
    struct loghist *h = malloc(sizeof *h);
    if (!h)
        return NULL;
    h->lo = lo;
    h->hi = hi;
    h->log_lo = log(lo);
    h->inv_log_step = 1.0 / log1p(2.0 * rel_err);
    h->nbins = (int)ceil((log(hi) - h->log_lo) * h->inv_log_step);
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

void loghist_add(struct loghist *h, double x)
{
    h->n++;
    if (!(x >= h->lo)) {
        h->zero++;
        return;
    }
    if (x >= h->hi) {
        h->over++;
        return;
    }
    int b = (int)((log(x) - h->log_lo) * h->inv_log_step);
    h->counts[b < h->nbins ? b : h->nbins - 1]++;
}

int loghist_merge(struct loghist *into, const struct loghist *from)
{
    if (into->nbins != from->nbins || into->lo != from->lo || into->hi != from->hi)
        return -1;
    for (int b = 0; b < into->nbins; b++)
        into->counts[b] += from->counts[b];
    into->n += from->n;
    into->zero += from->zero;
    into->over += from->over;
    return 0;
}

/* Lower edge of bin b. */
static double bin_edge(const struct loghist *h, int b)
{
    return exp(h->log_lo + (double)b / h->inv_log_step);
}

double loghist_quantile(const struct loghist *h, double q)
{
    if (h->n == 0)
        return 0.0;
    q = q < 0.0 ? 0.0 : q > 1.0 ? 1.0 : q;
    /* rank of the value sought, 1-based: the smallest value for q = 0 */
    uint64_t rank = (uint64_t)ceil(q * (double)h->n);
    if (rank < 1)
        rank = 1;
    if (rank <= h->zero)
        return 0.0;
    uint64_t seen = h->zero;
    for (int b = 0; b < h->nbins; b++) {
        seen += h->counts[b];
        if (seen >= rank)   /* geometric centre of the bin */
            return exp(h->log_lo + ((double)b + 0.5) / h->inv_log_step);
    }
    return h->hi;
}

double loghist_cdf(const struct loghist *h, double x)
{
    if (h->n == 0)
        return 0.0;
    if (x < h->lo)
        return x >= 0.0 ? (double)h->zero / (double)h->n : 0.0;
    if (x >= h->hi)
        return 1.0;
    /* whole bins below x's bin, then the part of x's bin below x, linear in log */
    int b = (int)((log(x) - h->log_lo) * h->inv_log_step);
    if (b >= h->nbins)
        b = h->nbins - 1;
    uint64_t below = h->zero;
    for (int k = 0; k < b; k++)
        below += h->counts[k];
    double frac = (log(x) - log(bin_edge(h, b))) * h->inv_log_step;
    frac = frac < 0.0 ? 0.0 : frac > 1.0 ? 1.0 : frac;
    return ((double)below + frac * (double)h->counts[b]) / (double)h->n;
}

struct estimate stats_estimate(const double *x, size_t stride, size_t n)
{
    struct estimate e = { 0.0, 0.0 };
    if (n == 0)
        return e;
    e.mean = gsl_stats_mean(x, stride, n);
    if (n >= 2) {
        double sd = gsl_stats_sd_m(x, stride, n, e.mean);
        e.ci95 = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * sd / sqrt((double)n);
    }
    return e;
}
