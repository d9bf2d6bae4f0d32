/*
 * chart_staffing: the staffing plan of one channel (chart_staffing in
 * chart.h): agents required by simulation, by Erlang and on shifts per
 * interval, as steps over the open intervals of the week.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "models/schedule.h"

int chart_staffing(const char *dir, const char *channel, int n, const double *start_s,
                   const double *required, const double *erlang, const double *shifts,
                   char *err, size_t size)
{
    struct chart_set *set = malloc(sizeof *set);
    int *day = malloc(sizeof *day * (size_t)(n > 0 ? n : 1));
    int *minute = malloc(sizeof *minute * (size_t)(n > 0 ? n : 1));
    struct charting cg;
    int rc = CHART_FAILED;
    if (!set || !day || !minute) {
        snprintf(err, size, "out of memory");
        goto out;
    }
    if (n <= 0 || !start_s || (!required && !erlang && !shifts)) {
        snprintf(err, size, "a staffing chart needs intervals and at least one series");
        goto out;
    }
    if (chart_set_begin(&cg, dir, set) != 0) {
        snprintf(err, size, "%s", set->error);
        goto out;
    }
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    chart_file_name(name, sizeof name, "staffing", channel);
    snprintf(title, sizeof title, "%s: agents required per interval, by simulation, by Erlang "
             "and on shifts", channel);
    snprintf(note, sizeof note, "Agents needed in each interval to meet the service level, as "
             "found by simulation and by the Erlang formula, against the agents the shift plan "
             "puts on duty.");
    struct plot p;
    if (chart_plot_begin(&p, &cg, name, "interval start_s x required erlang shifts", title,
                         note) == 0) {
        for (int i = 0; i < n; i++) {
            double s = start_s[i];
            long d = (long)floor(s / 86400.0);
            day[i] = (int)d;
            minute[i] = (int)lround((s - d * 86400.0) / 60.0);
            char label[32];
            snprintf(label, sizeof label, "%s %02d:%02d", schedule_days[((d % 7) + 7) % 7].abbrev,
                     minute[i] / 60, minute[i] % 60);
            chart_dat_string(p.dat, label);
            chart_dat_number(p.dat, s);
            fprintf(p.dat, " %d", i);
            chart_dat_number(p.dat, required ? required[i] : NAN);
            chart_dat_number(p.dat, erlang ? erlang[i] : NAN);
            chart_dat_number(p.dat, shifts ? shifts[i] : NAN);
            fputc('\n', p.dat);
        }
        chart_time_axis(p.body, n, day, minute);
        fprintf(p.body, "set yrange [0:*]\nset offsets 0, 0, graph 0.1, 0\nset ylabel 'agents'\n"
                        "set key outside bottom center horizontal\nplot ");
        const struct { const double *v; int col; const char *how; } series[3] = {
            { required, 4, "lt 1 lw 3 title 'required (simulation)'" },
            { erlang, 5, "lt 2 lw 2 dt 2 title 'Erlang formula'" },
            { shifts, 6, "lt 3 lw 2 title 'agents on shifts'" },
        };
        int first = 1;
        for (int s = 0; s < 3; s++)
            if (series[s].v) {
                fprintf(p.body, "%s'%s.dat' using 3:%d with histeps %s", first ? "" : ", \\\n     ",
                        name, series[s].col, series[s].how);
                first = 0;
            }
        fputc('\n', p.body);
        chart_plot_end(&p);
    }
    rc = chart_set_end(&cg);
    if (rc == CHART_FAILED)
        snprintf(err, size, "%s", set->error);
    else if (rc == CHART_NO_GNUPLOT)
        snprintf(err, size, "%s", set->why_skipped);
out:
    free(set);
    free(day);
    free(minute);
    return rc;
}
