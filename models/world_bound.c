/*
 * world_bound: what one replication may hold at once.
 *
 * An overloaded line grows as long as the run lasts; left alone it fills
 * the memory and the kernel kills the run.  The pools of contacts and of
 * needs ask world_may_grow before they grow: past max_in_system (a million
 * by default) the replication stops, and what it looked like is recorded,
 * the line that grew, when, and the load it was offered, for the user.
 * The check costs nothing until a pool is full; the record is made once.
 */
#include <math.h>

#include "models/world_internal.h"

/* The channel's arrivals so far, their rate and load, for an overflow's message. */
static void offered(const struct world *w, int ch, uint64_t live, struct world_overflow *o)
{
    const struct channel_params *cp = &w->m->channels[ch];
    double rate = w->now > 0.0 ? (double)(w->left[ch] + live) / w->now : NAN;
    o->channel = ch;
    o->in_system = live;
    o->arrivals_per_hour = rate * 3600.0;
    o->load_erlang = NAN;
    o->agents = 0;
    if (world_is_assisted(w, ch)) {
        const struct welford *h = &w->st[ch].handling;
        o->load_erlang = rate * (h->n > 0 ? h->mean : cp->handling.mean);
        o->agents = w->st[ch].agents;
    }
}

/* The back office's cases, their rate since warm-up and load, for an overflow's message. */
static void offered_back_office(const struct world *w, uint64_t cases, struct world_overflow *o)
{
    double since = w->now - w->m->warmup_s;
    double rate = since > 0.0 ? (double)w->bo_cases / since : NAN;
    o->channel = -1;
    o->in_system = cases;
    o->arrivals_per_hour = rate * 3600.0;
    o->load_erlang = rate * w->m->back_office.handling.mean;
    o->agents = w->bo.agents;
}

/*
 * A pool with no free record holds p->n live ones.  At max_in_system the
 * replication stops, and what it looked like is recorded: scanning the
 * pools is slow, but happens once.
 */
int world_may_grow_new(struct world *w, const struct pool *p, int needs)
{
    long bound = w->m->max_in_system > 0 ? w->m->max_in_system : MODEL_MAX_IN_SYSTEM;
    if (p->free != POOL_NONE || (long)p->n < bound)
        return 0;
    uint64_t live[MODEL_MAX_CHANNELS] = { 0 }, cases = 0;
    for (uint32_t i = 0; i < w->contacts.n; i++) {
        const struct contact *c = world_contact(w, i);
        if (c->state != CT_FREE)
            live[c->channel]++;
    }
    for (uint32_t i = 0; needs && i < w->needs.n; i++) {
        const struct need *n = world_need(w, i);
        cases += n->state == NEED_OPEN && n->at_bo;
    }
    int ch = 0;
    for (int c = 1; c < w->m->n_channels; c++)
        if (live[c] > live[ch])
            ch = c;
    struct world_overflow *o = &w->overflow;
    if (needs && cases > live[ch])
        offered_back_office(w, cases, o);
    else
        offered(w, ch, live[ch], o);
    o->rep = w->rep;
    o->needs = needs;
    o->time_s = w->now;
    o->bound = bound;
    return -1;
}
