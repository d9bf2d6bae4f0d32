/*
 * chart_internal: the plumbing shared by the files that draw charts
 * (chart_format.c: numbers and durations in words; chart_set.c: chart sets
 * and one chart being made; chart_bars.c: bars side by side;
 * chart_staffing.c: a staffing plan; chart_gnuplot.c: finding and running
 * gnuplot; chart_run.c and chart_compare.c: the charts of a run and of a
 * comparison).  Nothing
 * outside plots/chart*.c includes this header.
 *
 * A chart is made between chart_plot_begin and chart_plot_end, inside a set
 * opened by chart_set_begin.  Failures are recorded in the set (the first
 * one with its message), not returned one by one, so a chart that cannot be
 * drawn does not stop the others.
 */
#ifndef CHANMIX_PLOTS_CHART_INTERNAL_H
#define CHANMIX_PLOTS_CHART_INTERNAL_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#include "models/model.h"
#include "plots/chart.h"
#include "sim/stats.h"

#define CHART_PATH_MAX PATH_MAX   /* longer folders are refused by chart_set_begin */

/* The charts of one call being made in DIR/charts. */
struct charting {
    char cdir[CHART_PATH_MAX];      /* DIR/charts */
    char gnuplot[CHART_PATH_MAX];   /* the program; empty when it cannot be run */
    struct chart_set *set;
};

/* One chart being made: its data file open, its plotting commands in memory. */
struct plot {
    struct charting *cg;
    struct chart_entry *entry;      /* in the set, or `spare` when the set is full */
    struct chart_entry spare;
    FILE *dat, *body;
    char *text;                     /* the plotting commands, once body is closed */
    size_t len;
};

/* Bars side by side with 95% intervals: groups on the x axis, a bar per series. */
struct bars {
    const char *name, *title, *note, *ylabel;
    int groups, series;
    const char *const *group;       /* [groups]: x axis */
    const char *const *series_name; /* [series]: the key */
    const struct estimate *val;     /* [s * groups + g]; a NaN mean is missing */
    double scale;                   /* shown = figure * scale */
    int differences;                /* signed figures: a zero line, no floor */
    int first_colour;               /* linetype of series 0, less one (a scenario keeps its colour) */
    /* chart_draw_panels only: each panel's own scale and axis label (NULL: scale, ylabel) */
    const double *panel_scale;
    const char *const *panel_ylabel;
    int total_first;                /* group 0 sums the others: a line sets it apart */
    int per_panel;                  /* chart_draw_panels: groups per panel (0: 1) */
    const char *const *panel_name;  /* its titles where a panel has more than one group */
};

/* Okabe-Ito colours, linetypes 1 to 8 of every chart. */
extern const char *const chart_colours[8];

/* chart_format.c: words and numbers for people */

/* "half hour" for "contacts per half hour". */
void chart_interval_words(double interval_s, char *buf, size_t size);

/* The days after the warm-up, over which figures are counted. */
double chart_measured_days(const struct model *m);

/* chart_gnuplot.c */

/*
 * Runs gnuplot on NAME.gp in cdir.  Returns 0 when it exited 0 and wrote
 * NAME.png and NAME.svg, CHART_NO_GNUPLOT when the program cannot be started,
 * or CHART_FAILED; err says why.
 */
int chart_gnuplot_run(const char *gnuplot, const char *cdir, const char *name, char *err,
                      size_t size);

/* chart_set.c: a set of charts, and one chart being made */

/* Clears set, creates DIR/charts and finds gnuplot; returns 0 or CHART_FAILED. */
int chart_set_begin(struct charting *cg, const char *dir, struct chart_set *set);

/* What the set comes to: 0, CHART_NO_GNUPLOT or CHART_FAILED. */
int chart_set_end(const struct charting *cg);

/* Records a failure in the set; the first one's message is kept. */
void chart_fail(struct charting *cg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "PREFIX-NAME" as a file name: letters, digits, '-' and '_' of NAME kept, others '_'. */
void chart_file_name(char *out, size_t size, const char *prefix, const char *name);

/* A single-quoted gnuplot string. */
void chart_gp_string(FILE *f, const char *s);

/* A double-quoted word of a data file. */
void chart_dat_string(FILE *f, const char *s);

/* A number of a data file, " ?" when it is not finite (missing). */
void chart_dat_number(FILE *f, double v);

/*
 * Adds a chart to the set and opens NAME.dat with a header naming its
 * columns; p->body then takes the plotting commands after a common preamble.
 * Returns 0, or -1 with the failure recorded.
 */
int chart_plot_begin(struct plot *p, struct charting *cg, const char *name, const char *columns,
                     const char *title, const char *note);

/* Writes NAME.gp, draws the chart and records the outcome; returns 0 or an error. */
int chart_plot_end(struct plot *p);

/*
 * Tics for a time axis of n intervals in order (some hours may be left out):
 * day[i] counts days from Monday of week 1, minute[i] is the start.
 */
void chart_time_axis(FILE *f, int n, const int *day, const int *minute);

/* chart_bars.c: bars side by side */

/* Label for money over days, in thousands or millions when large; returns the scale. */
double chart_money_axis(const char *currency, const struct estimate *v, int n, double days,
                        char *label, size_t size);

/* Draws b as one chart; nothing when it has no figure. */
void chart_draw_bars(struct charting *cg, const struct bars *b);

/*
 * Draws b as one chart of panels side by side, each with its own axis
 * (minutes at the desk, seconds on chat): a panel per group, titled by the
 * group's name, or per_panel groups a panel (the days of a channel), titled
 * by panel_name, their groups on its x axis.  A panel shows the groups with
 * a figure, and a panel without any is left out.  The series are told
 * apart by colour and one key below.  Nothing when there is no figure.
 */
void chart_draw_panels(struct charting *cg, const struct bars *b);

/* Money in words for an axis ("thousands of euros"), by the largest |mean| + ci95 of v;
 * returns the scale. */
double chart_money_unit(const char *currency, const struct estimate *v, int n, char *words,
                        size_t size);

#endif
