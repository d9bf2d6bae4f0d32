/*
 * headline: the list of figures a comparison leads with, see headline.h.
 */
#include "plots/headline.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/choice.h"

static int service_of(const struct model *m, const char *name)
{
    for (int v = 0; v < m->n_services; v++)
        if (strcmp(m->services[v].name, name) == 0)
            return v;
    return -1;
}

const char *headline_section_title(enum headline_section s)
{
    static const char *const titles[] = {
        [HL_CHANNELS] = "channels", [HL_TOTALS] = "needs and costs",
        [HL_SERVICES] = "per service", [HL_SEGMENTS] = "who wins and who loses",
    };
    return titles[s];
}

long headline_index(const struct headline *h, const struct experiment *e)
{
    const struct results_index *ix = &e->ix;
    switch (h->family) {
    case FIG_CHANNEL: {
        int ch = model_find_channel(e->m, h->owner);
        return h->stat == CS_SERVICE_LEVEL ? results_norm_service_level(ix, ch)
                                           : results_channel(ix, ch, (enum channel_stat)h->stat);
    }
    case FIG_COST:
        return results_cost(ix, model_find_channel(e->m, h->owner), (enum cost_stat)h->stat);
    case FIG_NEED: return results_need(ix, (enum need_stat)h->stat);
    case FIG_TOTAL: return results_total(ix, (enum total_cost_stat)h->stat);
    case FIG_GROUP:
        return results_group(ix, h->kind, h->kind == GROUP_SEGMENT
                                              ? model_find_segment(e->m, h->owner)
                                              : service_of(e->m, h->owner),
                             (enum group_stat)h->stat);
    default: return -1;
    }
}

int headline_judge(const struct figure_def *def, const struct estimate *d)
{
    if (!(fabs(d->mean) > d->ci95 && d->ci95 >= 0 && d->mean != 0.0))
        return 0;
    if (def->lower_is_better < 0)
        return 2;
    return (d->mean < 0) == (def->lower_is_better != 0) ? 1 : -1;
}

/* Adds the figure (family, stat) of owner, labelled from the catalogue as found in e. */
static int add(struct headline *h, const struct experiment *e, enum headline_section section,
               enum figure_family family, int stat, const char *owner)
{
    h->family = family;
    h->stat = stat;
    h->section = section;
    h->kind = section == HL_SERVICES ? GROUP_SERVICE : GROUP_SEGMENT;
    snprintf(h->owner, sizeof h->owner, "%s", owner);
    long i = headline_index(h, e);
    if (i < 0)
        return 0;
    h->def = results_meta(&e->ix, i)->def;
    h->segment = section == HL_SEGMENTS;
    char label[128];
    results_label(&e->ix, i, label, sizeof label);
    snprintf(h->label, sizeof h->label, "%s%s%s", owner, *owner ? ": " : "", label);
    return 1;
}

int headline_list(const struct experiment *e, struct headline *out)
{
    const struct model *m = e->m;
    int n = 0;
    for (int ch = 0; ch < m->n_channels; ch++) {
        const char *c = m->channels[ch].name;
        n += add(&out[n], e, HL_CHANNELS, FIG_CHANNEL, CS_OFFERED_PER_YEAR, c);
        if (!choice_is_assisted(m->channels[ch].kind))
            continue;
        /* the service level the norm names, where the channel has one */
        n += add(&out[n], e, HL_CHANNELS, FIG_CHANNEL, CS_SERVICE_LEVEL, c);
        n += add(&out[n], e, HL_CHANNELS, FIG_CHANNEL, CS_WAIT_MEAN, c);
        n += add(&out[n], e, HL_CHANNELS, FIG_CHANNEL, CS_P_ABANDON, c);
        n += add(&out[n], e, HL_CHANNELS, FIG_CHANNEL, CS_BALKED_PER_YEAR, c);
        n += add(&out[n], e, HL_CHANNELS, FIG_CHANNEL, CS_AGENT_HOURS_PER_YEAR, c);
        n += add(&out[n], e, HL_CHANNELS, FIG_COST, COST_PER_YEAR, c);
    }
    static const struct { enum figure_family f; int stat; } totals[] = {
        { FIG_NEED, NS_RESOLVED_PER_YEAR }, { FIG_NEED, NS_GAVE_UP_PER_YEAR },
        { FIG_NEED, NS_GAVE_UP_SHARE }, { FIG_NEED, NS_TIME_TO_RESOLUTION },
        { FIG_TOTAL, TC_PER_YEAR }, { FIG_TOTAL, TC_ORGANISATION }, { FIG_TOTAL, TC_PER_RESOLVED },
        { FIG_TOTAL, TC_CITIZEN_VALUE_PER_YEAR },
    };
    for (size_t i = 0; i < sizeof totals / sizeof totals[0]; i++)
        n += add(&out[n], e, HL_TOTALS, totals[i].f, totals[i].stat, "");
    for (int v = 0; v < m->n_services; v++) {
        n += add(&out[n], e, HL_SERVICES, FIG_GROUP, GS_RESOLVED, m->services[v].name);
        n += add(&out[n], e, HL_SERVICES, FIG_GROUP, GS_GAVE_UP, m->services[v].name);
        n += add(&out[n], e, HL_SERVICES, FIG_GROUP, GS_WAIT_MEAN, m->services[v].name);
    }
    for (int g = 0; g < m->n_segments; g++) {
        n += add(&out[n], e, HL_SEGMENTS, FIG_GROUP, GS_GAVE_UP, m->segments[g].name);
        n += add(&out[n], e, HL_SEGMENTS, FIG_GROUP, GS_WAIT_MEAN, m->segments[g].name);
    }
    return n;
}
