/*
 * compare_table: headline differences, see compare_table.h.
 */
#include "plots/compare_table.h"

#include <math.h>
#include <string.h>

#include "plots/headline.h"
#include "plots/verdict.h"

/* One line: reference value, scenario value, difference ± ci, and a verdict. */
static void line(FILE *f, const struct comparison *c, int k, const struct headline *h)
{
    long ia = headline_index(h, &c->runs[0]), ib = headline_index(h, &c->runs[k]);
    if (ia < 0 || ib < 0 || !c->present[k][ib])
        return;
    const struct estimate *a = &c->runs[0].summary[ia], *b = &c->runs[k].summary[ib];
    const struct estimate *d = &c->diff[k][ib];
    const char *verdict = "";
    int lower = h->def->lower_is_better;
    if (fabs(d->mean) > d->ci95 && d->ci95 >= 0 && d->mean != 0.0) {
        int better = (d->mean < 0) == (lower != 0);
        verdict = lower < 0 ? "changed" : better ? "better" : "worse";
    }
    /* shares in %, waits in minutes, money in the scenario's currency */
    enum figure_unit u = h->def->unit;
    double scale = u == UNIT_SHARE ? 100.0 : u == UNIT_SECONDS ? 1.0 / 60.0 : 1.0;
    const char *unit = u == UNIT_SHARE ? "%" : u == UNIT_SECONDS ? "min"
                     : u == UNIT_MONEY ? c->models[k]->currency : "";
    char ci[32];
    if (isfinite(d->ci95))
        snprintf(ci, sizeof ci, "%.2f", d->ci95 * scale);
    else
        snprintf(ci, sizeof ci, "n/a");
    fprintf(f, "  %-40s %11.2f %11.2f %+11.2f ± %-9s %-4s %s\n", h->label, a->mean * scale,
            b->mean * scale, d->mean * scale, ci, unit, verdict);
}

void compare_table_print(FILE *f, const struct comparison *c)
{
    const struct model *ref = c->models[0];
    fprintf(f, "chanmix compare: reference '%s', %d replications each on common random numbers "
               "(seed %llu)\n", ref->name, c->runs[0].replications,
            (unsigned long long)ref->seed);
    fprintf(f, "%s\n", c->mode == COMPARISON_EQUAL_SERVICE
                ? "at equal service: every scenario's channels with targets were first staffed "
                  "to their norms, so cost differences are savings at the same service"
                : "at fixed staffing: each scenario as its file staffs it (--equal-service "
                  "staffs each to its norms first)");
    fprintf(f, "\nin short\n");
    for (int k = 1; k < c->n; k++)
        verdict_print(f, c, k);
    fprintf(f, "\ndifferences are scenario minus reference with a paired 95%% interval; "
               "'better'/'worse' only where the interval excludes zero\n");
    for (int k = 1; k < c->n; k++) {
        const struct model *m = c->models[k];
        fprintf(f, "\n%s versus %s\n  %-40s %11s %11s %11s\n", m->name, ref->name, "", ref->name,
                m->name, "difference");
        struct headline h[HEADLINE_MAX];
        int n = headline_list(&c->runs[k], h), section = -1;
        for (int i = 0; i < n; i++) {
            if ((int)h[i].section != section) {
                section = (int)h[i].section;
                fprintf(f, "  %s\n", headline_section_title(h[i].section));
            }
            line(f, c, k, &h[i]);
        }
    }
}
