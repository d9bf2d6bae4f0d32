/*
 * station: the lines, agents and statistics of one assisted channel (or the
 * back office) in one world.
 *
 * A station knows nothing of events: the world decides when contacts arrive,
 * start and end, and tells the station, which keeps two FCFS lines (a
 * priority line for appointments, and the ordinary one), which agent holds
 * how many contacts, and running statistics.  Contacts that abandon stay in
 * a line as dead entries and are skipped when it moves; that keeps
 * abandonment O(1) and needs no search.
 *
 * An agent holds up to `sessions` contacts at once (chat), and a new contact
 * goes to the least-loaded agent on duty.  Where each agent holds one
 * contact, the count of busy agents is all that matters and the station can
 * skip the per-agent loads; both ways, agents whose shift has ended finish
 * what they hold (busy may exceed agents) without pre-emption.
 */
#ifndef CHANMIX_MODELS_STATION_H
#define CHANMIX_MODELS_STATION_H

#include <stddef.h>
#include <stdint.h>
#include "sim/stats.h"

#define STATION_PRIORITY 0
#define STATION_ORDINARY 1

struct station_line {
    uint32_t *ring;     /* ids, FCFS, dead entries included */
    size_t head, len, cap;
};

struct station {
    int agents;             /* on duty now */
    int busy;               /* contacts in hand, all agents */
    int sessions;           /* contacts one agent may hold */
    int per_agent;          /* track each agent's load (chat); else only the count */
    int *load;              /* per_agent: contacts in hand per agent */
    int duty_load;          /* per_agent: contacts in hand of the agents on duty */
    int max_agents;         /* size of load */
    size_t waiting;         /* live contacts in the lines */
    struct station_line line[2];

    /* statistics of contacts offered after warm-up */
    double target_s;
    double norm_s;           /* the staffing norm's threshold (model_norm_s) */
    uint64_t offered;        /* arrived */
    uint64_t answered;       /* reached an agent (wait recorded) */
    uint64_t handled;        /* service completed */
    uint64_t abandoned, waited, within_target, within_norm;
    struct welford wait;
    struct welford handling;    /* handling times of counted contacts, as drawn */
    struct loghist *wait_hist;
    struct timeavg busy_avg, agents_avg, queue_avg;
};

/* The longest wait the histogram tells apart: longer ones count as this long. */
#define STATION_WAIT_MAX_S 1.0e6

int station_init(struct station *s, int agents, int max_agents, int sessions, int per_agent,
                 double target_s);
void station_release(struct station *s);

/* Empty lines, idle agents and statistics afresh, `agents` on duty; keeps memory and settings. */
void station_reset(struct station *s, int agents);

/*
 * Whether an agent on duty can take one more contact now.  No agent holds
 * more than `sessions`, so one has room exactly when the agents on duty
 * hold fewer than agents x sessions between them.
 */
static inline int station_has_room(const struct station *s)
{
    if (!s->per_agent)
        return s->busy < s->agents;
    int n = s->agents < s->max_agents ? s->agents : s->max_agents;
    return s->duty_load < n * s->sessions;
}

/* The per-agent parts of the two below (chat), out of line. */
int station_assign_agent(struct station *s, int *held_before);
void station_finish_agent(struct station *s, int agent);

/* Gives a contact to the least-loaded agent on duty; returns that agent's
 * index and how many contacts it held before (for chat handling factors). */
static inline int station_assign(struct station *s, double now, int *held_before)
{
    int agent = 0;
    *held_before = 0;
    if (s->per_agent)
        agent = station_assign_agent(s, held_before);
    s->busy++;
    timeavg_set(&s->busy_avg, now, (double)s->busy);
    return agent;
}

/* The agent finished a contact. */
static inline void station_finish(struct station *s, double now, int agent)
{
    if (s->per_agent)
        station_finish_agent(s, agent);
    s->busy--;
    timeavg_set(&s->busy_avg, now, (double)s->busy);
}

/* Appends a contact to a line; returns 0 or -1 (no memory). */
int station_enqueue(struct station *s, double now, uint32_t id, int line);

/*
 * Takes the first contact, priority line first, for which claim(ctx, id)
 * returns 1; entries before it are dropped (claim returns 0 and may release
 * them).  Returns 0 with *id set, or -1 when the lines hold no live contact.
 */
int station_dequeue(struct station *s, double now, int (*claim)(void *, uint32_t),
                    void *ctx, uint32_t *id);

/* A live waiting contact left the line (abandoned). */
void station_left_line(struct station *s, double now);

void station_set_agents(struct station *s, double now, int agents);

/*
 * End of a counted contact's wait: it waited `wait` seconds, then reached an
 * agent or left.  Inline: every counted contact of an assisted channel ends
 * a wait.
 */
static inline void station_record_wait(struct station *s, double wait, int answered)
{
    welford_add(&s->wait, wait);
    loghist_add(s->wait_hist, wait);
    s->waited += wait > 0.0;
    if (answered) {
        s->answered++;
        s->within_target += wait <= s->target_s;
        s->within_norm += wait <= s->norm_s;
    } else {
        s->abandoned++;
    }
}

/* Starts the time averages afresh at the end of warm-up. */
void station_reset_averages(struct station *s, double now);

#endif
