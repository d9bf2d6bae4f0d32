/*
 * metrics: declared figures and their summaries, see metrics.h.
 */
#include "sim/metrics.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct metrics_layout *metrics_layout_alloc(void)
{
    return calloc(1, sizeof(struct metrics_layout));
}

void metrics_layout_free(struct metrics_layout *l)
{
    if (!l)
        return;
    free(l->paths);
    free(l);
}

long metrics_declare(struct metrics_layout *l, const char *fmt, ...)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        void *p = realloc(l->paths, cap * sizeof *l->paths);
        if (!p)
            return -1;
        l->paths = p;
        l->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(l->paths[l->n], METRICS_PATH_MAX, fmt, ap);
    va_end(ap);
    if (len < 0 || len >= METRICS_PATH_MAX)
        return -1;
    return (long)l->n++;
}

long metrics_find(const struct metrics_layout *l, const char *path)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->paths[i], path) == 0)
            return (long)i;
    return -1;
}

void metrics_summarise(const struct metrics_layout *l, const double *values, size_t reps,
                       struct estimate *out)
{
    for (size_t i = 0; i < l->n; i++)
        out[i] = stats_estimate(values + i, l->n, reps);
}

int metrics_summarise_difference(const struct metrics_layout *l, const double *a,
                                 const double *b, size_t reps, struct estimate *out)
{
    unsigned char *present = malloc(l->n ? l->n : 1);
    if (!present)
        return -1;
    int rc = metrics_summarise_paired(l, a, l, b, reps, out, present);
    free(present);
    return rc;
}

int metrics_summarise_paired(const struct metrics_layout *la, const double *a,
                             const struct metrics_layout *lb, const double *b, size_t reps,
                             struct estimate *out, unsigned char *present)
{
    double *d = malloc((reps ? reps : 1) * sizeof *d);
    if (!d)
        return -1;
    /* the usual case: the same figures in the same order */
    int same = la->n == lb->n;
    for (size_t i = 0; same && i < la->n; i++)
        same = strcmp(la->paths[i], lb->paths[i]) == 0;
    for (size_t i = 0; i < lb->n; i++) {
        long j = same ? (long)i : metrics_find(la, lb->paths[i]);
        present[i] = j >= 0;
        if (j < 0) {
            out[i] = (struct estimate){ 0.0, 0.0 };
            continue;
        }
        for (size_t r = 0; r < reps; r++)
            d[r] = b[r * lb->n + i] - a[r * la->n + (size_t)j];
        out[i] = stats_estimate(d, 1, reps);
    }
    free(d);
    return 0;
}
