/*
 * sweep_files: a sweep's summary.json, points.csv and indices.csv, see
 * sweep_out.h.  Numbers use %.12g as every chanmix file does, so the same
 * seed gives the same bytes; an undefined number is null in JSON and an
 * empty cell in CSV.
 */
#include "plots/sweep_out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plots/json.h"
#include "plots/output.h"

static const char *unit_name(enum figure_unit u)
{
    static const char *const names[] = { "count", "share", "seconds", "money", "hours", "number" };
    return (unsigned)u < sizeof names / sizeof names[0] ? names[u] : "number";
}

static void json_ci(struct json *j, const char *key, const struct sensitivity_ci *c)
{
    json_begin_object(j, key);
    json_number(j, "value", c->value);
    json_number(j, "low", c->lo);
    json_number(j, "high", c->hi);
    json_end_object(j);
}

static void json_indices(struct json *j, const struct sweep_view *v, const struct sweep_output *o)
{
    json_begin_array(j, "indices");
    for (int i = 0; i < v->design->k; i++) {
        json_begin_object(j, NULL);
        json_string(j, "assumption", v->spec->params[i].path);
        switch (v->design->method) {
        case SWEEP_SOBOL:
            json_ci(j, "first_order", &o->first[i]);
            json_ci(j, "total", &o->total[i]);
            break;
        case SWEEP_MORRIS:
            json_ci(j, "mu_star", &o->mu_star[i]);
            json_number(j, "mu", o->mu[i]);
            json_number(j, "sigma", o->sigma[i]);
            break;
        default:
            json_ci(j, "rank_correlation", &o->rho[i]);
        }
        json_end_object(j);
    }
    json_end_array(j);
}

static void json_head(struct json *j, const struct sweep_view *v)
{
    char answer[8192];
    sweep_out_answer(v, answer, sizeof answer);
    json_begin_array(j, "answer");
    for (char *line = answer, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;
        *nl = '\0';
        json_string(j, NULL, line);
    }
    json_end_array(j);
    json_begin_object(j, "sweep");
    json_string(j, "method", sweep_method_name(v->design->method));
    json_int(j, "design_points", v->design->base);
    json_int(j, "points", v->design->n);
    if (v->design->method == SWEEP_MORRIS)
        json_int(j, "levels", v->design->levels);
    json_int(j, "replications", v->replications);
    json_int(j, "seed", (long long)v->seed);
    json_begin_array(j, "scenarios");
    for (int s = 0; s < v->n_scenarios; s++)
        json_string(j, NULL, v->names[s]);
    json_end_array(j);
    json_end_object(j);
    json_begin_array(j, "assumptions");
    for (int i = 0; i < v->spec->n_params; i++) {
        const struct sweep_param *p = &v->spec->params[i];
        json_begin_object(j, NULL);
        json_string(j, "path", p->path);
        json_string(j, "dist", sweep_dist_name(p->dist));
        json_number(j, "low", p->low);
        json_number(j, "high", p->high);
        if (p->dist == SWEEP_TRIANGULAR)
            json_number(j, "mode", p->mode);
        if (p->dist == SWEEP_TRUNCATED_NORMAL) {
            json_number(j, "mean", p->mean);
            json_number(j, "sd", p->sd);
        }
        json_int(j, "integer", p->integer);
        json_end_object(j);
    }
    json_end_array(j);
}

static void json_outputs(struct json *j, const struct sweep_view *v)
{
    json_begin_array(j, "outputs");
    for (int o = 0; o < v->an->n_outputs; o++) {
        const struct sweep_output *out = &v->an->out[o];
        const struct sweep_metric *m = &v->metrics[out->metric];
        char label[2 * SWEEP_LABEL_MAX];
        sweep_out_label(v, out, label, sizeof label);
        json_begin_object(j, NULL);
        json_string(j, "scenario", v->names[out->scenario]);
        if (out->against >= 0)
            json_string(j, "minus", v->names[out->against]);
        json_string(j, "metric", m->path);
        json_string(j, "label", label);
        json_string(j, "unit", unit_name(m->def->unit));
        json_number(j, "p5", out->p5);
        json_number(j, "p50", out->p50);
        json_number(j, "p95", out->p95);
        json_number(j, "mean", out->mean);
        json_number(j, "noise_ci95", out->noise);
        if (out->driver >= 0)
            json_string(j, "driver", v->spec->params[out->driver].path);
        json_indices(j, v, out);
        json_end_object(j);
    }
    json_end_array(j);
}

static void json_shares(struct json *j, const struct sweep_view *v)
{
    json_begin_array(j, "shares");
    for (int i = 0; i < v->an->n_shares; i++) {
        const struct sweep_share *sh = &v->an->share[i];
        const struct headline *h = &v->headlines[sh->headline];
        json_begin_object(j, NULL);
        json_string(j, "scenario", v->names[sh->scenario]);
        json_string(j, "against", v->names[0]);
        json_string(j, "figure", h->label);
        json_int(j, "lower_is_better", sh->direction);
        json_number(j, "better", sh->direction >= 0 ? sweep_share_better(sh) : NAN);
        json_number(j, "worse", sh->direction >= 0 ? sweep_share_worse(sh) : NAN);
        json_number(j, "higher", sh->n ? (double)sh->higher / sh->n : NAN);
        json_number(j, "lower", sh->n ? (double)sh->lower / sh->n : NAN);
        json_number(j, "equal", sh->n ? (double)sh->equal / sh->n : NAN);
        json_int(j, "points", sh->n);
        json_end_object(j);
    }
    json_end_array(j);
}

