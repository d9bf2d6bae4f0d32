/*
 * volumes: tables of contacts per interval, see volumes.h.
 */
#include "models/volumes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int volumes_alloc(struct volumes *v, int n_channels, int weeks, int per_day, int with_aht)
{
    memset(v, 0, sizeof *v);
    if (n_channels < 1 || n_channels > MODEL_MAX_CHANNELS || weeks < 1 || per_day < 1)
        return -1;
    v->n_channels = n_channels;
    v->weeks = weeks;
    v->per_day = per_day;
    size_t n = (size_t)n_channels * (size_t)volumes_length(v);
    v->contacts = calloc(n, sizeof *v->contacts);
    if (with_aht && v->contacts) {
        v->aht_s = malloc(n * sizeof *v->aht_s);
        if (v->aht_s)
            for (size_t i = 0; i < n; i++)
                v->aht_s[i] = NAN;
    }
    if (!v->contacts || (with_aht && !v->aht_s)) {
        volumes_free(v);
        return -1;
    }
    return 0;
}

void volumes_free(struct volumes *v)
{
    free(v->contacts);
    free(v->aht_s);
    v->contacts = v->aht_s = NULL;
}

long volumes_length(const struct volumes *v)
{
    return (long)v->weeks * 7L * (long)v->per_day;
}

double *volumes_series(const struct volumes *v, int ch)
{
    return v->contacts + (size_t)ch * (size_t)volumes_length(v);
}

double *volumes_aht_series(const struct volumes *v, int ch)
{
    return v->aht_s ? v->aht_s + (size_t)ch * (size_t)volumes_length(v) : NULL;
}

int volumes_find(const struct volumes *v, const char *name)
{
    for (int c = 0; c < v->n_channels; c++)
        if (strcmp(v->names[c], name) == 0)
            return c;
    return -1;
}

/* Days from civil and back: H. Hinnant's algorithms, eras of 400 years. */
long volumes_day(int year, int month, int day)
{
    long y = (long)year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void volumes_date(long dayno, int *year, int *month, int *day)
{
    long z = dayno + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

int volumes_weekday(long dayno)
{
    /* 1970-01-01 was a Thursday (3 with Monday 0) */
    long w = (dayno + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}
