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

/* What every chart of one comparison shares: the scenarios, their names, and scratch room
 * for the distinct group names and the bar values of the chart being drawn. */
struct compare_charts {
    struct charting *cg;
    const struct comparison *c;
    int ns, reps;
    const char **names, **scen;
    struct estimate *val;
};

/* The channel mix: each channel's share of all contacts. */
static void draw_mix(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    int g = 0;
    for (int k = 0; k < cc->ns; k++)
        for (int ch = 0; ch < c->models[k]->n_channels; ch++)
            name_index(cc->names, &g, c->models[k]->channels[ch].name);
    for (int k = 0; k < cc->ns; k++) {
        const struct experiment *e = &c->runs[k];
        for (int i = 0; i < g; i++)
            cc->val[k * g + i] = figure(e, results_channel(&e->ix,
                                                           model_find_channel(e->m, cc->names[i]),
                                                           CS_SHARE_OF_CONTACTS));
    }
    snprintf(title, sizeof title, "Channel mix per scenario: share of all contacts on each channel");
    snprintf(note, sizeof note, "Bars are scenarios; whiskers are 95%% intervals over %d "
             "replications run on common random numbers.", cc->reps);
    struct bars b = { "compare-mix", title, note, "share of all contacts (%)", g, cc->ns,
                      cc->names, cc->scen, cc->val, 100.0, 0, 0 };
    chart_draw_bars(cc->cg, &b);
}

/* Mean waits of assisted channels. */
static void draw_waits(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    int g = 0;
    for (int k = 0; k < cc->ns; k++)
        for (int ch = 0; ch < c->models[k]->n_channels; ch++)
            if (choice_is_assisted(c->models[k]->channels[ch].kind))
                name_index(cc->names, &g, c->models[k]->channels[ch].name);
    for (int k = 0; k < cc->ns; k++) {
        const struct experiment *e = &c->runs[k];
        for (int i = 0; i < g; i++)
            cc->val[k * g + i] = figure(e, results_channel(&e->ix,
                                                           model_find_channel(e->m, cc->names[i]),
                                                           CS_WAIT_MEAN));
    }
    snprintf(title, sizeof title, "Mean wait per channel and scenario");
    snprintf(note, sizeof note, "Mean wait of answered and abandoned contacts, in minutes, with "
             "95%% intervals over %d replications.", cc->reps);
    struct bars b = { "compare-waits", title, note, "mean wait (minutes)", g, cc->ns, cc->names,
                      cc->scen, cc->val, 1.0 / 60.0, 0, 0 };
    chart_draw_bars(cc->cg, &b);
}

/* Needs given up: all citizens and each segment (only where the reference has needs). */
static void draw_gave_up(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    if (c->runs[0].ix.needs < 0)
        return;
    int g = 0;
    name_index(cc->names, &g, "all citizens");
    for (int k = 0; k < cc->ns; k++)
        for (int s = 0; s < c->models[k]->n_segments; s++)
            name_index(cc->names, &g, c->models[k]->segments[s].name);
    for (int k = 0; k < cc->ns; k++) {
        const struct experiment *e = &c->runs[k];
        if (e->ix.needs < 0) {
            for (int i = 0; i < g; i++)
                cc->val[k * g + i] = missing;
            continue;
        }
        cc->val[k * g] = figure(e, results_need(&e->ix, NS_GAVE_UP_SHARE));
        for (int i = 1; i < g; i++)
            cc->val[k * g + i] = figure(e, results_group(&e->ix, GROUP_SEGMENT,
                                                         model_find_segment(e->m, cc->names[i]),
                                                         GS_GAVE_UP));
    }
    snprintf(title, sizeof title, "Needs given up per group of citizens and scenario");
    snprintf(note, sizeof note, "The share of needs that ended without being resolved, with "
             "95%% intervals over %d replications.", cc->reps);
    struct bars b = { "compare-gave-up", title, note, "needs given up (% of needs that ended)",
                      g, cc->ns, cc->names, cc->scen, cc->val, 100.0, 0, 0 };
    chart_draw_bars(cc->cg, &b);
}