void sweep_out_json(FILE *f, const struct sweep_view *v)
{
    struct json j;
    json_init(&j, f);
    json_begin_object(&j, NULL);
    json_head(&j, v);
    json_outputs(&j, v);
    json_shares(&j, v);
    json_end_object(&j);
}

/* A CSV cell of text, quoted when it must be. */
static void csv_text(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_number(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, ",%.12g", v == 0.0 ? 0.0 : v);
    else
        fputc(',', f);
}

/* Whether kept figure g of scenario s repeats an earlier one (a metric that is a headline). */
static int repeated(const struct sweep_view *v, int s, int g)
{
    const char *const *paths = v->paths;
    const char *a = paths[(size_t)s * v->res->n_figures + g];
    for (int e = 0; a && e < g; e++) {
        const char *b = paths[(size_t)s * v->res->n_figures + e];
        if (b && strcmp(a, b) == 0)
            return 1;
    }
    return !a;
}

static void point_role(FILE *f, const struct sweep_view *v, int p)
{
    const struct sweep_design *d = v->design;
    int r = d->role[p];
    if (d->method == SWEEP_SOBOL) {
        if (r == 0 || r == d->k + 1)
            fputs(r ? "B" : "A", f);
        else
            fprintf(f, "AB%d", r);
    } else if (d->method == SWEEP_MORRIS)
        fprintf(f, "%d", r);
    fputc(',', f);
    if (d->moved[p] >= 0)
        csv_text(f, v->spec->params[d->moved[p]].path);
}

int sweep_out_points_csv(FILE *f, const struct sweep_view *v)
{
    const char *const *paths = v->paths;
    const struct sweep_design *d = v->design;
    int S = v->n_scenarios, F = v->res->n_figures;
    fputs("point,group,role,moved", f);
    for (int i = 0; i < d->k; i++) {
        fputc(',', f);
        csv_text(f, v->spec->params[i].path);
    }
    char col[600];
    for (int s = 0; s < S; s++)
        for (int g = 0; g < F; g++)
            for (int ci = 0; ci < 2 && !repeated(v, s, g); ci++) {
                snprintf(col, sizeof col, "%s:%s%s", v->names[s], paths[(size_t)s * F + g],
                         ci ? ":ci95" : "");
                fputc(',', f);
                csv_text(f, col);
            }
    fputc('\n', f);
    for (int p = 0; p < d->n; p++) {
        fprintf(f, "%d,%d,", p, d->group[p]);
        point_role(f, v, p);
        for (int i = 0; i < d->k; i++)
            csv_number(f, d->value[(size_t)p * d->k + i]);
        for (int s = 0; s < S; s++)
            for (int g = 0; g < F; g++)
                if (!repeated(v, s, g)) {
                    const struct estimate *e = sweep_results_at(v->res, p, s, g);
                    csv_number(f, e->mean);
                    csv_number(f, e->ci95);
                }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

static void index_row(FILE *f, const struct sweep_view *v, const struct sweep_output *o, int i,
                      const char *index, double value, double lo, double hi)
{
    csv_text(f, v->names[o->scenario]);
    fputc(',', f);
    if (o->against >= 0)
        csv_text(f, v->names[o->against]);
    fputc(',', f);
    csv_text(f, v->metrics[o->metric].path);
    fputc(',', f);
    csv_text(f, v->spec->params[i].path);
    fprintf(f, ",%s", index);
    csv_number(f, value);
    csv_number(f, lo);
    csv_number(f, hi);
    fputc('\n', f);
}

int sweep_out_indices_csv(FILE *f, const struct sweep_view *v)
{
    fputs("scenario,minus,metric,assumption,index,value,ci_low,ci_high\n", f);
    for (int o = 0; o < v->an->n_outputs; o++) {
        const struct sweep_output *out = &v->an->out[o];
        for (int i = 0; i < v->design->k; i++)
            switch (v->design->method) {
            case SWEEP_SOBOL:
                index_row(f, v, out, i, "first_order", out->first[i].value, out->first[i].lo,
                          out->first[i].hi);
                index_row(f, v, out, i, "total", out->total[i].value, out->total[i].lo,
                          out->total[i].hi);
                break;
            case SWEEP_MORRIS:
                index_row(f, v, out, i, "mu_star", out->mu_star[i].value, out->mu_star[i].lo,
                          out->mu_star[i].hi);
                index_row(f, v, out, i, "mu", out->mu[i], NAN, NAN);
                index_row(f, v, out, i, "sigma", out->sigma[i], NAN, NAN);
                break;
            default:
                index_row(f, v, out, i, "rank_correlation", out->rho[i].value, out->rho[i].lo,
                          out->rho[i].hi);
            }
    }
    return ferror(f) ? -1 : 0;
}

static int write_file(FILE *f, int i, const void *ctx)
{
    const struct sweep_view *v = ctx;
    if (i == 0) {
        sweep_out_json(f, v);
        return ferror(f);
    }
    return i == 1 ? sweep_out_points_csv(f, v) : sweep_out_indices_csv(f, v);
}

int sweep_out_write(const char *dir, const struct sweep_view *v, char *err, size_t size)
{
    static const char *const names[3] = { "summary.json", "points.csv", "indices.csv" };
    return output_write_files(dir, 3, names, write_file, v, err, size);
}
