/*
 * override: settings set by path in a parsed scenario, see override.h.
 *
 * A path is walked part by part from the root: a name looks up a group's
 * member or a list's item by its `name`, "[N]" a list's item by position.
 * Describing a path uses what the loader asked for (reader_asked_type) to
 * tell a known but absent setting, and its type, from an unknown one.
 */
#include "scenarios/override.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PART_MAX 64
#define PARTS_MAX 16

/* One part of a path: a name, or a position in a list. */
struct part {
    char name[PART_MAX];        /* "" for a position */
    int index;                  /* -1 for a name */
};

/* Where a walk ended. */
struct walk {
    config_setting_t *s;        /* the setting; NULL when absent or on error */
    config_setting_t *parent;   /* the group that holds or would hold it */
    int failed_at;              /* the part where the walk stopped: n when it arrived */
    char leaf[PART_MAX];        /* the last part's name */
};

static const char *const run_controls[] = { "name", "extends", "currency", "seed", "replications",
                                            "horizon_days", "warmup_hours", "interval_minutes",
                                            "planning", "sweep" };

/* Splits path into parts; returns how many, or -1 when it is not a path. */
static int split(const char *path, struct part *parts)
{
    int n = 0;
    const char *c = path;
    while (*c) {
        if (n == PARTS_MAX)
            return -1;
        struct part *p = &parts[n++];
        if (*c == '[') {
            char *end;
            long v = strtol(c + 1, &end, 10);
            if (end == c + 1 || *end != ']' || v < 0 || v > 100000)
                return -1;
            p->name[0] = '\0';
            p->index = (int)v;
            c = end + 1;
        } else {
            size_t len = strcspn(c, ".[");
            if (len == 0 || len >= PART_MAX)
                return -1;
            memcpy(p->name, c, len);
            p->name[len] = '\0';
            p->index = -1;
            c += len;
        }
        if (*c == '.') {
            c++;
            if (!*c || *c == '.' || *c == '[')
                return -1;
        } else if (*c && *c != '[')
            return -1;
    }
    return n;
}

/* The item of list l whose `name` is name, or NULL. */
static config_setting_t *named_item(const config_setting_t *l, const char *name)
{
    for (int i = 0; i < config_setting_length(l); i++) {
        config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        const char *v;
        if (config_setting_is_group(e) && config_setting_lookup_string(e, "name", &v) &&
            strcmp(v, name) == 0)
            return e;
    }
    return NULL;
}

/* Follows parts[0..n) from root as far as they lead. */
static void walk(config_setting_t *root, const struct part *parts, int n, struct walk *w)
{
    config_setting_t *cur = root;
    *w = (struct walk){ NULL, NULL, 0, "" };
    snprintf(w->leaf, sizeof w->leaf, "%s", parts[n - 1].name);
    for (int i = 0; i < n; i++) {
        const struct part *p = &parts[i];
        config_setting_t *next = NULL;
        w->failed_at = i;
        if (p->index >= 0)
            next = config_setting_is_list(cur) ? config_setting_get_elem(cur, (unsigned)p->index)
                                               : NULL;
        else if (config_setting_is_group(cur))
            next = config_setting_get_member(cur, p->name);
        else if (config_setting_is_list(cur))
            next = named_item(cur, p->name);
        if (!next) {
            /* an absent leaf of a group that is there; nothing otherwise */
            w->parent = i == n - 1 && p->index < 0 && config_setting_is_group(cur) ? cur : NULL;
            return;
        }
        w->parent = cur;
        cur = next;
    }
    w->failed_at = n;
    w->s = cur;
}

/* The path of parts[0..n) as the user spells it. */
static void spell(const struct part *parts, int n, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && len < size; i++) {
        int w = parts[i].index >= 0
                    ? snprintf(buf + len, size - len, "[%d]", parts[i].index)
                    : snprintf(buf + len, size - len, "%s%s", i ? "." : "", parts[i].name);
        if (w > 0)
            len += (size_t)w;
    }
}

static const char *kind_words(int type)
{
    switch (type) {
    case CONFIG_TYPE_GROUP: return "a group { }";
    case CONFIG_TYPE_LIST: return "a list ( )";
    case CONFIG_TYPE_ARRAY: return "an array [ ]";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "true or false";
    case CONFIG_TYPE_INT: case CONFIG_TYPE_INT64: case CONFIG_TYPE_FLOAT: return "a number";
    }
    return "not a number";
}

/* "items: desk, phone" or "items are numbered from 0" for the list l. */
static void list_items(const config_setting_t *l, char *buf, size_t size)
{
    size_t len = 0;
    int n = config_setting_length(l);
    buf[0] = '\0';
    for (int i = 0; i < n && len < size; i++) {
        const char *v;
        config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        if (!config_setting_is_group(e) || !config_setting_lookup_string(e, "name", &v)) {
            snprintf(buf, size, "it has %d item%s, numbered from [0]", n, n == 1 ? "" : "s");
            return;
        }
        int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "items: ", v);
        if (w > 0)
            len += (size_t)w;
    }
    if (n == 0)
        snprintf(buf, size, "it is empty");
}

