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
#include "models/streams.h"   /* the purposes of its random streams */

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
