/*
 * station: two FCFS lines with lazy removal, and agents' loads, see station.h.
 */
#include "models/station.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Waits from 10 ms to about 12 days, quantiles within 0.5%. */
#define WAIT_HIST_LO 0.01
#define WAIT_HIST_HI STATION_WAIT_MAX_S
#define WAIT_HIST_REL 0.005

int station_init(struct station *s, int agents, int max_agents, int sessions, int per_agent,
                 double target_s)
{
    memset(s, 0, sizeof *s);
    s->sessions = sessions > 0 ? sessions : 1;
    s->per_agent = per_agent || s->sessions > 1;
    s->max_agents = max_agents > agents ? max_agents : agents;
    s->target_s = target_s;
    s->norm_s = target_s;
    for (int l = 0; l < 2; l++) {
        s->line[l].cap = 64;
        s->line[l].ring = malloc(s->line[l].cap * sizeof *s->line[l].ring);
    }
    s->wait_hist = loghist_alloc(WAIT_HIST_LO, WAIT_HIST_HI, WAIT_HIST_REL);
    if (s->per_agent)
        s->load = calloc((size_t)(s->max_agents > 0 ? s->max_agents : 1), sizeof *s->load);
    if (!s->line[0].ring || !s->line[1].ring || !s->wait_hist || (s->per_agent && !s->load)) {
        station_release(s);
        return -1;
    }
    station_reset(s, agents);
    return 0;
}

void station_reset(struct station *s, int agents)
{
    struct station keep = *s;
    memset(s, 0, sizeof *s);
    s->sessions = keep.sessions;
    s->per_agent = keep.per_agent;
    s->max_agents = keep.max_agents;
    s->target_s = keep.target_s;
    s->norm_s = keep.norm_s;
    s->load = keep.load;
    s->wait_hist = keep.wait_hist;
    for (int l = 0; l < 2; l++) {
        s->line[l].ring = keep.line[l].ring;
        s->line[l].cap = keep.line[l].cap;
    }
    if (s->load)
        memset(s->load, 0, (size_t)(s->max_agents > 0 ? s->max_agents : 1) * sizeof *s->load);
    loghist_clear(s->wait_hist);
    s->agents = agents;
    welford_init(&s->wait);
    welford_init(&s->handling);
    timeavg_init(&s->busy_avg, 0.0, 0.0);
    timeavg_init(&s->agents_avg, 0.0, agents);
    timeavg_init(&s->queue_avg, 0.0, 0.0);
}

void station_release(struct station *s)
{
    for (int l = 0; l < 2; l++) {
        free(s->line[l].ring);
        s->line[l].ring = NULL;
    }
    free(s->load);
    s->load = NULL;
    loghist_free(s->wait_hist);
    s->wait_hist = NULL;
}

/* Agents on duty whose loads are kept: those past max_agents hold nothing. */
static int on_duty(const struct station *s)
{
    return s->agents < s->max_agents ? s->agents : s->max_agents;
}

/* The on-duty agent with the fewest contacts below the session limit, or -1. */
static int least_loaded(const struct station *s)
{
    int best = -1;
    int n = on_duty(s);
    for (int i = 0; i < n; i++)
        if (s->load[i] < s->sessions && (best < 0 || s->load[i] < s->load[best]))
            best = i;
    assert((best >= 0) == (s->duty_load < n * s->sessions));
    return best;
}

int station_assign_agent(struct station *s, int *held_before)
{
    int agent = least_loaded(s);
    *held_before = s->load[agent]++;
    s->duty_load++;
    return agent;
}

void station_finish_agent(struct station *s, int agent)
{
    s->load[agent]--;
    s->duty_load -= agent < on_duty(s);
}

static int line_grow(struct station_line *q)
{
    size_t cap = q->cap * 2;
    uint32_t *r = malloc(cap * sizeof *r);
    if (!r)
        return -1;
    for (size_t i = 0; i < q->len; i++)
        r[i] = q->ring[(q->head + i) % q->cap];
    free(q->ring);
    q->ring = r;
    q->cap = cap;
    q->head = 0;
    return 0;
}

int station_enqueue(struct station *s, double now, uint32_t id, int line)
{
    struct station_line *q = &s->line[line];
    if (q->len == q->cap && line_grow(q) != 0)
        return -1;
    q->ring[(q->head + q->len) % q->cap] = id;
    q->len++;
    s->waiting++;
    timeavg_set(&s->queue_avg, now, (double)s->waiting);
    return 0;
}

int station_dequeue(struct station *s, double now, int (*claim)(void *, uint32_t),
                    void *ctx, uint32_t *id)
{
    for (int l = 0; l < 2; l++) {
        struct station_line *q = &s->line[l];
        while (q->len > 0) {
            uint32_t c = q->ring[q->head];
            q->head = (q->head + 1) % q->cap;
            q->len--;
            if (claim(ctx, c)) {
                s->waiting--;
                timeavg_set(&s->queue_avg, now, (double)s->waiting);
                *id = c;
                return 0;
            }
        }
    }
    return -1;
}

void station_left_line(struct station *s, double now)
{
    s->waiting--;
    timeavg_set(&s->queue_avg, now, (double)s->waiting);
}

void station_set_agents(struct station *s, double now, int agents)
{
    s->agents = agents;
    if (s->per_agent) {
        s->duty_load = 0;
        for (int i = 0; i < on_duty(s); i++)
            s->duty_load += s->load[i];
    }
    timeavg_set(&s->agents_avg, now, (double)agents);
}

void station_reset_averages(struct station *s, double now)
{
    timeavg_reset(&s->busy_avg, now);
    timeavg_reset(&s->agents_avg, now);
    timeavg_reset(&s->queue_avg, now);
}
