/*
 * shifts_roster: roster lines in the shift program of shifts.h: the
 * patterns of days a line may work, the rows that tie each day's shifts to
 * lines, and the lines dealt their shifts once the program is solved.
 *
 * Days off together (the default): a column per length and pattern (a run
 * of consecutive allowed days, shifts.h) counts the lines of that length
 * working that pattern, and per length and allowed day a row holds the
 * day's shifts of that length equal to the lines whose pattern works it.
 * Patterns are few (six for weekdays and 3 to 5 days, 21 for a whole
 * week), so the program grows little.  Dealing is then exact: each day's
 * shifts, by start, go to the lines working that day, taken in order of
 * the start of their last shift, so a line that started early the day
 * before starts early again where the day's shifts allow.
 *
 * Any days off: no column per pattern is needed.  L lines of one length
 * can work a week's shifts of that length, n_d on day d, with each line
 * working one shift a day on min_days to max_days days, exactly when
 * n_d <= L on every day and min_days L <= sum n_d <= max_days L: deal the
 * shifts day after day to the lines in turn, and each day's n_d go to n_d
 * different lines while every line gets the total's share, rounded.  So
 * one integer column per length counts its lines, with those rows; a
 * line's days off fall where the dealing leaves them.
 */
#include "models/shifts_internal.h"

#include <math.h>
#include <stdlib.h>

static int allowed_mask(const struct shift_params *sp)
{
    int m = 0;
    for (int d = 0; d < 7; d++)
        m |= (sp->days[d] != 0) << d;
    return m;
}

/* Days first to first + len - 1 of the week, wrapping from Sunday into Monday. */
static int run_mask(int first, int len)
{
    int m = 0;
    for (int k = 0; k < len; k++)
        m |= 1 << (first + k) % 7;
    return m;
}

static int days_in(int mask)
{
    int n = 0;
    for (int d = 0; d < 7; d++)
        n += mask >> d & 1;
    return n;
}

int shifts_patterns(const struct shift_params *sp, int *mask)
{
    int allowed = allowed_mask(sp), n = 0;
    if (sp->min_days <= 0)
        return 0;
    if (sp->days_off_any) {
        for (int m = 1; m < 128; m++)
            if ((m & ~allowed) == 0 && days_in(m) >= sp->min_days && days_in(m) <= sp->max_days)
                mask[n++] = m;
        return n;
    }
    for (int first = 0; first < 7; first++)
        for (int len = sp->max_days; len >= sp->min_days; len--) {
            int m = run_mask(first, len);
            if ((m & ~allowed) == 0 && (len < 7 || first == 0))   /* the whole week once */
                mask[n++] = m;
        }
    return n;
}

int shifts_longest_run(const struct shift_params *sp)
{
    int allowed = allowed_mask(sp), best = 0;
    for (int first = 0; first < 7; first++)
        for (int len = 1; len <= 7 && (run_mask(first, len) & ~allowed) == 0; len++)
            best = len > best ? len : best;
    return best;
}

void shifts_roster_columns(struct program *p)
{
    const struct shift_params *sp = p->sp;
    p->n_pat = p->n_lines = 0;
    if (sp->min_days <= 0)
        return;
    if (sp->days_off_any) {
        p->n_lines = sp->n_lengths;
        return;
    }
    p->n_pat = shifts_patterns(sp, p->pat);
    p->n_lines = sp->n_lengths * p->n_pat;
}

int shifts_roster_column(const struct program *p, int l, int k)
{
    return p->n_col + p->n_brk + l * (p->n_pat ? p->n_pat : 1) + k + 1;
}

/*
 * A new row of bound type `bounds` (upper or fixed, at 0) holding the
 * shifts of length l on day d, each with coefficient 1; the row's index,
 * or -1 when memory runs out.  Both ways of rostering tie these to lines.
 */
static int day_row(glp_prob *lp, const struct program *p, struct triplets *t, int bounds, int l,
                   int d)
{
    int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, bounds, 0.0, 0.0);
    for (int c = 0; c < p->n_col; c++)
        if (p->col[c].day == d && p->col[c].length == l &&
            shifts_program_add(t, row, c + 1, 1.0) != 0)
            return -1;
    return row;
}

/* Any days off: per length, at most L shifts a day, and min_days L to max_days L a week. */
static int rows_any(glp_prob *lp, const struct program *p, struct triplets *t)
{
    const struct shift_params *sp = p->sp;
    for (int l = 0; l < p->n_lines; l++) {
        int lines = shifts_roster_column(p, l, 0);
        for (int d = 0; d < 7; d++) {
            if (!sp->days[d])
                continue;
            int row = day_row(lp, p, t, GLP_UP, l, d);
            if (row < 0 || shifts_program_add(t, row, lines, -1.0) != 0)
                return -1;
        }
        for (int side = 0; side < 2; side++) {
            int row = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, row, side ? GLP_UP : GLP_LO, 0.0, 0.0);
            for (int c = 0; c < p->n_col; c++)
                if (p->col[c].length == l && shifts_program_add(t, row, c + 1, 1.0) != 0)
                    return -1;
            if (shifts_program_add(t, row, lines, side ? -(double)sp->max_days
                                                       : -(double)sp->min_days) != 0)
                return -1;
        }
    }
    return 0;
}

