/*
 * world: the event loop of one replication, see world.h.
 *
 * Two kinds of demand feed the channels.  Arrival streams send anonymous
 * Poisson contacts straight to a channel (queue validation).  Needs arise
 * for citizens (demand.c) and follow a journey: choose a channel (choice.c),
 * try it, and when the try does not resolve the need, try again after a
 * delay, with the failed channel penalised, until resolved or the citizen
 * gives up after the maximum number of attempts.
 *
 * Contacts and needs live in pools indexed by id.  A contact slot's
 * generation changes when it is reused, so an abandonment event scheduled
 * for an earlier occupant is recognised as stale and ignored.  Only
 * contacts and needs that arise after the warm-up are counted, and each is
 * followed to its end or to the horizon, which is what makes the
 * conservation laws hold exactly.
 */
#include "models/world.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "models/choice.h"
#include "models/demand.h"
#include "models/population.h"
#include "models/station.h"
#include "sim/calendar.h"
#include "sim/rng.h"

enum event_kind {
    EV_ARRIVAL,         /* aux: source */
    EV_SERVICE_END,     /* id: contact, aux: channel */
    EV_ABANDON,         /* id: contact, gen, aux: channel */
    EV_SESSION_END,     /* id: contact, aux: channel (self-service) */
    EV_NEED,            /* a need arises */
    EV_NEED_TICK,       /* the demand rate changes */
    EV_ATTEMPT,         /* id: need: its next try; aux: channel + 1 when deferred to it */
    EV_STAFF,           /* aux: channel: opening hours or staffing change */
    EV_WARMUP_END,
};

enum contact_state { CT_FREE, CT_WAITING, CT_IN_SERVICE, CT_ABANDONED };
enum need_state { NEED_FREE, NEED_OPEN };

#define NONE UINT32_MAX

struct contact {
    double arrived;
    uint32_t gen;
    uint32_t next_free;
    uint32_t need;      /* NONE for contacts of an arrival stream */
    uint8_t state;
    uint8_t channel;
    uint8_t counted;    /* arrived after warm-up */
};

struct need {
    double arrived;
    uint32_t citizen;
    uint32_t next_free;
    uint16_t service;
    uint8_t attempts;
    uint8_t failed;     /* bit c: channel c did not resolve it */
    uint8_t counted;
    uint8_t state;
};

/* Per segment or per type: what its needs and contacts met. */
struct group_acc {
    uint64_t needs, contacts, ended, resolved, gave_up, attempts;
    uint64_t by_channel[MODEL_MAX_CHANNELS];
    struct welford wait;
};

struct world {
    const struct model *m;
    struct calendar *cal;
    double now;

    gsl_rng *rng_arrivals[MODEL_MAX_SOURCES];
    gsl_rng *rng_handling[MODEL_MAX_CHANNELS];
    gsl_rng *rng_patience[MODEL_MAX_CHANNELS];
    gsl_rng *rng_population, *rng_needs, *rng_choice, *rng_outcome, *rng_retry;

    struct contact *contacts;
    uint32_t n_contacts, cap_contacts, free_contact;
    struct need *needs;
    uint32_t n_needs, cap_needs, free_need;

    struct station st[MODEL_MAX_CHANNELS];
    uint64_t balked[MODEL_MAX_CHANNELS];    /* counted contacts turned away */
    struct population pop;
    struct demand demand;

    /* needs counted after warm-up */
    uint64_t needs_arrived, needs_resolved, needs_gave_up, needs_attempts;
    struct welford time_to_resolution;
    struct group_acc seg[MODEL_MAX_SEGMENTS];
    struct group_acc type[TYPE_COUNT];
    struct group_acc service[MODEL_MAX_SERVICES];
};

static int is_assisted(const struct world *w, int ch)
{
    return choice_is_assisted(w->m->channels[ch].kind);
}

