/*
 * world_internal: the state of one replication, shared by the files that
 * run it (world.c: pools, set-up, event loop; world_bound.c: the bound on
 * what the pools hold; channels.c: what happens at a channel; journey.c:
 * what a need does next; report.c: the figures).
 * Nothing outside models/world*.c, channels.c, journey.c and report.c
 * includes this header.
 *
 * The arrows between those files go one way.  The world dispatches events
 * to channels and journeys; a journey offers contacts to channels; a
 * channel reports what became of a contact (struct outcome) to the world,
 * which hands it to the journey of the contact's need.  A channel knows
 * contacts and lines, never journeys.
 */
#ifndef CHANMIX_MODELS_WORLD_INTERNAL_H
#define CHANMIX_MODELS_WORLD_INTERNAL_H

#include <assert.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "models/choice.h"
#include "models/demand.h"
#include "models/model.h"
#include "models/population.h"
#include "models/results.h"
#include "models/station.h"
#include "models/world.h"
#include "sim/calendar.h"
#include "sim/pool.h"
#include "sim/rng.h"
#include "sim/stats.h"

enum event_kind {
    EV_ARRIVAL,         /* aux: source */
    EV_QUEUE_ENTRY,     /* id: contact: done with the voice menu, or arrived at the desk */
    EV_SERVICE_END,     /* id: contact */
    EV_ABANDON,         /* id: contact */
    EV_SESSION_END,     /* id: contact: self-service */
    EV_BOT_END,         /* id: contact: the chat bot is done */
    EV_NEED,            /* a need arises */
    EV_NEED_TICK,       /* the demand rate changes */
    EV_ATTEMPT,         /* id: need: its next try; aux: channel + 1 when going to it */
    EV_APPOINTMENT,     /* id: need: a booked desk visit; aux: channel */
    EV_STAFF,           /* aux: channel, or n_channels for the back office */
    EV_BO_END,          /* id: need: the back office closes its case */
    EV_CHASE,           /* id: need: its citizen asks the front office about the case */
    EV_WARMUP_END,
};

enum contact_state { CT_FREE, CT_TRAVEL, CT_WAITING, CT_IN_SERVICE, CT_ABANDONED };
enum need_state { NEED_FREE, NEED_OPEN };

#define NONE POOL_NONE
#define NO_CHANNEL 0xffu

#define CF_CHASE 0x01u          /* asks about a case at the back office */
#define CF_CALLBACK 0x02u       /* accepted a callback: no patience clock */
#define CF_APPOINTMENT 0x04u    /* a booked desk visit: priority line */
#define CF_CONTEXT 0x08u        /* handed over by the bot with its conversation */
#define CF_FILE 0x10u           /* an arrival file's: handled at its interval's mean time */

struct contact {
    struct pool_slot slot;  /* generation: events of an earlier occupant are stale */
    double arrived;     /* offered to the channel */
    double queued;      /* joined the line (after menu or travel) */
    uint32_t need;      /* NONE for contacts of an arrival stream */
    uint32_t need_gen;  /* the need's generation: a chase may outlive its need */
    uint16_t agent;     /* chat: the agent holding the session */
    uint8_t state;
    uint8_t channel;
    uint8_t counted;    /* arrived after warm-up */
    uint8_t flags;      /* CF_* */
    uint8_t source;     /* arrival stream + 1; 0 for a need's contact */
};

struct need {
    struct pool_slot slot;  /* generation: events of an earlier need are stale */
    uint64_t seq;       /* order of arrival in the replication: the key of its draws */
    double arrived;
    double bo_since;    /* when the back office got the case */
    uint32_t citizen;
    uint16_t service;
    uint8_t segment, type;  /* the citizen's: its groups, without reading its record */
    uint8_t attempts;
    uint8_t failed;     /* bit c: channel c did not resolve it */
    uint8_t counted;
    uint8_t state;
    uint8_t last;       /* channel of the last try, NO_CHANNEL before the first */
    uint8_t at_bo;      /* the back office holds the case */
    uint32_t chases;    /* contacts made to chase the case (one a minute at most, for a year) */
};

