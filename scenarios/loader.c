/*
 * loader: the scenario-file grammar, see loader.h and docs/scenarios.md.
 *
 * Each read_* function reads one part of the file into the model through the
 * reader, which records errors and the names it was asked for.  Reading goes
 * on after an error so that one pass reports every problem.
 */
#include "scenarios/loader.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenarios/reader.h"
#include "scenarios/week.h"

#define DAY_S 86400.0

static void read_dist(struct reader *r, config_setting_t *g, const char *name,
                      enum dist_kind def_kind, int required, struct dist *d)
{
    memset(d, 0, sizeof *d);
    d->kind = g ? def_kind : DIST_NONE;
    config_setting_t *s = g ? reader_group(r, g, name, required) : NULL;
    if (!s)
        return;
    char kind[32];
    reader_string(r, s, "dist", dist_name(def_kind), 0, kind, sizeof kind);
    if (dist_kind_from_name(kind, &d->kind) != 0) {
        reader_error(r, reader_member(r, s, "dist"),
                     "unknown distribution '%s' (none, constant, exponential, lognormal, weibull)",
                     kind);
        return;
    }
    int need_mean = d->kind != DIST_NONE;
    reader_double(r, s, "mean_s", 0.0, 1e-9, 1e9, need_mean, &d->mean);
    reader_double(r, s, "cv", 1.0, 1e-6, 100.0, d->kind == DIST_LOGNORMAL, &d->cv);
    reader_double(r, s, "shape", 1.0, 1e-3, 100.0, d->kind == DIST_WEIBULL, &d->shape);
    if (dist_prepare(d) != 0)
        reader_error(r, s, "parameters out of range for a %s distribution", kind);
}

static void read_phone(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    read_dist(r, g, "ivr", DIST_NONE, 0, &c->ivr);
    config_setting_t *cb = reader_group(r, g, "callback", 0);
    reader_double(r, cb, "above_s", 0.0, 0.0, 1e6, cb != NULL, &c->callback_above_s);
    reader_double(r, cb, "accept", 0.0, 0.0, 1.0, cb != NULL, &c->callback_accept);
}

static void read_chat(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    long k;
    reader_int(r, g, "sessions", 1, 1, MODEL_MAX_SESSIONS, 0, &k);
    c->sessions = (int)k;
    config_setting_t *f = reader_member(r, g, "session_factor");
    if (f) {
        if (!config_setting_is_array(f) || config_setting_length(f) != c->sessions)
            reader_error(r, f, "must be an array of %d factors, one per number of chats "
                         "already in hand (0 .. sessions-1)", c->sessions);
        else
            for (int i = 0; i < c->sessions; i++) {
                config_setting_t *e = config_setting_get_elem(f, (unsigned)i);
                double v = 0.0;
                if (reader_number_value(e, &v) != 0) {
                    reader_error(r, e, "must be a number");
                    continue;
                }
                if (!(v > 0 && v <= 20))
                    reader_error(r, e, "must lie in (0, 20], got %g", v);
                c->session_factor[i] = v;
            }
    }
    config_setting_t *bot = reader_group(r, g, "bot", 0);
    c->bot = bot != NULL;
    c->context_factor = 1.0;
    if (!bot)
        return;
    reader_double(r, bot, "resolve", 0.0, -50.0, 50.0, 1, &c->bot_a);
    reader_double(r, bot, "complexity", 0.0, 0.0, 50.0, 0, &c->bot_cx);
    read_dist(r, bot, "time", DIST_EXPONENTIAL, 1, &c->bot_time);
    reader_bool(r, bot, "context", 0, &c->bot_context);
    reader_double(r, bot, "context_factor", 1.0, 0.05, 1.0, 0, &c->context_factor);
}

static void read_desk(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    long balk, tickets;
    reader_double(r, g, "travel_kmh", 0.0, 0.0, 200.0, 0, &c->travel_kmh);
    reader_int(r, g, "balk_queue", 0, 0, 100000, 0, &balk);
    reader_int(r, g, "tickets_per_day", 0, 0, 1000000, 0, &tickets);
    c->balk_queue = (int)balk;
    c->tickets_per_day = (int)tickets;
    config_setting_t *ap = reader_group(r, g, "appointments", 0);
    reader_double(r, ap, "share", 0.0, 0.0, 1.0, ap != NULL, &c->appointment_share);
    read_dist(r, ap, "lead", DIST_EXPONENTIAL, ap != NULL, &c->appointment_lead);
}

