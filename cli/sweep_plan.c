/*
 * sweep_plan: settling a sweep before it runs, see sweep_plan.h.
 */
#include "cli/sweep_plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "models/experiment.h"
#include "models/results.h"
#include "scenarios/loader.h"
#include "scenarios/override.h"

/* The value of option `name` at argv[*i] ("--name V" or "--name=V"), or NULL when it is not it. */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t len = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, len) != 0)
        return NULL;
    if (arg[len] == '=')
        return arg + len + 1;
    if (arg[len] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

int sweep_args_take(int *argc, char **argv, struct sweep_args *a)
{
    int out = 1;
    memset(a, 0, sizeof *a);
    for (int i = 1; i < *argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[out++] = argv[i++];
            break;
        }
        if ((v = option_value(*argc, argv, &i, "--vary", &missing))) {
            if (a->n_vary == SWEEP_MAX_PARAMS) {
                cli_error("sweep", "--vary: at most %d assumptions", SWEEP_MAX_PARAMS);
                return -1;
            }
            a->vary[a->n_vary++] = v;
        } else if (!missing && (v = option_value(*argc, argv, &i, "--metric", &missing))) {
            if (a->n_metric == SWEEP_MAX_METRICS) {
                cli_error("sweep", "--metric: at most %d figures", SWEEP_MAX_METRICS);
                return -1;
            }
            a->metric[a->n_metric++] = v;
        } else if (!missing && (v = option_value(*argc, argv, &i, "--method", &missing)))
            a->method = v;
        else if (!missing && (v = option_value(*argc, argv, &i, "--points", &missing)))
            a->points = v;
        else if (!missing)
            argv[out++] = argv[i];
        if (missing) {
            cli_error("sweep", "%s needs a value", argv[i]);
            return -1;
        }
    }
    argv[out] = NULL;
    *argc = out;
    return 0;
}

/* "PATH=LOW:HIGH" into p, a uniform distribution; 0 or -1 after saying what is wrong. */
static int parse_vary(const char *text, struct sweep_param *p)
{
    const char *eq = strchr(text, '=');
    memset(p, 0, sizeof *p);
    p->dist = SWEEP_UNIFORM;
    if (!eq || eq == text || (size_t)(eq - text) >= sizeof p->path) {
        cli_error("sweep", "--vary %s: write PATH=LOW:HIGH, as in "
                  "--vary channels.phone.handling.mean_s=240:420", text);
        return -1;
    }
    memcpy(p->path, text, (size_t)(eq - text));
    p->path[eq - text] = '\0';
    char range[128];
    snprintf(range, sizeof range, "%s", eq + 1);
    char *colon = strchr(range, ':');
    if (colon)
        *colon = '\0';
    if (!colon || cli_parse_double(range, &p->low) != 0 ||
        cli_parse_double(colon + 1, &p->high) != 0 || !isfinite(p->low) || !isfinite(p->high)) {
        cli_error("sweep", "--vary %s: LOW and HIGH must be numbers, as in %s=240:420", text,
                  p->path);
        return -1;
    }
    if (!(p->low < p->high)) {
        cli_error("sweep", "--vary %s: LOW (%g) must be below HIGH (%g)", text, p->low, p->high);
        return -1;
    }
    return 0;
}

