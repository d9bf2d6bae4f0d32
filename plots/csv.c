/*
 * csv: tables of figures, see csv.h.
 */
#include "plots/csv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void field(FILE *f, const char *s, size_t len)
{
    int quote = 0;
    for (size_t i = 0; i < len; i++)
        quote |= s[i] == ',' || s[i] == '"' || s[i] == '\n';
    if (!quote) {
        fwrite(s, 1, len, f);
        return;
    }
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i], f);
    }
    fputc('"', f);
}

static void number(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.12g", v == 0.0 ? 0.0 : v);
}

/* Splits p (after the prefix) into `keys` key parts and the column name. */
static int split(const char *p, int keys, const char **seg, size_t *len, const char **col)
{
    for (int k = 0; k < keys; k++) {
        const char *dot = strchr(p, '.');
        if (!dot)
            return -1;
        seg[k] = p;
        len[k] = (size_t)(dot - p);
        p = dot + 1;
    }
    *col = p;
    return 0;
}

/* Whether the path's first key is the one to leave out. */
static int skipped(const char *p, const char *skip)
{
    size_t n = skip ? strlen(skip) : 0;
    return skip && strncmp(p, skip, n) == 0 && p[n] == '.';
}

static int write_long(FILE *f, const struct metrics_layout *l, const struct estimate *est,
                      const char *prefix, const char *key_name)
{
    size_t plen = strlen(prefix);
    fprintf(f, "%s,mean,ci95\n", key_name);
    for (size_t i = 0; i < l->n; i++) {
        if (strncmp(l->paths[i], prefix, plen) != 0)
            continue;
        const char *name = l->paths[i] + plen;
        field(f, name, strlen(name));
        fputc(',', f);
        number(f, est[i].mean);
        fputc(',', f);
        number(f, est[i].ci95);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

/* The figures of one table: each figure's row, and the distinct columns. */
struct grid {
    const char *prefix, *skip;
    int keys;
    size_t *row_of;     /* per layout index: row + 1, or 0 when not in the table */
    size_t *first;      /* per row: its first layout index */
    size_t rows;
    const char **cols;  /* column names, pointing into the layout's paths */
    size_t ncols;
};

static const char *column_of(const struct grid *g, const char *path)
{
    const char *seg[2], *col = NULL;
    size_t len[2];
    split(path + strlen(g->prefix), g->keys, seg, len, &col);
    return col;
}

/* Whether paths a and b (both in the table) have the same keys. */
static int same_row(const struct grid *g, const char *a, const char *b)
{
    const char *sa[2], *sb[2], *ca, *cb;
    size_t la[2], lb[2];
    size_t plen = strlen(g->prefix);
    split(a + plen, g->keys, sa, la, &ca);
    split(b + plen, g->keys, sb, lb, &cb);
    for (int k = 0; k < g->keys; k++)
        if (la[k] != lb[k] || strncmp(sa[k], sb[k], la[k]) != 0)
            return 0;
    return 1;
}

static int grid_build(struct grid *g, const struct metrics_layout *l)
{
    size_t plen = strlen(g->prefix), n = l->n ? l->n : 1;
    g->row_of = calloc(n, sizeof *g->row_of);
    g->first = calloc(n, sizeof *g->first);
    g->cols = calloc(n, sizeof *g->cols);
    if (!g->row_of || !g->first || !g->cols)
        return -1;
    const char *seg[2], *col = NULL;
    size_t len[2];
    for (size_t i = 0; i < l->n; i++) {
        if (strncmp(l->paths[i], g->prefix, plen) != 0 || skipped(l->paths[i] + plen, g->skip) ||
            split(l->paths[i] + plen, g->keys, seg, len, &col))
            continue;
        /* a row's figures are declared together */
        if (g->rows == 0 || !same_row(g, l->paths[g->first[g->rows - 1]], l->paths[i]))
            g->first[g->rows++] = i;
        g->row_of[i] = g->rows;
        size_t c = 0;
        while (c < g->ncols && strcmp(g->cols[c], col) != 0)
            c++;
        if (c == g->ncols)
            g->cols[g->ncols++] = col;
    }
    return 0;
}

static void grid_free(struct grid *g)
{
    free(g->row_of);
    free(g->first);
    free(g->cols);
}

static void write_header(FILE *f, const struct grid *g, const struct results_index *ix,
                         const char *const *key_names, const long *sample)
{
    for (int k = 0; k < g->keys; k++)
        fprintf(f, "%s,", key_names[k]);
    for (size_t c = 0; c < g->ncols; c++) {
        fprintf(f, "%s%s_mean,%s_ci95", c ? "," : "", g->cols[c], g->cols[c]);
        const struct figure_meta *fm = results_meta(ix, sample[c]);
        if (fm && fm->def->threshold != THRESHOLD_NONE)
            fprintf(f, ",%s_threshold_s", g->cols[c]);
    }
    fputc('\n', f);
}

int csv_write_table(FILE *f, const struct results_index *ix, const struct estimate *est,
                    const char *prefix, int keys, const char *const *key_names,
                    const char *skip)
{
    const struct metrics_layout *l = ix->layout;
    if (keys == 0)
        return write_long(f, l, est, prefix, key_names[0]);
    struct grid g = { prefix, skip, keys, NULL, NULL, 0, NULL, 0 };
    long *cell = NULL, *sample = NULL;
    int rc = -1;
    if (grid_build(&g, l) != 0)
        goto out;
    if (g.rows == 0) {
        rc = 0;
        goto out;
    }
    cell = malloc((g.ncols ? g.ncols : 1) * sizeof *cell);
    sample = malloc((g.ncols ? g.ncols : 1) * sizeof *sample);
    if (!cell || !sample)
        goto out;
    for (size_t c = 0; c < g.ncols; c++)
        for (size_t i = 0; i < l->n; i++)
            if (g.row_of[i] && strcmp(column_of(&g, l->paths[i]), g.cols[c]) == 0) {
                sample[c] = (long)i;
                break;
            }
    write_header(f, &g, ix, key_names, sample);
    for (size_t r = 0; r < g.rows; r++) {
        const char *seg[2], *col = NULL;
        size_t len[2];
        split(l->paths[g.first[r]] + strlen(prefix), keys, seg, len, &col);
        for (int k = 0; k < keys; k++) {
            field(f, seg[k], len[k]);
            fputc(',', f);
        }
        for (size_t c = 0; c < g.ncols; c++)
            cell[c] = -1;
        for (size_t i = g.first[r]; i < l->n && g.row_of[i] == r + 1; i++)
            for (size_t c = 0; c < g.ncols; c++)
                if (strcmp(column_of(&g, l->paths[i]), g.cols[c]) == 0)
                    cell[c] = (long)i;
        for (size_t c = 0; c < g.ncols; c++) {
            if (c)
                fputc(',', f);
            const struct figure_meta *fm = results_meta(ix, sample[c]);
            int threshold = fm && fm->def->threshold != THRESHOLD_NONE;
            if (cell[c] >= 0) {
                number(f, est[cell[c]].mean);
                fputc(',', f);
                number(f, est[cell[c]].ci95);
                if (threshold) {
                    fputc(',', f);
                    number(f, ix->meta[cell[c]].threshold_s);
                }
            } else {
                fputs(threshold ? ",," : ",", f);
            }
        }
        fputc('\n', f);
    }
    rc = ferror(f) ? -1 : 0;
out:
    free(cell);
    free(sample);
    grid_free(&g);
    return rc;
}