static void read_targets(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    struct target_params *t = &c->targets;
    config_setting_t *tg = reader_group(r, g, "targets", 0);
    t->set = tg != NULL;
    reader_double(r, tg, "service_level", 0.0, 0.0, 0.9999, 0, &t->service_level);
    reader_double(r, tg, "within_s", c->target_s, 0.0, 1e7, 0, &t->within_s);
    reader_double(r, tg, "max_abandon", 0.0, 0.0, 1.0, 0, &t->max_abandon);
    reader_double(r, tg, "max_wait_s", 0.0, 0.0, 1e7, 0, &t->max_wait_s);
    reader_double(r, tg, "max_occupancy", 0.0, 0.0, 1.0, 0, &t->max_occupancy);
    if (tg && t->service_level <= 0 && t->max_abandon <= 0 && t->max_wait_s <= 0 &&
        t->max_occupancy <= 0)
        reader_error(r, tg, "give at least one target (service_level, max_abandon, max_wait_s "
                     "or max_occupancy)");
}

static void read_shifts(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    struct shift_params *sh = &c->shifts;
    config_setting_t *sg = reader_group(r, g, "shifts", 0);
    sh->set = sg != NULL;
    if (!sg)
        return;
    config_setting_t *starts = reader_member(r, sg, "starts");
    if (!starts || !config_setting_is_array(starts) || config_setting_length(starts) < 1 ||
        config_setting_length(starts) > MODEL_MAX_SHIFT_STARTS) {
        reader_error_missing(r, sg, "starts", "must be an array of 1 to %d start times like "
                             "\"08:00\"", MODEL_MAX_SHIFT_STARTS);
    } else {
        sh->n_starts = config_setting_length(starts);
        for (int i = 0; i < sh->n_starts; i++) {
            const char *t = config_setting_get_string_elem(starts, i);
            if (!t || week_parse_time(t, &sh->starts[i]) != 0 || sh->starts[i] >= 96)
                reader_error(r, starts, "start %d must be HH:MM on a quarter hour before 24:00",
                             i + 1);
        }
    }
    config_setting_t *lengths = reader_member(r, sg, "lengths_h");
    if (!lengths || !config_setting_is_array(lengths) || config_setting_length(lengths) < 1 ||
        config_setting_length(lengths) > MODEL_MAX_SHIFT_LENGTHS) {
        reader_error_missing(r, sg, "lengths_h", "must be an array of 1 to %d shift lengths "
                             "in hours", MODEL_MAX_SHIFT_LENGTHS);
    } else {
        sh->n_lengths = config_setting_length(lengths);
        for (int i = 0; i < sh->n_lengths; i++) {
            config_setting_t *e = config_setting_get_elem(lengths, (unsigned)i);
            double v = 0.0;
            if (reader_number_value(e, &v) != 0) {
                reader_error(r, e, "must be a number");
                continue;
            }
            if (!(v >= 1.0 && v <= 12.0) || fmod(v * 4.0, 1.0) != 0.0)
                reader_error(r, e, "shift lengths must be whole quarter hours from 1 to 12, "
                             "got %g", v);
            sh->lengths_h[i] = v;
        }
    }
    reader_double(r, sg, "break_minutes", 0.0, 0.0, 120.0, 0, &sh->break_min);
    if (fmod(sh->break_min, 15.0) != 0.0)
        reader_error(r, reader_member(r, sg, "break_minutes"), "must be a whole number of "
                     "quarter hours, got %g", sh->break_min);
    reader_double(r, sg, "break_after_h", 4.0, 0.0, 12.0, 0, &sh->break_after_h);
    reader_double(r, sg, "cost_per_hour", c->cost_agent_hour, 0.0, 1e6, 0, &sh->cost_hour);
    char days[64];
    reader_string(r, sg, "days", "all", 0, days, sizeof days);
    if (week_parse_days(days, sh->days) != 0)
        reader_error(r, reader_member(r, sg, "days"), "'%s' is not a day list like \"mon-fri\"",
                     days);
}

