/*
 * loader: the scenario-file grammar, see loader.h and docs/scenarios.md.
 *
 * This file reads the run settings, the back office, citizens' costs and
 * planning, holds the helpers every part shares, and drives one loading
 * pass; channels and citizens are read in load_channels.c and
 * load_citizens.c (see loader_internal.h).  Reading goes on after an error
 * so that one pass reports every problem.
 */
#include "scenarios/loader.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenarios/loader_internal.h"
#include "scenarios/override.h"
#include "scenarios/reader.h"
#include "scenarios/week.h"

#define DAY_S 86400.0
#define SCENARIO_QUESTION_MAX 65536
/* Rules that keep a run's work bounded (docs/scenarios.md, "Bounds"). */
#define MIN_CHASE_S 60.0
#define MAX_NEEDS_PER_S 100.0   /* 8.6 million needs a day: beyond any one organisation */

void load_dist(struct reader *r, config_setting_t *g, const char *name,
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
    char why[160];
    if (dist_prepare(d, why, sizeof why) != 0) {
        /* at the setting the user wrote (a merged group keeps its ancestor's line) */
        const char *key = d->kind == DIST_WEIBULL ? "shape" : d->kind == DIST_LOGNORMAL ? "cv"
                                                                                        : "mean_s";
        config_setting_t *at = config_setting_get_member(s, key);
        reader_error(r, at ? at : s, "parameters out of range for a %s distribution: %s", kind,
                     why);
    }
}

/*
 * A group keyed by channel name ({ phone = -0.5; web = 1.0; }): each value
 * goes to out[channel index]; channels not named keep out's values.
 */