/* Days off together: per length and allowed day, shifts = lines whose pattern works it. */
static int rows_together(glp_prob *lp, const struct program *p, struct triplets *t)
{
    const struct shift_params *sp = p->sp;
    for (int l = 0; l < sp->n_lengths; l++)
        for (int d = 0; d < 7; d++) {
            if (!sp->days[d])
                continue;
            int row = day_row(lp, p, t, GLP_FX, l, d);
            if (row < 0)
                return -1;
            for (int k = 0; k < p->n_pat; k++)
                if ((p->pat[k] >> d & 1) &&
                    shifts_program_add(t, row, shifts_roster_column(p, l, k), -1.0) != 0)
                    return -1;
        }
    return 0;
}

int shifts_roster_rows(glp_prob *lp, const struct program *p, struct triplets *t)
{
    if (p->n_lines == 0)
        return 0;
    return p->sp->days_off_any ? rows_any(lp, p, t) : rows_together(lp, p, t);
}

static int lines_of(glp_prob *lp, const struct program *p, int l, int k)
{
    return (int)lround(glp_mip_col_val(lp, shifts_roster_column(p, l, k)));
}

/* A new line of length l, every day off; its index. */
static int open_line(struct shift_plan *out, int l)
{
    struct roster_line *ln = &out->lines[out->n_lines];
    ln->length = l;
    ln->paid_h = 0.0;
    for (int d = 0; d < 7; d++)
        ln->shift[d] = -1;
    return out->n_lines++;
}

static void give(struct shift_plan *out, int line, int d, int u)
{
    out->lines[line].shift[d] = u;
    out->lines[line].paid_h += out->used[u].paid_h;
}

/*
 * Any days off: per length, day after day, the day's shifts in order of
 * start go to the lines in turn, carrying on from where the day before
 * stopped.  A day's shifts, at most one per line, go to different lines,
 * and every line gets its share of the week.
 */
static int deal_any(glp_prob *lp, const struct program *p, struct shift_plan *out)
{
    for (int l = 0; l < p->n_lines; l++) {
        int first = out->n_lines, lines = lines_of(lp, p, l, 0);
        for (int i = 0; i < lines; i++)
            open_line(out, l);
        long turn = 0;
        for (int d = 0; d < 7; d++)
            for (int u = 0; u < out->n; u++) {
                if (out->used[u].day != d || out->used[u].length != l)
                    continue;
                for (int i = 0; i < out->used[u].count; i++, turn++) {
                    if (lines == 0)
                        return -1;      /* the roster rows make this impossible */
                    give(out, first + (int)(turn % lines), d, u);
                }
            }
    }
    return 0;
}

/* Whether line a takes a day's shift before line b: by the start of its last shift, then by
 * index; lines yet to work come last. */
static int before(const int *last, int a, int b)
{
    if ((last[a] < 0) != (last[b] < 0))
        return last[b] < 0;
    return last[a] != last[b] ? last[a] < last[b] : a < b;
}

/* Day d's shifts of length l, by start, to the lines from `first` whose pattern works d. */
static int deal_day(struct shift_plan *out, int l, int d, int first, const int *mask, int *last,
                    int *order)
{
    int n = 0;
    for (int i = first; i < out->n_lines; i++) {
        if (!(mask[i] >> d & 1))
            continue;
        int j = n++;
        for (; j > 0 && before(last, i, order[j - 1]); j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    int k = 0;
    for (int u = 0; u < out->n; u++) {
        if (out->used[u].day != d || out->used[u].length != l)
            continue;
        for (int i = 0; i < out->used[u].count; i++) {
            if (k == n)
                return -1;      /* the roster rows make this impossible */
            give(out, order[k], d, u);
            last[order[k++]] = out->used[u].start_q;
        }
    }
    return k == n ? 0 : -1;
}

/* Days off together: per length, the lines of each pattern, then each day dealt. */
static int deal_together(glp_prob *lp, const struct program *p, struct shift_plan *out,
                         int total)
{
    int *mask = malloc((size_t)total * sizeof *mask), *last = malloc((size_t)total * sizeof *last);
    int *order = malloc((size_t)total * sizeof *order), rc = mask && last && order ? 0 : -1;
    for (int l = 0; l < p->sp->n_lengths && rc == 0; l++) {
        int first = out->n_lines;
        for (int k = 0; k < p->n_pat; k++)
            for (int i = lines_of(lp, p, l, k); i > 0; i--) {
                int line = open_line(out, l);
                mask[line] = p->pat[k];
                last[line] = -1;
            }
        for (int d = 0; d < 7 && rc == 0; d++)
            rc = deal_day(out, l, d, first, mask, last, order);
    }
    free(mask);
    free(last);
    free(order);
    return rc;
}

int shifts_roster_deal(glp_prob *lp, const struct program *p, struct shift_plan *out)
{
    int total = 0;
    for (int l = 0; l < p->sp->n_lengths; l++)
        for (int k = 0; k < (p->sp->days_off_any ? 1 : p->n_pat); k++)
            total += lines_of(lp, p, l, k);
    out->lines = calloc((size_t)(total ? total : 1), sizeof *out->lines);
    if (!out->lines)
        return -1;
    if (p->sp->days_off_any)
        return deal_any(lp, p, out);
    return deal_together(lp, p, out, total ? total : 1);
}