/* Why the walk stopped short, in words, into err. */
static void explain_miss(const struct reader *r, const char *path, const struct part *parts,
                         int n, const struct walk *w, char *err, size_t size)
{
    char at[512], where[512], items[400], hint[1400] = "";
    int i = w->failed_at;
    spell(parts, i + 1, at, sizeof at);
    spell(parts, i, where, sizeof where);
    config_setting_t *cur = config_root_setting(r->cfg);
    if (i > 0) {
        struct walk up;
        walk(config_root_setting(r->cfg), parts, i, &up);
        cur = up.s;
    }
    if (cur && config_setting_is_list(cur)) {
        list_items(cur, items, sizeof items);
        if (parts[i].index >= 0)
            snprintf(err, size, "%s: %s has no item [%d] (%s)", path, where, parts[i].index, items);
        else
            snprintf(err, size, "%s: %s has no item named '%s' (%s)", path, where, parts[i].name,
                     items);
        return;
    }
    if (!cur || !config_setting_is_group(cur) || parts[i].index >= 0) {
        char what[PART_MAX + 16];
        if (parts[i].index >= 0)
            snprintf(what, sizeof what, "item [%d]", parts[i].index);
        else
            snprintf(what, sizeof what, "member '%s'", parts[i].name);
        snprintf(err, size, "%s: %s is %s, with no %s", path, where,
                 cur ? kind_words(config_setting_type(cur)) : "absent", what);
        return;
    }
    if (reader_asked_type(r, cur, parts[i].name) >= 0) {   /* known, absent, parts after it */
        snprintf(err, size, "%s: %s is not in the scenario; add it to the file to vary a "
                 "setting inside it", path, at);
        return;
    }
    const char *best = reader_nearest(r, cur, parts[i].name);
    if (best) {
        char rest[512];
        spell(parts + i + 1, n - i - 1, rest, sizeof rest);
        snprintf(hint, sizeof hint, "; did you mean '%s%s%s%s%s'?", where, i ? "." : "", best,
                 rest[0] && rest[0] != '[' ? "." : "", rest);
    }
    snprintf(err, size, "%s: unknown setting%s%s", path, i < n - 1 ? " " : "",
             i < n - 1 ? at : "");
    size_t len = strlen(err);
    snprintf(err + len, size - len, "%s", hint);
}

/*
 * The shares of the mix that the setting `leaf` of group g belongs to, into
 * members (at most max); returns how many, 0 when it belongs to none.
 */
static int mix_members(config_setting_t *g, const char *leaf, config_setting_t **members, int max)
{
    config_setting_t *up = g ? config_setting_parent(g) : NULL;
    const char *gname = g ? config_setting_name(g) : NULL;
    int n = 0;
    if (strcmp(leaf, "share") == 0 && up && config_setting_is_list(up) &&
        config_setting_name(up) && strcmp(config_setting_name(up), "segments") == 0 &&
        !config_setting_parent(config_setting_parent(up))) {
        for (int i = 0; i < config_setting_length(up) && n < max; i++) {
            config_setting_t *s = config_setting_get_member(config_setting_get_elem(up, i), "share");
            if (s)
                members[n++] = s;
        }
        return n;
    }
    config_setting_t *list = up ? config_setting_parent(up) : NULL;
    if (gname && strcmp(gname, "types") == 0 && list && config_setting_is_list(list) &&
        config_setting_name(list) && strcmp(config_setting_name(list), "segments") == 0) {
        for (int i = 0; i < config_setting_length(g) && n < max; i++)
            members[n++] = config_setting_get_elem(g, (unsigned)i);
    }
    return n;
}

int override_describe(const struct reader *r, const char *path, struct override_target *t,
                      char *err, size_t size)
{
    struct part parts[PARTS_MAX];
    struct walk w;
    config_setting_t *mix[64];
    memset(t, 0, sizeof *t);
    t->current = NAN;
    int n = split(path, parts);
    if (n <= 0) {
        snprintf(err, size, "'%s' is not a setting's path (names joined by '.', list items by "
                 "name or as [N])", path);
        return -1;
    }
    for (size_t i = 0; i < sizeof run_controls / sizeof run_controls[0]; i++)
        if (strcmp(parts[0].name, run_controls[i]) == 0) {
            snprintf(err, size, "%s: %s is a run control, not an assumption about the world; it "
                     "cannot be varied", path, parts[0].name);
            return -1;
        }
    walk(config_root_setting(r->cfg), parts, n, &w);
    int type;
    if (w.s) {
        type = config_setting_type(w.s);
        t->present = 1;
        reader_number_value(w.s, &t->current);
        int asked = w.parent && config_setting_is_group(w.parent)
                        ? reader_asked_type(r, w.parent, w.leaf) : -1;
        if (asked == CONFIG_TYPE_INT)
            type = CONFIG_TYPE_INT;
    } else if (w.parent) {
        type = reader_asked_type(r, w.parent, w.leaf);
        if (type < 0) {
            explain_miss(r, path, parts, n, &w, err, size);
            return -1;
        }
    } else {
        explain_miss(r, path, parts, n, &w, err, size);
        return -1;
    }
    if (type != CONFIG_TYPE_FLOAT && type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
        snprintf(err, size, "%s: not a number: it is %s", path, kind_words(type));
        return -1;
    }
    t->integer = type != CONFIG_TYPE_FLOAT;
    t->mix = mix_members(w.parent, w.leaf, mix, 64) > 0;
    return 0;
}

