/*
 * station: the queue and the statistics of one assisted channel in one
 * world.
 *
 * A station knows nothing of events: the world decides when contacts arrive,
 * start and end, and tells the station, which keeps the FCFS line, the busy
 * count and the running statistics.  Contacts that abandon stay in the ring
 * as dead entries and are skipped when the line moves; that keeps
 * abandonment O(1) and needs no search.
 */
#ifndef CHANMIX_MODELS_STATION_H
#define CHANMIX_MODELS_STATION_H

#include <stddef.h>
#include <stdint.h>
#include "sim/stats.h"

struct station {
    int agents;             /* scheduled now */
    int busy;               /* agents with a contact in hand */
    size_t waiting;         /* live contacts in the line */

    uint32_t *ring;         /* contact ids, FCFS, dead entries included */
    size_t head, len, cap;

    /* statistics of contacts offered after warm-up */
    double target_s;
    uint64_t offered;        /* arrived */
    uint64_t answered;       /* reached an agent (wait recorded) */
    uint64_t handled;        /* service completed */
    uint64_t abandoned, waited, within_target;
    struct welford wait;
    struct loghist *wait_hist;
    struct timeavg busy_avg, agents_avg, queue_avg;
};

int station_init(struct station *s, int agents, double target_s, size_t cap_hint);
void station_release(struct station *s);

/* Appends a contact to the line; returns 0 or -1 (no memory). */
int station_enqueue(struct station *s, double now, uint32_t id);

/*
 * Takes the first contact from the line for which claim(ctx, id) returns 1;
 * entries before it are dropped (claim returns 0 and may release them).
 * Returns 0 with *id set, or -1 when the line holds no live contact.
 */
int station_dequeue(struct station *s, double now, int (*claim)(void *, uint32_t),
                    void *ctx, uint32_t *id);

/* A live waiting contact left the line (abandoned). */
void station_left_line(struct station *s, double now);

void station_set_busy(struct station *s, double now, int busy);
void station_set_agents(struct station *s, double now, int agents);

/* End of a counted contact's wait: it waited `wait` seconds, then reached an agent or left. */
void station_record_wait(struct station *s, double wait, int answered);

/* Starts the statistics afresh at the end of warm-up. */
void station_reset_averages(struct station *s, double now);

#endif
