/*
 * bench_sweep: a Sobol sweep of the baseline municipality over four
 * assumptions (phone handling time, the weight of waiting in channel
 * choice, seniors' patience, phone agents), 64 base points, so 64 x (4 + 2)
 * = 384 simulated points, each replication on common random numbers.
 * Prints the time of the points' simulation and of the analysis, points
 * and replications per second, and the first answer line.
 *
 * usage: bench_sweep [THREADS] [REPLICATIONS] [BASE_POINTS]   (default: all cores, 2, 64)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <omp.h>

#include "models/sweep_analysis.h"
#include "scenarios/loader.h"
#include "scenarios/override.h"

#include "bench/bench_util.h"

static const char *const path = CHANMIX_SOURCE_DIR "/scenarios/baseline.cfg";

struct bench_ctx {
    const struct sweep_spec *spec;
    const struct sweep_design *d;
    double load_s;      /* time spent loading points */
};

static int load(void *ctx, int point, int s, struct model *m, char *err, size_t size)
{
    struct bench_ctx *b = ctx;
    struct override ov[SWEEP_MAX_PARAMS];
    struct scenario_errors e;
    (void)s;
    double t0 = bench_seconds();
    for (int i = 0; point >= 0 && i < b->spec->n_params; i++)
        ov[i] = (struct override){ b->spec->params[i].path,
                                   b->d->value[(size_t)point * b->d->k + i],
                                   b->spec->params[i].integer };
    int rc = scenario_load_with(path, ov, point >= 0 ? b->spec->n_params : 0, m, &e);
    snprintf(err, size, "%s", e.n ? e.lines[0] : "");
    scenario_errors_free(&e);
    b->load_s += bench_seconds() - t0;
    return rc;
}

static void param(struct sweep_spec *s, const char *p, double lo, double hi)
{
    struct sweep_param *q = &s->params[s->n_params++];
    struct override_target t;
    char err[1024];
    snprintf(q->path, sizeof q->path, "%s", p);
    q->dist = SWEEP_UNIFORM;
    q->low = lo;
    q->high = hi;
    if (scenario_describe_setting(path, p, &t, err, sizeof err) != 0) {
        fprintf(stderr, "bench_sweep: %s\n", err);
        exit(2);
    }
    q->integer = t.integer;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : omp_get_max_threads();
    int reps = argc > 2 ? atoi(argv[2]) : 2;
    static struct model m;
    static struct sweep_spec spec;
    if (bench_load(path, &m) != 0)
        return 2;
    spec.method = SWEEP_SOBOL;
    spec.points = argc > 3 ? atoi(argv[3]) : 64;
    param(&spec, "channels.phone.handling.mean_s", 240.0, 420.0);
    param(&spec, "choice.wait", -0.15, -0.02);
    param(&spec, "segments.seniors.patience", 0.8, 1.6);
    param(&spec, "channels.phone.agents", 6.0, 12.0);
    struct sweep_design d;
    char err[1024];
    if (sweep_design_build(&d, &spec, m.seed, err, sizeof err) != 0) {
        fprintf(stderr, "bench_sweep: %s\n", err);
        return 2;
    }
    struct bench_ctx ctx = { &spec, &d, 0.0 };
    const char *paths[2] = { "cost.total.organisation", "channels.phone.service_level" };
    struct sweep_job job = { .n_points = d.n, .n_scenarios = 1, .replications = reps,
                             .threads = threads, .n_figures = 2, .paths = paths, .load = load,
                             .ctx = &ctx };
    struct sweep_results res;
    struct sweep_analysis an;
    double t0 = bench_seconds();
    if (sweep_run(&job, &res, err, sizeof err) != 0) {
        fprintf(stderr, "bench_sweep: %s\n", err);
        return 1;
    }
    double t1 = bench_seconds();
    if (sweep_analyse(&an, &d, &res, 2, 0, NULL, m.seed, err, sizeof err) != 0)
        return 1;
    double t2 = bench_seconds();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bench_sweep: %s, %d base points x 6 = %d points x %d replications of %.0f days, "
           "%d threads\n", m.name, spec.points, d.n, reps, (m.horizon_s - m.warmup_s) / 86400,
           threads);
    double cpu = ru.ru_utime.tv_sec + 1e-6 * ru.ru_utime.tv_usec;
    printf("bench_sweep: simulation %.2f s (loading the points %.2f s of it), analysis %.3f s; "
           "%.1f points/s, %.1f replications/s; CPU %.1f s (%.3f s a replication); peak RSS "
           "%.1f MB\n", t1 - t0, ctx.load_s, t2 - t1, d.n / (t2 - t0), d.n * reps / (t2 - t0),
           cpu, cpu / (d.n * reps), ru.ru_maxrss / 1024.0);
    for (int o = 0; o < 2; o++) {
        const struct sweep_output *out = &an.out[o];
        printf("bench_sweep: %s: 5%% %.4g, median %.4g, 95%% %.4g, noise ± %.3g; total indices",
               paths[o], out->p5, out->p50, out->p95, out->noise);
        for (int i = 0; i < d.k; i++)
            printf(" %.2f", out->total[i].value);
        printf("\n");
    }
    sweep_analysis_free(&an);
    sweep_results_free(&res);
    sweep_design_free(&d);
    return 0;
}
