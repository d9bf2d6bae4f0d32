/*
 * reader: checked access to libconfig settings, see reader.h.
 */
#include "scenarios/reader.h"

#include <float.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader_asked {
    const config_setting_t *group;
    char name[64];
    int type;       /* the CONFIG_TYPE_* a typed getter asked for; 0 when none did */
};

struct reader_named {
    const config_setting_t *group;
    const char *what;
};

static void add_error(struct reader *r, char *msg);

int reader_open(struct reader *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->file = path;
    char err[1024];
    if (merge_load(&r->chain, path, err, sizeof err) == 0) {
        r->cfg = r->chain.configs[0];
        return 0;
    }
    char *msg = malloc(strlen(err) + 1);
    if (msg) {
        strcpy(msg, err);
        add_error(r, msg);
    }
    return -1;
}

void reader_close(struct reader *r)
{
    merge_free(&r->chain);
    for (size_t i = 0; i < r->n_errors; i++)
        free(r->errors[i]);
    free(r->errors);
    free(r->asked);
    free(r->named);
    memset(r, 0, sizeof *r);
}

static void add_error(struct reader *r, char *msg)
{
    if (r->n_errors == r->cap_errors) {
        size_t cap = r->cap_errors ? r->cap_errors * 2 : 8;
        char **e = realloc(r->errors, cap * sizeof *e);
        if (!e) {
            free(msg);
            return;
        }
        r->errors = e;
        r->cap_errors = cap;
    }
    r->errors[r->n_errors++] = msg;
}

void reader_error_line(struct reader *r, const char *line)
{
    char *msg = malloc(strlen(line) + 1);
    if (msg) {
        strcpy(msg, line);
        add_error(r, msg);
    }
}

void reader_path(const config_setting_t *s, char *buf, size_t size)
{
    const char *parts[32];
    char idx[32][16];
    int n = 0;
    for (const config_setting_t *p = s; p && config_setting_parent(p) && n < 32;
         p = config_setting_parent(p)) {
        const char *name = config_setting_name(p);
        if (!name) {
            /* a list element: use its `name` member when it has one */
            const char *item = NULL;
            if (config_setting_is_group(p) &&
                config_setting_lookup_string(p, "name", &item) == CONFIG_TRUE)
                name = item;
            else {
                snprintf(idx[n], sizeof idx[n], "[%d]", config_setting_index(p));
                name = idx[n];
            }
        }
        parts[n++] = name;
    }
    size_t len = 0;
    buf[0] = '\0';
    for (int i = n - 1; i >= 0; i--) {
        int w = snprintf(buf + len, len < size ? size - len : 0, "%s%s",
                         (i == n - 1 || parts[i][0] == '[') ? "" : ".", parts[i]);
        if (w > 0)
            len += (size_t)w;
    }
}

static void verror(struct reader *r, const config_setting_t *s, const char *extra_name,
                   const char *fmt, va_list ap)
{
    char path[256], msg[512], *out;
    const char *file = r->file;
    int line = 0;
    if (s) {
        reader_path(s, path, sizeof path);
        if (extra_name) {
            size_t l = strlen(path);
            snprintf(path + l, sizeof path - l, "%s%s", l ? "." : "", extra_name);
        }
        line = config_setting_source_line(s);
        const char *f = config_setting_source_file(s);
        if (f)
            file = f;
    } else {
        path[0] = '\0';
    }
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t need = strlen(file) + strlen(path) + strlen(msg) + 32;
    out = malloc(need);
    if (!out)
        return;
    if (path[0])
        snprintf(out, need, "%s:%d: %s: %s", file, line, path, msg);
    else
        snprintf(out, need, "%s:%d: %s", file, line, msg);
    add_error(r, out);
}

void reader_error(struct reader *r, const config_setting_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(r, s, NULL, fmt, ap);
    va_end(ap);
}

void reader_error_missing(struct reader *r, const config_setting_t *g, const char *name,
                          const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(r, g, name, fmt, ap);
    va_end(ap);
}

