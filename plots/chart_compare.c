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

/* The figure at index i of experiment e, or a missing bar where e lacks it. */
static struct estimate figure(const struct experiment *e, long i)
{
    return i >= 0 ? e->summary[i] : (struct estimate){ NAN, NAN };
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
    if (!names || !scen || !val) {
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
        for (int i = 0; i < g; i++)
            val[k * g + i] = figure(e, results_channel(&e->ix, model_find_channel(e->m, names[i]),
                                                       CS_SHARE_OF_CONTACTS));
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
    for (int k = 0; k < ns; k++) {
        const struct experiment *e = &c->runs[k];
        for (int i = 0; i < g; i++)
            val[k * g + i] = figure(e, results_channel(&e->ix, model_find_channel(e->m, names[i]),
                                                       CS_WAIT_MEAN));
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
            val[k * g] = figure(e, results_need(&e->ix, NS_GAVE_UP_SHARE));
            for (int i = 1; i < g; i++)
                val[k * g + i] = figure(e, results_group(&e->ix, GROUP_SEGMENT,
                                                         model_find_segment(e->m, names[i]),
                                                         GS_GAVE_UP));
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
        val[k] = figure(&c->runs[k], results_total(&c->runs[k].ix, TC_ORGANISATION));
        val[ns + k] = figure(&c->runs[k], results_total(&c->runs[k].ix, TC_CITIZEN_VALUE));
    }
    const char *cost_series[2] = { figures_def(FIG_TOTAL, TC_ORGANISATION)->label,
                                   figures_def(FIG_TOTAL, TC_CITIZEN_VALUE)->label };
    snprintf(title, sizeof title, "Cost per scenario over %g days", days);
    snprintf(note, sizeof note, "The organisation's cost and, apart, the value of citizens' "
             "waiting and travelling time, with 95%% intervals over %d replications.", reps);
    double scale = chart_money_axis(ref->currency, val, 2 * ns, days, ylabel, sizeof ylabel);
    b = (struct bars){ "compare-cost", title, note, ylabel, ns, 2, scen, cost_series, val, scale,
                       0, 0 };
    chart_draw_bars(&cg, &b);

    /* who wins and who loses: paired differences per segment */
    static const struct {
        enum group_stat figure;
        const char *name, *title, *ylabel;
        double scale;
    } change[2] = {
        { GS_GAVE_UP, "compare-segments-gave-up", "Who wins, who loses: change in needs given up",
          "change in needs given up (percentage points)", 100.0 },
        { GS_WAIT_MEAN, "compare-segments-wait", "Who wins, who loses: change in mean wait",
          "change in mean wait (minutes)", 1.0 / 60.0 },
    };
    g = 0;
    for (int k = 1; k < ns; k++)
        for (int s = 0; s < c->models[k]->n_segments; s++)
            name_index(names, &g, c->models[k]->segments[s].name);
    for (int q = 0; q < 2 && g > 0 && ns > 1; q++) {
        for (int k = 1; k < ns; k++)
            for (int i = 0; i < g; i++) {
                const struct experiment *e = &c->runs[k];
                long at = results_group(&e->ix, GROUP_SEGMENT, model_find_segment(e->m, names[i]),
                                        change[q].figure);
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
    return chart_set_end(&cg);
}
