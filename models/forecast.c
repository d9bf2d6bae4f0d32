/*
 * forecast: the average method, handling times, the backtest, see
 * forecast.h (Holt-Winters is in forecast_hw.c).
 */
#include "models/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const method_names[FORECAST_METHODS] = {
    [FORECAST_AVERAGE] = "average",
    [FORECAST_HOLT_WINTERS] = "holt-winters",
};

const char *forecast_method_name(enum forecast_method m)
{
    return (unsigned)m < FORECAST_METHODS ? method_names[m] : "?";
}

int forecast_method_from_name(const char *name, enum forecast_method *out)
{
    for (int k = 0; k < FORECAST_METHODS; k++)
        if (strcmp(name, method_names[k]) == 0) {
            *out = (enum forecast_method)k;
            return 0;
        }
    return -1;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The mean week of the last k of n weeks, scaled to the last r weeks' level. */
static double average_channel(const double *y, int n, int per_week, int k, int r, int weeks,
                              double *out)
{
    k = clamp(k, 1, n);
    r = clamp(r, 1, k);
    double mean_total = 0.0, recent = 0.0;
    for (int s = 0; s < per_week; s++) {
        double sum = 0.0;
        for (int j = n - k; j < n; j++)
            sum += y[(long)j * per_week + s];
        out[s] = sum / k;
        mean_total += sum / k;
        for (int j = n - r; j < n; j++)
            recent += y[(long)j * per_week + s] / r;
    }
    double level = mean_total > 0 ? recent / mean_total : 1.0;
    for (int s = 0; s < per_week; s++)
        out[s] *= level;
    for (int h = 1; h < weeks; h++)
        memcpy(out + (long)h * per_week, out, (size_t)per_week * sizeof *out);
    return level;
}

/* Handling times: the contact-weighted mean per slot over the last k weeks, else the channel's. */
static void aht_channel(const double *y, const double *aht, int n, int per_week, int k,
                        int weeks, double *out)
{
    k = clamp(k, 1, n);
    double all_w = 0.0, all_c = 0.0;
    for (int s = 0; s < per_week; s++) {
        double sw = 0.0, sc = 0.0;
        for (int j = n - k; j < n; j++) {
            long t = (long)j * per_week + s;
            if (!isnan(aht[t]) && y[t] > 0) {
                sw += aht[t] * y[t];
                sc += y[t];
            }
        }
        out[s] = sc > 0 ? sw / sc : NAN;
        all_w += sw;
        all_c += sc;
    }
    for (int s = 0; s < per_week; s++)
        if (isnan(out[s]) && all_c > 0)
            out[s] = all_w / all_c;
    for (int h = 1; h < weeks; h++)
        memcpy(out + (long)h * per_week, out, (size_t)per_week * sizeof *out);
}

/* Forecasts from the first `used` weeks of the history; out is allocated for `weeks`. */
static int forecast_from(const struct volumes *hist, int used, int weeks,
                         enum forecast_method method, const struct forecast_options *o,
                         struct volumes *out, struct forecast_fit *fit)
{
    if (used < 2)
        return -2;
    if (volumes_alloc(out, hist->n_channels, weeks, hist->per_day, hist->aht_s != NULL) != 0)
        return -1;
    memcpy(out->names, hist->names, sizeof out->names);
    out->first_day = hist->first_day + 7L * used;
    int per_week = 7 * hist->per_day;
    memset(fit, 0, sizeof *fit);
    fit->method = method;
    for (int c = 0; c < hist->n_channels; c++) {
        const double *y = volumes_series(hist, c);
        double *f = volumes_series(out, c);
        if (method == FORECAST_AVERAGE)
            fit->level[c] = average_channel(y, used, per_week, o->average_weeks, o->level_weeks,
                                            weeks, f);
        else if (forecast_hw(y, (long)used * per_week, hist->per_day, volumes_length(out), f,
                             &fit->alpha[c], &fit->delta[c], &fit->omega[c],
                             &fit->rmse[c]) != 0) {
            volumes_free(out);
            return -1;
        }
        if (hist->aht_s)
            aht_channel(y, volumes_aht_series(hist, c), used, per_week, o->average_weeks,
                        weeks, volumes_aht_series(out, c));
    }
    return 0;
}

int forecast_run(const struct volumes *history, int weeks, enum forecast_method method,
                 const struct forecast_options *o, struct volumes *out, struct forecast_fit *fit)
{
    return forecast_from(history, history->weeks, weeks, method, o, out, fit);
}

/* Adds the held-out days of one channel to its score and to the total. */
static void score_channel(const double *actual, const double *forecast, int days, int per_day,
                          struct forecast_score *sc, double sums[2])
{
    for (int d = 0; d < days; d++) {
        double a = 0.0, f = 0.0;
        for (int i = 0; i < per_day; i++) {
            a += actual[(long)d * per_day + i];
            f += forecast[(long)d * per_day + i];
        }
        if (a > 0) {
            sc->mape += fabs(f - a) / a;
            sc->days++;
        }
        sums[0] += f;
        sums[1] += a;
    }
}

static void score_finish(struct forecast_score *sc, const double sums[2])
{
    sc->mape = sc->days ? sc->mape / (double)sc->days : NAN;
    sc->bias = sums[1] > 0 ? (sums[0] - sums[1]) / sums[1] : NAN;
}

int forecast_backtest(const struct volumes *history, int weeks, const struct forecast_options *o,
                      struct forecast_backtest *bt)
{
    memset(bt, 0, sizeof *bt);
    bt->weeks = weeks;
    bt->fit_weeks = history->weeks - weeks;
    bt->first_day = history->first_day + 7L * bt->fit_weeks;
    if (weeks < 1 || bt->fit_weeks < 2)
        return -2;
    long skip = (long)bt->fit_weeks * 7 * history->per_day;
    for (int m = 0; m < FORECAST_METHODS; m++) {
        struct volumes f;
        struct forecast_fit fit;
        int rc = forecast_from(history, bt->fit_weeks, weeks, (enum forecast_method)m, o, &f,
                               &fit);
        if (rc != 0)
            return rc;
        double all[2] = { 0.0, 0.0 };
        for (int c = 0; c < history->n_channels; c++) {
            double sums[2] = { 0.0, 0.0 };
            struct forecast_score *sc = &bt->channel[m][c];
            score_channel(volumes_series(history, c) + skip, volumes_series(&f, c), 7 * weeks,
                          history->per_day, sc, sums);
            bt->all[m].mape += sc->mape;
            bt->all[m].days += sc->days;
            all[0] += sums[0];
            all[1] += sums[1];
            score_finish(sc, sums);
        }
        score_finish(&bt->all[m], all);
        volumes_free(&f);
    }
    return 0;
}

enum forecast_method forecast_better(const struct forecast_backtest *bt)
{
    double a = bt->all[FORECAST_AVERAGE].mape, h = bt->all[FORECAST_HOLT_WINTERS].mape;
    return !isnan(h) && (isnan(a) || h < a) ? FORECAST_HOLT_WINTERS : FORECAST_AVERAGE;
}