/* Whether a contact on ch can resolve service sv at all. */
static int can_resolve(const struct world *w, int sv, int ch)
{
    return !w->m->services[sv].desk_required || w->m->channels[ch].kind == CHANNEL_DESK;
}

/* ---- pools ---------------------------------------------------------- */

/* Takes a slot from a pool of `size`-byte records with an intrusive free list. */
static int pool_take(void **items, uint32_t *n, uint32_t *cap, uint32_t *free_head,
                     size_t size, size_t next_offset, uint32_t *id)
{
    if (*free_head != NONE) {
        *id = *free_head;
        memcpy(free_head, (char *)*items + (size_t)*id * size + next_offset, sizeof *free_head);
        return 0;
    }
    if (*n == *cap) {
        void *p = realloc(*items, (size_t)*cap * 2 * size);
        if (!p)
            return -1;
        *items = p;
        *cap *= 2;
    }
    *id = (*n)++;
    memset((char *)*items + (size_t)*id * size, 0, size);
    return 0;
}

static int contact_new(struct world *w, uint32_t *id)
{
    void *items = w->contacts;
    int rc = pool_take(&items, &w->n_contacts, &w->cap_contacts, &w->free_contact,
                       sizeof *w->contacts, offsetof(struct contact, next_free), id);
    w->contacts = items;
    return rc;
}

static void contact_free(struct world *w, uint32_t id)
{
    struct contact *c = &w->contacts[id];
    c->state = CT_FREE;
    c->gen++;
    c->next_free = w->free_contact;
    w->free_contact = id;
}

static int need_new(struct world *w, uint32_t *id)
{
    void *items = w->needs;
    int rc = pool_take(&items, &w->n_needs, &w->cap_needs, &w->free_need, sizeof *w->needs,
                       offsetof(struct need, next_free), id);
    w->needs = items;
    return rc;
}

static void need_free(struct world *w, uint32_t id)
{
    struct need *n = &w->needs[id];
    n->state = NEED_FREE;
    n->next_free = w->free_need;
    w->free_need = id;
}

/* The line reaches contact id: is it still waiting?  An abandoned contact's
 * slot is released here, when the line lets go of it. */
static int contact_claim(void *ctx, uint32_t id)
{
    struct world *w = ctx;
    if (w->contacts[id].state == CT_WAITING)
        return 1;
    contact_free(w, id);
    return 0;
}

/* ---- the journey of a need ------------------------------------------ */

#define N_GROUPS 3

/* The groups a need counts in: its citizen's segment and type, its service. */
static void groups_of(struct world *w, const struct need *n, struct group_acc *g[N_GROUPS])
{
    const struct citizen *ci = &w->pop.citizens[n->citizen];
    g[0] = &w->seg[ci->segment];
    g[1] = &w->type[ci->type];
    g[2] = &w->service[n->service];
}

static void need_end(struct world *w, uint32_t nid, int resolved_by)
{
    struct need *n = &w->needs[nid];
    if (resolved_by >= 0)
        w->pop.citizens[n->citizen].habit = (uint8_t)resolved_by;
    if (n->counted) {
        struct group_acc *g[N_GROUPS];
        groups_of(w, n, g);
        for (int k = 0; k < N_GROUPS; k++) {
            g[k]->ended++;
            g[k]->attempts += n->attempts;
            if (resolved_by >= 0)
                g[k]->resolved++;
            else
                g[k]->gave_up++;
        }
        w->needs_attempts += n->attempts;
        if (resolved_by >= 0) {
            w->needs_resolved++;
            welford_add(&w->time_to_resolution, w->now - n->arrived);
        } else {
            w->needs_gave_up++;
        }
    }
    need_free(w, nid);
}

/* The try on channel ch did not resolve need nid: try again, or give up. */
static int need_retry(struct world *w, uint32_t nid, int ch)
{
    struct need *n = &w->needs[nid];
    n->failed |= (uint8_t)(1u << ch);
    if (n->attempts >= w->m->journey.max_attempts) {
        need_end(w, nid, -1);
        return 0;
    }
    double delay = dist_draw(&w->m->journey.retry_delay, w->rng_retry, 1.0);
    return calendar_push(w->cal, w->now + (isfinite(delay) ? delay : 0.0), EV_ATTEMPT, nid, 0, 0);
}

