/*
 * workforce: week by week plans, shrinkage, shifts and FTEs, see workforce.h.
 */
#include "models/workforce.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_S 86400.0
#define WEEK_S (7.0 * DAY_S)

static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
static const char *const month_abbrev[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

int workforce_weeks(const struct model *m)
{
    int weeks = (int)floor((m->horizon_s - m->warmup_s) / WEEK_S + 1e-9);
    return weeks > 0 ? weeks : 1;
}

void workforce_week_model(const struct model *m, int w, struct model *out)
{
    *out = *m;
    if (m->horizon_s - m->warmup_s < WEEK_S - 1e-6)
        return;     /* shorter than a week: the whole measured time */
    model_shift_weeks(out, w);
    out->horizon_s = out->warmup_s + WEEK_S;
}

void workforce_week_date(const struct model *m, const struct workforce_week *w, char *buf,
                         size_t size)
{
    int day = w->first_day, mo = m->demand.start_month > 0 ? m->demand.start_month - 1 : 0;
    int weekday = day % 7;
    day %= 365;
    while (day >= month_days[mo]) {
        day -= month_days[mo];
        mo = (mo + 1) % 12;
    }
    snprintf(buf, size, "%s %d %s", schedule_days[weekday].abbrev, day + 1, month_abbrev[mo]);
}

void workforce_rostered(const struct model *m, const struct staffing_channel *sc, int *quarters)
{
    double keep = 1.0 - m->channels[sc->channel].shrinkage;
    int per = (int)(m->interval_s / SCHEDULE_SLOT_S);
    for (int k = 0; k < sc->n; k++)
        for (int q = 0; q < per; q++)
            quarters[k * per + q] = sc->iv[k].open ? (int)ceil(sc->iv[k].required / keep - 1e-9)
                                                   : 0;
}

/* Shifts, paid hours, FTEs and cost of channel i of a week's plan; 0 or WORKFORCE_NO_SHIFTS
 * with err. */
static int cover_channel(const struct model *m, struct workforce_week *wk, int i, char *err,
                         size_t size)
{
    const struct staffing_channel *sc = &wk->plan.ch[i];
    const struct channel_params *cp = &m->channels[sc->channel];
    struct workforce_channel *wc = &wk->ch[i];
    if (cp->shifts.set) {
        int need[SCHEDULE_SLOTS];
        char why[400];
        workforce_rostered(m, sc, need);
        if (shifts_solve(&cp->shifts, need, &wc->shifts, why, sizeof why) != 0) {
            snprintf(err, size, "channels.%s.shifts: %s", cp->name, why);
            return WORKFORCE_NO_SHIFTS;
        }
        wc->has_shifts = 1;
        wc->paid_hours = wc->shifts.paid_hours;
        wc->cost = wc->shifts.cost;
        int longest = 0;
        for (int l = 1; l < cp->shifts.n_lengths; l++)
            if (cp->shifts.lengths_h[l] > cp->shifts.lengths_h[longest])
                longest = l;
        wc->full_time_share = wc->paid_hours > 0
                                  ? wc->shifts.paid_by_length[longest] / wc->paid_hours : 0.0;
    } else {
        wc->paid_hours = sc->rostered_hours;
        wc->cost = sc->rostered_hours * cp->cost_agent_hour;
    }
    wc->fte = cp->fte_hours > 0 ? wc->paid_hours / cp->fte_hours : 0.0;
    wk->agent_hours += sc->agent_hours;
    wk->rostered_hours += sc->rostered_hours;
    wk->paid_hours += wc->paid_hours;
    wk->cost += wc->cost;
    return 0;
}

static int plan_week(const struct model *m, int w, int threads, struct population_set *citizens,
                     struct staffing_progress *progress, struct workforce_week *wk, char *err,
                     size_t size)
{
    struct model *one = malloc(sizeof *one);
    if (!one)
        return -1;
    workforce_week_model(m, w, one);
    wk->week = w;
    wk->first_day = one->day_offset + (int)floor(one->warmup_s / DAY_S);
    int rc = staffing_plan(one, threads, citizens, &wk->plan, progress);
    for (int i = 0; rc == 0 && i < wk->plan.n; i++)
        rc = cover_channel(m, wk, i, err, size);
    free(one);
    if (rc == -2)
        snprintf(err, size, "no assisted channel has `targets`");
    else if (rc == -1)
        snprintf(err, size, "out of memory while planning");
    return rc;
}

/* Whether two weeks need the same agents in every interval of every channel. */
static int same_requirement(const struct workforce_week *a, const struct workforce_week *b)
{
    if (a->plan.n != b->plan.n)
        return 0;
    for (int i = 0; i < a->plan.n; i++) {
        const struct staffing_channel *x = &a->plan.ch[i], *y = &b->plan.ch[i];
        if (x->channel != y->channel || x->n != y->n)
            return 0;
        for (int k = 0; k < x->n; k++)
            if (x->iv[k].required != y->iv[k].required || x->iv[k].open != y->iv[k].open)
                return 0;
    }
    return 1;
}

int workforce_plan(const struct model *m, int week, int threads, struct staffing_progress *progress,
                   struct workforce *out, char *err, size_t size)
{
    memset(out, 0, sizeof *out);
    out->weeks_in_horizon = workforce_weeks(m);
    int first = week < 0 ? 0 : week, n = week < 0 ? out->weeks_in_horizon : 1;
    out->weeks = calloc((size_t)n, sizeof *out->weeks);
    if (!out->weeks)
        return -1;
    /* every week's replications draw the same citizens: draw them once */
    struct population_set citizens = { 0, NULL };
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (progress) {
            progress->week = first + i;
            progress->weeks = out->weeks_in_horizon;
        }
        rc = plan_week(m, first + i, threads, &citizens, progress, &out->weeks[i], err, size);
        out->n = i + 1;
        if (rc == 0 && out->weeks[i].agent_hours > out->weeks[out->peak].agent_hours)
            out->peak = i;
    }
    population_set_free(&citizens);
    out->alike = out->n > 1;
    for (int i = 1; i < out->n; i++)
        out->alike &= same_requirement(&out->weeks[i], &out->weeks[0]);
    if (rc == WORKFORCE_OVERFLOW)
        out->overflow = out->weeks[out->n - 1].plan.overflow;
    if (rc != 0)
        workforce_free(out);
    return rc;
}

void workforce_free(struct workforce *w)
{
    for (int i = 0; i < w->n; i++) {
        for (int c = 0; c < w->weeks[i].plan.n; c++)
            shifts_free(&w->weeks[i].ch[c].shifts);
        staffing_free(&w->weeks[i].plan);
    }
    free(w->weeks);
    w->weeks = NULL;
    w->n = 0;
}
