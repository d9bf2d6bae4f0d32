/*
 * stats: streaming statistics for one replication and estimates across
 * replications.
 *
 * A world never keeps raw observations: it feeds them into these
 * accumulators, which use O(1) memory (Welford, time-weighted means) or a
 * fixed table (the log-binned histogram).  Across replications, each
 * replication contributes one number per statistic and stats_estimate turns
 * the n numbers into a mean and a Student-t 95% half-width.
 *
 * No function here prints or allocates inside the hot path; the histogram's
 * table is allocated once, by loghist_alloc.
 */
#ifndef CHANMIX_SIM_STATS_H
#define CHANMIX_SIM_STATS_H

#include <stddef.h>
#include <stdint.h>

/* Running mean and variance (Welford 1962; Chan et al. for merging). */
struct welford {
    uint64_t n;
    double mean;
    double m2;      /* sum of squared deviations from the mean */
};

void welford_init(struct welford *w);
/* Inline: the event loop adds to several accumulators per contact. */
static inline void welford_add(struct welford *w, double x)
{
    w->n++;
    double d = x - w->mean;
    w->mean += d / (double)(int64_t)w->n;     /* signed: one conversion instruction */
    w->m2 += d * (x - w->mean);     /* old and new deviation: Welford's update */
}
void welford_merge(struct welford *into, const struct welford *from);
double welford_variance(const struct welford *w);   /* sample variance; 0 if n < 2 */

/* Mean of a piecewise-constant signal (queue length, busy agents) over time. */
struct timeavg {
    double t_start;     /* where the average begins (end of warm-up) */
    double t_last;      /* time of the last change */
    double value;       /* current value */
    double area;        /* integral of value from t_start to t_last */
};

void timeavg_init(struct timeavg *a, double t_start, double value);
static inline void timeavg_set(struct timeavg *a, double t, double value)
{
    a->area += a->value * (t - a->t_last);
    a->t_last = t;
    a->value = value;
}
/* Restart the integral at t, keeping the current value (end of warm-up). */
void timeavg_reset(struct timeavg *a, double t);
double timeavg_mean(const struct timeavg *a, double t_end);

/*
 * Histogram with geometrically spaced bins for non-negative values.  Values
 * in [lo, hi) fall in bins whose edges grow by the factor (1 + 2*rel_err), so
 * a quantile reported as the bin's geometric centre is within rel_err
 * (relative) of the true sample quantile.  Exact zeros (a wait of none) are
 * counted apart; values below lo are reported as 0 and at or above hi as hi.
 */
struct loghist {
    double lo, hi;
    double log_lo;          /* log(lo) */
    double inv_log_step;    /* 1 / log(1 + 2*rel_err) */
    int nbins;
    uint64_t n;             /* all values added */
    uint64_t zero;          /* values < lo (including exact zeros) */
    uint64_t over;          /* values >= hi */
    uint64_t *counts;       /* nbins */
};

struct loghist *loghist_alloc(double lo, double hi, double rel_err);
void loghist_free(struct loghist *h);
void loghist_clear(struct loghist *h);
/* loghist_add for a value in a bin (stats.c). */
void loghist_add_binned(struct loghist *h, double x);
/* Inline: most waits are none, and a value below lo only counts. */
static inline void loghist_add(struct loghist *h, double x)
{
    if (!(x >= h->lo)) {    /* negated so that a NaN lands here, not in a bin */
        h->n++;
        h->zero++;
        return;
    }
    loghist_add_binned(h, x);
}
/* Adds counts of `from` into `into`; both must have the same layout. Returns 0 or -1. */
int loghist_merge(struct loghist *into, const struct loghist *from);
/* The q-quantile (0 <= q <= 1) of the values added; 0 when empty. */
double loghist_quantile(const struct loghist *h, double q);
/* Share of values <= x (exact for x = 0 and at bin edges, else within a bin). */
double loghist_cdf(const struct loghist *h, double x);

/* A mean over replications with the half-width of its 95% confidence interval. */
struct estimate {
    double mean;
    double ci95;    /* Student t, n-1 degrees of freedom; 0 when n < 2 */
};

/* Estimate from n per-replication values (x[0], x[stride], ...). */
struct estimate stats_estimate(const double *x, size_t stride, size_t n);

/* num / den, and 0 when den is not positive: a share of nothing counts as none. */
static inline double stats_ratio(double num, double den)
{
    return den > 0 ? num / den : 0.0;
}


#endif
