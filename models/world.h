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

#include <stdint.h>

#include "models/model.h"
#include "models/results.h"
#include "models/streams.h"   /* the purposes of its random streams */

#define WORLD_OVERFLOW (-2)

/*
 * A replication stopped because it held more than max_in_system contacts
 * (or needs) at once: the line that grew, when, and the load it was offered,
 * so that the user can see the overload.  Nothing here is printed by models.
 */
struct world_overflow {
    int rep;
    int channel;                /* the channel with the most contacts, or -1: the back office */
    int needs;                  /* 1: open needs passed the bound, 0: contacts did */
    double time_s;              /* simulated time */
    long bound;                 /* max_in_system */
    uint64_t in_system;         /* contacts on that channel, or cases at the back office */
    double arrivals_per_hour;   /* offered to it so far (NaN: not known) */
    double load_erlang;         /* arrivals times mean handling time (NaN: no agents there) */
    int agents;                 /* on duty then */
};

/*
 * Runs replication `rep` of model m and writes its figures into
 * values[0 .. ix->layout->n).  Returns 0, -1 when memory runs out, or
 * WORLD_OVERFLOW with *over filled (over may be NULL) when the replication
 * held more than max_in_system contacts or needs at once.
 */
int world_run(const struct model *m, const struct results_index *ix, int rep, double *values);

/* The same, starting from a copy of `citizens` (replication rep's population, drawn before). */
struct population;
int world_run_from(const struct model *m, const struct results_index *ix, int rep,
                   const struct population *citizens, double *values,
                   struct world_overflow *over);

/*
 * A world kept for many replications of one model: its memory (calendar,
 * pools, lines, histograms, citizens) is allocated once and reused, rather
 * than freed and faulted in again for each short replication.  Results are
 * the same, byte for byte, as world_run_from's.  NULL when memory runs out.
 */
struct world *world_alloc(const struct model *m);
void world_free(struct world *w);

/* Runs replication rep in w (citizens and over: as world_run_from); 0 or an error. */
int world_replicate(struct world *w, const struct results_index *ix, int rep,
                    const struct population *citizens, double *values,
                    struct world_overflow *over);

#endif
