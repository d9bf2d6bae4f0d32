/*
 * shifts_internal: the integer program of shifts.h as shifts_program.c
 * (shifts and breaks) and shifts_roster.c (roster lines) share it.
 * Nothing outside models/shifts_*.c includes this header.
 *
 * GLPK numbers columns from 1: shift types first, then their break
 * columns, then the roster columns (shifts_roster_column says which).
 */
#ifndef CHANMIX_MODELS_SHIFTS_INTERNAL_H
#define CHANMIX_MODELS_SHIFTS_INTERNAL_H

#include <glpk.h>

#include "models/shifts.h"

struct column {                     /* a shift type */
    int day, start_q, length;
    double paid_h;
};

struct break_column {               /* shifts of one type taking break rule b at pos */
    int type, rule, pos;
};

struct program {
    const struct shift_params *sp;
    struct column *col;
    int n_col;
    struct break_column *brk;
    int n_brk;
    int n_pat;                      /* days off together: the patterns a line may work */
    int pat[SHIFTS_MAX_PATTERNS];   /*   as masks of days (shifts_patterns); else 0 */
    int n_lines;                    /* roster columns: per length (and pattern), or none */
};

/* The coefficients of the rows, kept until the matrix is loaded. */
struct triplets {
    int *ia, *ja;
    double *ar;
    int n, cap;
};

/* Appends coefficient v at (row, col); 0 or -1 out of memory. */
int shifts_program_add(struct triplets *t, int row, int col, double v);

/* Sets p->n_pat, p->pat and p->n_lines from the rules. */
void shifts_roster_columns(struct program *p);

/* GLPK's index of the roster column of length l and pattern k (k 0 with any days off). */
int shifts_roster_column(const struct program *p, int l, int k);

/* The rows that tie each day's shifts of a length to the lines; 0 or -1 out of memory. */
int shifts_roster_rows(glp_prob *lp, const struct program *p, struct triplets *t);

/* The solution's lines, dealt the shifts already read into out->used; 0 or -1. */
int shifts_roster_deal(glp_prob *lp, const struct program *p, struct shift_plan *out);

#endif
