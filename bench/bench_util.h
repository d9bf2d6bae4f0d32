/*
 * bench_util: what every benchmark needs, a monotonic wall clock.
 */
#ifndef CHANMIX_BENCH_UTIL_H
#define CHANMIX_BENCH_UTIL_H

#include <time.h>

static inline double bench_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#endif
