/*
 * channels: what happens to a contact at a channel (channels.c), as the
 * world and the journeys of needs see it.  Internal to the world: only
 * world.c and journey.c include this header.  A channel reports what became
 * of each contact to the world (world_report); it calls no journey.
 */
#ifndef CHANMIX_MODELS_CHANNELS_H
#define CHANMIX_MODELS_CHANNELS_H

#include <stdint.h>

#include "models/world_internal.h"

/* Offers contact id, new now, to channel ch; 0 or -1 (no memory). */
int channels_offer(struct world *w, uint32_t id, int ch);

/*
 * The wait a citizen expects at ch now, from the line and the agents on
 * duty.  Inline: each choice asks it of every usable channel.
 */
static inline double channels_expected_wait_s(const struct world *w, int ch)
{
    const struct station *s = &w->st[ch];
    if (!world_is_assisted(w, ch) || (station_has_room(s) && s->waiting == 0))
        return 0.0;
    int servers = (s->agents > 0 ? s->agents : 1) * s->sessions;
    return ((double)s->waiting + 1.0) * w->m->channels[ch].handling.mean / servers;
}

/* The back office takes the case of need nid. */
int channels_back_office_take(struct world *w, uint32_t nid);

/* Events, dispatched by the world's loop. */
int channels_on_queue_entry(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_service_end(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_abandon(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_session_end(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_bot_end(struct world *w, uint32_t id, uint32_t gen, int ch);
int channels_on_staff(struct world *w, int ch);
int channels_on_back_office_end(struct world *w, uint32_t nid, uint32_t gen);

#endif
