/*
 * sweep_out: a sweep in words and on the terminal, see sweep_out.h.  The
 * files (summary.json, points.csv, indices.csv) are written by
 * sweep_files.c from the same view and the same answer.
 */
#include "plots/sweep_out.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plots/chart.h"

/* 14072.4 -> "14,072" */
static void grouped(char *buf, size_t size, double v)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t len = strlen(digits), n = 0;
    if (v < 0 && lround(fabs(v)) && n + 1 < size)
        buf[n++] = '-';
    for (size_t i = 0; digits[i] && n + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[n++] = ',';
        buf[n++] = digits[i];
    }
    buf[n] = '\0';
}

void sweep_out_say(const struct sweep_view *v, int m, double value, int difference, char *buf,
                   size_t size)
{
    char body[96];
    double a = difference ? fabs(value) : value;    /* 2: a difference's size, no sign */
    if (!isfinite(value)) {
        snprintf(buf, size, "n/a");
        return;
    }
    switch (v->metrics[m].def->unit) {
    case UNIT_SHARE:
        snprintf(body, sizeof body, difference ? "%.1f points" : "%.1f%%", 100.0 * a);
        break;
    case UNIT_SECONDS: chart_format_duration(a, body, sizeof body); break;
    case UNIT_MONEY: chart_format_money(v->currency, a, body, sizeof body); break;
    case UNIT_HOURS:
        grouped(body, sizeof body, a);
        strncat(body, " h", sizeof body - strlen(body) - 1);
        break;
    case UNIT_COUNT:
        if (fabs(a) >= 100)
            grouped(body, sizeof body, a);
        else
            snprintf(body, sizeof body, "%.3g", a);
        break;
    default: snprintf(body, sizeof body, "%.3g", a);
    }
    int zero = !strpbrk(body, "123456789");
    snprintf(buf, size, "%s%s", difference == 1 && !zero ? (value > 0 ? "+" : "-") : "", body);
}

void sweep_out_label(const struct sweep_view *v, const struct sweep_output *o, char *buf,
                     size_t size)
{
    if (o->against < 0)
        snprintf(buf, size, "%s", v->metrics[o->metric].label);
    else
        snprintf(buf, size, "%s - %s: %s", v->names[o->scenario], v->names[o->against],
                 v->metrics[o->metric].label);
}

void sweep_out_design_words(const struct sweep_view *v, char *buf, size_t size)
{
    const struct sweep_design *d = v->design;
    switch (d->method) {
    case SWEEP_SOBOL:
        snprintf(buf, size, "Sobol design (Saltelli): %d base points x %d = %d points", d->base,
                 d->k + 2, d->n);
        break;
    case SWEEP_MORRIS:
        snprintf(buf, size, "Morris design: %d trajectories x %d = %d points on %d levels",
                 d->base, d->k + 1, d->n, d->levels);
        break;
    default:
        snprintf(buf, size, "Latin hypercube: %d points", d->n);
    }
}

/* The headline of the first scenario that is figure (family, stat), or -1. */
static int find_headline(const struct sweep_view *v, enum figure_family family, int stat)
{
    for (int h = 0; h < v->n_headlines; h++)
        if (v->headlines[h].family == family && v->headlines[h].stat == stat)
            return h;
    return -1;
}

static const struct sweep_share *share_of(const struct sweep_view *v, int s, int h)
{
    return h < 0 ? NULL : &v->an->share[(size_t)(s - 1) * v->n_headlines + h];
}

/* How much worse scenario s is than the first on headline h, relative to the first, on average. */
static double relative_loss(const struct sweep_view *v, int s, int h)
{
    int f = v->n_metrics + h, n = 0;
    double sum = 0;
    for (int p = 0; p < v->design->n; p++) {
        double a = sweep_results_at(v->res, p, 0, f)->mean;
        double d = sweep_results_diff(v->res, p, s, f)->mean;
        if (isfinite(a) && isfinite(d) && a != 0) {
            sum += (v->headlines[h].def->lower_is_better ? d : -d) / fabs(a);
            n++;
        }
    }
    return n ? sum / n : 0;
}