void load_channel_table(struct reader *r, config_setting_t *g, const char *name,
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
void load_check_mix(struct reader *r, config_setting_t *s, const double *p, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += p[i];
    if (s && fabs(sum - 1.0) > 1e-6)
        reader_error(r, s, "shares must sum to 1, got %.6g", sum);
}

/* An array of exactly n non-negative numbers into out; absent leaves out as is. */
void load_factors(struct reader *r, config_setting_t *g, const char *name, int n,
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
    reader_int(r, root, "max_in_system", MODEL_MAX_IN_SYSTEM, 1000, 100000000, 0,
               &m->max_in_system);
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

/*
 * Needs at the busiest month's rate must stay below MAX_NEEDS_PER_S: a
 * population and service volumes that would give more describe no line
 * that exists, and would only make a run that never ends.
 */
static void check_need_rate(struct reader *r, config_setting_t *root, const struct model *m)
{
    double peak = 0.0;
    for (int mo = 0; mo < 12; mo++) {
        double rate = 0.0;
        for (int s = 0; s < m->n_segments; s++)
            for (int v = 0; v < m->n_services; v++) {
                const struct service_params *sv = &m->services[v];
                rate += (double)m->population * m->segments[s].share * m->segments[s].volume_mult *
                        sv->segment_mult[s] * sv->per_1000_year / 1000.0 * sv->seasonal[mo];
            }
        rate /= 365.0 * DAY_S;
        peak = rate > peak ? rate : peak;
    }
    if (peak > MAX_NEEDS_PER_S)
        reader_error(r, reader_member(r, root, "population"), "needs would arise at %.3g a second "
                     "in the busiest month (population, segments' volume, services' "
                     "per_1000_year and seasonal); at most %.0f a second is supported", peak,
                     MAX_NEEDS_PER_S);
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
    load_dist(r, g, "handling", DIST_EXPONENTIAL, 1, &b->handling);
    load_dist(r, g, "chase_after", DIST_NONE, 0, &b->chase_delay);
    /* each chase is a contact: chases seconds apart would flood the channels without end */
    if (b->chase_delay.kind != DIST_NONE && b->chase_delay.mean < MIN_CHASE_S) {
        config_setting_t *c = reader_member(r, g, "chase_after");
        config_setting_t *mean = c ? config_setting_get_member(c, "mean_s") : NULL;
        reader_error(r, mean ? mean : c, "must be at least %.0f s (a citizen chases a case at "
                     "most once a minute), got %g", MIN_CHASE_S, b->chase_delay.mean);
    }
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
    long reps, most, iters;
    reader_int(r, g, "replications", 20, 2, 10000, 0, &reps);
    reader_int(r, g, "max_replications", 2 * reps, reps, 10000, 0, &most);
    reader_int(r, g, "max_iterations", 12, 1, 100, 0, &iters);
    m->planning.replications = (int)reps;
    m->planning.max_replications = (int)most;
    m->planning.max_iterations = (int)iters;
}

static void read_citizen_cost(struct reader *r, config_setting_t *root, struct model *m)
{
    config_setting_t *g = reader_group(r, root, "citizen_cost", 0);
    reader_double(r, g, "per_hour", 0.0, 0.0, 1e6, 0, &m->citizen_cost.per_hour);
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
static int load_pass(const char *path, const struct override *ov, int n_ov, struct model *m,
                     struct scenario_errors *errors,
                     void (*after)(struct reader *, const struct model *, void *), void *ctx)
{
    struct reader r;
    memset(m, 0, sizeof *m);
    errors->lines = NULL;
    errors->n = 0;
    if (reader_open(&r, path) == 0 && override_apply(&r, ov, n_ov) == 0) {
        config_setting_t *root = config_root_setting(r.cfg);
        read_run(&r, root, m);
        load_channels(&r, root, m);
        load_arrivals(&r, root, m);
        load_population(&r, root, m);
        load_services(&r, root, m);
        load_choice(&r, root, m);
        load_demand(&r, root, m);
        load_journey(&r, root, m);
        read_citizen_cost(&r, root, m);
        read_planning(&r, root, m);
        read_back_office(&r, root, m);
        check_back_office(&r, root, m);
        if (r.n_errors == 0)
            check_need_rate(&r, root, m);
        load_sweep(&r, root, m);
        reader_check_unknown(&r);
        if (after && r.n_errors == 0)
            after(&r, m, ctx);
    }
    if (r.n_errors)
        model_release(m);       /* no half-loaded model holds files */
    errors->lines = r.errors;
    errors->n = r.n_errors;
    r.errors = NULL;
    r.n_errors = 0;
    reader_close(&r);
    return errors->n ? -1 : 0;
}

int scenario_load(const char *path, struct model *m, struct scenario_errors *errors)
{
    return load_pass(path, NULL, 0, m, errors, NULL, NULL);
}

int scenario_load_with(const char *path, const struct override *ov, int n, struct model *m,
                       struct scenario_errors *errors)
{
    return load_pass(path, ov, n, m, errors, NULL, NULL);
}

struct describe_ctx {
    const char *setting;
    struct override_target *t;
    char *err;
    size_t size;
    int rc;
};

static void describe_one(struct reader *r, const struct model *m, void *ctx)
{
    struct describe_ctx *d = ctx;
    (void)m;
    d->rc = override_describe(r, d->setting, d->t, d->err, d->size);
}

int scenario_describe_setting(const char *path, const char *setting, struct override_target *t,
                              char *err, size_t size)
{
    struct model *m = malloc(sizeof *m);
    struct scenario_errors errors;
    struct describe_ctx d = { setting, t, err, size, -1 };
    if (!m) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    snprintf(err, size, "%s has errors; 'chanmix validate %s' lists them", path, path);
    load_pass(path, NULL, 0, m, &errors, describe_one, &d);
    scenario_errors_free(&errors);
    model_release(m);
    free(m);
    return d.rc;
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
    int rc = load_pass(path, NULL, 0, m, errors, write_resolved, out);
    model_release(m);
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
    int rc = load_pass(path, NULL, 0, m, &errors, list_known, &k);
    scenario_errors_free(&errors);
    model_release(m);
    free(m);
    return rc;
}

int scenario_read_question(const char *path, char **question, char *err, size_t size)
{
    *question = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, size, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL, *out = malloc(SCENARIO_QUESTION_MAX);
    size_t cap = 0, n = 0, kept = 0;   /* kept: length up to the last comment line */
    if (!out) {
        fclose(f);
        snprintf(err, size, "out of memory");
        return -1;
    }
    while (getline(&line, &cap, f) != -1) {
        char *s = line;
        s[strcspn(s, "\r\n")] = '\0';
        while (*s == ' ' || *s == '\t')
            s++;
        const char *text;
        if (*s == '#')
            text = s + 1;
        else if (s[0] == '/' && s[1] == '/')
            text = s + 2;
        else if (*s == '\0')
            text = NULL;        /* a blank line: a paragraph break inside the block */
        else
            break;              /* the first setting */
        if (!text && n == 0)
            continue;
        if (text && *text == ' ')
            text++;
        size_t len = text ? strlen(text) : 0;
        if (n + len + 2 >= SCENARIO_QUESTION_MAX)
            break;
        memcpy(out + n, text ? text : "", len);
        n += len;
        out[n++] = '\n';
        if (text && len)
            kept = n;
    }
    free(line);
    fclose(f);
    if (kept == 0) {
        free(out);
        return 0;
    }
    out[kept - 1] = '\0';
    *question = out;
    return 0;
}

void scenario_errors_free(struct scenario_errors *errors)
{
    for (size_t i = 0; i < errors->n; i++)
        free(errors->lines[i]);
    free(errors->lines);
    errors->lines = NULL;
    errors->n = 0;
}
