/*
 * demand: rates and the draw of a need's segment and service, see demand.h.
 */
#include "models/demand.h"
#include "models/schedule.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DAY_S 86400.0
#define YEAR_S (365.0 * DAY_S)

static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

int demand_init(struct demand *d, const struct model *m, const struct population *p)
{
    memset(d, 0, sizeof *d);
    d->n_services = m->n_services;
    d->start_month = m->demand.start_month > 0 ? m->demand.start_month - 1 : 0;
    for (int day = 0, mo = d->start_month, left = month_days[mo]; day < 365; day++) {
        if (left == 0) {        /* counted from the first day of the start month */
            mo = (mo + 1) % 12;
            left = month_days[mo];
        }
        d->month_of_day[day] = (uint8_t)mo;
        left--;
    }
    d->day_offset = m->day_offset;

    d->pieces = m->demand.pieces > 0 ? m->demand.pieces : 24;
    d->piece_s = DAY_S / d->pieces;
    d->inv_piece_s = 1.0 / d->piece_s;
    double mean = 0.0;
    for (int wd = 0; wd < 7; wd++)
        for (int h = 0; h < d->pieces; h++)
            mean += m->demand.weekday[wd] * m->demand.intraday[h];
    mean /= 7.0 * d->pieces;
    for (int wd = 0; wd < 7; wd++)
        for (int h = 0; h < d->pieces; h++)
            d->shape[wd][h] = mean > 0 ? m->demand.weekday[wd] * m->demand.intraday[h] / mean : 0.0;

    size_t pairs = (size_t)m->n_segments * (size_t)m->n_services;
    if (pairs == 0)
        return 0;
    _Static_assert(MODEL_MAX_SEGMENTS <= 256 && MODEL_MAX_SERVICES <= 256, "pairs of bytes");
    d->pairs = malloc(pairs * sizeof *d->pairs);
    double *w = malloc(pairs * sizeof *w);
    if (!w || !d->pairs) {
        free(w);
        demand_free(d);
        return -1;
    }
    for (size_t k = 0; k < pairs; k++)
        d->pairs[k] = (struct demand_pair){ (uint8_t)(k / (size_t)m->n_services),
                                            (uint8_t)(k % (size_t)m->n_services) };
    for (int mo = 0; mo < 12; mo++) {
        double total = 0.0;
        for (int s = 0; s < m->n_segments; s++) {
            double citizens = (double)(p->start[s + 1] - p->start[s]);
            for (int v = 0; v < m->n_services; v++) {
                const struct service_params *sv = &m->services[v];
                double r = citizens * m->segments[s].volume_mult * sv->segment_mult[s]
                         * sv->per_1000_year / 1000.0 / YEAR_S * sv->seasonal[mo];
                w[(size_t)s * (size_t)m->n_services + (size_t)v] = r;
                total += r;
            }
        }
        d->base[mo] = total;
        if (total > 0 && !(d->pick[mo] = gsl_ran_discrete_preproc(pairs, w))) {
            free(w);
            demand_free(d);
            return -1;
        }
    }
    free(w);
    return 0;
}

void demand_free(struct demand *d)
{
    for (int mo = 0; mo < 12; mo++) {
        gsl_ran_discrete_free(d->pick[mo]);
        d->pick[mo] = NULL;
    }
    free(d->pairs);
    d->pairs = NULL;
}

/* The month (0..11) of time t for a run whose day 0 is `offset` days after the first of
 * month `start`. */
static int month_at(int start, int offset, double t)
{
    int day = (int)fmod(floor(t / DAY_S) + offset, 365.0);
    int mo = start;
    /* count from the first day of the start month */
    for (;;) {
        if (day < month_days[mo])
            return mo;
        day -= month_days[mo];
        mo = (mo + 1) % 12;
    }
}

/* Whole days since the start (t >= 0): integer remainders below are exact. */
static inline int64_t day_of(double t)
{
    /* floor is truncation for t >= 0; schedule_trunc_div spares the division */
    if (t < 0.0)
        return (int64_t)floor(t / DAY_S);
    return (int64_t)schedule_trunc_div(t, DAY_S, 1.0 / DAY_S);
}

int demand_month(const struct demand *d, double t)
{
    return d->month_of_day[(day_of(t) + d->day_offset) % 365];
}

double demand_year_factor(const struct model *m)
{
    double measured = (m->horizon_s - m->warmup_s) / DAY_S;
    if (!(measured > 0))
        return 0.0;
    double w[12] = { 0 }, year = 0.0, horizon = 0.0;
    for (int mo = 0; mo < 12; mo++) {
        for (int s = 0; s < m->n_segments; s++)
            for (int v = 0; v < m->n_services; v++) {
                const struct service_params *sv = &m->services[v];
                w[mo] += m->segments[s].share * m->segments[s].volume_mult * sv->segment_mult[s]
                       * sv->per_1000_year * sv->seasonal[mo];
            }
        year += w[mo] * month_days[mo];
    }
    int start = m->demand.start_month > 0 ? m->demand.start_month - 1 : 0;
    for (double t = m->warmup_s; t < m->horizon_s; t += DAY_S) {
        double part = (t + DAY_S < m->horizon_s ? DAY_S : m->horizon_s - t) / DAY_S;
        horizon += w[month_at(start, m->day_offset, t)] * part;
    }
    /* without citizens' needs, volumes follow time alone */
    return year > 0 && horizon > 0 ? year / horizon : 365.0 / measured;
}

double demand_rate(const struct demand *d, double t, double *piece_end)
{
    double piece = t >= 0.0 ? (double)schedule_trunc_div(t, d->piece_s, d->inv_piece_s)
                            : floor(t / d->piece_s);
    *piece_end = (piece + 1.0) * d->piece_s;
    int h = (int)((int64_t)piece % d->pieces);
    int wd = (int)(day_of(t) % 7);
    return d->base[demand_month(d, t)] * d->shape[wd][h];
}

void demand_pick(const struct demand *d, double t, gsl_rng *r, int *segment, int *service)
{
    demand_pick_in(d, demand_month(d, t), r, segment, service);
}

void demand_pick_in(const struct demand *d, int mo, gsl_rng *r, int *segment, int *service)
{
    /* the pair by table: a division by n_services would wait on the draw */
    struct demand_pair k = d->pairs[gsl_ran_discrete(r, d->pick[mo])];
    *segment = k.segment;
    *service = k.service;
}
