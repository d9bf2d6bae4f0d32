/*
 * forecast: contacts per channel and interval for the coming weeks, from
 * a history of whole weeks (models/volumes.h), and a backtest that says
 * which method to trust.
 *
 *   average       for each weekday and interval, the mean of the last k
 *                 weeks, times a level: the last r weeks' mean total over
 *                 the k weeks' mean total, so that a level that moved lately
 *                 (into a seasonal peak, say) moves the forecast with it.
 *   holt-winters  double-seasonal Holt-Winters (Taylor 2003), with a
 *                 level, a daily and a weekly index, multiplied; smoothing
 *                 parameters fitted per channel (forecast_hw.c).
 *
 * Neither method knows the year: a seasonal peak arrives in the forecast
 * only as far as it had arrived in the history's last weeks.  Forecasts are
 * expected contacts (not whole numbers); handling times, where the history
 * has them, are forecast as the contact-weighted mean of the same weekday
 * and interval over the last k weeks, whatever the method.
 *
 * The backtest holds out the history's last weeks, forecasts them from the
 * weeks before, and scores each method over daily totals per channel:
 *   MAPE = mean over days with contacts of |forecast - actual| / actual
 *   bias = (sum of forecasts - sum of actuals) / sum of actuals
 * Daily totals, because at the interval level Poisson noise (a half hour
 * with 4 chats is off by 50% by chance alone) would swamp the methods'
 * differences; the intraday shape is the same kind of estimate in both.
 */
#ifndef CHANMIX_MODELS_FORECAST_H
#define CHANMIX_MODELS_FORECAST_H

#include "models/volumes.h"

enum forecast_method { FORECAST_AVERAGE, FORECAST_HOLT_WINTERS, FORECAST_METHODS };

const char *forecast_method_name(enum forecast_method m);
int forecast_method_from_name(const char *name, enum forecast_method *out);

struct forecast_options {
    int average_weeks;          /* k: weeks averaged (default 8) */
    int level_weeks;            /* r: recent weeks that set the level (default 2) */
};

/* What a method fitted, per channel. */
struct forecast_fit {
    enum forecast_method method;
    double level[MODEL_MAX_CHANNELS];   /* average: the level factor */
    double alpha[MODEL_MAX_CHANNELS];   /* holt-winters: level, */
    double delta[MODEL_MAX_CHANNELS];   /*   daily index */
    double omega[MODEL_MAX_CHANNELS];   /*   and weekly index smoothing */
    double rmse[MODEL_MAX_CHANNELS];    /*   one-step-ahead in-sample error */
};

/*
 * Forecasts `weeks` weeks after the history into out (allocated here, free
 * with volumes_free; it starts the Monday after the history).  Returns 0,
 * -1 when memory runs out, -2 when the history is too short (under 2 weeks).
 */
int forecast_run(const struct volumes *history, int weeks, enum forecast_method method,
                 const struct forecast_options *o, struct volumes *out, struct forecast_fit *fit);

struct forecast_score {
    double mape;                /* fraction */
    double bias;                /* fraction */
    long days;                  /* days with contacts that entered the MAPE */
};

struct forecast_backtest {
    int weeks;                  /* held out */
    int fit_weeks;              /* before them */
    long first_day;             /* of the held-out weeks */
    struct forecast_score all[FORECAST_METHODS];
    struct forecast_score channel[FORECAST_METHODS][MODEL_MAX_CHANNELS];
};

/*
 * Holds out the last `weeks` weeks and scores both methods on them.
 * Returns 0, -1 when memory runs out, -2 when fewer than 2 weeks would be
 * left to fit on.
 */
int forecast_backtest(const struct volumes *history, int weeks, const struct forecast_options *o,
                      struct forecast_backtest *bt);

/* The method with the lower MAPE over all channels (average on a tie). */
enum forecast_method forecast_better(const struct forecast_backtest *bt);

/* Holt-Winters on one series y[0..n) of per_day intervals a day, weeks from a Monday:
 * fits the parameters and forecasts the h intervals after it into out.  0 or -1. */
int forecast_hw(const double *y, long n, int per_day, long h, double *out, double *alpha,
                double *delta, double *omega, double *rmse);

#endif
