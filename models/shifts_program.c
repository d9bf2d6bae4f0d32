/*
 * shifts_program: the integer program of shifts.h, built for GLPK and read
 * back into shifts and roster lines.
 *
 * Breaks are placed implicitly (Aykin, 1996): rather than a column per
 * shift and placement of all its breaks (their product), a column per shift
 * type (a day, a start, a length) counts the shifts, and a column per type,
 * break rule and start counts the shifts of that type taking that break
 * there; each type's break columns sum to its shifts.  A break column takes
 * its agents off the quarters it covers.  This is exact when the windows of
 * one shift's breaks cannot overlap (the loader sees to it), and it keeps the
 * program small: types x (1 + window positions) columns instead of types x
 * their product.
 *
 * Roster lines add their columns and rows (shifts_roster.c): with days
 * off together a column per length and pattern of days, with any days off
 * one per length.  Rows in all: one per quarter hour with a requirement,
 * one per type and break rule, two per share rule at most, and the roster
 * rows: per length, one per allowed day (and two for a line's days with
 * any days off).
 */
#include "models/shifts_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/schedule.h"

static int silent(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;   /* GLPK's terminal output is not ours to print */
}

static int applies(const struct shift_params *sp, int b, int l)
{
    return sp->lengths_h[l] >= sp->breaks[b].min_shift_h - 1e-9;
}

/* The last start of break rule b in a shift of length index l. */
static int latest_q(const struct shift_params *sp, int b, int l)
{
    int len = (int)lround(sp->lengths_h[l] * 4.0);
    const struct shift_break *br = &sp->breaks[b];
    return br->latest_q < len - br->quarters ? br->latest_q : len - br->quarters;
}

static int enumerate_columns(struct program *p)
{
    const struct shift_params *sp = p->sp;
    int types = 7 * sp->n_starts * sp->n_lengths, per = 0;
    for (int b = 0; b < sp->n_breaks; b++)
        per += sp->breaks[b].latest_q - sp->breaks[b].earliest_q + 1;
    p->col = malloc((size_t)(types ? types : 1) * sizeof *p->col);
    p->brk = malloc((size_t)(types * per > 0 ? types * per : 1) * sizeof *p->brk);
    if (!p->col || !p->brk)
        return -1;
    for (int d = 0; d < 7; d++)
        for (int s = 0; s < sp->n_starts && sp->days[d]; s++)
            for (int l = 0; l < sp->n_lengths; l++) {
                int t = p->n_col++;
                p->col[t] = (struct column){ d, sp->starts[s], l, shifts_paid_hours(sp, l) };
                for (int b = 0; b < sp->n_breaks; b++)
                    for (int q = sp->breaks[b].earliest_q; applies(sp, b, l) && q <= latest_q(sp, b, l);
                         q++)
                        p->brk[p->n_brk++] = (struct break_column){ t, b, q };
            }
    shifts_roster_columns(p);
    return 0;
}

/* Whether quarter q of the week lies in the span from `start` (of the week) for len quarters. */
static int within(int start, int len, int q)
{
    int off = ((q - start) % SCHEDULE_SLOTS + SCHEDULE_SLOTS) % SCHEDULE_SLOTS;
    return off < len;
}

static int type_start(const struct column *c)
{
    return c->day * SCHEDULE_SLOTS_PER_DAY + c->start_q;
}

int shifts_program_add(struct triplets *t, int row, int col, double v)
{
    if (t->n + 1 >= t->cap) {
        int cap = t->cap ? 2 * t->cap : 4096;
        int *ia = realloc(t->ia, (size_t)cap * sizeof *ia);
        if (ia)
            t->ia = ia;
        int *ja = realloc(t->ja, (size_t)cap * sizeof *ja);
        if (ja)
            t->ja = ja;
        double *ar = realloc(t->ar, (size_t)cap * sizeof *ar);
        if (ar)
            t->ar = ar;
        if (!ia || !ja || !ar)
            return -1;
        t->cap = cap;
    }
    t->n++;
    t->ia[t->n] = row;
    t->ja[t->n] = col;
    t->ar[t->n] = v;
    return 0;
}