static void read_channel(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    char kind[32];
    reader_string(r, g, "name", NULL, 1, c->name, sizeof c->name);
    reader_string(r, g, "kind", c->name, 0, kind, sizeof kind);
    if (channel_kind_from_name(kind, &c->kind) != 0) {
        config_setting_t *k = reader_member(r, g, "kind");
        reader_error(r, k ? k : g, "unknown channel kind '%s' (desk, phone, chat, web, app)",
                     kind);
    }
    int assisted = c->kind == CHANNEL_DESK || c->kind == CHANNEL_PHONE || c->kind == CHANNEL_CHAT;
    if (assisted) {
        long agents;
        reader_int(r, g, "agents", 0, 0, 100000, 1, &agents);
        c->agents = (int)agents;
        read_dist(r, g, "handling", DIST_EXPONENTIAL, 1, &c->handling);
        read_dist(r, g, "patience", DIST_NONE, 0, &c->patience);
        reader_double(r, g, "target_s", 20.0, 0.0, 1e7, 0, &c->target_s);
        config_setting_t *cost = reader_group(r, g, "cost", 0);
        reader_double(r, cost, "per_agent_hour", 0.0, 0.0, 1e6, 0, &c->cost_agent_hour);
        reader_double(r, cost, "per_contact", 0.0, 0.0, 1e6, 0, &c->cost_per_contact);
        read_targets(r, g, c);
        read_shifts(r, g, c);
        c->sessions = 1;
        for (int i = 0; i < MODEL_MAX_SESSIONS; i++)
            c->session_factor[i] = 1.0;
        if (c->kind == CHANNEL_PHONE)
            read_phone(r, g, c);
        else if (c->kind == CHANNEL_CHAT)
            read_chat(r, g, c);
        else
            read_desk(r, g, c);
    } else {
        config_setting_t *cost = reader_group(r, g, "cost", 0);
        reader_double(r, cost, "per_session", 0.0, 0.0, 1e6, 0, &c->cost_per_contact);
        read_dist(r, g, "session", DIST_EXPONENTIAL, 1, &c->handling);
        config_setting_t *sm = reader_group(r, g, "success", 0);
        reader_double(r, sm, "skill", 0.0, -50.0, 50.0, 0, &c->success_skill);
        reader_double(r, sm, "complexity", 0.0, -50.0, 50.0, 0, &c->success_cx);
        reader_double(r, sm, "stakes", 0.0, -50.0, 50.0, 0, &c->success_stakes);
    }
    week_read(r, g, c);
}

/*
 * A group keyed by channel name ({ phone = -0.5; web = 1.0; }): each value
 * goes to out[channel index]; channels not named keep out's values.
 */
static void read_channel_table(struct reader *r, config_setting_t *g, const char *name,
                               const struct model *m, double lo, double hi, double *out)
{
    config_setting_t *t = reader_group(r, g, name, 0);
    if (!t)
        return;
    reader_names(r, t, "channel");
    for (int c = 0; c < m->n_channels; c++)
        reader_double(r, t, m->channels[c].name, out[c], lo, hi, 0, &out[c]);
}

/* Checks that the n values in p are probabilities summing to 1. */
static void check_mix(struct reader *r, config_setting_t *s, const double *p, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += p[i];
    if (s && fabs(sum - 1.0) > 1e-6)
        reader_error(r, s, "shares must sum to 1, got %.6g", sum);
}

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
            check_mix(r, age, sp->age_mix, m->n_age_bands);
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
        check_mix(r, types, sp->type_mix, TYPE_COUNT);
    }
    reader_double(r, g, "volume", 1.0, 0.0, 100.0, 0, &sp->volume_mult);
    reader_double(r, g, "patience", 1.0, 0.01, 100.0, 0, &sp->patience_mult);
    read_channel_table(r, g, "asc", m, -50.0, 50.0, sp->asc);
}