/* Notes that name was asked for in g, as `type` when not 0; returns the record or NULL. */
static struct reader_asked *remember(struct reader *r, const config_setting_t *g, const char *name,
                                     int type)
{
    for (size_t i = 0; i < r->n_asked; i++)
        if (r->asked[i].group == g && strcmp(r->asked[i].name, name) == 0) {
            if (type)
                r->asked[i].type = type;
            return &r->asked[i];
        }
    if (r->n_asked == r->cap_asked) {
        size_t cap = r->cap_asked ? r->cap_asked * 2 : 64;
        struct reader_asked *a = realloc(r->asked, cap * sizeof *a);
        if (!a)
            return NULL;
        r->asked = a;
        r->cap_asked = cap;
    }
    struct reader_asked *a = &r->asked[r->n_asked++];
    a->group = g;
    a->type = type;
    snprintf(a->name, sizeof a->name, "%s", name);
    return a;
}

int reader_asked_type(const struct reader *r, const config_setting_t *g, const char *name)
{
    for (size_t i = 0; i < r->n_asked; i++)
        if (r->asked[i].group == g && strcmp(r->asked[i].name, name) == 0)
            return r->asked[i].type;
    return -1;
}

static int was_asked(const struct reader *r, const config_setting_t *g, const char *name)
{
    return reader_asked_type(r, g, name) >= 0;
}

/* reader_member, noting the type the caller asks for. */
static config_setting_t *member_as(struct reader *r, config_setting_t *g, const char *name,
                                   int type)
{
    if (!g)
        return NULL;
    remember(r, g, name, type);
    return config_setting_get_member(g, name);
}

config_setting_t *reader_member(struct reader *r, config_setting_t *g, const char *name)
{
    return member_as(r, g, name, 0);
}

static const char *type_name(int t)
{
    switch (t) {
    case CONFIG_TYPE_GROUP: return "a group { }";
    case CONFIG_TYPE_LIST: return "a list ( )";
    case CONFIG_TYPE_ARRAY: return "an array [ ]";
    case CONFIG_TYPE_INT: case CONFIG_TYPE_INT64: return "an integer";
    case CONFIG_TYPE_FLOAT: return "a number";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "true or false";
    }
    return "unknown";
}

/*
 * Looks up `name` in g: *s is the setting, or NULL when absent; returns -1
 * (with the error recorded) when it is absent and required, else 0.
 */
static int lookup(struct reader *r, config_setting_t *g, const char *name, int required,
                  int type, config_setting_t **s)
{
    *s = member_as(r, g, name, type);
    if (*s || !required)
        return 0;
    reader_error_missing(r, g, name, "required setting is missing");
    return -1;
}

int reader_number_value(const config_setting_t *s, double *out)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_FLOAT:
        *out = config_setting_get_float(s);
        return 0;
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        *out = (double)config_setting_get_int64(s);
        return 0;
    }
    return -1;
}

int reader_double(struct reader *r, config_setting_t *g, const char *name, double def,
                  double lo, double hi, int required, double *out)
{
    config_setting_t *s;
    *out = def;
    if (lookup(r, g, name, required, CONFIG_TYPE_FLOAT, &s) != 0 || !s)
        return s ? 0 : -required;
    double v;
    if (reader_number_value(s, &v) != 0) {
        reader_error(r, s, "must be a number, got %s", type_name(config_setting_type(s)));
        return -1;
    }
    if (!(v >= lo)) {
        reader_error(r, s, "must be >= %g, got %g", lo, v);
        return -1;
    }
    if (!(v <= hi)) {
        reader_error(r, s, "must be <= %g, got %g", hi, v);
        return -1;
    }
    *out = v;
    return 0;
}

int reader_int(struct reader *r, config_setting_t *g, const char *name, long def, long lo,
               long hi, int required, long *out)
{
    config_setting_t *s;
    *out = def;
    if (lookup(r, g, name, required, CONFIG_TYPE_INT, &s) != 0 || !s)
        return s ? 0 : -required;
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
        reader_error(r, s, "must be an integer, got %s", type_name(t));
        return -1;
    }
    long long v = config_setting_get_int64(s);
    if (v < lo) {
        reader_error(r, s, "must be >= %ld, got %lld", lo, v);
        return -1;
    }
    if (v > hi) {
        reader_error(r, s, "must be <= %ld, got %lld", hi, v);
        return -1;
    }
    *out = (long)v;
    return 0;
}

int reader_bool(struct reader *r, config_setting_t *g, const char *name, int def, int *out)
{
    config_setting_t *s = member_as(r, g, name, CONFIG_TYPE_BOOL);
    *out = def;
    if (!s)
        return 0;
    if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
        reader_error(r, s, "must be true or false, got %s", type_name(config_setting_type(s)));
        return -1;
    }
    *out = config_setting_get_bool(s);
    return 0;
}

