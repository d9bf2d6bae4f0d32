/*
 * chart_staffing: the charts of a workforce plan (chart_draw_staffing in
 * chart.h).  Per channel, the week shown in full as one panel per open day
 * side by side (hours of the day across, agents up): the agents required by
 * simulation, by Erlang, to roster, and on shifts.  Days stand apart, so a
 * day's shape reads at a glance and no axis runs through closed nights.
 * Where more than one week was planned, the required agent-hours of every
 * week by channel, so the seasons and the peak week show.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "models/schedule.h"
#include "plots/staffing_out.h"

#define SERIES 4

static const char *series_label(int s)
{
    static const enum plan_interval_stat stat[SERIES] = { PI_REQUIRED, PI_ERLANG, PI_ROSTERED,
                                                          PI_ON_SHIFTS };
    return figures_def(FIG_PLAN_INTERVAL, stat[s])->label;
}

/* Rows of day d (a data block of its own): the day, the hour, the four series; a last row
 * at the end of the day's last interval.  Returns the largest value written. */
static double day_rows(FILE *dat, const struct staffing_report *r, int i, int d)
{
    const struct model *m = r->m;
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    const struct staffing_channel *sc = &wk->plan.ch[i];
    int per_day = (int)(86400.0 / m->interval_s);
    double top = 0.0, v[SERIES] = { 0 };
    int last = -1;
    for (int k = d * per_day; k < (d + 1) * per_day; k++) {
        const struct staffing_interval *iv = &sc->iv[k];
        if (!iv->open)
            continue;
        v[0] = iv->required;
        v[1] = iv->erlang;
        v[2] = iv->rostered;
        v[3] = wk->ch[i].has_shifts ? staffing_out_covered(m, &wk->ch[i].shifts, k) : NAN;
        chart_dat_string(dat, schedule_days[d].key);
        chart_dat_number(dat, (k - d * per_day) * m->interval_s / 3600.0);
        for (int s = 0; s < SERIES; s++) {
            chart_dat_number(dat, v[s]);
            top = isfinite(v[s]) && v[s] > top ? v[s] : top;
        }
        fputc('\n', dat);
        last = k;
    }
    if (last >= 0) {        /* close the last step */
        chart_dat_string(dat, schedule_days[d].key);
        chart_dat_number(dat, (last + 1 - d * per_day) * m->interval_s / 3600.0);
        for (int s = 0; s < SERIES; s++)
            chart_dat_number(dat, v[s]);
        fputc('\n', dat);
    }
    fputs("\n\n", dat);     /* one gnuplot data block per day */
    return top;
}

static const char *const series_style[SERIES] = { "lt 1 lw 3", "lt 2 lw 2 dt 2", "lt 3 lw 2",
                                                  "lt 4 lw 2" };

/* Panel j of n: day `day`, its data block, placed by hand so all share one scale. */
static void panel(FILE *f, const char *name, int j, int n, int day, int with_shifts)
{
    double w = 0.98 / n;
    fprintf(f, "set origin %g, 0.1\nset size %g, 0.8\nset title ", 0.01 + j * w, w);
    chart_gp_string(f, schedule_days[day].full);
    fputs("\nplot ", f);
    for (int s = 0; s < SERIES - !with_shifts; s++)
        fprintf(f, "%s'%s.dat' index %d using 2:%d with steps %s", s ? ", \\\n     " : "", name,
                j, s + 3, series_style[s]);
    fputc('\n', f);
}

/* The key for all panels, in a strip of its own along the bottom. */
static void key_strip(FILE *f, int with_shifts)
{
    fputs("set origin 0, 0\nset size 1, 0.1\nunset title\nunset border\nunset tics\n"
          "unset xlabel\nunset grid\nset xrange [0:1]\nset yrange [0:1]\n"
          "set key center center horizontal\nplot ", f);
    for (int s = 0; s < SERIES - !with_shifts; s++) {
        fprintf(f, "%sNaN with steps %s title ", s ? ", " : "", series_style[s]);
        chart_gp_string(f, series_label(s));
    }
    fputc('\n', f);
}