static void read_population(struct reader *r, config_setting_t *root, struct model *m)
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
        check_mix(r, list, shares, n);
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
        enum channel_kind k = m->channels[c].kind;
        if (k == CHANNEL_WEB || k == CHANNEL_APP) {
            reader_double(r, cs, "success", 0.0, -50.0, 50.0, 1, &on->success_a);
        } else {
            reader_double(r, cs, "fcr", 1.0, 0.0, 1.0, 0, &on->fcr);
            reader_double(r, cs, "to_back_office", 0.0, 0.0, 1.0, 0, &on->to_back_office);
            read_dist(r, cs, "handling", DIST_NONE, 0, &on->handling);
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

static void read_services(struct reader *r, config_setting_t *root, struct model *m)
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

static void read_choice(struct reader *r, config_setting_t *root, struct model *m)
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
    read_channel_table(r, g, "skill", m, -50.0, 50.0, b->b_skill);
    read_channel_table(r, g, "complexity", m, -50.0, 50.0, b->b_cx);
    read_channel_table(r, g, "stakes", m, -50.0, 50.0, b->b_stakes);
    read_channel_table(r, g, "steer", m, -50.0, 50.0, b->steer);
    read_channel_table(r, g, "office_hours", m, -50.0, 50.0, b->b_work);
    config_setting_t *types = reader_group(r, g, "types", 0);
    if (types)
        for (int t = 0; t < TYPE_COUNT; t++)
            read_channel_table(r, types, citizen_type_name((enum citizen_type)t), m, -50.0, 50.0,
                               b->type_bias[t]);
}

static void read_channels(struct reader *r, config_setting_t *root, struct model *m)
{
    config_setting_t *list = reader_list(r, root, "channels", 1);
    if (!list)
        return;
    int n = config_setting_length(list);
    if (n == 0)
        reader_error(r, list, "at least one channel is needed");
    if (n > MODEL_MAX_CHANNELS) {
        reader_error(r, list, "at most %d channels, got %d", MODEL_MAX_CHANNELS, n);
        n = MODEL_MAX_CHANNELS;
    }
    for (int i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (!config_setting_is_group(g)) {
            reader_error(r, g, "each channel must be a group { }");
            continue;
        }
        read_channel(r, g, &m->channels[i]);
        for (int k = 0; k < i; k++)
            if (strcmp(m->channels[k].name, m->channels[i].name) == 0)
                reader_error(r, g, "channel '%s' is defined twice", m->channels[i].name);
    }
    m->n_channels = n;
}

static void read_arrivals(struct reader *r, config_setting_t *root, struct model *m)
{
    config_setting_t *list = reader_list(r, root, "arrivals", 0);
    if (!list)
        return;
    int n = config_setting_length(list);
    if (n > MODEL_MAX_SOURCES) {
        reader_error(r, list, "at most %d arrival streams, got %d", MODEL_MAX_SOURCES, n);
        n = MODEL_MAX_SOURCES;
    }
    for (int i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (!config_setting_is_group(g)) {
            reader_error(r, g, "each arrival stream must be a group { }");
            continue;
        }
        struct source_params *sp = &m->sources[i];
        char channel[MODEL_NAME_MAX];
        if (reader_string(r, g, "channel", NULL, 1, channel, sizeof channel) == 0) {
            sp->channel = model_find_channel(m, channel);
            if (sp->channel < 0)
                reader_error(r, reader_member(r, g, "channel"), "no channel named '%s'",
                             channel);
        }
        reader_double(r, g, "per_interval", 0.0, 0.0, 1e9, 1, &sp->per_interval);
    }
    m->n_sources = n;
}

static void read_run(struct reader *r, config_setting_t *root, struct model *m)
{
    long reps, seed, interval_min;
    double horizon_days, warmup_hours;
    if (reader_string(r, root, "name", "scenario", 0, m->name, sizeof m->name) == 0) {
        /* the name becomes a folder of `compare --out` and a key in JSON */
        int ok = m->name[0] != '\0' && m->name[0] != '.';
        for (const char *c = m->name; *c; c++)
            ok &= (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                  *c == '-' || *c == '_' || *c == '.';
        if (!ok)
            reader_error(r, reader_member(r, root, "name"), "must be letters, digits, '-', '_' "
                         "or '.' (not starting with '.'), got '%s'", m->name);
    }
    reader_string(r, root, "currency", "EUR", 0, m->currency, sizeof m->currency);
    reader_int(r, root, "seed", 1, 0, 0x7fffffffffffffffL, 0, &seed);
    reader_int(r, root, "replications", 10, 1, 100000, 0, &reps);
    reader_double(r, root, "horizon_days", 7.0, 1.0 / 24.0, 366.0, 0, &horizon_days);
    reader_double(r, root, "warmup_hours", 0.0, 0.0, 24.0 * 366.0, 0, &warmup_hours);
    config_setting_t *iv = reader_member(r, root, "interval_minutes");
    reader_int(r, root, "interval_minutes", 30, 1, 1440, 0, &interval_min);
    if (iv && interval_min != 15 && interval_min != 30 && interval_min != 60)
        reader_error(r, iv, "must be 15, 30 or 60, got %ld", interval_min);
    m->seed = (uint64_t)seed;
    m->replications = (int)reps;
    m->warmup_s = warmup_hours * 3600.0;
    m->horizon_s = m->warmup_s + horizon_days * DAY_S;
    m->interval_s = (double)interval_min * 60.0;
}

/* An array of exactly n non-negative numbers into out; absent leaves out as is. */
static void read_factors(struct reader *r, config_setting_t *g, const char *name, int n,
                         double *out)
{
    config_setting_t *a = reader_member(r, g, name);
    if (!a)
        return;
    if (!config_setting_is_array(a) || config_setting_length(a) != n) {
        reader_error(r, a, "must be an array of %d numbers", n);
        return;
    }
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        config_setting_t *e = config_setting_get_elem(a, (unsigned)i);
        double v = 0.0;
        if (reader_number_value(e, &v) != 0) {
            reader_error(r, e, "must be a number");
            continue;
        }
        if (!(v >= 0)) {
            reader_error(r, e, "must be >= 0, got %g", v);
            return;
        }
        out[i] = v;
        sum += v;
    }
    if (!(sum > 0))
        reader_error(r, a, "at least one factor must be > 0");
}

