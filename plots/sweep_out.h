/*
 * sweep_out: what `chanmix sweep` shows and writes.
 *
 * Answer first, in every output: the opening lines say what holds across
 * the plausible worlds ("digital-first is cheaper in 97% of plausible
 * worlds; seniors give up more needs in 100%", or for one scenario the
 * range a figure keeps in 90% of them and the assumption that drives it),
 * then the numbers behind it.
 *
 *   terminal       the answer, the assumptions, each figure's spread over the
 *                  points beside the noise of one point, the shares of
 *                  points where each scenario beats the first, the indices
 *   summary.json   the same as one object (`--json` prints it)
 *   points.csv     one row per simulated point: its place in the design, the
 *                  assumptions' values and, per scenario, each figure's mean
 *                  and 95% half-width over the replications; in the design's
 *                  order, so SALib's sobol.analyze (calc_second_order=False)
 *                  or morris.analyze reads its columns as they are
 *   indices.csv    one row per output, assumption and index (long format)
 *
 * --out writes the three files atomically (temporary names renamed when all
 * are complete), beside the charts (chart_draw_sweep) and report.html
 * (report_write_sweep).
 */
#ifndef CHANMIX_PLOTS_SWEEP_OUT_H
#define CHANMIX_PLOTS_SWEEP_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "models/figures.h"
#include "models/sweep.h"
#include "models/sweep_analysis.h"
#include "models/sweep_run.h"
#include "plots/headline.h"

#define SWEEP_LABEL_MAX 160

/* A metric studied: its path, and the catalogue's word on it in the first scenario. */
struct sweep_metric {
    char path[SWEEP_PATH_MAX];
    char label[SWEEP_LABEL_MAX];    /* "phone: service level within 20 s" */
    const struct figure_def *def;   /* unit and direction */
};

/* Everything a sweep's outputs show. */
struct sweep_view {
    const struct sweep_spec *spec;  /* the assumptions and the method */
    const struct sweep_design *design;
    const struct sweep_results *res;
    const struct sweep_analysis *an;
    int n_scenarios;
    const char *const *names;       /* the scenarios' names */
    const char *currency;
    uint64_t seed;
    int replications;
    int n_metrics;
    const struct sweep_metric *metrics;
    int n_headlines;
    const struct headline *headlines;   /* the first scenario's */
    const char *const *paths;       /* kept figures, [s * res->n_figures + f]; NULL: absent */
};

/* The answer in sentences, one per line, into buf; returns the number of lines. */
int sweep_out_answer(const struct sweep_view *v, char *buf, size_t size);

/* The metrics the answer leads with, at most max, into lead: the organisation's total
 * cost when it is studied, then the others in order; returns how many. */
int sweep_out_lead(const struct sweep_view *v, int *lead, int max);

/* An output's label: the metric's, or "NAME - FIRST: label" for a difference. */
void sweep_out_label(const struct sweep_view *v, const struct sweep_output *o, char *buf,
                     size_t size);

/*
 * A value of metric m in words and units for people ("81.4%", "4 min 30 s",
 * "EUR 1,200"); difference 1: a signed difference ("+2.1 points"), 2: the
 * size of one ("2.1 points").
 */
void sweep_out_say(const struct sweep_view *v, int m, double value, int difference, char *buf,
                   size_t size);

/* The design in words: "Sobol design, 32 base points x 6 = 192 points". */
void sweep_out_design_words(const struct sweep_view *v, char *buf, size_t size);

void sweep_out_print(FILE *f, const struct sweep_view *v);
void sweep_out_json(FILE *f, const struct sweep_view *v);
/* Each returns 0, or -1 on a write error. */
int sweep_out_points_csv(FILE *f, const struct sweep_view *v);
int sweep_out_indices_csv(FILE *f, const struct sweep_view *v);

/* DIR/points.csv, DIR/indices.csv and DIR/summary.json; returns 0 or -1 with err. */
int sweep_out_write(const char *dir, const struct sweep_view *v, char *err, size_t size);

#endif
