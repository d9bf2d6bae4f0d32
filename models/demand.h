/*
 * demand: when and for what needs arise.
 *
 * Needs arise as one non-homogeneous Poisson process over the whole
 * population, with a rate that is piecewise constant per piece of the day
 * (an hour, half hour or quarter hour, as the scenario's intraday profile
 * has 24, 48 or 96 factors):
 *
 *   rate(t) = sum over segments s and services v of
 *             N_s * volume_s * mult_{v,s} * per_1000_year_v / 1000 / year
 *             * seasonal_v[month(t)]                   (the base for the month)
 *           * weekday[day(t)] * intraday[piece(t)] / mean(weekday x intraday)
 *
 * A need's segment and service are then drawn in proportion to their share
 * of the month's base rate (an alias table per month), and its citizen
 * uniformly within the segment: work per need is O(1), whatever the
 * population, and nothing happens per citizen per day.
 */
#ifndef CHANMIX_MODELS_DEMAND_H
#define CHANMIX_MODELS_DEMAND_H

#include <stdint.h>
#include <gsl/gsl_randist.h>
#include "models/model.h"
#include "models/population.h"

struct demand {
    double base[12];                /* needs per second, per month */
    double shape[7][96];            /* weekday x intraday, mean 1 over the week */
    int pieces;                     /* per day */
    double piece_s, inv_piece_s;
    gsl_ran_discrete_t *pick[12];   /* over (segment, service) pairs */
    struct demand_pair { uint8_t segment, service; } *pairs;   /* pick's index -> the pair */
    int n_services;
    int start_month;
    uint8_t month_of_day[365];      /* day of the year from the start -> month */
    int day_offset;                 /* the model's: calendar days before time 0 */
};

/* Returns 0, or -1 when memory runs out. */
int demand_init(struct demand *d, const struct model *m, const struct population *p);
void demand_free(struct demand *d);

/* Month (0..11) that time t falls in. */
int demand_month(const struct demand *d, double t);

/* The rate at t (needs per second) and the end of the piece it holds for. */
/*
 * How many times the measured period's demand a year holds: the needs of a
 * year over the needs of the measured days, by the services' seasonal
 * factors (a four-week January is not a twelfth of a year).  Scenarios
 * without services scale by time alone (365 days over the measured days).
 */
double demand_year_factor(const struct model *m);

double demand_rate(const struct demand *d, double t, double *piece_end);

/* Draws the segment and service of a need arising at t. */
void demand_pick(const struct demand *d, double t, gsl_rng *r, int *segment, int *service);

/* The same for a need arising in month mo (demand_month of its time). */
void demand_pick_in(const struct demand *d, int mo, gsl_rng *r, int *segment, int *service);

#endif
