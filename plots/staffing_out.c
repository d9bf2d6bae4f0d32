/*
 * staffing_out: tables, JSON, CSV and a runnable scenario for a plan.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include "plots/staffing_out.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "models/results.h"
#include "models/schedule.h"
#include "plots/json.h"
#include "plots/output.h"

static void quarter_label(int q, char *buf, size_t size)
{
    int minutes = (q % SCHEDULE_SLOTS_PER_DAY) * 15;
    snprintf(buf, size, "%02d:%02d", minutes / 60, minutes % 60);
}

/* Agents on duty per quarter under the shift plan, or the requirement. */
static void staffing_by_quarter(const struct staffing_report *r, int i, int *agents)
{
    const struct staffing_channel *sc = &r->plan->ch[i];
    int quarters = (int)(r->m->interval_s / SCHEDULE_SLOT_S);
    for (int k = 0; k < sc->n; k++)
        for (int q = 0; q < quarters; q++)
            agents[k * quarters + q] = r->has_shifts[i] ? r->shifts[i].coverage[k * quarters + q]
                                                        : sc->iv[k].required;
}

void staffing_out_print(FILE *f, const struct staffing_report *r)
{
    const struct model *m = r->m;
    const struct staffing_plan *p = r->plan;
    fprintf(f, "chanmix staff: scenario '%s', %d rounds of simulation (%d replications each), "
               "plan %s\n", m->name, p->iterations, m->planning.replications,
            p->stable ? "stable" : "not yet stable: raise planning.max_iterations");
    for (int i = 0; i < p->n; i++) {
        const struct staffing_channel *sc = &p->ch[i];
        const struct channel_params *cp = &m->channels[sc->channel];
        const struct target_params *t = &cp->targets;
        fprintf(f, "\n%s: targets", cp->name);
        if (t->service_level > 0)
            fprintf(f, " %.0f%% answered within %.0f s;", 100 * t->service_level, t->within_s);
        if (t->max_abandon > 0)
            fprintf(f, " at most %.0f%% abandoning;", 100 * t->max_abandon);
        if (t->max_wait_s > 0)
            fprintf(f, " mean wait at most %.0f s;", t->max_wait_s);
        if (t->max_occupancy > 0)
            fprintf(f, " occupancy at most %.0f%%;", 100 * t->max_occupancy);
        fprintf(f, "\n  mean handling %.0f s; per week: %.1f agent-hours, %.0f %s (Erlang alone: "
                   "%.1f agent-hours, %.0f %s)\n", sc->aht_s, sc->agent_hours, sc->cost,
                m->currency, sc->erlang_agent_hours, sc->erlang_cost, m->currency);
        fprintf(f, "  %-10s %9s %7s %9s %16s %16s %8s\n", "interval",
                figures_def(FIG_INTERVAL, IS_ARRIVALS)->label, "Erlang", "required",
                figures_def(FIG_INTERVAL, IS_SERVICE_LEVEL)->label,
                figures_def(FIG_INTERVAL, IS_P_ABANDON)->label, "binding");
        for (int k = 0; k < sc->n; k++) {
            const struct staffing_interval *iv = &sc->iv[k];
            if (!iv->open)
                continue;
            char label[32];
            results_interval_label(m, k, label, sizeof label);
            fprintf(f, "  %-10s %9.1f %7d %9d %8.1f%% ± %4.1f %15.1f%% %8s%s\n", label, iv->arrivals,
                    iv->erlang, iv->required, 100 * iv->service_level.mean,
                    100 * iv->service_level.ci95, 100 * iv->p_abandon.mean,
                    iv->binding ? "yes" : "", iv->required != iv->erlang ? "  (differs)" : "");
        }
        if (!r->has_shifts[i])
            continue;
        const struct shift_plan *sh = &r->shifts[i];
        double over = 0.0;
        int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
        for (int k = 0; k < sc->n; k++)
            if (sc->iv[k].open)
                for (int q = 0; q < quarters; q++)
                    over += (sh->coverage[k * quarters + q] - sc->iv[k].required) * 0.25;
        fprintf(f, "  shifts (%.1f paid hours, %.0f %s per week; %.1f agent-hours on duty beyond "
                   "the requirement):\n", sh->paid_hours, sh->cost, m->currency, over);
        for (int s = 0; s < sh->n; s++) {
            char start[8];
            quarter_label(sh->used[s].start_q, start, sizeof start);
            fprintf(f, "    %s %s  %4.1f h  x %d\n", schedule_days[sh->used[s].day].key, start,
                    sh->used[s].length_h, sh->used[s].count);
        }
    }
}

