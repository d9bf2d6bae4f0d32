/*
 * forecast_out: a forecast for planners: the answer and its backtest on
 * the terminal, and the CSV that an arrivals file reads (docs/data.md).
 */
#ifndef CHANMIX_PLOTS_FORECAST_OUT_H
#define CHANMIX_PLOTS_FORECAST_OUT_H

#include <stdio.h>
#include "models/forecast.h"

struct forecast_report {
    const struct volumes *history;
    const struct volumes *forecast;
    const struct forecast_fit *fit;
    const struct forecast_backtest *backtest;
    int chosen;                 /* by the backtest, rather than by --method */
    const char *out;            /* the file written */
    long rows;                  /* in it */
};

/* The method and weekly volumes first, then the backtest per method and channel. */
void forecast_out_print(FILE *f, const struct forecast_report *r);

/*
 * Writes start,channel,contacts[,aht_s], a row per channel and interval
 * with contacts expected (to 0.01); returns the rows written, or -1 when
 * writing failed.
 */
long forecast_out_csv(FILE *f, const struct volumes *v);

#endif
