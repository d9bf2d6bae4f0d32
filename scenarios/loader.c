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

#define DAY_S 86400.0

static void read_dist(struct reader *r, config_setting_t *g, const char *name,
                      enum dist_kind def_kind, int required, struct dist *d)
{
    memset(d, 0, sizeof *d);
    d->kind = def_kind;
    config_setting_t *s = reader_group(r, g, name, required);
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
    long agents;
    reader_int(r, g, "agents", 0, 0, 100000, 1, &agents);
    c->agents = (int)agents;
    read_dist(r, g, "handling", DIST_EXPONENTIAL, 1, &c->handling);
    read_dist(r, g, "patience", DIST_NONE, 0, &c->patience);
    reader_double(r, g, "target_s", 20.0, 0.0, 1e7, 0, &c->target_s);
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
    reader_string(r, root, "name", "scenario", 0, m->name, sizeof m->name);
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

int scenario_load(const char *path, struct model *m, struct scenario_errors *errors)
{
    struct reader r;
    memset(m, 0, sizeof *m);
    errors->lines = NULL;
    errors->n = 0;
    if (reader_open(&r, path) == 0) {
        config_setting_t *root = config_root_setting(&r.cfg);
        read_run(&r, root, m);
        read_channels(&r, root, m);
        read_arrivals(&r, root, m);
        reader_check_unknown(&r);
    }
    errors->lines = r.errors;
    errors->n = r.n_errors;
    r.errors = NULL;
    r.n_errors = 0;
    reader_close(&r);
    return errors->n ? -1 : 0;
}

void scenario_errors_free(struct scenario_errors *errors)
{
    for (size_t i = 0; i < errors->n; i++)
        free(errors->lines[i]);
    free(errors->lines);
    errors->lines = NULL;
    errors->n = 0;
}
