/*
 * world: pools, streams and the event loop of one replication, see world.h;
 * the memory a world keeps between replications is world_setup.c's.
 *
 * Two kinds of demand feed the channels.  Arrival streams send anonymous
 * Poisson contacts straight to a channel (queue validation).  Needs arise
 * for citizens (demand.c) and follow a journey (journey.c) through the
 * channels (channels.c).  This file owns the pools, the random streams and
 * the loop that dispatches events to those two.
 *
 * Contacts and needs live in pools (sim/pool.h) indexed by id, with a
 * generation that changes when a slot is reused: an event scheduled for an
 * earlier occupant is recognised as stale and ignored.
 *
 * Channels report what became of each contact (world_report); the world
 * hands the outcome to the journey of the contact's need, so channels and
 * journeys never call each other in a circle.
 */
#include "models/world.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "models/arrivals.h"
#include "models/channels.h"
#include "models/choice.h"
#include "models/journey.h"
#include "models/world_internal.h"
#include "sim/rng.h"
#include "sim/ziggurat.h"

int world_interval_refill(struct world *w, double t)
{
    int k = world_interval(w, t);
    schedule_bucket_fill(&w->interval_at, t, k, w->m->interval_s, w->interval_count);
    return k;
}

int world_slot_refill(struct world *w, double t)
{
    int k = schedule_slot(t);
    schedule_bucket_fill(&w->slot_at, t, k, SCHEDULE_SLOT_S, SCHEDULE_SLOTS);
    return k;
}

/* ---- outcomes ------------------------------------------------------- */

int world_report(struct world *w, const struct outcome *o)
{
    if (o->need == NONE)
        return 0;       /* an arrival stream's contact: no journey to tell */
    if (o->kind == OUTCOME_WAITED) {
        journey_record_wait(w, o->need, o->wait);
        return 0;
    }
    if (o->flags & CF_CHASE)
        return 0;       /* the back office, not the chase, resolves the case */
    assert(world_need(w, o->need)->state == NEED_OPEN);
    switch (o->kind) {
    case OUTCOME_HANDLED:
        return journey_contact_done(w, o->need, o->channel, o->resolved);
    case OUTCOME_ABANDONED:
    case OUTCOME_TURNED_AWAY:
        return journey_contact_lost(w, o->need, o->channel);
    case OUTCOME_CASE_CLOSED:
        journey_closed_by_back_office(w, o->need);
        return 0;
    case OUTCOME_WAITED:
        break;
    }
    return 0;
}

/*
 * Timer slots of the calendar: the next need (or the change of rate before
 * it), and each arrival stream's next contact, are always one event each.
 */
enum { TIMER_NEED = 0, TIMER_ARRIVALS = 1 };
_Static_assert(TIMER_ARRIVALS + MODEL_MAX_SOURCES <= CALENDAR_TIMERS, "a timer per stream");

/* ---- arrival streams ------------------------------------------------ */

static int on_arrival(struct world *w, int src)
{
    const struct source_params *sp = &w->m->sources[src];
    double next = arrivals_next(sp, w->m->interval_s, w->now, w->m->horizon_s,
                                w->rng_arrivals[src]);
    if (isfinite(next))
        calendar_set_timer(w->cal, TIMER_ARRIVALS + src, next, EV_ARRIVAL, 0, 0, (uint32_t)src);
    uint32_t id;
    if (world_contact_new(w, &id) != 0)
        return -1;
    struct contact *c = world_contact(w, id);
    c->source = (uint8_t)(src + 1);
    if (sp->file)
        c->flags |= CF_FILE;
    return channels_offer(w, id, sp->channel);
}

/* ---- demand --------------------------------------------------------- */

/*
 * Schedules the next need, or a tick where the rate changes before it.  The
 * need's service and citizen are drawn now rather than when it arises (the
 * same draws in the same order from the same stream), so that the citizen's
 * record, one of hundreds of thousands, can be fetched into the cache
 * meanwhile.  The rate holds for a piece of the day: its mean gap is looked
 * up once a piece, and the gap drawn by the ziggurat (sim/ziggurat.h).
 */
