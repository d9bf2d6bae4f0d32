/*
 * model: the parameters of one scenario, as the loader fills them.
 *
 * A model is immutable once built and shared read-only by every replication
 * and thread.  Times are seconds from Monday 00:00 of week 1.  The model
 * holds no behaviour; world.c runs it.
 */
#ifndef CHANMIX_MODELS_MODEL_H
#define CHANMIX_MODELS_MODEL_H

#include <stdint.h>
#include "models/dist.h"

#define MODEL_NAME_MAX 48
#define MODEL_MAX_CHANNELS 8
#define MODEL_MAX_SOURCES 16

enum channel_kind {
    CHANNEL_DESK,
    CHANNEL_PHONE,
    CHANNEL_CHAT,
    CHANNEL_WEB,
    CHANNEL_APP,
    CHANNEL_KINDS
};

const char *channel_kind_name(enum channel_kind k);
int channel_kind_from_name(const char *name, enum channel_kind *out);

/* An assisted channel's queue: agents, handling, patience, service norm. */
struct channel_params {
    char name[MODEL_NAME_MAX];
    enum channel_kind kind;
    int agents;                 /* constant staffing */
    struct dist handling;       /* handling time per contact */
    struct dist patience;       /* time a caller waits before abandoning */
    double target_s;            /* service-level threshold */
};

/* A stream of Poisson arrivals straight into a channel. */
struct source_params {
    int channel;                /* index into model.channels */
    double per_interval;        /* mean arrivals per interval */
};

struct model {
    char name[MODEL_NAME_MAX];
    uint64_t seed;
    int replications;
    double horizon_s;           /* simulated time, warm-up included */
    double warmup_s;            /* left out of statistics */
    double interval_s;          /* reporting and staffing interval */

    int n_channels;
    struct channel_params channels[MODEL_MAX_CHANNELS];
    int n_sources;
    struct source_params sources[MODEL_MAX_SOURCES];
};

/* Index of the channel named `name`, or -1. */
int model_find_channel(const struct model *m, const char *name);

#endif
