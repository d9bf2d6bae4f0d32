/*
 * chart: charts of results as PNG and SVG, drawn by gnuplot through a pipe.
 *
 * Every chart is four files in DIR/charts, sharing a name:
 *
 *   NAME.dat   the figures it shows, in the units of summary.json (seconds,
 *              shares from 0 to 1, money in the scenario's currency): a
 *              "# columns:" line names the columns, text is double-quoted
 *   NAME.gp    the gnuplot script; it reads NAME.dat by its bare name, so
 *              `cd DIR/charts && gnuplot NAME.gp` redraws an edited chart
 *   NAME.png, NAME.svg   the images
 *
 * gnuplot is the program named by the environment variable CHANMIX_GNUPLOT,
 * or "gnuplot" found on PATH.  When it cannot be found the data and scripts
 * are still written and the functions return CHART_NO_GNUPLOT with the
 * reason, so the caller can say once that charts were skipped.  When gnuplot
 * runs and fails, its chart has no images and the failure is returned.
 */
#ifndef CHANMIX_PLOTS_CHART_H
#define CHANMIX_PLOTS_CHART_H

#include <stddef.h>
#include "models/comparison.h"
#include "models/experiment.h"

#define CHART_FAILED (-1)       /* a file could not be written, or gnuplot failed */
#define CHART_NO_GNUPLOT (-2)   /* gnuplot cannot be run: data and scripts only */

#define CHART_MAX 40
#define CHART_NAME_MAX 96
#define CHART_TEXT_MAX 320

/* One chart of a set, for the report. */
struct chart_entry {
    char name[CHART_NAME_MAX];      /* file name without extension, in DIR/charts */
    char title[CHART_TEXT_MAX];     /* what it shows, in plain words (also the alt text) */
    char note[CHART_TEXT_MAX];      /* how to read it */
    int drawn;                      /* NAME.png and NAME.svg were written by this run */
};

/* The charts of a run or a comparison, in the order the report shows them. */
struct chart_set {
    int n;
    struct chart_entry chart[CHART_MAX];
    int failed;                     /* charts that could not be written or drawn */
    char error[1024];               /* the first of those failures */
    int skipped;                    /* gnuplot cannot be run: nothing was drawn */
    char why_skipped[512];          /* and why */
};

/*
 * A run's charts in DIR/charts: the channel mix per segment, the wait-time
 * distribution of each assisted channel with its target, a week of arrivals,
 * staffing and queue per interval of each assisted channel, the escalation
 * matrix and the cost per channel.  Returns 0, CHART_NO_GNUPLOT or
 * CHART_FAILED; set says which charts exist and why any are missing.
 */
int chart_draw_run(const char *dir, const struct experiment *e, struct chart_set *set);

/*
 * A comparison's charts in DIR/charts: channel mix, waits, needs given up
 * and cost per scenario with 95% intervals, and each segment's paired
 * difference from the first scenario.  Returns as chart_draw_run.
 */
int chart_draw_comparison(const char *dir, const struct comparison *c, struct chart_set *set);

/*
 * A sweep's charts in DIR/charts (plots/chart_sweep.c): with several
 * scenarios, the share of plausible worlds where each beats the first per
 * headline figure; per output charted, a tornado of its indices and its
 * value against each assumption.  Returns as chart_draw_run.
 */
struct sweep_view;
int chart_draw_sweep(const char *dir, const struct sweep_view *v, struct chart_set *set);

/*
 * A staffing plan's charts in DIR/charts (plots/staffing_out.h): per channel,
 * the week shown in full with a panel per open day (agents required, by
 * Erlang, to roster and on shifts); and, where several weeks were planned,
 * the required agent-hours of each.  Returns as chart_draw_run.
 */
struct staffing_report;
int chart_draw_staffing(const char *dir, const struct staffing_report *r, struct chart_set *set);

/* The gnuplot command: $CHANMIX_GNUPLOT when set and not empty, else "gnuplot". */
const char *chart_gnuplot_command(void);

/* Finds the gnuplot program; returns 0 with its path, or CHART_NO_GNUPLOT and why. */
int chart_find_gnuplot(char *path, size_t size, char *err, size_t err_size);

/* A duration in plain words: "45 s", "4 min 30 s", "1 h 20 min". */
void chart_format_duration(double seconds, char *buf, size_t size);

/* Money with thousands separated: "€1,234,567", "€4.35", "SEK 1,200". */
void chart_format_money(const char *currency, double value, char *buf, size_t size);

/* v with `decimals` decimals and its thousands grouped: "-12,345.6". */
void chart_format_grouped(double v, int decimals, char *buf, size_t size);

/* The currency in words for axis labels: "euros", "pounds", ... or the code. */
const char *chart_currency_words(const char *code);

#endif
