/*
 * report_compare: the page of a comparison (report_write_comparison in
 * report.h): each scenario against the reference, in sentences and tables.
 * Apart from report.c because it reads paired differences, not one run.
 * Differences are called better or worse only where their paired interval
 * excludes zero, as in the terminal table of plots/compare_table.c.
 */
#include "plots/report.h"
#include "plots/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plots/headline.h"
#include "plots/verdict.h"
#include "sim/metrics.h"

/* A figure compared between the reference and scenario k. */
struct line {
    char label[160];
    enum figure_unit k;
    int lower_is_better;        /* 1 lower, 0 higher, -1 neither */
    const struct estimate *a, *b, *d;
};

static int line_at(const struct comparison *c, int k, const struct headline *h, struct line *out)
{
    long ia = headline_index(h, &c->runs[0]), ib = headline_index(h, &c->runs[k]);
    if (ia < 0 || ib < 0 || !c->present[k][ib])
        return 0;
    snprintf(out->label, sizeof out->label, "%s", h->label);
    out->k = h->def->unit;
    out->lower_is_better = h->def->lower_is_better;
    out->a = &c->runs[0].summary[ia];
    out->b = &c->runs[k].summary[ib];
    out->d = &c->diff[k][ib];
    return 1;
}

/* 1 better, -1 worse, 2 changed (no direction), 0 no measurable change. */
static int verdict(const struct line *l)
{
    double d = l->d->mean, h = l->d->ci95;
    if (!(fabs(d) > h && h >= 0 && d != 0.0))
        return 0;
    if (l->lower_is_better < 0)
        return 2;
    return (d < 0) == (l->lower_is_better != 0) ? 1 : -1;
}

/* Scenario k's headline figures against the reference, segments apart; returns how many. */
static int headlines(const struct comparison *c, int k, int segments, struct line *out)
{
    struct headline h[HEADLINE_MAX];
    int n = headline_list(&c->runs[k], h), got = 0;
    for (int i = 0; i < n; i++)
        if (h[i].segment == segments)
            got += line_at(c, k, &h[i], &out[got]);
    return got;
}

/* "+2.4 points (95% CI +1.1 to +3.7 points)" */
static void say_difference(const struct page *pg, const struct line *l)
{
    char d[96], lo[96], hi[96];
    report_say_change(d, sizeof d, l->k, l->d->mean, pg->currency);
    report_say_change(lo, sizeof lo, l->k, l->d->mean - l->d->ci95, pg->currency);
    report_say_change(hi, sizeof hi, l->k, l->d->mean + l->d->ci95, pg->currency);
    report_escf(pg->f, "%s (95%% CI %s to %s)", d, lo, hi);
}

static void say_line(const struct page *pg, const struct line *l)
{
    char a[96], b[96];
    report_say(a, sizeof a, l->k, l->a->mean, pg->currency);
    report_say(b, sizeof b, l->k, l->b->mean, pg->currency);
    report_esc(pg->f, l->label);
    report_escf(pg->f, ": %s → %s, ", a, b);
    say_difference(pg, l);
}


static void compare_summary(const struct page *pg, const struct comparison *c, int k)
{
    FILE *f = pg->f;
    struct line lines[HEADLINE_MAX], seg[HEADLINE_MAX];
    int n = headlines(c, k, 0, lines), ns = headlines(c, k, 1, seg);
    fputs("<h3>", f);
    report_escf(f, "%s against %s", c->models[k]->name, c->models[0]->name);
    fputs("</h3>\n<ul>\n", f);
    int shown = 0;
    for (int i = 0; i < n; i++) {
        int v = verdict(&lines[i]);
        if (!v)
            continue;
        fputs("<li>", f);
        say_line(pg, &lines[i]);
        fputs(v == 1 ? ": <span class=\"better\">better</span>" : v == -1 ?
              ": <span class=\"worse\">worse</span>" : "", f);
        fputs(".</li>\n", f);
        shown++;
    }
    if (!shown)
        fprintf(f, "<li>No headline figure changed measurably over %d replications.</li>\n", pg->reps);
    fputs("</ul>\n", f);
    for (int side = 1; side >= -1; side -= 2) {
        int any = 0;
        for (int i = 0; i < ns; i++) {
            if (verdict(&seg[i]) != side)
                continue;
            fputs(any++ ? "; " : side == 1 ? "<p><strong>Who wins:</strong> "
                                           : "<p><strong>Who loses:</strong> ", f);
            report_esc(f, seg[i].label);
            fputs(" ", f);
            say_difference(pg, &seg[i]);
        }
        if (any)
            fputs(".</p>\n", f);
    }
    int measurable = 0;
    for (int i = 0; i < ns; i++)
        measurable += verdict(&seg[i]) != 0;
    if (ns && !measurable)
        fprintf(f, "<p>No segment of citizens is measurably better or worse off in needs given up "
             "or in waiting over %d replications.</p>\n", pg->reps);
}

