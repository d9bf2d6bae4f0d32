/*
 * verdict: a comparison's answer first, see verdict.h.
 */
#include "plots/verdict.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plots/chart.h"

static struct verdict_part *words(struct verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static struct verdict_part *words(struct verdict *v, const char *fmt, ...)
{
    struct verdict_part *p = &v->part[v->n++];
    memset(p, 0, sizeof *p);
    p->at = -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->text, sizeof p->text, fmt, ap);
    va_end(ap);
    return p;
}

/* A number: the paired difference of figure `at` of scenario k, or nothing where it lacks it. */
static int number(struct verdict *v, const struct comparison *c, int k, long at,
                  const char *what)
{
    if (at < 0 || !c->present[k][at])
        return 0;
    struct verdict_part *p = words(v, "%s", what);
    const struct figure_def *d = results_meta(&c->runs[k].ix, at)->def;
    p->number = 1;
    p->unit = d->unit;
    p->lower_is_better = d->lower_is_better;
    p->d = c->diff[k][at];
    p->at = at;
    return 1;
}

struct ranked {
    int g;
    double change;
};

static int by_harm(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    return x->change < y->change ? 1 : x->change > y->change ? -1 : x->g - y->g;
}

void verdict_build(const struct comparison *c, int k, struct verdict *v)
{
    const struct experiment *e = &c->runs[k];
    const struct model *m = c->models[k];
    v->n = 0;
    words(v, "%s against %s, %s: ", m->name, c->models[0]->name,
          c->mode == COMPARISON_EQUAL_SERVICE ? "both staffed to the same norms"
                                              : "each with its own staffing");
    if (!number(v, c, k, results_total(&e->ix, TC_PER_YEAR), "cost"))
        words(v, "no cost to compare");
    words(v, ". ");
    if (e->ix.needs < 0 || !number(v, c, k, results_need(&e->ix, NS_GAVE_UP_PER_YEAR),
                                         figures_def(FIG_GROUP, GS_NEEDS)->label))
        return;
    words(v, ". ");
    struct ranked r[MODEL_MAX_SEGMENTS];
    int n = 0;
    for (int g = 0; g < m->n_segments; g++) {
        long at = results_group(&e->ix, GROUP_SEGMENT, g, GS_GAVE_UP);
        if (at >= 0 && c->present[k][at])
            r[n++] = (struct ranked){ g, c->diff[k][at].mean };
    }
    if (n == 0)
        return;
    qsort(r, (size_t)n, sizeof *r, by_harm);
    words(v, "From most harmed to most helped, by the change in the share of their needs "
          "given up: ");
    for (int i = 0; i < n; i++) {
        if (i)
            words(v, i + 1 < n ? ", " : " and ");
        number(v, c, k, results_group(&e->ix, GROUP_SEGMENT, r[i].g, GS_GAVE_UP),
               m->segments[r[i].g].name);
    }
    words(v, ".");
}

/* Whether the interval excludes zero. */
static int measurable(const struct estimate *d)
{
    return isfinite(d->ci95) && fabs(d->mean) > d->ci95;
}

static void money(const char *currency, double x, char *buf, size_t size)
{
    chart_format_money(currency, fabs(x), buf, size);
}

void verdict_say(const struct verdict_part *p, const char *currency, char *buf, size_t size)
{
    const struct estimate *d = &p->d;
    double lo = d->mean - d->ci95, hi = d->mean + d->ci95;
    char a[64], b[64], x[64];
    if (!isfinite(d->ci95)) {
        lo = hi = d->mean;
    }
    switch (p->unit) {
    case UNIT_MONEY:
        money(currency, d->mean, x, sizeof x);
        money(currency, lo, a, sizeof a);
        money(currency, hi, b, sizeof b);
        if (measurable(d))
            snprintf(buf, size, "%s %s a year (95%% CI %s to %s)",
                     d->mean < 0 ? "saves" : "costs", x, d->mean < 0 ? b : a,
                     d->mean < 0 ? a : b);
        else
            snprintf(buf, size, "no measurable change in %s (%s%s a year, 95%% CI %s%s to %s%s)",
                     p->text, d->mean < 0 ? "-" : "+", x, lo < 0 ? "-" : "+", a,
                     hi < 0 ? "-" : "+", b);
        break;
    case UNIT_COUNT:
        chart_format_grouped(fabs(d->mean), 0, x, sizeof x);
        chart_format_grouped(fabs(d->mean < 0 ? hi : lo), 0, a, sizeof a);
        chart_format_grouped(fabs(d->mean < 0 ? lo : hi), 0, b, sizeof b);
        if (measurable(d))
            snprintf(buf, size, "%s %s %s a year go unresolved (95%% CI %s to %s)", x,
                     d->mean < 0 ? "fewer" : "more", p->text, a, b);
        else
            snprintf(buf, size, "no measurable change in %s a year left unresolved "
                     "(%+.0f, 95%% CI %+.0f to %+.0f)", p->text, d->mean, lo, hi);
        break;
    default:    /* a share: points */
        snprintf(buf, size, "%s %+.1f points (95%% CI %+.1f to %+.1f)%s", p->text,
                 100.0 * d->mean, 100.0 * lo, 100.0 * hi, measurable(d) ? "" : ", no measurable change");
        break;
    }
}

void verdict_print(FILE *f, const struct comparison *c, int k)
{
    struct verdict v;
    verdict_build(c, k, &v);
    char say[400];
    fputs("  ", f);
    for (int i = 0; i < v.n; i++) {
        if (v.part[i].number) {
            verdict_say(&v.part[i], c->models[k]->currency, say, sizeof say);
            fputs(say, f);
        } else {
            fputs(v.part[i].text, f);
        }
    }
    fputc('\n', f);
}
