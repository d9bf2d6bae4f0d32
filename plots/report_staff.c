/*
 * report_staff: the page of a staffing plan (report_write_staff in
 * report.h), for the people who roster: the weeks side by side and the
 * peak, then the week shown in full, channel by channel: the norms and
 * what the plan costs, the intervals at risk, day by day the requirement
 * against Erlang and the shifts that start that day, and the roster lines.
 * Labels of the plan's figures come from the catalogue.
 */
#include "plots/report.h"
#include "plots/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/results.h"
#include "models/schedule.h"
#include "plots/staffing_out.h"

struct staff_ctx {
    const struct staffing_report *r;
    const struct report_source *src;
    const struct chart_set *charts;
};

static const char *plan_label(int s)
{
    return figures_def(FIG_PLAN, s)->label;
}

static const char *interval_label(int s)
{
    return figures_def(FIG_PLAN_INTERVAL, s)->label;
}

static void td_number(const struct page *pg, enum figure_unit k, double v)
{
    char buf[96];
    report_say(buf, sizeof buf, k, v, pg->currency);
    report_td_text(pg, buf);
}

static void weeks_table(const struct page *pg, const struct staffing_report *r)
{
    const char *heads[] = { "week", "channel", plan_label(PS_AGENT_HOURS),
                            plan_label(PS_ROSTERED_HOURS), plan_label(PS_PAID_HOURS),
                            plan_label(PS_FTE), plan_label(PS_COST) };
    report_table_start(pg, "Every week planned, side by side", 7, heads);
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        char name[64];
        staffing_out_week_name(r->m, wk, 1, name, sizeof name);
        if (w == r->wf->peak && r->wf->n > 1 && !r->wf->alike)
            strncat(name, ", the peak", sizeof name - strlen(name) - 1);
        for (int i = 0; i < wk->plan.n; i++) {
            fputs("<tr>", pg->f);
            report_td_text(pg, i == 0 ? name : "");
            report_td_text(pg, r->m->channels[wk->plan.ch[i].channel].name);
            td_number(pg, UNIT_HOURS, wk->plan.ch[i].agent_hours);
            td_number(pg, UNIT_HOURS, wk->plan.ch[i].rostered_hours);
            td_number(pg, UNIT_HOURS, wk->ch[i].paid_hours);
            td_number(pg, UNIT_NUMBER, wk->ch[i].fte);
            td_number(pg, UNIT_MONEY, wk->ch[i].cost);
            fputs("</tr>\n", pg->f);
        }
    }
    report_table_end(pg);
}

