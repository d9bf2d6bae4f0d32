/*
 * bench_forecast: time to forecast from a year of half-hour history, as
 * `chanmix forecast` does it: read the CSV, backtest both methods on the
 * last 4 weeks, fit and forecast 4 weeks, write the CSV.
 *
 * usage: bench_forecast [HISTORY.csv] [REPEATS]
 *        (default: the shipped scenarios/data/history.csv, 9 repeats; medians)
 */
#include <stdio.h>
#include <stdlib.h>

#include "models/forecast.h"
#include "plots/forecast_out.h"
#include "scenarios/volumes_csv.h"

#include "bench/bench_util.h"

#define STEPS 5

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One pass; fills t[STEPS] with each step's seconds.  0 or -1. */
static int once(const char *path, double t[STEPS], long *rows, int *weeks, int *channels)
{
    struct volumes_csv_options ro = { 1800.0, NULL, 0, NULL };
    struct scenario_errors err = { NULL, 0 };
    struct volumes h, fc;
    struct forecast_options o = { 8, 2 };
    struct forecast_backtest bt;
    struct forecast_fit fit;
    double t0 = bench_seconds();
    if (volumes_csv_read(path, path, &ro, &h, &err) != 0) {
        for (size_t i = 0; i < err.n; i++)
            fprintf(stderr, "%s\n", err.lines[i]);
        scenario_errors_free(&err);
        return -1;
    }
    double t1 = bench_seconds();
    if (forecast_backtest(&h, 4, &o, &bt) != 0)
        return -1;
    double t2 = bench_seconds();
    if (forecast_run(&h, 4, FORECAST_HOLT_WINTERS, &o, &fc, &fit) != 0)
        return -1;
    double t3 = bench_seconds();
    volumes_free(&fc);
    if (forecast_run(&h, 4, FORECAST_AVERAGE, &o, &fc, &fit) != 0)
        return -1;
    double t4 = bench_seconds();
    FILE *out = fopen("/dev/null", "w");
    *rows = out ? forecast_out_csv(out, &fc) : -1;
    if (out)
        fclose(out);
    double t5 = bench_seconds();
    double marks[STEPS + 1] = { t0, t1, t2, t3, t4, t5 };
    for (int k = 0; k < STEPS; k++)
        t[k] = marks[k + 1] - marks[k];
    *weeks = h.weeks;
    *channels = h.n_channels;
    volumes_free(&fc);
    volumes_free(&h);
    return *rows >= 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : CHANMIX_SOURCE_DIR "/scenarios/data/history.csv";
    int repeats = argc > 2 ? atoi(argv[2]) : 9;
    if (repeats < 1)
        repeats = 1;
    double (*t)[STEPS] = calloc((size_t)repeats, sizeof *t);
    double *col = calloc((size_t)repeats, sizeof *col);
    long rows = 0;
    int weeks = 0, channels = 0;
    if (!t || !col)
        return 1;
    for (int r = 0; r < repeats; r++)
        if (once(path, t[r], &rows, &weeks, &channels) != 0)
            return 1;
    static const char *const names[STEPS] = { "read CSV", "backtest (both methods)",
                                              "holt-winters fit + forecast",
                                              "average forecast", "write CSV" };
    printf("bench_forecast: %s, %d weeks x %d channels of half hours, 4 weeks ahead, "
           "median of %d\n", path, weeks, channels, repeats);
    double total = 0.0;
    for (int k = 0; k < STEPS; k++) {
        for (int r = 0; r < repeats; r++)
            col[r] = t[r][k];
        qsort(col, (size_t)repeats, sizeof *col, cmp_double);
        total += col[repeats / 2];
        printf("  %-30s %8.1f ms\n", names[k], 1e3 * col[repeats / 2]);
    }
    printf("  %-30s %8.1f ms (%ld forecast rows)\n", "sum of medians", 1e3 * total, rows);
    free(t);
    free(col);
    return 0;
}