static void read_demand(struct reader *r, config_setting_t *root, struct model *m)
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
    read_factors(r, g, "weekday", 7, d->weekday);
    config_setting_t *in = reader_member(r, g, "intraday");
    int n = in && config_setting_is_array(in) ? config_setting_length(in) : 24;
    if (n != 24 && n != 48 && n != 96)
        reader_error(r, in, "must be an array of 24, 48 or 96 factors (hours, half hours or "
                     "quarter hours from 00:00), got %d", n);
    else {
        d->pieces = n;
        read_factors(r, g, "intraday", n, d->intraday);
    }
    long mo;
    reader_int(r, g, "start_month", 1, 1, 12, 0, &mo);
    d->start_month = (int)mo;
}

/* Services that pass cases on need a back office to pass them to. */
static void check_back_office(struct reader *r, config_setting_t *root, const struct model *m)
{
    if (m->back_office.enabled)
        return;
    for (int v = 0; v < m->n_services; v++)
        for (int c = 0; c < m->n_channels; c++)
            if (m->services[v].on[c].to_back_office > 0) {
                reader_error(r, root, "services.%s.channels.%s.to_back_office: there is no "
                             "back_office group to pass cases to", m->services[v].name,
                             m->channels[c].name);
                return;
            }
}

static void read_back_office(struct reader *r, config_setting_t *root, struct model *m)
{
    struct back_office_params *b = &m->back_office;
    config_setting_t *g = reader_group(r, root, "back_office", 0);
    b->enabled = g != NULL;
    if (!g)
        return;
    long agents;
    reader_int(r, g, "agents", 0, 0, 100000, 1, &agents);
    b->agents = (int)agents;
    read_dist(r, g, "handling", DIST_EXPONENTIAL, 1, &b->handling);
    read_dist(r, g, "chase_after", DIST_NONE, 0, &b->chase_delay);
    config_setting_t *cost = reader_group(r, g, "cost", 0);
    reader_double(r, cost, "per_agent_hour", 0.0, 0.0, 1e6, 0, &b->cost_agent_hour);
    reader_double(r, cost, "per_outbound", 0.0, 0.0, 1e6, 0, &b->cost_outbound);
    struct channel_params tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.agents = b->agents;
    week_read(r, g, &tmp);
    b->week = tmp.week;
}

static void read_planning(struct reader *r, config_setting_t *root, struct model *m)
{
    config_setting_t *g = reader_group(r, root, "planning", 0);
    long reps, iters;
    reader_int(r, g, "replications", 20, 2, 10000, 0, &reps);
    reader_int(r, g, "max_iterations", 12, 1, 100, 0, &iters);
    m->planning.replications = (int)reps;
    m->planning.max_iterations = (int)iters;
}

static void read_citizen_cost(struct reader *r, config_setting_t *root, struct model *m)
{
    config_setting_t *g = reader_group(r, root, "citizen_cost", 0);
    reader_double(r, g, "per_hour", 0.0, 0.0, 1e6, 0, &m->citizen_cost.per_hour);
}

