/*
 * forecast_hw: double-seasonal Holt-Winters, see forecast.h.
 *
 * Taylor's (2003) multiplicative form without trend, for intervals t with
 * daily slot i = t mod P and weekly slot s = t mod 7P:
 *
 *   forecast  f_t = l * d[i] * w[s]
 *   level     l    <- alpha * y_t / (d[i] w[s]) + (1 - alpha) * l
 *   daily     d[i] <- delta * y_t / (l w[s])    + (1 - delta) * d[i]
 *   weekly    w[s] <- omega * y_t / (l d[i])    + (1 - omega) * w[s]
 *
 * (d[i] in the weekly update is the index before its own update.)  The
 * daily index carries the intraday shape shared by all days and learns it
 * every day; the weekly index carries each weekday's departures.  Closed
 * intervals have index 0 and forecast 0: an update that would divide by a
 * zero index is skipped, so a contact in a closed interval is ignored
 * rather than blowing the level up.
 *
 * Start: the level is the mean of the first weeks, the daily index their
 * mean day over that level, the weekly index the rest.  The parameters,
 * each in (0, 1) through a logistic, minimise the in-sample squared error
 * after those weeks, by GSL's Nelder-Mead simplex: the error of forecasts
 * made a day ahead, not the usual one step (half an hour) ahead.  Fitted
 * one step ahead, the level follows the last hour or two (smoothing of 0.3
 * and more), and a busy Friday afternoon raises the coming weeks; fitted a
 * week ahead, it hardly moves, because a level that follows a holiday's
 * dip is wrong for the week after.  A day ahead keeps it to the last few
 * days.  On the example history's backtest (docs/data.md) the MAPE was
 * 9.3% a day ahead, 8.8% one step and 16.3% a week ahead, but the one-step
 * fit on the whole history forecast 14% above its last week.
 */
#include "models/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_multimin.h>

#define TINY 1e-9
#define MAX_ITERATIONS 400

struct hw {
    const double *y;
    long n;
    int per_day, per_week;
    long start;                 /* first interval after the starting weeks */
    double l0;
    double *d0, *w0;            /* starting indices */
    double *d, *w;              /* indices while running */
    double *lev;                /* the level a day ago, per daily slot */
};

static void hw_start(struct hw *h)
{
    int weeks = (int)(h->n / h->per_week);
    int first = weeks >= 6 ? 4 : (weeks + 1) / 2;   /* weeks to start from, the rest to fit */
    h->start = (long)first * h->per_week;
    double sum = 0.0;
    for (long t = 0; t < h->start; t++)
        sum += h->y[t];
    h->l0 = sum / (double)h->start;
    for (int i = 0; i < h->per_day; i++) {
        double di = 0.0;
        for (int day = 0; day < 7 * first; day++)
            di += h->y[(long)day * h->per_day + i];
        h->d0[i] = h->l0 > 0 ? di / (7.0 * first) / h->l0 : 0.0;
    }
    for (int s = 0; s < h->per_week; s++) {
        double ws = 0.0;
        for (int k = 0; k < first; k++)
            ws += h->y[(long)k * h->per_week + s];
        double base = h->l0 * h->d0[s % h->per_day];
        h->w0[s] = base > TINY ? ws / first / base : 0.0;
    }
}

/*
 * Runs the recursions over the series; returns the squared error, after the
 * start, of the forecasts made a day before: with the level as it was then
 * (kept a day in lev) and the indices as they are (their slots were last
 * updated a day and a week ago).
 */
static double hw_pass(struct hw *h, double alpha, double delta, double omega, double *level)
{
    double l = h->l0, sse = 0.0;
    memcpy(h->d, h->d0, (size_t)h->per_day * sizeof *h->d);
    memcpy(h->w, h->w0, (size_t)h->per_week * sizeof *h->w);
    int i = 0, s = 0;           /* t's slots of the day and week, counted rather than divided */
    for (long t = 0; t < h->n; t++, i = i + 1 == h->per_day ? 0 : i + 1,
                                    s = s + 1 == h->per_week ? 0 : s + 1) {
        double y = h->y[t], di = h->d[i], ws = h->w[s];
        if (t >= h->start) {
            double e = y - h->lev[i] * di * ws;
            sse += e * e;
        }
        if (di * ws > TINY)
            l = alpha * y / (di * ws) + (1.0 - alpha) * l;
        if (l > TINY && ws > TINY)
            h->d[i] = delta * y / (l * ws) + (1.0 - delta) * di;
        if (l > TINY && di > TINY)
            h->w[s] = omega * y / (l * di) + (1.0 - omega) * ws;
        h->lev[i] = l;
    }
    *level = l;
    return sse;
}

static double logistic(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

static double hw_cost(const gsl_vector *x, void *ctx)
{
    double level;
    return hw_pass(ctx, logistic(gsl_vector_get(x, 0)), logistic(gsl_vector_get(x, 1)),
                   logistic(gsl_vector_get(x, 2)), &level);
}

/* Minimises the in-sample error over the three parameters; 0 or -1. */
static int hw_fit(struct hw *h, double p[3])
{
    const gsl_multimin_fminimizer_type *type = gsl_multimin_fminimizer_nmsimplex2;
    gsl_multimin_fminimizer *mm = gsl_multimin_fminimizer_alloc(type, 3);
    gsl_vector *x = gsl_vector_alloc(3), *step = gsl_vector_alloc(3);
    if (!mm || !x || !step) {
        gsl_multimin_fminimizer_free(mm);
        gsl_vector_free(x);
        gsl_vector_free(step);
        return -1;
    }
    gsl_multimin_function f = { hw_cost, 3, h };
    gsl_vector_set_all(x, log(0.1 / 0.9));   /* 0.1 each: slow, steady smoothing */
    gsl_vector_set_all(step, 1.0);
    gsl_multimin_fminimizer_set(mm, &f, x, step);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
        if (gsl_multimin_fminimizer_iterate(mm) != 0)
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(mm), 1e-3) == GSL_SUCCESS)
            break;
    }
    for (int k = 0; k < 3; k++)
        p[k] = logistic(gsl_vector_get(mm->x, (size_t)k));
    gsl_multimin_fminimizer_free(mm);
    gsl_vector_free(x);
    gsl_vector_free(step);
    return 0;
}

int forecast_hw(const double *y, long n, int per_day, long h, double *out, double *alpha,
                double *delta, double *omega, double *rmse)
{
    struct hw m = { .y = y, .n = n, .per_day = per_day, .per_week = 7 * per_day };
    double *buf = malloc((size_t)(3 * m.per_day + 2 * m.per_week) * sizeof *buf);
    if (!buf)
        return -1;
    m.d0 = buf;
    m.d = buf + m.per_day;
    m.w0 = buf + 2 * m.per_day;
    m.w = buf + 2 * m.per_day + m.per_week;
    m.lev = buf + 2 * m.per_day + 2 * m.per_week;
    hw_start(&m);
    double p[3] = { NAN, NAN, NAN };
    double level = 0.0, sse = 0.0;
    if (m.l0 > 0 && hw_fit(&m, p) != 0) {
        free(buf);
        return -1;
    }
    if (m.l0 > 0)
        sse = hw_pass(&m, p[0], p[1], p[2], &level);
    for (long k = 0; k < h; k++) {
        long t = n + k;
        out[k] = m.l0 > 0 ? level * m.d[t % m.per_day] * m.w[t % m.per_week] : 0.0;
    }
    *alpha = p[0];
    *delta = p[1];
    *omega = p[2];
    *rmse = n > m.start ? sqrt(sse / (double)(n - m.start)) : NAN;
    free(buf);
    return 0;
}
