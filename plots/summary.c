/*
 * summary: one block per channel, each figure as mean ± 95% half-width.
 */
#include "plots/summary.h"

#include "models/choice.h"
#include "models/results.h"

static void row(FILE *f, const char *label, const struct estimate *e, double scale,
                const char *unit)
{
    fprintf(f, "  %-26s %12.3f ± %-10.3f %s\n", label, e->mean * scale, e->ci95 * scale, unit);
}

/* One row per group: needs, the share of its contacts per channel, wait, outcome. */
static void mix_table(FILE *f, const struct experiment *e, const char *title, int n,
                      const long *base, const char *(*name)(const struct model *, int))
{
    const struct model *m = e->m;
    fprintf(f, "\n%-14s %9s", title, "needs");
    for (int c = 0; c < m->n_channels; c++)
        fprintf(f, " %7.7s", m->channels[c].name);
    fprintf(f, " %9s %8s %8s\n", "wait (s)", "resolved", "gave up");
    for (int g = 0; g < n; g++) {
        const struct estimate *s = e->summary + base[g];
        fprintf(f, "%-14.14s %9.0f", name(m, g), s[GS_NEEDS].mean);
        for (int c = 0; c < m->n_channels; c++)
            fprintf(f, " %6.1f%%", 100.0 * s[GS_SHARES + c].mean);
        fprintf(f, " %9.1f %7.1f%% %7.1f%%\n", s[GS_WAIT_MEAN].mean, 100.0 * s[GS_RESOLVED].mean,
                100.0 * s[GS_GAVE_UP].mean);
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
    const struct estimate *s = e->summary + e->ix.needs;
    fprintf(f, "\nneeds of citizens\n");
    row(f, "arose", &s[NS_ARRIVED], 1.0, "");
    row(f, "resolved", &s[NS_RESOLVED], 1.0, "");
    row(f, "gave up", &s[NS_GAVE_UP], 1.0, "");
    row(f, "still open at the end", &s[NS_OPEN_AT_END], 1.0, "");
    row(f, "attempts per need", &s[NS_ATTEMPTS_MEAN], 1.0, "");
    row(f, "time to resolution", &s[NS_TIME_TO_RESOLUTION], 1.0 / 60.0, "min");
    fprintf(f, "\nchannel mix: the share of each group's contacts that went to each channel "
               "(means over replications)");
    mix_table(f, e, "segment", e->m->n_segments, e->ix.segment, segment_name);
    mix_table(f, e, "type", TYPE_COUNT, e->ix.type, type_name);
    mix_table(f, e, "service", e->m->n_services, e->ix.service, service_name);
}

static void costs_block(FILE *f, const struct experiment *e)
{
    const struct model *m = e->m;
    fprintf(f, "\ncost to the organisation in %s (scheduled agent-hours, idle time paid, plus per "
               "contact)\n", m->currency);
    for (int c = 0; c <= m->n_channels; c++) {
        long i = e->ix.cost_channel[c];
        if (i < 0)
            continue;
        const char *name = c < m->n_channels ? m->channels[c].name : "back office";
        char label[64];
        snprintf(label, sizeof label, "%s", name);
        row(f, label, &e->summary[i + COST_ORGANISATION], 1.0, "");
        snprintf(label, sizeof label, "  per %s", c < m->n_channels ? "handled contact" : "case");
        row(f, label, &e->summary[i + COST_PER_HANDLED], 1.0, "");
    }
    const struct estimate *t = e->summary + e->ix.cost_total;
    row(f, "total", &t[TC_ORGANISATION], 1.0, "");
    row(f, "  per handled contact", &t[TC_PER_HANDLED], 1.0, "");
    if (e->ix.needs >= 0)
        row(f, "  per resolved need", &t[TC_PER_RESOLVED], 1.0, "");
    fprintf(f, "citizens' own time (reported apart, valued in %s)\n", m->currency);
    row(f, "waiting", &t[TC_CITIZEN_WAIT_HOURS], 1.0, "h");
    row(f, "travelling", &t[TC_CITIZEN_TRAVEL_HOURS], 1.0, "h");
    row(f, "valued at", &t[TC_CITIZEN_VALUE], 1.0, "");
}

static void back_office_block(FILE *f, const struct experiment *e)
{
    const struct estimate *b = e->summary + e->ix.back_office;
    fprintf(f, "\nback office\n");
    row(f, "cases passed on", &b[BO_CASES], 1.0, "");
    row(f, "closed", &b[BO_CLOSED], 1.0, "");
    row(f, "still open at the end", &b[BO_OPEN_AT_END], 1.0, "");
    row(f, "time to close", &b[BO_TIME_MEAN], 1.0 / 3600.0, "h");
    row(f, "chasing contacts", &b[BO_CHASES], 1.0, "");
}

/* The escalation matrix: rows are the channel of a try that did not resolve. */
static void escalations_block(FILE *f, const struct experiment *e)
{
    const struct model *m = e->m;
    fprintf(f, "\nescalations: from the channel of a try that did not resolve (rows) to the next\n%-10s", "");
    for (int b = 0; b <= m->n_channels; b++)
        fprintf(f, " %9.9s", b < m->n_channels ? m->channels[b].name : "back off.");
    fputc('\n', f);
    for (int a = 0; a < m->n_channels; a++) {
        fprintf(f, "%-10.10s", m->channels[a].name);
        for (int b = 0; b <= m->n_channels; b++)
            fprintf(f, " %9.0f",
                    e->summary[e->ix.escalations + a * (m->n_channels + 1) + b].mean);
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
    fprintf(f, "figures are means over replications ± the half-width of a 95%% confidence interval\n");
    for (int c = 0; c < m->n_channels; c++) {
        const struct estimate *s = e->summary + e->ix.channel[c];
        if (!choice_is_assisted(m->channels[c].kind)) {
            fprintf(f, "\n%s (%s, self-service)\n", m->channels[c].name,
                    channel_kind_name(m->channels[c].kind));
            row(f, "sessions started", &s[CS_OFFERED], 1.0, "");
            row(f, "sessions ended", &s[CS_HANDLED], 1.0, "");
            continue;
        }
        int lo, hi;
        agents_range(&m->channels[c].week, &lo, &hi);
        char agents[48];
        if (lo == hi)
            snprintf(agents, sizeof agents, "%d agents", hi);
        else
            snprintf(agents, sizeof agents, "%d to %d agents while open", lo, hi);
        fprintf(f, "\n%s (%s, %s, service level within %.0f s)\n", m->channels[c].name,
                channel_kind_name(m->channels[c].kind), agents, m->channels[c].target_s);
        row(f, "contacts offered", &s[CS_OFFERED], 1.0, "");
        row(f, "handled", &s[CS_HANDLED], 1.0, "");
        row(f, "abandoned", &s[CS_ABANDONED], 1.0, "");
        row(f, "turned away (balked)", &s[CS_BALKED], 1.0, "");
        row(f, "still in system at end", &s[CS_IN_SYSTEM_AT_END], 1.0, "");
        row(f, "waited at all", &s[CS_P_WAIT], 100.0, "%");
        row(f, "abandoned, share", &s[CS_P_ABANDON], 100.0, "%");
        row(f, "mean wait", &s[CS_WAIT_MEAN], 1.0, "s");
        row(f, "wait, 90th percentile", &s[CS_WAIT_P90], 1.0, "s");
        row(f, "service level", &s[CS_SERVICE_LEVEL], 100.0, "%");
        row(f, "occupancy", &s[CS_OCCUPANCY], 100.0, "%");
        row(f, "agent-hours", &s[CS_AGENT_HOURS], 1.0, "h");
    }
    if (e->ix.needs >= 0) {
        needs_block(f, e);
        escalations_block(f, e);
    }
    if (e->ix.back_office >= 0)
        back_office_block(f, e);
    costs_block(f, e);
    fprintf(f, "\nservice level = %s\n", RESULTS_SL_DEFINITION);
}
