/*
 * world_internal: the state of one replication, shared by the files that
 * run it (world.c: pools, set-up, event loop; channels.c: what happens at a
 * channel; journey.c: what a need does next; report.c: the figures).
 * Nothing outside models/world*.c, channels.c, journey.c and report.c
 * includes this header.
 */
#ifndef CHANMIX_MODELS_WORLD_INTERNAL_H
#define CHANMIX_MODELS_WORLD_INTERNAL_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "models/demand.h"
#include "models/model.h"
#include "models/population.h"
#include "models/results.h"
#include "models/station.h"
#include "sim/calendar.h"
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

#define NONE UINT32_MAX
#define NO_CHANNEL 0xffu

#define CF_CHASE 0x01u          /* asks about a case at the back office */
#define CF_CALLBACK 0x02u       /* accepted a callback: no patience clock */
#define CF_APPOINTMENT 0x04u    /* a booked desk visit: priority line */
#define CF_CONTEXT 0x08u        /* handed over by the bot with its conversation */

struct contact {
    double arrived;     /* offered to the channel */
    double queued;      /* joined the line (after menu or travel) */
    uint32_t gen;
    uint32_t next_free;
    uint32_t need;      /* NONE for contacts of an arrival stream */
    uint32_t need_gen;  /* the need's generation: a chase may outlive its need */
    uint16_t agent;     /* chat: the agent holding the session */
    uint8_t state;
    uint8_t channel;
    uint8_t counted;    /* arrived after warm-up */
    uint8_t flags;      /* CF_* */
};

struct need {
    uint64_t seq;       /* order of arrival in the replication: the key of its draws */
    double arrived;
    double bo_since;    /* when the back office got the case */
    uint32_t citizen;
    uint32_t next_free;
    uint32_t gen;
    uint16_t service;
    uint8_t attempts;
    uint8_t failed;     /* bit c: channel c did not resolve it */
    uint8_t counted;
    uint8_t state;
    uint8_t last;       /* channel of the last try, NO_CHANNEL before the first */
    uint8_t at_bo;      /* the back office holds the case */
    uint8_t chases;     /* contacts made to chase the case */
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

struct world {
    const struct model *m;
    int rep;
    struct calendar *cal;
    double now;

    gsl_rng *rng_arrivals[MODEL_MAX_SOURCES];
    gsl_rng *rng_handling[MODEL_MAX_CHANNELS];      /* anonymous contacts' handling */
    gsl_rng *rng_patience[MODEL_MAX_CHANNELS];      /* anonymous contacts' patience */
    gsl_rng *rng_population, *rng_needs, *rng_channel;
    gsl_rng *rng_keyed;         /* re-keyed for each draw of a need */
    uint64_t need_seq;          /* needs that arose so far */

    struct contact *contacts;
    uint32_t n_contacts, cap_contacts, free_contact;
    struct need *needs;
    uint32_t n_needs, cap_needs, free_need;

    struct station st[MODEL_MAX_CHANNELS];
    uint64_t balked[MODEL_MAX_CHANNELS];    /* counted contacts turned away */
    int desk_day[MODEL_MAX_CHANNELS];       /* day of the ticket count */
    int tickets[MODEL_MAX_CHANNELS];        /* walk-in tickets issued that day */
    struct interval_acc *intervals;         /* n_channels x interval_count */
    int interval_count;

    struct population pop;
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

/* world.c */
int world_contact_new(struct world *w, uint32_t *id);
void world_contact_free(struct world *w, uint32_t id);
int world_is_assisted(const struct world *w, int ch);
int world_interval(const struct world *w, double t);

/* The stream for decision `what` of need nid at its current try (and chase). */
gsl_rng *world_need_rng(struct world *w, uint32_t nid, enum need_draw what);

/* The contact's need if it is still the one it was made for, else NONE. */
uint32_t world_contact_need(const struct world *w, const struct contact *c);

/* For a contact: its need's stream, or `anonymous` for an arrival stream's contact. */
gsl_rng *world_contact_rng(struct world *w, const struct contact *c, enum need_draw what,
                           gsl_rng *anonymous);

/* channels.c */
int channels_offer(struct world *w, uint32_t id, int ch);
int channels_on_queue_entry(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_service_end(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_abandon(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_session_end(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_bot_end(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_staff(struct world *w, int ch);
double channels_expected_wait_s(const struct world *w, int ch);
int channels_back_office_take(struct world *w, uint32_t nid);
int channels_on_back_office_end(struct world *w, uint32_t nid, uint32_t gen);

/* journey.c */
int journey_on_need(struct world *w);
int journey_attempt(struct world *w, uint32_t nid, uint32_t gen, int to_channel);
int journey_on_appointment(struct world *w, uint32_t nid, uint32_t gen, int ch);
int journey_on_chase(struct world *w, uint32_t nid, uint32_t gen);
/* A contact for need nid on ch ended: resolved, or not (escalate or try again). */
int journey_contact_done(struct world *w, uint32_t nid, int ch, int resolved);
/* The contact was abandoned or turned away. */
int journey_contact_lost(struct world *w, uint32_t nid, int ch);
/* The back office closed the case. */
void journey_closed_by_back_office(struct world *w, uint32_t nid);
void journey_record_wait(struct world *w, const struct contact *c, double wait);

/* report.c */
void report_write(const struct world *w, const struct results_index *ix, double *values);

#endif
