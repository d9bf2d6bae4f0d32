/*
 * shifts: what a shift covers and costs, see shifts.h.  The integer
 * program itself is in shifts_program.c.
 */
#include "models/shifts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "models/schedule.h"

static int length_q(const struct shift_params *sp, int l)
{
    return (int)lround(sp->lengths_h[l] * 4.0);
}

/* Whether break rule b applies to shifts of length index l. */
static int break_applies(const struct shift_params *sp, int b, int l)
{
    return sp->lengths_h[l] >= sp->breaks[b].min_shift_h - 1e-9;
}

double shifts_paid_hours(const struct shift_params *sp, int l)
{
    double h = sp->lengths_h[l];
    for (int b = 0; b < sp->n_breaks; b++)
        if (break_applies(sp, b, l) && !sp->breaks[b].paid)
            h -= sp->breaks[b].quarters / 4.0;
    return h;
}

int shifts_covers(const struct shift_params *sp, int day, int start_q, int l,
                  const int *break_q, int q)
{
    int start = day * SCHEDULE_SLOTS_PER_DAY + start_q;
    int off = ((q - start) % SCHEDULE_SLOTS + SCHEDULE_SLOTS) % SCHEDULE_SLOTS;
    if (off >= length_q(sp, l))
        return 0;
    int k = 0;
    for (int b = 0; b < sp->n_breaks; b++) {
        if (!break_applies(sp, b, l))
            continue;
        if (off >= break_q[k] && off < break_q[k] + sp->breaks[b].quarters)
            return 0;
        k++;
    }
    return 1;
}

void shifts_quarter_words(int q, char *buf, size_t size)
{
    int m = (q % SCHEDULE_SLOTS_PER_DAY) * 15;
    snprintf(buf, size, "%s %02d:%02d", schedule_days[(q / SCHEDULE_SLOTS_PER_DAY) % 7].full,
             m / 60, m % 60);
}

/*
 * Whether some placement of the breaks of a shift (day, start, l) leaves
 * quarter q on duty: q inside the shift and, for every break that applies,
 * a start in its window that keeps clear of q.  Breaks may be placed apart
 * from each other, so each is checked on its own.
 */
static int can_cover(const struct shift_params *sp, int day, int start_q, int l, int q)
{
    int start = day * SCHEDULE_SLOTS_PER_DAY + start_q;
    int off = ((q - start) % SCHEDULE_SLOTS + SCHEDULE_SLOTS) % SCHEDULE_SLOTS;
    int len = length_q(sp, l);
    if (off >= len)
        return 0;
    for (int b = 0; b < sp->n_breaks; b++) {
        if (!break_applies(sp, b, l))
            continue;
        const struct shift_break *br = &sp->breaks[b];
        int latest = br->latest_q < len - br->quarters ? br->latest_q : len - br->quarters;
        int clear = 0;
        for (int s = br->earliest_q; s <= latest && !clear; s++)
            clear = off < s || off >= s + br->quarters;
        if (!clear)
            return 0;
    }
    return 1;
}

int shifts_first_uncovered(const struct shift_params *sp, const uint8_t *open)
{
    for (int q = 0; q < SCHEDULE_SLOTS; q++) {
        if (!open[q])
            continue;
        int any = 0;
        for (int d = 0; d < 7 && !any; d++)
            for (int s = 0; s < sp->n_starts && sp->days[d] && !any; s++)
                for (int l = 0; l < sp->n_lengths && !any; l++)
                    any = can_cover(sp, d, sp->starts[s], l, q);
        if (!any)
            return q;
    }
    return -1;
}

int shifts_overlaps(const struct shift_plan *plan)
{
    int lines = 0;
    for (int i = 0; i < plan->n_lines; i++) {
        const struct roster_line *ln = &plan->lines[i];
        int clash = 0;
        for (int d = 0; d < 7 && !clash; d++) {
            int a = ln->shift[d], b = ln->shift[(d + 1) % 7];
            if (a < 0 || b < 0)
                continue;
            const struct shift_count *s = &plan->used[a], *t = &plan->used[b];
            double end_q = s->start_q + 4.0 * s->length_h;
            clash = end_q > 96.0 + t->start_q;      /* the next day's start, in this day's quarters */
        }
        lines += clash;
    }
    return lines;
}

void shifts_free(struct shift_plan *plan)
{
    free(plan->used);
    free(plan->lines);
    plan->used = NULL;
    plan->lines = NULL;
    plan->n = plan->n_lines = 0;
}
