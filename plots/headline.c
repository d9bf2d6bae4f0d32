/*
 * headline: the list of figures a comparison leads with, see headline.h.
 */
#include "plots/headline.h"

#include <stdio.h>

#include "models/choice.h"

static int add(struct headline *h, enum headline_kind kind, int lower, int segment,
               const char *name, const char *path_fmt, const char *label_fmt)
{
    snprintf(h->path, sizeof h->path, path_fmt, name);
    snprintf(h->label, sizeof h->label, label_fmt, name);
    h->kind = kind;
    h->lower_is_better = lower;
    h->segment = segment;
    return 1;
}

int headline_list(const struct model *m, struct headline *out)
{
    int n = 0;
    for (int ch = 0; ch < m->n_channels; ch++) {
        const char *c = m->channels[ch].name;
        n += add(&out[n], HL_COUNT, -1, 0, c, "channels/%s/offered", "%s: contacts");
        if (!choice_is_assisted(m->channels[ch].kind))
            continue;
        n += add(&out[n], HL_SHARE, 0, 0, c, "channels/%s/service_level", "%s: service level");
        n += add(&out[n], HL_SECONDS, 1, 0, c, "channels/%s/wait_mean_s", "%s: mean wait");
        n += add(&out[n], HL_SHARE, 1, 0, c, "channels/%s/p_abandon", "%s: gave up waiting");
    }
    static const struct { const char *path, *label; enum headline_kind k; int lower; } rest[] = {
        { "needs/resolved", "needs resolved", HL_COUNT, 0 },
        { "needs/gave_up", "needs given up", HL_COUNT, 1 },
        { "needs/time_to_resolution_mean_s", "time to resolution", HL_SECONDS, 1 },
        { "cost/total/organisation", "cost to the organisation", HL_MONEY, 1 },
        { "cost/total/per_resolved_need", "cost per resolved need", HL_MONEY, 1 },
        { "cost/total/citizen_time_value", "citizens' time, valued", HL_MONEY, 1 },
    };
    for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++)
        n += add(&out[n], rest[i].k, rest[i].lower, 0, "", rest[i].path, rest[i].label);
    for (int g = 0; g < m->n_segments; g++) {
        const char *s = m->segments[g].name;
        n += add(&out[n], HL_SHARE, 1, 1, s, "segments/%s/gave_up", "%s: needs given up");
        n += add(&out[n], HL_SECONDS, 1, 1, s, "segments/%s/wait_mean_s", "%s: mean wait");
    }
    return n;
}
