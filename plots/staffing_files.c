/*
 * staffing_files: the files of `chanmix staff --out DIR` (staffing_out.h):
 * CSV for spreadsheets and workforce-management tools, the workbook, the
 * JSON, and a scenario that runs one week's plan.  All go through
 * output_write_files, so DIR never holds half a plan.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include "plots/staffing_out.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/results.h"
#include "models/schedule.h"
#include "plots/output.h"

static void quarter_label(int q, char *buf, size_t size)
{
    int minutes = (q % SCHEDULE_SLOTS_PER_DAY) * 15;
    snprintf(buf, size, "%02d:%02d", minutes / 60, minutes % 60);
}

static void csv_staffing(FILE *f, const struct staffing_report *r)
{
    fprintf(f, "week,channel,start_s,interval,arrivals,erlang,required,rostered,covered,binding,"
               "at_risk,service_level_mean,service_level_ci95,p_abandon_mean,wait_mean_s_mean\n");
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        for (int i = 0; i < wk->plan.n; i++) {
            const struct staffing_channel *sc = &wk->plan.ch[i];
            for (int k = 0; k < sc->n; k++) {
                const struct staffing_interval *iv = &sc->iv[k];
                if (!iv->open)
                    continue;
                char label[32], covered[16] = "";
                results_interval_label(r->m, k, label, sizeof label);
                if (wk->ch[i].has_shifts)
                    snprintf(covered, sizeof covered, "%d",
                             staffing_out_covered(r->m, &wk->ch[i].shifts, k));
                fprintf(f, "%d,%s,%.0f,%s,%.6g,%d,%d,%.6g,%s,%s,%s,", wk->week + 1,
                        r->m->channels[sc->channel].name, iv->start_s, label, iv->arrivals,
                        iv->erlang, iv->required, iv->rostered, covered,
                        iv->binding ? "yes" : "no", iv->close ? "yes" : "no");
                if (iv->empty)
                    fprintf(f, ",,,\n");
                else
                    fprintf(f, "%.6g,%.6g,%.6g,%.6g\n", iv->service_level.mean,
                            iv->service_level.ci95, iv->p_abandon.mean, iv->wait_mean_s.mean);
            }
        }
    }
}

static void csv_shifts(FILE *f, const struct staffing_report *r)
{
    fprintf(f, "week,channel,day,start,end,length_h,paid_h,breaks,count\n");
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        for (int i = 0; i < wk->plan.n; i++) {
            const struct shift_plan *sh = &wk->ch[i].shifts;
            for (int s = 0; s < sh->n && wk->ch[i].has_shifts; s++) {
                const struct shift_count *u = &sh->used[s];
                char span[16], breaks[64];
                staffing_out_shift_span(u, span, sizeof span);
                span[5] = ',';      /* "08:30-17:00" -> start,end */
                staffing_out_breaks(u, breaks, sizeof breaks);
                for (char *c = breaks; *c; c++)
                    if (*c == ',')
                        *c = ';';
                fprintf(f, "%d,%s,%s,%s,%.2f,%.2f,%s,%d\n", wk->week + 1,
                        r->m->channels[wk->plan.ch[i].channel].name, schedule_days[u->day].key,
                        span, u->length_h, u->paid_h, breaks, u->count);
            }
        }
    }
}

static void csv_roster(FILE *f, const struct staffing_report *r)
{
    fprintf(f, "week,channel,line,length_h,days,paid_h");
    for (int d = 0; d < 7; d++)
        fprintf(f, ",%s", schedule_days[d].key);
    fputc('\n', f);
    for (int w = 0; w < r->wf->n; w++) {
        const struct workforce_week *wk = &r->wf->weeks[w];
        for (int i = 0; i < wk->plan.n; i++) {
            const struct shift_plan *sh = &wk->ch[i].shifts;
            const struct channel_params *cp = &r->m->channels[wk->plan.ch[i].channel];
            for (int l = 0; l < sh->n_lines; l++) {
                const struct roster_line *ln = &sh->lines[l];
                int days = 0;
                for (int d = 0; d < 7; d++)
                    days += ln->shift[d] >= 0;
                fprintf(f, "%d,%s,%d,%.2f,%d,%.2f", wk->week + 1, cp->name, l + 1,
                        cp->shifts.lengths_h[ln->length], days, ln->paid_h);
                for (int d = 0; d < 7; d++) {
                    if (ln->shift[d] < 0) {
                        fprintf(f, ",off");
                        continue;
                    }
                    char span[16], breaks[64];
                    staffing_out_shift_span(&sh->used[ln->shift[d]], span, sizeof span);
                    staffing_out_breaks(&sh->used[ln->shift[d]], breaks, sizeof breaks);
                    fprintf(f, ",\"%s%s%s%s\"", span, breaks[0] ? " (" : "", breaks,
                            breaks[0] ? ")" : "");
                }
                fputc('\n', f);
            }
        }
    }
}

