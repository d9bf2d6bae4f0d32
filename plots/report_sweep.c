/*
 * report_sweep: the page of a sweep (report_write_sweep in report.h): the
 * answer in a few sentences, the assumptions, where each scenario beats the
 * first, each figure's spread beside the simulation's noise, what drives
 * it, the charts, and links to the files.  Numbers are said as on the
 * terminal (plots/sweep_out.c), so the page and the terminal agree.
 */
#include "plots/report.h"
#include "plots/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plots/sweep_out.h"

struct sweep_ctx {
    const struct sweep_view *v;
    const struct report_source *src;
    const struct chart_set *charts;
};

static void answer(const struct page *pg, const struct sweep_view *v)
{
    char text[8192], design[160];
    sweep_out_answer(v, text, sizeof text);
    sweep_out_design_words(v, design, sizeof design);
    fputs("<h2 id=\"summary\">In short</h2>\n<ul>\n", pg->f);
    for (char *line = text, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
        *nl = '\0';
        fputs("<li>", pg->f);
        report_esc(pg->f, line);    /* each sentence ends with its own full stop */
        fputs("</li>\n", pg->f);
    }
    fputs("</ul>\n<p class=\"note\">", pg->f);
    report_escf(pg->f, "A plausible world is one point of the design (%s): the assumptions "
                "below take one value each, drawn from their distributions, and every scenario "
                "is simulated there with %d replication%s on the same random numbers, so that "
                "the points differ only by the assumptions.", design, v->replications,
                v->replications == 1 ? "" : "s");
    fputs("</p>\n", pg->f);
}