/* The spec: the first file's sweep group, with what the command line gives instead. */
static int spec_from(struct sweep_plan *p, const struct sweep_args *a)
{
    struct sweep_spec *sp = &p->spec;
    *sp = p->base[0]->sweep;
    if (!sp->set) {
        sp->method = SWEEP_SOBOL;
        sp->points = SWEEP_DEFAULT_POINTS;
        sp->levels = SWEEP_DEFAULT_LEVELS;
    }
    if (a->n_vary) {
        sp->n_params = a->n_vary;
        for (int i = 0; i < a->n_vary; i++) {
            if (parse_vary(a->vary[i], &sp->params[i]) != 0)
                return EXIT_BAD_INPUT;
            for (int j = 0; j < i; j++)
                if (strcmp(sp->params[j].path, sp->params[i].path) == 0) {
                    cli_error("sweep", "--vary %s: %s is varied twice", a->vary[i],
                              sp->params[i].path);
                    return EXIT_BAD_INPUT;
                }
        }
    }
    if (sp->n_params == 0) {
        cli_error("sweep", "nothing to vary: give --vary PATH=LOW:HIGH, or a sweep group in %s",
                  p->files[0]);
        return EXIT_BAD_INPUT;
    }
    if (a->method && sweep_method_from_name(a->method, &sp->method) != 0) {
        cli_error("sweep", "--method: must be lhs, sobol or morris, got '%s'", a->method);
        return EXIT_BAD_INPUT;
    }
    long pts;
    if (a->points && (cli_parse_long(a->points, &pts) != 0 || pts < 2 || pts > 65536)) {
        cli_error("sweep", "--points: must be a whole number from 2 to 65536, got '%s'",
                  a->points);
        return EXIT_BAD_INPUT;
    }
    if (a->points)
        sp->points = (int)pts;
    if (a->n_metric) {
        sp->n_metrics = a->n_metric;
        for (int i = 0; i < a->n_metric; i++)
            snprintf(sp->metrics[i], SWEEP_PATH_MAX, "%s", a->metric[i]);
    }
    return 0;
}

/* Each assumption in each scenario: a number there, integer or not. */
static int check_params(struct sweep_plan *p, int from_file)
{
    int bad = 0;
    for (int i = 0; i < p->spec.n_params; i++) {
        struct sweep_param *sp = &p->spec.params[i];
        for (int s = 0; s < p->n; s++) {
            struct override_target t;
            char err[2048];
            if (scenario_describe_setting(p->files[s], sp->path, &t, err, sizeof err) != 0) {
                if (from_file)
                    cli_error("sweep", "%s: sweep.vary[%d].path: in %s: %s", p->files[0], i,
                              p->files[s], err);
                else
                    cli_error("sweep", "--vary %s: in %s: %s", sp->path, p->files[s], err);
                bad = 1;
                break;
            }
            sp->integer |= t.integer;
        }
        if (sp->integer && floor(sp->high) < ceil(sp->low)) {
            cli_error("sweep", "%s is an integer and no integer lies in %g to %g", sp->path,
                      sp->low, sp->high);
            bad = 1;
        }
    }
    return bad ? EXIT_BAD_INPUT : 0;
}

/* The label of figure i of ix, with its owner from the path: "phone: service level". */
static void metric_label(const struct results_index *ix, long i, const char *path, char *buf,
                         size_t size)
{
    char label[128], owner[SWEEP_PATH_MAX];
    const struct figure_meta *fm = results_meta(ix, i);
    results_label(ix, i, label, sizeof label);
    const char *first = strchr(path, '.'), *last = strrchr(path, '.');
    owner[0] = '\0';
    if (fm->family != FIG_NEED && fm->family != FIG_TOTAL && fm->family != FIG_BACK_OFFICE &&
        first && last > first)
        snprintf(owner, sizeof owner, "%.*s", (int)(last - first - 1), first + 1);
    snprintf(buf, size, "%s%s%s", owner, owner[0] ? ": " : "", label);
}

/* Adds the figure at `path` in each scenario to the kept figures. */
static void keep_path(struct sweep_plan *p, int f, int s, const char *path)
{
    size_t at = (size_t)s * p->n_figures + f;
    snprintf(p->path_text[at], SWEEP_PATH_MAX, "%s", path ? path : "");
    p->paths[at] = path ? p->path_text[at] : NULL;
}

