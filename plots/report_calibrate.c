/*
 * report_calibrate: DIR/report.html of a calibration.  The answer comes
 * first (did it fit, in how many rounds, the largest residual), then the
 * fit table, the values the fit moved, the rounds, and how the fit works.
 */
#include <math.h>
#include <stdio.h>

#include "plots/calibrate_out.h"
#include "plots/report_internal.h"

static void fit_table(const struct page *pg, const struct calibrate_report *c)
{
    static const char *const heads[] = { "group", "channel", "observed", "simulated",
                                         "residual", "tolerance", "within" };
    report_table_start(pg, "Observed and simulated: shares of each group's contacts, and "
                       "totals over the period", 7, heads);
    for (int i = 0; i < c->r->n_targets; i++) {
        const struct calibrate_target *t = &c->r->targets[i];
        enum figure_unit k = t->channel == CALIBRATE_TOTAL ? UNIT_COUNT : UNIT_SHARE;
        char group[MODEL_NAME_MAX + 16], ch[160], obs[96], res[32], tol[32];
        calibrate_group_name(c->m, &c->obs->g[t->group], group, sizeof group);
        calibrate_out_target_channel(c, t, ch, sizeof ch);
        report_say(obs, sizeof obs, k, t->observed, NULL);
        calibrate_out_residual(t, res, tol, sizeof res);
        int in = fabs(t->sim.mean - t->observed) <= t->tolerance;
        fputs("<tr>", pg->f);
        report_td_text(pg, group);
        report_td_text(pg, ch);
        report_td_text(pg, obs);
        report_td_estimate(pg, k, &t->sim);
        fprintf(pg->f, "<td class=\"%s\">", in ? "better" : "worse");
        report_esc(pg->f, res);
        fputs("</td>", pg->f);
        report_td_text(pg, tol);
        report_td_text(pg, in ? "yes" : "no");
        fputs("</tr>\n", pg->f);
    }
    report_table_end(pg);
}

static void value_row(const struct page *pg, const char *what, const char *channel,
                      const char *fmt, double start, double fitted)
{
    char a[48], b[48];
    snprintf(a, sizeof a, fmt, start);
    snprintf(b, sizeof b, fmt, fitted);
    fputs("<tr>", pg->f);
    report_td_text(pg, what);
    report_td_text(pg, channel);
    report_td_text(pg, a);
    report_td_text(pg, b);
    fputs("</tr>\n", pg->f);
}

static void values_table(const struct page *pg, const struct calibrate_report *c)
{
    static const char *const heads[] = { "constant of", "channel", "start", "fitted" };
    const struct model *m = c->m, *x = c->r->fitted;
    const struct calibrate_result *r = c->r;
    char what[MODEL_NAME_MAX + 16];
    report_table_start(pg, "Alternative-specific constants the fit moved (calibrated.cfg "
                       "holds the fitted ones)", 4, heads);
    for (int s = 0; s < m->n_segments; s++)
        for (int ch = 0; ch < m->n_channels; ch++)
            if (r->set_asc[s][ch]) {
                snprintf(what, sizeof what, "segment %s", m->segments[s].name);
                value_row(pg, what, m->channels[ch].name, CALIBRATE_ASC_FORMAT,
                          m->segments[s].asc[ch], x->segments[s].asc[ch]);
            }
    for (int v = 0; v < m->n_services; v++)
        for (int ch = 0; ch < m->n_channels; ch++)
            if (r->set_service_asc[v][ch]) {
                snprintf(what, sizeof what, "service %s", m->services[v].name);
                value_row(pg, what, m->channels[ch].name, CALIBRATE_ASC_FORMAT,
                          m->services[v].on[ch].asc, x->services[v].on[ch].asc);
            }
    report_table_end(pg);
    int any = 0;
    for (int v = 0; v < m->n_services; v++)
        any |= r->set_volume[v];
    if (!any)
        return;
    static const char *const vheads[] = { "service", "", "start", "fitted" };
    report_table_start(pg, "Volumes the fit scaled: needs per 1,000 citizens a year", 4, vheads);
    for (int v = 0; v < m->n_services; v++)
        if (r->set_volume[v])
            value_row(pg, m->services[v].name, "", CALIBRATE_VOLUME_FORMAT,
                      m->services[v].per_1000_year, x->services[v].per_1000_year);
    report_table_end(pg);
}

