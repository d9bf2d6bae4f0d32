/*
 * volumes: contacts per channel and interval over whole weeks, as a
 * municipality's telephony and queueing systems export them, or as a
 * forecast gives them.
 *
 * A table starts on a Monday (first_day, a day number) at 00:00 and covers
 * `weeks` whole weeks of per_day intervals a day: the index of an interval
 * is (week * 7 + weekday) * per_day + piece, the same in every channel, so
 * the week's slot of index t is t % (7 * per_day), as in the simulation,
 * whose time 0 is a Monday 00:00.  An interval nobody reported has 0
 * contacts.  Handling times are optional, and NAN where an interval gave
 * none.
 *
 * Days are counted from 1970-01-01 on the proleptic Gregorian calendar
 * (local time, no time zones: a file's clock is the planner's clock).
 */
#ifndef CHANMIX_MODELS_VOLUMES_H
#define CHANMIX_MODELS_VOLUMES_H

#include "models/model.h"

struct volumes {
    int n_channels;
    char names[MODEL_MAX_CHANNELS][MODEL_NAME_MAX];
    long first_day;             /* a Monday */
    int per_day;                /* intervals a day */
    int weeks;
    double *contacts;           /* n_channels x weeks * 7 * per_day */
    double *aht_s;              /* the same shape, NAN where not given; NULL when none is */
};

/* Allocates zeroed tables (and aht_s filled with NAN when with_aht); returns 0 or -1. */
int volumes_alloc(struct volumes *v, int n_channels, int weeks, int per_day, int with_aht);
void volumes_free(struct volumes *v);

/* Intervals in one channel's series: weeks * 7 * per_day. */
long volumes_length(const struct volumes *v);

/* Channel ch's contacts (or handling times, NULL when there are none). */
double *volumes_series(const struct volumes *v, int ch);
double *volumes_aht_series(const struct volumes *v, int ch);

/* Index of the channel named `name`, or -1. */
int volumes_find(const struct volumes *v, const char *name);

/* Day number of a date, and back; weekday 0 is Monday. */
long volumes_day(int year, int month, int day);
void volumes_date(long dayno, int *year, int *month, int *day);
int volumes_weekday(long dayno);

#endif
