/*
 * chart_run: the charts of one run (chart_draw_run in chart.h): the channel
 * mix, waits against the target, a week per channel, escalations and cost.
 * Apart from chart_set.c because each chart here knows the layout of a
 * run's results; chart_set.c knows only how to make a chart.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/results.h"

static void chart_mix(struct charting *cg, const struct experiment *e)
{
    const struct model *m = e->m;
    if (e->ix.needs < 0 || m->n_segments == 0)
        return;
    char columns[2 * MODEL_MAX_CHANNELS * (MODEL_NAME_MAX + 6) + 16];
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    size_t n = (size_t)snprintf(columns, sizeof columns, "segment");
    for (int pass = 0; pass < 2; pass++)
        for (int c = 0; c < m->n_channels; c++) {
            columns[n++] = ' ';
            for (const char *s = m->channels[c].name; *s; s++)
                columns[n++] = *s == ' ' ? '_' : *s;   /* one word per column */
            n += (size_t)snprintf(columns + n, sizeof columns - n, "%s", pass ? "_ci95" : "");
        }
    snprintf(title, sizeof title, "Channel mix: how each group of citizens reaches the organisation");
    snprintf(note, sizeof note, "Each bar is a segment of citizens; its parts are the shares of the "
             "segment's contacts made on each channel (means over %d replications).",
             e->replications);
    struct plot p;
    if (chart_plot_begin(&p, cg, "mix", columns, title, note) != 0)
        return;
    for (int g = 0; g < m->n_segments; g++) {
        const struct estimate *s = e->summary + results_share(&e->ix, GROUP_SEGMENT, g, 0);
        chart_dat_string(p.dat, m->segments[g].name);
        for (int c = 0; c < m->n_channels; c++)
            chart_dat_number(p.dat, s[c].mean);
        for (int c = 0; c < m->n_channels; c++)
            chart_dat_number(p.dat, s[c].ci95);
        fputc('\n', p.dat);
    }
    FILE *f = p.body;
    fputs("set style data histograms\nset style histogram rowstacked\nset boxwidth 0.6\n"
          "set yrange [0:100]\nset ylabel 'share of the group''s contacts (%)'\n"
          "set key outside right top vertical reverse Left invert\nplot ", f);
    for (int c = 0; c < m->n_channels; c++) {
        fprintf(f, "%s'mix.dat' using (100 * $%d)%s lt %d title ", c ? ", \\\n     " : "", c + 2,
                c ? "" : ":xtic(1)", c % 8 + 1);
        chart_gp_string(f, m->channels[c].name);
    }
    fputc('\n', f);
    chart_plot_end(&p);
}

/* Position of t on an axis whose tics are the CDF points 0, 1, 2, ... */
static double cdf_position(double t)
{
    const double *pt = results_cdf_points;
    if (t <= pt[0])
        return 0.0;
    for (int k = 0; k + 1 < RESULTS_CDF_POINTS; k++)
        if (t <= pt[k + 1])
            return k + (t - pt[k]) / (pt[k + 1] - pt[k]);
    return RESULTS_CDF_POINTS - 1;
}

