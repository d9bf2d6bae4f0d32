/*
 * calibrate_out: the terminal table, fit.csv and calibrated.cfg of a
 * calibration, see calibrate_out.h.  Files are written to temporary names
 * and renamed once all are complete, as staffing_out.c does.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include "plots/calibrate_out.h"
#include "plots/output.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[3] = { "all", "segment", "service" };

static const struct calibrate_round *best_round(const struct calibrate_result *r)
{
    return &r->history[r->best - 1];
}

void calibrate_out_target_channel(const struct calibrate_report *c,
                                  const struct calibrate_target *t, char *buf, size_t size)
{
    if (t->channel >= 0) {
        snprintf(buf, size, "%s", c->m->channels[t->channel].name);
        return;
    }
    if (t->channel == CALIBRATE_TOTAL) {
        snprintf(buf, size, "total");
        return;
    }
    const struct calibrate_group *g = &c->obs->g[t->group];
    size_t len = (size_t)snprintf(buf, size, "other channels (");
    for (int k = 0, n = 0; k < c->m->n_channels && len < size; k++)
        if (!g->listed[k] && calibrate_reaches(c->m, g, k))
            len += (size_t)snprintf(buf + len, size - len, "%s%s", n++ ? ", " : "",
                                    c->m->channels[k].name);
    if (len < size)
        snprintf(buf + len, size - len, ")");
}

void calibrate_out_residual(const struct calibrate_target *t, char *res, char *tol, size_t size)
{
    double d = t->sim.mean - t->observed;
    if (t->channel == CALIBRATE_TOTAL) {
        snprintf(res, size, "%+.1f%%", t->observed > 0 ? 100.0 * d / t->observed : 0.0);
        snprintf(tol, size, "%.1f%%", t->observed > 0 ? 100.0 * t->tolerance / t->observed : 0.0);
    } else {
        snprintf(res, size, "%+.1f pp", 100.0 * d);
        snprintf(tol, size, "%.1f pp", 100.0 * t->tolerance);
    }
}

void calibrate_out_answer(const struct calibrate_report *c, char *buf, size_t size)
{
    const struct calibrate_result *r = c->r;
    const struct calibrate_round *b = best_round(r);
    const struct calibrate_target *t = &r->targets[b->worst_target];
    char group[MODEL_NAME_MAX + 16], ch[160], res[32], tol[32];
    calibrate_group_name(c->m, &c->obs->g[t->group], group, sizeof group);
    calibrate_out_target_channel(c, t, ch, sizeof ch);
    calibrate_out_residual(t, res, tol, sizeof res);
    int missed = 0;
    for (int i = 0; i < r->n_targets; i++)
        missed += !(fabs(r->targets[i].sim.mean - r->targets[i].observed) <=
                    r->targets[i].tolerance);
    if (r->fits)
        snprintf(buf, size, "Fitted in %d round%s: every simulated figure is within its "
                 "tolerance; the largest residual is %s (%s, %s; tolerance %s).", r->best,
                 r->best == 1 ? "" : "s", res, ch, group, tol);
    else
        snprintf(buf, size, "Not fitted in %d round%s: in the best round (%d), %d of %d figures "
                 "are outside their tolerance; the largest residual is %s (%s, %s; tolerance "
                 "%s).", r->rounds, r->rounds == 1 ? "" : "s", r->best, missed, r->n_targets,
                 res, ch, group, tol);
}

/* A figure in the unit of its target: a share in percent, or contacts. */
static void say(const struct calibrate_target *t, double v, char *buf, size_t size)
{
    if (t->channel == CALIBRATE_TOTAL)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.1f%%", 100.0 * v);
}

static void print_targets(FILE *f, const struct calibrate_report *c)
{
    fprintf(f, "  %-22s %-18s %10s %20s %10s %10s\n", "group", "channel", "observed",
            "simulated", "residual", "tolerance");
    for (int i = 0; i < c->r->n_targets; i++) {
        const struct calibrate_target *t = &c->r->targets[i];
        char group[MODEL_NAME_MAX + 16], ch[160], obs[32], sim[32], ci[32], res[32], tol[32];
        calibrate_group_name(c->m, &c->obs->g[t->group], group, sizeof group);
        calibrate_out_target_channel(c, t, ch, sizeof ch);
        say(t, t->observed, obs, sizeof obs);
        say(t, t->sim.mean, sim, sizeof sim);
        if (t->channel == CALIBRATE_TOTAL)
            snprintf(ci, sizeof ci, "%.0f", t->sim.ci95);
        else
            snprintf(ci, sizeof ci, "%.1f", 100.0 * t->sim.ci95);
        calibrate_out_residual(t, res, tol, sizeof res);
        int in = fabs(t->sim.mean - t->observed) <= t->tolerance;
        fprintf(f, "  %-22s %-18s %10s %11s ± %-6s %10s %10s%s\n", group, ch, obs, sim, ci, res,
                tol, in ? "" : "  outside");
    }
}