/* The channel's norms and its plan's totals, in sentences. */
static void channel_summary(const struct page *pg, const struct staffing_report *r, int i)
{
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    const struct staffing_channel *sc = &wk->plan.ch[i];
    const struct workforce_channel *wc = &wk->ch[i];
    const struct channel_params *cp = &r->m->channels[sc->channel];
    const struct target_params *t = &cp->targets;
    char a[96], b[96], c[96], d[96];
    fputs("<p>", pg->f);
    report_escf(pg->f, "Norms: ");
    if (t->service_level > 0)
        report_escf(pg->f, "%.0f%% answered within %.0f s; ", 100 * t->service_level, t->within_s);
    if (t->max_abandon > 0)
        report_escf(pg->f, "at most %.0f%% abandoning; ", 100 * t->max_abandon);
    if (t->max_wait_s > 0)
        report_escf(pg->f, "mean wait at most %.0f s; ", t->max_wait_s);
    if (t->max_occupancy > 0)
        report_escf(pg->f, "occupancy at most %.0f%%; ", 100 * t->max_occupancy);
    report_escf(pg->f, "at least %d agent%s while open. ", t->min_agents,
                t->min_agents == 1 ? "" : "s");
    report_say(a, sizeof a, UNIT_HOURS, sc->agent_hours, pg->currency);
    report_say(b, sizeof b, UNIT_HOURS, sc->erlang_agent_hours, pg->currency);
    report_say(c, sizeof c, UNIT_HOURS, sc->rostered_hours, pg->currency);
    report_escf(pg->f, "The week needs %s of agents answering (%s by Erlang alone) and, with "
                "%.0f%% shrinkage, %s on the roster. ", a, b, 100 * cp->shrinkage, c);
    report_say(a, sizeof a, UNIT_HOURS, wc->paid_hours, pg->currency);
    report_say(b, sizeof b, UNIT_MONEY, wc->cost, pg->currency);
    report_escf(pg->f, "The plan pays %s (%s), costing %s", a, plan_label(PS_PAID_HOURS), b);
    if (cp->fte_hours > 0)
        report_escf(pg->f, ", %.1f %s of %.0f h", wc->fte, plan_label(PS_FTE), cp->fte_hours);
    report_escf(pg->f, ". ");
    if (wc->has_shifts) {
        report_say(c, sizeof c, UNIT_HOURS, wc->shifts.over_hours, pg->currency);
        report_say(d, sizeof d, UNIT_MONEY, wc->shifts.over_cost, pg->currency);
        report_escf(pg->f, "On duty beyond the agents to roster: %s (%s), worth %s; %s: %.0f%%. ",
                    c, plan_label(PS_OVER_HOURS), d, plan_label(PS_FULL_TIME_SHARE),
                    100 * wc->full_time_share);
        if (wc->shifts.optimal)
            report_escf(pg->f, "No shifts within the rules cost less.");
        else
            report_escf(pg->f, "The shifts cost at most %.2f%% more than the cheapest within the "
                        "rules (shifts.max_gap).", 100 * wc->shifts.gap);
    } else {
        report_escf(pg->f, "The channel states no shift rules (channels.%s.shifts), so its paid "
                    "hours are the agents to roster, interval by interval.", cp->name);
    }
    fputs("</p>\n", pg->f);
}

/* The week's plan for all channels: paid hours, FTEs and cost. */
static void say_plan(const struct page *pg, const struct staffing_report *r)
{
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    char week[64], a[96], b[96];
    staffing_out_week_name(r->m, wk, 1, week, sizeof week);
    report_say(a, sizeof a, UNIT_HOURS, wk->paid_hours, pg->currency);
    report_say(b, sizeof b, UNIT_MONEY, wk->cost, pg->currency);
    fputs("<li><strong>", pg->f);
    report_escf(pg->f, "To meet every norm in %s%s, roster %s (%s) a week, costing %s:", week,
                r->detail == r->wf->peak && r->wf->n > 1 && !r->wf->alike ? ", the peak" : "", a,
                plan_label(PS_PAID_HOURS), b);
    fputs("</strong> ", pg->f);
    for (int i = 0; i < wk->plan.n; i++) {
        const struct channel_params *cp = &r->m->channels[wk->plan.ch[i].channel];
        report_say(a, sizeof a, UNIT_HOURS, wk->ch[i].paid_hours, pg->currency);
        report_escf(pg->f, "%s%s %s", i ? "; " : "", cp->name, a);
        if (cp->fte_hours > 0)
            report_escf(pg->f, ", %.1f %s of %.0f h", wk->ch[i].fte, plan_label(PS_FTE),
                        cp->fte_hours);
    }
    fputs(".</li>\n", pg->f);
}