/* One channel's week in full: a panel per open day. */
static void channel_days(struct charting *cg, const struct staffing_report *r, int i)
{
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    const struct channel_params *cp = &r->m->channels[wk->plan.ch[i].channel];
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], week[64];
    chart_file_name(name, sizeof name, "staffing", cp->name);
    staffing_out_week_name(r->m, wk, 1, week, sizeof week);
    snprintf(title, sizeof title, "%s, %s: agents per interval by hour of the day", cp->name,
             week);
    snprintf(note, sizeof note, "Agents needed in each interval to meet the norms, as found by "
             "simulation and by the Erlang formula; the agents to roster once shrinkage is "
             "allowed for; and those the shifts put on duty, breaks taken out.");
    struct plot p;
    if (chart_plot_begin(&p, cg, name, "day hour required erlang rostered covered",
                         title, note) != 0)
        return;
    int days[7], n = 0;
    double top = 0.0;
    for (int d = 0; d < 7; d++) {
        if (!staffing_out_day_open(r->m, &wk->plan.ch[i], d))
            continue;
        days[n++] = d;
        top = fmax(top, day_rows(p.dat, r, i, d));
    }
    FILE *f = p.body;
    /* the panels share the y range; one key for all along the bottom */
    fputs("unset title\nset key off\nset xtics 2\nset mxtics 2\nset lmargin 5\nset rmargin 1\n",
          f);
    fprintf(f, "set yrange [0:%g]\nset multiplot title ", ceil(top * 1.1 + 1));
    chart_gp_string(f, title);
    fputs(" font ',13'\n", f);
    for (int j = 0; j < n; j++)
        panel(f, name, j, n, days[j], wk->ch[i].has_shifts);
    key_strip(f, wk->ch[i].has_shifts);
    fputs("unset multiplot\n", f);
    chart_plot_end(&p);
}

/* Required agent-hours of every week planned, by channel. */
static void weeks_chart(struct charting *cg, const struct staffing_report *r)
{
    const struct workforce *wf = r->wf;
    int channels = wf->weeks[0].plan.n;
    char (*group)[32] = calloc((size_t)wf->n, sizeof *group);
    const char **gp = calloc((size_t)wf->n, sizeof *gp);
    const char *series[MODEL_MAX_CHANNELS];
    struct estimate *val = calloc((size_t)(wf->n * channels), sizeof *val);
    if (group && gp && val) {
        for (int w = 0; w < wf->n; w++) {
            staffing_out_week_name(r->m, &wf->weeks[w], 0, group[w], sizeof group[w]);
            gp[w] = group[w];
            for (int i = 0; i < channels; i++)
                val[i * wf->n + w] = (struct estimate){ wf->weeks[w].plan.ch[i].agent_hours, 0.0 };
        }
        for (int i = 0; i < channels; i++)
            series[i] = r->m->channels[wf->weeks[0].plan.ch[i].channel].name;
        char title[CHART_TEXT_MAX], peak[64];
        staffing_out_week_name(r->m, &wf->weeks[wf->peak], 1, peak, sizeof peak);
        if (wf->alike)
            snprintf(title, sizeof title, "%s per week, by channel; every week alike",
                     figures_def(FIG_PLAN, PS_AGENT_HOURS)->label);
        else
            snprintf(title, sizeof title, "%s per week, by channel; the peak: %s",
                     figures_def(FIG_PLAN, PS_AGENT_HOURS)->label, peak);
        struct bars b = { .name = "staffing-weeks", .title = title,
                          .note = wf->alike ? "Each week of the horizon is planned on its "
                                              "own load; here every week has the same."
                                            : "Each week of the horizon is planned on its "
                                              "own load, so the seasons show; the peak week "
                                              "has the most required agent-hours.",
                          .ylabel = "agent-hours per week", .groups = wf->n, .series = channels,
                          .group = gp, .series_name = series, .val = val, .scale = 1.0 };
        chart_draw_bars(cg, &b);
    } else {
        chart_fail(cg, "out of memory");
    }
    free(group);
    free(gp);
    free(val);
}

int chart_draw_staffing(const char *dir, const struct staffing_report *r, struct chart_set *set)
{
    struct charting cg;
    if (chart_set_begin(&cg, dir, set) != 0)
        return CHART_FAILED;
    if (r->wf->n > 1)
        weeks_chart(&cg, r);
    for (int i = 0; i < r->wf->weeks[r->detail].plan.n; i++)
        channel_days(&cg, r, i);
    return chart_set_end(&cg);
}
