/*
 * world: one replication of a scenario.
 *
 * A world owns everything it changes: its calendar, its random streams (one
 * per purpose, seeded from the master seed and the replication number), its
 * contacts and its stations.  The model it runs is shared and read-only, so
 * worlds on different threads never touch the same writable memory and the
 * results do not depend on the thread count.
 */
#ifndef CHANMIX_MODELS_WORLD_H
#define CHANMIX_MODELS_WORLD_H

#include "models/model.h"
#include "models/results.h"

/* Random-stream purposes; a purpose is never renumbered once released. */
enum world_purpose {
    PURPOSE_POPULATION = 0x10,  /* citizens' attributes */
    PURPOSE_NEEDS = 0x11,       /* when needs arise, their segment, service, citizen */
    PURPOSE_CHANNEL = 0x15,     /* anonymous contacts' menus, callbacks and bots */
    PURPOSE_NEED_DRAWS = 0x1000000, /* + decision << 16: a need's keyed draws */
    PURPOSE_ARRIVALS = 0x100,   /* + source index */
    PURPOSE_HANDLING = 0x200,   /* + channel index: handling and session times */
    PURPOSE_PATIENCE = 0x300,   /* + channel index */
};

/*
 * Runs replication `rep` of model m and writes its figures into
 * values[0 .. ix->layout->n).  Returns 0, or -1 when memory runs out.
 */
int world_run(const struct model *m, const struct results_index *ix, int rep, double *values);

/* The same, starting from a copy of `citizens` (replication rep's population, drawn before). */
struct population;
int world_run_from(const struct model *m, const struct results_index *ix, int rep,
                   const struct population *citizens, double *values);

#endif
