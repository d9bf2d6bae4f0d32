/*
 * results: the figures of one model in the metrics layout, see results.h.
 */
#include "models/results.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/choice.h"
#include "models/demand.h"
#include "models/station.h"
#include "models/schedule.h"

const double results_cdf_points[RESULTS_CDF_POINTS] = {
    0, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600, 7200,
};

static const char *const group_kind_names[GROUP_KIND_COUNT] = { "segments", "types", "services" };

void results_interval_label(const struct model *m, int k, char *buf, size_t size)
{
    int per_day = (int)(86400.0 / m->interval_s);
    int minutes = (k % per_day) * (int)(m->interval_s / 60.0);
    snprintf(buf, size, "%s %02d:%02d", schedule_days[k / per_day].key, minutes / 60, minutes % 60);
}

/* Declares one figure at a printf-style path with its catalogue entry; returns its index or -1. */
__attribute__((format(printf, 6, 7)))
static long declare(struct results_index *ix, enum figure_family family, int stat,
                    double threshold_s, int alt, const char *fmt, ...)
{
    char path[METRICS_PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    if (len < 0 || (size_t)len >= sizeof path)
        return -1;
    if (ix->layout->n == ix->meta_cap) {
        size_t cap = ix->meta_cap ? ix->meta_cap * 2 : 256;
        void *p = realloc(ix->meta, cap * sizeof *ix->meta);
        if (!p)
            return -1;
        ix->meta = p;
        ix->meta_cap = cap;
    }
    long i = metrics_declare(ix->layout, "%s", path);
    if (i >= 0)
        ix->meta[i] = (struct figure_meta){ figures_def(family, stat), family, threshold_s, alt,
                                            0.0 };
    if (i >= 0 && ix->meta[i].def->rule == RULE_PERCENTILE)
        ix->meta[i].cap = STATION_WAIT_MAX_S;
    return i;
}

/* Declares statistics [0, n) of a family under prefix; returns the first index, or -1. */
static long declare_block(struct results_index *ix, enum figure_family family, int n,
                          double threshold_s, int alt, const char *prefix)
{
    long base = -1;
    for (int s = 0; s < n; s++) {
        const struct figure_def *d = figures_def(family, s);
        long i = declare(ix, family, s, d->threshold ? threshold_s : 0.0, alt, "%s.%s", prefix,
                         d->name);
        if (i < 0)
            return -1;
        if (s == 0)
            base = i;
    }
    return base;
}

/* Whether channel ch has a staffing norm whose within_s differs from its target_s. */
static int has_own_norm(const struct channel_params *c)
{
    return c->targets.within_s > 0 && c->targets.within_s != c->target_s;
}

static int declare_channels(const struct model *m, struct results_index *ix)
{
    char prefix[METRICS_PATH_MAX];
    for (int c = 0; c < m->n_channels; c++) {
        const struct channel_params *cp = &m->channels[c];
        int assisted = choice_is_assisted(cp->kind);
        snprintf(prefix, sizeof prefix, "channels.%s", cp->name);
        if ((ix->channel[c] = declare_block(ix, FIG_CHANNEL, CS_COUNT, cp->target_s, !assisted,
                                            prefix)) < 0)
            return -1;
        ix->wait_cdf[c] = ix->norm_sl[c] = -1;
        if (!assisted)
            continue;
        for (int k = 0; k < RESULTS_CDF_POINTS; k++) {
            long i = declare(ix, FIG_WAIT_CDF, 0, 0.0, 0, "%s.wait_cdf.%.0f", prefix,
                             results_cdf_points[k]);
            if (i < 0)
                return -1;
            if (k == 0)
                ix->wait_cdf[c] = i;
        }
        if (has_own_norm(cp) &&
            (ix->norm_sl[c] = declare(ix, FIG_CHANNEL, CS_SERVICE_LEVEL_NORM, cp->targets.within_s,
                                      0, "%s.%s", prefix,
                                      figures_def(FIG_CHANNEL, CS_SERVICE_LEVEL_NORM)->name)) < 0)
            return -1;
    }
    return 0;
}

/* Declares one group's figures under "segments.young"; returns its base or -1. */
static long declare_group(struct results_index *ix, const struct model *m, enum group_kind kind,
                          const char *name)
{
    char prefix[METRICS_PATH_MAX];
    snprintf(prefix, sizeof prefix, "%s.%s", group_kind_names[kind], name);
    long base = declare_block(ix, FIG_GROUP, GS_SHARES, 0.0, 0, prefix);
    if (base < 0)
        return -1;
    for (int c = 0; c < m->n_channels; c++)
        if (declare(ix, FIG_SHARE, 0, 0.0, 0, "%s.shares.%s", prefix, m->channels[c].name) < 0)
            return -1;
    return base;
}

static int declare_needs(const struct model *m, struct results_index *ix)
{
    if ((ix->needs = declare_block(ix, FIG_NEED, NS_COUNT, 0.0, 0, "needs")) < 0)
        return -1;
    ix->n_groups[GROUP_SEGMENT] = m->n_segments;
    ix->n_groups[GROUP_TYPE] = TYPE_COUNT;
    ix->n_groups[GROUP_SERVICE] = m->n_services;
    for (int kind = 0; kind < GROUP_KIND_COUNT; kind++)
        for (int g = 0; g < ix->n_groups[kind]; g++) {
            const char *name = kind == GROUP_SEGMENT ? m->segments[g].name
                             : kind == GROUP_TYPE ? citizen_type_name((enum citizen_type)g)
                             : m->services[g].name;
            if ((ix->group[kind][g] = declare_group(ix, m, (enum group_kind)kind, name)) < 0)
                return -1;
        }
    return 0;
}

static int declare_costs_and_flows(const struct model *m, struct results_index *ix)
{
    char prefix[METRICS_PATH_MAX];
    for (int c = 0; c < m->n_channels; c++) {
        snprintf(prefix, sizeof prefix, "cost.%s", m->channels[c].name);
        if ((ix->cost_channel[c] = declare_block(ix, FIG_COST, COST_STAT_COUNT, 0.0, 0,
                                                 prefix)) < 0)
            return -1;
    }
    ix->cost_channel[m->n_channels] = -1;
    if (m->back_office.enabled &&
        (ix->cost_channel[m->n_channels] =
             declare_block(ix, FIG_COST, COST_STAT_COUNT, 0.0, 1, "cost.back_office")) < 0)
        return -1;
    if ((ix->cost_total = declare_block(ix, FIG_TOTAL, TC_COUNT, 0.0, 0, "cost.total")) < 0)
        return -1;
    for (int a = 0; a < m->n_channels; a++)
        for (int b = 0; b <= m->n_channels; b++) {
            const char *to = b < m->n_channels ? m->channels[b].name : "back_office";
            long i = declare(ix, FIG_ESCALATION, 0, 0.0, 0, "escalations.%s->%s",
                             m->channels[a].name, to);
            if (i < 0)
                return -1;
            if (a == 0 && b == 0)
                ix->escalations = i;
        }
    if (m->back_office.enabled &&
        (ix->back_office = declare_block(ix, FIG_BACK_OFFICE, BO_COUNT, 0.0, 1, "back_office")) < 0)
        return -1;
    return 0;
}

/* Whether week interval k of channel c has any open quarter hour. */
static int interval_is_open(const struct model *m, int c, int k)
{
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S), open = 0;
    for (int q = 0; q < quarters; q++)
        open |= m->channels[c].week.open[k * quarters + q];
    return open;
}