static void chart_waits(struct charting *cg, const struct experiment *e, int c)
{
    const struct channel_params *ch = &e->m->channels[c];
    long base = e->ix.wait_cdf[c];
    if (base < 0)
        return;
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], target[32];
    chart_file_name(name, sizeof name, "waits", ch->name);
    chart_format_duration(ch->target_s, target, sizeof target);
    snprintf(title, sizeof title, "%s: how long people waited (target %s)", ch->name, target);
    snprintf(note, sizeof note, "The share of waits on %s that ended within each time, answered "
             "or given up, with its 95%% interval; the dashed line is the target of %s. The axis "
             "steps through the reported times and is not to scale.", ch->name, target);
    struct plot p;
    if (chart_plot_begin(&p, cg, name, "seconds wait share ci95 low high x", title, note) != 0)
        return;
    FILE *f = p.body;
    fputs("set xtics (", f);
    for (int k = 0; k < RESULTS_CDF_POINTS; k++) {
        const struct estimate *s = &e->summary[base + k];
        char label[32];
        chart_format_duration(results_cdf_points[k], label, sizeof label);
        fprintf(p.dat, "%g ", results_cdf_points[k]);
        chart_dat_string(p.dat, label);
        chart_dat_number(p.dat, s->mean);
        chart_dat_number(p.dat, s->ci95);
        chart_dat_number(p.dat, fmax(0.0, s->mean - s->ci95));
        chart_dat_number(p.dat, fmin(1.0, s->mean + s->ci95));
        fprintf(p.dat, " %d\n", k);
        fprintf(f, "%s'%s' %d", k ? ", " : "", label, k);
    }
    fprintf(f, ")\nset xtics rotate by -35\nset xrange [-0.3:%g]\nset yrange [0:100]\n"
               "set ylabel 'waits that ended within this time (%%)'\n"
               "set xlabel 'wait'\nset key bottom right\n", RESULTS_CDF_POINTS - 0.7);
    if (ch->target_s > 0) {
        double x = cdf_position(ch->target_s);
        fprintf(f, "set arrow from %g, graph 0 to %g, graph 1 nohead dt 2 lw 2 lc rgb '%s' front\n"
                   "set label 'target: %s' at %g, graph 0.08 offset 0.6, 0 tc rgb '%s' front\n",
                x, x, chart_colours[5], target, x, chart_colours[5]);
    }
    fprintf(f, "plot '%s.dat' using 7:(100 * $5):(100 * $6) with filledcurves lc rgb '%s' "
               "fs transparent solid 0.25 noborder title '95%% interval', \\\n"
               "     '' using 7:(100 * $3) with linespoints lt 1 title 'mean over %d replications'\n",
            name, chart_colours[0], e->replications);
    chart_plot_end(&p);
}

/*
 * The rows of a week chart: every interval of the week whose time of day the
 * channel opens on some day, so nights closed every day are left out while a
 * closed day or hour keeps its place on the axis, as a gap.  Data rows come
 * in blocks of open and of closed intervals, a blank line between, so that
 * each open block is a line of its own and a line never bridges a gap.
 */
struct week_rows {
    int n, blocks;
    int first_open_block;   /* blocks alternate: open ones are this, + 2, ... */
    int *day, *minute;      /* [n]: the axis */
    int *open;              /* [n]: 1 open, 0 closed */
};

static void week_rows_free(struct week_rows *w)
{
    free(w->day);
    free(w->minute);
    free(w->open);
}

/* Writes the rows of channel c; returns 0 or -1 (out of memory). */
static int week_write_rows(FILE *dat, const struct experiment *e, int c, struct week_rows *w)
{
    const struct model *m = e->m;
    int count = e->ix.interval_count, per_day = (int)lround(86400.0 / m->interval_s);
    int lo = per_day, hi = -1;
    for (int k = 0; k < count; k++)
        if (e->ix.interval_open[c][k] >= 0) {
            lo = k % per_day < lo ? k % per_day : lo;
            hi = k % per_day > hi ? k % per_day : hi;
        }
    memset(w, 0, sizeof *w);
    w->first_open_block = -1;
    w->day = malloc(sizeof *w->day * (size_t)count);
    w->minute = malloc(sizeof *w->minute * (size_t)count);
    w->open = malloc(sizeof *w->open * (size_t)count);
    if (!w->day || !w->minute || !w->open)
        return -1;
    for (int k = 0; k < count; k++) {
        if (k % per_day < lo || k % per_day > hi)
            continue;
        int open = e->ix.interval_open[c][k] >= 0;
        if (w->n == 0 || open != w->open[w->n - 1]) {
            if (w->n > 0)
                fputc('\n', dat);
            if (open && w->first_open_block < 0)
                w->first_open_block = w->blocks;
            w->blocks++;
        }
        char label[32];
        results_interval_label(m, k, label, sizeof label);
        label[0] = (char)toupper((unsigned char)label[0]);
        chart_dat_string(dat, label);
        fprintf(dat, " %d %d", w->n, open);
        const struct estimate *s = open ? e->summary + results_interval(&e->ix, c, k, IS_ARRIVALS)
                                        : NULL;
        chart_dat_number(dat, s ? s[IS_ARRIVALS].mean : NAN);
        chart_dat_number(dat, s ? s[IS_ARRIVALS].ci95 : NAN);
        chart_dat_number(dat, s ? s[IS_AGENTS].mean : NAN);
        chart_dat_number(dat, s ? s[IS_QUEUE_MEAN].mean : NAN);
        chart_dat_number(dat, s ? s[IS_QUEUE_MEAN].ci95 : NAN);
        fputc('\n', dat);
        w->day[w->n] = k / per_day;
        w->minute[w->n] = (int)lround((k % per_day) * m->interval_s / 60.0);
        w->open[w->n++] = open;
    }
    return 0;
}

