/*
 * load_citizens: the population's segments, the services they need, the
 * channel-choice coefficients, when needs arise, and what citizens do after
 * a try that did not settle their need.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenarios/loader_internal.h"
#include "scenarios/week.h"

static void read_segment(struct reader *r, config_setting_t *g, const struct model *m,
                         struct segment_params *sp)
{
    reader_string(r, g, "name", NULL, 1, sp->name, sizeof sp->name);
    reader_double(r, g, "share", 0.0, 0.0, 1.0, 1, &sp->share);

    config_setting_t *age = reader_member(r, g, "age");
    if (m->n_age_bands > 0) {
        if (!age)
            reader_error_missing(r, g, "age", "required setting is missing (one share per age band)");
        else if (!config_setting_is_array(age) || config_setting_length(age) != m->n_age_bands)
            reader_error(r, age, "must be an array of %d shares, one per age band", m->n_age_bands);
        else {
            for (int i = 0; i < m->n_age_bands; i++) {
                config_setting_t *e = config_setting_get_elem(age, (unsigned)i);
                double v = 0.0;
                if (reader_number_value(e, &v) != 0) {
                    reader_error(r, e, "must be a number");
                    continue;
                }
                if (v < 0 || v > 1)
                    reader_error(r, e, "must lie in [0, 1], got %g", v);
                sp->age_mix[i] = v;
            }
            load_check_mix(r, age, sp->age_mix, m->n_age_bands);
        }
    } else if (age) {
        reader_error(r, age, "age shares need age_bands at the top of the file");
    }

    config_setting_t *skill = reader_group(r, g, "skill", 1);
    reader_double(r, skill, "a", 2.0, 1e-3, 1e3, skill != NULL, &sp->skill_a);
    reader_double(r, skill, "b", 2.0, 1e-3, 1e3, skill != NULL, &sp->skill_b);
    config_setting_t *dist = reader_group(r, g, "distance_km", 1);
    reader_double(r, dist, "median", 2.0, 1e-3, 1e4, dist != NULL, &sp->distance_median_km);
    reader_double(r, dist, "sigma", 0.5, 0.0, 5.0, dist != NULL, &sp->distance_sigma);
    reader_double(r, g, "smartphone", 0.0, 0.0, 1.0, 1, &sp->p_smartphone);
    reader_double(r, g, "office_hours", 0.0, 0.0, 1.0, 0, &sp->p_office_hours);

    config_setting_t *types = reader_group(r, g, "types", 1);
    if (types) {
        for (int t = 0; t < TYPE_COUNT; t++)
            reader_double(r, types, citizen_type_name((enum citizen_type)t), 0.0, 0.0, 1.0, 1,
                          &sp->type_mix[t]);
        load_check_mix(r, types, sp->type_mix, TYPE_COUNT);
    }
    reader_double(r, g, "volume", 1.0, 0.0, 100.0, 0, &sp->volume_mult);
    reader_double(r, g, "patience", 1.0, 0.01, 100.0, 0, &sp->patience_mult);
    load_channel_table(r, g, "asc", m, -50.0, 50.0, sp->asc);
}

void load_population(struct reader *r, config_setting_t *root, struct model *m)
{
    reader_int(r, root, "population", 0, 0, 50000000L, 0, &m->population);
    config_setting_t *bands = reader_member(r, root, "age_bands");
    if (bands) {
        int n = config_setting_is_array(bands) ? config_setting_length(bands) : -1;
        if (n < 1 || n > MODEL_MAX_AGE_BANDS)
            reader_error(r, bands, "must be an array of 1 to %d names", MODEL_MAX_AGE_BANDS);
        else
            for (int i = 0; i < n; i++) {
                const char *s = config_setting_get_string_elem(bands, i);
                if (!s)
                    reader_error(r, bands, "must hold names (strings)");
                else
                    snprintf(m->age_bands[i], MODEL_NAME_MAX, "%s", s);
            }
        m->n_age_bands = n > 0 && n <= MODEL_MAX_AGE_BANDS ? n : 0;
    }
    config_setting_t *list = reader_list(r, root, "segments", m->population > 0);
    if (!list)
        return;
    int n = config_setting_length(list);
    if (n > MODEL_MAX_SEGMENTS) {
        reader_error(r, list, "at most %d segments, got %d", MODEL_MAX_SEGMENTS, n);
        n = MODEL_MAX_SEGMENTS;
    }
    double shares[MODEL_MAX_SEGMENTS];
    for (int i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (!config_setting_is_group(g)) {
            reader_error(r, g, "each segment must be a group { }");
            continue;
        }
        read_segment(r, g, m, &m->segments[i]);
        shares[i] = m->segments[i].share;
        for (int k = 0; k < i; k++)
            if (strcmp(m->segments[k].name, m->segments[i].name) == 0)
                reader_error(r, g, "segment '%s' is defined twice", m->segments[i].name);
    }
    m->n_segments = n;
    if (n > 0)
        load_check_mix(r, list, shares, n);
    if (n > 0 && m->population == 0)
        reader_error(r, list, "segments need a population > 0");
}

static void read_service(struct reader *r, config_setting_t *g, const struct model *m,
                         struct service_params *sv)
{
    reader_string(r, g, "name", NULL, 1, sv->name, sizeof sv->name);
    reader_double(r, g, "per_1000_year", 0.0, 0.0, 1e6, 1, &sv->per_1000_year);
    reader_double(r, g, "complexity", 0.0, 0.0, 1.0, 1, &sv->complexity);
    reader_double(r, g, "stakes", 0.0, 0.0, 1.0, 1, &sv->stakes);
    reader_double(r, g, "urgency", 0.0, 0.0, 1.0, 0, &sv->urgency);
    reader_bool(r, g, "desk_required", 0, &sv->desk_required);

    for (int i = 0; i < 12; i++)
        sv->seasonal[i] = 1.0;
    config_setting_t *seas = reader_member(r, g, "seasonal");
    if (seas) {
        if (!config_setting_is_array(seas) || config_setting_length(seas) != 12)
            reader_error(r, seas, "must be an array of 12 monthly factors");
        else {
            double sum = 0.0;
            for (int i = 0; i < 12; i++) {
                config_setting_t *e = config_setting_get_elem(seas, (unsigned)i);
                double v = 0.0;
                if (reader_number_value(e, &v) != 0) {
                    reader_error(r, e, "must be a number");
                    continue;
                }
                if (v < 0)
                    reader_error(r, e, "must be >= 0, got %g", v);
                sv->seasonal[i] = v;
                sum += v;
            }
            if (fabs(sum / 12.0 - 1.0) > 1e-3)
                reader_error(r, seas, "monthly factors must average 1, got %.4g", sum / 12.0);
        }
    }

    for (int s = 0; s < MODEL_MAX_SEGMENTS; s++)
        sv->segment_mult[s] = 1.0;
    config_setting_t *sm = reader_group(r, g, "segments", 0);
    reader_names(r, sm, "segment");
    if (sm)
        for (int s = 0; s < m->n_segments; s++)
            reader_double(r, sm, m->segments[s].name, 1.0, 0.0, 100.0, 0, &sv->segment_mult[s]);

    config_setting_t *ch = reader_group(r, g, "channels", 1);
    if (!ch)
        return;
    reader_names(r, ch, "channel");
    int offered = 0;
    for (int c = 0; c < m->n_channels; c++) {
        struct service_channel *on = &sv->on[c];
        config_setting_t *cs = reader_group(r, ch, m->channels[c].name, 0);
        if (!cs)
            continue;
        on->offered = 1;
        offered++;
        reader_double(r, cs, "asc", 0.0, -50.0, 50.0, 0, &on->asc);
        enum channel_kind k = m->channels[c].kind;
        if (k == CHANNEL_WEB || k == CHANNEL_APP) {
            reader_double(r, cs, "success", 0.0, -50.0, 50.0, 1, &on->success_a);
        } else {
            reader_double(r, cs, "fcr", 1.0, 0.0, 1.0, 0, &on->fcr);
            reader_double(r, cs, "to_back_office", 0.0, 0.0, 1.0, 0, &on->to_back_office);
            load_dist(r, cs, "handling", DIST_NONE, 0, &on->handling);
        }
    }
    if (offered == 0)
        reader_error(r, ch, "the service must be offered on at least one channel");
    if (sv->desk_required) {
        int desk = 0;
        for (int c = 0; c < m->n_channels; c++)
            desk |= sv->on[c].offered && m->channels[c].kind == CHANNEL_DESK;
        if (!desk)
            reader_error(r, ch, "desk_required needs the service offered at a desk channel");
    }
}

void load_services(struct reader *r, config_setting_t *root, struct model *m)
{
    config_setting_t *list = reader_list(r, root, "services", m->population > 0);
    if (!list)
        return;
    int n = config_setting_length(list);
    if (n > MODEL_MAX_SERVICES) {
        reader_error(r, list, "at most %d services, got %d", MODEL_MAX_SERVICES, n);
        n = MODEL_MAX_SERVICES;
    }
    for (int i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (!config_setting_is_group(g)) {
            reader_error(r, g, "each service must be a group { }");
            continue;
        }
        read_service(r, g, m, &m->services[i]);
        for (int k = 0; k < i; k++)
            if (strcmp(m->services[k].name, m->services[i].name) == 0)
                reader_error(r, g, "service '%s' is defined twice", m->services[i].name);
    }
    m->n_services = n;
    if (n > 0 && m->population == 0)
        reader_error(r, list, "services need a population > 0");
}

/*
 * When citizens who work office hours are at work: choice.work_hours, by
 * default Monday to Friday, 09:00 to 17:00.
 */
