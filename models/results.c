/*
 * results: declaration of the reported figures, see results.h.
 */
#include "models/results.h"

#include <stdio.h>
#include "models/choice.h"
#include "models/schedule.h"

static const char *const channel_stat_names[CS_COUNT] = {
    [CS_OFFERED] = "offered",
    [CS_HANDLED] = "handled",
    [CS_ABANDONED] = "abandoned",
    [CS_IN_SYSTEM_AT_END] = "in_system_at_end",
    [CS_P_WAIT] = "p_wait",
    [CS_P_ABANDON] = "p_abandon",
    [CS_WAIT_MEAN] = "wait_mean_s",
    [CS_WAIT_P50] = "wait_p50_s",
    [CS_WAIT_P80] = "wait_p80_s",
    [CS_WAIT_P90] = "wait_p90_s",
    [CS_WAIT_P95] = "wait_p95_s",
    [CS_SERVICE_LEVEL] = "service_level",
    [CS_OCCUPANCY] = "occupancy",
    [CS_AGENTS_MEAN] = "agents_mean",
    [CS_QUEUE_MEAN] = "queue_mean",
    [CS_BALKED] = "balked",
    [CS_AGENT_HOURS] = "agent_hours",
    [CS_ANSWERED] = "answered",
    [CS_AHT] = "aht_s",
};

static const char *const cost_stat_names[COST_STAT_COUNT] = {
    [COST_ORGANISATION] = "organisation",
    [COST_PER_HANDLED] = "per_handled",
};

static const char *const total_cost_names[TC_COUNT] = {
    [TC_ORGANISATION] = "organisation",
    [TC_PER_HANDLED] = "per_handled_contact",
    [TC_PER_RESOLVED] = "per_resolved_need",
    [TC_CITIZEN_WAIT_HOURS] = "citizen_wait_hours",
    [TC_CITIZEN_TRAVEL_HOURS] = "citizen_travel_hours",
    [TC_CITIZEN_VALUE] = "citizen_time_value",
};

static const char *const interval_stat_names[IS_COUNT] = {
    [IS_ARRIVALS] = "arrivals",
    [IS_WAIT_MEAN] = "wait_mean_s",
    [IS_SERVICE_LEVEL] = "service_level",
    [IS_AGENTS] = "agents",
    [IS_QUEUE_MEAN] = "queue_mean",
    [IS_P_ABANDON] = "p_abandon",
};

const double results_cdf_points[RESULTS_CDF_POINTS] = {
    0, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600, 7200,
};

static const char *const back_office_names[BO_COUNT] = {
    [BO_CASES] = "cases",
    [BO_CLOSED] = "closed",
    [BO_OPEN_AT_END] = "open_at_end",
    [BO_TIME_MEAN] = "time_mean_s",
    [BO_CHASES] = "chases",
    [BO_AGENT_HOURS] = "agent_hours",
};

void results_interval_label(const struct model *m, int k, char *buf, size_t size)
{
    int per_day = (int)(86400.0 / m->interval_s);
    int minutes = (k % per_day) * (int)(m->interval_s / 60.0);
    snprintf(buf, size, "%s %02d:%02d", schedule_days[k / per_day].key, minutes / 60, minutes % 60);
}

/* Declares names[0..n) under prefix; returns the index of the first, or -1. */
static long declare_block(struct metrics_layout *l, const char *prefix,
                          const char *const *names, int n)
{
    long base = -1;
    for (int s = 0; s < n; s++) {
        long i = metrics_declare(l, "%s/%s", prefix, names[s]);
        if (i < 0)
            return -1;
        if (s == 0)
            base = i;
    }
    return base;
}

static const char *const need_stat_names[NS_COUNT] = {
    [NS_ARRIVED] = "arrived",
    [NS_RESOLVED] = "resolved",
    [NS_GAVE_UP] = "gave_up",
    [NS_OPEN_AT_END] = "open_at_end",
    [NS_ATTEMPTS_MEAN] = "attempts_mean",
    [NS_TIME_TO_RESOLUTION] = "time_to_resolution_mean_s",
};

static const char *const group_stat_names[GS_SHARES] = {
    [GS_NEEDS] = "needs",
    [GS_CONTACTS] = "contacts",
    [GS_WAIT_MEAN] = "wait_mean_s",
    [GS_RESOLVED] = "resolved",
    [GS_GAVE_UP] = "gave_up",
    [GS_ATTEMPTS_MEAN] = "attempts_mean",
};

/* Declares one group's figures under prefix ("segments/young"); returns its base or -1. */
static long declare_group(struct metrics_layout *l, const struct model *m, const char *kind,
                          const char *name)
{
    long base = -1;
    for (int s = 0; s < GS_SHARES; s++) {
        long i = metrics_declare(l, "%s/%s/%s", kind, name, group_stat_names[s]);
        if (i < 0)
            return -1;
        if (s == 0)
            base = i;
    }
    for (int c = 0; c < m->n_channels; c++)
        if (metrics_declare(l, "%s/%s/shares/%s", kind, name, m->channels[c].name) < 0)
            return -1;
    return base;
}