/* Closed stretches shaded in both panels, and named where there is room. */
static void week_shade_closed(FILE *f, const struct week_rows *w)
{
    for (int i = 0; i < w->n;) {
        int j = i;
        while (j < w->n && w->open[j] == w->open[i])
            j++;
        if (!w->open[i]) {
            fprintf(f, "set object rect from %g, graph 0 to %g, graph 1 fc rgb '#eeeeee' "
                       "fs solid 1.0 noborder behind\n", i - 0.5, j - 0.5);
            if (20 * (j - i) >= w->n)   /* about 40 pixels or more */
                fprintf(f, "set label 'closed' at %g, graph 0.5 center tc rgb '#777777'\n",
                        (i + j - 1) / 2.0);
        }
        i = j;
    }
}

static void chart_week(struct charting *cg, const struct experiment *e, int c)
{
    const struct model *m = e->m;
    const struct channel_params *ch = &m->channels[c];
    if (e->ix.intervals[c] < 0)
        return;
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], per[32];
    chart_file_name(name, sizeof name, "week", ch->name);
    chart_interval_words(m->interval_s, per, sizeof per);
    snprintf(title, sizeof title, "%s: a week of contacts, agents and queue per %s", ch->name, per);
    snprintf(note, sizeof note, "Top: contacts arriving on %s in each %s. Bottom: agents on duty "
             "and contacts waiting. Shaded: closed; hours closed every day are left out. Means "
             "over %d replications, intervals in intervals.csv.", ch->name, per,
             e->replications);
    struct plot p;
    if (chart_plot_begin(&p, cg, name,
                         "interval x open arrivals arrivals_ci95 agents queue queue_ci95", title,
                         note) != 0)
        return;
    struct week_rows w;
    if (week_write_rows(p.dat, e, c, &w) != 0) {
        week_rows_free(&w);
        chart_fail(cg, "out of memory");
        fclose(p.dat);
        fclose(p.body);
        free(p.text);
        return;
    }
    FILE *f = p.body;
    fputs("unset title\n", f);
    chart_time_axis(f, w.n, w.day, w.minute);
    week_shade_closed(f, &w);
    fputs("set multiplot layout 2, 1 title ", f);
    chart_gp_string(f, title);
    fprintf(f, " font ',13'\nset lmargin 10\nset rmargin 4\nset yrange [0:*]\n"
               "set key top right opaque\nset offsets 0, 0, graph 0.25, 0\n"
               "set ylabel 'contacts per %s'\nset boxwidth 0.9 absolute\n"
               "plot '%s.dat' using 2:4 with boxes lc rgb '%s' fs solid 0.7 noborder "
               "title 'contacts arriving (mean)'\n"
               "set ylabel 'agents, contacts waiting'\n"
               "plot for [b = %d:%d:2] '%s.dat' every :::b::b using 2:6 with histeps lt 1 lw 2 "
               "title (b == %d ? 'agents on duty' : ''), \\\n"
               "     for [b = %d:%d:2] '' every :::b::b using 2:7 with histeps lt 6 lw 2 "
               "title (b == %d ? 'contacts waiting in the queue (mean)' : '')\n"
               "unset multiplot\n", per, name, chart_colours[4], w.first_open_block,
            w.blocks - 1, name, w.first_open_block, w.first_open_block, w.blocks - 1,
            w.first_open_block);
    week_rows_free(&w);
    chart_plot_end(&p);
}