/* Records a counted contact's wait against its need's groups. */
static void record_group_wait(struct world *w, const struct contact *c, double wait)
{
    if (c->need == NONE)
        return;
    const struct need *n = &w->needs[c->need];
    if (!n->counted)
        return;
    struct group_acc *g[N_GROUPS];
    groups_of(w, n, g);
    for (int k = 0; k < N_GROUPS; k++)
        welford_add(&g[k]->wait, wait);
}

/* ---- assisted channels ---------------------------------------------- */

static double handling_draw(struct world *w, const struct contact *c, int ch)
{
    const struct dist *d = &w->m->channels[ch].handling;
    if (c->need != NONE) {
        const struct dist *own = &w->m->services[w->needs[c->need].service].on[ch].handling;
        if (own->kind != DIST_NONE)
            d = own;
    }
    return dist_draw(d, w->rng_handling[ch], 1.0);
}

/* An agent takes contact id: record its wait, schedule the end of service. */
static int start_service(struct world *w, int ch, uint32_t id)
{
    struct contact *c = &w->contacts[id];
    struct station *s = &w->st[ch];
    c->state = CT_IN_SERVICE;
    if (c->counted) {
        station_record_wait(s, w->now - c->arrived, 1);
        record_group_wait(w, c, w->now - c->arrived);
    }
    station_set_busy(s, w->now, s->busy + 1);
    return calendar_push(w->cal, w->now + handling_draw(w, c, ch), EV_SERVICE_END, id, c->gen,
                         (uint32_t)ch);
}

/* Contact id arrives at assisted channel ch: an agent, or the line. */
static int join_queue(struct world *w, uint32_t id, int ch)
{
    struct contact *c = &w->contacts[id];
    struct station *s = &w->st[ch];
    if (s->busy < s->agents && s->waiting == 0)
        return start_service(w, ch, id);
    c->state = CT_WAITING;
    if (station_enqueue(s, w->now, id) != 0)
        return -1;
    double scale = 1.0;
    if (c->need != NONE)
        scale = w->m->segments[w->pop.citizens[w->needs[c->need].citizen].segment].patience_mult;
    double patience = dist_draw(&w->m->channels[ch].patience, w->rng_patience[ch], scale);
    if (isfinite(patience))
        return calendar_push(w->cal, w->now + patience, EV_ABANDON, id, c->gen, (uint32_t)ch);
    return 0;
}

/* Fill free agents from the line. */
static int serve_line(struct world *w, int ch)
{
    struct station *s = &w->st[ch];
    uint32_t next;
    while (s->busy < s->agents && station_dequeue(s, w->now, contact_claim, w, &next) == 0)
        if (start_service(w, ch, next) != 0)
            return -1;
    return 0;
}

static int on_service_end(struct world *w, uint32_t id, int ch)
{
    struct station *s = &w->st[ch];
    struct contact *c = &w->contacts[id];
    uint32_t nid = c->need;
    if (c->counted)
        s->handled++;
    contact_free(w, id);
    station_set_busy(s, w->now, s->busy - 1);
    if (serve_line(w, ch) != 0)
        return -1;
    if (nid == NONE)
        return 0;
    int sv = w->needs[nid].service;
    double fcr = can_resolve(w, sv, ch) ? w->m->services[sv].on[ch].fcr : 0.0;
    if (gsl_rng_uniform(w->rng_outcome) < fcr) {
        need_end(w, nid, ch);
        return 0;
    }
    return need_retry(w, nid, ch);
}

