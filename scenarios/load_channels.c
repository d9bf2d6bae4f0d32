/*
 * load_channels: channels (each kind's own settings, hours and staffing
 * through week.c, norms and shift rules through load_staffing.c) and
 * arrival streams.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/volumes.h"
#include "scenarios/loader_internal.h"
#include "scenarios/volumes_csv.h"
#include "scenarios/week.h"

#define DAY_S 86400.0

static void read_phone(struct reader *r, config_setting_t *g, struct channel_params *c)
{
    load_dist(r, g, "ivr", DIST_NONE, 0, &c->ivr);
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
    load_dist(r, bot, "time", DIST_EXPONENTIAL, 1, &c->bot_time);
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
    load_dist(r, ap, "lead", DIST_EXPONENTIAL, ap != NULL, &c->appointment_lead);
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
        load_dist(r, g, "handling", DIST_EXPONENTIAL, 1, &c->handling);
        load_dist(r, g, "patience", DIST_NONE, 0, &c->patience);
        reader_double(r, g, "target_s", 20.0, 0.0, 1e7, 0, &c->target_s);
        config_setting_t *cost = reader_group(r, g, "cost", 0);
        reader_double(r, cost, "per_agent_hour", 0.0, 0.0, 1e6, 0, &c->cost_agent_hour);
        reader_double(r, cost, "per_contact", 0.0, 0.0, 1e6, 0, &c->cost_per_contact);
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
        load_dist(r, g, "session", DIST_EXPONENTIAL, 1, &c->handling);
        config_setting_t *sm = reader_group(r, g, "success", 0);
        reader_double(r, sm, "skill", 0.0, -50.0, 50.0, 0, &c->success_skill);
        reader_double(r, sm, "complexity", 0.0, -50.0, 50.0, 0, &c->success_cx);
        reader_double(r, sm, "stakes", 0.0, -50.0, 50.0, 0, &c->success_stakes);
    }
    week_read(r, g, c);
    if (assisted)
        load_staffing(r, g, c);
}

void load_channels(struct reader *r, config_setting_t *root, struct model *m)
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

/*
 * An arrivals file: a CSV of contacts per interval (scenarios/volumes_csv.h),
 * named relative to the scenario file that gives the setting.  Its rows'
 * errors are reported as the file's own lines.
 */
static void read_arrival_file(struct reader *r, config_setting_t *s, const struct model *m,
                              const char *channel, struct source_params *sp)
{
    const char *rel = config_setting_get_string(s);
    if (!rel || !rel[0]) {
        reader_error(r, s, "must be the name of a CSV file (start,channel,contacts)");
        return;
    }
    if (!(m->interval_s >= 60.0 && fmod(DAY_S, m->interval_s) == 0.0))
        return;                 /* interval_minutes is wrong, and reported */
    const char *from = config_setting_source_file(s);
    char *path = merge_relative_to(from ? from : r->file, rel);
    struct volumes *v = malloc(sizeof *v);
    const char *known[MODEL_MAX_CHANNELS];
    for (int c = 0; c < m->n_channels; c++)
        known[c] = m->channels[c].name;
    struct volumes_csv_options o = { m->interval_s, known, m->n_channels, channel };
    struct scenario_errors errors = { NULL, 0 };
    int rc = path && v ? volumes_csv_read(path, path, &o, v, &errors) : -1;
    if (rc == -2)
        reader_error(r, s, "cannot read '%s': %s", path, strerror(errno));
    else if (rc != 0 && errors.n == 0)
        reader_error(r, s, "out of memory while reading '%s'", rel);
    for (size_t k = 0; k < errors.n; k++)
        reader_error_line(r, errors.lines[k]);
    scenario_errors_free(&errors);
    if (rc == 0)
        sp->file = v;
    else
        free(v);
    free(path);
}

void load_arrivals(struct reader *r, config_setting_t *root, struct model *m)
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
        char channel[MODEL_NAME_MAX] = "";
        sp->channel = -1;
        if (reader_string(r, g, "channel", NULL, 1, channel, sizeof channel) == 0) {
            sp->channel = model_find_channel(m, channel);
            if (sp->channel < 0)
                reader_error(r, reader_member(r, g, "channel"), "no channel named '%s'",
                             channel);
        }
        config_setting_t *file = reader_member(r, g, "file");
        config_setting_t *rate = reader_member(r, g, "per_interval");
        if (file && rate)
            reader_error(r, rate, "give per_interval or file, not both");
        else if (file && sp->channel >= 0)
            read_arrival_file(r, file, m, channel, sp);
        else if (!file)     /* 100,000 an interval, over 55 a second: beyond any one line */
            reader_double(r, g, "per_interval", 0.0, 0.0, MODEL_MAX_PER_INTERVAL, 1,
                          &sp->per_interval);
    }
    m->n_sources = n;
}
