/*
 * json: writer and run object, see json.h.
 */
#include "plots/json.h"

#include <math.h>
#include <string.h>

#include "models/results.h"
#include "models/warnings.h"

void json_init(struct json *j, FILE *f)
{
    memset(j, 0, sizeof *j);
    j->f = f;
}

static void indent(struct json *j)
{
    fputc('\n', j->f);
    for (int i = 0; i < j->depth; i++)
        fputs("  ", j->f);
}

static void write_escaped(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void member(struct json *j, const char *key)
{
    if (j->depth > 0) {
        if (j->count[j->depth]++ > 0)
            fputc(',', j->f);
        indent(j);
    }
    if (key) {
        write_escaped(j->f, key);
        fputs(": ", j->f);
    }
}

static void open_(struct json *j, const char *key, char c)
{
    member(j, key);
    fputc(c, j->f);
    if (j->depth + 1 < JSON_MAX_DEPTH)
        j->depth++;
    j->count[j->depth] = 0;
}

static void close_(struct json *j, char c)
{
    int had = j->count[j->depth] > 0;
    j->depth--;
    if (had)
        indent(j);
    fputc(c, j->f);
    if (j->depth == 0)
        fputc('\n', j->f);
}

void json_begin_object(struct json *j, const char *key) { open_(j, key, '{'); }
void json_end_object(struct json *j) { close_(j, '}'); }
void json_begin_array(struct json *j, const char *key) { open_(j, key, '['); }
void json_end_array(struct json *j) { close_(j, ']'); }

void json_string(struct json *j, const char *key, const char *value)
{
    member(j, key);
    write_escaped(j->f, value);
}

static void write_number(FILE *f, double v)
{
    if (!isfinite(v))
        fputs("null", f);   /* JSON has no infinity; null says "undefined" */
    else if (v == 0.0)
        fputs("0", f);      /* no "-0" */
    else
        fprintf(f, "%.12g", v);
}

void json_number(struct json *j, const char *key, double value)
{
    member(j, key);
    write_number(j->f, value);
}

void json_int(struct json *j, const char *key, long long value)
{
    member(j, key);
    fprintf(j->f, "%lld", value);
}

void json_bool(struct json *j, const char *key, int value)
{
    member(j, key);
    fputs(value ? "true" : "false", j->f);
}

/* {"mean": m, "ci95": h}, with "threshold_s" where threshold is not NULL. */
static void estimate_object(struct json *j, const char *key, const struct estimate *e,
                            const double *threshold)
{
    member(j, key);
    fputs("{\"mean\": ", j->f);
    write_number(j->f, e->mean);
    fputs(", \"ci95\": ", j->f);
    write_number(j->f, e->ci95);
    if (threshold) {
        fputs(", \"threshold_s\": ", j->f);
        write_number(j->f, *threshold);
    }
    fputc('}', j->f);
}

void json_estimate(struct json *j, const char *key, const struct estimate *e)
{
    estimate_object(j, key, e, NULL);
}

/* Number of leading path parts two paths share. */
static int common_segments(const char *a, const char *b)
{
    int n = 0;
    for (;;) {
        const char *ea = strchr(a, '.'), *eb = strchr(b, '.');
        if (!ea || !eb)
            return n;
        if (ea - a != eb - b || strncmp(a, b, (size_t)(ea - a)) != 0)
            return n;
        n++;
        a = ea + 1;
        b = eb + 1;
    }
}

static int count_segments(const char *p)
{
    int n = 0;
    for (; *p; p++)
        n += *p == '.';
    return n;   /* number of enclosing objects */
}

/* A figure: its estimate and, for a service level, the threshold it counts against. */
static void figure(struct json *j, const char *key, const struct estimate *e,
                   const struct figure_meta *fm)
{
    int sl = fm && fm->def->threshold != THRESHOLD_NONE;
    estimate_object(j, key, e, sl ? &fm->threshold_s : NULL);
}

void json_metrics(struct json *j, const struct results_index *ix, const struct estimate *est)
{
    json_metrics_masked(j, ix, est, NULL);
}

void json_metrics_masked(struct json *j, const struct results_index *ix,
                         const struct estimate *est, const unsigned char *present)
{
    const struct metrics_layout *l = ix->layout;
    const char *prev = "";
    int open = 0;   /* objects opened for the previous path */
    int any = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (present && !present[i])
            continue;
        const char *p = l->paths[i];
        int keep = any ? common_segments(prev, p) : 0;
        any = 1;
        for (; open > keep; open--)
            json_end_object(j);
        int want = count_segments(p);
        const char *seg = p;
        for (int k = 0; k < keep; k++)
            seg = strchr(seg, '.') + 1;
        for (; open < want; open++) {
            const char *end = strchr(seg, '.');
            char key[METRICS_PATH_MAX];
            snprintf(key, sizeof key, "%.*s", (int)(end - seg), seg);
            json_begin_object(j, key);
            seg = end + 1;
        }
        figure(j, seg, &est[i], results_meta(ix, (long)i));
        prev = p;
    }
    for (; open > 0; open--)
        json_end_object(j);
}

void json_write_experiment(FILE *f, const struct experiment *e)
{
    struct json j;
    json_init(&j, f);
    json_experiment_member(&j, NULL, e);
}

void json_experiment_member(struct json *j, const char *key, const struct experiment *e)
{
    const struct model *m = e->m;
    json_begin_object(j, key);
    json_string(j, "scenario", m->name);
    json_string(j, "currency", m->currency);
    json_int(j, "seed", (long long)m->seed);
    json_int(j, "replications", e->replications);
    json_number(j, "horizon_days", (m->horizon_s - m->warmup_s) / 86400.0);
    json_number(j, "warmup_hours", m->warmup_s / 3600.0);
    json_number(j, "interval_minutes", m->interval_s / 60.0);
    json_string(j, "service_level_definition", FIGURES_SL_DEFINITION);
    char warn[WARNINGS_MAX][WARNING_TEXT_MAX];
    int nw = warnings_list(e, warn);
    json_begin_array(j, "warnings");
    for (int i = 0; i < nw; i++)
        json_string(j, NULL, warn[i]);
    json_end_array(j);
    json_metrics(j, &e->ix, e->summary);
    json_end_object(j);
}

void json_write_comparison(FILE *f, const struct comparison *c)
{
    struct json j;
    json_init(&j, f);
    json_begin_object(&j, NULL);
    json_string(&j, "reference", c->models[0]->name);
    json_string(&j, "mode", comparison_mode_name(c->mode));
    json_string(&j, "differences_are", "scenario minus reference, paired over replications "
                "run on common random numbers; ci95 is the paired 95% half-width");
    json_begin_object(&j, "scenarios");
    for (int k = 0; k < c->n; k++)
        json_experiment_member(&j, c->models[k]->name, &c->runs[k]);
    json_end_object(&j);
    json_begin_object(&j, "differences");
    for (int k = 0; k < c->n; k++) {
        json_begin_object(&j, c->models[k]->name);
        json_metrics_masked(&j, &c->runs[k].ix, c->diff[k], c->present[k]);
        json_end_object(&j);
    }
    json_end_object(&j);
    json_end_object(&j);
}
