/*
 * load_sweep: the `sweep` group, the assumptions `chanmix sweep` varies when
 * the command line names none (docs/scenarios.md, "sweep").  The loader
 * checks each distribution's numbers; whether a path names a setting of the
 * scenario is checked by chanmix sweep, which knows every scenario it runs.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenarios/loader_internal.h"

static void read_vary(struct reader *r, config_setting_t *g, struct sweep_param *p)
{
    char dist[32];
    memset(p, 0, sizeof *p);
    reader_string(r, g, "path", NULL, 1, p->path, sizeof p->path);
    reader_string(r, g, "dist", "uniform", 0, dist, sizeof dist);
    int known = sweep_dist_from_name(dist, &p->dist) == 0;
    if (!known)
        reader_error(r, reader_member(r, g, "dist"),
                     "unknown distribution '%s' (uniform, triangular, truncated_normal)", dist);
    int tri = known && p->dist == SWEEP_TRIANGULAR, norm = known && p->dist == SWEEP_TRUNCATED_NORMAL;
    int bad = !known;
    bad |= reader_double(r, g, "low", 0.0, -1e12, 1e12, 1, &p->low);
    bad |= reader_double(r, g, "high", 0.0, -1e12, 1e12, 1, &p->high);
    bad |= reader_double(r, g, "mode", 0.0, -1e12, 1e12, tri, &p->mode);
    bad |= reader_double(r, g, "mean", 0.0, -1e12, 1e12, norm, &p->mean);
    bad |= reader_double(r, g, "sd", 0.0, 0.0, 1e12, norm, &p->sd);
    static const char *const own[] = { "mode", "mean", "sd" };
    for (int i = 0; i < 3 && known; i++) {
        config_setting_t *s = config_setting_get_member(g, own[i]);
        int wanted = i == 0 ? tri : norm;
        if (s && !wanted) {
            reader_error(r, s, "a %s distribution has no %s", dist, own[i]);
            bad = 1;
        }
    }
    char err[256];
    if (!bad && sweep_param_check(p, err, sizeof err) != 0)
        reader_error(r, g, "%s", err);
}

static void read_metrics(struct reader *r, config_setting_t *g, struct sweep_spec *sw)
{
    config_setting_t *a = reader_member(r, g, "metrics");
    if (!a)
        return;
    int n = config_setting_is_array(a) ? config_setting_length(a) : -1;
    if (n < 1 || n > SWEEP_MAX_METRICS) {
        reader_error(r, a, "must be an array of 1 to %d figure paths", SWEEP_MAX_METRICS);
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *s = config_setting_get_string_elem(a, i);
        if (!s || strlen(s) >= SWEEP_PATH_MAX) {
            reader_error(r, a, "must hold figure paths (strings of at most %d characters)",
                         SWEEP_PATH_MAX - 1);
            return;
        }
        snprintf(sw->metrics[i], SWEEP_PATH_MAX, "%s", s);
    }
    sw->n_metrics = n;
}

void load_sweep(struct reader *r, config_setting_t *root, struct model *m)
{
    struct sweep_spec *sw = &m->sweep;
    config_setting_t *g = reader_group(r, root, "sweep", 0);
    long points, reps, levels;
    char method[32];
    memset(sw, 0, sizeof *sw);
    sw->set = g != NULL;
    reader_string(r, g, "method", "sobol", 0, method, sizeof method);
    if (sweep_method_from_name(method, &sw->method) != 0)
        reader_error(r, reader_member(r, g, "method"), "unknown method '%s' (lhs, sobol, morris)",
                     method);
    reader_int(r, g, "points", SWEEP_DEFAULT_POINTS, 2, 65536, 0, &points);
    reader_int(r, g, "replications", 0, 1, 100000, 0, &reps);
    config_setting_t *lv = reader_member(r, g, "levels");
    reader_int(r, g, "levels", SWEEP_DEFAULT_LEVELS, 2, 100, 0, &levels);
    if (lv && levels % 2)
        reader_error(r, lv, "must be even, got %ld", levels);
    sw->points = (int)points;
    sw->replications = (int)reps;
    sw->levels = (int)levels;
    read_metrics(r, g, sw);
    config_setting_t *vary = reader_list(r, g, "vary", g != NULL);
    if (!vary)
        return;
    int n = config_setting_length(vary);
    if (n < 1 || n > SWEEP_MAX_PARAMS) {
        reader_error(r, vary, "must list 1 to %d assumptions", SWEEP_MAX_PARAMS);
        return;
    }
    for (int i = 0; i < n; i++) {
        config_setting_t *item = config_setting_get_elem(vary, (unsigned)i);
        if (!config_setting_is_group(item)) {
            reader_error(r, item, "must be a group { path = ...; low = ...; high = ...; }");
            continue;
        }
        read_vary(r, item, &sw->params[i]);
        for (int j = 0; j < i; j++)
            if (strcmp(sw->params[j].path, sw->params[i].path) == 0)
                reader_error(r, item, "'%s' is varied twice", sw->params[i].path);
    }
    sw->n_params = n;
}
