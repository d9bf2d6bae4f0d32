/*
 * headline: the figures a comparison leads with, in one list for every
 * view of it (the terminal table, the HTML report): per channel its
 * contacts and, for assisted channels, service level, mean wait and
 * abandonment; the needs resolved and given up and the time to resolution;
 * the organisation's cost, per resolved need, and the citizens' time; then,
 * per segment of citizens, needs given up and mean wait (who wins and who
 * loses).
 */
#ifndef CHANMIX_PLOTS_HEADLINE_H
#define CHANMIX_PLOTS_HEADLINE_H

#include "models/model.h"
#include "sim/metrics.h"

/* How a figure reads; the order matches the report's kinds. */
enum headline_kind { HL_COUNT, HL_SHARE, HL_SECONDS, HL_MONEY };

struct headline {
    char path[METRICS_PATH_MAX];
    char label[160];
    enum headline_kind kind;
    int lower_is_better;        /* 1 lower, 0 higher, -1 neither */
    int segment;                /* a segment's figure: who wins, who loses */
};

#define HEADLINE_MAX (4 * MODEL_MAX_CHANNELS + 6 + 2 * MODEL_MAX_SEGMENTS)

/* Fills out with model m's headline figures; returns how many. */
int headline_list(const struct model *m, struct headline *out);

#endif
