/*
 * shifts: shifts that cover a staffing requirement at least cost.
 *
 * A shift starts on an allowed day at an allowed quarter hour, lasts one of
 * the allowed lengths, and has an unpaid break of break_min minutes
 * break_after_h hours in.  It covers every quarter hour from its start to
 * its end except the break, wrapping from Sunday night into Monday.  The
 * integer program
 *
 *   minimise   sum over shift types s of cost_s * x_s
 *   subject to sum over s covering quarter q of x_s >= required_q  for every q
 *              x_s >= 0 and integer
 *
 * is solved by GLPK's branch and cut; cost_s is the paid hours times the
 * cost per hour.
 */
#ifndef CHANMIX_MODELS_SHIFTS_H
#define CHANMIX_MODELS_SHIFTS_H

#include <stddef.h>
#include "models/model.h"

struct shift_count {
    int day;            /* 0 = Monday */
    int start_q;        /* quarter hour of the day */
    double length_h;
    int count;
};

struct shift_plan {
    int n;                          /* shift types used (count > 0) */
    struct shift_count *used;
    int coverage[SCHEDULE_SLOTS];   /* agents on duty per quarter hour of the week */
    double paid_hours, cost;        /* per week */
};

/*
 * Solves for required[q], q over the quarter hours of a week.  Returns 0,
 * or -1 with a message in err (no shift can cover some quarter, or the
 * solver failed).
 */
int shifts_solve(const struct shift_params *sp, const int *required, struct shift_plan *out,
                 char *err, size_t size);
void shifts_free(struct shift_plan *plan);

/* Whether shift (day, start_q, length_h) under sp covers quarter q of the week. */
int shifts_covers(const struct shift_params *sp, int day, int start_q, double length_h, int q);

#endif