/* "digital-first is cheaper than baseline in 97% of plausible worlds; seniors ..." */
static int answer_compare(const struct sweep_view *v, int s, char *buf, size_t size)
{
    const struct sweep_share *cost = share_of(v, s, find_headline(v, FIG_TOTAL, TC_ORGANISATION));
    int len = 0;
    if (cost && cost->n && cost->equal == cost->n)
        len = snprintf(buf, size, "%s costs the organisation the same as %s in every plausible "
                       "world", v->names[s], v->names[0]);
    else if (cost && cost->n)
        len = snprintf(buf, size, "%s is cheaper than %s in %.0f%% of plausible worlds",
                       v->names[s], v->names[0], 100.0 * sweep_share_better(cost));
    else
        len = snprintf(buf, size, "%s against %s over %d plausible worlds", v->names[s],
                       v->names[0], v->design->n);
    /* the segment that loses most often; among equals, by the most on average */
    const struct sweep_share *lose = NULL;
    double lose_by = 0;
    for (int h = 0; h < v->n_headlines; h++) {
        const struct sweep_share *sh = share_of(v, s, h);
        if (!v->headlines[h].segment || sh->direction < 0 || !sh->n)
            continue;
        double by = relative_loss(v, s, h), w = sweep_share_worse(sh);
        if (!lose || w > sweep_share_worse(lose) || (w == sweep_share_worse(lose) && by > lose_by)) {
            lose = sh;
            lose_by = by;
        }
    }
    if (lose && sweep_share_worse(lose) > 0 && len >= 0 && (size_t)len < size) {
        const struct headline *h = &v->headlines[lose->headline];
        len += snprintf(buf + len, size - (size_t)len, "; %s lose (%s: %s) in %.0f%%",
                        h->owner, h->def->label, lose->direction ? "higher" : "lower",
                        100.0 * sweep_share_worse(lose));
    }
    return len;
}

/* "In 90% of plausible worlds, X lies between a and b (median c); Y drives most of it." */
static int answer_spread(const struct sweep_view *v, const struct sweep_output *o, char *buf,
                         size_t size)
{
    char label[2 * SWEEP_LABEL_MAX], lo[64], hi[64], mid[64], idx[400] = "";
    int diff = o->against >= 0;
    sweep_out_label(v, o, label, sizeof label);
    sweep_out_say(v, o->metric, o->p5, diff, lo, sizeof lo);
    sweep_out_say(v, o->metric, o->p95, diff, hi, sizeof hi);
    sweep_out_say(v, o->metric, o->p50, diff, mid, sizeof mid);
    if (o->driver >= 0) {
        const char *path = v->spec->params[o->driver].path;
        int i = o->driver;
        if (v->design->method == SWEEP_SOBOL)
            snprintf(idx, sizeof idx, "; %s %s (total index %.2f, 95%% interval %.2f to %.2f)",
                     path, o->total[i].value > 0.5 ? "drives most of it" : "drives the most of it",
                     o->total[i].value, o->total[i].lo, o->total[i].hi);
        else if (v->design->method == SWEEP_MORRIS) {
            char eff[64];
            sweep_out_say(v, o->metric, o->mu_star[i].value, 0, eff, sizeof eff);
            snprintf(idx, sizeof idx, "; %s moves it most (%s over its range, on average)",
                     path, eff);
        } else
            snprintf(idx, sizeof idx, "; it follows %s most closely (rank correlation %+.2f)",
                     path, o->rho[i].value);
    }
    int len = snprintf(buf, size, "In 90%% of plausible worlds, %s lies between %s and %s "
                       "(median %s)%s", label, lo, hi, mid, idx);
    if (isfinite(o->noise) && o->noise > 0.25 * (o->p95 - o->p5) && len >= 0 &&
        (size_t)len < size) {
        char n[64];
        sweep_out_say(v, o->metric, o->noise, o->against >= 0 ? 2 : 0, n, sizeof n);
        len += snprintf(buf + len, size - (size_t)len, "; the simulation's noise at one point "
                        "(%s) is large beside this spread: raise --replications", n);
    }
    return len;
}

/*
 * The metrics the answer leads with, at most max: the organisation's total
 * cost when it is studied, then the others in order.
 */
