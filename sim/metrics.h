/*
 * metrics: a named, flat vector of per-replication figures.
 *
 * A model declares its figures once, as slash-separated paths
 * ("channels/phone/offered"), before any replication runs; each replication
 * then fills a plain array of doubles at the indices the declarations
 * returned.  Keeping results flat makes every later step generic: the mean
 * and confidence interval of each figure over replications, the paired
 * differences between scenarios run on common random numbers, and writers
 * that rebuild the nesting from the paths.
 */
#ifndef CHANMIX_SIM_METRICS_H
#define CHANMIX_SIM_METRICS_H

#include <stddef.h>
#include "sim/stats.h"

#define METRICS_PATH_MAX 128

struct metrics_layout {
    size_t n, cap;
    char (*paths)[METRICS_PATH_MAX];
};

struct metrics_layout *metrics_layout_alloc(void);
void metrics_layout_free(struct metrics_layout *l);

/* Declares a figure by printf-style path; returns its index, or -1 (no memory, path too long). */
long metrics_declare(struct metrics_layout *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Index of a path, or -1 when it was never declared. */
long metrics_find(const struct metrics_layout *l, const char *path);

/*
 * Mean and 95% interval of each figure over `reps` replication vectors
 * stored row after row in `values` (reps * l->n doubles).  out has l->n entries.
 */
void metrics_summarise(const struct metrics_layout *l, const double *values, size_t reps,
                       struct estimate *out);

/*
 * The same for the paired difference b - a of two runs on common random
 * numbers: the interval comes from the per-replication differences, which is
 * what makes it narrower than comparing two independent intervals.
 * Returns 0, or -1 when memory runs out.
 */
int metrics_summarise_difference(const struct metrics_layout *l, const double *a,
                                 const double *b, size_t reps, struct estimate *out);

/*
 * The same across two layouts (scenarios that differ in channels or
 * segments): for each figure of lb that la also has, present[i] = 1 and
 * out[i] is the paired difference b - a; elsewhere present[i] = 0.
 * Returns 0, or -1 when memory runs out.
 */
int metrics_summarise_paired(const struct metrics_layout *la, const double *a,
                             const struct metrics_layout *lb, const double *b, size_t reps,
                             struct estimate *out, unsigned char *present);

#endif
