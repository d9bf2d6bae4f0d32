/*
 * runner: runs independent replications in parallel with OpenMP.
 *
 * Each replication writes its results into its own slot of the caller's
 * array, so the outcome does not depend on which thread ran it or when: the
 * merge that follows reads the slots in replication order.  A thread may
 * keep state between its replications (memory, never results: which
 * replications a thread runs depends on timing).  Progress is
 * reported through a callback, called from one thread at a time; the kernel
 * never prints.
 */
#ifndef CHANMIX_SIM_RUNNER_H
#define CHANMIX_SIM_RUNNER_H

#include <stddef.h>

/*
 * Runs replication `rep` and fills `slot`; returns 0 or a negative error.
 * `state` is the running thread's own (see thread_open), or NULL.
 */
typedef int (*runner_fn)(void *ctx, int rep, void *slot, void *state);

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
    /*
     * Optional: state a thread keeps from one replication to the next (a
     * world's memory, so it is not freed and faulted in again each time).
     * thread_open may return NULL (out of memory): run then gets NULL.
     */
    void *(*thread_open)(void *ctx);
    void (*thread_close)(void *state);
};

/*
 * Runs every replication.  Returns 0, or the error of the lowest-numbered
 * replication that failed (the others still run to completion).
 */
int runner_run(const struct runner_spec *spec);

#endif
