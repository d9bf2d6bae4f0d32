/*
 * compare_table: headline differences, see compare_table.h.
 */
#include "plots/compare_table.h"

#include <math.h>
#include <string.h>

#include "models/choice.h"

/* One line: reference value, scenario value, difference ± ci, and a verdict. */
static void line(FILE *f, const struct comparison *c, int k, const char *path, const char *label,
                 double scale, const char *unit, int lower_is_better)
{
    long ia = metrics_find(c->runs[0].ix.layout, path);
    long ib = metrics_find(c->runs[k].ix.layout, path);
    if (ia < 0 || ib < 0)
        return;
    const struct estimate *a = &c->runs[0].summary[ia], *b = &c->runs[k].summary[ib];
    const struct estimate *d = &c->diff[k][ib];
    const char *verdict = "";
    if (fabs(d->mean) > d->ci95 && d->ci95 >= 0 && d->mean != 0.0) {
        int better = (d->mean < 0) == (lower_is_better != 0);
        verdict = lower_is_better < 0 ? "changed" : better ? "better" : "worse";
    }
    fprintf(f, "  %-34s %11.2f %11.2f %+11.2f ± %-9.2f %-4s %s\n", label, a->mean * scale,
            b->mean * scale, d->mean * scale, d->ci95 * scale, unit, verdict);
}

void compare_table_print(FILE *f, const struct comparison *c)
{
    const struct model *ref = c->models[0];
    fprintf(f, "chanmix compare: reference '%s', %d replications each on common random numbers "
               "(seed %llu)\n", ref->name, c->runs[0].replications,
            (unsigned long long)ref->seed);
    fprintf(f, "differences are scenario minus reference with a paired 95%% interval; "
               "'better'/'worse' only where the interval excludes zero\n");
    for (int k = 1; k < c->n; k++) {
        const struct model *m = c->models[k];
        char path[256], label[128];
        fprintf(f, "\n%s versus %s\n  %-34s %11s %11s %11s\n", m->name, ref->name, "", ref->name,
                m->name, "difference");
        for (int ch = 0; ch < m->n_channels; ch++) {
            const char *n = m->channels[ch].name;
            snprintf(path, sizeof path, "channels/%s/offered", n);
            snprintf(label, sizeof label, "%s: contacts", n);
            line(f, c, k, path, label, 1.0, "", -1);
            if (!choice_is_assisted(m->channels[ch].kind))
                continue;
            snprintf(path, sizeof path, "channels/%s/service_level", n);
            snprintf(label, sizeof label, "%s: service level", n);
            line(f, c, k, path, label, 100.0, "%", 0);
            snprintf(path, sizeof path, "channels/%s/wait_mean_s", n);
            snprintf(label, sizeof label, "%s: mean wait", n);
            line(f, c, k, path, label, 1.0 / 60.0, "min", 1);
            snprintf(path, sizeof path, "channels/%s/p_abandon", n);
            snprintf(label, sizeof label, "%s: abandoned", n);
            line(f, c, k, path, label, 100.0, "%", 1);
        }
        line(f, c, k, "needs/resolved", "needs resolved", 1.0, "", 0);
        line(f, c, k, "needs/gave_up", "needs given up", 1.0, "", 1);
        line(f, c, k, "needs/time_to_resolution_mean_s", "time to resolution", 1.0 / 3600.0, "h", 1);
        line(f, c, k, "cost/total/organisation", "cost to the organisation", 1.0, m->currency, 1);
        line(f, c, k, "cost/total/per_resolved_need", "  per resolved need", 1.0, m->currency, 1);
        line(f, c, k, "cost/total/citizen_time_value", "citizens' time, valued", 1.0, m->currency, 1);
        if (m->n_segments > 0)
            fprintf(f, "  who wins and who loses\n");
        for (int g = 0; g < m->n_segments; g++) {
            const char *n = m->segments[g].name;
            snprintf(path, sizeof path, "segments/%s/gave_up", n);
            snprintf(label, sizeof label, "%s: needs given up", n);
            line(f, c, k, path, label, 100.0, "%", 1);
            snprintf(path, sizeof path, "segments/%s/wait_mean_s", n);
            snprintf(label, sizeof label, "%s: mean wait", n);
            line(f, c, k, path, label, 1.0 / 60.0, "min", 1);
        }
    }
}