const char *results_channel_stat_name(enum channel_stat s)
{
    return (unsigned)s < CS_COUNT ? channel_stat_names[s] : "?";
}

/* Costs, escalations, the back office and the week's intervals. */
static int declare_costs_and_flows(const struct model *m, struct results_index *ix)
{
    struct metrics_layout *l = ix->layout;
    char prefix[METRICS_PATH_MAX];
    for (int c = 0; c < m->n_channels; c++) {
        snprintf(prefix, sizeof prefix, "cost/%s", m->channels[c].name);
        if ((ix->cost_channel[c] = declare_block(l, prefix, cost_stat_names, COST_STAT_COUNT)) < 0)
            goto fail;
    }
    ix->cost_channel[m->n_channels] = -1;
    if (m->back_office.enabled &&
        (ix->cost_channel[m->n_channels] =
             declare_block(l, "cost/back_office", cost_stat_names, COST_STAT_COUNT)) < 0)
        goto fail;
    if ((ix->cost_total = declare_block(l, "cost/total", total_cost_names, TC_COUNT)) < 0)
        goto fail;

    ix->escalations = -1;
    for (int a = 0; a < m->n_channels; a++)
        for (int b = 0; b <= m->n_channels; b++) {
            const char *to = b < m->n_channels ? m->channels[b].name : "back_office";
            long i = metrics_declare(l, "escalations/%s->%s", m->channels[a].name, to);
            if (i < 0)
                goto fail;
            if (a == 0 && b == 0)
                ix->escalations = i;
        }

    ix->back_office = -1;
    if (m->back_office.enabled &&
        (ix->back_office = declare_block(l, "back_office", back_office_names, BO_COUNT)) < 0)
        goto fail;

    ix->interval_count = (int)(7.0 * 86400.0 / m->interval_s);
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
    for (int c = 0; c < m->n_channels; c++) {
        ix->intervals[c] = -1;
        int rank = 0;
        for (int k = 0; k < ix->interval_count; k++) {
            ix->interval_open[c][k] = -1;
            if (!choice_is_assisted(m->channels[c].kind))
                continue;
            int open = 0;
            for (int q = 0; q < quarters; q++)
                open |= m->channels[c].week.open[k * quarters + q];
            if (!open)
                continue;
            char label[32];
            results_interval_label(m, k, label, sizeof label);
            snprintf(prefix, sizeof prefix, "intervals/%s/%s", m->channels[c].name, label);
            long i = declare_block(l, prefix, interval_stat_names, IS_COUNT);
            if (i < 0)
                goto fail;
            if (rank == 0)
                ix->intervals[c] = i;
            ix->interval_open[c][k] = rank++;
        }
    }
    return 0;
fail:
    results_index_free(ix);
    return -1;
}

int results_index_build(const struct model *m, struct results_index *ix)
{
    ix->layout = metrics_layout_alloc();
    if (!ix->layout)
        return -1;
    for (int c = 0; c < m->n_channels; c++) {
        for (int s = 0; s < CS_COUNT; s++) {
            long i = metrics_declare(ix->layout, "channels/%s/%s", m->channels[c].name,
                                     channel_stat_names[s]);
            if (i < 0)
                goto fail;
            if (s == 0)
                ix->channel[c] = i;
        }
        ix->wait_cdf[c] = -1;
        if (!choice_is_assisted(m->channels[c].kind))
            continue;
        for (int k = 0; k < RESULTS_CDF_POINTS; k++) {
            long i = metrics_declare(ix->layout, "channels/%s/wait_cdf/%.0f", m->channels[c].name,
                                     results_cdf_points[k]);
            if (i < 0)
                goto fail;
            if (k == 0)
                ix->wait_cdf[c] = i;
        }
    }
    ix->needs = -1;
    if (m->n_services == 0)
        return declare_costs_and_flows(m, ix);
    for (int s = 0; s < NS_COUNT; s++) {
        long i = metrics_declare(ix->layout, "needs/%s", need_stat_names[s]);
        if (i < 0)
            goto fail;
        if (s == 0)
            ix->needs = i;
    }
    for (int g = 0; g < m->n_segments; g++)
        if ((ix->segment[g] = declare_group(ix->layout, m, "segments", m->segments[g].name)) < 0)
            goto fail;
    for (int t = 0; t < TYPE_COUNT; t++)
        if ((ix->type[t] = declare_group(ix->layout, m, "types",
                                         citizen_type_name((enum citizen_type)t))) < 0)
            goto fail;
    for (int v = 0; v < m->n_services; v++)
        if ((ix->service[v] = declare_group(ix->layout, m, "services", m->services[v].name)) < 0)
            goto fail;
    return declare_costs_and_flows(m, ix);
fail:
    results_index_free(ix);
    return -1;
}

void results_index_free(struct results_index *ix)
{
    metrics_layout_free(ix->layout);
    ix->layout = NULL;
}
