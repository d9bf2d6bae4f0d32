/*
 * bench_phone_day: one Monday of a phone line whose load and staffing vary
 * through the day (bench/phone_day.cfg: about 1,000 calls from 08:30 to
 * 17:00, 7 to 15 agents), run for 1,000 replications on one thread.  Short
 * replications are where a world's set-up counts: each thread keeps its
 * world from one replication to the next.  Prints calls per second of wall
 * time and of CPU time, and the abandonment it simulated.
 *
 * usage: bench_phone_day [REPLICATIONS] [THREADS]     (default 1000, 1)
 */
#include <stdio.h>
#include <stdlib.h>

#include "models/experiment.h"
#include "scenarios/loader.h"

#include "bench/bench_util.h"

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 1000;
    int threads = argc > 2 ? atoi(argv[2]) : 1;
    static struct model m;
    if (bench_load(CHANMIX_SOURCE_DIR "/bench/phone_day.cfg", &m) != 0)
        return 2;
    double t0 = bench_seconds(), c0 = bench_cpu_seconds();
    struct experiment e;
    if (experiment_run(&e, &m, reps, threads, NULL, NULL) != 0)
        return 1;
    double elapsed = bench_seconds() - t0, cpu = bench_cpu_seconds() - c0;
    double calls = experiment_get(&e, "channels.phone.offered")->mean * reps;
    const struct estimate *ab = experiment_get(&e, "channels.phone.p_abandon");
    printf("bench_phone_day: %d replications of one day on %d thread(s), %.0f calls in %.3f s: "
           "%.2f million calls/s\n", reps, threads, calls, elapsed, calls / elapsed / 1e6);
    printf("bench_phone_day: CPU %.3f s: %.2f million calls per CPU second\n", cpu,
           calls / cpu / 1e6);
    printf("bench_phone_day: abandoned %.2f%% ± %.2f\n", 100.0 * ab->mean, 100.0 * ab->ci95);
    experiment_free(&e);
    model_release(&m);
    return 0;
}