static int on_abandon(struct world *w, uint32_t id, uint32_t gen, int ch)
{
    struct contact *c = &w->contacts[id];
    if (c->gen != gen || c->state != CT_WAITING)
        return 0;   /* answered, or the slot holds another contact now */
    struct station *s = &w->st[ch];
    if (c->counted) {
        station_record_wait(s, w->now - c->arrived, 0);
        record_group_wait(w, c, w->now - c->arrived);
    }
    station_left_line(s, w->now);
    /* The line still names this slot; contact_claim frees it there. */
    c->state = CT_ABANDONED;
    uint32_t nid = c->need;
    if (nid == NONE)
        return 0;
    if (gsl_rng_uniform(w->rng_outcome) < w->m->journey.p_retry_abandoned)
        return need_retry(w, nid, ch);
    need_end(w, nid, -1);
    return 0;
}

/*
 * Opening hours or staffing change on ch.  Agents whose shift ends finish
 * the contact in hand (busy may exceed agents until they do); when the
 * channel closes, those still in line are turned away and try again later.
 */
static int on_staff(struct world *w, int ch)
{
    const struct schedule *week = &w->m->channels[ch].week;
    struct station *s = &w->st[ch];
    station_set_agents(s, w->now, schedule_agents(week, w->now));
    if (!schedule_is_open(week, w->now)) {
        uint32_t id;
        while (station_dequeue(s, w->now, contact_claim, w, &id) == 0) {
            struct contact *c = &w->contacts[id];
            uint32_t nid = c->need;
            if (c->counted)
                w->balked[ch]++;
            contact_free(w, id);
            if (nid != NONE && need_retry(w, nid, ch) != 0)
                return -1;
        }
    } else if (serve_line(w, ch) != 0) {
        return -1;
    }
    double next = schedule_next_change(week, w->now);
    return isfinite(next) ? calendar_push(w->cal, next, EV_STAFF, 0, 0, (uint32_t)ch) : 0;
}

/* ---- self-service channels ------------------------------------------ */

static int start_session(struct world *w, uint32_t id, int ch)
{
    struct contact *c = &w->contacts[id];
    c->state = CT_IN_SERVICE;
    double len = handling_draw(w, c, ch);
    return calendar_push(w->cal, w->now + len, EV_SESSION_END, id, c->gen, (uint32_t)ch);
}

static int on_session_end(struct world *w, uint32_t id, int ch)
{
    struct contact *c = &w->contacts[id];
    uint32_t nid = c->need;
    if (c->counted)
        w->st[ch].handled++;
    contact_free(w, id);
    const struct need *n = &w->needs[nid];
    const struct channel_params *cp = &w->m->channels[ch];
    const struct service_params *sv = &w->m->services[n->service];
    double skill = (double)w->pop.citizens[n->citizen].skill;
    double x = sv->on[ch].success_a + cp->success_skill * (skill - 0.5)
             - cp->success_cx * sv->complexity - cp->success_stakes * sv->stakes;
    double p = can_resolve(w, n->service, ch) ? 1.0 / (1.0 + exp(-x)) : 0.0;
    if (gsl_rng_uniform(w->rng_outcome) < p) {
        need_end(w, nid, ch);
        return 0;
    }
    return need_retry(w, nid, ch);
}

/* ---- choosing and trying -------------------------------------------- */

/* The wait a citizen expects on ch now, in minutes: the line ahead times the
 * mean handling time, spread over the agents. */
static double expected_wait_min(const struct world *w, int ch)
{
    const struct station *s = &w->st[ch];
    if (!is_assisted(w, ch) || (s->busy < s->agents && s->waiting == 0))
        return 0.0;
    int agents = s->agents > 0 ? s->agents : 1;
    return ((double)s->waiting + 1.0) * w->m->channels[ch].handling.mean / agents / 60.0;
}

/*
 * Channels on which citizen ci can try need n now.  A need that only the
 * desk can resolve is sent there once another channel has been tried.
 */
