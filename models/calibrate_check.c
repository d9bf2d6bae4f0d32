/*
 * calibrate_check: whether an observed file can be fitted in a model at all,
 * see calibrate.h.  A request the fit could never meet (a channel the group
 * cannot use, shares above 1, constants that nothing moves) is refused
 * before any simulation, with the row that asks for it.
 */
#include "models/calibrate.h"

#include <stdio.h>

/* Slack for shares written as rounded percentages. */
#define SHARE_SLACK 0.005

void calibrate_group_name(const struct model *m, const struct calibrate_group *g, char *buf,
                          size_t size)
{
    if (g->level == CALIBRATE_SEGMENT)
        snprintf(buf, size, "segment %s", m->segments[g->index].name);
    else if (g->level == CALIBRATE_SERVICE)
        snprintf(buf, size, "service %s", m->services[g->index].name);
    else
        snprintf(buf, size, "all citizens");
}

/* Whether citizens of segment s ever have needs of service v. */
static int has_needs(const struct model *m, int s, int v)
{
    return m->segments[s].share > 0 && m->segments[s].volume_mult > 0 &&
           m->services[v].per_1000_year > 0 && m->services[v].segment_mult[s] > 0;
}

int calibrate_reaches(const struct model *m, const struct calibrate_group *g, int c)
{
    int v0 = g->level == CALIBRATE_SERVICE ? g->index : 0;
    int v1 = g->level == CALIBRATE_SERVICE ? g->index + 1 : m->n_services;
    int s0 = g->level == CALIBRATE_SEGMENT ? g->index : 0;
    int s1 = g->level == CALIBRATE_SEGMENT ? g->index + 1 : m->n_segments;
    for (int v = v0; v < v1; v++) {
        if (!m->services[v].on[c].offered)
            continue;
        for (int s = s0; s < s1; s++)
            if (has_needs(m, s, v) &&
                (m->channels[c].kind != CHANNEL_APP || m->segments[s].p_smartphone > 0))
                return 1;
    }
    return 0;
}

/* Why channel c does not reach group g, in words. */
static void why_not(const struct model *m, const struct calibrate_group *g, int c, char *buf,
                    size_t size)
{
    const char *ch = m->channels[c].name;
    if (g->level == CALIBRATE_SERVICE && !m->services[g->index].on[c].offered)
        snprintf(buf, size, "the service is not offered there (no services[].channels.%s)", ch);
    else if (g->level == CALIBRATE_SERVICE)
        snprintf(buf, size, "no citizen with this need can use it (the app needs smartphones)");
    else if (m->channels[c].kind == CHANNEL_APP)
        snprintf(buf, size, "no service these citizens need offers it, or none of them has a "
                 "smartphone");
    else
        snprintf(buf, size, "no service these citizens need offers it (services[].channels)");
}

/* The checks of one group; 0 or -1 with err. */
static int check_group(const struct model *m, const struct calibrate_observed *obs,
                       const struct calibrate_group *g, const struct calibrate_options *o,
                       char *err, size_t size)
{
    char name[MODEL_NAME_MAX + 16], why[160];
    calibrate_group_name(m, g, name, sizeof name);
    double sum = 0.0;
    int listed = 0, unlisted = 0;
    for (int c = 0; c < m->n_channels; c++) {
        int reach = calibrate_reaches(m, g, c);
        if (!g->listed[c]) {
            unlisted += reach;
            continue;
        }
        if (g->value[c] > 0 && !reach) {
            why_not(m, g, c, why, sizeof why);
            snprintf(err, size, "%s:%ld: channel '%s' is observed for %s, but %s", obs->file,
                     g->line[c], m->channels[c].name, name, why);
            return -1;
        }
        sum += g->value[c];
        listed += reach;
    }
    if (g->shares && sum > 1.0 + SHARE_SLACK) {
        snprintf(err, size, "%s:%ld: the shares of %s sum to %.3f, above 1", obs->file,
                 g->first_line, name, sum);
        return -1;
    }
    if (g->shares && unlisted == 0 && sum < 1.0 - SHARE_SLACK) {
        snprintf(err, size, "%s:%ld: the shares of %s sum to %.3f, but every channel they can "
                 "use has a row: the shares must sum to 1", obs->file, g->first_line, name, sum);
        return -1;
    }
    if (!g->shares && !(sum > 0)) {
        snprintf(err, size, "%s:%ld: the counts of %s are all 0: there are no shares to fit",
                 obs->file, g->first_line, name);
        return -1;
    }
    int total = !g->shares && o->period_days > 0 && g->level != CALIBRATE_SEGMENT;
    if (!g->shares && listed < 2 && !total) {
        snprintf(err, size, "%s:%ld: the rows of %s give counts for one channel only: counts "
                 "fix the shares among the channels given, so give two or more (or a share, or "
                 "--period-days for a total)", obs->file, g->first_line, name);
        return -1;
    }
    return 0;
}

int calibrate_check(const struct model *m, const struct calibrate_observed *obs,
                    const struct calibrate_options *o, char *err, size_t size)
{
    if (m->population == 0 || m->n_services == 0 || m->n_segments == 0) {
        snprintf(err, size, "%s: the scenario has no citizens (population, segments, services), "
                 "so no channel choice to calibrate", obs->file);
        return -1;
    }
    if (obs->n == 0) {
        snprintf(err, size, "%s: no rows to fit", obs->file);
        return -1;
    }
    int all = -1, segments = 0, totals = 0;
    for (int i = 0; i < obs->n; i++) {
        const struct calibrate_group *g = &obs->g[i];
        if (check_group(m, obs, g, o, err, size) != 0)
            return -1;
        if (g->level == CALIBRATE_ALL)
            all = i;
        segments += g->level == CALIBRATE_SEGMENT;
        totals += !g->shares && g->level != CALIBRATE_SEGMENT;
    }
    if (all >= 0 && segments == m->n_segments) {
        snprintf(err, size, "%s:%ld: every segment has rows of its own, so the rows of all "
                 "citizens (without a segment) have no constants left to move: leave them out, "
                 "or a segment's", obs->file, obs->g[all].first_line);
        return -1;
    }
    if (o->period_days > 0 && totals == 0) {
        snprintf(err, size, "%s: --period-days: no totals to match; the counts of all citizens "
                 "or of a service are totals over the period (a segment's counts and shares "
                 "fix shares only)", obs->file);
        return -1;
    }
    return 0;
}