static void print_values(FILE *f, const struct calibrate_report *c)
{
    const struct model *m = c->m, *x = c->r->fitted;
    fprintf(f, "\nconstants (asc)%29s %10s\n", "start", "fitted");
    for (int s = 0; s < m->n_segments; s++)
        for (int ch = 0; ch < m->n_channels; ch++)
            if (c->r->set_asc[s][ch])
                fprintf(f, "  segment %-20s %-12s %10.4f %10.4f\n", m->segments[s].name,
                        m->channels[ch].name, m->segments[s].asc[ch], x->segments[s].asc[ch]);
    for (int v = 0; v < m->n_services; v++)
        for (int ch = 0; ch < m->n_channels; ch++)
            if (c->r->set_service_asc[v][ch])
                fprintf(f, "  service %-20s %-12s %10.4f %10.4f\n", m->services[v].name,
                        m->channels[ch].name, m->services[v].on[ch].asc,
                        x->services[v].on[ch].asc);
    int any = 0;
    for (int v = 0; v < m->n_services; v++)
        if (c->r->set_volume[v]) {
            if (!any++)
                fprintf(f, "\nvolumes (needs per 1,000 citizens a year)%9s %10s\n", "start",
                        "fitted");
            fprintf(f, "  service %-33s %10.6g %10.6g\n", m->services[v].name,
                    m->services[v].per_1000_year, x->services[v].per_1000_year);
        }
}

void calibrate_out_print(FILE *f, const struct calibrate_report *c)
{
    const struct calibrate_result *r = c->r;
    char answer[600];
    calibrate_out_answer(c, answer, sizeof answer);
    fprintf(f, "chanmix calibrate: scenario '%s' to %s, %d replications a round, seed %llu\n",
            c->m->name, c->obs->file, r->replications, (unsigned long long)c->m->seed);
    fprintf(f, "%s\n\n", answer);
    fprintf(f, "round %d, figures as means over replications ± the half-width of a 95%% "
            "confidence interval\n", r->best);
    print_targets(f, c);
    print_values(f, c);
    fprintf(f, "\nrounds (largest |residual| / tolerance):");
    for (int k = 0; k < r->rounds; k++)
        fprintf(f, "%s %d: %.2f", k ? "," : "", k + 1, r->history[k].worst);
    fprintf(f, "%s\n", r->step < 1.0 ? " (half steps: services' constants and others move "
            "the same contacts)" : "");
}

static void csv_fit(FILE *f, const struct calibrate_report *c)
{
    fprintf(f, "group,name,channel,unit,observed,simulated,simulated_ci95,residual,tolerance,"
               "within,figure\n");
    for (int i = 0; i < c->r->n_targets; i++) {
        const struct calibrate_target *t = &c->r->targets[i];
        const struct calibrate_group *g = &c->obs->g[t->group];
        const char *name = g->level == CALIBRATE_SEGMENT ? c->m->segments[g->index].name
                         : g->level == CALIBRATE_SERVICE ? c->m->services[g->index].name : "";
        char ch[160];
        calibrate_out_target_channel(c, t, ch, sizeof ch);
        if (t->channel == CALIBRATE_OTHERS)
            snprintf(ch, sizeof ch, "others");
        fprintf(f, "%s,%s,%s,%s,%.6g,%.6g,%.6g,%.6g,%.6g,%s,%s\n", level_names[g->level], name,
                ch, t->channel == CALIBRATE_TOTAL ? "count" : "share", t->observed,
                t->sim.mean, t->sim.ci95, t->sim.mean - t->observed, t->tolerance,
                fabs(t->sim.mean - t->observed) <= t->tolerance ? "yes" : "no",
                t->figure >= 0 ? c->r->ix.layout->paths[t->figure] : "");
    }
}

