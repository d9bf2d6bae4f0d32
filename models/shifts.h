/*
 * shifts: shifts, breaks and weekly roster lines that cover a staffing
 * requirement at least cost.
 *
 * A shift starts on an allowed day at an allowed quarter hour and lasts one
 * of the allowed lengths.  Each break whose rule applies to that length
 * (shift_params.breaks) starts somewhere in its window; a shift with its
 * breaks placed is a column of the integer program, and it covers every
 * quarter hour from its start to its end except its breaks, wrapping from
 * Sunday night into Monday.  Where the rules ask for weekly rosters
 * (min_days > 0), a roster line works the same shift length on each day of
 * a pattern of min_days to max_days allowed days, and has the other days
 * off.  With days off together (the default, shift_params.days_off_any 0)
 * a pattern is a run of consecutive days of the week, each one allowed,
 * wrapping from Sunday into Monday: the line's days off are one block of
 * the repeating week.  A run never crosses a day that is not allowed, so
 * with shifts on weekdays only, Thursday-Friday-Monday is no run (its days
 * off, Saturday-Sunday and Tuesday-Wednesday, would be two blocks); with
 * every day allowed, Saturday-Sunday-Monday is one.  With days_off_any, a
 * pattern is any min_days to max_days allowed days.  The integer program
 *
 *   minimise   sum over columns c of cost_c x_c
 *   subject to sum over c covering quarter q of x_c >= required_q   every q
 *              sum of paid hours of lengths in a share rule
 *                  >= (<=) min (max) share x all paid hours         every rule
 *              shifts of length l on day d
 *                  = lines of length l whose pattern works d         rosters only
 *                    (days off together: a column per length and pattern;
 *                    any: one per length, see shifts_roster.c)
 *              x, lines >= 0 and integer
 *
 * is solved by GLPK's branch and cut (with Gomory's mixed-integer cuts),
 * until the plan is proved optimal or
 * within shift_params.max_gap of the optimum (a share of its cost), or a
 * minute has passed; cost_c is the shift's paid hours (length less unpaid
 * breaks) times the cost per hour.  Breaks are placed
 * by the program, so they are staggered where coverage needs it.  The
 * lines are then dealt their days' shifts in order of start time.
 */
#ifndef CHANMIX_MODELS_SHIFTS_H
#define CHANMIX_MODELS_SHIFTS_H

#include <stddef.h>
#include "models/model.h"

/* Shifts of one kind the plan uses: a start, a length and where its breaks fall. */
struct shift_count {
    int day;                            /* 0 = Monday */
    int start_q;                        /* quarter hour of the day */
    int length;                         /* index into shift_params.lengths_h */
    double length_h, paid_h;
    int n_breaks;
    int break_q[MODEL_MAX_BREAKS];      /* start, quarters after the shift's start */
    int break_len_q[MODEL_MAX_BREAKS];
    int count;
};

/* A roster line: one agent's week, its shifts by day. */
struct roster_line {
    int length;                         /* index into shift_params.lengths_h */
    int shift[7];                       /* index into shift_plan.used, or -1: a day off */
    double paid_h;                      /* per week */
};

struct shift_plan {
    int n;                              /* shift kinds used (count > 0) */
    struct shift_count *used;
    int n_lines;                        /* 0 without rosters */
    struct roster_line *lines;
    int coverage[SCHEDULE_SLOTS];       /* agents on duty, not on a break, per quarter hour */
    double paid_hours, cost;            /* per week */
    double paid_by_length[MODEL_MAX_SHIFT_LENGTHS];
    double over_hours, over_cost;       /* on duty beyond the requirement, and its pay */
    int optimal;                        /* GLPK proved the optimum (else: the best found) */
    double gap;                         /* else: at most this share above the optimum */
    int overlaps;                       /* roster lines with two shifts at once (shifts_overlaps) */
};

/*
 * Roster lines of the plan on which a shift begins before the day before's
 * ends (a shift past midnight, the week wrapping from Sunday into Monday):
 * the program counts lines, not their hours, and knows no rest between
 * shifts, so where shifts cross midnight the dealing can give one agent two
 * at once.  Such a roster needs those lines redone by hand.
 */
int shifts_overlaps(const struct shift_plan *plan);

/*
 * Solves for required[q], q over the quarter hours of a week.  Returns 0,
 * or -1 with a message in err (no shift can cover some quarter, the rules
 * admit no plan, or the solver failed).
 */
int shifts_solve(const struct shift_params *sp, const int *required, struct shift_plan *out,
                 char *err, size_t size);
void shifts_free(struct shift_plan *plan);

/* Paid hours of a shift of length index l: its length less its unpaid breaks. */
double shifts_paid_hours(const struct shift_params *sp, int l);

/*
 * Whether shift (day, start_q, length l) with its breaks starting at
 * break_q[] (quarters after its start; those of the breaks that apply to
 * length l, in order) covers quarter q of the week.
 */
int shifts_covers(const struct shift_params *sp, int day, int start_q, int l,
                  const int *break_q, int q);

/* The first quarter where open[q] and no allowed shift can be on duty, or -1. */
int shifts_first_uncovered(const struct shift_params *sp, const uint8_t *open);

/* Every nonempty set of days of the week: the bound on patterns of either kind. */
#define SHIFTS_MAX_PATTERNS 128

/*
 * The patterns a roster line may work under the rules, as masks of days
 * (bit d: day d, Monday 0), by first day and then longest first: runs with
 * days off together, any allowed days otherwise.  Returns their number, 0
 * when there are none (min_days beyond the longest run) or no rosters.
 */
int shifts_patterns(const struct shift_params *sp, int *mask);

/* The most consecutive allowed days (wrapping from Sunday into Monday); 7 for all. */
int shifts_longest_run(const struct shift_params *sp);

/* "Saturday 09:00" for quarter q of the week. */
void shifts_quarter_words(int q, char *buf, size_t size);

#endif