static void write_estimate_member(struct json *j, const char *key, const struct estimate *e)
{
    json_estimate(j, key, e);
}

static void json_channel(struct json *j, const struct staffing_report *r, int i)
{
    const struct model *m = r->m;
    const struct staffing_channel *sc = &r->plan->ch[i];
    const struct channel_params *cp = &m->channels[sc->channel];
    json_begin_object(j, cp->name);
    json_number(j, "aht_s", sc->aht_s);
    json_number(j, "patience_s", sc->patience_s);
    json_number(j, "agent_hours", sc->agent_hours);
    json_number(j, "cost", sc->cost);
    json_number(j, "erlang_agent_hours", sc->erlang_agent_hours);
    json_number(j, "erlang_cost", sc->erlang_cost);
    json_begin_array(j, "differs");
    for (int k = 0; k < sc->n; k++)
        if (sc->iv[k].open && sc->iv[k].required != sc->iv[k].erlang) {
            char label[32];
            results_interval_label(m, k, label, sizeof label);
            json_string(j, NULL, label);
        }
    json_end_array(j);
    json_begin_array(j, "intervals");
    for (int k = 0; k < sc->n; k++) {
        const struct staffing_interval *iv = &sc->iv[k];
        if (!iv->open)
            continue;
        char label[32];
        results_interval_label(m, k, label, sizeof label);
        json_begin_object(j, NULL);
        json_number(j, "start", iv->start_s);
        json_string(j, "label", label);
        json_number(j, "arrivals", iv->arrivals);
        json_int(j, "required", iv->required);
        json_int(j, "erlang", iv->erlang);
        json_string(j, "binding", iv->binding ? "yes" : "no");
        write_estimate_member(j, "service_level", &iv->service_level);
        write_estimate_member(j, "p_abandon", &iv->p_abandon);
        write_estimate_member(j, "wait_mean_s", &iv->wait_mean_s);
        json_end_object(j);
    }
    json_end_array(j);
    json_end_object(j);
}

static void json_shifts(struct json *j, const struct staffing_report *r, int i)
{
    const struct model *m = r->m;
    const struct staffing_channel *sc = &r->plan->ch[i];
    const struct shift_plan *sh = &r->shifts[i];
    json_begin_object(j, m->channels[sc->channel].name);
    json_number(j, "paid_hours", sh->paid_hours);
    json_number(j, "cost", sh->cost);
    json_begin_array(j, "shifts");
    for (int s = 0; s < sh->n; s++) {
        char start[8];
        quarter_label(sh->used[s].start_q, start, sizeof start);
        json_begin_object(j, NULL);
        json_string(j, "day", schedule_days[sh->used[s].day].key);
        json_string(j, "start", start);
        json_number(j, "length_h", sh->used[s].length_h);
        json_int(j, "count", sh->used[s].count);
        json_end_object(j);
    }
    json_end_array(j);
    json_begin_array(j, "intervals");
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
    for (int k = 0; k < sc->n; k++) {
        if (!sc->iv[k].open)
            continue;
        int covered = sh->coverage[k * quarters];
        for (int q = 1; q < quarters; q++)
            if (sh->coverage[k * quarters + q] < covered)
                covered = sh->coverage[k * quarters + q];
        char label[32];
        results_interval_label(m, k, label, sizeof label);
        json_begin_object(j, NULL);
        json_number(j, "start", sc->iv[k].start_s);
        json_string(j, "label", label);
        json_int(j, "required", sc->iv[k].required);
        json_int(j, "covered", covered);
        json_int(j, "over", covered - sc->iv[k].required);
        json_end_object(j);
    }
    json_end_array(j);
    json_end_object(j);
}

void staffing_out_json(FILE *f, const struct staffing_report *r)
{
    struct json j;
    json_init(&j, f);
    json_begin_object(&j, NULL);
    json_string(&j, "scenario", r->m->name);
    json_string(&j, "currency", r->m->currency);
    json_int(&j, "iterations", r->plan->iterations);
    json_string(&j, "stable", r->plan->stable ? "yes" : "no");
    json_string(&j, "service_level_definition", FIGURES_SL_DEFINITION);
    json_begin_object(&j, "staffing");
    for (int i = 0; i < r->plan->n; i++)
        json_channel(&j, r, i);
    json_end_object(&j);
    json_begin_object(&j, "shifts");
    for (int i = 0; i < r->plan->n; i++)
        if (r->has_shifts[i])
            json_shifts(&j, r, i);
    json_end_object(&j);
    json_end_object(&j);
}

