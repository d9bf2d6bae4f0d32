/*
 * report_run: the page of one run (report_write_run in report.h): what it
 * comes to in a few sentences, the charts, then a table per part of the
 * results.  Apart from report.c because it knows the layout of a run's
 * results; report.c knows only how to write a page.
 */
#include "plots/report.h"
#include "plots/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "models/choice.h"
#include "models/results.h"
#include "models/warnings.h"

struct run_ctx {
    const struct experiment *e;
    const struct report_source *src;
    const struct chart_set *charts;
};

/* Warnings first: an overloaded channel's waits must not be read as settled. */
static void say_warnings(const struct page *pg, const struct experiment *e)
{
    char warn[WARNINGS_MAX][WARNING_TEXT_MAX];
    int nw = warnings_list(e, warn);
    for (int i = 0; i < nw; i++) {
        fputs("<li class=\"warning\"><strong>Warning:</strong> ", pg->f);
        report_esc(pg->f, warn[i]);
        fputs(".</li>\n", pg->f);
    }
}

/* Needs: how many, how they ended, how long and how many tries a resolved one took. */
static void say_needs(const struct page *pg, const struct experiment *e, double days)
{
    FILE *f = pg->f;
    if (e->ix.needs < 0)
        return;
    const struct estimate *n = e->summary + e->ix.needs;
    fputs("<li>Citizens had ", f);
    report_say_estimate(pg, UNIT_COUNT, &n[NS_ARRIVED]);
    report_escf(f, " needs in the %g days. Of those that ended, ", days);
    report_say_estimate(pg, UNIT_SHARE, &n[NS_RESOLVED_SHARE]);
    fputs(" were resolved and ", f);
    report_say_estimate(pg, UNIT_SHARE, &n[NS_GAVE_UP_SHARE]);
    fputs(" given up. A resolved need took ", f);
    report_say_estimate(pg, UNIT_SECONDS, &n[NS_TIME_TO_RESOLUTION]);
    fputs(" and ", f);
    report_say_estimate(pg, UNIT_NUMBER, &n[NS_ATTEMPTS_MEAN]);
    fputs(" tries on average.</li>\n", f);
}

/* One sentence per assisted channel, then the self-service channels together. */
static void say_channels(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    FILE *f = pg->f;
    int self = 0;
    for (int c = 0; c < m->n_channels; c++) {
        const struct channel_params *ch = &m->channels[c];
        const struct estimate *s = e->summary + e->ix.channel[c];
        if (!choice_is_assisted(ch->kind)) {
            self++;
            continue;
        }
        char target[32];
        chart_format_duration(ch->target_s, target, sizeof target);
        fputs("<li><strong>", f);
        report_esc(f, ch->name);
        fputs("</strong>: ", f);
        report_say_estimate(pg, UNIT_COUNT, &s[CS_OFFERED]);
        fputs(" contacts. ", f);
        report_say_estimate(pg, UNIT_SHARE, &s[CS_SERVICE_LEVEL]);
        report_escf(f, " were answered within the target of %s; the mean wait was ", target);
        report_say_estimate(pg, UNIT_SECONDS, &s[CS_WAIT_MEAN]);
        fputs(" and ", f);
        report_say_estimate(pg, UNIT_SHARE, &s[CS_P_ABANDON]);
        fputs(" gave up waiting.", f);
        if (s[CS_BALKED].mean > 0) {
            fputs(" Turned away (closed, no tickets left or the line too long): ", f);
            report_say_estimate(pg, UNIT_COUNT, &s[CS_BALKED]);
            fputs(".", f);
        }
        fputs("</li>\n", f);
    }
    if (!self)
        return;
    fputs("<li>Self-service: ", f);
    for (int c = 0, i = 0; c < m->n_channels; c++) {
        if (choice_is_assisted(m->channels[c].kind))
            continue;
        fputs(i++ ? "; " : "", f);
        report_esc(f, m->channels[c].name);
        fputs(" ", f);
        report_say_estimate(pg, UNIT_COUNT, &e->summary[e->ix.channel[c] + CS_OFFERED]);
        fputs(" sessions", f);
    }
    fputs(".</li>\n", f);
}