/* Gives group g's member leaf the value v, as an integer or a number; returns it or NULL. */
static config_setting_t *set_number(config_setting_t *g, config_setting_t *s, const char *leaf,
                                    int integer, double v)
{
    int type = integer ? (fabs(v) < 2e9 ? CONFIG_TYPE_INT : CONFIG_TYPE_INT64) : CONFIG_TYPE_FLOAT;
    if (s && config_setting_type(s) != type) {  /* libconfig keeps a setting's type: replace it */
        unsigned line = s->line;
        const char *file = s->file;
        config_setting_remove(g, leaf);
        s = config_setting_add(g, leaf, type);
        if (s) {
            s->line = line;
            s->file = file;
        }
    } else if (!s)
        s = config_setting_add(g, leaf, type);
    if (!s)
        return NULL;
    if (type == CONFIG_TYPE_FLOAT)
        config_setting_set_float(s, v);
    else if (type == CONFIG_TYPE_INT)
        config_setting_set_int(s, (int)llround(v));
    else
        config_setting_set_int64(s, llround(v));
    return s;
}

/* The setting path leads to, or NULL. */
static config_setting_t *resolve(struct reader *r, const char *path, struct walk *w)
{
    struct part parts[PARTS_MAX];
    int n = split(path, parts);
    if (n <= 0)
        return NULL;
    walk(config_root_setting(r->cfg), parts, n, w);
    return w->s;
}

/* Rescales the unset shares of the mix that override i belongs to; 0 or -1. */
static int rebalance(struct reader *r, const struct override *ov, int n, int i)
{
    struct walk w;
    config_setting_t *m[64];
    if (!resolve(r, ov[i].path, &w))
        return 0;
    int k = mix_members(w.parent, w.leaf, m, 64);
    double set_sum = 0, other_sum = 0;
    int is_set[64], unset = 0;
    for (int a = 0; a < k; a++) {
        double v = 0;
        is_set[a] = 0;
        for (int j = 0; j < n; j++) {
            struct walk wj;
            is_set[a] |= resolve(r, ov[j].path, &wj) == m[a];
        }
        reader_number_value(m[a], &v);
        *(is_set[a] ? &set_sum : &other_sum) += v;
        unset += !is_set[a];
    }
    /* with every share set, the loader's own check of the sum applies */
    if (unset && (set_sum > 1.0 + 1e-9 || (other_sum <= 0 && fabs(set_sum - 1.0) > 1e-6))) {
        reader_error(r, w.parent, "%s: the shares set sum to %.6g%s, so the mix cannot sum to 1",
                     ov[i].path, set_sum, set_sum > 1.0 ? "" : " and the others are all 0");
        return -1;
    }
    for (int a = 0; a < k && other_sum > 0; a++)
        if (!is_set[a]) {
            double v = 0;
            reader_number_value(m[a], &v);
            set_number(config_setting_parent(m[a]), m[a], config_setting_name(m[a]), 0,
                       v * (1.0 - set_sum) / other_sum);
        }
    return 0;
}

int override_apply(struct reader *r, const struct override *ov, int n)
{
    int rc = 0;
    for (int i = 0; i < n; i++) {
        struct walk w;
        resolve(r, ov[i].path, &w);
        if (!w.parent || !config_setting_is_group(w.parent) ||
            !set_number(w.parent, w.s, w.leaf, ov[i].integer, ov[i].value)) {
            reader_error(r, NULL, "%s: cannot be set here (describe the path first)", ov[i].path);
            rc = -1;
        }
    }
    /* a mix is rebalanced once, by the first of its overrides */
    for (int i = 0; i < n && rc == 0; i++) {
        struct walk wi;
        config_setting_t *mi[64];
        if (!resolve(r, ov[i].path, &wi) || mix_members(wi.parent, wi.leaf, mi, 64) == 0)
            continue;
        int first = 1;
        for (int j = 0; j < i && first; j++) {
            struct walk wj;
            config_setting_t *mj[64];
            int kj = resolve(r, ov[j].path, &wj) ? mix_members(wj.parent, wj.leaf, mj, 64) : 0;
            for (int a = 0; a < kj; a++)
                first &= mj[a] != wi.s;
        }
        if (first && rebalance(r, ov, n, i) != 0)
            rc = -1;
    }
    return rc;
}