static void load_work_week(struct reader *r, config_setting_t *g, struct choice_params *b)
{
    char days_s[64], from_s[16], to_s[16];
    int days[7], from = 36, to = 68;
    config_setting_t *wh = reader_group(r, g, "work_hours", 0);
    reader_string(r, wh, "days", "mon-fri", 0, days_s, sizeof days_s);
    reader_string(r, wh, "from", "09:00", 0, from_s, sizeof from_s);
    reader_string(r, wh, "to", "17:00", 0, to_s, sizeof to_s);
    if (week_parse_days(days_s, days) != 0)
        reader_error(r, reader_member(r, wh, "days"), "'%s' is not a day list like \"mon-fri\"",
                     days_s);
    if (week_parse_time(from_s, &from) != 0)
        reader_error(r, reader_member(r, wh, "from"), "must be HH:MM on a quarter hour");
    if (week_parse_time(to_s, &to) != 0)
        reader_error(r, reader_member(r, wh, "to"), "must be HH:MM on a quarter hour");
    else if (to <= from)
        reader_error(r, wh, "work hours end (%s) before they start (%s)", to_s, from_s);
    for (int d = 0; d < 7; d++)
        for (int q = 0; q < SCHEDULE_SLOTS_PER_DAY; q++)
            b->work_week[d * SCHEDULE_SLOTS_PER_DAY + q] = days[d] && q >= from && q < to;
}