/* The observed file's name for a comment: control characters shown as '?'. */
static void source_name(const struct calibrate_report *c, char *buf, size_t size)
{
    snprintf(buf, size, "%s", c->obs->file);
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
}

static void cfg_segments(FILE *f, const struct calibrate_report *c, const char *src)
{
    const struct model *m = c->m, *x = c->r->fitted;
    int first = 1;
    for (int s = 0; s < m->n_segments; s++) {
        int any = 0;
        for (int ch = 0; ch < m->n_channels; ch++)
            any |= c->r->set_asc[s][ch];
        if (!any)
            continue;
        fprintf(f, "%s  { name = \"%s\";\n    asc = {\n", first ? "segments = (\n" : ",\n",
                m->segments[s].name);
        first = 0;
        for (int ch = 0; ch < m->n_channels; ch++) {
            if (!c->r->set_asc[s][ch])
                continue;
            fprintf(f, "      %s = " CALIBRATE_ASC_FORMAT ";", m->channels[ch].name,
                    x->segments[s].asc[ch]);
            fprintf(f, "   # fitted to %s (was %g)\n", src, m->segments[s].asc[ch]);
        }
        fprintf(f, "    };\n  }");
    }
    if (!first)
        fprintf(f, "\n);\n\n");
}

static void cfg_services(FILE *f, const struct calibrate_report *c, const char *src)
{
    const struct model *m = c->m, *x = c->r->fitted;
    int first = 1;
    for (int v = 0; v < m->n_services; v++) {
        int any = c->r->set_volume[v];
        for (int ch = 0; ch < m->n_channels; ch++)
            any |= c->r->set_service_asc[v][ch];
        if (!any)
            continue;
        fprintf(f, "%s  { name = \"%s\";\n", first ? "services = (\n" : ",\n",
                m->services[v].name);
        first = 0;
        if (c->r->set_volume[v])
            fprintf(f, "    per_1000_year = " CALIBRATE_VOLUME_FORMAT ";   # scaled to the totals "
                    "of %s over %g days (was %g)\n", x->services[v].per_1000_year, src,
                    c->o->period_days, m->services[v].per_1000_year);
        int open = 0;
        for (int ch = 0; ch < m->n_channels; ch++) {
            if (!c->r->set_service_asc[v][ch])
                continue;
            if (!open++)
                fprintf(f, "    channels = {\n");
            fprintf(f, "      %s = { asc = " CALIBRATE_ASC_FORMAT "; };", m->channels[ch].name,
                    x->services[v].on[ch].asc);
            fprintf(f, "   # fitted to %s (was %g)\n", src, m->services[v].on[ch].asc);
        }
        if (open)
            fprintf(f, "    };\n");
        fprintf(f, "  }");
    }
    if (!first)
        fprintf(f, "\n);\n");
}

/* A scenario that extends the calibrated one with the fitted values. */
static void scenario_file(FILE *f, const struct calibrate_report *c)
{
    char real[PATH_MAX], src[300], answer[600];
    const char *base = realpath(c->scenario_path, real) ? real : c->scenario_path;
    source_name(c, src, sizeof src);
    calibrate_out_answer(c, answer, sizeof answer);
    fprintf(f, "# Written by chanmix calibrate: scenario '%s' with its choice constants%s\n"
               "# fitted to the channel use observed in %s, %d replications a round.\n# ",
            c->m->name, c->o->period_days > 0 ? " and volumes" : "", src, c->r->replications);
    for (const char *p = answer; *p; p++)
        fputc(*p == '\n' ? ' ' : *p, f);
    fprintf(f, "\nextends = \"%s\";\nname = \"%.36s-calibrated\";\n\n", base, c->m->name);
    cfg_segments(f, c, src);
    cfg_services(f, c, src);
}

static int write_calibrate_file(FILE *f, int i, const void *ctx)
{
    if (i == 0)
        scenario_file(f, ctx);
    else
        csv_fit(f, ctx);
    return ferror(f) ? -1 : 0;
}

int calibrate_out_write(const char *dir, const struct calibrate_report *c, char *err, size_t size)
{
    static const char *const names[2] = { "calibrated.cfg", "fit.csv" };
    if (output_write_files(dir, 2, names, write_calibrate_file, c, err, size) != 0)
        return -1;
    return calibrate_out_report(dir, c, err, size);
}