/* The metrics (given, or the headlines) and the headlines, as paths in every scenario. */
static int resolve_figures(struct sweep_plan *p, struct experiment *e)
{
    p->n_headlines = headline_list(&e[0], p->headlines);
    int given = p->spec.n_metrics;
    p->n_metrics = given ? given : p->n_headlines;
    if (p->n_metrics > SWEEP_MAX_METRICS)
        p->n_metrics = SWEEP_MAX_METRICS;
    p->n_figures = p->n_metrics + p->n_headlines;
    p->paths = calloc((size_t)p->n * p->n_figures, sizeof *p->paths);
    p->path_text = calloc((size_t)p->n * p->n_figures, sizeof *p->path_text);
    if (!p->paths || !p->path_text) {
        cli_error("sweep", "out of memory");
        return EXIT_RUNTIME;
    }
    for (int f = 0; f < p->n_figures; f++) {
        const struct headline *h = f >= p->n_metrics ? &p->headlines[f - p->n_metrics]
                                   : given ? NULL : &p->headlines[f];
        for (int s = 0; s < p->n; s++) {
            long i;
            char err[600];
            if (h)
                i = headline_index(h, &e[s]);
            else if ((i = results_find(&e[s].ix, p->spec.metrics[f], err, sizeof err)) < 0 &&
                     s == 0) {
                cli_error("sweep", "metric: %s", err);
                return EXIT_BAD_INPUT;
            }
            keep_path(p, f, s, i >= 0 ? e[s].ix.layout->paths[i] : NULL);
            if (s == 0 && f < p->n_metrics) {
                struct sweep_metric *m = &p->metrics[f];
                snprintf(m->path, sizeof m->path, "%s", e[0].ix.layout->paths[i]);
                metric_label(&e[0].ix, i, m->path, m->label, sizeof m->label);
                m->def = results_meta(&e[0].ix, i)->def;
            }
        }
        if (f >= p->n_metrics)
            p->direction[f - p->n_metrics] = h->def->lower_is_better;
    }
    return 0;
}

static int figures_of(struct sweep_plan *p)
{
    struct experiment e[SWEEP_MAX_SCENARIOS];
    memset(e, 0, sizeof e);
    int rc = 0;
    for (int s = 0; s < p->n && rc == 0; s++) {
        e[s].m = p->base[s];
        if (results_index_build(p->base[s], &e[s].ix) != 0) {
            cli_error("sweep", "out of memory");
            rc = EXIT_RUNTIME;
        }
    }
    if (rc == 0)
        rc = resolve_figures(p, e);
    for (int s = 0; s < p->n; s++)
        results_index_free(&e[s].ix);
    return rc;
}

/* The assumptions' values at one point (or ends) as overrides. */
static void overrides_at(const struct sweep_plan *p, const double *values, struct override *ov)
{
    for (int i = 0; i < p->spec.n_params; i++)
        ov[i] = (struct override){ p->spec.params[i].path, values[i], p->spec.params[i].integer };
}

int sweep_plan_load(const struct sweep_plan *p, int point, int s, struct model *m, char *err,
                    size_t size)
{
    struct override ov[SWEEP_MAX_PARAMS];
    struct scenario_errors errors;
    int n = point >= 0 ? p->spec.n_params : 0;
    if (point >= 0)
        overrides_at(p, p->design.value + (size_t)point * p->design.k, ov);
    if (scenario_load_with(p->files[s], ov, n, m, &errors) == 0) {
        m->seed = p->seed;
        return 0;
    }
    snprintf(err, size, "%s", errors.n ? errors.lines[0] : "out of memory");
    scenario_errors_free(&errors);
    return -1;
}

/* Says why scenario s does not load with assumptions [i0, i1) at values; returns EXIT_BAD_INPUT. */
static int refuse(const struct sweep_plan *p, int s, const double *values, int i0, int i1,
                  const char *where, struct scenario_errors *errors)
{
    char at[1024];
    size_t len = 0;
    at[0] = '\0';
    for (int i = i0; i < i1 && len < sizeof at; i++) {
        int w = snprintf(at + len, sizeof at - len, "%s%s = %g", i > i0 ? ", " : "",
                         p->spec.params[i].path, values[i]);
        if (w > 0)
            len += (size_t)w;
    }
    cli_error("sweep", "%s does not load %s (%s):", p->files[s], where, at);
    for (size_t i = 0; i < errors->n; i++)
        fprintf(stderr, "%s\n", errors->lines[i]);
    scenario_errors_free(errors);
    return EXIT_BAD_INPUT;
}