static void read_journey(struct reader *r, config_setting_t *root, struct model *m)
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
    read_dist(r, g, "retry_delay", DIST_EXPONENTIAL, 1, &j->retry_delay);
    read_dist(r, g, "defer_spread", DIST_NONE, 0, &j->defer_spread);
}

struct known_ctx {
    const struct model *m;
    void (*cb)(void *, const char *);
    void *ctx;
};

/* A name as the reference writes it: user-chosen names become placeholders. */
static const char *reference_name(const struct model *m, const char *name)
{
    for (int c = 0; c < m->n_channels; c++)
        if (strcmp(m->channels[c].name, name) == 0)
            return "<channel>";
    for (int g = 0; g < m->n_segments; g++)
        if (strcmp(m->segments[g].name, name) == 0)
            return "<segment>";
    return name;
}

static void reference_path(const struct model *m, const config_setting_t *s, char *buf,
                           size_t size)
{
    const config_setting_t *parent = config_setting_parent(s);
    if (!parent) {
        buf[0] = '\0';
        return;
    }
    reference_path(m, parent, buf, size);
    size_t len = strlen(buf);
    const char *name = config_setting_name(s);
    if (!name)
        snprintf(buf + len, size - len, "[]");
    else
        snprintf(buf + len, size - len, "%s%s", len ? "." : "", reference_name(m, name));
}

static void known_one(void *ctx, const config_setting_t *group, const char *name)
{
    struct known_ctx *k = ctx;
    char path[512];
    reference_path(k->m, group, path, sizeof path);
    size_t len = strlen(path);
    snprintf(path + len, sizeof path - len, "%s%s", len ? "." : "", reference_name(k->m, name));
    k->cb(k->ctx, path);
}

/*
 * The one loading pass behind scenario_load, scenario_resolve and
 * scenario_known_settings: read, check, then hand the reader to `after`
 * while it still holds the merged file.
 */
static int load_with(const char *path, struct model *m, struct scenario_errors *errors,
                     void (*after)(struct reader *, const struct model *, void *), void *ctx)
{
    struct reader r;
    memset(m, 0, sizeof *m);
    errors->lines = NULL;
    errors->n = 0;
    if (reader_open(&r, path) == 0) {
        config_setting_t *root = config_root_setting(r.cfg);
        read_run(&r, root, m);
        read_channels(&r, root, m);
        read_arrivals(&r, root, m);
        read_population(&r, root, m);
        read_services(&r, root, m);
        read_choice(&r, root, m);
        read_demand(&r, root, m);
        read_journey(&r, root, m);
        read_citizen_cost(&r, root, m);
        read_planning(&r, root, m);
        read_back_office(&r, root, m);
        check_back_office(&r, root, m);
        reader_check_unknown(&r);
        if (after && r.n_errors == 0)
            after(&r, m, ctx);
    }
    errors->lines = r.errors;
    errors->n = r.n_errors;
    r.errors = NULL;
    r.n_errors = 0;
    reader_close(&r);
    return errors->n ? -1 : 0;
}

int scenario_load(const char *path, struct model *m, struct scenario_errors *errors)
{
    return load_with(path, m, errors, NULL, NULL);
}

static void write_resolved(struct reader *r, const struct model *m, void *ctx)
{
    (void)m;
    config_write(r->cfg, ctx);
}

int scenario_resolve(const char *path, FILE *out, struct scenario_errors *errors)
{
    struct model *m = malloc(sizeof *m);
    if (!m)
        return -1;
    int rc = load_with(path, m, errors, write_resolved, out);
    free(m);
    return rc;
}

static void list_known(struct reader *r, const struct model *m, void *ctx)
{
    struct known_ctx *k = ctx;
    k->m = m;
    reader_for_each_asked(r, known_one, k);
}

int scenario_known_settings(const char *path, void (*cb)(void *ctx, const char *setting),
                            void *ctx)
{
    struct model *m = malloc(sizeof *m);
    struct scenario_errors errors;
    struct known_ctx k = { NULL, cb, ctx };
    if (!m)
        return -1;
    int rc = load_with(path, m, &errors, list_known, &k);
    scenario_errors_free(&errors);
    free(m);
    return rc;
}

void scenario_errors_free(struct scenario_errors *errors)
{
    for (size_t i = 0; i < errors->n; i++)
        free(errors->lines[i]);
    free(errors->lines);
    errors->lines = NULL;
    errors->n = 0;
}
