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

/* The mean and interval over replications of v[num] / (v[den[0]] + ...) (sim/stats.h). */
static struct estimate ratio(const struct experiment *e, long num, const long *den, int n_den)
{
    double *work = malloc(sizeof *work * (size_t)e->replications);
    if (!work)
        return (struct estimate){ NAN, NAN };
    struct estimate out = stats_ratio_estimate(e->values, e->ix.layout->n,
                                               (size_t)e->replications, &num, 1, den, n_den, work);
    free(work);
    return out;
}

struct run_ctx {
    const struct experiment *e;
    const struct report_source *src;
    const struct chart_set *charts;
};

static void run_summary(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    FILE *f = pg->f;
    double days = (m->horizon_s - m->warmup_s) / 86400.0;
    fputs("<h2 id=\"summary\">In short</h2>\n<ul>\n", f);
    if (e->ix.needs >= 0) {
        const struct estimate *n = e->summary + e->ix.needs;
        long ended[2] = { e->ix.needs + NS_RESOLVED, e->ix.needs + NS_GAVE_UP };
        struct estimate res = ratio(e, ended[0], ended, 2), gave = ratio(e, ended[1], ended, 2);
        fputs("<li>Citizens had ", f);
        report_say_estimate(pg, K_COUNT, &n[NS_ARRIVED]);
        report_escf(f, " needs in the %g days. Of those that ended, ", days);
        report_say_estimate(pg, K_SHARE, &res);
        fputs(" were resolved and ", f);
        report_say_estimate(pg, K_SHARE, &gave);
        fputs(" given up. A resolved need took ", f);
        report_say_estimate(pg, K_SECONDS, &n[NS_TIME_TO_RESOLUTION]);
        fputs(" and ", f);
        report_say_estimate(pg, K_NUMBER, &n[NS_ATTEMPTS_MEAN]);
        fputs(" tries on average.</li>\n", f);
    }
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
        report_say_estimate(pg, K_COUNT, &s[CS_OFFERED]);
        fputs(" contacts. ", f);
        report_say_estimate(pg, K_SHARE, &s[CS_SERVICE_LEVEL]);
        report_escf(f, " were answered within the target of %s; the mean wait was ", target);
        report_say_estimate(pg, K_SECONDS, &s[CS_WAIT_MEAN]);
        fputs(" and ", f);
        report_say_estimate(pg, K_SHARE, &s[CS_P_ABANDON]);
        fputs(" gave up waiting.", f);
        if (s[CS_BALKED].mean > 0) {
            fputs(" Turned away (closed, no tickets left or the line too long): ", f);
            report_say_estimate(pg, K_COUNT, &s[CS_BALKED]);
            fputs(".", f);
        }
        fputs("</li>\n", f);
    }
    if (self) {
        fputs("<li>Self-service: ", f);
        for (int c = 0, i = 0; c < m->n_channels; c++) {
            if (choice_is_assisted(m->channels[c].kind))
                continue;
            fputs(i++ ? "; " : "", f);
            report_esc(f, m->channels[c].name);
            fputs(" ", f);
            report_say_estimate(pg, K_COUNT, &e->summary[e->ix.channel[c] + CS_OFFERED]);
            fputs(" sessions", f);
        }
        fputs(".</li>\n", f);
    }
    if (e->ix.needs >= 0 && m->n_segments >= 2) {
        int worst = 0, best = 0;
        for (int g = 1; g < m->n_segments; g++) {
            double v = e->summary[e->ix.segment[g] + GS_GAVE_UP].mean;
            worst = v > e->summary[e->ix.segment[worst] + GS_GAVE_UP].mean ? g : worst;
            best = v < e->summary[e->ix.segment[best] + GS_GAVE_UP].mean ? g : best;
        }
        fputs("<li>Who fares worst: <strong>", f);
        report_esc(f, m->segments[worst].name);
        fputs("</strong> gave up on ", f);
        report_say_estimate(pg, K_SHARE, &e->summary[e->ix.segment[worst] + GS_GAVE_UP]);
        fputs(" of their needs that ended, against ", f);
        report_say_estimate(pg, K_SHARE, &e->summary[e->ix.segment[best] + GS_GAVE_UP]);
        fputs(" for <strong>", f);
        report_esc(f, m->segments[best].name);
        fputs("</strong>, who fared best.</li>\n", f);
    }
    const struct estimate *t = e->summary + e->ix.cost_total;
    fprintf(f, "<li>Cost to the organisation over the %g days: ", days);
    report_say_estimate(pg, K_MONEY, &t[TC_ORGANISATION]);
    if (e->ix.needs >= 0) {
        fputs(", or ", f);
        report_say_estimate(pg, K_MONEY, &t[TC_PER_RESOLVED]);
        fputs(" per resolved need", f);
    }
    fputs(". Citizens' own time, counted apart: ", f);
    report_say_estimate(pg, K_HOURS, &t[TC_CITIZEN_WAIT_HOURS]);
    fputs(" waiting and ", f);
    report_say_estimate(pg, K_HOURS, &t[TC_CITIZEN_TRAVEL_HOURS]);
    fputs(" travelling, valued at ", f);
    report_say_estimate(pg, K_MONEY, &t[TC_CITIZEN_VALUE]);
    fputs(".</li>\n", f);
    if (e->ix.back_office >= 0) {
        const struct estimate *b = e->summary + e->ix.back_office;
        fputs("<li>The back office received ", f);
        report_say_estimate(pg, K_COUNT, &b[BO_CASES]);
        fputs(" cases and took ", f);
        report_say_estimate(pg, K_SECONDS, &b[BO_TIME_MEAN]);
        fputs(" to close one on average.</li>\n", f);
    }
    fputs("</ul>\n", f);
}