static uint32_t usable_channels(const struct world *w, const struct citizen *ci,
                                const struct need *n)
{
    uint32_t mask = 0;
    int sv = n->service;
    for (int ch = 0; ch < w->m->n_channels; ch++) {
        if (!w->m->services[sv].on[ch].offered)
            continue;
        if (n->attempts > 0 && !can_resolve(w, sv, ch))
            continue;
        if (w->m->channels[ch].kind == CHANNEL_APP && !(ci->flags & CITIZEN_SMARTPHONE))
            continue;
        mask |= 1u << ch;
    }
    return mask;
}

/* Whether citizen ci works office hours and it is a weekday between 09:00 and 17:00. */
static int at_work(const struct citizen *ci, double t)
{
    if (!(ci->flags & CITIZEN_OFFICE_HOURS))
        return 0;
    int slot = schedule_slot(t);
    int day = slot / SCHEDULE_SLOTS_PER_DAY, q = slot % SCHEDULE_SLOTS_PER_DAY;
    return day < 5 && q >= 36 && q < 68;
}

/*
 * Try need nid now: choose a channel (forced_ch >= 0 when the citizen
 * deferred to a channel that has now opened), then queue or start a
 * session.  A closed channel may be chosen when deferring is allowed
 * (choice.defer_per_hour < 0); the try then waits for its opening.
 */
static int attempt(struct world *w, uint32_t nid, int forced_ch)
{
    struct need *n = &w->needs[nid];
    const struct citizen *ci = &w->pop.citizens[n->citizen];
    const struct model *m = w->m;
    int ch = forced_ch;
    if (ch < 0 || !schedule_is_open(&m->channels[ch].week, w->now)) {
        struct choice_input in = {
            .citizen = ci,
            .service = n->service,
            .usable = usable_channels(w, ci, n),
            .failed = n->failed,
            .attempt = n->attempts + 1,
        };
        in.at_work = at_work(ci, w->now);
        for (int c = 0; c < m->n_channels; c++) {
            if (!(in.usable & (1u << c)))
                continue;
            in.wait_min[c] = expected_wait_min(w, c);
            double open = schedule_next_open(&m->channels[c].week, w->now);
            if (open > w->now) {
                if (m->choice.b_defer < 0.0 && isfinite(open))
                    in.defer_h[c] = (open - w->now) / 3600.0;
                else
                    in.usable &= ~(1u << c);
            }
        }
        ch = choice_draw(m, &in, w->rng_choice);
        if (ch < 0) {
            need_end(w, nid, -1);   /* nowhere to turn */
            return 0;
        }
        double open = schedule_next_open(&m->channels[ch].week, w->now);
        if (open > w->now) {
            double spread = dist_draw(&m->journey.defer_spread, w->rng_retry, 1.0);
            if (!isfinite(spread))
                spread = 0.0;
            return calendar_push(w->cal, open + spread, EV_ATTEMPT, nid, 0, (uint32_t)ch + 1);
        }
    }
    n->attempts++;

    uint32_t id;
    if (contact_new(w, &id) != 0)
        return -1;
    n = &w->needs[nid];
    struct contact *c = &w->contacts[id];
    c->arrived = w->now;
    c->channel = (uint8_t)ch;
    c->need = nid;
    c->counted = w->now >= w->m->warmup_s;
    if (c->counted)
        w->st[ch].offered++;
    if (n->counted) {
        struct group_acc *g[N_GROUPS];
        groups_of(w, n, g);
        for (int k = 0; k < N_GROUPS; k++) {
            g[k]->contacts++;
            g[k]->by_channel[ch]++;
        }
    }
    return is_assisted(w, ch) ? join_queue(w, id, ch) : start_session(w, id, ch);
}

/* ---- demand --------------------------------------------------------- */

/* Schedules the next need, or a tick where the rate changes before it. */
static int schedule_need(struct world *w)
{
    double end;
    double rate = demand_rate(&w->demand, w->now, &end);
    if (rate > 0.0) {
        double t = w->now + gsl_ran_exponential(w->rng_needs, 1.0 / rate);
        if (t < end)
            return calendar_push(w->cal, t, EV_NEED, 0, 0, 0);
    }
    return calendar_push(w->cal, end, EV_NEED_TICK, 0, 0, 0);
}

