/*
 * bench_staff: time to plan one week of the baseline at 30-minute
 * intervals: the staffing search (Erlang per interval, then rounds of
 * simulation) and the shift program for every channel with shifts.
 *
 * usage: bench_staff [THREADS] [WEEKS]     (default: all cores, 1 week)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "models/shifts.h"
#include "models/staffing.h"
#include "models/workforce.h"
#include "scenarios/loader.h"

#include "bench/bench_util.h"

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 0;
    double weeks = argc > 2 ? atof(argv[2]) : 1.0;
    static struct model m;
    if (bench_load(CHANMIX_SOURCE_DIR "/scenarios/baseline.cfg", &m) != 0)
        return 2;
    m.horizon_s = m.warmup_s + weeks * 7 * 86400.0;
    m.interval_s = 1800.0;
    double t0 = bench_seconds();
    struct staffing_plan plan;
    if (staffing_plan(&m, threads, NULL, &plan, NULL) != 0)
        return 1;
    double t1 = bench_seconds();
    double shift_s = 0.0;
    int intervals = 0;
    for (int i = 0; i < plan.n; i++) {
        const struct channel_params *cp = &m.channels[plan.ch[i].channel];
        for (int k = 0; k < plan.ch[i].n; k++)
            intervals += plan.ch[i].iv[k].open;
        if (!cp->shifts.set)
            continue;
        int required[SCHEDULE_SLOTS];
        workforce_rostered(&m, &plan.ch[i], required);
        struct shift_plan sp;
        char e[256];
        double s0 = bench_seconds();
        if (shifts_solve(&cp->shifts, required, &sp, e, sizeof e) != 0) {
            fprintf(stderr, "bench_staff: %s\n", e);
            return 1;
        }
        shift_s += bench_seconds() - s0;
        shifts_free(&sp);
    }
    printf("bench_staff: %d channels, %d open half hours, %.0f week(s) x %d replications: "
           "%d rounds of simulation (%s, %ld replications in all, %d behind the final figures) "
           "in %.2f s, shifts in %.3f s, total %.2f s\n", plan.n, intervals, weeks,
           m.planning.replications, plan.iterations, plan.stable ? "stable" : "not stable",
           plan.replications_run, plan.replications, t1 - t0, shift_s, bench_seconds() - t0);
    staffing_free(&plan);
    return 0;
}
