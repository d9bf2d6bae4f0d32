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
#include "models/schedule.h"
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

/* Scenario k's paired difference from the first at its figure i, or a missing bar. */
static struct estimate difference(const struct comparison *c, int k, long i)
{
    return i >= 0 && c->present[k][i] ? c->diff[k][i] : missing;
}

/* "at equal service" or "at fixed staffing", for titles. */
static const char *mode_words(const struct comparison *c)
{
    return c->mode == COMPARISON_EQUAL_SERVICE ? "at equal service" : "at fixed staffing";
}

/* The note under a difference chart. */
static void difference_note(const struct compare_charts *cc, const char *what, char *note,
                            size_t size)
{
    snprintf(note, size, "%s Each scenario minus %s. Whiskers are paired "
             "95%% intervals over %d replications on common random numbers; a whisker across "
             "zero means no measurable change.", what, cc->c->models[0]->name, cc->reps);
}

/* The assisted channels of every scenario, in cc->names; returns how many. */
static int assisted_channels(struct compare_charts *cc)
{
    int g = 0;
    for (int k = 0; k < cc->ns; k++)
        for (int ch = 0; ch < cc->c->models[k]->n_channels; ch++)
            if (choice_is_assisted(cc->c->models[k]->channels[ch].kind))
                name_index(cc->names, &g, cc->c->models[k]->channels[ch].name);
    return g;
}

/* Cost per year of each channel, the back office and in all: each scenario minus the first. */
static void draw_cost_difference(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], words[96], ylabel[160];
    int g = 0, ns = cc->ns;
    name_index(cc->names, &g, "in all");
    for (int k = 0; k < ns; k++)
        for (int ch = 0; ch < c->models[k]->n_channels; ch++)
            name_index(cc->names, &g, c->models[k]->channels[ch].name);
    int bo = name_index(cc->names, &g, "back office");
    for (int k = 1; k < ns; k++) {
        const struct experiment *e = &c->runs[k];
        struct estimate *v = cc->val + (size_t)(k - 1) * g;
        v[0] = difference(c, k, results_total(&e->ix, TC_PER_YEAR));
        for (int i = 1; i < g; i++) {
            int part = i == bo ? e->m->n_channels : model_find_channel(e->m, cc->names[i]);
            v[i] = difference(c, k, part >= 0 ? results_cost(&e->ix, part, COST_PER_YEAR) : -1);
        }
    }
    double scale = chart_money_unit(c->models[0]->currency, cc->val, (ns - 1) * g, words,
                                    sizeof words);
    snprintf(ylabel, sizeof ylabel, "change in %s (%s)",
             figures_def(FIG_COST, COST_PER_YEAR)->label, words);
    snprintf(title, sizeof title, "Change in cost per year by channel %s (against %s)",
             mode_words(c), c->models[0]->name);
    difference_note(cc, "The organisation's cost per year, by channel, the back office and in "
                    "all: below zero the scenario saves.", note, sizeof note);
    struct bars b = { "compare-cost-change", title, note, ylabel, g, ns - 1, cc->names,
                      cc->scen + 1, cc->val, scale, 1, 1, NULL, NULL, 1, 0, NULL };
    chart_draw_bars(cc->cg, &b);
}

/* A wait axis per panel of `per` groups: minutes where its largest bar reaches two minutes,
 * else seconds. */
static void wait_axes(const struct estimate *val, int groups, int series, int per,
                      const char *fmt, double *scale, char (*label)[96], const char **labels)
{
    const char *wait = figures_def(FIG_CHANNEL, CS_WAIT_MEAN)->label;
    for (int q = 0; q * per < groups; q++) {
        double max = 0;
        for (int g = q * per; g < (q + 1) * per && g < groups; g++)
            for (int s = 0; s < series; s++) {
                const struct estimate *v = &val[s * groups + g];
                if (isfinite(v->mean))
                    max = fmax(max, fabs(v->mean) + (isfinite(v->ci95) ? v->ci95 : 0));
            }
        int minutes = max >= 120.0;
        scale[q] = minutes ? 1.0 / 60.0 : 1.0;
        snprintf(label[q], 96, fmt, wait, minutes ? "minutes" : "seconds");
        labels[q] = label[q];
    }
}