static void assumptions(const struct page *pg, const struct sweep_view *v)
{
    static const char *const heads[] = { "setting", "distribution", "low", "high", "details" };
    fputs("<h2 id=\"assumptions\">Assumptions varied</h2>\n", pg->f);
    report_table_start(pg, "Each assumption's distribution over its range", 5, heads);
    for (int i = 0; i < v->spec->n_params; i++) {
        const struct sweep_param *p = &v->spec->params[i];
        char lo[32], hi[32], det[96] = "";
        snprintf(lo, sizeof lo, "%g", p->low);
        snprintf(hi, sizeof hi, "%g", p->high);
        if (p->dist == SWEEP_TRIANGULAR)
            snprintf(det, sizeof det, "most likely %g", p->mode);
        else if (p->dist == SWEEP_TRUNCATED_NORMAL)
            snprintf(det, sizeof det, "mean %g, sd %g, cut at low and high", p->mean, p->sd);
        if (p->integer)
            strncat(det, *det ? "; whole numbers" : "whole numbers", sizeof det - strlen(det) - 1);
        fputs("<tr>", pg->f);
        fputs("<td><code>", pg->f);
        report_esc(pg->f, p->path);
        fputs("</code></td>", pg->f);
        report_td_text(pg, sweep_dist_name(p->dist));
        report_td_text(pg, lo);
        report_td_text(pg, hi);
        report_td_text(pg, det);
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
}

static void percent_cell(const struct page *pg, double share, const char *cls)
{
    char buf[32];
    if (isfinite(share))
        snprintf(buf, sizeof buf, "%.0f%%", 100.0 * share);
    else
        snprintf(buf, sizeof buf, "n/a");
    fprintf(pg->f, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    report_esc(pg->f, buf);
    fputs("</td>", pg->f);
}

static void shares(const struct page *pg, const struct sweep_view *v)
{
    static const char *const heads[] = { "figure", "better", "worse", "equal" };
    if (v->n_scenarios < 2)
        return;
    fputs("<h2 id=\"shares\">Where each scenario beats the first</h2>\n", pg->f);
    for (int s = 1; s < v->n_scenarios; s++) {
        char caption[300];
        snprintf(caption, sizeof caption, "%s against %s: share of the %d plausible worlds",
                 v->names[s], v->names[0], v->design->n);
        report_table_start(pg, caption, 4, heads);
        for (int h = 0; h < v->n_headlines; h++) {
            const struct sweep_share *sh = &v->an->share[(size_t)(s - 1) * v->n_headlines + h];
            if (!sh->n)
                continue;
            fputs("<tr>", pg->f);
            report_td_text(pg, v->headlines[h].label);
            if (sh->direction < 0) {
                char t[96];
                snprintf(t, sizeof t, "higher in %.0f%%, lower in %.0f%%",
                         100.0 * sh->higher / sh->n, 100.0 * sh->lower / sh->n);
                fputs("<td colspan=\"3\">", pg->f);
                report_esc(pg->f, t);
                fputs("</td>", pg->f);
            } else {
                double b = sweep_share_better(sh), w = sweep_share_worse(sh);
                percent_cell(pg, b, b >= 0.9 ? "better" : NULL);
                percent_cell(pg, w, w >= 0.9 ? "worse" : NULL);
                percent_cell(pg, (double)sh->equal / sh->n, NULL);
            }
            fputs("</tr>\n", pg->f);
        }
        report_table_end(pg);
    }
}

static void spread(const struct page *pg, const struct sweep_view *v)
{
    static const char *const heads[] = { "figure", "5%", "median", "95%", "noise ±",
                                         "main driver" };
    fputs("<h2 id=\"spread\">Spread over the plausible worlds</h2>\n", pg->f);
    report_table_start(pg, "Percentiles over the points, beside the noise of one point (the mean "
                       "95% half-width of its replications)", 6, heads);
    for (int o = 0; o < v->an->n_outputs; o++) {
        const struct sweep_output *out = &v->an->out[o];
        char label[2 * SWEEP_LABEL_MAX], cell[64];
        int diff = out->against >= 0;
        sweep_out_label(v, out, label, sizeof label);
        fputs("<tr>", pg->f);
        report_td_text(pg, label);
        const double vals[4] = { out->p5, out->p50, out->p95, out->noise };
        for (int c = 0; c < 4; c++) {
            sweep_out_say(v, out->metric, vals[c], diff ? (c < 3 ? 1 : 2) : 0, cell, sizeof cell);
            report_td_text(pg, cell);
        }
        report_td_text(pg, out->driver >= 0 ? v->spec->params[out->driver].path : "-");
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
}

static void index_cells(const struct page *pg, const struct sweep_view *v,
                        const struct sweep_output *o, int i)
{
    char a[240], b[240], c[64], d[64], e[64];
    switch (v->design->method) {
    case SWEEP_SOBOL:
        snprintf(a, sizeof a, "%.2f [%.2f, %.2f]", o->first[i].value, o->first[i].lo,
                 o->first[i].hi);
        snprintf(b, sizeof b, "%.2f [%.2f, %.2f]", o->total[i].value, o->total[i].lo,
                 o->total[i].hi);
        break;
    case SWEEP_MORRIS:
        sweep_out_say(v, o->metric, o->mu_star[i].value, 0, c, sizeof c);
        sweep_out_say(v, o->metric, o->mu_star[i].lo, 0, d, sizeof d);
        sweep_out_say(v, o->metric, o->mu_star[i].hi, 0, e, sizeof e);
        snprintf(a, sizeof a, "%s [%s, %s]", c, d, e);
        sweep_out_say(v, o->metric, o->mu[i], 1, c, sizeof c);
        sweep_out_say(v, o->metric, o->sigma[i], 0, d, sizeof d);
        snprintf(b, sizeof b, "%s; sigma %s", c, d);
        break;
    default:
        snprintf(a, sizeof a, "%+.2f [%+.2f, %+.2f]", o->rho[i].value, o->rho[i].lo,
                 o->rho[i].hi);
        b[0] = '\0';
    }
    report_td_text(pg, a);
    if (v->design->method != SWEEP_LHS)
        report_td_text(pg, b);
}

static void drivers(const struct page *pg, const struct sweep_view *v)
{
    static const char *const heads[SWEEP_METHOD_COUNT][4] = {
        { "figure", "assumption", "rank correlation", "" },
        { "figure", "assumption", "first order", "total" },
        { "figure", "assumption", "mu* (importance)", "mu (direction); sigma" },
    };
    static const char *const caption[SWEEP_METHOD_COUNT] = {
        "Spearman rank correlation of each figure with each assumption, with 95% bootstrap "
        "intervals",
        "Sobol indices: the share of a figure's spread an assumption explains alone (first "
        "order) and with its interactions (total), with 95% bootstrap intervals",
        "Morris elementary effects over each assumption's whole range, with 95% bootstrap "
        "intervals for mu*",
    };
    int m = v->design->method;
    fputs("<h2 id=\"drivers\">What drives each figure</h2>\n", pg->f);
    report_table_start(pg, caption[m], m == SWEEP_LHS ? 3 : 4, heads[m]);
    for (int o = 0; o < v->an->n_outputs; o++) {
        const struct sweep_output *out = &v->an->out[o];
        char label[2 * SWEEP_LABEL_MAX];
        sweep_out_label(v, out, label, sizeof label);
        for (int i = 0; i < v->design->k; i++) {
            fputs("<tr>", pg->f);
            report_td_text(pg, i == 0 ? label : "");
            report_td_text(pg, v->spec->params[i].path);
            index_cells(pg, v, out, i);
            fputs("</tr>\n", pg->f);
        }
    }
    report_table_end(pg);
}

static void body(struct page *pg, const void *ctx)
{
    const struct sweep_ctx *c = ctx;
    const struct sweep_view *v = c->v;
    char title[600];
    size_t n = (size_t)snprintf(title, sizeof title, "How sure are we? ");
    for (int s = 0; s < v->n_scenarios && n < sizeof title; s++)
        n += (size_t)snprintf(title + n, sizeof title - n, "%s%s", s ? " and " : "",
                              v->names[s]);
    report_page_start(pg, title);
    fputs("<h1>", pg->f);
    report_esc(pg->f, title);
    fputs("</h1>\n<p class=\"meta\">", pg->f);
    report_escf(pg->f, "%d assumption%s over %d plausible worlds, seed %llu.",
                v->spec->n_params, v->spec->n_params == 1 ? "" : "s", v->design->n,
                (unsigned long long)v->seed);
    fputs("</p>\n", pg->f);
    for (int s = 0; s < v->n_scenarios && c->src; s++)
        if (c->src[s].question) {
            report_question_block(pg, c->src[s].question);
            break;
        }
    answer(pg, v);
    assumptions(pg, v);
    shares(pg, v);
    spread(pg, v);
    drivers(pg, v);
    report_charts_section(pg, c->charts);
    static const char *const files[] = { "summary.json", "points.csv", "indices.csv" };
    report_files_section(pg, files, 3);
    report_page_end(pg);
}

int report_write_sweep(const char *dir, const struct sweep_view *v,
                       const struct report_source *src, const struct chart_set *charts,
                       char *err, size_t size)
{
    struct sweep_ctx ctx = { v, src, charts };
    struct page pg = { .currency = v->currency, .reps = v->replications };
    return report_write_page(dir, body, &ctx, &pg, err, size);
}
