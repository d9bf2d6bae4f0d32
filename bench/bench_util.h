/*
 * bench_util: what every benchmark needs: a monotonic wall clock, the
 * process's CPU time, and a scenario loaded or its errors printed.
 *
 * On a machine shared with other work, wall time counts the time spent
 * waiting for a core; CPU time does not, so each benchmark prints both.
 */
#ifndef CHANMIX_BENCH_UTIL_H
#define CHANMIX_BENCH_UTIL_H

#include <stdio.h>
#include <time.h>

#include "scenarios/loader.h"

static inline double bench_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds used by the process so far, all threads. */
static inline double bench_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Loads path into *m; returns 0, or -1 after printing its errors on stderr. */
static inline int bench_load(const char *path, struct model *m)
{
    struct scenario_errors err;
    int rc = scenario_load(path, m, &err);
    for (size_t i = 0; i < err.n; i++)
        fprintf(stderr, "%s\n", err.lines[i]);
    scenario_errors_free(&err);
    return rc;
}

#endif
