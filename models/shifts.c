/*
 * shifts: covering a requirement with GLPK, see shifts.h.
 */
#include "models/shifts.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/schedule.h"

int shifts_covers(const struct shift_params *sp, int day, int start_q, double length_h, int q)
{
    int start = day * SCHEDULE_SLOTS_PER_DAY + start_q;
    int len = (int)lround(length_h * 4.0);
    int off = ((q - start) % SCHEDULE_SLOTS + SCHEDULE_SLOTS) % SCHEDULE_SLOTS;
    if (off >= len)
        return 0;
    int b0 = (int)lround(sp->break_after_h * 4.0), bl = (int)lround(sp->break_min / 15.0);
    return !(bl > 0 && off >= b0 && off < b0 + bl && b0 + bl <= len);
}

static double paid_hours(const struct shift_params *sp, double length_h)
{
    int b0 = (int)lround(sp->break_after_h * 4.0), bl = (int)lround(sp->break_min / 15.0);
    int len = (int)lround(length_h * 4.0);
    return length_h - (bl > 0 && b0 + bl <= len ? sp->break_min / 60.0 : 0.0);
}

struct shift_type {
    int day, start_q;
    double length_h;
};

static int silent(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;   /* GLPK's terminal output is not ours to print */
}

/* Every allowed (day, start, length); *types is freed by the caller. */
static int enumerate_types(const struct shift_params *sp, struct shift_type **types, int *nt,
                           char *err, size_t size)
{
    int cap = 7 * sp->n_starts * sp->n_lengths;
    *nt = 0;
    *types = malloc((size_t)(cap ? cap : 1) * sizeof **types);
    if (!*types) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    for (int d = 0; d < 7; d++)
        if (sp->days[d])
            for (int s = 0; s < sp->n_starts; s++)
                for (int l = 0; l < sp->n_lengths; l++)
                    (*types)[(*nt)++] = (struct shift_type){ d, sp->starts[s], sp->lengths_h[l] };
    return 0;
}

/* Every quarter that needs agents must be coverable at all. */
static int check_coverable(const struct shift_params *sp, const int *required,
                           const struct shift_type *types, int nt, char *err, size_t size)
{
    for (int q = 0; q < SCHEDULE_SLOTS; q++) {
        if (required[q] <= 0)
            continue;
        int any = 0;
        for (int t = 0; t < nt && !any; t++)
            any = shifts_covers(sp, types[t].day, types[t].start_q, types[t].length_h, q);
        if (!any) {
            int m = (q % SCHEDULE_SLOTS_PER_DAY) * 15;
            snprintf(err, size, "no allowed shift covers %s %02d:%02d, where %d agents are "
                     "needed", schedule_days[q / SCHEDULE_SLOTS_PER_DAY].full, m / 60, m % 60,
                     required[q]);
            return -1;
        }
    }
    return 0;
}

/* One integer column per shift type costed by its paid hours, one row per needed quarter. */
static int build_program(glp_prob *lp, const struct shift_params *sp, const int *required,
                         const struct shift_type *types, int nt, char *err, size_t size)
{
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, nt);
    for (int t = 0; t < nt; t++) {
        glp_set_col_kind(lp, t + 1, GLP_IV);
        glp_set_col_bnds(lp, t + 1, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, t + 1, paid_hours(sp, types[t].length_h) * sp->cost_hour +
                                        1e-6 * types[t].length_h);  /* ties: shorter shifts */
    }
    int *ia = malloc(((size_t)nt * SCHEDULE_SLOTS + 1) * sizeof *ia);
    int *ja = malloc(((size_t)nt * SCHEDULE_SLOTS + 1) * sizeof *ja);
    double *ar = malloc(((size_t)nt * SCHEDULE_SLOTS + 1) * sizeof *ar);
    int rows = 0, nz = 0, rc = -1;
    if (!ia || !ja || !ar) {
        snprintf(err, size, "out of memory");
        goto out;
    }
    for (int q = 0; q < SCHEDULE_SLOTS; q++) {
        if (required[q] <= 0)
            continue;
        rows = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, rows, GLP_LO, required[q], 0.0);
        for (int t = 0; t < nt; t++)
            if (shifts_covers(sp, types[t].day, types[t].start_q, types[t].length_h, q)) {
                nz++;
                ia[nz] = rows;
                ja[nz] = t + 1;
                ar[nz] = 1.0;
            }
    }
    glp_load_matrix(lp, nz, ia, ja, ar);
    rc = 0;
out:
    free(ia);
    free(ja);
    free(ar);
    return rc;
}

/* The shifts the solution uses, their paid hours and the coverage they give. */
static int read_solution(glp_prob *lp, const struct shift_params *sp,
                         const struct shift_type *types, int nt, struct shift_plan *out,
                         char *err, size_t size)
{
    out->used = malloc((size_t)(nt ? nt : 1) * sizeof *out->used);
    if (!out->used) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    for (int t = 0; t < nt; t++) {
        int x = (int)lround(glp_mip_col_val(lp, t + 1));
        if (x <= 0)
            continue;
        out->used[out->n++] = (struct shift_count){ types[t].day, types[t].start_q,
                                                    types[t].length_h, x };
        out->paid_hours += x * paid_hours(sp, types[t].length_h);
        for (int q = 0; q < SCHEDULE_SLOTS; q++)
            out->coverage[q] += x * shifts_covers(sp, types[t].day, types[t].start_q,
                                                  types[t].length_h, q);
    }
    out->cost = out->paid_hours * sp->cost_hour;
    return 0;
}

int shifts_solve(const struct shift_params *sp, const int *required, struct shift_plan *out,
                 char *err, size_t size)
{
    memset(out, 0, sizeof *out);
    struct shift_type *types;
    int nt;
    if (enumerate_types(sp, &types, &nt, err, size) != 0)
        return -1;
    if (check_coverable(sp, required, types, nt, err, size) != 0) {
        free(types);
        return -1;
    }
    glp_term_hook(silent, NULL);
    glp_prob *lp = glp_create_prob();
    int rc = -1;
    if (build_program(lp, sp, required, types, nt, err, size) != 0)
        goto out;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.tm_lim = 60000;
    int status = glp_intopt(lp, &parm);
    if (status != 0 || (glp_mip_status(lp) != GLP_OPT && glp_mip_status(lp) != GLP_FEAS)) {
        snprintf(err, size, "the shift integer program was not solved (GLPK status %d)", status);
        goto out;
    }
    rc = read_solution(lp, sp, types, nt, out, err, size);
out:
    free(types);
    glp_delete_prob(lp);
    glp_free_env();
    return rc;
}

void shifts_free(struct shift_plan *plan)
{
    free(plan->used);
    plan->used = NULL;
    plan->n = 0;
}
