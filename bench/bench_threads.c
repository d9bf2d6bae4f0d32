/*
 * bench_threads: parallel efficiency of replications.  Runs the same
 * replications on one thread and on THREADS threads, checks that the
 * results are the same bytes, and prints wall and CPU time of each:
 * efficiency is wall(1) / (THREADS x wall(THREADS)); CPU(THREADS) / CPU(1)
 * shows what running in parallel costs in work (1.00: nothing).  A shared
 * machine lowers the first and not the second.
 *
 * usage: bench_threads [THREADS] [REPLICATIONS] [DAYS] [SCENARIO]
 *        (default 2 threads, 8 replications of 28 days of scenarios/baseline.cfg)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/experiment.h"
#include "scenarios/loader.h"

#include "bench/bench_util.h"

static int timed_run(const struct model *m, int reps, int threads, struct experiment *e,
                     double *wall, double *cpu)
{
    double t0 = bench_seconds(), c0 = bench_cpu_seconds();
    int rc = experiment_run(e, m, reps, threads, NULL, NULL);
    *wall = bench_seconds() - t0;
    *cpu = bench_cpu_seconds() - c0;
    return rc;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    int reps = argc > 2 ? atoi(argv[2]) : 8;
    double days = argc > 3 ? atof(argv[3]) : 28.0;
    const char *path = argc > 4 ? argv[4] : CHANMIX_SOURCE_DIR "/scenarios/baseline.cfg";
    static struct model m;
    if (bench_load(path, &m) != 0)
        return 2;
    m.horizon_s = m.warmup_s + days * 86400.0;
    struct experiment one, many;
    double wall1, cpu1, wallt, cput;
    if (timed_run(&m, reps, 1, &one, &wall1, &cpu1) != 0 ||
        timed_run(&m, reps, threads, &many, &wallt, &cput) != 0)
        return 1;
    int same = memcmp(one.values, many.values,
                      (size_t)reps * one.ix.layout->n * sizeof *one.values) == 0;
    printf("bench_threads: %s, %d replications of %.0f days\n", m.name, reps, days);
    printf("bench_threads: 1 thread %.2f s wall, %.2f s CPU; %d threads %.2f s wall, %.2f s CPU\n",
           wall1, cpu1, threads, wallt, cput);
    printf("bench_threads: speed-up %.2f, efficiency %.2f; CPU ratio %.2f; results %s\n",
           wall1 / wallt, wall1 / (threads * wallt), cput / cpu1,
           same ? "byte-identical" : "DIFFER");
    experiment_free(&one);
    experiment_free(&many);
    model_release(&m);
    return same ? 0 : 1;
}