int sweep_out_lead(const struct sweep_view *v, int *lead, int max)
{
    int n = 0, cost = -1, h = find_headline(v, FIG_TOTAL, TC_ORGANISATION);
    for (int m = 0; m < v->n_metrics && h >= 0 && v->paths; m++)
        if (v->paths[m] && v->paths[v->n_metrics + h] &&
            strcmp(v->paths[m], v->paths[v->n_metrics + h]) == 0)
            cost = m;
    if (cost >= 0)
        lead[n++] = cost;
    for (int m = 0; m < v->n_metrics && n < max; m++)
        if (m != cost)
            lead[n++] = m;
    return n;
}

int sweep_out_answer(const struct sweep_view *v, char *buf, size_t size)
{
    size_t len = 0;
    int lines = 0, lead[3];
    buf[0] = '\0';
    for (int s = 1; s < v->n_scenarios && len < size; s++, lines++) {
        int w = answer_compare(v, s, buf + len, size - len);
        len += w > 0 ? (size_t)w : 0;
        len += (size_t)snprintf(buf + len, len < size ? size - len : 0, ".\n");
    }
    /* one scenario: its leading metrics; several: the leading metric's differences */
    int n = sweep_out_lead(v, lead, v->n_scenarios > 1 ? 1 : 3);
    for (int s = v->n_scenarios > 1 ? 1 : 0; s < v->n_scenarios; s++)
        for (int i = 0; i < n && len < size; i++, lines++) {
            int o = s ? v->n_metrics * (v->n_scenarios + s - 1) + lead[i] : lead[i];
            int w = answer_spread(v, &v->an->out[o], buf + len, size - len);
            len += w > 0 ? (size_t)w : 0;
            len += (size_t)snprintf(buf + len, len < size ? size - len : 0, ".\n");
        }
    return lines;
}

static void print_assumptions(FILE *f, const struct sweep_view *v)
{
    fprintf(f, "\nassumptions varied\n");
    for (int i = 0; i < v->spec->n_params; i++) {
        const struct sweep_param *p = &v->spec->params[i];
        fprintf(f, "  %-44s %-16s %g to %g", p->path, sweep_dist_name(p->dist), p->low, p->high);
        if (p->dist == SWEEP_TRIANGULAR)
            fprintf(f, ", mode %g", p->mode);
        if (p->dist == SWEEP_TRUNCATED_NORMAL)
            fprintf(f, ", mean %g, sd %g", p->mean, p->sd);
        fprintf(f, "%s\n", p->integer ? " (whole numbers)" : "");
    }
}

/* Outputs [from, to): 5th, 50th and 95th percentiles over the points, and the noise. */
static void print_spread(FILE *f, const struct sweep_view *v, int from, int to)
{
    fprintf(f, "\nspread over the plausible worlds (percentiles over the points) beside the "
               "noise of one point (mean 95%% half-width over %d replications)\n",
            v->replications);
    fprintf(f, "  %-60s %14s %14s %14s %12s  %s\n", "figure", "5%", "median", "95%", "noise ±",
            "main driver");
    for (int o = from; o < to; o++) {
        const struct sweep_output *out = &v->an->out[o];
        char label[2 * SWEEP_LABEL_MAX], a[64], b[64], c[64], n[64];
        int diff = out->against >= 0;
        sweep_out_label(v, out, label, sizeof label);
        sweep_out_say(v, out->metric, out->p5, diff, a, sizeof a);
        sweep_out_say(v, out->metric, out->p50, diff, b, sizeof b);
        sweep_out_say(v, out->metric, out->p95, diff, c, sizeof c);
        sweep_out_say(v, out->metric, out->noise, diff ? 2 : 0, n, sizeof n);
        fprintf(f, "  %-60.60s %14s %14s %14s %12s  %s\n", label, a, b, c, n,
                out->driver >= 0 ? v->spec->params[out->driver].path : "-");
    }
}

static void print_shares(FILE *f, const struct sweep_view *v)
{
    for (int s = 1; s < v->n_scenarios; s++) {
        fprintf(f, "\n%s against %s: share of the %d plausible worlds where %s is ...\n",
                v->names[s], v->names[0], v->design->n, v->names[s]);
        fprintf(f, "  %-52s %8s %8s %8s\n", "figure", "better", "worse", "equal");
        for (int h = 0; h < v->n_headlines; h++) {
            const struct sweep_share *sh = share_of(v, s, h);
            if (!sh->n)
                continue;
            if (sh->direction < 0)
                fprintf(f, "  %-52.52s %6.0f%% higher, %.0f%% lower\n", v->headlines[h].label,
                        100.0 * sh->higher / sh->n, 100.0 * sh->lower / sh->n);
            else
                fprintf(f, "  %-52.52s %7.0f%% %7.0f%% %7.0f%%\n", v->headlines[h].label,
                        100.0 * sweep_share_better(sh), 100.0 * sweep_share_worse(sh),
                        100.0 * sh->equal / sh->n);
        }
    }
}

