/*
 * report: DIR/report.html, the results of a run or a comparison for people.
 *
 * One self-contained page (its style inline, no script, nothing fetched from
 * a network): the scenario and its policy question, a short summary in words
 * with the main figures and their 95% confidence intervals, the charts of
 * plots/chart_*.c by relative links (charts/NAME.png, with the SVG and data
 * beside them), the tables, and links to the JSON and CSV files.  It links
 * only files that exist when it is written; a chart that was not drawn is
 * named with the reason.  All text from scenario files is HTML-escaped.
 * Written to a temporary name and renamed, as plots/output.c does.
 */
#ifndef CHANMIX_PLOTS_REPORT_H
#define CHANMIX_PLOTS_REPORT_H

#include <stddef.h>
#include "models/comparison.h"
#include "models/experiment.h"
#include "plots/chart.h"

/* Where a scenario came from: both may be NULL. */
struct report_source {
    const char *file;           /* the scenario file as the user named it */
    const char *question;       /* its opening comment (the question it answers) */
};

/* DIR/report.html for a run; charts may be NULL (none made).  Returns 0 or -1 with err. */
int report_write_run(const char *dir, const struct experiment *e, const struct report_source *src,
                     const struct chart_set *charts, char *err, size_t size);

/*
 * DIR/report.html for a comparison: src has c->n entries (or is NULL).  Each
 * scenario's own report, DIR/NAME/report.html, is linked when it exists.
 */
int report_write_comparison(const char *dir, const struct comparison *c,
                            const struct report_source *src, const struct chart_set *charts,
                            char *err, size_t size);

/*
 * DIR/report.html for a sweep (plots/report_sweep.c): src has v->n_scenarios
 * entries (or is NULL).
 */
struct sweep_view;
int report_write_sweep(const char *dir, const struct sweep_view *v,
                       const struct report_source *src, const struct chart_set *charts,
                       char *err, size_t size);

/* DIR/report.html for a staffing plan (plots/staffing_out.h). */
struct staffing_report;
int report_write_staff(const char *dir, const struct staffing_report *r,
                       const struct report_source *src, const struct chart_set *charts,
                       char *err, size_t size);

#endif
