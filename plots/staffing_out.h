/*
 * staffing_out: a workforce plan (models/workforce.h) for planners: the
 * terminal summary, the JSON of `chanmix staff --json`, and in DIR the CSV
 * files (staffing.csv, shifts.csv, roster.csv), the workbook
 * (staffing.xlsx), staffing.json and staffing.cfg, a scenario that runs
 * one week's plan as its staffing.  The HTML report is in report_staff.c
 * and the charts in chart_staffing.c.
 */
#ifndef CHANMIX_PLOTS_STAFFING_OUT_H
#define CHANMIX_PLOTS_STAFFING_OUT_H

#include <stdio.h>
#include "models/workforce.h"

struct staffing_report {
    const struct model *m;
    const char *scenario_path;
    const struct workforce *wf;
    int detail;                 /* the week shown in full and written to staffing.cfg: an
                                   index in wf->weeks (the peak week, or the one asked for) */
};

void staffing_out_print(FILE *f, const struct staffing_report *r);
void staffing_out_json(FILE *f, const struct staffing_report *r);

/* DIR/staffing.json, .csv, shifts.csv, roster.csv, staffing.xlsx and staffing.cfg, each
 * written whole or not at all; 0 or -1 with err. */
int staffing_out_write(const char *dir, const struct staffing_report *r, char *err, size_t size);

/* The workbook alone (staffing_xlsx.c), into f; 0 or -1. */
int staffing_out_xlsx(FILE *f, const struct staffing_report *r);

/* Words shared by every view of a plan */

/* "08:30-17:00": a shift's start and end; "12:00-12:30": its break b. */
void staffing_out_shift_span(const struct shift_count *s, char *buf, size_t size);
void staffing_out_break_span(const struct shift_count *s, int b, char *buf, size_t size);
/* "12:00-12:30, 15:00-15:15", or "" without breaks. */
void staffing_out_breaks(const struct shift_count *s, char *buf, size_t size);
/* A roster line's days: "mon-wed", "sat-mon" (one run), "every day", or "mon, wed, fri". */
void staffing_out_line_days(const struct roster_line *ln, char *buf, size_t size);
/* The required agent-hours of the mean week planned. */
double staffing_out_mean_week(const struct workforce *wf);
/* Whether channel sc has an open interval on day d (0 = Monday) of the week. */
int staffing_out_day_open(const struct model *m, const struct staffing_channel *sc, int d);
/* The agents on shifts in interval k: the fewest over its quarter hours. */
int staffing_out_covered(const struct model *m, const struct shift_plan *sh, int k);
/* "week 3" and "week 3 (from Wed 17 Jan)". */
void staffing_out_week_name(const struct model *m, const struct workforce_week *w, int dated,
                            char *buf, size_t size);

#endif