static int schedule_need(struct world *w)
{
    if (!(w->now < w->need_gap_end)) {
        double rate = demand_rate(&w->demand, w->now, &w->need_gap_end);
        w->need_gap = rate > 0.0 ? 1.0 / rate : 0.0;
        w->need_month = demand_month(&w->demand, w->now);
    }
    double end = w->need_gap_end;
    if (w->need_gap > 0.0) {
        double t = w->now + ziggurat_exponential(w->rng_needs) * w->need_gap;
        if (t < end) {
            int seg;
            demand_pick_in(&w->demand, w->need_month, w->rng_needs, &seg, &w->next_service);
            w->next_citizen = population_pick(&w->pop, seg, w->rng_needs);
            population_touch(&w->pop, &w->synth, seg, w->next_citizen);
            __builtin_prefetch(&w->pop.citizens[w->next_citizen]);
            calendar_set_timer(w->cal, TIMER_NEED, t, EV_NEED, 0, 0, 0);
            return 0;
        }
    }
    calendar_set_timer(w->cal, TIMER_NEED, end, EV_NEED_TICK, 0, 0, 0);
    return 0;
}

static int push_staff_change(struct world *w, const struct schedule *week, int ch)
{
    double next = schedule_next_change(week, w->now);
    return isfinite(next) ? calendar_push(w->cal, next, EV_STAFF, 0, 0, (uint32_t)ch) : 0;
}

static int world_start(struct world *w)
{
    const struct model *m = w->m;
    for (int i = 0; i < m->n_sources; i++) {
        double first = arrivals_next(&m->sources[i], m->interval_s, 0.0, m->horizon_s,
                                     w->rng_arrivals[i]);
        if (isfinite(first))
            calendar_set_timer(w->cal, TIMER_ARRIVALS + i, first, EV_ARRIVAL, 0, 0, (uint32_t)i);
    }
    if (m->n_services > 0 && w->pop.n > 0 && schedule_need(w) != 0)
        return -1;
    for (int c = 0; c < m->n_channels; c++)
        if (world_is_assisted(w, c) && push_staff_change(w, &m->channels[c].week, c) != 0)
            return -1;
    if (m->back_office.enabled && push_staff_change(w, &m->back_office.week, m->n_channels) != 0)
        return -1;
    if (m->warmup_s > 0 && calendar_push(w->cal, m->warmup_s, EV_WARMUP_END, 0, 0, 0) != 0)
        return -1;
    return 0;
}

static int on_staff(struct world *w, int ch)
{
    const struct model *m = w->m;
    int rc = channels_on_staff(w, ch);
    const struct schedule *week = ch < m->n_channels ? &m->channels[ch].week : &m->back_office.week;
    return rc != 0 ? rc : push_staff_change(w, week, ch);
}

/* An event of a timer slot: only demand and arrival streams hold them. */
static inline int on_timer(struct world *w, const struct calendar_event *e)
{
    if (e->kind == EV_ARRIVAL)
        return on_arrival(w, (int)e->aux);
    int rc = 0;
    if (e->kind == EV_NEED)
        rc = journey_on_need(w, w->next_service, w->next_citizen);
    assert(e->kind == EV_NEED || e->kind == EV_NEED_TICK);
    return rc != 0 ? rc : schedule_need(w);
}

/* An event of the heap: any kind but a timer's. */
static inline int on_event(struct world *w, const struct calendar_event *e)
{
    const struct model *m = w->m;
    switch ((enum event_kind)e->kind) {
    case EV_QUEUE_ENTRY:
        return channels_on_queue_entry(w, e->id, e->gen, (int)e->aux);
    case EV_SERVICE_END:
        return channels_on_service_end(w, e->id, e->gen, (int)e->aux);
    case EV_ABANDON:
        return channels_on_abandon(w, e->id, e->gen, (int)e->aux);
    case EV_SESSION_END:
        return channels_on_session_end(w, e->id, e->gen, (int)e->aux);
    case EV_BOT_END:
        return channels_on_bot_end(w, e->id, e->gen, (int)e->aux);
    case EV_ATTEMPT:
        return journey_attempt(w, e->id, e->gen, (int)e->aux - 1);
    case EV_APPOINTMENT:
        return journey_on_appointment(w, e->id, e->gen, (int)e->aux);
    case EV_STAFF:
        return on_staff(w, (int)e->aux);
    case EV_BO_END:
        return channels_on_back_office_end(w, e->id, e->gen);
    case EV_CHASE:
        return journey_on_chase(w, e->id, e->gen);
    case EV_WARMUP_END:
        for (int c = 0; c < m->n_channels; c++)
            station_reset_averages(&w->st[c], w->now);
        station_reset_averages(&w->bo, w->now);
        return 0;
    case EV_ARRIVAL:
    case EV_NEED:
    case EV_NEED_TICK:
        break;  /* timers' kinds (on_timer) */
    }
    assert(!"a timer's event in the heap");
    return 0;
}