static void print_index_row(FILE *f, const struct sweep_view *v, const struct sweep_output *o,
                            int i)
{
    const char *path = v->spec->params[i].path;
    switch (v->design->method) {
    case SWEEP_SOBOL:
        fprintf(f, "    %-44s S1 %5.2f [%5.2f, %5.2f]   ST %5.2f [%5.2f, %5.2f]\n", path,
                o->first[i].value, o->first[i].lo, o->first[i].hi, o->total[i].value,
                o->total[i].lo, o->total[i].hi);
        break;
    case SWEEP_MORRIS: {
        char ms[64], lo[64], hi[64], mu[64], sd[64];
        sweep_out_say(v, o->metric, o->mu_star[i].value, 0, ms, sizeof ms);
        sweep_out_say(v, o->metric, o->mu_star[i].lo, 0, lo, sizeof lo);
        sweep_out_say(v, o->metric, o->mu_star[i].hi, 0, hi, sizeof hi);
        sweep_out_say(v, o->metric, o->mu[i], 1, mu, sizeof mu);
        sweep_out_say(v, o->metric, o->sigma[i], 0, sd, sizeof sd);
        fprintf(f, "    %-44s mu* %s [%s, %s]   mu %s   sigma %s\n", path, ms, lo, hi, mu, sd);
        break;
    }
    default:
        fprintf(f, "    %-44s rho %+5.2f [%+5.2f, %+5.2f]\n", path, o->rho[i].value,
                o->rho[i].lo, o->rho[i].hi);
    }
}

static void print_indices(FILE *f, const struct sweep_view *v, int from, int to)
{
    static const char *const what[SWEEP_METHOD_COUNT] = {
        "rank correlation (Spearman) of each figure with each assumption",
        "Sobol indices: first order S1 (the assumption alone) and total ST (with its "
        "interactions), shares of the spread",
        "Morris elementary effects over each assumption's whole range: mu* importance, mu "
        "direction, sigma interaction or curvature",
    };
    fprintf(f, "\n%s, with 95%% bootstrap intervals\n", what[v->design->method]);
    for (int o = from; o < to; o++) {
        const struct sweep_output *out = &v->an->out[o];
        char label[2 * SWEEP_LABEL_MAX];
        sweep_out_label(v, out, label, sizeof label);
        fprintf(f, "  %s\n", label);
        if (!isfinite(out->p5) || out->p5 == out->p95) {
            fprintf(f, "    (the same at every point: no index)\n");
            continue;
        }
        for (int i = 0; i < v->design->k; i++)
            print_index_row(f, v, out, i);
    }
}

void sweep_out_print(FILE *f, const struct sweep_view *v)
{
    char design[160], answer[8192];
    sweep_out_design_words(v, design, sizeof design);
    fprintf(f, "chanmix sweep: ");
    for (int s = 0; s < v->n_scenarios; s++)
        fprintf(f, "%s'%s'", s ? (s + 1 == v->n_scenarios ? " and " : ", ") : "", v->names[s]);
    fprintf(f, ", %d assumption%s over %d plausible worlds (%s), %d replication%s each on common "
               "random numbers (seed %llu)\n", v->spec->n_params, v->spec->n_params == 1 ? "" : "s",
            v->design->n, design, v->replications, v->replications == 1 ? "" : "s",
            (unsigned long long)v->seed);
    sweep_out_answer(v, answer, sizeof answer);
    fputs(answer, f);
    print_assumptions(f, v);
    /* one scenario: its metrics; several: the shares, then each difference from the first */
    int from = v->n_scenarios > 1 ? v->n_metrics * v->n_scenarios : 0;
    print_shares(f, v);
    print_spread(f, v, from, v->an->n_outputs);
    print_indices(f, v, from, v->an->n_outputs);
}