static void compare_table(const struct page *pg, const struct comparison *c, int k)
{
    struct line lines[HEADLINE_MAX];
    int n = headlines(c, k, 0, lines);
    n += headlines(c, k, 1, lines + n);
    const char *heads[5] = { "figure", c->models[0]->name, c->models[k]->name,
                             "difference (95% CI)", "" };
    char caption[256];
    snprintf(caption, sizeof caption, "%s against %s: paired differences", c->models[k]->name,
             c->models[0]->name);
    report_table_start(pg, caption, 5, heads);
    for (int i = 0; i < n; i++) {
        int v = verdict(&lines[i]);
        fputs("<tr>", pg->f);
        report_td_text(pg, lines[i].label);
        report_td_estimate(pg, lines[i].k, lines[i].a);
        report_td_estimate(pg, lines[i].k, lines[i].b);
        fputs("<td>", pg->f);
        say_difference(pg, &lines[i]);
        fputs("</td>", pg->f);
        fputs(v == 1 ? "<td class=\"better\">better</td>" : v == -1 ?
              "<td class=\"worse\">worse</td>" : v == 2 ? "<td>changed</td>" : "<td></td>", pg->f);
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
}

/* The verdict: each number carries the JSON path and exact value it says. */
static void verdict_section(const struct page *pg, const struct comparison *c)
{
    FILE *f = pg->f;
    fputs("<section id=\"verdict\">\n", f);
    for (int k = 1; k < c->n; k++) {
        struct verdict v;
        verdict_build(c, k, &v);
        fputs("<p>", f);
        for (int i = 0; i < v.n; i++) {
            const struct verdict_part *p = &v.part[i];
            if (!p->number) {
                report_esc(f, p->text);
                continue;
            }
            char say[400];
            verdict_say(p, c->models[k]->currency, say, sizeof say);
            fputs("<span class=\"figure\" data-scenario=\"", f);
            report_esc(f, c->models[k]->name);
            fputs("\" data-path=\"", f);
            report_esc(f, c->runs[k].ix.layout->paths[p->at]);
            fprintf(f, "\" data-mean=\"%.12g\" data-ci95=\"%.12g\">", p->d.mean, p->d.ci95);
            report_esc(f, say);
            fputs("</span>", f);
        }
        fputs("</p>\n", f);
    }
    fputs("<p class=\"meta\">", f);
    report_esc(f, c->mode == COMPARISON_EQUAL_SERVICE
               ? "At equal service: every scenario's channels with targets were first staffed "
                 "to their norms by the planner, so the cost differences are what each policy "
                 "saves or costs at the same service."
               : "At fixed staffing: each scenario as its file staffs it. A policy that moves "
                 "citizens between channels saves money only when staffing follows the load; "
                 "compare with --equal-service to see that.");
    fputs(" Per year: volumes scaled by the seasonal demand, agent-hours by time.</p>\n"
          "</section>\n", f);
}

struct compare_ctx {
    const struct comparison *c;
    const struct report_source *src;
    const struct chart_set *charts;
};

static void compare_page(struct page *pg, const void *ctx)
{
    const struct compare_ctx *x = ctx;
    const struct comparison *c = x->c;
    const struct model *ref = c->models[0];
    FILE *f = pg->f;
    char title[256];
    size_t n = (size_t)snprintf(title, sizeof title, "chanmix comparison:");
    for (int k = 1; k < c->n && n < sizeof title; k++)
        n += (size_t)snprintf(title + n, sizeof title - n, "%s %s", k > 1 ? "," : "",
                              c->models[k]->name);
    if (n < sizeof title)
        snprintf(title + n, sizeof title - n, " against %s", ref->name);
    report_page_start(pg, title);
    fputs("<h1>", f);
    report_esc(f, title + strlen("chanmix comparison: "));
    fputs("</h1>\n", f);
    verdict_section(pg, c);
    fputs("<p class=\"meta\">", f);
    report_escf(f, "%d scenarios, each run for %d replications of %g days on common random "
                "numbers (seed %llu). Differences are each scenario minus %s, with paired 95%% "
                "confidence intervals; a difference is called better or worse only where its "
                "interval excludes zero.", c->n, c->runs[0].replications,
                (ref->horizon_s - ref->warmup_s) / 86400.0, (unsigned long long)ref->seed,
                ref->name);
    fputs("</p>\n", f);
    report_charts_section(pg, x->charts);
    fputs("<h2 id=\"summary\">In detail</h2>\n", f);
    for (int k = 1; k < c->n; k++)
        compare_summary(pg, c, k);
    fputs("<h2 id=\"tables\">Tables</h2>\n", f);
    for (int k = 1; k < c->n; k++)
        compare_table(pg, c, k);
    fputs("<h2 id=\"question\">The questions</h2>\n", f);
    for (int k = 0; k < c->n; k++) {
        fputs("<h3>", f);
        report_esc(f, c->models[k]->name);
        fputs(k == 0 ? " (the reference)</h3>\n" : "</h3>\n", f);
        if (x->src && x->src[k].file) {
            fputs("<p class=\"meta\">", f);
            report_escf(f, "From %s.", x->src[k].file);
            fputs("</p>\n", f);
        }
        report_question_block(pg, x->src ? x->src[k].question : NULL);
    }
    fputs("<h2 id=\"scenarios\">Each scenario</h2>\n<ul>\n", f);
    for (int k = 0; k < c->n; k++) {
        char rel[REPORT_PATH_MAX];
        fputs("<li>", f);
        report_esc(f, c->models[k]->name);
        fputs(": ", f);
        snprintf(rel, sizeof rel, "%s/report.html", c->models[k]->name);
        int any = report_link_file(pg, rel, "report");
        snprintf(rel, sizeof rel, "%s/summary.json", c->models[k]->name);
        if (any && report_exists(pg, rel))
            fputs(" · ", f);
        any |= report_link_file(pg, rel, "summary.json");
        if (!any)
            fputs("no files", f);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
    static const char *const files[] = { "comparison.json", "comparison.xlsx" };
    report_files_section(pg, files, 2);
    report_page_end(pg);
}

int report_write_comparison(const char *dir, const struct comparison *c,
                            const struct report_source *src, const struct chart_set *charts,
                            char *err, size_t size)
{
    struct compare_ctx x = { c, src, charts };
    struct page pg = { NULL, dir, c->models[0]->currency, c->runs[0].replications };
    return report_write_page(dir, compare_page, &x, &pg, err, size);
}
