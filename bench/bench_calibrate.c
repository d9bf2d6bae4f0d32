/*
 * bench_calibrate: calibrating the baseline to its channel totals, as
 * `chanmix calibrate scenarios/baseline.cfg --observed
 * scenarios/data/observed.csv --period-days 28` does it: the example
 * history's January contacts on phone, chat and desk fix the shares among
 * the three and their total over 28 days.  Prints the rounds, the largest
 * residual, the time per round and in all.
 *
 * usage: bench_calibrate [SCENARIO.cfg OBSERVED.csv PERIOD_DAYS] [THREADS] [REPEATS]
 *        (default: the baseline and scenarios/data/observed.csv over 28 days,
 *        all cores, 3 repeats; the median time)
 */
#include <stdio.h>
#include <stdlib.h>

#include "models/calibrate.h"
#include "scenarios/observed_csv.h"

#include "bench/bench_util.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const struct model *m, const struct calibrate_result *r)
{
    printf("rounds %d (kept %d), fitted: %s\n", r->rounds, r->best, r->fits ? "yes" : "no");
    printf("largest |residual| / tolerance by round:");
    for (int k = 0; k < r->rounds; k++)
        printf(" %.2f", r->history[k].worst);
    printf("\n");
    for (int i = 0; i < r->n_targets; i++) {
        const struct calibrate_target *t = &r->targets[i];
        const char *ch = t->channel >= 0 ? m->channels[t->channel].name
                       : t->channel == CALIBRATE_TOTAL ? "total" : "others";
        if (t->channel == CALIBRATE_TOTAL)
            printf("  %-8s observed %8.0f  simulated %8.0f ± %5.0f  residual %+6.2f%%\n", ch,
                   t->observed, t->sim.mean, t->sim.ci95,
                   100.0 * (t->sim.mean - t->observed) / t->observed);
        else
            printf("  %-8s observed %7.2f%%  simulated %7.2f%% ± %4.2f  residual %+5.2f pp\n", ch,
                   100.0 * t->observed, 100.0 * t->sim.mean, 100.0 * t->sim.ci95,
                   100.0 * (t->sim.mean - t->observed));
    }
}

int main(int argc, char **argv)
{
    const char *scenario = argc > 3 ? argv[1] : CHANMIX_SOURCE_DIR "/scenarios/baseline.cfg";
    const char *observed = argc > 3 ? argv[2] : CHANMIX_SOURCE_DIR "/scenarios/data/observed.csv";
    double period = argc > 3 ? atof(argv[3]) : 28.0;
    int threads = argc > 4 ? atoi(argv[4]) : 0, repeats = argc > 5 ? atoi(argv[5]) : 3;
    if (repeats < 1 || repeats > 99 || period <= 0) {
        fprintf(stderr, "usage: bench_calibrate [SCENARIO.cfg OBSERVED.csv PERIOD_DAYS] "
                "[THREADS] [REPEATS]\n");
        return 2;
    }
    static struct model m;
    static struct calibrate_observed obs;
    if (bench_load(scenario, &m) != 0)
        return 2;
    struct scenario_errors err = { NULL, 0 };
    if (observed_csv_read(observed, observed, &m, &obs, &err) != 0) {
        for (size_t i = 0; i < err.n; i++)
            fprintf(stderr, "%s\n", err.lines[i]);
        scenario_errors_free(&err);
        return 2;
    }
    struct calibrate_options o = { 0.02, period, 20, 0, threads };
    char msg[800];
    if (calibrate_check(&m, &obs, &o, msg, sizeof msg) != 0) {
        fprintf(stderr, "%s\n", msg);
        return 2;
    }
    double t[99];
    struct calibrate_result r;
    for (int k = 0; k < repeats; k++) {
        double t0 = bench_seconds();
        int rc = calibrate_run(&m, &obs, &o, NULL, NULL, &r);
        t[k] = bench_seconds() - t0;
        if (rc < 0)
            return 1;
        if (k == 0) {
            printf("%s to %s over %g days, %d replications a round, %d threads\n", m.name,
                   observed, period, r.replications, threads);
            report(&m, &r);
        }
        if (k + 1 < repeats)
            calibrate_free(&r);
    }
    qsort(t, (size_t)repeats, sizeof *t, cmp_double);
    printf("time: %.2f s (median of %d; %.2f to %.2f), %.2f s a round\n", t[repeats / 2],
           repeats, t[0], t[repeats - 1], t[repeats / 2] / r.rounds);
    calibrate_free(&r);
    model_release(&m);
    return 0;
}
