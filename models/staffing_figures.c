/*
 * staffing_figures: an interval's figures as the staffing planner judges
 * them, and the judgement (see staffing.h).
 *
 * The run's own interval figures average each replication's ratio, so a
 * replication in which an interval had no contact counts its service
 * level as 0.  The planner instead pools the interval's contacts over the
 * replications: the ratio estimator sum(a_r y_r) / sum(a_r), with a_r the
 * replication's arrivals in the interval and y_r its figure, and its 95%
 * interval by the delta method, t(0.975, n - 1) * sd(a_r (y_r - R)) /
 * (mean(a) sqrt(n)).
 */
#include "models/staffing.h"

#include <math.h>
#include <gsl/gsl_cdf.h>

/* The pooled ratio of figure y weighted by arrivals a over e's replications. */
static struct estimate pooled(const struct experiment *e, long y, long a, double *weight)
{
    size_t n = e->ix.layout->n, reps = (size_t)e->replications;
    double sw = 0.0, swy = 0.0;
    for (size_t r = 0; r < reps; r++) {
        double w = e->values[r * n + (size_t)a];
        sw += w;
        swy += w * e->values[r * n + (size_t)y];
    }
    *weight = sw;
    if (!(sw > 0))
        return (struct estimate){ 0.0, 0.0 };
    struct estimate est = { swy / sw, NAN };
    if (reps < 2)
        return est;
    double ss = 0.0;
    for (size_t r = 0; r < reps; r++) {
        double w = e->values[r * n + (size_t)a];
        double d = w * (e->values[r * n + (size_t)y] - est.mean);
        ss += d * d;
    }
    double sd = sqrt(ss / (double)(reps - 1)), mean_w = sw / (double)reps;
    est.ci95 = gsl_cdf_tdist_Pinv(0.975, (double)(reps - 1)) * sd / (mean_w * sqrt((double)reps));
    return est;
}

int staffing_interval_figures(const struct experiment *e, int ch, int k, struct estimate *sl,
                              struct estimate *ab, struct estimate *wt)
{
    long a = results_interval(&e->ix, ch, k, IS_ARRIVALS);
    long s = results_interval_norm_service_level(&e->ix, ch, k);
    long p = results_interval(&e->ix, ch, k, IS_P_ABANDON);
    long w = results_interval(&e->ix, ch, k, IS_WAIT_MEAN);
    struct estimate none = { 0.0, 0.0 };
    *sl = *ab = *wt = none;
    if (a < 0 || s < 0 || p < 0 || w < 0)
        return -1;
    double contacts;
    *sl = pooled(e, s, a, &contacts);
    *ab = pooled(e, p, a, &contacts);
    *wt = pooled(e, w, a, &contacts);
    return contacts > 0 ? 0 : -1;
}

/* Whether `target` lies inside the 95% interval of e. */
static int inside(const struct estimate *e, double target)
{
    return isfinite(e->ci95) && fabs(e->mean - target) <= e->ci95;
}

int staffing_meets(const struct target_params *t, const struct estimate *sl,
                   const struct estimate *abandon, const struct estimate *wait, int *close)
{
    int meets = 1, near = 0;
    if (t->service_level > 0) {
        meets &= sl->mean >= t->service_level;
        near |= inside(sl, t->service_level);
    }
    if (t->max_abandon > 0) {
        meets &= abandon->mean <= t->max_abandon;
        near |= inside(abandon, t->max_abandon);
    }
    if (t->max_wait_s > 0) {
        meets &= wait->mean <= t->max_wait_s;
        near |= inside(wait, t->max_wait_s);
    }
    if (close)
        *close = near;
    return meets;
}