/* Agents answering per quarter: those on shifts less shrinkage, or the requirement. */
static void answering(const struct staffing_report *r, int i, int *agents)
{
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    const struct staffing_channel *sc = &wk->plan.ch[i];
    double keep = 1.0 - r->m->channels[sc->channel].shrinkage;
    int quarters = (int)(r->m->interval_s / SCHEDULE_SLOT_S);
    for (int k = 0; k < sc->n; k++)
        for (int q = 0; q < quarters; q++)
            agents[k * quarters + q] =
                wk->ch[i].has_shifts
                    ? (int)floor(wk->ch[i].shifts.coverage[k * quarters + q] * keep + 1e-9)
                    : sc->iv[k].required;
}

static void scenario_rows(FILE *f, const struct schedule *week, const int *agents)
{
    int first = 1;
    for (int d = 0; d < 7; d++)
        for (int q = 0; q < SCHEDULE_SLOTS_PER_DAY;) {
            int slot = d * SCHEDULE_SLOTS_PER_DAY + q;
            if (!week->open[slot]) {
                q++;
                continue;
            }
            int end = q;
            while (end < SCHEDULE_SLOTS_PER_DAY && week->open[d * SCHEDULE_SLOTS_PER_DAY + end] &&
                   agents[d * SCHEDULE_SLOTS_PER_DAY + end] == agents[slot])
                end++;
            char from[8], to[8];
            quarter_label(q, from, sizeof from);
            if (end == SCHEDULE_SLOTS_PER_DAY)
                snprintf(to, sizeof to, "24:00");
            else
                quarter_label(end, to, sizeof to);
            fprintf(f, "%s      { days = \"%s\"; from = \"%s\"; to = \"%s\"; agents = %d; }",
                    first ? "" : ",\n", schedule_days[d].key, from, to, agents[slot]);
            first = 0;
            q = end;
        }
}

/* A scenario that extends the planned one with one week's plan as its staffing table. */
static void scenario_file(FILE *f, const struct staffing_report *r)
{
    const struct workforce_week *wk = &r->wf->weeks[r->detail];
    char real[PATH_MAX], name[64];
    const char *base = realpath(r->scenario_path, real) ? real : r->scenario_path;
    staffing_out_week_name(r->m, wk, 1, name, sizeof name);
    fprintf(f, "# Written by chanmix staff: scenario '%s' with the staffing it planned for\n"
               "# %s: the agents on shifts less shrinkage where shifts were given,\n"
               "# else the requirement.\n", r->m->name, name);
    fprintf(f, "extends = \"%s\";\nname = \"%s-planned\";\n\nchannels = (\n", base, r->m->name);
    for (int i = 0; i < wk->plan.n; i++) {
        const struct staffing_channel *sc = &wk->plan.ch[i];
        int agents[SCHEDULE_SLOTS];
        answering(r, i, agents);
        fprintf(f, "  { name = \"%s\";\n    staffing = (\n", r->m->channels[sc->channel].name);
        scenario_rows(f, &r->m->channels[sc->channel].week, agents);
        fprintf(f, "\n    );\n  }%s\n", i + 1 < wk->plan.n ? "," : "");
    }
    fprintf(f, ");\n");
}

#define FILES 6

static int write_one(FILE *f, int i, const void *ctx)
{
    const struct staffing_report *r = ctx;
    switch (i) {
    case 0: staffing_out_json(f, r); break;
    case 1: csv_staffing(f, r); break;
    case 2: csv_shifts(f, r); break;
    case 3: csv_roster(f, r); break;
    case 4: scenario_file(f, r); break;
    default: return staffing_out_xlsx(f, r);
    }
    return ferror(f) ? -1 : 0;
}

int staffing_out_write(const char *dir, const struct staffing_report *r, char *err, size_t size)
{
    static const char *const names[FILES] = { "staffing.json", "staffing.csv", "shifts.csv",
                                              "roster.csv", "staffing.cfg", "staffing.xlsx" };
    return output_write_files(dir, FILES, names, write_one, r, err, size);
}