/* Who wins and who loses: each segment's paired difference in needs given up (q = 0, all
 * citizens first) or mean wait (q = 1). */
static void draw_segment_change(struct compare_charts *cc, int q)
{
    static const struct {
        enum group_stat figure;
        const char *name, *title, *ylabel;
        double scale;
    } change[2] = {
        { GS_GAVE_UP, "compare-segments-gave-up", "Who wins, who loses: change in needs given up",
          "change in needs given up (percentage points)", 100.0 },
        { GS_WAIT_MEAN, "compare-segments-wait", "Who wins, who loses: change in mean wait",
          NULL, 0 },    /* seconds or minutes, as the waits are */
    };
    const struct comparison *c = cc->c;
    char note[CHART_TEXT_MAX], title[CHART_TEXT_MAX];
    int ns = cc->ns, g = 0;
    if (q == 0 && c->runs[0].ix.needs >= 0)
        name_index(cc->names, &g, "all citizens");
    int segments_from = g;
    for (int k = 1; k < ns; k++)
        for (int s = 0; s < c->models[k]->n_segments; s++)
            name_index(cc->names, &g, c->models[k]->segments[s].name);
    if (g == segments_from)
        return;
    for (int k = 1; k < ns; k++) {
        const struct experiment *e = &c->runs[k];
        struct estimate *v = cc->val + (size_t)(k - 1) * g;
        for (int i = 0; i < g; i++)
            v[i] = difference(c, k, i < segments_from
                                        ? results_need(&e->ix, NS_GAVE_UP_SHARE)
                                        : results_group(&e->ix, GROUP_SEGMENT,
                                                        model_find_segment(e->m, cc->names[i]),
                                                        change[q].figure));
    }
    difference_note(cc, "For each group of citizens: below zero the group is better off.", note,
                    sizeof note);
    snprintf(title, sizeof title, "%s (against %s)", change[q].title, c->models[0]->name);
    double scale = change[q].scale;
    char ylabel[1][96];
    const char *unused;
    if (!change[q].ylabel)     /* one axis: every bar as a series of one group */
        wait_axes(cc->val, 1, (ns - 1) * g, 1, "change in %s (%s)", &scale, ylabel, &unused);
    struct bars b = { change[q].name, title, note, change[q].ylabel ? change[q].ylabel : ylabel[0],
                      g, ns - 1, cc->names, cc->scen + 1, cc->val, scale, 1, 1, NULL, NULL,
                      segments_from, 0, NULL };
    chart_draw_bars(cc->cg, &b);
}

/* Mean wait of each assisted channel, a panel each: each scenario minus the first. */
static void draw_wait_difference(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], label[MODEL_MAX_CHANNELS][96];
    const char *labels[MODEL_MAX_CHANNELS];
    double scale[MODEL_MAX_CHANNELS];
    int ns = cc->ns, g = assisted_channels(cc);
    for (int k = 1; k < ns; k++) {
        const struct experiment *e = &c->runs[k];
        for (int i = 0; i < g; i++)
            cc->val[(k - 1) * g + i] = difference(
                c, k, results_channel(&e->ix, model_find_channel(e->m, cc->names[i]),
                                      CS_WAIT_MEAN));
    }
    wait_axes(cc->val, g, ns - 1, 1, "change in %s (%s)", scale, label, labels);
    snprintf(title, sizeof title, "Change in mean wait per channel (against %s)",
             c->models[0]->name);
    difference_note(cc, "Mean wait of answered and abandoned contacts, each channel on its own "
                    "axis: below zero people wait less.", note, sizeof note);
    struct bars b = { "compare-waits-change", title, note, "", g, ns - 1, cc->names, cc->scen + 1,
                      cc->val, 1.0, 1, 1, scale, labels, 0, 0, NULL };
    chart_draw_panels(cc->cg, &b);
}

