/*
 * journey: what a citizen's need does, from the moment it arises.
 *
 *   1. choose a channel among those that offer the service and that the
 *      citizen can use (the app needs a smartphone); a closed channel may be
 *      chosen to wait for its opening (choice.defer_per_hour < 0);
 *   2. try it: a desk visit may be booked as an appointment days ahead;
 *   3. resolved: the need ends and the channel becomes the citizen's habit;
 *      not resolved by an assisted contact: passed to the back office with
 *      the service's probability, else tried again; abandoned or turned
 *      away: tried again with journey.retry_after_abandon, else given up;
 *   4. each new try comes after journey.retry_delay, with the failed
 *      channels penalised and a pull to assisted channels; after
 *      journey.max_attempts tries the citizen gives up.
 *
 * While the back office holds its case, the citizen chases it through the
 * front office every back_office.chase_after: contacts that resolve
 * nothing, the cost of a slow second line.
 */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>

#include "models/channels.h"
#include "models/choice.h"
#include "models/journey.h"
#include "models/world_internal.h"

#define N_GROUPS 3

/* The groups a need counts in: its citizen's segment and type, its service. */
static void groups_of(struct world *w, const struct need *n, struct group_acc *g[N_GROUPS])
{
    g[0] = &w->seg[n->segment];
    g[1] = &w->type[n->type];
    g[2] = &w->service[n->service];
}

/* The need ends: resolved or not; habit_ch >= 0 becomes the citizen's habit. */
static void need_end(struct world *w, uint32_t nid, int resolved, int habit_ch)
{
    struct need *n = world_need(w, nid);
    if (habit_ch >= 0)
        w->pop.citizens[n->citizen].habit = (uint8_t)habit_ch;
    if (n->counted) {
        struct group_acc *g[N_GROUPS];
        groups_of(w, n, g);
        for (int k = 0; k < N_GROUPS; k++) {
            g[k]->ended++;
            g[k]->attempts += n->attempts;
            if (resolved)
                g[k]->resolved++;
            else
                g[k]->gave_up++;
        }
        w->needs_attempts += n->attempts;
        if (resolved) {
            w->needs_resolved++;
            welford_add(&w->time_to_resolution, w->now - n->arrived);
        } else {
            w->needs_gave_up++;
        }
    }
    n->state = NEED_FREE;
    pool_put(&w->needs, nid);
}

/* The try on ch did not resolve need nid: try again later, or give up. */
static int retry(struct world *w, uint32_t nid, int ch)
{
    struct need *n = world_need(w, nid);
    n->failed |= (uint8_t)(1u << ch);
    if (n->attempts >= w->m->journey.max_attempts) {
        need_end(w, nid, 0, -1);
        return 0;
    }
    double delay = dist_draw(&w->m->journey.retry_delay, world_need_rng(w, nid, ND_RETRY_DELAY), 1.0);
    return calendar_push(w->cal, w->now + (isfinite(delay) ? delay : 0.0), EV_ATTEMPT, nid,
                         n->slot.gen, 0);
}

void journey_record_wait(struct world *w, uint32_t nid, double wait)
{
    const struct need *n = world_need(w, nid);
    if (!n->counted)
        return;
    struct group_acc *g[N_GROUPS];
    groups_of(w, n, g);
    for (int k = 0; k < N_GROUPS; k++)
        welford_add(&g[k]->wait, wait);
}

/* Whether a contact on ch can resolve service sv at all. */
static int can_resolve(const struct world *w, int sv, int ch)
{
    return !w->m->services[sv].desk_required || w->m->channels[ch].kind == CHANNEL_DESK;
}

int journey_contact_done(struct world *w, uint32_t nid, int ch, int resolved)
{
    if (resolved && !can_resolve(w, world_need(w, nid)->service, ch))
        resolved = 0;   /* informed, but only the desk can finish it */
    if (resolved) {
        need_end(w, nid, 1, ch);
        return 0;
    }
    struct need *n = world_need(w, nid);
    double to_bo = w->m->services[n->service].on[ch].to_back_office;
    if (w->m->back_office.enabled && to_bo > 0 &&
        world_chance(world_need_rng(w, nid, ND_BACK_OFFICE), to_bo)) {
        n->at_bo = 1;
        n->bo_since = w->now;
        if (n->counted) {
            w->bo_cases++;
            w->escalations[ch][w->m->n_channels]++;
        }
        double chase = dist_draw(&w->m->back_office.chase_delay,
                                 world_need_rng(w, nid, ND_CHASE_DELAY), 1.0);
        if (isfinite(chase) &&
            calendar_push(w->cal, w->now + chase, EV_CHASE, nid, n->slot.gen, 0) != 0)
            return -1;
        return channels_back_office_take(w, nid);
    }
    return retry(w, nid, ch);
}

