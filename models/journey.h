/*
 * journey: what a citizen's need does, from the moment it arises
 * (journey.c).  Internal to the world: only world.c includes this header,
 * to dispatch a need's events and to hand on the outcomes its contacts met
 * at the channels.
 */
#ifndef CHANMIX_MODELS_JOURNEY_H
#define CHANMIX_MODELS_JOURNEY_H

#include <stdint.h>

struct world;

/* Events, dispatched by the world's loop. */
/* A need for service sv arises for a citizen. */
int journey_on_need(struct world *w, int sv, uint32_t citizen);
int journey_attempt(struct world *w, uint32_t nid, uint32_t gen, int to_channel);
int journey_on_appointment(struct world *w, uint32_t nid, uint32_t gen, int ch);
int journey_on_chase(struct world *w, uint32_t nid, uint32_t gen);

/* Outcomes of need nid's contacts, handed on by the world. */
/* A contact on ch ended: resolved, or not (escalate or try again). */
int journey_contact_done(struct world *w, uint32_t nid, int ch, int resolved);
/* The contact was abandoned or turned away. */
int journey_contact_lost(struct world *w, uint32_t nid, int ch);
/* The back office closed the case. */
void journey_closed_by_back_office(struct world *w, uint32_t nid);
/* A contact's wait in line ended after `wait` seconds. */
void journey_record_wait(struct world *w, uint32_t nid, double wait);

#endif
