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
 * With SERVERS > 1 it runs M/M/c instead: the Erlang C reference load of
 * bench_phone (a call every 18 s, 180 s handling, 10 Erlang) on SERVERS
 * agents, the kernel alone on the work bench_phone runs through the whole
 * model, against Erlang C's mean wait.  What bench_phone spends beyond this
 * is the model's (contacts, channels, statistics).
 *
 * usage: bench_mm1 [CUSTOMERS] [SERVERS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sim/calendar.h"
#include "sim/rng.h"
#include "sim/stats.h"
#include "sim/ziggurat.h"
#include "models/erlang.h"

#include "bench/bench_util.h"

enum { EV_ARRIVE, EV_DEPART };

int main(int argc, char **argv)
{
    long customers = argc > 1 ? atol(argv[1]) : 1000000L;
    int servers = argc > 2 ? atoi(argv[2]) : 1;
    if (customers < 1 || servers < 1 || (servers > 1 && servers <= 10)) {
        fprintf(stderr, "usage: bench_mm1 [CUSTOMERS >= 1] [SERVERS: 1, or more than 10]\n");
        return 2;
    }
    const double mean_arrival = servers > 1 ? 18.0 : 1.0;
    const double mean_service = servers > 1 ? 180.0 : 0.9;
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
    int busy = 0;   /* servers serving */
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
            if (busy < servers) {
                busy++;
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
                busy--;
            }
        }
    }
    double elapsed = bench_seconds() - t0, cpu = bench_cpu_seconds() - c0;
    double rho = mean_service / mean_arrival, theory = rho * mean_service / (1.0 - rho);
    struct erlang_result ec;
    if (servers > 1 && erlang_c(1.0 / mean_arrival, mean_service, servers, 20.0, &ec) == 0)
        theory = ec.asa_s;
    printf("bench_mm1: M/M/%d at %.1f Erlang: %ld customers, %ld events in %.3f s: "
           "%.2f million customers/s, %.2f million events/s\n", servers, rho, served, events,
           elapsed, served / elapsed / 1e6, events / elapsed / 1e6);
    printf("bench_mm1: CPU %.3f s: %.2f million customers per CPU second\n", cpu,
           served / cpu / 1e6);
    printf("bench_mm1: mean wait %.3f (theory %.3f)\n", wait.mean, theory);
    free(line);
    gsl_rng_free(arrivals);
    gsl_rng_free(service);
    calendar_free(cal);
    return 0;
}