static void rounds_table(const struct page *pg, const struct calibrate_report *c)
{
    static const char *const heads[] = { "round", "largest |residual| / tolerance",
                                         "every figure within" };
    report_table_start(pg, "Rounds: each simulates the scenario with the values of the last "
                       "step", 3, heads);
    for (int k = 0; k < c->r->rounds; k++) {
        fprintf(pg->f, "<tr><td>%d%s</td><td>%.2f</td><td>%s</td></tr>\n", k + 1,
                k + 1 == c->r->best ? " (kept)" : "", c->r->history[k].worst,
                c->r->history[k].fits ? "yes" : "no");
    }
    report_table_end(pg);
}

static void method_note(const struct page *pg, const struct calibrate_report *c)
{
    FILE *f = pg->f;
    fputs("<h2 id=\"method\">How the fit works</h2>\n<p>Each round simulates the scenario on "
          "common random numbers (its seed, and one population drawn once), so rounds differ "
          "only by the fitted values. A channel's constant moves by the log of the observed over "
          "the simulated share, α ← α + ln(observed / simulated); the simulation stays in the "
          "loop because waits feed back into choice. Rows of a segment move that segment's "
          "constants, rows of a service the service's own, rows without either the constants "
          "of every segment without rows of its own. Where rows give counts, a share is one "
          "among the channels given; where they give shares, the channels without a row share "
          "the rest.", f);
    if (c->o->period_days > 0)
        report_escf(f, " Counts of all citizens and of services are also totals over %g days: "
                    "the services' volumes scale by observed over simulated total.",
                    c->o->period_days);
    if (c->r->step < 1.0)
        fputs(" Rows of services and of other groups move the same contacts, so each step went "
              "half way.", f);
    report_escf(f, " A figure fits when it is within the larger of %g percentage points (for a "
                "total, %g%% of it) and its 95%% confidence interval.</p>\n",
                100.0 * c->o->tolerance, 100.0 * c->o->tolerance);
}

static const char *const files[] = { "calibrated.cfg", "fit.csv" };

static void calibration_page(struct page *pg, const void *ctx)
{
    const struct calibrate_report *c = ctx;
    FILE *f = pg->f;
    char title[128], answer[600];
    snprintf(title, sizeof title, "chanmix calibrate: %s", c->m->name);
    report_page_start(pg, title);
    fputs("<h1>Calibration of ", f);
    report_esc(f, c->m->name);
    fputs(" to ", f);
    report_esc(f, c->obs->file);
    calibrate_out_answer(c, answer, sizeof answer);
    fprintf(f, "</h1>\n<p class=\"question\"><strong>%s</strong> ", c->r->fits ? "Yes." : "No.");
    report_esc(f, answer);
    fputs("</p>\n<p class=\"meta\">", f);
    report_escf(f, "From %s. %d replication%s a round of %g days each, seed %llu. Simulated "
                "figures are means over the replications, “±” the half-width of a 95%% "
                "confidence interval; the round kept is %d.", c->scenario_path,
                c->r->replications, c->r->replications == 1 ? "" : "s", c->r->measured_days,
                (unsigned long long)c->m->seed, c->r->best);
    fputs("</p>\n<h2 id=\"fit\">The fit</h2>\n", f);
    fit_table(pg, c);
    values_table(pg, c);
    rounds_table(pg, c);
    method_note(pg, c);
    report_files_section(pg, files, 2);
    report_page_end(pg);
}

int calibrate_out_report(const char *dir, const struct calibrate_report *c, char *err,
                         size_t size)
{
    struct page pg = { NULL, dir, c->m->currency, c->r->replications };
    return report_write_page(dir, calibration_page, c, &pg, err, size);
}
