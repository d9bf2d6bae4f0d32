/*
 * results_find: a figure's index by owner and statistic, or by path, and its
 * label, see results.h.
 */
#include "models/results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long results_channel(const struct results_index *ix, int ch, enum channel_stat s)
{
    if (ch < 0 || ch >= ix->n_channels)
        return -1;
    if (s == CS_SERVICE_LEVEL_NORM)
        return ix->norm_sl[ch];
    return (unsigned)s < CS_COUNT ? ix->channel[ch] + s : -1;
}

long results_wait_cdf(const struct results_index *ix, int ch, int point)
{
    if (ch < 0 || ch >= ix->n_channels || ix->wait_cdf[ch] < 0 || point < 0 ||
        point >= RESULTS_CDF_POINTS)
        return -1;
    return ix->wait_cdf[ch] + point;
}

long results_need(const struct results_index *ix, enum need_stat s)
{
    return ix->needs >= 0 && (unsigned)s < NS_COUNT ? ix->needs + s : -1;
}

long results_group(const struct results_index *ix, enum group_kind kind, int g, enum group_stat s)
{
    if (ix->needs < 0 || (unsigned)kind >= GROUP_KIND_COUNT || g < 0 || g >= ix->n_groups[kind] ||
        (unsigned)s >= GS_SHARES)
        return -1;
    return ix->group[kind][g] + s;
}

long results_share(const struct results_index *ix, enum group_kind kind, int g, int ch)
{
    long base = results_group(ix, kind, g, GS_NEEDS);
    return base < 0 || ch < 0 || ch >= ix->n_channels ? -1 : base + GS_SHARES + ch;
}

long results_cost(const struct results_index *ix, int part, enum cost_stat s)
{
    if (part < 0 || part > ix->n_channels || ix->cost_channel[part] < 0 ||
        (unsigned)s >= COST_STAT_COUNT)
        return -1;
    return ix->cost_channel[part] + s;
}

long results_total(const struct results_index *ix, enum total_cost_stat s)
{
    return (unsigned)s < TC_COUNT ? ix->cost_total + s : -1;
}

long results_back_office(const struct results_index *ix, enum back_office_stat s)
{
    return ix->back_office >= 0 && (unsigned)s < BO_COUNT ? ix->back_office + s : -1;
}

long results_escalation(const struct results_index *ix, int from, int to)
{
    if (from < 0 || from >= ix->n_channels || to < 0 || to > ix->n_channels)
        return -1;
    return ix->escalations + from * (ix->n_channels + 1) + to;
}

long results_interval(const struct results_index *ix, int ch, int k, enum interval_stat s)
{
    if (ch < 0 || ch >= ix->n_channels || ix->intervals[ch] < 0 || k < 0 ||
        k >= ix->interval_count || ix->interval_open[ch][k] < 0 || (int)s < 0 ||
        (int)s >= ix->interval_stride[ch])
        return -1;
    return ix->intervals[ch] + (long)ix->interval_open[ch][k] * ix->interval_stride[ch] + s;
}

long results_weekday(const struct results_index *ix, int ch, int day, enum weekday_stat s)
{
    if (ch < 0 || ch >= ix->n_channels || ix->weekdays[ch] < 0 || day < 0 || day >= 7 ||
        ix->weekday_open[ch][day] < 0 || (unsigned)s >= WD_COUNT)
        return -1;
    return ix->weekdays[ch] + (long)ix->weekday_open[ch][day] * WD_COUNT + s;
}

long results_norm_service_level(const struct results_index *ix, int ch)
{
    long i = results_channel(ix, ch, CS_SERVICE_LEVEL_NORM);
    return i >= 0 ? i : results_channel(ix, ch, CS_SERVICE_LEVEL);
}

long results_interval_norm_service_level(const struct results_index *ix, int ch, int k)
{
    long i = results_interval(ix, ch, k, IS_SERVICE_LEVEL_NORM);
    return i >= 0 ? i : results_interval(ix, ch, k, IS_SERVICE_LEVEL);
}

const struct figure_meta *results_meta(const struct results_index *ix, long i)
{
    return i >= 0 && (size_t)i < ix->layout->n ? &ix->meta[i] : NULL;
}

void results_label(const struct results_index *ix, long i, char *buf, size_t size)
{
    const struct figure_meta *fm = results_meta(ix, i);
    if (!fm) {
        snprintf(buf, size, "?");
        return;
    }
    if (fm->alt && fm->def->alt_label)
        snprintf(buf, size, "%s", fm->def->alt_label);
    else
        figures_label(fm->def, fm->threshold_s, buf, size);
}

/* Edit distance of a and b, for suggestions (paths are short). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[METRICS_PATH_MAX + 1];
    if (lb > METRICS_PATH_MAX)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

long results_find(const struct results_index *ix, const char *path, char *err, size_t size)
{
    long i = metrics_find(ix->layout, path);
    if (i >= 0)
        return i;
    size_t best = (size_t)-1, at = 0;
    for (size_t k = 0; k < ix->layout->n; k++) {
        size_t d = distance(path, ix->layout->paths[k]);
        if (d < best) {
            best = d;
            at = k;
        }
    }
    if (ix->layout->n > 0 && best <= strlen(path) / 2 + 1)
        snprintf(err, size, "no figure named '%s' (did you mean '%s'?)", path,
                 ix->layout->paths[at]);
    else
        snprintf(err, size, "no figure named '%s'", path);
    return -1;
}
