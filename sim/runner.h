/*
 * runner: runs independent replications in parallel with OpenMP.
 *
 * Each replication writes its results into its own slot of the caller's
 * array, so the outcome does not depend on which thread ran it or when: the
 * merge that follows reads the slots in replication order.  Progress is
 * reported through a callback, called from one thread at a time; the kernel
 * never prints.
 */
#ifndef CHANMIX_SIM_RUNNER_H
#define CHANMIX_SIM_RUNNER_H

#include <stddef.h>

/* Runs replication `rep` and fills `slot`; returns 0 or a negative error. */
typedef int (*runner_fn)(void *ctx, int rep, void *slot);

/* Told after each replication: how many are done of how many. */
typedef void (*runner_progress_fn)(void *ctx, int done, int total);

struct runner_spec {
    int replications;
    int threads;                    /* <= 0: OpenMP's default */
    runner_fn run;
    void *ctx;
    void *slots;                    /* replications * slot_size bytes */
    size_t slot_size;
    runner_progress_fn progress;    /* may be NULL */
    void *progress_ctx;
};

/*
 * Runs every replication.  Returns 0, or the error of the lowest-numbered
 * replication that failed (the others still run to completion).
 */
int runner_run(const struct runner_spec *spec);

#endif