/*
 * Timer and heap events are dispatched apart: where the two interleave at
 * random (arrivals and ends of service), the calendar's choice between them
 * is the one unpredictable branch, and each dispatch after it is predicted.
 */
static int world_loop(struct world *w)
{
    const double horizon = w->m->horizon_s;
    struct calendar_event e;
    for (;;) {
        int from = calendar_pop_from(w->cal, &e);
        if (from == CALENDAR_NO_MEMORY)
            return -1;
        if (from < 0 || e.time > horizon)
            return 0;
        assert(e.time >= w->now);
        w->now = e.time;
        int rc = from == CALENDAR_FROM_TIMER ? on_timer(w, &e) : on_event(w, &e);
        if (rc != 0)
            return rc;
    }
}

#ifndef NDEBUG
/*
 * Conservation at the horizon: every counted contact offered to a channel
 * was handled, abandoned or turned away, or is still there; every counted
 * need was resolved or given up, or is still open; every case sent to the
 * back office was closed or is still there.
 */
static void check_conservation(const struct world *w)
{
    uint64_t in_system[MODEL_MAX_CHANNELS] = { 0 };
    for (uint32_t i = 0; i < w->contacts.n; i++) {
        const struct contact *c = world_contact(w, i);
        if (c->counted && (c->state == CT_WAITING || c->state == CT_IN_SERVICE ||
                           c->state == CT_TRAVEL))
            in_system[c->channel]++;
    }
    for (int ch = 0; ch < w->m->n_channels; ch++) {
        const struct station *s = &w->st[ch];
        assert(s->offered == s->handled + s->abandoned + w->balked[ch] + in_system[ch]);
    }
    uint64_t open = 0, at_bo = 0;
    for (uint32_t i = 0; i < w->needs.n; i++) {
        const struct need *n = world_need(w, i);
        open += n->state == NEED_OPEN && n->counted;
        at_bo += n->state == NEED_OPEN && n->counted && n->at_bo;
    }
    assert(w->needs_arrived == w->needs_resolved + w->needs_gave_up + open);
    assert(w->bo_cases == w->bo_closed + at_bo);
}
#else
static void check_conservation(const struct world *w)
{
    (void)w;
}
#endif

int world_replicate(struct world *w, const struct results_index *ix, int rep,
                    const struct population *citizens, double *values,
                    struct world_overflow *over)
{
    int rc = world_reset(w, rep, citizens);
    if (rc == 0)
        rc = world_start(w);
    if (rc == 0)
        rc = world_loop(w);
    if (rc == 0) {
        check_conservation(w);
        report_write(w, ix, values);
    }
    if (rc != 0 && w->overflow.bound > 0) {
        rc = WORLD_OVERFLOW;
        if (over)
            *over = w->overflow;
    }
    return rc;
}

int world_run(const struct model *m, const struct results_index *ix, int rep, double *values)
{
    return world_run_from(m, ix, rep, NULL, values, NULL);
}

int world_run_from(const struct model *m, const struct results_index *ix, int rep,
                   const struct population *citizens, double *values,
                   struct world_overflow *over)
{
    struct world *w = world_alloc(m);
    if (!w)
        return -1;
    int rc = world_replicate(w, ix, rep, citizens, values, over);
    world_free(w);
    return rc;
}
