/*
 * summary: one block per channel, each figure as mean ± 95% half-width.
 */
#include "plots/summary.h"

#include "models/choice.h"
#include "models/results.h"

#include <math.h>
#include <string.h>

#include "models/warnings.h"

/* One figure: its label, mean ± 95% half-width, in the unit it is shown in. */
static void row(FILE *f, const struct experiment *e, long i, const char *indent)
{
    const struct figure_meta *fm = results_meta(&e->ix, i);
    if (!fm)
        return;
    char label[96];
    double scale;
    const char *unit;
    results_label(&e->ix, i, label, sizeof label);
    figures_display(fm->def, &scale, &unit);
    const struct estimate *est = &e->summary[i];
    char value[32], ci[32];
    if (fm->cap > 0 && est->mean >= fm->cap)    /* beyond the histogram: a lower bound */
        snprintf(value, sizeof value, "> %.0f", fm->cap * scale);
    else
        snprintf(value, sizeof value, "%.3f", est->mean * scale);
    if (isfinite(est->ci95))
        snprintf(ci, sizeof ci, "%.3f", est->ci95 * scale);
    else
        snprintf(ci, sizeof ci, "n/a");
    fprintf(f, "  %s%-*s %12s ± %-10s %s\n", indent, 32 - (int)strlen(indent), label, value, ci,
            unit);
}

/* One row per group: needs, the share of its contacts per channel, wait, outcome. */
static void mix_table(FILE *f, const struct experiment *e, const char *title,
                      enum group_kind kind, const char *(*name)(const struct model *, int))
{
    const struct model *m = e->m;
    const struct results_index *ix = &e->ix;
    fprintf(f, "\n%-14s %9s", title, figures_def(FIG_GROUP, GS_NEEDS)->label);
    for (int c = 0; c < m->n_channels; c++)
        fprintf(f, " %7.7s", m->channels[c].name);
    fprintf(f, " %9s %8s %8s\n", figures_def(FIG_GROUP, GS_WAIT_MEAN)->label,
            figures_def(FIG_GROUP, GS_RESOLVED)->label, figures_def(FIG_GROUP, GS_GAVE_UP)->label);
    for (int g = 0; g < ix->n_groups[kind]; g++) {
        const struct estimate *s = e->summary;
        fprintf(f, "%-14.14s %9.0f", name(m, g), s[results_group(ix, kind, g, GS_NEEDS)].mean);
        for (int c = 0; c < m->n_channels; c++)
            fprintf(f, " %6.1f%%", 100.0 * s[results_share(ix, kind, g, c)].mean);
        fprintf(f, " %9.1f %7.1f%% %7.1f%%\n", s[results_group(ix, kind, g, GS_WAIT_MEAN)].mean,
                100.0 * s[results_group(ix, kind, g, GS_RESOLVED)].mean,
                100.0 * s[results_group(ix, kind, g, GS_GAVE_UP)].mean);
    }
}

static const char *segment_name(const struct model *m, int g) { return m->segments[g].name; }
static const char *type_name(const struct model *m, int g)
{
    (void)m;
    return citizen_type_name((enum citizen_type)g);
}
static const char *service_name(const struct model *m, int g) { return m->services[g].name; }

static void needs_block(FILE *f, const struct experiment *e)
{
    static const enum need_stat shown[] = { NS_ARRIVED, NS_RESOLVED, NS_GAVE_UP, NS_OPEN_AT_END,
                                            NS_ATTEMPTS_MEAN, NS_TIME_TO_RESOLUTION };
    fprintf(f, "\nneeds of citizens\n");
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
        row(f, e, results_need(&e->ix, shown[i]), "");
    fprintf(f, "\nchannel mix: the share of each group's contacts that went to each channel "
               "(means over replications)");
    mix_table(f, e, "segment", GROUP_SEGMENT, segment_name);
    mix_table(f, e, "type", GROUP_TYPE, type_name);
    mix_table(f, e, "service", GROUP_SERVICE, service_name);
}

static void costs_block(FILE *f, const struct experiment *e)
{
    const struct model *m = e->m;
    const struct results_index *ix = &e->ix;
    fprintf(f, "\ncost to the organisation in %s (scheduled agent-hours, idle time paid, plus per "
               "contact)\n", m->currency);
    for (int c = 0; c <= m->n_channels; c++) {
        if (results_cost(ix, c, COST_ORGANISATION) < 0)
            continue;
        fprintf(f, "  %s\n", c < m->n_channels ? m->channels[c].name : "back office");
        row(f, e, results_cost(ix, c, COST_ORGANISATION), "  ");
        row(f, e, results_cost(ix, c, COST_PER_HANDLED), "  ");
    }
    row(f, e, results_total(ix, TC_ORGANISATION), "");
    row(f, e, results_total(ix, TC_PER_HANDLED), "");
    if (ix->needs >= 0)
        row(f, e, results_total(ix, TC_PER_RESOLVED), "");
    fprintf(f, "citizens' own time (reported apart, valued in %s)\n", m->currency);
    row(f, e, results_total(ix, TC_CITIZEN_WAIT_HOURS), "");
    row(f, e, results_total(ix, TC_CITIZEN_TRAVEL_HOURS), "");
    row(f, e, results_total(ix, TC_CITIZEN_VALUE), "");
}