/*
 * The decisions a need's draws are keyed by.  Each need draws every number
 * it needs from a stream keyed by (its sequence number, its try, its chase,
 * the decision), so a need makes the same draws in two scenarios that meet
 * it, whatever else differs: common random numbers stay aligned.
 */
enum need_draw {
    ND_CHOICE, ND_OUTCOME, ND_RETRY, ND_RETRY_DELAY, ND_BACK_OFFICE, ND_CHASE_DELAY,
    ND_APPOINTMENT, ND_DEFER, ND_HANDLING, ND_PATIENCE, ND_CALLBACK, ND_IVR, ND_BOT,
    ND_BOT_TIME, ND_BO_HANDLING,
};

/* Per segment, type or service: what its needs and contacts met. */
struct group_acc {
    uint64_t needs, contacts, ended, resolved, gave_up, attempts;
    uint64_t by_channel[MODEL_MAX_CHANNELS];
    struct welford wait;
};

/* One interval of the week of an assisted channel, over all weeks. */
struct interval_acc {
    uint64_t arrivals, ended, within, within_norm, abandoned;
    double wait_sum;
};

/*
 * How a contact offered to a channel goes on (channels_offer): a session of
 * self-service, or to the line, straight or after the voice menu, the bot or
 * the journey to the desk.  Set at reset from the channel's settings, so an
 * offer asks once rather than checking each step's kind and settings.
 */
enum channel_entry { ENTRY_SESSION, ENTRY_LINE, ENTRY_IVR, ENTRY_BOT, ENTRY_TRAVEL };

struct world {
    const struct model *m;
    int rep;
    struct calendar *cal;
    double now;

    /* arrivals, handling, patience, needs and channel: Philox streams (rng_counter_alloc's),
     * read inline by the ziggurat; population: MT19937 */
    gsl_rng *rng_arrivals[MODEL_MAX_SOURCES];
    gsl_rng *rng_handling[MODEL_MAX_CHANNELS];      /* anonymous contacts' handling */
    gsl_rng *rng_patience[MODEL_MAX_CHANNELS];      /* anonymous contacts' patience */
    gsl_rng *rng_population, *rng_needs, *rng_channel;
    gsl_rng *rng_keyed;         /* re-keyed for each draw of a need */
    uint64_t need_seq;          /* needs that arose so far */
    double need_gap;            /* the demand's mean gap between needs (0: none arise) */
    double need_gap_end;        /* until then: the end of the rate's piece of the day */
    int need_month;             /* the month of that piece */
    uint32_t next_citizen;      /* the next need's, drawn when it was scheduled */
    int next_service;

    struct pool contacts;       /* struct contact */
    struct pool needs;          /* struct need */
    uint64_t left[MODEL_MAX_CHANNELS];      /* contacts ended, by channel: arrivals, with the live */
    struct world_overflow overflow;         /* set when a pool passed max_in_system */

    struct station st[MODEL_MAX_CHANNELS];
    struct schedule_openings openings[MODEL_MAX_CHANNELS];  /* of each channel's week */
    uint32_t offered[MODEL_MAX_SERVICES];   /* bit c: the service is offered on channel c */
    uint32_t resolving[MODEL_MAX_SERVICES]; /* bit c: a contact on c can resolve it */
    uint32_t apps;                          /* bit c: c is an app (needs a smartphone) */
    double *choice_base;                    /* choice_base_build's sums */
    uint64_t balked[MODEL_MAX_CHANNELS];    /* counted contacts turned away */
    int desk_day[MODEL_MAX_CHANNELS];       /* day of the ticket count */
    int tickets[MODEL_MAX_CHANNELS];        /* walk-in tickets issued that day */
    uint8_t entry[MODEL_MAX_CHANNELS];      /* enum channel_entry */
    struct interval_acc *intervals;         /* n_channels x interval_count */
    int interval_count;
    double inv_interval_s;                  /* 1 / the model's interval_s */
    struct schedule_bucket interval_at;     /* world_interval_at's last interval and its span */
    struct schedule_bucket slot_at;         /* world_slot's last slot and its span */

    struct population pop;
    struct population_synth synth;          /* draws each citizen on its first pick */
    struct demand demand;