/* The days of the week of nch assisted channels (cc->names[0, nch)) as groups, 7 a channel,
 * named after the channels in cc->names; returns them. */
static const char **weekday_groups(struct compare_charts *cc, int nch)
{
    const char **days = cc->names + nch;
    for (int i = 0; i < nch; i++)
        for (int d = 0; d < 7; d++)
            days[i * 7 + d] = schedule_days[d].abbrev;
    return days;
}

/* Figure stat of every channel's days in scenario k, or its difference from the first, as
 * series `row` of cc->val; a day the channel does not open is a missing bar. */
static void weekday_values(struct compare_charts *cc, int nch, int k, int row,
                           enum weekday_stat stat, int diff)
{
    const struct experiment *e = &cc->c->runs[k];
    for (int i = 0; i < nch; i++) {
        int ch = model_find_channel(e->m, cc->names[i]);
        for (int d = 0; d < 7; d++) {
            long at = results_weekday(&e->ix, ch, d, stat);
            cc->val[(size_t)row * 7 * nch + i * 7 + d] = diff ? difference(cc->c, k, at)
                                                              : figure(e, at);
        }
    }
}

/* Mean wait on each day of the week, a panel per assisted channel: each scenario minus the
 * first. */
static void draw_weekday_wait_change(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], label[MODEL_MAX_CHANNELS][96];
    const char *labels[MODEL_MAX_CHANNELS];
    double scale[MODEL_MAX_CHANNELS];
    int ns = cc->ns, nch = assisted_channels(cc);
    const char **days = weekday_groups(cc, nch);
    for (int k = 1; k < ns; k++)
        weekday_values(cc, nch, k, k - 1, WD_WAIT_MEAN, 1);
    wait_axes(cc->val, 7 * nch, ns - 1, 7, "change in %s (%s)", scale, label, labels);
    snprintf(title, sizeof title, "Change in mean wait per day of the week (against %s)",
             c->models[0]->name);
    difference_note(cc, "Mean wait on each day of the week, a panel and axis per channel: "
                    "below zero people wait less.", note, sizeof note);
    struct bars b = { "compare-weekdays-wait-change", title, note, "", 7 * nch, ns - 1, days,
                      cc->scen + 1, cc->val, 1.0, 1, 1, scale, labels, 0, 7, cc->names };
    chart_draw_panels(cc->cg, &b);
}

/* Contacts on each day of the week, a panel per assisted channel. */
static void draw_weekday_contacts(struct compare_charts *cc)
{
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    int nch = assisted_channels(cc);
    const char **days = weekday_groups(cc, nch);
    for (int k = 0; k < cc->ns; k++)
        weekday_values(cc, nch, k, k, WD_ARRIVALS, 0);
    snprintf(title, sizeof title, "Contacts per day of the week and scenario");
    snprintf(note, sizeof note, "Contacts offered on each day of the week the channel opens, on "
             "an average such day, a panel per channel: a day a scenario closes has no bar. "
             "Whiskers are 95%% intervals over %d replications.", cc->reps);
    struct bars b = { "compare-weekdays", title, note, figures_def(FIG_WEEKDAY, WD_ARRIVALS)->label,
                      7 * nch, cc->ns, days, cc->scen, cc->val, 1.0, 0, 0, NULL, NULL, 0, 7,
                      cc->names };
    chart_draw_panels(cc->cg, &b);
}

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
                      cc->names, cc->scen, cc->val, 100.0, 0, 0, NULL, NULL, 0, 0,
                      NULL };
    chart_draw_bars(cc->cg, &b);
}