static int on_need(struct world *w)
{
    int seg, sv;
    uint32_t nid;
    demand_pick(&w->demand, w->now, w->rng_needs, &seg, &sv);
    if (need_new(w, &nid) != 0)
        return -1;
    struct need *n = &w->needs[nid];
    *n = (struct need){
        .arrived = w->now,
        .citizen = population_pick(&w->pop, seg, w->rng_needs),
        .service = (uint16_t)sv,
        .state = NEED_OPEN,
        .counted = w->now >= w->m->warmup_s,
    };
    if (n->counted) {
        struct group_acc *g[N_GROUPS];
        groups_of(w, n, g);
        w->needs_arrived++;
        for (int k = 0; k < N_GROUPS; k++)
            g[k]->needs++;
    }
    return attempt(w, nid, -1);
}

/* ---- arrival streams ------------------------------------------------ */

static int on_arrival(struct world *w, int src)
{
    const struct source_params *sp = &w->m->sources[src];
    int ch = sp->channel;
    double rate = sp->per_interval / w->m->interval_s;
    if (calendar_push(w->cal, w->now + gsl_ran_exponential(w->rng_arrivals[src], 1.0 / rate),
                      EV_ARRIVAL, 0, 0, (uint32_t)src) != 0)
        return -1;
    if (!schedule_is_open(&w->m->channels[ch].week, w->now)) {
        if (w->now >= w->m->warmup_s) {
            w->st[ch].offered++;
            w->balked[ch]++;
        }
        return 0;
    }
    uint32_t id;
    if (contact_new(w, &id) != 0)
        return -1;
    struct contact *c = &w->contacts[id];
    c->arrived = w->now;
    c->channel = (uint8_t)ch;
    c->need = NONE;
    c->counted = w->now >= w->m->warmup_s;
    if (c->counted)
        w->st[ch].offered++;
    return is_assisted(w, ch) ? join_queue(w, id, ch) : start_session(w, id, ch);
}

/* ---- results -------------------------------------------------------- */

