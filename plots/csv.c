/*
 * csv: tables of figures, see csv.h.
 */
#include "plots/csv.h"

#include <math.h>
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

/* Splits p (after the prefix) into `keys` key segments and the column name. */
static int split(const char *p, int keys, const char **seg, size_t *len, const char **col)
{
    for (int k = 0; k < keys; k++) {
        const char *slash = strchr(p, '/');
        if (!slash)
            return -1;
        seg[k] = p;
        len[k] = (size_t)(slash - p);
        p = slash + 1;
    }
    *col = p;
    return 0;
}

/* Whether the path's first key is the one to leave out. */
static int skipped(const char *p, const char *skip)
{
    size_t n = skip ? strlen(skip) : 0;
    return skip && strncmp(p, skip, n) == 0 && p[n] == '/';
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

int csv_write_table(FILE *f, const struct metrics_layout *l, const struct estimate *est,
                    const char *prefix, int keys, const char *const *key_names,
                    const char *skip)
{
    if (keys == 0)
        return write_long(f, l, est, prefix, key_names[0]);
    size_t plen = strlen(prefix);
    const char *seg[2], *col;
    size_t len[2];
    /* the columns are those of the first row */
    size_t first = l->n, row_end = l->n;
    for (size_t i = 0; i < l->n; i++) {
        if (strncmp(l->paths[i], prefix, plen) != 0 || skipped(l->paths[i] + plen, skip) ||
            split(l->paths[i] + plen, keys, seg, len, &col))
            continue;
        if (first == l->n)
            first = i;
        else if (row_end == l->n) {
            const char *s0[2], *c0;
            size_t l0[2];
            split(l->paths[first] + plen, keys, s0, l0, &c0);
            int same = 1;
            for (int k = 0; k < keys; k++)
                same &= l0[k] == len[k] && strncmp(s0[k], seg[k], len[k]) == 0;
            if (!same)
                row_end = i;
        }
    }
    if (first == l->n)
        return 0;
    for (int k = 0; k < keys; k++)
        fprintf(f, "%s,", key_names[k]);
    size_t ncols = 0;
    for (size_t i = first; i < row_end; i++) {
        if (split(l->paths[i] + plen, keys, seg, len, &col))
            continue;
        char name[METRICS_PATH_MAX];
        snprintf(name, sizeof name, "%s", col);
        for (char *c = name; *c; c++)
            if (*c == '/')
                *c = '.';
        fprintf(f, "%s%s_mean,%s_ci95", ncols ? "," : "", name, name);
        ncols++;
    }
    fputc('\n', f);
    size_t in_row = 0;
    for (size_t i = first; i < l->n; i++) {
        if (strncmp(l->paths[i], prefix, plen) != 0 || skipped(l->paths[i] + plen, skip) ||
            split(l->paths[i] + plen, keys, seg, len, &col))
            continue;
        if (in_row == 0)
            for (int k = 0; k < keys; k++) {
                field(f, seg[k], len[k]);
                fputc(',', f);
            }
        else
            fputc(',', f);
        number(f, est[i].mean);
        fputc(',', f);
        number(f, est[i].ci95);
        if (++in_row == ncols) {
            fputc('\n', f);
            in_row = 0;
        }
    }
    return ferror(f) ? -1 : 0;
}