static void back_office_block(FILE *f, const struct experiment *e)
{
    fprintf(f, "\nback office\n");
    for (int s = 0; s < BO_COUNT; s++)
        if (s != BO_AGENT_HOURS)
            row(f, e, results_back_office(&e->ix, (enum back_office_stat)s), "");
}

/* The escalation matrix: rows are the channel of a try that did not resolve. */
static void escalations_block(FILE *f, const struct experiment *e)
{
    const struct model *m = e->m;
    fprintf(f, "\n%s: from the channel of a try that did not resolve (rows) to the next\n%-10s",
            figures_def(FIG_ESCALATION, 0)->label, "");
    for (int b = 0; b <= m->n_channels; b++)
        fprintf(f, " %9.9s", b < m->n_channels ? m->channels[b].name : "back off.");
    fputc('\n', f);
    for (int a = 0; a < m->n_channels; a++) {
        fprintf(f, "%-10.10s", m->channels[a].name);
        for (int b = 0; b <= m->n_channels; b++)
            fprintf(f, " %9.0f", e->summary[results_escalation(&e->ix, a, b)].mean);
        fputc('\n', f);
    }
}

/* The fewest and most agents on duty while the channel is open. */
static void agents_range(const struct schedule *week, int *lo, int *hi)
{
    *lo = -1;
    *hi = 0;
    for (int k = 0; k < SCHEDULE_SLOTS; k++)
        if (week->open[k]) {
            if (*lo < 0 || week->agents[k] < *lo)
                *lo = week->agents[k];
            if (week->agents[k] > *hi)
                *hi = week->agents[k];
        }
    if (*lo < 0)
        *lo = 0;
}

void summary_print(FILE *f, const struct experiment *e)
{
    const struct model *m = e->m;
    fprintf(f, "chanmix: scenario '%s', %d replications of %.1f days (warm-up %.1f h), seed %llu\n",
            m->name, e->replications, (m->horizon_s - m->warmup_s) / 86400.0,
            m->warmup_s / 3600.0, (unsigned long long)m->seed);
    fprintf(f, "figures are means over replications ± the half-width of a 95%% confidence interval"
               "%s\n", e->replications < 2 ? " (n/a: one replication gives no interval)" : "");
    char warn[WARNINGS_MAX][WARNING_TEXT_MAX];
    int nw = warnings_list(e, warn);
    for (int i = 0; i < nw; i++)
        fprintf(f, "WARNING: %s\n", warn[i]);
    static const enum channel_stat shown[] = {
        CS_OFFERED, CS_HANDLED, CS_ABANDONED, CS_BALKED, CS_IN_SYSTEM_AT_END, CS_P_WAIT,
        CS_P_ABANDON, CS_WAIT_MEAN, CS_WAIT_P90, CS_SERVICE_LEVEL, CS_SERVICE_LEVEL_NORM,
        CS_OCCUPANCY, CS_AGENT_HOURS,
    };
    for (int c = 0; c < m->n_channels; c++) {
        if (!choice_is_assisted(m->channels[c].kind)) {
            fprintf(f, "\n%s (%s, self-service)\n", m->channels[c].name,
                    channel_kind_name(m->channels[c].kind));
            row(f, e, results_channel(&e->ix, c, CS_OFFERED), "");
            row(f, e, results_channel(&e->ix, c, CS_HANDLED), "");
            continue;
        }
        int lo, hi;
        agents_range(&m->channels[c].week, &lo, &hi);
        char agents[48];
        if (lo == hi)
            snprintf(agents, sizeof agents, "%d agents", hi);
        else
            snprintf(agents, sizeof agents, "%d to %d agents while open", lo, hi);
        fprintf(f, "\n%s (%s, %s)\n", m->channels[c].name,
                channel_kind_name(m->channels[c].kind), agents);
        for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
            row(f, e, results_channel(&e->ix, c, shown[i]), "");
    }
    if (e->ix.needs >= 0) {
        needs_block(f, e);
        escalations_block(f, e);
    }
    if (e->ix.back_office >= 0)
        back_office_block(f, e);
    costs_block(f, e);
    fprintf(f, "\nservice level = %s\n", FIGURES_SL_DEFINITION);
}