int reader_string(struct reader *r, config_setting_t *g, const char *name, const char *def,
                  int required, char *out, size_t size)
{
    config_setting_t *s;
    snprintf(out, size, "%s", def ? def : "");
    if (lookup(r, g, name, required, CONFIG_TYPE_STRING, &s) != 0 || !s)
        return s ? 0 : -required;
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        reader_error(r, s, "must be a string, got %s", type_name(config_setting_type(s)));
        return -1;
    }
    const char *v = config_setting_get_string(s);
    if (strlen(v) >= size) {
        reader_error(r, s, "must be at most %zu characters, got %zu", size - 1, strlen(v));
        return -1;
    }
    snprintf(out, size, "%s", v);
    return 0;
}

static config_setting_t *aggregate(struct reader *r, config_setting_t *g, const char *name,
                                   int required, int type)
{
    config_setting_t *s;
    if (lookup(r, g, name, required, type, &s) != 0 || !s)
        return NULL;
    if (config_setting_type(s) != type) {
        reader_error(r, s, "must be %s, got %s", type_name(type),
                     type_name(config_setting_type(s)));
        return NULL;
    }
    return s;
}

config_setting_t *reader_group(struct reader *r, config_setting_t *g, const char *name,
                               int required)
{
    return aggregate(r, g, name, required, CONFIG_TYPE_GROUP);
}

config_setting_t *reader_list(struct reader *r, config_setting_t *g, const char *name,
                              int required)
{
    return aggregate(r, g, name, required, CONFIG_TYPE_LIST);
}

/* Levenshtein distance, for suggestions only: names are short. */
static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return INT_MAX;
    int d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    return d[la][lb];
}

void reader_names(struct reader *r, const config_setting_t *g, const char *what)
{
    if (!g)
        return;
    if (r->n_named == r->cap_named) {
        size_t cap = r->cap_named ? r->cap_named * 2 : 16;
        struct reader_named *p = realloc(r->named, cap * sizeof *p);
        if (!p)
            return;
        r->named = p;
        r->cap_named = cap;
    }
    r->named[r->n_named++] = (struct reader_named){ g, what };
}

/* "no channel named 'fax' (known: desk, phone, ...)" when g holds names. */
static int report_unknown_name(struct reader *r, const config_setting_t *g,
                               const config_setting_t *s, const char *name)
{
    for (size_t i = 0; i < r->n_named; i++) {
        if (r->named[i].group != g)
            continue;
        char known[512];
        size_t len = 0;
        known[0] = '\0';
        for (size_t k = 0; k < r->n_asked && len < sizeof known; k++)
            if (r->asked[k].group == g) {
                int w = snprintf(known + len, sizeof known - len, "%s%s", len ? ", " : "",
                                 r->asked[k].name);
                if (w > 0)
                    len += (size_t)w;
            }
        reader_error(r, s, "no %s named '%s' (known: %s)", r->named[i].what, name, known);
        return 1;
    }
    return 0;
}

const char *reader_nearest(const struct reader *r, const config_setting_t *g, const char *name)
{
    const char *best = NULL;
    int best_d = INT_MAX;
    for (size_t k = 0; k < r->n_asked; k++) {
        if (r->asked[k].group != g)
            continue;
        int dist = edit_distance(name, r->asked[k].name);
        if (dist < best_d) {
            best_d = dist;
            best = r->asked[k].name;
        }
    }
    return best && (best_d <= 2 || (size_t)best_d * 3 <= strlen(name)) ? best : NULL;
}

static void check_group(struct reader *r, config_setting_t *g)
{
    int n = config_setting_length(g);
    for (int i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(s);
        if (config_setting_is_group(g) && name && !was_asked(r, g, name)) {
            if (report_unknown_name(r, g, s, name))
                continue;
            const char *best = reader_nearest(r, g, name);
            if (best)
                reader_error(r, s, "unknown setting; did you mean '%s'?", best);
            else
                reader_error(r, s, "unknown setting");
            continue;
        }
        if (config_setting_is_group(s) || config_setting_is_list(s))
            check_group(r, s);
    }
}

void reader_check_unknown(struct reader *r)
{
    check_group(r, config_root_setting(r->cfg));
}

void reader_for_each_asked(const struct reader *r,
                           void (*cb)(void *ctx, const config_setting_t *group, const char *name),
                           void *ctx)
{
    for (size_t i = 0; i < r->n_asked; i++)
        cb(ctx, r->asked[i].group, r->asked[i].name);
}
