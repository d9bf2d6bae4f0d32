/*
 * model: names of channel kinds and look-ups, see model.h.
 */
#include "models/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/volumes.h"

static const char *const kind_names[CHANNEL_KINDS] = {
    [CHANNEL_DESK] = "desk",
    [CHANNEL_PHONE] = "phone",
    [CHANNEL_CHAT] = "chat",
    [CHANNEL_WEB] = "web",
    [CHANNEL_APP] = "app",
};

static const char *const type_names[TYPE_COUNT] = {
    [TYPE_INFORMATION] = "information",
    [TYPE_CERTAINTY] = "certainty",
    [TYPE_PEACE_OF_MIND] = "peace_of_mind",
    [TYPE_CONVENIENCE] = "convenience",
};

const char *citizen_type_name(enum citizen_type t)
{
    return (unsigned)t < TYPE_COUNT ? type_names[t] : "?";
}

const char *channel_kind_name(enum channel_kind k)
{
    return (unsigned)k < CHANNEL_KINDS ? kind_names[k] : "?";
}

int channel_kind_from_name(const char *name, enum channel_kind *out)
{
    for (int k = 0; k < CHANNEL_KINDS; k++)
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (enum channel_kind)k;
            return 0;
        }
    return -1;
}

int model_find_channel(const struct model *m, const char *name)
{
    for (int c = 0; c < m->n_channels; c++)
        if (strcmp(m->channels[c].name, name) == 0)
            return c;
    return -1;
}

void model_set_constant_agents(struct model *m, int ch, int agents)
{
    m->channels[ch].agents = agents;
    schedule_constant(&m->channels[ch].week, agents);
}

void model_shift_weeks(struct model *m, int weeks)
{
    m->day_offset += 7 * weeks;
    long per_day = m->interval_s > 0 ? lround(86400.0 / m->interval_s) : 0;
    for (int i = 0; i < m->n_sources; i++)
        m->sources[i].file_offset += 7L * weeks * per_day;
}

double model_norm_s(const struct channel_params *c)
{
    return c->targets.within_s > 0 ? c->targets.within_s : c->target_s;
}

int model_find_segment(const struct model *m, const char *name)
{
    for (int g = 0; g < m->n_segments; g++)
        if (strcmp(m->segments[g].name, name) == 0)
            return g;
    return -1;
}

void model_release(struct model *m)
{
    for (int i = 0; i < MODEL_MAX_SOURCES; i++)
        if (m->sources[i].file) {
            volumes_free(m->sources[i].file);
            free(m->sources[i].file);
            m->sources[i].file = NULL;
        }
}