/* How the weeks differ, when more than one was planned. */
static void say_weeks(const struct page *pg, const struct staffing_report *r)
{
    const struct workforce *wf = r->wf;
    if (wf->n < 2)
        return;
    double mean = staffing_out_mean_week(wf), lo = wf->weeks[0].paid_hours, hi = lo;
    for (int w = 0; w < wf->n; w++) {
        lo = fmin(lo, wf->weeks[w].paid_hours);
        hi = fmax(hi, wf->weeks[w].paid_hours);
    }
    const struct workforce_week *pk = &wf->weeks[wf->peak];
    char week[64], a[96], b[96];
    if (wf->alike) {
        report_say(a, sizeof a, UNIT_HOURS, hi, pg->currency);
        fputs("<li>", pg->f);
        report_escf(pg->f, "All %d weeks planned are alike, %s paid a week each, and none is "
                    "the peak: they have the same load, and each week's simulation draws the "
                    "same random numbers, so weeks differ by their load alone.", wf->n, a);
        fputs("</li>\n", pg->f);
        return;
    }
    staffing_out_week_name(r->m, pk, 1, week, sizeof week);
    report_say(a, sizeof a, UNIT_HOURS, lo, pg->currency);
    report_say(b, sizeof b, UNIT_HOURS, hi, pg->currency);
    fputs("<li>", pg->f);
    report_escf(pg->f, "Over the %d weeks planned the paid hours run from %s to %s a week. "
                "The peak is %s, needing %+.1f%% of %s against the mean week.", wf->n, a, b,
                week, mean > 0 ? 100.0 * (pk->agent_hours / mean - 1.0) : 0.0,
                plan_label(PS_AGENT_HOURS));
    fputs("</li>\n", pg->f);
}

/* Intervals at risk, per channel, and what the shifts cost beyond the need. */
static void say_risk_and_shifts(const struct page *pg, const struct staffing_report *r)
{
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    int risk = 0, open = 0;
    for (int i = 0; i < wk->plan.n; i++)
        for (int k = 0; k < wk->plan.ch[i].n; k++) {
            open += wk->plan.ch[i].iv[k].open;
            risk += wk->plan.ch[i].iv[k].open && wk->plan.ch[i].iv[k].close;
        }
    fputs("<li>", pg->f);
    report_escf(pg->f, "%d of %d open intervals are at risk: the plan meets the norm on the "
                "estimate, but the norm lies inside its 95%% interval (listed per channel below"
                ").", risk, open);
    fputs("</li>\n", pg->f);
    for (int i = 0; i < wk->plan.n; i++) {
        const struct workforce_channel *wc = &wk->ch[i];
        if (!wc->has_shifts)
            continue;
        char a[96], b[96];
        report_say(a, sizeof a, UNIT_HOURS, wc->shifts.over_hours, pg->currency);
        report_say(b, sizeof b, UNIT_MONEY, wc->shifts.over_cost, pg->currency);
        fputs("<li>", pg->f);
        const struct channel_params *cp = &r->m->channels[wk->plan.ch[i].channel];
        report_escf(pg->f, "%s's shifts: %s (%s), worth %s; %.0f%% of paid hours in "
                    "full-time shifts; %d roster lines%s.", cp->name, a,
                    plan_label(PS_OVER_HOURS), b, 100 * wc->full_time_share, wc->shifts.n_lines,
                    wc->shifts.n_lines && !cp->shifts.days_off_any
                        ? ", each working consecutive days, its days off together" : "");
        fputs("</li>\n", pg->f);
    }
}

static void staff_summary(const struct page *pg, const struct staffing_report *r)
{
    fputs("<h2 id=\"summary\">In short</h2>\n<ul>\n", pg->f);
    say_plan(pg, r);
    say_weeks(pg, r);
    say_risk_and_shifts(pg, r);
    fputs("</ul>\n", pg->f);
}

static void at_risk(const struct page *pg, const struct staffing_report *r, int i)
{
    const struct staffing_channel *sc = &r->wf->weeks[r->detail].plan.ch[i];
    int n = 0;
    for (int k = 0; k < sc->n; k++)
        n += sc->iv[k].open && sc->iv[k].close;
    if (n == 0) {
        fputs("<p class=\"note\">No interval is at risk: in every open interval the norms lie "
              "outside the 95% interval of the simulated figures.</p>\n", pg->f);
        return;
    }
    fputs("<p class=\"note\">", pg->f);
    report_escf(pg->f, "At risk (a norm inside the 95%% interval even with the most "
                "replications, the point estimate meeting it): ");
    for (int k = 0, j = 0; k < sc->n; k++)
        if (sc->iv[k].open && sc->iv[k].close) {
            char label[32];
            results_interval_label(r->m, k, label, sizeof label);
            report_escf(pg->f, "%s%s", j++ ? ", " : "", label);
        }
    fputs(".</p>\n", pg->f);
}