int journey_contact_lost(struct world *w, uint32_t nid, int ch)
{
    if (world_chance(world_need_rng(w, nid, ND_RETRY), w->m->journey.p_retry_abandoned))
        return retry(w, nid, ch);
    need_end(w, nid, 0, -1);
    return 0;
}

void journey_closed_by_back_office(struct world *w, uint32_t nid)
{
    struct need *n = world_need(w, nid);
    n->at_bo = 0;
    if (n->counted) {
        w->bo_closed++;
        welford_add(&w->bo_time, w->now - n->bo_since);
    }
    need_end(w, nid, 1, -1);
}

/* ---- choosing ------------------------------------------------------- */

/*
 * Channels on which citizen ci can try need n.  A need that only the desk
 * can resolve is sent there once another channel has been tried.
 */
static uint32_t usable_channels(const struct world *w, const struct citizen *ci,
                                const struct need *n)
{
    uint32_t mask = w->offered[n->service];
    if (n->attempts > 0 && !n->at_bo)
        mask &= w->resolving[n->service];
    if (!(ci->flags & CITIZEN_SMARTPHONE))
        mask &= ~w->apps;
    return mask;
}

/*
 * Draws a channel for need n now, in week slot `slot`; closed ones only when
 * deferring is allowed.  Only the usable channels' waits and openings are
 * filled in.
 */
static int choose(struct world *w, uint32_t nid, int allow_defer, int slot)
{
    const struct model *m = w->m;
    const struct need *n = world_need(w, nid);
    const struct citizen *ci = &w->pop.citizens[n->citizen];
    double now = w->now;
    int defer = allow_defer && m->choice.b_defer < 0.0;
    struct choice_input in;     /* not zeroed: the usable channels' entries are set */
    in.citizen = ci;
    in.service = n->service;
    in.usable = usable_channels(w, ci, n);
    in.failed = n->failed;
    in.attempt = n->attempts + 1;
    /* the citizen works office hours and is at work now (choice.work_hours) */
    in.at_work = (ci->flags & CITIZEN_OFFICE_HOURS) && m->choice.work_week[slot];
    in.base = choice_base_row(m, w->choice_base, n->segment, n->service, n->type);
    for (uint32_t set = in.usable; set; set &= set - 1) {
        int c = __builtin_ctz(set);
        in.wait_min[c] = channels_expected_wait_s(w, c) / 60.0;
        in.defer_h[c] = 0.0;
        if (m->channels[c].week.open[slot])
            continue;
        double open = schedule_openings_after(&w->openings[c], slot, now);
        if (open > now) {
            if (defer && isfinite(open))
                in.defer_h[c] = (open - now) / 3600.0;
            else
                in.usable &= ~(1u << c);
        }
    }
    return choice_pick(m, &in, rng_uniform(world_need_rng(w, nid, ND_CHOICE)));
}

/* A contact for need nid on ch, now. */
static int make_contact(struct world *w, uint32_t nid, int ch, uint8_t flags)
{
    uint32_t id;
    if (world_contact_new(w, &id) != 0)
        return -1;
    struct need *n = world_need(w, nid);
    struct contact *c = world_contact(w, id);
    c->need = nid;
    c->need_gen = n->slot.gen;
    c->flags = flags;
    if (!(flags & CF_CHASE)) {
        n->attempts++;
        if (n->counted && n->last != NO_CHANNEL)
            w->escalations[n->last][ch]++;
        n->last = (uint8_t)ch;
    }
    if (n->counted) {
        struct group_acc *g[N_GROUPS];
        groups_of(w, n, g);
        for (int k = 0; k < N_GROUPS; k++) {
            g[k]->contacts++;
            g[k]->by_channel[ch]++;
        }
    }
    return channels_offer(w, id, ch);
}

/*
 * A booked visit at or after t while the desk is open: an appointment that
 * would fall in closed hours moves to a random quarter of the next opening
 * hours, so bookings spread over the day instead of queueing at the door.
 */