/* The segments that gave up most and least often. */
static void say_segments(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    FILE *f = pg->f;
    if (e->ix.needs < 0 || m->n_segments < 2)
        return;
    const struct estimate *s = e->summary;
    int worst = 0, best = 0;
    for (int g = 1; g < m->n_segments; g++) {
        double v = s[results_group(&e->ix, GROUP_SEGMENT, g, GS_GAVE_UP)].mean;
        worst = v > s[results_group(&e->ix, GROUP_SEGMENT, worst, GS_GAVE_UP)].mean ? g : worst;
        best = v < s[results_group(&e->ix, GROUP_SEGMENT, best, GS_GAVE_UP)].mean ? g : best;
    }
    fputs("<li>Who fares worst: <strong>", f);
    report_esc(f, m->segments[worst].name);
    fputs("</strong> gave up on ", f);
    report_say_estimate(pg, UNIT_SHARE, &s[results_group(&e->ix, GROUP_SEGMENT, worst, GS_GAVE_UP)]);
    fputs(" of their needs that ended, against ", f);
    report_say_estimate(pg, UNIT_SHARE, &s[results_group(&e->ix, GROUP_SEGMENT, best, GS_GAVE_UP)]);
    fputs(" for <strong>", f);
    report_esc(f, m->segments[best].name);
    fputs("</strong>, who fared best.</li>\n", f);
}

/* The organisation's cost, citizens' own time apart, and the back office. */
static void say_costs(const struct page *pg, const struct experiment *e, double days)
{
    FILE *f = pg->f;
    const struct estimate *t = e->summary + e->ix.cost_total;
    fprintf(f, "<li>Cost to the organisation over the %g days: ", days);
    report_say_estimate(pg, UNIT_MONEY, &t[TC_ORGANISATION]);
    if (e->ix.needs >= 0) {
        fputs(", or ", f);
        report_say_estimate(pg, UNIT_MONEY, &t[TC_PER_RESOLVED]);
        fputs(" per resolved need", f);
    }
    fputs(". Citizens' own time, counted apart: ", f);
    report_say_estimate(pg, UNIT_HOURS, &t[TC_CITIZEN_WAIT_HOURS]);
    fputs(" waiting and ", f);
    report_say_estimate(pg, UNIT_HOURS, &t[TC_CITIZEN_TRAVEL_HOURS]);
    fputs(" travelling, valued at ", f);
    report_say_estimate(pg, UNIT_MONEY, &t[TC_CITIZEN_VALUE]);
    fputs(".</li>\n", f);
    if (e->ix.back_office >= 0) {
        const struct estimate *b = e->summary + e->ix.back_office;
        fputs("<li>The back office received ", f);
        report_say_estimate(pg, UNIT_COUNT, &b[BO_CASES]);
        fputs(" cases and took ", f);
        report_say_estimate(pg, UNIT_SECONDS, &b[BO_TIME_MEAN]);
        fputs(" to close one on average.</li>\n", f);
    }
}

/* What the run comes to, in a few sentences. */
static void run_summary(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    double days = (m->horizon_s - m->warmup_s) / 86400.0;
    fputs("<h2 id=\"summary\">In short</h2>\n<ul>\n", pg->f);
    say_warnings(pg, e);
    say_needs(pg, e, days);
    say_channels(pg, e);
    say_segments(pg, e);
    say_costs(pg, e, days);
    fputs("</ul>\n", pg->f);
}