static void chart_escalations(struct charting *cg, const struct experiment *e)
{
    const struct model *m = e->m;
    if (e->ix.needs < 0 || e->ix.escalations < 0)
        return;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    snprintf(title, sizeof title, "Where people went next after a try that did not settle their need");
    snprintf(note, sizeof note, "Rows: the channel of a try that did not settle the citizen's "
             "need. Columns: the channel of the next try, or the back office. Tries over the "
             "%g days, means over %d replications.", chart_measured_days(m), e->replications);
    struct plot p;
    if (chart_plot_begin(&p, cg, figures_def(FIG_ESCALATION, 0)->name, "from to x y tries ci95", title,
                         note) != 0)
        return;
    int w = m->n_channels + 1;
    for (int a = 0; a < m->n_channels; a++)
        for (int b = 0; b < w; b++) {
            const struct estimate *s = &e->summary[results_escalation(&e->ix, a, b)];
            chart_dat_string(p.dat, m->channels[a].name);
            fputc(' ', p.dat);
            chart_dat_string(p.dat, b < m->n_channels ? m->channels[b].name : "back office");
            fprintf(p.dat, " %d %d", b, a);
            chart_dat_number(p.dat, s->mean);
            chart_dat_number(p.dat, s->ci95);
            fputc('\n', p.dat);
        }
    FILE *f = p.body;
    fputs("stats 'escalations.dat' using 5 nooutput\nunset grid\n"
          "set palette defined (0 '#ffffff', 1 '#0b4f8a')\n"
          "set cbrange [0:(STATS_max > 0 ? STATS_max : 1)]\nset cblabel 'tries'\n"
          "set xlabel 'next try on'\nset ylabel 'try that did not settle the need, on'\n", f);
    fprintf(f, "set xrange [-0.5:%g]\nset yrange [%g:-0.5]\nset xtics (", w - 0.5,
            m->n_channels - 0.5);
    for (int b = 0; b < w; b++) {
        fputs(b ? ", " : "", f);
        chart_gp_string(f, b < m->n_channels ? m->channels[b].name : "back office");
        fprintf(f, " %d", b);
    }
    fputs(")\nset ytics (", f);
    for (int a = 0; a < m->n_channels; a++) {
        fputs(a ? ", " : "", f);
        chart_gp_string(f, m->channels[a].name);
        fprintf(f, " %d", a);
    }
    fputs(")\nplot 'escalations.dat' using 3:4:5 with image, \\\n"
          "     '' using 3:4:(sprintf('%.0f', $5)):($5 > 0.55 * STATS_max ? 0xffffff : 0x222222) "
          "with labels tc rgb variable\n", f);
    chart_plot_end(&p);
}

static void chart_cost(struct charting *cg, const struct experiment *e)
{
    const struct model *m = e->m;
    const char *group[MODEL_MAX_CHANNELS + 1];
    struct estimate val[MODEL_MAX_CHANNELS + 1];
    int n = 0;
    for (int c = 0; c <= m->n_channels; c++) {
        long i = e->ix.cost_channel[c];
        if (i < 0)
            continue;
        group[n] = c < m->n_channels ? m->channels[c].name : "back office";
        val[n++] = e->summary[results_cost(&e->ix, c, COST_ORGANISATION)];
    }
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], ylabel[128], total[64];
    chart_format_money(m->currency, e->summary[results_total(&e->ix, TC_ORGANISATION)].mean, total,
                       sizeof total);
    snprintf(title, sizeof title, "Cost to the organisation per channel over %g days (in all %s)",
             chart_measured_days(m), total);
    snprintf(note, sizeof note, "Agents' scheduled hours (idle time paid) and costs per contact, "
             "with 95%% intervals over %d replications; citizens' own time is not included.",
             e->replications);
    double scale = chart_money_axis(m->currency, val, n, chart_measured_days(m), ylabel,
                                    sizeof ylabel);
    const char *series[1] = { "cost" };
    struct bars b = { "cost", title, note, ylabel, n, 1, group, series, val, scale, 0, 0, NULL,
                      NULL, 0, 0, NULL };
    chart_draw_bars(cg, &b);
}

int chart_draw_run(const char *dir, const struct experiment *e, struct chart_set *set)
{
    struct charting cg;
    if (chart_set_begin(&cg, dir, set) != 0)
        return CHART_FAILED;
    chart_mix(&cg, e);
    for (int c = 0; c < e->m->n_channels; c++)
        chart_waits(&cg, e, c);
    for (int c = 0; c < e->m->n_channels; c++)
        chart_week(&cg, e, c);
    chart_escalations(&cg, e);
    chart_cost(&cg, e);
    return chart_set_end(&cg);
}
