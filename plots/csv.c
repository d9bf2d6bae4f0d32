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

/* The CSV file as a sink: a comma before every cell but a row's first. */
static int file_text(void *ctx, int row, int col, const char *s, size_t len)
{
    (void)row;
    if (col)
        fputc(',', ctx);
    field(ctx, s, len);
    return 0;
}

static int file_number(void *ctx, int row, int col, double v, long figure)
{
    (void)row;
    (void)figure;
    if (col)
        fputc(',', ctx);
    if (isfinite(v))
        fprintf(ctx, "%.12g", v == 0.0 ? 0.0 : v);
    return 0;
}

static int file_end_row(void *ctx, int row)
{
    (void)row;
    return fputc('\n', ctx) == EOF ? -1 : 0;
}

static int text0(const struct csv_sink *k, int row, int col, const char *s)
{
    return k->text(k->ctx, row, col, s, strlen(s));
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

static int cells_long(const struct metrics_layout *l, const struct estimate *est,
                      const char *prefix, const char *key_name, const struct csv_sink *k)
{
    size_t plen = strlen(prefix);
    int row = 0;
    if (text0(k, 0, 0, key_name) || text0(k, 0, 1, "mean") || text0(k, 0, 2, "ci95") ||
        k->end_row(k->ctx, 0))
        return -1;
    for (size_t i = 0; i < l->n; i++) {
        if (strncmp(l->paths[i], prefix, plen) != 0)
            continue;
        row++;
        if (text0(k, row, 0, l->paths[i] + plen) ||
            k->number(k->ctx, row, 1, est[i].mean, (long)i) ||
            k->number(k->ctx, row, 2, est[i].ci95, (long)i) || k->end_row(k->ctx, row))
            return -1;
    }
    return 0;
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

static int cells_header(const struct grid *g, const struct results_index *ix,
                        const char *const *key_names, const long *sample,
                        const struct csv_sink *k)
{
    int col = 0;
    for (int i = 0; i < g->keys; i++)
        if (text0(k, 0, col++, key_names[i]))
            return -1;
    for (size_t c = 0; c < g->ncols; c++) {
        const struct figure_meta *fm = results_meta(ix, sample[c]);
        const char *suffix[3] = { "_mean", "_ci95", "_threshold_s" };
        int n = fm && fm->def->threshold != THRESHOLD_NONE ? 3 : 2;
        for (int j = 0; j < n; j++) {
            char name[METRICS_PATH_MAX + 16];
            snprintf(name, sizeof name, "%s%s", g->cols[c], suffix[j]);
            if (text0(k, 0, col++, name))
                return -1;
        }
    }
    return k->end_row(k->ctx, 0);
}

/* Row r of the grid: its keys, then each column's mean, ci95 and threshold. */
static int cells_row(const struct grid *g, const struct results_index *ix,
                     const struct estimate *est, const long *sample, long *cell, size_t r,
                     const struct csv_sink *k)
{
    const struct metrics_layout *l = ix->layout;
    const char *seg[2], *col = NULL;
    size_t len[2];
    int row = (int)r + 1, at = 0;
    split(l->paths[g->first[r]] + strlen(g->prefix), g->keys, seg, len, &col);
    for (int i = 0; i < g->keys; i++)
        if (k->text(k->ctx, row, at++, seg[i], len[i]))
            return -1;
    for (size_t c = 0; c < g->ncols; c++)
        cell[c] = -1;
    for (size_t i = g->first[r]; i < l->n && g->row_of[i] == r + 1; i++)
        for (size_t c = 0; c < g->ncols; c++)
            if (strcmp(column_of(g, l->paths[i]), g->cols[c]) == 0)
                cell[c] = (long)i;
    for (size_t c = 0; c < g->ncols; c++) {
        const struct figure_meta *fm = results_meta(ix, sample[c]);
        long i = cell[c];
        int bad = k->number(k->ctx, row, at++, i >= 0 ? est[i].mean : NAN, i);
        bad |= k->number(k->ctx, row, at++, i >= 0 ? est[i].ci95 : NAN, i);
        if (fm && fm->def->threshold != THRESHOLD_NONE)
            bad |= k->number(k->ctx, row, at++, i >= 0 ? ix->meta[i].threshold_s : NAN, -1);
        if (bad)
            return -1;
    }
    return k->end_row(k->ctx, row);
}

int csv_table_cells(const struct results_index *ix, const struct estimate *est,
                    const struct csv_table *t, const struct csv_sink *k)
{
    const struct metrics_layout *l = ix->layout;
    if (t->keys == 0)
        return cells_long(l, est, t->prefix, t->key_names[0], k);
    struct grid g = { t->prefix, t->skip, t->keys, NULL, NULL, 0, NULL, 0 };
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
    if (cells_header(&g, ix, t->key_names, sample, k))
        goto out;
    for (size_t r = 0; r < g.rows; r++)
        if (cells_row(&g, ix, est, sample, cell, r, k))
            goto out;
    rc = 0;
out:
    free(cell);
    free(sample);
    grid_free(&g);
    return rc;
}

int csv_write_table(FILE *f, const struct results_index *ix, const struct estimate *est,
                    const char *prefix, int keys, const char *const *key_names,
                    const char *skip)
{
    struct csv_table t = { NULL, prefix, keys, { key_names[0], keys > 1 ? key_names[1] : NULL },
                           skip };
    struct csv_sink k = { file_text, file_number, file_end_row, f };
    int rc = csv_table_cells(ix, est, &t, &k);
    return rc == 0 && !ferror(f) ? 0 : -1;
}