static void csv_staffing(FILE *f, const struct staffing_report *r)
{
    fprintf(f, "channel,start_s,interval,arrivals,erlang,required,covered,binding,"
               "service_level_mean,service_level_ci95,p_abandon_mean,wait_mean_s_mean\n");
    int quarters = (int)(r->m->interval_s / SCHEDULE_SLOT_S);
    for (int i = 0; i < r->plan->n; i++) {
        const struct staffing_channel *sc = &r->plan->ch[i];
        int agents[SCHEDULE_SLOTS];
        staffing_by_quarter(r, i, agents);
        for (int k = 0; k < sc->n; k++) {
            const struct staffing_interval *iv = &sc->iv[k];
            if (!iv->open)
                continue;
            char label[32];
            results_interval_label(r->m, k, label, sizeof label);
            fprintf(f, "%s,%.0f,%s,%.6g,%d,%d,%d,%s,%.6g,%.6g,%.6g,%.6g\n",
                    r->m->channels[sc->channel].name, iv->start_s, label, iv->arrivals, iv->erlang,
                    iv->required, agents[k * quarters], iv->binding ? "yes" : "no",
                    iv->service_level.mean, iv->service_level.ci95, iv->p_abandon.mean,
                    iv->wait_mean_s.mean);
        }
    }
}

static void csv_shifts(FILE *f, const struct staffing_report *r)
{
    fprintf(f, "channel,day,start,length_h,count\n");
    for (int i = 0; i < r->plan->n; i++) {
        if (!r->has_shifts[i])
            continue;
        const struct shift_plan *sh = &r->shifts[i];
        for (int s = 0; s < sh->n; s++) {
            char start[8];
            quarter_label(sh->used[s].start_q, start, sizeof start);
            fprintf(f, "%s,%s,%s,%.2f,%d\n", r->m->channels[r->plan->ch[i].channel].name,
                    schedule_days[sh->used[s].day].key, start, sh->used[s].length_h,
                    sh->used[s].count);
        }
    }
}

/* A scenario that extends the planned one with the plan as its staffing table. */
static void scenario_file(FILE *f, const struct staffing_report *r)
{
    char real[PATH_MAX];
    const char *base = realpath(r->scenario_path, real) ? real : r->scenario_path;
    fprintf(f, "# Written by chanmix staff: scenario '%s' with the staffing it planned\n"
               "# (the shift plan where shifts were given, else the requirement).\n",
            r->m->name);
    fprintf(f, "extends = \"%s\";\nname = \"%s-planned\";\n\nchannels = (\n", base, r->m->name);
    for (int i = 0; i < r->plan->n; i++) {
        const struct staffing_channel *sc = &r->plan->ch[i];
        const struct schedule *week = &r->m->channels[sc->channel].week;
        int agents[SCHEDULE_SLOTS];
        staffing_by_quarter(r, i, agents);
        fprintf(f, "  { name = \"%s\";\n    staffing = (\n", r->m->channels[sc->channel].name);
        int first = 1;
        for (int d = 0; d < 7; d++)
            for (int q = 0; q < SCHEDULE_SLOTS_PER_DAY;) {
                int slot = d * SCHEDULE_SLOTS_PER_DAY + q;
                if (!week->open[slot]) {
                    q++;
                    continue;
                }
                int end = q;
                while (end < SCHEDULE_SLOTS_PER_DAY &&
                       week->open[d * SCHEDULE_SLOTS_PER_DAY + end] &&
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
        fprintf(f, "\n    );\n  }%s\n", i + 1 < r->plan->n ? "," : "");
    }
    fprintf(f, ");\n");
}

static int write_staffing_file(FILE *f, int i, const void *ctx)
{
    const struct staffing_report *r = ctx;
    switch (i) {
    case 0: staffing_out_json(f, r); break;
    case 1: csv_staffing(f, r); break;
    case 2: csv_shifts(f, r); break;
    default: scenario_file(f, r); break;
    }
    return ferror(f) ? -1 : 0;
}

int staffing_out_write(const char *dir, const struct staffing_report *r, char *err, size_t size)
{
    static const char *const names[4] = { "staffing.json", "staffing.csv", "shifts.csv",
                                          "staffing.cfg" };
    return output_write_files(dir, 4, names, write_staffing_file, r, err, size);
}
