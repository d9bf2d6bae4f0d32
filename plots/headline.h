/*
 * headline: the figures a comparison leads with, in one list for every
 * view of it (the terminal table, the HTML report): per channel its
 * contacts and, for assisted channels, service level, mean wait and
 * abandonment; the needs resolved and given up and the time to resolution;
 * the organisation's cost, per resolved need, and the citizens' time; then,
 * per segment of citizens, needs given up and mean wait (who wins and who
 * loses).  Each is a catalogue figure of an owner named in words, so it can
 * be found in scenarios whose channels or segments differ.
 */
#ifndef CHANMIX_PLOTS_HEADLINE_H
#define CHANMIX_PLOTS_HEADLINE_H

#include "models/experiment.h"
#include "models/model.h"

struct headline {
    enum figure_family family;  /* FIG_CHANNEL, FIG_NEED, FIG_TOTAL or FIG_GROUP (segments) */
    int stat;
    char owner[MODEL_NAME_MAX]; /* channel or segment; "" for needs and totals */
    char label[160];            /* "phone: service level within 20 s" */
    const struct figure_def *def;
    int segment;                /* a segment's figure: who wins, who loses */
};

#define HEADLINE_MAX (4 * MODEL_MAX_CHANNELS + 6 + 2 * MODEL_MAX_SEGMENTS)

/* Fills out with model m's headline figures; returns how many. */
int headline_list(const struct experiment *e, struct headline *out);

/* The index of headline h in experiment e, or -1 where e lacks its owner. */
long headline_index(const struct headline *h, const struct experiment *e);

#endif