    /* needs counted after warm-up */
    uint64_t needs_arrived, needs_resolved, needs_gave_up, needs_attempts;
    struct welford time_to_resolution;
    struct group_acc seg[MODEL_MAX_SEGMENTS];
    struct group_acc type[TYPE_COUNT];
    struct group_acc service[MODEL_MAX_SERVICES];
    uint64_t escalations[MODEL_MAX_CHANNELS][MODEL_MAX_CHANNELS + 1];
    double citizen_wait_s, citizen_travel_s;

    /* back office */
    struct station bo;
    uint64_t bo_cases, bo_closed, bo_chases;
    struct welford bo_time;
};

/*
 * What became of a contact, as its channel reports it to the world.  The
 * world hands the outcome to the journey of the contact's need, if any: an
 * arrival stream's contact has none, and a chase (CF_CHASE) only waits for
 * its case, which the back office resolves.
 */
enum outcome_kind {
    OUTCOME_WAITED,         /* its wait in line ended: answered or abandoned */
    OUTCOME_HANDLED,        /* served to the end, resolved or not */
    OUTCOME_ABANDONED,      /* left the line */
    OUTCOME_TURNED_AWAY,    /* closed, no ticket left, or the line too long */
    OUTCOME_CASE_CLOSED,    /* the back office closed the need's case */
};

struct outcome {
    enum outcome_kind kind;
    int channel;
    uint32_t need;          /* the contact's need while it lasts, else NONE */
    uint8_t flags;          /* the contact's CF_* */
    int resolved;           /* OUTCOME_HANDLED: the contact resolved the need */
    double wait;            /* OUTCOME_WAITED: seconds in line */
};

/* world.c */
/* The records by id: pool_at, with the record's size known to the compiler. */
static inline struct contact *world_contact(const struct world *w, uint32_t id)
{
    assert(w->contacts.size == sizeof(struct contact));
    return (struct contact *)(void *)w->contacts.items + id;
}

static inline struct need *world_need(const struct world *w, uint32_t id)
{
    assert(w->needs.size == sizeof(struct need));
    return (struct need *)(void *)w->needs.items + id;
}
static inline int world_is_assisted(const struct world *w, int ch)
{
    return choice_is_assisted(w->m->channels[ch].kind);
}

/* Earliest time >= t at which channel ch is open; INFINITY when never. */
static inline double world_next_open(const struct world *w, int ch, double t)
{
    return schedule_openings_next(&w->openings[ch], &w->m->channels[ch].week, t);
}
/*
 * The interval of the week that time t (>= 0) falls in; truncation is floor
 * here.  Both quotients are schedule_trunc_div's: the divisions' results,
 * without their wait on every contact's path.
 */
static inline int world_interval(const struct world *w, double t)
{
    double wk = t - SCHEDULE_WEEK_S *
                    (double)schedule_trunc_div(t, SCHEDULE_WEEK_S, 1.0 / SCHEDULE_WEEK_S);
    int k = (int)schedule_trunc_div(wk, w->m->interval_s, w->inv_interval_s);
    return k < w->interval_count ? k : w->interval_count - 1;
}

/* The same, and schedule_slot, out of line: when t is outside the bucket (world.c). */
int world_interval_refill(struct world *w, double t);
int world_slot_refill(struct world *w, double t);

/* world_interval(w, t), by the span of the last interval asked where t is in it. */
static inline int world_interval_at(struct world *w, double t)
{
    if (t >= w->interval_at.lo && t < w->interval_at.hi) {
        assert(w->interval_at.k == world_interval(w, t));
        return w->interval_at.k;
    }
    return world_interval_refill(w, t);
}

/* schedule_slot(t), likewise. */
static inline int world_slot(struct world *w, double t)
{
    if (t >= w->slot_at.lo && t < w->slot_at.hi) {
        assert(w->slot_at.k == schedule_slot(t));
        return w->slot_at.k;
    }
    return world_slot_refill(w, t);
}

/* Whether channel ch is open now. */
static inline int world_is_open(struct world *w, int ch)
{
    return w->m->channels[ch].week.open[world_slot(w, w->now)];
}

