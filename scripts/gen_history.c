/*
 * gen_history: writes the synthetic example history shipped as
 * scenarios/data/history.csv (docs/data.md), deterministically.
 *
 *   gen_history [WEEKS] > scenarios/data/history.csv
 *
 * A year (52 weeks from Monday 2025-03-03) of half-hour contacts per
 * channel, in the format of an arrivals file, with handling times.  The
 * data are SYNTHETIC: every number below is an assumption chosen to look
 * like the contact centre of a Dutch municipality of some 360,000
 * inhabitants (scenarios/baseline.cfg), not a measurement.  Counts are
 * Poisson draws around
 *
 *   rate = weekly volume * trend(day) * season(day) * weekday share
 *          * intraday share, per open half hour
 *
 * with the season interpolated between mid-month factors (municipal tax
 * bills in February, passports before the summer, holidays in July,
 * August and around Christmas) and the Dutch public holidays closed.  A
 * row's handling time is the mean of its contacts' handling times: the
 * channel's mean with a normal error of sd cv * mean / sqrt(contacts).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "models/volumes.h"

#define PER_DAY 48

struct channel {
    const char *name;
    double per_week;            /* contacts in an ordinary week at the start */
    double trend_year;          /* growth over the year (0.3: +30%) */
    double weekday[7];          /* shares of the week, Monday first */
    double aht_s, aht_cv;
    double season[12];          /* January first, mean about 1 */
    const char *open[7];        /* "HH:MM-HH:MM" per weekday, NULL: closed */
    double peak[2];             /* intraday: centre of the morning and afternoon peaks, hours */
    double afternoon;           /* weight of the afternoon peak */
};

static const struct channel channels[] = {
    { "phone", 3400.0, -0.10, { 0.25, 0.21, 0.19, 0.19, 0.16, 0, 0 }, 300.0, 0.8,
      { 1.00, 1.30, 1.20, 1.00, 1.00, 1.00, 0.80, 0.80, 1.00, 1.00, 1.00, 0.90 },
      { "08:30-17:00", "08:30-17:00", "08:30-17:00", "08:30-17:00", "08:30-17:00", NULL, NULL },
      { 10.0, 14.0 }, 0.7 },
    { "chat", 650.0, 0.30, { 0.22, 0.21, 0.20, 0.20, 0.17, 0, 0 }, 480.0, 0.7,
      { 1.00, 1.25, 1.15, 1.00, 1.00, 1.00, 0.85, 0.85, 1.00, 1.00, 1.00, 0.90 },
      { "08:30-17:00", "08:30-17:00", "08:30-17:00", "08:30-17:00", "08:30-17:00", NULL, NULL },
      { 11.0, 14.5 }, 1.0 },
    { "desk", 1100.0, 0.0, { 0.22, 0.20, 0.20, 0.28, 0.10, 0, 0 }, 600.0, 0.6,
      { 0.85, 0.95, 1.10, 1.25, 1.30, 1.20, 0.90, 0.75, 0.90, 0.95, 0.95, 0.90 },
      { "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-20:00", "09:00-13:00", NULL, NULL },
      { 10.5, 14.0 }, 0.8 },
};
#define N_CHANNELS (int)(sizeof channels / sizeof channels[0])

/* Dutch public holidays of the year shown: closed. */
static const int holidays[][3] = {
    { 2025, 4, 18 }, { 2025, 4, 21 }, { 2025, 4, 26 }, { 2025, 5, 5 }, { 2025, 5, 29 },
    { 2025, 6, 9 }, { 2025, 12, 25 }, { 2025, 12, 26 }, { 2026, 1, 1 },
};

static int is_holiday(long day)
{
    for (size_t k = 0; k < sizeof holidays / sizeof holidays[0]; k++)
        if (volumes_day(holidays[k][0], holidays[k][1], holidays[k][2]) == day)
            return 1;
    return 0;
}

/* The season on a day: linear between the factors, which hold at mid-month. */
static double season(const struct channel *c, long day)
{
    int y, m, d;
    volumes_date(day, &y, &m, &d);
    long month_days = volumes_day(m == 12 ? y + 1 : y, m % 12 + 1, 1) - volumes_day(y, m, 1);
    double x = (m - 1) + (d - 0.5) / (double)month_days - 0.5;   /* months from mid-January */
    double lo = floor(x), frac = x - lo;
    int i0 = ((int)lo + 12) % 12, i1 = (i0 + 1) % 12;
    double f = (1.0 - frac) * c->season[i0] + frac * c->season[i1];
    if ((m == 12 && d >= 22) || (m == 1 && d <= 4))
        f *= 0.6;               /* the Christmas holidays */
    return f;
}

/* The half hours a channel is open on a weekday, and each one's weight in the day. */
static int day_shape(const struct channel *c, int wd, double *w)
{
    int h0, m0, h1, m1;
    if (!c->open[wd] || sscanf(c->open[wd], "%d:%d-%d:%d", &h0, &m0, &h1, &m1) != 4)
        return 0;
    double sum = 0.0;
    for (int i = 0; i < PER_DAY; i++) {
        double t = i / 2.0 + 0.25;          /* the half hour's middle */
        int open = i >= (h0 * 60 + m0) / 30 && i < (h1 * 60 + m1) / 30;
        double a = exp(-0.5 * pow((t - c->peak[0]) / 1.5, 2));
        double b = exp(-0.5 * pow((t - c->peak[1]) / 1.8, 2));
        w[i] = open ? 0.25 + a + c->afternoon * b : 0.0;
        sum += w[i];
    }
    for (int i = 0; i < PER_DAY; i++)
        w[i] /= sum;
    return 1;
}

int main(int argc, char **argv)
{
    int weeks = argc > 1 ? atoi(argv[1]) : 52;
    long first = volumes_day(2025, 3, 3);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20250303);
    printf("start,channel,contacts,aht_s\n");
    for (long day = first; day < first + 7L * weeks; day++) {
        int wd = volumes_weekday(day), y, m, d;
        volumes_date(day, &y, &m, &d);
        double w[N_CHANNELS][PER_DAY];
        int open[N_CHANNELS];
        for (int c = 0; c < N_CHANNELS; c++)
            open[c] = !is_holiday(day) && day_shape(&channels[c], wd, w[c]);
        for (int i = 0; i < PER_DAY; i++)
            for (int c = 0; c < N_CHANNELS; c++) {
                const struct channel *ch = &channels[c];
                if (!open[c] || w[c][i] <= 0)
                    continue;
                double trend = 1.0 + ch->trend_year * (double)(day - first) / 365.0;
                double rate = ch->per_week * trend * season(ch, day) * ch->weekday[wd] * w[c][i];
                unsigned n = gsl_ran_poisson(r, rate);
                printf("%04d-%02d-%02dT%02d:%02d,%s,%u,", y, m, d, i / 2, i % 2 * 30, ch->name, n);
                if (n > 0)
                    printf("%.0f", fmax(30.0, ch->aht_s + gsl_ran_gaussian(r, ch->aht_cv *
                                                         ch->aht_s / sqrt((double)n))));
                printf("\n");
            }
    }
    gsl_rng_free(r);
    return 0;
}