/* Cost to the organisation, and citizens' time valued apart. */
static void draw_cost(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    const struct model *ref = c->models[0];
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], ylabel[160];
    int ns = cc->ns;
    double days = chart_measured_days(ref);
    for (int k = 0; k < ns; k++) {
        cc->val[k] = figure(&c->runs[k], results_total(&c->runs[k].ix, TC_ORGANISATION));
        cc->val[ns + k] = figure(&c->runs[k], results_total(&c->runs[k].ix, TC_CITIZEN_VALUE));
    }
    const char *cost_series[2] = { figures_def(FIG_TOTAL, TC_ORGANISATION)->label,
                                   figures_def(FIG_TOTAL, TC_CITIZEN_VALUE)->label };
    snprintf(title, sizeof title, "Cost per scenario over %g days", days);
    snprintf(note, sizeof note, "The organisation's cost and, apart, the value of citizens' "
             "waiting and travelling time, with 95%% intervals over %d replications.", cc->reps);
    double scale = chart_money_axis(ref->currency, cc->val, 2 * ns, days, ylabel, sizeof ylabel);
    struct bars b = { "compare-cost", title, note, ylabel, ns, 2, cc->scen, cost_series, cc->val,
                      scale, 0, 0 };
    chart_draw_bars(cc->cg, &b);
}

/* Who wins and who loses: paired differences per segment. */
static void draw_segment_changes(struct compare_charts *cc)
{
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
    const struct comparison *c = cc->c;
    const struct model *ref = c->models[0];
    char note[CHART_TEXT_MAX];
    int ns = cc->ns, g = 0;
    for (int k = 1; k < ns; k++)
        for (int s = 0; s < c->models[k]->n_segments; s++)
            name_index(cc->names, &g, c->models[k]->segments[s].name);
    for (int q = 0; q < 2 && g > 0 && ns > 1; q++) {
        for (int k = 1; k < ns; k++)
            for (int i = 0; i < g; i++) {
                const struct experiment *e = &c->runs[k];
                long at = results_group(&e->ix, GROUP_SEGMENT,
                                        model_find_segment(e->m, cc->names[i]), change[q].figure);
                cc->val[(k - 1) * g + i] = at >= 0 && c->present[k][at] ? c->diff[k][at]
                                                                          : missing;
            }
        snprintf(note, sizeof note, "Each scenario minus %s for each segment of citizens: below "
                 "zero the group is better off. Whiskers are paired 95%% intervals over %d "
                 "replications; a whisker across zero means no measurable change.", ref->name,
                 cc->reps);
        char t[CHART_TEXT_MAX];
        snprintf(t, sizeof t, "%s (against %s)", change[q].title, ref->name);
        struct bars b = { change[q].name, t, note, change[q].ylabel, g, ns - 1, cc->names,
                          cc->scen + 1, cc->val, change[q].scale, 1, 1 };
        chart_draw_bars(cc->cg, &b);
    }
}

int chart_draw_comparison(const char *dir, const struct comparison *c, struct chart_set *set)
{
    struct charting cg;
    if (chart_set_begin(&cg, dir, set) != 0)
        return CHART_FAILED;
    int ns = c->n;
    size_t cap = (size_t)ns * (MODEL_MAX_CHANNELS + MODEL_MAX_SEGMENTS + 1);
    struct compare_charts cc = { &cg, c, ns, c->runs[0].replications, calloc(cap, sizeof *cc.names),
                                 calloc((size_t)ns, sizeof *cc.scen),
                                 calloc(cap * (size_t)ns + 2 * (size_t)ns, sizeof *cc.val) };
    if (!cc.names || !cc.scen || !cc.val) {
        chart_fail(&cg, "out of memory");
    } else {
        for (int k = 0; k < ns; k++)
            cc.scen[k] = c->models[k]->name;
        draw_mix(&cc);
        draw_waits(&cc);
        draw_gave_up(&cc);
        draw_cost(&cc);
        draw_segment_changes(&cc);
    }
    free(cc.names);
    free(cc.scen);
    free(cc.val);
    return chart_set_end(&cg);
}
