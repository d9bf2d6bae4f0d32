/*
 * bench_year: one year of the baseline municipality, one replication on
 * one thread.  Prints needs per second of wall time, contacts per second,
 * and the peak resident memory of the process.
 *
 * usage: bench_year [DAYS] [SCENARIO]     (default 365 days of scenarios/baseline.cfg)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "models/experiment.h"
#include "scenarios/loader.h"

#include "bench/bench_util.h"

int main(int argc, char **argv)
{
    double days = argc > 1 ? atof(argv[1]) : 365.0;
    const char *path = argc > 2 ? argv[2] : CHANMIX_SOURCE_DIR "/scenarios/baseline.cfg";
    static struct model m;
    if (bench_load(path, &m) != 0)
        return 2;
    m.horizon_s = m.warmup_s + days * 86400.0;
    double t0 = bench_seconds(), c0 = bench_cpu_seconds();
    struct experiment e;
    if (experiment_run(&e, &m, 1, 1, NULL, NULL) != 0)
        return 1;
    double elapsed = bench_seconds() - t0, cpu = bench_cpu_seconds() - c0;
    double needs = experiment_get(&e, "needs.arrived")->mean;
    double contacts = 0.0;
    char p[128];
    for (int c = 0; c < m.n_channels; c++) {
        snprintf(p, sizeof p, "channels.%s.offered", m.channels[c].name);
        contacts += experiment_get(&e, p)->mean;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bench_year: %s, %.0f days, %ld citizens: %.0f needs, %.0f contacts in %.2f s\n",
           m.name, days, m.population, needs, contacts, elapsed);
    printf("bench_year: %.0f needs/s, %.0f contacts/s on one core; peak RSS %.1f MB\n",
           needs / elapsed, contacts / elapsed, ru.ru_maxrss / 1024.0);
    printf("bench_year: CPU %.2f s: %.0f needs per CPU second\n", cpu, needs / cpu);
    experiment_free(&e);
    return 0;
}