static void channels_table(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    static const enum channel_stat cols[] = { CS_OFFERED, CS_P_ABANDON, CS_SERVICE_LEVEL,
                                              CS_SERVICE_LEVEL_NORM, CS_WAIT_MEAN, CS_WAIT_P90,
                                              CS_OCCUPANCY, CS_AGENT_HOURS };
    enum { N = sizeof cols / sizeof cols[0] };
    const char *heads[1 + 2 * N];
    int nh = 0, norms = 0;
    for (int c = 0; c < m->n_channels; c++)
        norms |= e->ix.norm_sl[c] >= 0;
    heads[nh++] = "channel";
    for (int i = 0; i < N; i++) {
        if (cols[i] == CS_SERVICE_LEVEL_NORM && !norms)
            continue;
        const struct figure_def *d = figures_def(FIG_CHANNEL, cols[i]);
        if (d->threshold != THRESHOLD_NONE)
            heads[nh++] = d->threshold == THRESHOLD_NORM ? "norm's threshold" : "target";
        heads[nh++] = d->threshold == THRESHOLD_NORM ? "service level (norm)" : d->label;
    }
    report_table_start(pg, "Channels: contacts (sessions for self-service) offered after the "
                       "warm-up", nh, heads);
    for (int c = 0; c < m->n_channels; c++) {
        fputs("<tr>", pg->f);
        report_td_text(pg, m->channels[c].name);
        report_td_estimate(pg, UNIT_COUNT, &e->summary[results_channel(&e->ix, c, CS_OFFERED)]);
        if (!choice_is_assisted(m->channels[c].kind)) {
            fprintf(pg->f, "<td colspan=\"%d\" class=\"note\">self-service: no queue</td></tr>\n",
                    nh - 2);
            continue;
        }
        for (int i = 1; i < N; i++) {
            long at = results_channel(&e->ix, c, cols[i]);
            if (cols[i] == CS_SERVICE_LEVEL_NORM && !norms)
                continue;
            const struct figure_def *d = figures_def(FIG_CHANNEL, cols[i]);
            if (d->threshold != THRESHOLD_NONE) {
                char t[32] = "";
                if (at >= 0)
                    chart_format_duration(results_meta(&e->ix, at)->threshold_s, t, sizeof t);
                report_td_text(pg, t);
            }
            const struct figure_meta *fm = results_meta(&e->ix, at);
            if (at < 0) {
                report_td_text(pg, "");
            } else if (fm->cap > 0 && e->summary[at].mean >= fm->cap) {
                char over[48], t[32];   /* beyond the histogram: a lower bound */
                chart_format_duration(fm->cap, t, sizeof t);
                snprintf(over, sizeof over, "more than %s", t);
                report_td_text(pg, over);
            } else {
                report_td_estimate(pg, d->unit, &e->summary[at]);
            }
        }
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
    fputs("<p class=\"note\">Service level: ", pg->f);
    report_esc(pg->f, FIGURES_SL_DEFINITION);
    fputs(".</p>\n", pg->f);
}

/* A table of figures, one labelled row each. */
static void figure_table(const struct page *pg, const struct experiment *e, const char *caption,
                         const char *head, const long *at, size_t n)
{
    const char *const heads[] = { head, "" };
    report_table_start(pg, caption, 2, heads);
    for (size_t i = 0; i < n; i++) {
        char label[128];
        results_label(&e->ix, at[i], label, sizeof label);
        fputs("<tr>", pg->f);
        report_td_text(pg, label);
        report_td_estimate(pg, results_meta(&e->ix, at[i])->def->unit, &e->summary[at[i]]);
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
}

static void needs_table(const struct page *pg, const struct experiment *e)
{
    static const enum need_stat shown[] = { NS_ARRIVED, NS_RESOLVED, NS_GAVE_UP, NS_OPEN_AT_END,
                                            NS_ATTEMPTS_MEAN, NS_TIME_TO_RESOLUTION };
    long at[sizeof shown / sizeof shown[0]];
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
        at[i] = results_need(&e->ix, shown[i]);
    figure_table(pg, e, "Needs that arose after the warm-up", "needs of citizens", at,
                 sizeof at / sizeof at[0]);
}

/* One row per group: needs, the channel mix (means), wait and outcome. */
static void group_table(const struct page *pg, const struct experiment *e, const char *caption,
                        const char *what, enum group_kind kind, const char *const *names)
{
    const struct model *m = e->m;
    FILE *f = pg->f;
    fputs("<div class=\"scroll\"><table>\n<caption>", f);
    report_esc(f, caption);
    fputs("</caption>\n<tr><th>", f);
    report_esc(f, what);
    fputs("</th><th>", f);
    report_esc(f, figures_def(FIG_GROUP, GS_NEEDS)->label);
    fputs("</th>", f);
    for (int c = 0; c < m->n_channels; c++) {
        fputs("<th>", f);
        report_esc(f, m->channels[c].name);
        fputs("</th>", f);
    }
    static const enum group_stat tail[] = { GS_WAIT_MEAN, GS_RESOLVED, GS_GAVE_UP };
    for (int i = 0; i < 3; i++) {
        fputs("<th>", f);
        report_esc(f, figures_def(FIG_GROUP, tail[i])->label);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    for (int g = 0; g < e->ix.n_groups[kind]; g++) {
        const struct estimate *s = e->summary + results_group(&e->ix, kind, g, GS_NEEDS);
        char v[32];
        fputs("<tr>", f);
        report_td_text(pg, names[g]);
        report_td_estimate(pg, UNIT_COUNT, &s[GS_NEEDS]);
        for (int c = 0; c < m->n_channels; c++) {
            report_say(v, sizeof v, UNIT_SHARE, s[GS_SHARES + c].mean, pg->currency);
            report_td_text(pg, v);
        }
        report_td_estimate(pg, UNIT_SECONDS, &s[GS_WAIT_MEAN]);
        report_td_estimate(pg, UNIT_SHARE, &s[GS_RESOLVED]);
        report_td_estimate(pg, UNIT_SHARE, &s[GS_GAVE_UP]);
        fputs("</tr>\n", f);
    }
    report_table_end(pg);
}

static void groups_tables(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    const char *names[MODEL_MAX_SERVICES];
    for (int g = 0; g < m->n_segments; g++)
        names[g] = m->segments[g].name;
    group_table(pg, e, "Channel mix per segment: the share of the group's contacts on each "
                "channel (means), and how its needs ended", "segment", GROUP_SEGMENT, names);
    for (int t = 0; t < TYPE_COUNT; t++)
        names[t] = citizen_type_name((enum citizen_type)t);
    group_table(pg, e, "The same per search-strategy type", "type", GROUP_TYPE, names);
    for (int v = 0; v < m->n_services; v++)
        names[v] = m->services[v].name;
    group_table(pg, e, "The same per service", "service", GROUP_SERVICE, names);
}

static void costs_table(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    const struct results_index *ix = &e->ix;
    const char *heads[] = { "part", figures_def(FIG_COST, COST_ORGANISATION)->label,
                            figures_def(FIG_COST, COST_PER_HANDLED)->label };
    char caption[160], label[128];
    snprintf(caption, sizeof caption, "Costs over the %g days, in %s",
             (m->horizon_s - m->warmup_s) / 86400.0, chart_currency_words(m->currency));
    report_table_start(pg, caption, 3, heads);
    for (int c = 0; c <= m->n_channels; c++) {
        long i = results_cost(ix, c, COST_ORGANISATION);
        if (i < 0)
            continue;
        char part[160];
        results_label(ix, results_cost(ix, c, COST_PER_HANDLED), label, sizeof label);
        if (c < m->n_channels)
            snprintf(part, sizeof part, "%s", m->channels[c].name);
        else
            snprintf(part, sizeof part, "back office (%s)", label);
        fputs("<tr>", pg->f);
        report_td_text(pg, part);
        report_td_estimate(pg, UNIT_MONEY, &e->summary[i]);
        report_td_estimate(pg, UNIT_MONEY, &e->summary[results_cost(ix, c, COST_PER_HANDLED)]);
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
    static const enum total_cost_stat totals[] = { TC_ORGANISATION, TC_PER_HANDLED,
                                                   TC_PER_RESOLVED, TC_CITIZEN_WAIT_HOURS,
                                                   TC_CITIZEN_TRAVEL_HOURS, TC_CITIZEN_VALUE };
    long at[TC_COUNT];
    size_t n = 0;
    for (size_t i = 0; i < sizeof totals / sizeof totals[0]; i++)
        if (totals[i] != TC_PER_RESOLVED || ix->needs >= 0)
            at[n++] = results_total(ix, totals[i]);
    figure_table(pg, e, "Totals; citizens' own time is counted apart, not in the organisation's "
                 "cost", "totals", at, n);
}

static void escalations_table(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    int w = m->n_channels + 1;
    FILE *f = pg->f;
    fputs("<div class=\"scroll\"><table>\n<caption>Escalations: after a try that did not settle "
          "the need (rows), where the next try went (columns); means over replications</caption>\n"
          "<tr><th>from \\ next</th>", f);
    for (int b = 0; b < w; b++) {
        fputs("<th>", f);
        report_esc(f, b < m->n_channels ? m->channels[b].name : "back office");
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    for (int a = 0; a < m->n_channels; a++) {
        fputs("<tr>", f);
        report_td_text(pg, m->channels[a].name);
        for (int b = 0; b < w; b++) {
            char v[32];
            report_say(v, sizeof v, UNIT_COUNT, e->summary[results_escalation(&e->ix, a, b)].mean,
                       pg->currency);
            report_td_text(pg, v);
        }
        fputs("</tr>\n", f);
    }
    report_table_end(pg);
}

static void back_office_table(const struct page *pg, const struct experiment *e)
{
    long at[BO_COUNT];
    for (int s = 0; s < BO_COUNT; s++)
        at[s] = results_back_office(&e->ix, (enum back_office_stat)s);
    figure_table(pg, e, "The back office", "back office", at, BO_COUNT);
}

static const char *const run_files[] = { "summary.json", "channels.csv", "segments.csv",
                                         "types.csv", "services.csv", "intervals.csv",
                                         "weekdays.csv", "escalations.csv", "costs.csv",
                                         "totals.csv", "tables.xlsx" };

static void run_page(struct page *pg, const void *ctx)
{
    const struct run_ctx *r = ctx;
    const struct experiment *e = r->e;
    const struct model *m = e->m;
    FILE *f = pg->f;
    char title[128];
    snprintf(title, sizeof title, "chanmix: %s", m->name);
    report_page_start(pg, title);
    fputs("<h1>Scenario ", f);
    report_esc(f, m->name);
    fputs("</h1>\n<p class=\"meta\">", f);
    if (r->src && r->src->file)
        report_escf(f, "From %s. ", r->src->file);
    report_escf(f, "%d replication%s of %g days each after a warm-up of %g hours, seed %llu. "
                "Figures are means over the replications; ranges and “±” give 95%% confidence "
                "intervals.", e->replications, e->replications == 1 ? "" : "s",
                (m->horizon_s - m->warmup_s) / 86400.0, m->warmup_s / 3600.0,
                (unsigned long long)m->seed);
    fputs("</p>\n<h2 id=\"question\">The question</h2>\n", f);
    report_question_block(pg, r->src ? r->src->question : NULL);
    run_summary(pg, e);
    report_charts_section(pg, r->charts);
    fputs("<h2 id=\"tables\">Tables</h2>\n", f);
    channels_table(pg, e);
    if (e->ix.needs >= 0) {
        needs_table(pg, e);
        groups_tables(pg, e);
        escalations_table(pg, e);
    }
    if (e->ix.back_office >= 0)
        back_office_table(pg, e);
    costs_table(pg, e);
    report_files_section(pg, run_files, (int)(sizeof run_files / sizeof run_files[0]));
    report_page_end(pg);
}

int report_write_run(const char *dir, const struct experiment *e, const struct report_source *src,
                     const struct chart_set *charts, char *err, size_t size)
{
    struct run_ctx r = { e, src, charts };
    struct page pg = { NULL, dir, e->m->currency, e->replications };
    return report_write_page(dir, run_page, &r, &pg, err, size);
}