static double appointment_time(const struct world *w, gsl_rng *r, int ch, double t)
{
    const struct schedule *week = &w->m->channels[ch].week;
    double open = world_next_open(w, ch, t);
    if (!isfinite(open) || open == t)
        return open;
    int quarters = 0;
    while (quarters < SCHEDULE_SLOTS_PER_DAY &&
           schedule_is_open(week, open + quarters * SCHEDULE_SLOT_S))
        quarters++;
    double pick = floor(rng_uniform(r) * quarters);
    return open + pick * SCHEDULE_SLOT_S + rng_uniform(r) * SCHEDULE_SLOT_S;
}

int journey_attempt(struct world *w, uint32_t nid, uint32_t gen, int to_channel)
{
    struct need *n = world_need(w, nid);
    const struct model *m = w->m;
    if (n->slot.gen != gen || n->state != NEED_OPEN)
        return 0;
    int ch = to_channel, slot = world_slot(w, w->now);
    if (ch < 0 || !m->channels[ch].week.open[slot]) {
        ch = choose(w, nid, 1, slot);
        if (ch < 0) {
            need_end(w, nid, 0, -1);    /* nowhere to turn */
            return 0;
        }
        const struct channel_params *cp = &m->channels[ch];
        gsl_rng *booking;
        if (cp->kind == CHANNEL_DESK && cp->appointment_share > 0 &&
            world_chance(booking = world_need_rng(w, nid, ND_APPOINTMENT),
                         cp->appointment_share)) {
            double lead = dist_draw(&cp->appointment_lead, booking, 1.0);
            double visit = appointment_time(w, booking, ch, w->now + (isfinite(lead) ? lead : 0.0));
            if (isfinite(visit))
                return calendar_push(w->cal, visit, EV_APPOINTMENT, nid, n->slot.gen,
                                     (uint32_t)ch);
        }
        double open = cp->week.open[slot] ? w->now
                                          : schedule_openings_after(&w->openings[ch], slot, w->now);
        if (open > w->now) {
            double spread = dist_draw(&m->journey.defer_spread, world_need_rng(w, nid, ND_DEFER),
                                      1.0);
            return calendar_push(w->cal, open + (isfinite(spread) ? spread : 0.0), EV_ATTEMPT,
                                 nid, n->slot.gen, (uint32_t)ch + 1);
        }
    }
    return make_contact(w, nid, ch, 0);
}

int journey_on_appointment(struct world *w, uint32_t nid, uint32_t gen, int ch)
{
    const struct need *n = world_need(w, nid);
    if (n->slot.gen != gen || n->state != NEED_OPEN)
        return 0;
    return make_contact(w, nid, ch, CF_APPOINTMENT);
}

int journey_on_chase(struct world *w, uint32_t nid, uint32_t gen)
{
    struct need *n = world_need(w, nid);
    if (n->slot.gen != gen || n->state != NEED_OPEN || !n->at_bo)
        return 0;
    int ch = choose(w, nid, 0, world_slot(w, w->now));
    if (ch >= 0) {
        n->chases++;
        if (n->counted)
            w->bo_chases++;
        if (make_contact(w, nid, ch, CF_CHASE) != 0)
            return -1;
    }
    double next = dist_draw(&w->m->back_office.chase_delay, world_need_rng(w, nid, ND_CHASE_DELAY),
                            1.0);
    return calendar_push(w->cal, w->now + next, EV_CHASE, nid, n->slot.gen, 0);
}

int journey_on_need(struct world *w, int sv, uint32_t citizen)
{
    uint32_t nid;
    if (world_may_grow(w, &w->needs, 1) != 0 || pool_take(&w->needs, &nid) != 0)
        return -1;
    struct need *n = world_need(w, nid);
    uint32_t gen = n->slot.gen;
    const struct citizen *ci = &w->pop.citizens[citizen];
    *n = (struct need){
        .slot = n->slot,
        .arrived = w->now,
        .citizen = citizen,
        .service = (uint16_t)sv,
        .segment = (uint8_t)ci->segment,
        .type = ci->type,
        .state = NEED_OPEN,
        .counted = w->now >= w->m->warmup_s,
        .last = NO_CHANNEL,
        .seq = w->need_seq++,
    };
    if (n->counted) {
        struct group_acc *g[N_GROUPS];
        groups_of(w, n, g);
        w->needs_arrived++;
        for (int k = 0; k < N_GROUPS; k++)
            g[k]->needs++;
    }
    return journey_attempt(w, nid, gen, -1);
}
