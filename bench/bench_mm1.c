/*
 * bench_mm1: the kernel alone on M/M/1.
 *
 * rho = 0.9, exponential interarrival (mean 1) and service (mean 0.9) times,
 * 10^6 customers by default, through the calendar (the next arrival in a
 * timer slot, as a model keeps a Poisson stream), a counter-based stream per
 * purpose with the ziggurat's exponential draws (as the model's arrival and
 * handling streams) and a Welford accumulator for the wait.  Prints customers per second,
 * events per second and the mean wait against theory (rho/(mu - lambda)).
 *
 * usage: bench_mm1 [CUSTOMERS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sim/calendar.h"
#include "sim/rng.h"
#include "sim/stats.h"
#include "sim/ziggurat.h"

#include "bench/bench_util.h"

enum { EV_ARRIVE, EV_DEPART };

int main(int argc, char **argv)
{
    long customers = argc > 1 ? atol(argv[1]) : 1000000L;
    const double mean_arrival = 1.0, mean_service = 0.9;
    double t0 = bench_seconds(), c0 = bench_cpu_seconds();

    struct calendar *cal = calendar_alloc(16);
    gsl_rng *arrivals = rng_counter_alloc(1, 0, 1);
    gsl_rng *service = rng_counter_alloc(1, 0, 2);
    /* FIFO of arrival times; at rho 0.9 the line rarely exceeds a few hundred */
    size_t cap = 1 << 16, head = 0, len = 0;
    double *line = malloc(cap * sizeof *line);
    struct welford wait;
    welford_init(&wait);
    if (!cal || !arrivals || !service || !line)
        return 1;

    long arrived = 0, served = 0, events = 0;
    int busy = 0;
    calendar_set_timer(cal, 0, mean_arrival * ziggurat_exponential(arrivals), EV_ARRIVE, 0, 0, 0);
    struct calendar_event e;
    while (served < customers && calendar_pop(cal, &e) == 0) {
        events++;
        double now = e.time;
        if (e.kind == EV_ARRIVE) {
            arrived++;
            if (arrived < customers)
                calendar_set_timer(cal, 0, now + mean_arrival * ziggurat_exponential(arrivals),
                                   EV_ARRIVE, 0, 0, 0);
            if (!busy) {
                busy = 1;
                welford_add(&wait, 0.0);
                calendar_push(cal, now + mean_service * ziggurat_exponential(service), EV_DEPART,
                              0, 0, 0);
            } else {
                if (len == cap) {
                    fprintf(stderr, "bench_mm1: line longer than %zu\n", cap);
                    return 1;
                }
                line[(head + len++) & (cap - 1)] = now;
            }
        } else {
            served++;
            if (len > 0) {
                double a = line[head];
                head = (head + 1) & (cap - 1);
                len--;
                welford_add(&wait, now - a);
                calendar_push(cal, now + mean_service * ziggurat_exponential(service), EV_DEPART,
                              0, 0, 0);
            } else {
                busy = 0;
            }
        }
    }
    double elapsed = bench_seconds() - t0, cpu = bench_cpu_seconds() - c0;
    double rho = mean_service / mean_arrival;
    printf("bench_mm1: %ld customers, %ld events in %.3f s: %.2f million customers/s, "
           "%.2f million events/s\n", served, events, elapsed, served / elapsed / 1e6,
           events / elapsed / 1e6);
    printf("bench_mm1: CPU %.3f s: %.2f million customers per CPU second\n", cpu,
           served / cpu / 1e6);
    printf("bench_mm1: mean wait %.3f (theory %.3f)\n", wait.mean,
           rho * mean_service / (1.0 - rho));
    free(line);
    gsl_rng_free(arrivals);
    gsl_rng_free(service);
    calendar_free(cal);
    return 0;
}