/*
 * The tag of decision `what` of need n at its current try and chase: one
 * per (what, try, chase) for any number of chases, and tries up to 65,535
 * (journey.max_attempts allows 20).
 *
 * Bits 0-7: chase, 8-15: try, 16-23: decision, 24: the purpose; so far the
 * tags of every released version, which keeps their results.  Chases past
 * 255 put the rest of their count in bits 32-55, and tries past 255 in
 * 56-63, where no tag had bits: no two (decision, try, chase) share a tag.
 */
static inline uint64_t world_need_tag(const struct need *n, enum need_draw what)
{
    uint64_t tries = n->attempts, chases = n->chases;
    return PURPOSE_NEED_DRAWS + ((uint64_t)what << 16) + ((tries & 0xff) << 8) + (chases & 0xff) +
           ((chases >> 8) << 32) + ((tries >> 8) << 56);
}

/*
 * The stream for decision `what` of need nid at its current try (and
 * chase).  Inline, with rng_uniform: a need's decision draws its number
 * without a call.
 */
static inline gsl_rng *world_need_rng(struct world *w, uint32_t nid, enum need_draw what)
{
    const struct need *n = world_need(w, nid);
    rng_keyed_seek(w->rng_keyed, n->seq, world_need_tag(n, what));
    return w->rng_keyed;
}

/* The contact's need if it is still the one it was made for, else NONE. */
static inline uint32_t world_contact_need(const struct world *w, const struct contact *c)
{
    if (c->need == NONE || world_need(w, c->need)->slot.gen != c->need_gen)
        return NONE;    /* anonymous, or a chase whose case was closed meanwhile */
    return c->need;
}

/* For a contact: its need's stream, or `anonymous` for an arrival stream's contact. */
static inline gsl_rng *world_contact_rng(struct world *w, const struct contact *c,
                                         enum need_draw what, gsl_rng *anonymous)
{
    uint32_t nid = world_contact_need(w, c);
    return nid == NONE ? anonymous : world_need_rng(w, nid, what);
}

/*
 * world_setup.c: replication rep starts afresh: every count and
 * accumulator zero, every stream seeded for rep, the citizens drawn (or
 * copied from `citizens`), memory kept.  0, or -1 when memory runs out.
 */
int world_reset(struct world *w, int rep, const struct population *citizens);

/* A channel tells what became of a contact; 0, or -1 when memory runs out. */
int world_report(struct world *w, const struct outcome *o);

/* A draw that comes true with probability p (one uniform from r). */
static inline int world_chance(gsl_rng *r, double p)
{
    assert(p >= 0.0 && p <= 1.0);
    return rng_uniform(r) < p;
}

/* world_bound.c */
/*
 * Whether pool p (the contacts, or with needs set the needs) may take one
 * more record: not when it would hold more than max_in_system, which stops
 * the replication; the overflow is then recorded.  0 or -1.  Inline where
 * a record is free (always allowed); world_may_grow_new checks a new one.
 */
int world_may_grow_new(struct world *w, const struct pool *p, int needs);

static inline int world_may_grow(struct world *w, const struct pool *p, int needs)
{
    return p->free != POOL_NONE ? 0 : world_may_grow_new(w, p, needs);
}

/* A new contact, offered now, of no need yet; 0 or -1 (no memory, or max_in_system). */
static inline int world_contact_new(struct world *w, uint32_t *id)
{
    if (world_may_grow(w, &w->contacts, 0) != 0 || pool_take(&w->contacts, id) != 0)
        return -1;
    struct contact *c = world_contact(w, *id);
    *c = (struct contact){ .slot = c->slot, .need = NONE, .arrived = w->now, .queued = w->now,
                           .counted = w->now >= w->m->warmup_s };
    return 0;
}

/* The contact left its channel; its slot is free for another. */
static inline void world_contact_free(struct world *w, uint32_t id)
{
    w->left[world_contact(w, id)->channel]++;
    world_contact(w, id)->state = CT_FREE;
    pool_put(&w->contacts, id);
}

/* report.c */
void report_write(const struct world *w, const struct results_index *ix, double *values);

#endif
