/*
 * staffing_out: a staffing plan and its shifts, for planners: the terminal
 * table, the JSON object of `chanmix staff --json`, CSV files, and a
 * scenario file that runs with the shift plan as its staffing.
 */
#ifndef CHANMIX_PLOTS_STAFFING_OUT_H
#define CHANMIX_PLOTS_STAFFING_OUT_H

#include <stdio.h>
#include "models/shifts.h"
#include "models/staffing.h"

/* shifts[i] belongs to plan->ch[i]; has_shifts[i] says whether it was solved. */
struct staffing_report {
    const struct model *m;
    const char *scenario_path;
    const struct staffing_plan *plan;
    const struct shift_plan *shifts;
    const int *has_shifts;
};

void staffing_out_print(FILE *f, const struct staffing_report *r);
void staffing_out_json(FILE *f, const struct staffing_report *r);

/* DIR/staffing.json, staffing.csv, shifts.csv and staffing.cfg, atomically; 0 or -1 with err. */
int staffing_out_write(const char *dir, const struct staffing_report *r, char *err, size_t size);

#endif
