/*
 * streams: the purposes of a replication's random streams.
 *
 * Each purpose owns a stream seeded from (master seed, replication,
 * purpose) by sim/rng's fixed hash, so a scenario change that adds draws for
 * one purpose does not shift the draws of another.  A purpose is never
 * renumbered once released: the numbers are part of the results.  A need's
 * own decisions draw from keyed streams instead (sim/rng.h, world_need_rng).
 */
#ifndef CHANMIX_MODELS_STREAMS_H
#define CHANMIX_MODELS_STREAMS_H

enum stream_purpose {
    PURPOSE_POPULATION = 0x10,  /* citizens' attributes */
    PURPOSE_NEEDS = 0x11,       /* when needs arise, their segment, service, citizen */
    PURPOSE_CHANNEL = 0x15,     /* anonymous contacts' menus, callbacks and bots */
    PURPOSE_NEED_DRAWS = 0x1000000, /* + decision << 16: the tag of a need's keyed draws */
    PURPOSE_ARRIVALS = 0x100,   /* + source index */
    PURPOSE_HANDLING = 0x200,   /* + channel index: handling and session times */
    PURPOSE_PATIENCE = 0x300,   /* + channel index */
    /* a sweep's own draws, in purposes no world uses */
    PURPOSE_SWEEP_DESIGN = 0x20,    /* strata, Morris starts, orders and directions */
    PURPOSE_SWEEP_BOOTSTRAP = 0x21, /* resampling for the indices' intervals, keyed by output */
};

#endif
