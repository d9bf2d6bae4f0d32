/*
 * bench_population: population synthesis alone.
 *
 * Draws N citizens (10^7 by default) from the baseline's four segments with
 * the replication-0 population stream, as a world does at start-up.  Prints
 * citizens per second of population_generate, the record size and the
 * array's total, and the process's peak resident set, which a run at scale
 * has to fit in memory once per thread.
 *
 * usage: bench_population [CITIZENS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>

#include "models/population.h"
#include "models/world.h"
#include "scenarios/loader.h"
#include "sim/rng.h"

#include "bench/bench_util.h"

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000000L;
    if (n <= 0 || n > (long)UINT32_MAX) {
        fprintf(stderr, "usage: bench_population [CITIZENS], 1 to %lu\n",
                (unsigned long)UINT32_MAX);
        return 2;
    }
    static struct model m;
    if (bench_load(CHANMIX_SOURCE_DIR "/scenarios/baseline.cfg", &m) != 0)
        return 2;
    m.population = n;
    gsl_rng *r = rng_stream_alloc(m.seed, 0, PURPOSE_POPULATION);
    if (!r)
        return 1;

    struct population p;
    double t0 = bench_seconds();
    if (population_generate(&p, &m, r) != 0) {
        fprintf(stderr, "bench_population: out of memory for %ld citizens\n", n);
        return 1;
    }
    double elapsed = bench_seconds() - t0;

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);    /* ru_maxrss is in KiB on Linux */
    double mb = (double)p.n * sizeof *p.citizens / 1e6;
    printf("bench_population: %u citizens in %.3f s: %.2f million citizens/s\n", p.n,
           elapsed, p.n / elapsed / 1e6);
    printf("bench_population: %zu bytes per citizen, %.1f MB in all; peak RSS %.1f MB\n",
           sizeof *p.citizens, mb, ru.ru_maxrss * 1024.0 / 1e6);
    population_free(&p);
    gsl_rng_free(r);
    return 0;
}