static int declare_intervals(const struct model *m, struct results_index *ix)
{
    char prefix[METRICS_PATH_MAX], label[32];
    ix->interval_count = (int)(7.0 * 86400.0 / m->interval_s);
    for (int c = 0; c < m->n_channels; c++) {
        const struct channel_params *cp = &m->channels[c];
        int rank = 0;
        ix->interval_stride[c] = IS_COUNT + has_own_norm(cp);
        for (int k = 0; k < ix->interval_count; k++) {
            ix->interval_open[c][k] = -1;
            if (!choice_is_assisted(cp->kind) || !interval_is_open(m, c, k))
                continue;
            results_interval_label(m, k, label, sizeof label);
            snprintf(prefix, sizeof prefix, "intervals.%s.%s", cp->name, label);
            long i = declare_block(ix, FIG_INTERVAL, ix->interval_stride[c], cp->target_s, 0,
                                   prefix);
            if (i < 0)
                return -1;
            if (has_own_norm(cp))
                ix->meta[i + IS_SERVICE_LEVEL_NORM].threshold_s = cp->targets.within_s;
            if (rank == 0)
                ix->intervals[c] = i;
            ix->interval_open[c][k] = rank++;
        }
    }
    return 0;
}

/* A block per assisted channel and day of the week with an open interval, after the
 * intervals (declared first: a day is open where one of its intervals is). */
static int declare_weekdays(const struct model *m, struct results_index *ix)
{
    int per_day = ix->interval_count / 7;
    for (int c = 0; c < m->n_channels; c++)
        for (int d = 0; d < 7; d++) {
            ix->weekday_open[c][d] = -1;
            int open = 0;
            for (int k = d * per_day; k < (d + 1) * per_day && !open; k++)
                open = ix->interval_open[c][k] >= 0;
            if (!open)
                continue;
            char prefix[METRICS_PATH_MAX];
            snprintf(prefix, sizeof prefix, "weekdays.%s.%s", m->channels[c].name,
                     schedule_days[d].key);
            long i = declare_block(ix, FIG_WEEKDAY, WD_COUNT, m->channels[c].target_s, 0,
                                   prefix);
            if (i < 0)
                return -1;
            if (ix->weekdays[c] < 0)
                ix->weekdays[c] = i;
            ix->weekday_open[c][d] = (int)((i - ix->weekdays[c]) / WD_COUNT);
        }
    return 0;
}

int results_index_build(const struct model *m, struct results_index *ix)
{
    memset(ix, 0, sizeof *ix);
    ix->n_channels = m->n_channels;
    ix->year_volume = demand_year_factor(m);
    ix->year_time = m->horizon_s > m->warmup_s ? 365.0 * 86400.0 / (m->horizon_s - m->warmup_s)
                                               : 0.0;
    ix->needs = ix->back_office = ix->escalations = -1;
    for (int c = 0; c < MODEL_MAX_CHANNELS; c++)
        ix->intervals[c] = ix->wait_cdf[c] = ix->norm_sl[c] = ix->weekdays[c] = -1;
    ix->layout = metrics_layout_alloc();
    if (!ix->layout || declare_channels(m, ix) != 0 ||
        (m->n_services > 0 && declare_needs(m, ix) != 0) ||
        declare_costs_and_flows(m, ix) != 0 || declare_intervals(m, ix) != 0 ||
        declare_weekdays(m, ix) != 0) {
        results_index_free(ix);
        return -1;
    }
    return 0;
}

void results_index_free(struct results_index *ix)
{
    metrics_layout_free(ix->layout);
    free(ix->meta);
    ix->layout = NULL;
    ix->meta = NULL;
    ix->meta_cap = 0;
}