static double ratio(uint64_t a, uint64_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static void write_group(const struct model *m, const struct group_acc *g, double *o)
{
    o[GS_NEEDS] = (double)g->needs;
    o[GS_CONTACTS] = (double)g->contacts;
    o[GS_WAIT_MEAN] = g->wait.mean;
    o[GS_RESOLVED] = ratio(g->resolved, g->ended);
    o[GS_GAVE_UP] = ratio(g->gave_up, g->ended);
    o[GS_ATTEMPTS_MEAN] = ratio(g->attempts, g->ended);
    for (int c = 0; c < m->n_channels; c++)
        o[GS_SHARES + c] = ratio(g->by_channel[c], g->contacts);
}

static void write_results(struct world *w, const struct results_index *ix, double *v)
{
    const struct model *m = w->m;
    double end = m->horizon_s;
    uint64_t in_system[MODEL_MAX_CHANNELS] = { 0 }, open = 0;
    for (uint32_t i = 0; i < w->n_contacts; i++) {
        const struct contact *c = &w->contacts[i];
        if (c->counted && (c->state == CT_WAITING || c->state == CT_IN_SERVICE))
            in_system[c->channel]++;
    }
    for (uint32_t i = 0; i < w->n_needs; i++)
        open += w->needs[i].state == NEED_OPEN && w->needs[i].counted;

    for (int ch = 0; ch < m->n_channels; ch++) {
        struct station *s = &w->st[ch];
        double *o = v + ix->channel[ch];
        uint64_t ended = s->answered + s->abandoned;
        double agents = timeavg_mean(&s->agents_avg, end);
        o[CS_OFFERED] = (double)s->offered;
        o[CS_HANDLED] = (double)s->handled;
        o[CS_ABANDONED] = (double)s->abandoned;
        o[CS_BALKED] = (double)w->balked[ch];
        o[CS_IN_SYSTEM_AT_END] = (double)in_system[ch];
        o[CS_P_WAIT] = ratio(s->waited, ended);
        o[CS_P_ABANDON] = ratio(s->abandoned, ended);
        o[CS_WAIT_MEAN] = s->wait.mean;
        o[CS_WAIT_P50] = loghist_quantile(s->wait_hist, 0.50);
        o[CS_WAIT_P80] = loghist_quantile(s->wait_hist, 0.80);
        o[CS_WAIT_P90] = loghist_quantile(s->wait_hist, 0.90);
        o[CS_WAIT_P95] = loghist_quantile(s->wait_hist, 0.95);
        o[CS_SERVICE_LEVEL] = ratio(s->within_target, ended);
        o[CS_OCCUPANCY] = agents > 0 ? timeavg_mean(&s->busy_avg, end) / agents : 0.0;
        o[CS_AGENTS_MEAN] = agents;
        o[CS_QUEUE_MEAN] = timeavg_mean(&s->queue_avg, end);
    }
    if (ix->needs < 0)
        return;
    double *o = v + ix->needs;
    uint64_t ended = w->needs_resolved + w->needs_gave_up;
    o[NS_ARRIVED] = (double)w->needs_arrived;
    o[NS_RESOLVED] = (double)w->needs_resolved;
    o[NS_GAVE_UP] = (double)w->needs_gave_up;
    o[NS_OPEN_AT_END] = (double)open;
    o[NS_ATTEMPTS_MEAN] = ratio(w->needs_attempts, ended);
    o[NS_TIME_TO_RESOLUTION] = w->time_to_resolution.mean;
    for (int g = 0; g < m->n_segments; g++)
        write_group(m, &w->seg[g], v + ix->segment[g]);
    for (int t = 0; t < TYPE_COUNT; t++)
        write_group(m, &w->type[t], v + ix->type[t]);
    for (int sv = 0; sv < m->n_services; sv++)
        write_group(m, &w->service[sv], v + ix->service[sv]);
}

/* ---- set-up and the loop -------------------------------------------- */

static void world_release(struct world *w)
{
    calendar_free(w->cal);
    for (int i = 0; i < MODEL_MAX_SOURCES; i++)
        gsl_rng_free(w->rng_arrivals[i]);
    for (int i = 0; i < MODEL_MAX_CHANNELS; i++) {
        gsl_rng_free(w->rng_handling[i]);
        gsl_rng_free(w->rng_patience[i]);
        station_release(&w->st[i]);
    }
    gsl_rng *own[] = { w->rng_population, w->rng_needs, w->rng_choice, w->rng_outcome,
                       w->rng_retry };
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        gsl_rng_free(own[i]);
    population_free(&w->pop);
    demand_free(&w->demand);
    free(w->contacts);
    free(w->needs);
}

static int world_init(struct world *w, const struct model *m, int rep)
{
    memset(w, 0, sizeof *w);
    w->m = m;
    w->cal = calendar_alloc(1024);
    w->cap_contacts = w->cap_needs = 1024;
    w->contacts = malloc(w->cap_contacts * sizeof *w->contacts);
    w->needs = malloc(w->cap_needs * sizeof *w->needs);
    w->free_contact = w->free_need = NONE;
    if (!w->cal || !w->contacts || !w->needs)
        return -1;
    uint64_t r = (uint64_t)rep;
    for (int i = 0; i < m->n_sources; i++)
        if (!(w->rng_arrivals[i] = rng_stream_alloc(m->seed, r, PURPOSE_ARRIVALS + i)))
            return -1;
    for (int c = 0; c < m->n_channels; c++) {
        const struct channel_params *cp = &m->channels[c];
        w->rng_handling[c] = rng_stream_alloc(m->seed, r, PURPOSE_HANDLING + c);
        w->rng_patience[c] = rng_stream_alloc(m->seed, r, PURPOSE_PATIENCE + c);
        if (!w->rng_handling[c] || !w->rng_patience[c])
            return -1;
        if (station_init(&w->st[c], schedule_agents(&cp->week, 0.0), cp->target_s, 256) != 0)
            return -1;
    }
    w->rng_population = rng_stream_alloc(m->seed, r, PURPOSE_POPULATION);
    w->rng_needs = rng_stream_alloc(m->seed, r, PURPOSE_NEEDS);
    w->rng_choice = rng_stream_alloc(m->seed, r, PURPOSE_CHOICE);
    w->rng_outcome = rng_stream_alloc(m->seed, r, PURPOSE_OUTCOME);
    w->rng_retry = rng_stream_alloc(m->seed, r, PURPOSE_RETRY);
    if (!w->rng_population || !w->rng_needs || !w->rng_choice || !w->rng_outcome ||
        !w->rng_retry)
        return -1;
    if (population_generate(&w->pop, m, w->rng_population) != 0)
        return -1;
    if (m->n_services > 0 && demand_init(&w->demand, m, &w->pop) != 0)
        return -1;
    return 0;
}

static int world_start(struct world *w)
{
    const struct model *m = w->m;
    for (int i = 0; i < m->n_sources; i++) {
        double rate = m->sources[i].per_interval / m->interval_s;
        if (rate > 0 &&
            calendar_push(w->cal, gsl_ran_exponential(w->rng_arrivals[i], 1.0 / rate),
                          EV_ARRIVAL, 0, 0, (uint32_t)i) != 0)
            return -1;
    }
    if (m->n_services > 0 && w->pop.n > 0 && schedule_need(w) != 0)
        return -1;
    for (int c = 0; c < m->n_channels; c++) {
        double next = schedule_next_change(&m->channels[c].week, 0.0);
        if (is_assisted(w, c) && isfinite(next) &&
            calendar_push(w->cal, next, EV_STAFF, 0, 0, (uint32_t)c) != 0)
            return -1;
    }
    if (m->warmup_s > 0 && calendar_push(w->cal, m->warmup_s, EV_WARMUP_END, 0, 0, 0) != 0)
        return -1;
    return 0;
}

static int world_loop(struct world *w)
{
    const struct model *m = w->m;
    struct calendar_event e;
    while (calendar_pop(w->cal, &e) == 0 && e.time <= m->horizon_s) {
        w->now = e.time;
        int rc = 0;
        switch ((enum event_kind)e.kind) {
        case EV_ARRIVAL:
            rc = on_arrival(w, (int)e.aux);
            break;
        case EV_SERVICE_END:
            rc = on_service_end(w, e.id, (int)e.aux);
            break;
        case EV_ABANDON:
            rc = on_abandon(w, e.id, e.gen, (int)e.aux);
            break;
        case EV_SESSION_END:
            rc = on_session_end(w, e.id, (int)e.aux);
            break;
        case EV_NEED:
            rc = on_need(w);
            if (rc == 0)
                rc = schedule_need(w);
            break;
        case EV_NEED_TICK:
            rc = schedule_need(w);
            break;
        case EV_ATTEMPT:
            rc = attempt(w, e.id, (int)e.aux - 1);
            break;
        case EV_STAFF:
            rc = on_staff(w, (int)e.aux);
            break;
        case EV_WARMUP_END:
            for (int c = 0; c < m->n_channels; c++)
                station_reset_averages(&w->st[c], w->now);
            break;
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

int world_run(const struct model *m, const struct results_index *ix, int rep, double *values)
{
    struct world *w = malloc(sizeof *w);
    if (!w)
        return -1;
    int rc = world_init(w, m, rep);
    if (rc == 0)
        rc = world_start(w);
    if (rc == 0)
        rc = world_loop(w);
    if (rc == 0)
        write_results(w, ix, values);
    world_release(w);
    free(w);
    return rc;
}