static void channels_table(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    static const char *const heads[] = { "channel", "contacts", "gave up waiting", "target",
                                         "service level", "mean wait", "90% waited up to",
                                         "occupancy", "agent-hours" };
    report_table_start(pg, "Channels: contacts (sessions for self-service) offered after the "
                       "warm-up", 9, heads);
    for (int c = 0; c < m->n_channels; c++) {
        const struct estimate *s = e->summary + e->ix.channel[c];
        int assisted = choice_is_assisted(m->channels[c].kind);
        char target[32];
        chart_format_duration(m->channels[c].target_s, target, sizeof target);
        fputs("<tr>", pg->f);
        report_td_text(pg, m->channels[c].name);
        report_td_estimate(pg, K_COUNT, &s[CS_OFFERED]);
        if (!assisted) {
            fputs("<td colspan=\"7\" class=\"note\">self-service: no queue</td></tr>\n", pg->f);
            continue;
        }
        report_td_estimate(pg, K_SHARE, &s[CS_P_ABANDON]);
        report_td_text(pg, target);
        report_td_estimate(pg, K_SHARE, &s[CS_SERVICE_LEVEL]);
        report_td_estimate(pg, K_SECONDS, &s[CS_WAIT_MEAN]);
        report_td_estimate(pg, K_SECONDS, &s[CS_WAIT_P90]);
        report_td_estimate(pg, K_SHARE, &s[CS_OCCUPANCY]);
        report_td_estimate(pg, K_HOURS, &s[CS_AGENT_HOURS]);
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
    fputs("<p class=\"note\">Service level: ", pg->f);
    report_esc(pg->f, RESULTS_SL_DEFINITION);
    fputs(".</p>\n", pg->f);
}

/* A figure's row in a two-column table: its offset from a block's first figure. */
struct figure_row {
    int stat;
    enum kind k;
    const char *label;
};

/* A table of figures base + rows[i].stat, one labelled row each. */
static void figure_table(const struct page *pg, const struct experiment *e, const char *caption,
                         const char *head, long base, const struct figure_row *rows, size_t n)
{
    const char *const heads[] = { head, "" };
    report_table_start(pg, caption, 2, heads);
    for (size_t i = 0; i < n; i++) {
        fputs("<tr>", pg->f);
        report_td_text(pg, rows[i].label);
        report_td_estimate(pg, rows[i].k, &e->summary[base + rows[i].stat]);
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
}

static void needs_table(const struct page *pg, const struct experiment *e)
{
    static const struct figure_row rows[] = {
        { NS_ARRIVED, K_COUNT, "arose" },
        { NS_RESOLVED, K_COUNT, "resolved" },
        { NS_GAVE_UP, K_COUNT, "given up" },
        { NS_OPEN_AT_END, K_COUNT, "still open at the end" },
        { NS_ATTEMPTS_MEAN, K_NUMBER, "tries per need" },
        { NS_TIME_TO_RESOLUTION, K_SECONDS, "time to resolution" },
    };
    figure_table(pg, e, "Needs that arose after the warm-up", "needs of citizens", e->ix.needs,
                 rows, sizeof rows / sizeof rows[0]);
}

/* One row per group: needs, the channel mix (means), wait and outcome. */
static void group_table(const struct page *pg, const struct experiment *e, const char *caption,
                        const char *what, int n, const long *base, const char *const *names)
{
    const struct model *m = e->m;
    FILE *f = pg->f;
    fputs("<div class=\"scroll\"><table>\n<caption>", f);
    report_esc(f, caption);
    fputs("</caption>\n<tr><th>", f);
    report_esc(f, what);
    fputs("</th><th>needs</th>", f);
    for (int c = 0; c < m->n_channels; c++) {
        fputs("<th>", f);
        report_esc(f, m->channels[c].name);
        fputs("</th>", f);
    }
    fputs("<th>mean wait</th><th>resolved</th><th>given up</th></tr>\n", f);
    for (int g = 0; g < n; g++) {
        const struct estimate *s = e->summary + base[g];
        char v[32];
        fputs("<tr>", f);
        report_td_text(pg, names[g]);
        report_td_estimate(pg, K_COUNT, &s[GS_NEEDS]);
        for (int c = 0; c < m->n_channels; c++) {
            report_say(v, sizeof v, K_SHARE, s[GS_SHARES + c].mean, pg->currency);
            report_td_text(pg, v);
        }
        report_td_estimate(pg, K_SECONDS, &s[GS_WAIT_MEAN]);
        report_td_estimate(pg, K_SHARE, &s[GS_RESOLVED]);
        report_td_estimate(pg, K_SHARE, &s[GS_GAVE_UP]);
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
                "channel (means), and how its needs ended", "segment", m->n_segments,
                e->ix.segment, names);
    for (int t = 0; t < TYPE_COUNT; t++)
        names[t] = citizen_type_name((enum citizen_type)t);
    group_table(pg, e, "The same per search-strategy type", "type", TYPE_COUNT, e->ix.type, names);
    for (int v = 0; v < m->n_services; v++)
        names[v] = m->services[v].name;
    group_table(pg, e, "The same per service", "service", m->n_services, e->ix.service, names);
}

static void costs_table(const struct page *pg, const struct experiment *e)
{
    const struct model *m = e->m;
    static const char *const heads[] = { "part", "cost to the organisation", "per handled contact" };
    char caption[160];
    snprintf(caption, sizeof caption, "Costs over the %g days, in %s",
             (m->horizon_s - m->warmup_s) / 86400.0, chart_currency_words(m->currency));
    report_table_start(pg, caption, 3, heads);
    for (int c = 0; c <= m->n_channels; c++) {
        long i = e->ix.cost_channel[c];
        if (i < 0)
            continue;
        fputs("<tr>", pg->f);
        report_td_text(pg, c < m->n_channels ? m->channels[c].name
                                             : "back office (per closed case)");
        report_td_estimate(pg, K_MONEY, &e->summary[i + COST_ORGANISATION]);
        report_td_estimate(pg, K_MONEY, &e->summary[i + COST_PER_HANDLED]);
        fputs("</tr>\n", pg->f);
    }
    const struct estimate *t = e->summary + e->ix.cost_total;
    fputs("<tr><th>total</th>", pg->f);
    report_td_estimate(pg, K_MONEY, &t[TC_ORGANISATION]);
    report_td_estimate(pg, K_MONEY, &t[TC_PER_HANDLED]);
    fputs("</tr>\n", pg->f);
    if (e->ix.needs >= 0) {
        fputs("<tr><td>per resolved need</td><td></td>", pg->f);
        report_td_estimate(pg, K_MONEY, &t[TC_PER_RESOLVED]);
        fputs("</tr>\n", pg->f);
    }
    static const struct { int stat; enum kind k; const char *label; } own[] = {
        { TC_CITIZEN_WAIT_HOURS, K_HOURS, "citizens' time waiting" },
        { TC_CITIZEN_TRAVEL_HOURS, K_HOURS, "citizens' time travelling" },
        { TC_CITIZEN_VALUE, K_MONEY, "citizens' time, valued (not in the total)" },
    };
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
        fputs("<tr>", pg->f);
        report_td_text(pg, own[i].label);
        report_td_estimate(pg, own[i].k, &t[own[i].stat]);
        fputs("<td></td></tr>\n", pg->f);
    }
    report_table_end(pg);
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
            report_say(v, sizeof v, K_COUNT, e->summary[e->ix.escalations + a * w + b].mean,
                       pg->currency);
            report_td_text(pg, v);
        }
        fputs("</tr>\n", f);
    }
    report_table_end(pg);
}

static void back_office_table(const struct page *pg, const struct experiment *e)
{
    static const struct figure_row rows[] = {
        { BO_CASES, K_COUNT, "cases passed on" },
        { BO_CLOSED, K_COUNT, "closed" },
        { BO_OPEN_AT_END, K_COUNT, "still open at the end" },
        { BO_TIME_MEAN, K_SECONDS, "time to close" },
        { BO_CHASES, K_COUNT, "chasing contacts" },
        { BO_AGENT_HOURS, K_HOURS, "officer-hours" },
    };
    figure_table(pg, e, "The back office", "back office", e->ix.back_office, rows,
                 sizeof rows / sizeof rows[0]);
}

static const char *const run_files[] = { "summary.json", "channels.csv", "segments.csv",
                                         "types.csv", "services.csv", "intervals.csv",
                                         "escalations.csv", "costs.csv", "totals.csv" };

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
