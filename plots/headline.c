/*
 * headline: the list of figures a comparison leads with, see headline.h.
 */
#include "plots/headline.h"

#include <stdio.h>

#include "models/choice.h"

long headline_index(const struct headline *h, const struct experiment *e)
{
    const struct results_index *ix = &e->ix;
    switch (h->family) {
    case FIG_CHANNEL: {
        int ch = model_find_channel(e->m, h->owner);
        return h->stat == CS_SERVICE_LEVEL ? results_norm_service_level(ix, ch)
                                           : results_channel(ix, ch, (enum channel_stat)h->stat);
    }
    case FIG_NEED: return results_need(ix, (enum need_stat)h->stat);
    case FIG_TOTAL: return results_total(ix, (enum total_cost_stat)h->stat);
    case FIG_GROUP:
        return results_group(ix, GROUP_SEGMENT, model_find_segment(e->m, h->owner),
                             (enum group_stat)h->stat);
    default: return -1;
    }
}

/* Adds the figure (family, stat) of owner, labelled from the catalogue as found in e. */
static int add(struct headline *h, const struct experiment *e, enum figure_family family,
               int stat, const char *owner)
{
    h->family = family;
    h->stat = stat;
    snprintf(h->owner, sizeof h->owner, "%s", owner);
    long i = headline_index(h, e);
    if (i < 0)
        return 0;
    h->def = results_meta(&e->ix, i)->def;
    h->segment = family == FIG_GROUP;
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
        n += add(&out[n], e, FIG_CHANNEL, CS_OFFERED, c);
        if (!choice_is_assisted(m->channels[ch].kind))
            continue;
        /* the service level the norm names, where the channel has one */
        n += add(&out[n], e, FIG_CHANNEL, CS_SERVICE_LEVEL, c);
        n += add(&out[n], e, FIG_CHANNEL, CS_WAIT_MEAN, c);
        n += add(&out[n], e, FIG_CHANNEL, CS_P_ABANDON, c);
    }
    n += add(&out[n], e, FIG_NEED, NS_RESOLVED, "");
    n += add(&out[n], e, FIG_NEED, NS_GAVE_UP, "");
    n += add(&out[n], e, FIG_NEED, NS_TIME_TO_RESOLUTION, "");
    n += add(&out[n], e, FIG_TOTAL, TC_ORGANISATION, "");
    n += add(&out[n], e, FIG_TOTAL, TC_PER_RESOLVED, "");
    n += add(&out[n], e, FIG_TOTAL, TC_CITIZEN_VALUE, "");
    for (int g = 0; g < m->n_segments; g++) {
        n += add(&out[n], e, FIG_GROUP, GS_GAVE_UP, m->segments[g].name);
        n += add(&out[n], e, FIG_GROUP, GS_WAIT_MEAN, m->segments[g].name);
    }
    return n;
}