static void day_table(const struct page *pg, const struct staffing_report *r, int i, int d)
{
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    const struct staffing_channel *sc = &wk->plan.ch[i];
    const struct workforce_channel *wc = &wk->ch[i];
    int per_day = (int)(86400.0 / r->m->interval_s);
    const char *heads[] = { "interval", figures_def(FIG_INTERVAL, IS_ARRIVALS)->label,
                            interval_label(PI_ERLANG), interval_label(PI_REQUIRED),
                            interval_label(PI_ROSTERED), interval_label(PI_ON_SHIFTS),
                            figures_def(FIG_INTERVAL, IS_SERVICE_LEVEL)->label,
                            figures_def(FIG_INTERVAL, IS_P_ABANDON)->label, "notes" };
    char caption[96];
    snprintf(caption, sizeof caption, "%s", schedule_days[d].full);
    report_table_start(pg, caption, 9, heads);
    for (int k = d * per_day; k < (d + 1) * per_day; k++) {
        const struct staffing_interval *iv = &sc->iv[k];
        if (!iv->open)
            continue;
        char label[32];
        results_interval_label(r->m, k, label, sizeof label);
        fputs("<tr>", pg->f);
        report_td_text(pg, label + 4);
        td_number(pg, UNIT_COUNT, iv->arrivals);
        td_number(pg, UNIT_COUNT, iv->erlang);
        td_number(pg, UNIT_COUNT, iv->required);
        td_number(pg, UNIT_COUNT, iv->rostered);
        if (wc->has_shifts)
            td_number(pg, UNIT_COUNT, staffing_out_covered(r->m, &wc->shifts, k));
        else
            report_td_text(pg, "");
        if (iv->empty) {
            report_td_text(pg, "");
            report_td_text(pg, "");
        } else {
            report_td_estimate(pg, UNIT_SHARE, &iv->service_level);
            report_td_estimate(pg, UNIT_SHARE, &iv->p_abandon);
        }
        report_td_text(pg, iv->empty ? "no contacts: the minimum"
                           : iv->close ? (iv->binding ? "binding, at risk" : "at risk")
                           : iv->binding ? "binding" : "");
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
}

/* The shifts that start on day d, with their breaks. */
static void day_shifts(const struct page *pg, const struct shift_plan *sh, int d)
{
    int any = 0;
    for (int s = 0; s < sh->n; s++) {
        if (sh->used[s].day != d)
            continue;
        char span[16], breaks[64];
        staffing_out_shift_span(&sh->used[s], span, sizeof span);
        staffing_out_breaks(&sh->used[s], breaks, sizeof breaks);
        if (!any)
            fputs("<p>", pg->f);
        report_escf(pg->f, "%s%d × %s%s%s%s", any++ ? "; " : "Shifts: ", sh->used[s].count,
                    span, breaks[0] ? " (breaks " : "", breaks, breaks[0] ? ")" : "");
    }
    if (any)
        fputs(".</p>\n", pg->f);
}

static void roster_table(const struct page *pg, const struct staffing_report *r, int i)
{
    const struct shift_plan *sh = &r->wf->weeks[r->detail].ch[i].shifts;
    if (sh->n_lines == 0)
        return;
    const char *heads[] = { "line", plan_label(PS_PAID_HOURS), "days", "Monday", "Tuesday",
                            "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
    int together = !r->m->channels[r->wf->weeks[r->detail].plan.ch[i].channel].shifts.days_off_any;
    report_table_start(pg, together ? "The roster: one line per agent's week, its days off "
                       "together" : "The roster: one line per agent's week", 10, heads);
    for (int l = 0; l < sh->n_lines; l++) {
        char n[16];
        snprintf(n, sizeof n, "%d", l + 1);
        fputs("<tr>", pg->f);
        report_td_text(pg, n);
        td_number(pg, UNIT_HOURS, sh->lines[l].paid_h);
        char days[64];
        staffing_out_line_days(&sh->lines[l], days, sizeof days);
        report_td_text(pg, days);
        for (int d = 0; d < 7; d++) {
            char span[16] = "off";
            if (sh->lines[l].shift[d] >= 0)
                staffing_out_shift_span(&sh->used[sh->lines[l].shift[d]], span, sizeof span);
            report_td_text(pg, span);
        }
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
    if (sh->overlaps > 0) {
        fputs("<p class=\"note\"><strong>", pg->f);
        report_escf(pg->f, "%d of these lines %s a shift that begins before the one of the day "
                    "before ends (shifts past midnight): the program knows no rest between "
                    "shifts, so redo %s by hand.", sh->overlaps,
                    sh->overlaps == 1 ? "has" : "have", sh->overlaps == 1 ? "it" : "them");
        fputs("</strong></p>\n", pg->f);
    }
}

static void channel_section(const struct page *pg, const struct staffing_report *r, int i)
{
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    const struct channel_params *cp = &r->m->channels[wk->plan.ch[i].channel];
    fputs("<h3>", pg->f);
    report_esc(pg->f, cp->name);
    fputs("</h3>\n", pg->f);
    channel_summary(pg, r, i);
    at_risk(pg, r, i);
    for (int d = 0; d < 7; d++) {
        if (!staffing_out_day_open(r->m, &wk->plan.ch[i], d))
            continue;
        day_table(pg, r, i, d);
        if (wk->ch[i].has_shifts)
            day_shifts(pg, &wk->ch[i].shifts, d);
    }
    roster_table(pg, r, i);
}

static const char *const staff_files[] = { "staffing.xlsx", "staffing.json", "staffing.csv",
                                           "shifts.csv", "roster.csv", "staffing.cfg" };

static void staff_page(struct page *pg, const void *ctx)
{
    const struct staff_ctx *x = ctx;
    const struct staffing_report *r = x->r;
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    char title[128], week[64];
    snprintf(title, sizeof title, "chanmix staff: %s", r->m->name);
    staffing_out_week_name(r->m, wk, 1, week, sizeof week);
    report_page_start(pg, title);
    fputs("<h1>Staffing plan: ", pg->f);
    report_esc(pg->f, r->m->name);
    fputs("</h1>\n<p class=\"meta\">", pg->f);
    if (x->src && x->src->file)
        report_escf(pg->f, "From %s. ", x->src->file);
    report_escf(pg->f, "%d of the horizon's %d week%s planned, each on its own load. Every open "
                "interval meets its norms on the point estimate of the simulation; where a norm "
                "lay inside the 95%% interval, the replications were doubled (up to %d) before "
                "deciding.", r->wf->n, r->wf->weeks_in_horizon,
                r->wf->weeks_in_horizon == 1 ? "" : "s", r->m->planning.max_replications);
    fputs("</p>\n", pg->f);
    staff_summary(pg, r);
    fputs("<h2 id=\"question\">The question</h2>\n", pg->f);
    report_question_block(pg, x->src ? x->src->question : NULL);
    fputs("<h2 id=\"weeks\">The weeks</h2>\n", pg->f);
    weeks_table(pg, r);
    fputs("<h2 id=\"week\">", pg->f);
    report_esc(pg->f, week);
    fputs(" in full</h2>\n", pg->f);
    fputs("<p class=\"note\">", pg->f);
    report_escf(pg->f, "%d replications behind each figure; plan %s.", wk->plan.replications,
                wk->plan.stable ? "stable" : "not yet stable");
    fputs("</p>\n", pg->f);
    for (int i = 0; i < wk->plan.n; i++)
        channel_section(pg, r, i);
    report_charts_section(pg, x->charts);
    report_files_section(pg, staff_files, (int)(sizeof staff_files / sizeof staff_files[0]));
    report_page_end(pg);
}

int report_write_staff(const char *dir, const struct staffing_report *r,
                       const struct report_source *src, const struct chart_set *charts,
                       char *err, size_t size)
{
    struct staff_ctx x = { r, src, charts };
    struct page pg = { NULL, dir, r->m->currency, r->wf->weeks[r->detail].plan.replications };
    return report_write_page(dir, staff_page, &x, &pg, err, size);
}