void load_choice(struct reader *r, config_setting_t *root, struct model *m)
{
    struct choice_params *b = &m->choice;
    config_setting_t *g = reader_group(r, root, "choice", m->population > 0);
    if (!g)
        return;
    reader_double(r, g, "wait", 0.0, -100.0, 0.0, 0, &b->b_wait);
    reader_double(r, g, "distance", 0.0, -100.0, 0.0, 0, &b->b_dist);
    reader_double(r, g, "habit", 0.0, -50.0, 50.0, 0, &b->b_habit);
    reader_double(r, g, "failed", 0.0, -50.0, 50.0, 0, &b->b_failed);
    reader_double(r, g, "defer_per_hour", 0.0, -50.0, 0.0, 0, &b->b_defer);
    reader_double(r, g, "assisted_per_attempt", 0.0, -50.0, 50.0, 0, &b->b_assisted_attempt);
    load_channel_table(r, g, "skill", m, -50.0, 50.0, b->b_skill);
    load_channel_table(r, g, "complexity", m, -50.0, 50.0, b->b_cx);
    load_channel_table(r, g, "stakes", m, -50.0, 50.0, b->b_stakes);
    load_channel_table(r, g, "steer", m, -50.0, 50.0, b->steer);
    load_channel_table(r, g, "office_hours", m, -50.0, 50.0, b->b_work);
    load_work_week(r, g, b);
    config_setting_t *types = reader_group(r, g, "types", 0);
    if (types)
        for (int t = 0; t < TYPE_COUNT; t++)
            load_channel_table(r, types, citizen_type_name((enum citizen_type)t), m, -50.0, 50.0,
                               b->type_bias[t]);
}

void load_demand(struct reader *r, config_setting_t *root, struct model *m)
{
    struct demand_params *d = &m->demand;
    for (int i = 0; i < 7; i++)
        d->weekday[i] = 1.0;
    d->pieces = 24;
    for (int i = 0; i < 96; i++)
        d->intraday[i] = 1.0;
    d->start_month = 1;
    config_setting_t *g = reader_group(r, root, "demand", 0);
    if (!g)
        return;
    load_factors(r, g, "weekday", 7, d->weekday);
    config_setting_t *in = reader_member(r, g, "intraday");
    int n = in && config_setting_is_array(in) ? config_setting_length(in) : 24;
    if (n != 24 && n != 48 && n != 96)
        reader_error(r, in, "must be an array of 24, 48 or 96 factors (hours, half hours or "
                     "quarter hours from 00:00), got %d", n);
    else {
        d->pieces = n;
        load_factors(r, g, "intraday", n, d->intraday);
    }
    long mo;
    reader_int(r, g, "start_month", 1, 1, 12, 0, &mo);
    d->start_month = (int)mo;
}

void load_journey(struct reader *r, config_setting_t *root, struct model *m)
{
    struct journey_params *j = &m->journey;
    j->max_attempts = 1;
    config_setting_t *g = reader_group(r, root, "journey", m->population > 0);
    if (!g)
        return;
    long att;
    reader_int(r, g, "max_attempts", 1, 1, 20, 1, &att);
    j->max_attempts = (int)att;
    reader_double(r, g, "retry_after_abandon", 0.0, 0.0, 1.0, 1, &j->p_retry_abandoned);
    load_dist(r, g, "retry_delay", DIST_EXPONENTIAL, 1, &j->retry_delay);
    load_dist(r, g, "defer_spread", DIST_NONE, 0, &j->defer_spread);
}