/* Share rows: paid hours in the rule's lengths against min and max of all paid hours. */
static int share_rows(glp_prob *lp, const struct program *p, struct triplets *t)
{
    const struct shift_params *sp = p->sp;
    for (int r = 0; r < sp->n_shares; r++) {
        const struct shift_share *sh = &sp->shares[r];
        for (int side = 0; side < 2; side++) {
            double bound = side == 0 ? sh->min : sh->max;
            if ((side == 0 && bound <= 0) || (side == 1 && bound >= 1))
                continue;
            int row = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, row, side == 0 ? GLP_LO : GLP_UP, 0.0, 0.0);
            for (int c = 0; c < p->n_col; c++) {
                int in = 0;
                for (int k = 0; k < sh->n; k++)
                    in |= fabs(sh->lengths_h[k] - sp->lengths_h[p->col[c].length]) < 1e-9;
                double v = ((double)in - bound) * p->col[c].paid_h;
                if (v != 0.0 && shifts_program_add(t, row, c + 1, v) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* One row per type and break rule: its shifts each take that break once. */
static int break_rows(glp_prob *lp, const struct program *p, struct triplets *t)
{
    const struct shift_params *sp = p->sp;
    for (int c = 0, k = 0; c < p->n_col; c++)
        for (int b = 0; b < sp->n_breaks; b++) {
            if (!applies(sp, b, p->col[c].length))
                continue;
            int row = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, row, GLP_FX, 0.0, 0.0);
            if (shifts_program_add(t, row, c + 1, -1.0) != 0)
                return -1;
            for (; k < p->n_brk && p->brk[k].type == c && p->brk[k].rule == b; k++)
                if (shifts_program_add(t, row, p->n_col + k + 1, 1.0) != 0)
                    return -1;
        }
    return 0;
}

/* Coverage rows: a shift covers its span, its break columns take their quarters off. */
static int cover_rows(glp_prob *lp, const struct program *p, const int *required,
                      struct triplets *t)
{
    const struct shift_params *sp = p->sp;
    for (int q = 0; q < SCHEDULE_SLOTS; q++) {
        if (required[q] <= 0)
            continue;
        int row = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, row, GLP_LO, required[q], 0.0);
        for (int c = 0; c < p->n_col; c++)
            if (within(type_start(&p->col[c]), (int)lround(sp->lengths_h[p->col[c].length] * 4.0),
                       q) && shifts_program_add(t, row, c + 1, 1.0) != 0)
                return -1;
        for (int k = 0; k < p->n_brk; k++) {
            const struct break_column *bc = &p->brk[k];
            if (within(type_start(&p->col[bc->type]) + bc->pos, sp->breaks[bc->rule].quarters, q) &&
                shifts_program_add(t, row, p->n_col + k + 1, -1.0) != 0)
                return -1;
        }
    }
    return 0;
}

/* Columns, their costs, and every row; 0 or -1 out of memory. */
static int build(glp_prob *lp, const struct program *p, const int *required)
{
    const struct shift_params *sp = p->sp;
    double price = sp->cost_hour > 0 ? sp->cost_hour : 1.0;
    int cols = p->n_col + p->n_brk + p->n_lines;
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, cols);
    for (int c = 0; c < cols; c++) {
        glp_set_col_kind(lp, c + 1, GLP_IV);
        glp_set_col_bnds(lp, c + 1, GLP_LO, 0.0, 0.0);
        /* ties go to shorter shifts; breaks and lines cost nothing beyond their shifts */
        double cost = c < p->n_col ? p->col[c].paid_h * price + 1e-7 * sp->lengths_h[p->col[c].length]
                                   : 0.0;
        glp_set_obj_coef(lp, c + 1, cost);
    }
    struct triplets t = { NULL, NULL, NULL, 0, 0 };
    int rc = -1;
    if (cover_rows(lp, p, required, &t) == 0 && break_rows(lp, p, &t) == 0 &&
        share_rows(lp, p, &t) == 0 && shifts_roster_rows(lp, p, &t) == 0) {
        glp_load_matrix(lp, t.n, t.ia, t.ja, t.ar);
        rc = 0;
    }
    free(t.ia);
    free(t.ja);
    free(t.ar);
    return rc;
}

/* Adds the kind (type c, breaks at pos[]) with n shifts, its hours and coverage. */
static void add_kind(const struct program *p, int c, const int *pos, int n, struct shift_plan *out)
{
    const struct shift_params *sp = p->sp;
    const struct column *col = &p->col[c];
    struct shift_count *u = &out->used[out->n++];
    *u = (struct shift_count){ .day = col->day, .start_q = col->start_q, .length = col->length,
                               .length_h = sp->lengths_h[col->length], .paid_h = col->paid_h,
                               .count = n };
    for (int b = 0; b < sp->n_breaks; b++)
        if (applies(sp, b, col->length)) {
            u->break_q[u->n_breaks] = pos[b];
            u->break_len_q[u->n_breaks++] = sp->breaks[b].quarters;
        }
    out->paid_hours += n * col->paid_h;
    out->paid_by_length[col->length] += n * col->paid_h;
    for (int q = 0; q < SCHEDULE_SLOTS; q++)
        out->coverage[q] += n * shifts_covers(sp, col->day, col->start_q, col->length,
                                              u->break_q, q);
}

/*
 * The x shifts of type c and where their breaks fall: the i-th shift takes
 * the i-th earliest start of each break, so shifts with the same starts for
 * all their breaks come together, one kind each.
 */
static int read_type(glp_prob *lp, const struct program *p, int c, int x, int *first_brk,
                     struct shift_plan *out)
{
    const struct shift_params *sp = p->sp;
    int *pos = malloc((size_t)MODEL_MAX_BREAKS * (size_t)x * sizeof *pos);
    if (!pos)
        return -1;
    for (int b = 0; b < sp->n_breaks; b++) {
        int i = 0, k = *first_brk;
        for (; k < p->n_brk && p->brk[k].type == c && p->brk[k].rule <= b; k++) {
            if (p->brk[k].rule != b)
                continue;
            int w = (int)lround(glp_mip_col_val(lp, p->n_col + k + 1));
            for (; w > 0 && i < x; w--)
                pos[b * x + i++] = p->brk[k].pos;
        }
        for (; i < x; i++)      /* rounding only: the rows hold the sum to x */
            pos[b * x + i] = i ? pos[b * x + i - 1] : sp->breaks[b].earliest_q;
    }
    while (*first_brk < p->n_brk && p->brk[*first_brk].type == c)
        (*first_brk)++;
    for (int i = 0; i < x;) {
        int j = i + 1, at[MODEL_MAX_BREAKS];
        for (int b = 0; b < sp->n_breaks; b++)
            at[b] = pos[b * x + i];
        for (int same = 1; j < x && same; j += same)
            for (int b = 0; b < sp->n_breaks && same; b++)
                same = pos[b * x + j] == at[b];
        add_kind(p, c, at, j - i, out);
        i = j;
    }
    free(pos);
    return 0;
}

/* The kinds of shift used, their paid hours, coverage and excess over required. */
static int read_shifts(glp_prob *lp, const struct program *p, const int *required,
                       struct shift_plan *out)
{
    const struct shift_params *sp = p->sp;
    int total = 0;
    for (int c = 0; c < p->n_col; c++)
        total += (int)lround(glp_mip_col_val(lp, c + 1));
    out->used = malloc((size_t)(total ? total : 1) * sizeof *out->used);
    if (!out->used)
        return -1;
    for (int c = 0, first = 0; c < p->n_col; c++) {
        int x = (int)lround(glp_mip_col_val(lp, c + 1));
        if (x > 0 && read_type(lp, p, c, x, &first, out) != 0)
            return -1;
        while (first < p->n_brk && p->brk[first].type <= c)
            first++;
    }
    out->cost = out->paid_hours * sp->cost_hour;
    for (int q = 0; q < SCHEDULE_SLOTS; q++)
        if (out->coverage[q] > required[q])
            out->over_hours += (out->coverage[q] - (required[q] > 0 ? required[q] : 0)) * 0.25;
    out->over_cost = out->over_hours * sp->cost_hour;
    return 0;
}

static void solve_failed(glp_prob *lp, int status, char *err, size_t size)
{
    if (status == GLP_ENOPFS || glp_mip_status(lp) == GLP_NOFEAS)
        snprintf(err, size, "the shift rules admit no plan for this requirement (the share "
                 "rules or the days a roster line works leave no way to cover it)");
    else
        snprintf(err, size, "the shift integer program was not solved (GLPK status %d)", status);
}

/*
 * Paid hours come in quarter hours, so costs come in steps of a quarter
 * hour's pay: once the best plan found is less than a step above the bound
 * of every open branch, it is optimal, and the search can stop there rather
 * than prove the last fractions GLPK's relative gap would ask for.
 */
struct stopper {
    double step;
    int proved;
    double gap;             /* the last relative gap GLPK reported */
};

static void stop_when_proved(glp_tree *tree, void *info)
{
    struct stopper *st = info;
    int why = glp_ios_reason(tree);
    if (why != GLP_ISELECT && why != GLP_IBINGO)
        return;
    int best = glp_ios_best_node(tree);
    glp_prob *lp = glp_ios_get_prob(tree);
    if (best == 0 || glp_mip_status(lp) != GLP_FEAS)
        return;
    st->gap = glp_ios_mip_gap(tree);
    if (glp_mip_obj_val(lp) - glp_ios_node_bound(tree, best) < st->step) {
        st->proved = 1;
        glp_ios_terminate(tree);
    }
}

static int solve(glp_prob *lp, const struct program *p, const int *required,
                 struct shift_plan *out, char *err, size_t size)
{
    struct stopper st = { 0.25 * (p->sp->cost_hour > 0 ? p->sp->cost_hour : 1.0) * 0.99, 0, 1.0 };
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.gmi_cuts = GLP_ON;     /* Gomory's cuts: the baseline week's program in a quarter of the time */
    parm.msg_lev = GLP_MSG_OFF;
    parm.tm_lim = 60000;
    parm.mip_gap = p->sp->max_gap;
    parm.cb_func = stop_when_proved;
    parm.cb_info = &st;
    int status = glp_intopt(lp, &parm);
    int ms = glp_mip_status(lp);
    if ((status != 0 && status != GLP_ETMLIM && status != GLP_ESTOP &&
         status != GLP_EMIPGAP) ||
        (ms != GLP_OPT && ms != GLP_FEAS)) {
        solve_failed(lp, status, err, size);
        return -1;
    }
    out->optimal = st.proved || (ms == GLP_OPT && status == 0);
    out->gap = out->optimal ? 0.0 : st.gap;
    int rc = read_shifts(lp, p, required, out) == 0 &&
             (p->n_lines == 0 || shifts_roster_deal(lp, p, out) == 0) ? 0 : -1;
    out->overlaps = rc == 0 ? shifts_overlaps(out) : 0;
    if (rc != 0)
        snprintf(err, size, "out of memory");
    return rc;
}

int shifts_solve(const struct shift_params *sp, const int *required, struct shift_plan *out,
                 char *err, size_t size)
{
    memset(out, 0, sizeof *out);
    for (int q = 0; q < SCHEDULE_SLOTS; q++) {
        uint8_t need[SCHEDULE_SLOTS] = { 0 };
        if (required[q] <= 0)
            continue;
        need[q] = 1;
        if (shifts_first_uncovered(sp, need) >= 0) {
            char when[40];
            shifts_quarter_words(q, when, sizeof when);
            snprintf(err, size, "no allowed shift covers %s, where %d agents are needed", when,
                     required[q]);
            return -1;
        }
    }
    int run = shifts_longest_run(sp);
    if (sp->min_days > run && !sp->days_off_any) {
        snprintf(err, size, "no roster line can work %d days in a row when shifts start on at "
                 "most %d days in a row: its days off would not be together", sp->min_days, run);
        return -1;
    }
    struct program p = { .sp = sp };
    if (enumerate_columns(&p) != 0) {
        free(p.col);
        free(p.brk);
        snprintf(err, size, "out of memory");
        return -1;
    }
    glp_term_hook(silent, NULL);
    glp_prob *lp = glp_create_prob();
    int rc = -1;
    if (build(lp, &p, required) != 0)
        snprintf(err, size, "out of memory");
    else
        rc = solve(lp, &p, required, out, err, size);
    if (rc != 0)
        shifts_free(out);
    free(p.col);
    free(p.brk);
    glp_delete_prob(lp);
    glp_free_env();
    return rc;
}
