/*
 * headline: the figures a comparison leads with, in one list for every
 * view of it (the terminal table, the HTML report): per channel its
 * contacts and, for assisted channels, service level, mean wait and
 * abandonment; the needs resolved and given up and the time to resolution;
 * the organisation's cost, per resolved need, and the citizens' time; then,
 * per segment of citizens, needs given up and mean wait (who wins and who
 * loses); per service, needs resolved and given up and the wait.  Costs and
 * volumes that matter to a budget come per year as well.  Each is a catalogue figure of an owner named in words, so it can
 * be found in scenarios whose channels or segments differ.
 */
#ifndef CHANMIX_PLOTS_HEADLINE_H
#define CHANMIX_PLOTS_HEADLINE_H

#include "models/experiment.h"
#include "models/model.h"

/* The parts of a comparison's table, in order. */
enum headline_section { HL_CHANNELS, HL_TOTALS, HL_SERVICES, HL_SEGMENTS };

struct headline {
    enum figure_family family;  /* FIG_CHANNEL, FIG_COST, FIG_NEED, FIG_TOTAL or FIG_GROUP */
    int stat;
    enum group_kind kind;       /* FIG_GROUP: segments or services */
    char owner[MODEL_NAME_MAX]; /* channel, segment or service; "" for needs and totals */
    char label[160];            /* "phone: service level within 20 s" */
    const struct figure_def *def;
    enum headline_section section;
    int segment;                /* a segment's figure: who wins, who loses */
};

#define HEADLINE_MAX (7 * MODEL_MAX_CHANNELS + 9 + 2 * MODEL_MAX_SEGMENTS + 3 * MODEL_MAX_SERVICES)

/* The section's heading in words ("who wins and who loses"). */
const char *headline_section_title(enum headline_section s);

/* Fills out with model m's headline figures; returns how many. */
int headline_list(const struct experiment *e, struct headline *out);

/* The index of headline h in experiment e, or -1 where e lacks its owner. */
long headline_index(const struct headline *h, const struct experiment *e);

/* A paired difference d of a figure defined by def: 1 better, -1 worse, 2 changed (the
 * figure has no better direction), 0 no measurable change (its interval holds zero). */
int headline_judge(const struct figure_def *def, const struct estimate *d);

#endif
