/*
 * calibrate_out: a calibration for people and for chanmix: the terminal
 * table, the fit table as CSV, calibrated.cfg (the scenario extended by
 * the fitted constants and volumes, each commented with its source) and
 * report.html (plots/report_calibrate.c).
 */
#ifndef CHANMIX_PLOTS_CALIBRATE_OUT_H
#define CHANMIX_PLOTS_CALIBRATE_OUT_H

#include <stdio.h>
#include "models/calibrate.h"

struct calibrate_report {
    const struct model *m;                  /* as loaded: the starting values */
    const char *scenario_path;
    const struct calibrate_observed *obs;
    const struct calibrate_options *o;
    const struct calibrate_result *r;
};

/* The answer in one sentence: whether it fitted, in how many rounds, the largest residual. */
void calibrate_out_answer(const struct calibrate_report *c, char *buf, size_t size);

/* A target's channel in words: "phone", "total", "other channels (web, app)". */
void calibrate_out_target_channel(const struct calibrate_report *c,
                                  const struct calibrate_target *t, char *buf, size_t size);

/* Its residual (simulated - observed) and tolerance in words: "+0.4 pp", "-1.2%". */
void calibrate_out_residual(const struct calibrate_target *t, char *res, char *tol, size_t size);

void calibrate_out_print(FILE *f, const struct calibrate_report *c);

/* DIR/calibrated.cfg and DIR/fit.csv, then DIR/report.html; all or none.  0 or -1 with err. */
int calibrate_out_write(const char *dir, const struct calibrate_report *c, char *err, size_t size);

/* DIR/report.html alone (report_calibrate.c); 0 or -1 with err. */
int calibrate_out_report(const char *dir, const struct calibrate_report *c, char *err,
                         size_t size);

#endif
