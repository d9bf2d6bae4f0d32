/*
 * chart_compare: the charts of a comparison (chart_draw_comparison in
 * chart.h): figures of every scenario side by side and each segment's paired
 * difference from the reference.  Apart from chart_run.c because it gathers
 * figures across scenarios, which may not share channels or segments: a
 * figure one scenario lacks is a missing bar.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/choice.h"
#include "models/results.h"
#include "sim/metrics.h"

/* Adds name to a list of distinct names; returns its index. */
static int name_index(const char **names, int *n, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    names[*n] = name;
    return (*n)++;
}

static const struct estimate *figure(const struct experiment *e, const char *fmt, const char *a,
                                     const char *b)
{
    char path[METRICS_PATH_MAX * 2];
    snprintf(path, sizeof path, fmt, a, b);
    return experiment_get(e, path);
}

/* The mean and interval over replications of a ratio of sums of e's values (sim/stats.h). */
static struct estimate ratio_estimate(const struct experiment *e, const long *num, int n_num,
                                      const long *den, int n_den, double *work)
{
    return stats_ratio_estimate(e->values, e->ix.layout->n, (size_t)e->replications, num, n_num,
                                den, n_den, work);
}

static const struct estimate missing = { NAN, NAN };

int chart_draw_comparison(const char *dir, const struct comparison *c, struct chart_set *set)
{
    struct charting cg;
    if (chart_set_begin(&cg, dir, set) != 0)
        return CHART_FAILED;
    int ns = c->n, reps = c->runs[0].replications;
    const struct model *ref = c->models[0];
    size_t cap = (size_t)ns * (MODEL_MAX_CHANNELS + MODEL_MAX_SEGMENTS + 1);
    const char **names = calloc(cap, sizeof *names), **scen = calloc((size_t)ns, sizeof *scen);
    struct estimate *val = calloc(cap * (size_t)ns + 2 * (size_t)ns, sizeof *val);
    double *work = calloc((size_t)reps + 1, sizeof *work);
    if (!names || !scen || !val || !work) {
        chart_fail(&cg, "out of memory");
        goto out;
    }
    for (int k = 0; k < ns; k++)
        scen[k] = c->models[k]->name;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], ylabel[160];
    double days = chart_measured_days(ref);

    /* the channel mix: each channel's share of all contacts */
    int g = 0;
    for (int k = 0; k < ns; k++)
        for (int ch = 0; ch < c->models[k]->n_channels; ch++)
            name_index(names, &g, c->models[k]->channels[ch].name);
    for (int k = 0; k < ns; k++) {
        const struct experiment *e = &c->runs[k];
        long all[MODEL_MAX_CHANNELS];
        for (int ch = 0; ch < e->m->n_channels; ch++)
            all[ch] = e->ix.channel[ch] + CS_OFFERED;
        for (int i = 0; i < g; i++) {
            int ch = model_find_channel(e->m, names[i]);
            val[k * g + i] = ch < 0 ? missing
                           : ratio_estimate(e, &all[ch], 1, all, e->m->n_channels, work);
        }
    }
    snprintf(title, sizeof title, "Channel mix per scenario: share of all contacts on each channel");
    snprintf(note, sizeof note, "Bars are scenarios; whiskers are 95%% intervals over %d "
             "replications run on common random numbers.", reps);
    struct bars b = { "compare-mix", title, note, "share of all contacts (%)", g, ns, names, scen,
                      val, 100.0, 0, 0 };
    chart_draw_bars(&cg, &b);

    /* mean waits of assisted channels */
    g = 0;
    for (int k = 0; k < ns; k++)
        for (int ch = 0; ch < c->models[k]->n_channels; ch++)
            if (choice_is_assisted(c->models[k]->channels[ch].kind))
                name_index(names, &g, c->models[k]->channels[ch].name);
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < g; i++) {
            const struct estimate *s = figure(&c->runs[k], "channels/%s/%s", names[i], "wait_mean_s");
            val[k * g + i] = s ? *s : missing;
        }
    snprintf(title, sizeof title, "Mean wait per channel and scenario");
    snprintf(note, sizeof note, "Mean wait of answered and abandoned contacts, in minutes, with "
             "95%% intervals over %d replications.", reps);
    b = (struct bars){ "compare-waits", title, note, "mean wait (minutes)", g, ns, names, scen,
                       val, 1.0 / 60.0, 0, 0 };
    chart_draw_bars(&cg, &b);

    /* needs given up: all citizens and each segment */
    if (c->runs[0].ix.needs >= 0) {
        g = 0;
        name_index(names, &g, "all citizens");
        for (int k = 0; k < ns; k++)
            for (int s = 0; s < c->models[k]->n_segments; s++)
                name_index(names, &g, c->models[k]->segments[s].name);
        for (int k = 0; k < ns; k++) {
            const struct experiment *e = &c->runs[k];
            if (e->ix.needs < 0) {
                for (int i = 0; i < g; i++)
                    val[k * g + i] = missing;
                continue;
            }
            long gave = e->ix.needs + NS_GAVE_UP, ended[2] = { e->ix.needs + NS_RESOLVED, gave };
            val[k * g] = ratio_estimate(e, &gave, 1, ended, 2, work);
            for (int i = 1; i < g; i++) {
                const struct estimate *s = figure(e, "segments/%s/%s", names[i], "gave_up");
                val[k * g + i] = s ? *s : missing;
            }
        }
        snprintf(title, sizeof title, "Needs given up per group of citizens and scenario");
        snprintf(note, sizeof note, "The share of needs that ended without being resolved, with "
                 "95%% intervals over %d replications.", reps);
        b = (struct bars){ "compare-gave-up", title, note, "needs given up (% of needs that ended)",
                           g, ns, names, scen, val, 100.0, 0, 0 };
        chart_draw_bars(&cg, &b);
    }

    /* cost to the organisation, and citizens' time valued apart */
    for (int k = 0; k < ns; k++) {
        const struct estimate *o = experiment_get(&c->runs[k], "cost/total/organisation");
        const struct estimate *t = experiment_get(&c->runs[k], "cost/total/citizen_time_value");
        val[k] = o ? *o : missing;
        val[ns + k] = t ? *t : missing;
    }
    const char *cost_series[2] = { "cost to the organisation", "citizens' time, valued" };
    snprintf(title, sizeof title, "Cost per scenario over %g days", days);
    snprintf(note, sizeof note, "The organisation's cost and, apart, the value of citizens' "
             "waiting and travelling time, with 95%% intervals over %d replications.", reps);
    double scale = chart_money_axis(ref->currency, val, 2 * ns, days, ylabel, sizeof ylabel);
    b = (struct bars){ "compare-cost", title, note, ylabel, ns, 2, scen, cost_series, val, scale,
                       0, 0 };
    chart_draw_bars(&cg, &b);

    /* who wins and who loses: paired differences per segment */
    static const struct {
        const char *figure, *name, *title, *ylabel;
        double scale;
    } change[2] = {
        { "gave_up", "compare-segments-gave-up", "Who wins, who loses: change in needs given up",
          "change in needs given up (percentage points)", 100.0 },
        { "wait_mean_s", "compare-segments-wait", "Who wins, who loses: change in mean wait",
          "change in mean wait (minutes)", 1.0 / 60.0 },
    };
    g = 0;
    for (int k = 1; k < ns; k++)
        for (int s = 0; s < c->models[k]->n_segments; s++)
            name_index(names, &g, c->models[k]->segments[s].name);
    for (int q = 0; q < 2 && g > 0 && ns > 1; q++) {
        for (int k = 1; k < ns; k++)
            for (int i = 0; i < g; i++) {
                char path[METRICS_PATH_MAX * 2];
                snprintf(path, sizeof path, "segments/%s/%s", names[i], change[q].figure);
                long at = metrics_find(c->runs[k].ix.layout, path);
                val[(k - 1) * g + i] = at >= 0 && c->present[k][at] ? c->diff[k][at] : missing;
            }
        snprintf(note, sizeof note, "Each scenario minus %s for each segment of citizens: below "
                 "zero the group is better off. Whiskers are paired 95%% intervals over %d "
                 "replications; a whisker across zero means no measurable change.", ref->name,
                 reps);
        char t[CHART_TEXT_MAX];
        snprintf(t, sizeof t, "%s (against %s)", change[q].title, ref->name);
        b = (struct bars){ change[q].name, t, note, change[q].ylabel, g, ns - 1, names, scen + 1,
                           val, change[q].scale, 1, 1 };
        chart_draw_bars(&cg, &b);
    }
out:
    free(names);
    free(scen);
    free(val);
    free(work);
    return chart_set_end(&cg);
}