/*
 * Every scenario with each assumption alone at its low and high ends (so
 * that a refused range names its assumption), then at every point of the
 * design.
 */
static int check_points(struct sweep_plan *p)
{
    struct model *m = malloc(sizeof *m);
    struct override ov[SWEEP_MAX_PARAMS];
    struct scenario_errors errors;
    double values[SWEEP_MAX_PARAMS] = { 0 };
    int k = p->spec.n_params, rc = 0;
    if (!m) {
        cli_error("sweep", "out of memory");
        return EXIT_RUNTIME;
    }
    for (int s = 0; s < p->n && rc == 0; s++) {
        for (int i = 0; i < k && rc == 0; i++)
            for (int end = 0; end < 2 && rc == 0; end++) {
                values[i] = sweep_param_value(&p->spec.params[i], end);
                overrides_at(p, values, ov);
                char where[SWEEP_PATH_MAX + 32];
                snprintf(where, sizeof where, "with %s at its %s end", p->spec.params[i].path,
                         end ? "high" : "low");
                if (scenario_load_with(p->files[s], ov + i, 1, m, &errors) != 0)
                    rc = refuse(p, s, values, i, i + 1, where, &errors);
                else
                    model_release(m);
            }
        for (int j = 0; j < p->design.n && rc == 0; j++) {
            const double *v = p->design.value + (size_t)j * k;
            overrides_at(p, v, ov);
            char where[64];
            snprintf(where, sizeof where, "at point %d of the design", j);
            if (scenario_load_with(p->files[s], ov, k, m, &errors) != 0)
                rc = refuse(p, s, v, 0, k, where, &errors);
            else
                model_release(m);
        }
    }
    free(m);
    return rc;
}

static int load_scenarios(struct sweep_plan *p, char **files, int n)
{
    if (n < 1 || n > SWEEP_MAX_SCENARIOS) {
        cli_error("sweep", "give 1 to %d scenario files", SWEEP_MAX_SCENARIOS);
        return EXIT_BAD_INPUT;
    }
    p->n = n;
    int rc = 0;
    for (int s = 0; s < n; s++) {
        p->files[s] = files[s];
        if (cli_load_file("sweep", files[s], &p->base[s]) != 0)
            rc = EXIT_BAD_INPUT;
        for (int t = 0; t < s && p->base[s] && p->base[t]; t++)
            if (strcmp(p->base[s]->name, p->base[t]->name) == 0) {
                cli_error("sweep", "%s and %s are both named '%s'; compared scenarios need "
                          "different names", files[t], files[s], p->base[s]->name);
                rc = EXIT_BAD_INPUT;
            }
    }
    return rc;
}

int sweep_plan_build(struct sweep_plan *p, const struct sweep_args *a, char **files, int n,
                     long replications, long seed, long threads)
{
    memset(p, 0, sizeof *p);
    int rc = load_scenarios(p, files, n);
    if (rc == 0)
        rc = spec_from(p, a);
    if (rc == 0)
        rc = check_params(p, a->n_vary == 0);
    if (rc == 0)
        rc = figures_of(p);
    if (rc != 0)
        return rc;
    p->replications = replications > 0 ? (int)replications
                      : p->spec.replications > 0 ? p->spec.replications
                      : p->base[0]->replications;
    p->seed = seed >= 0 ? (uint64_t)seed : p->base[0]->seed;
    p->threads = (int)threads;
    p->base[0]->seed = p->seed;
    char err[512];
    if (sweep_design_build(&p->design, &p->spec, p->seed, err, sizeof err) != 0) {
        cli_error("sweep", "%s", err);
        return EXIT_BAD_INPUT;
    }
    return check_points(p);
}

void sweep_plan_free(struct sweep_plan *p)
{
    for (int s = 0; s < p->n; s++)
        if (p->base[s]) {
            model_release(p->base[s]);
            free(p->base[s]);
        }
    free(p->paths);
    free(p->path_text);
    sweep_design_free(&p->design);
    memset(p, 0, sizeof *p);
}
