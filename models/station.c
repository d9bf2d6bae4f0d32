/*
 * station: FCFS line with lazy removal, see station.h.
 */
#include "models/station.h"

#include <stdlib.h>
#include <string.h>

/* Waits from 10 ms to about 12 days, quantiles within 0.5%. */
#define WAIT_HIST_LO 0.01
#define WAIT_HIST_HI 1.0e6
#define WAIT_HIST_REL 0.005

int station_init(struct station *s, int agents, double target_s, size_t cap_hint)
{
    memset(s, 0, sizeof *s);
    s->agents = agents;
    s->target_s = target_s;
    s->cap = cap_hint < 64 ? 64 : cap_hint;
    s->ring = malloc(s->cap * sizeof *s->ring);
    s->wait_hist = loghist_alloc(WAIT_HIST_LO, WAIT_HIST_HI, WAIT_HIST_REL);
    if (!s->ring || !s->wait_hist) {
        station_release(s);
        return -1;
    }
    welford_init(&s->wait);
    timeavg_init(&s->busy_avg, 0.0, 0.0);
    timeavg_init(&s->agents_avg, 0.0, agents);
    timeavg_init(&s->queue_avg, 0.0, 0.0);
    return 0;
}

void station_release(struct station *s)
{
    free(s->ring);
    loghist_free(s->wait_hist);
    s->ring = NULL;
    s->wait_hist = NULL;
}

static int ring_grow(struct station *s)
{
    size_t cap = s->cap * 2;
    uint32_t *r = malloc(cap * sizeof *r);
    if (!r)
        return -1;
    for (size_t i = 0; i < s->len; i++)
        r[i] = s->ring[(s->head + i) % s->cap];
    free(s->ring);
    s->ring = r;
    s->cap = cap;
    s->head = 0;
    return 0;
}

int station_enqueue(struct station *s, double now, uint32_t id)
{
    if (s->len == s->cap && ring_grow(s) != 0)
        return -1;
    s->ring[(s->head + s->len) % s->cap] = id;
    s->len++;
    s->waiting++;
    timeavg_set(&s->queue_avg, now, (double)s->waiting);
    return 0;
}

int station_dequeue(struct station *s, double now, int (*claim)(void *, uint32_t),
                    void *ctx, uint32_t *id)
{
    while (s->len > 0) {
        uint32_t c = s->ring[s->head];
        s->head = (s->head + 1) % s->cap;
        s->len--;
        if (claim(ctx, c)) {
            s->waiting--;
            timeavg_set(&s->queue_avg, now, (double)s->waiting);
            *id = c;
            return 0;
        }
    }
    return -1;
}

void station_left_line(struct station *s, double now)
{
    s->waiting--;
    timeavg_set(&s->queue_avg, now, (double)s->waiting);
}

void station_set_busy(struct station *s, double now, int busy)
{
    s->busy = busy;
    timeavg_set(&s->busy_avg, now, (double)busy);
}

void station_set_agents(struct station *s, double now, int agents)
{
    s->agents = agents;
    timeavg_set(&s->agents_avg, now, (double)agents);
}

void station_record_wait(struct station *s, double wait, int answered)
{
    welford_add(&s->wait, wait);
    loghist_add(s->wait_hist, wait);
    if (wait > 0.0)
        s->waited++;
    if (answered) {
        s->answered++;
        if (wait <= s->target_s)
            s->within_target++;
    } else {
        s->abandoned++;
    }
}

void station_reset_averages(struct station *s, double now)
{
    timeavg_reset(&s->busy_avg, now);
    timeavg_reset(&s->agents_avg, now);
    timeavg_reset(&s->queue_avg, now);
}
