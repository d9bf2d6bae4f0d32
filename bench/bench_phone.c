/*
 * bench_phone: the phone channel on the Erlang C reference load.
 *
 * 100 calls per half hour, 180 s handling, 14 agents, no abandonment: the
 * tests/scenarios/erlang_c.cfg scenario, run through the whole model (world,
 * station, statistics) on one thread.  Prints calls per second of wall time
 * and the simulated service level beside Erlang C's.
 *
 * usage: bench_phone [REPLICATIONS] [DAYS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "models/erlang.h"
#include "models/experiment.h"
#include "scenarios/loader.h"

#include "bench/bench_util.h"

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 10;
    double days = argc > 2 ? atof(argv[2]) : 100.0;
    static struct model m;
    if (bench_load(CHANMIX_SOURCE_DIR "/tests/scenarios/erlang_c.cfg", &m) != 0)
        return 2;
    m.horizon_s = m.warmup_s + days * 86400.0;
    double t0 = bench_seconds(), c0 = bench_cpu_seconds();
    struct experiment e;
    if (experiment_run(&e, &m, reps, 1, NULL, NULL) != 0)
        return 1;
    double elapsed = bench_seconds() - t0, cpu = bench_cpu_seconds() - c0;
    const struct estimate *offered = experiment_get(&e, "channels.phone.offered");
    const struct estimate *sl = experiment_get(&e, "channels.phone.service_level");
    double calls = offered->mean * reps;
    struct erlang_result ec;
    erlang_c(100.0 / 1800.0, 180.0, 14, 20.0, &ec);
    printf("bench_phone: %d replications x %.0f days, %.0f calls in %.3f s: "
           "%.2f million calls/s on one thread\n", reps, days, calls, elapsed,
           calls / elapsed / 1e6);
    printf("bench_phone: CPU %.3f s: %.2f million calls per CPU second\n", cpu,
           calls / cpu / 1e6);
    printf("bench_phone: service level %.4f ± %.4f (Erlang C %.4f)\n", sl->mean, sl->ci95,
           ec.service_level);
    experiment_free(&e);
    return 0;
}