/* Mean waits of assisted channels, a panel each. */
static void draw_waits(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], label[MODEL_MAX_CHANNELS][96];
    const char *labels[MODEL_MAX_CHANNELS];
    double scale[MODEL_MAX_CHANNELS];
    int g = assisted_channels(cc);
    for (int k = 0; k < cc->ns; k++) {
        const struct experiment *e = &c->runs[k];
        for (int i = 0; i < g; i++)
            cc->val[k * g + i] = figure(e, results_channel(&e->ix,
                                                           model_find_channel(e->m, cc->names[i]),
                                                           CS_WAIT_MEAN));
    }
    wait_axes(cc->val, g, cc->ns, 1, "%s (%s)", scale, label, labels);
    snprintf(title, sizeof title, "Mean wait per channel and scenario");
    snprintf(note, sizeof note, "Mean wait of answered and abandoned contacts, each channel on "
             "its own axis, with 95%% intervals over %d replications.", cc->reps);
    struct bars b = { "compare-waits", title, note, "", g, cc->ns, cc->names, cc->scen, cc->val,
                      1.0, 0, 0, scale, labels, 0, 0, NULL };
    chart_draw_panels(cc->cg, &b);
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
                      g, cc->ns, cc->names, cc->scen, cc->val, 100.0, 0, 0, NULL, NULL, 1, 0,
                      NULL };
    chart_draw_bars(cc->cg, &b);
}

/* Cost per year to the organisation, and citizens' time valued apart. */
static void draw_cost(struct compare_charts *cc)
{
    const struct comparison *c = cc->c;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], words[96], ylabel[160];
    int ns = cc->ns;
    for (int k = 0; k < ns; k++) {
        cc->val[k] = figure(&c->runs[k], results_total(&c->runs[k].ix, TC_PER_YEAR));
        cc->val[ns + k] = figure(&c->runs[k],
                                 results_total(&c->runs[k].ix, TC_CITIZEN_VALUE_PER_YEAR));
    }
    const char *cost_series[2] = { figures_def(FIG_TOTAL, TC_PER_YEAR)->label,
                                   figures_def(FIG_TOTAL, TC_CITIZEN_VALUE_PER_YEAR)->label };
    snprintf(title, sizeof title, "Cost per year and scenario, from zero");
    snprintf(note, sizeof note, "The organisation's cost and, apart, the value of citizens' "
             "waiting and travelling time, per year, with 95%% intervals over %d replications; "
             "the chart of the change in cost shows the differences.", cc->reps);
    double scale = chart_money_unit(c->models[0]->currency, cc->val, 2 * ns, words,
                                    sizeof words);
    snprintf(ylabel, sizeof ylabel, "%s per year", words);
    struct bars b = { "compare-cost", title, note, ylabel, ns, 2, cc->scen, cost_series, cc->val,
                      scale, 0, 0, NULL, NULL, 0, 0, NULL };
    chart_draw_bars(cc->cg, &b);
}

int chart_draw_comparison(const char *dir, const struct comparison *c, struct chart_set *set)
{
    struct charting cg;
    if (chart_set_begin(&cg, dir, set) != 0)
        return CHART_FAILED;
    int ns = c->n;
    /* distinct names of every scenario: channels and their days, or segments */
    size_t cap = (size_t)ns * (8 * MODEL_MAX_CHANNELS + MODEL_MAX_SEGMENTS + 1);
    struct compare_charts cc = { &cg, c, ns, c->runs[0].replications, calloc(cap, sizeof *cc.names),
                                 calloc((size_t)ns, sizeof *cc.scen),
                                 calloc(cap * (size_t)ns + 2 * (size_t)ns, sizeof *cc.val) };
    if (!cc.names || !cc.scen || !cc.val) {
        chart_fail(&cg, "out of memory");
    } else {
        for (int k = 0; k < ns; k++)
            cc.scen[k] = c->models[k]->name;
        /* the differences first: they answer the question */
        draw_cost_difference(&cc);
        draw_segment_change(&cc, 0);
        draw_wait_difference(&cc);
        draw_weekday_wait_change(&cc);
        draw_segment_change(&cc, 1);
        draw_cost(&cc);
        draw_gave_up(&cc);
        draw_waits(&cc);
        draw_weekday_contacts(&cc);
        draw_mix(&cc);
    }
    free(cc.names);
    free(cc.scen);
    free(cc.val);
    return chart_set_end(&cg);
}
