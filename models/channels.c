/*
 * channels: what happens to a contact at a channel.
 *
 *   web, app   a session of some length; success resolves the need
 *   phone      optional voice menu, then the line; a callback offer when the
 *              expected wait is long (the caller keeps its place, without
 *              a patience clock)
 *   chat       optional bot that resolves simple questions and hands the
 *              rest to a person (with its conversation: shorter handling);
 *              an agent holds several chats, each slower the more it holds
 *   desk       travel from home; walk-ins balk at a long line and are
 *              turned away when the day's tickets are gone; appointments
 *              go ahead of walk-ins
 *
 * Every contact offered to a channel ends handled, abandoned, balked
 * (turned away without service) or still in the system at the horizon.
 * The back office is a staffed line of cases (needs) rather than contacts.
 * What became of a contact is reported to the world (world_report), which
 * tells the journey of its need: a channel knows no journeys.
 */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>

#include "models/arrivals.h"
#include "models/channels.h"
#include "models/world_internal.h"

static const struct channel_params *chan(const struct world *w, int ch)
{
    return &w->m->channels[ch];
}

/* Tells the world what became of contact c on ch; nid is its need (world_contact_need). */
static inline int report(struct world *w, const struct contact *c, uint32_t nid,
                         enum outcome_kind kind, int ch, int resolved, double wait)
{
    if (nid == NONE)
        return 0;       /* an arrival stream's contact: no journey to hear of it */
    struct outcome o = { .kind = kind, .channel = ch, .need = nid, .flags = c->flags,
                         .resolved = resolved, .wait = wait };
    return world_report(w, &o);
}

/* The line reaches contact id: is it still waiting?  An abandoned contact's
 * slot is released here, when the line lets go of it. */
static int contact_claim(void *ctx, uint32_t id)
{
    struct world *w = ctx;
    if (world_contact(w, id)->state == CT_WAITING)
        return 1;
    world_contact_free(w, id);
    return 0;
}

/* The interval of time t on channel ch. */
static struct interval_acc *interval_of(struct world *w, int ch, double t)
{
    return &w->intervals[(size_t)ch * (size_t)w->interval_count +
                         (size_t)world_interval_at(w, t)];
}

/*
 * A counted contact's wait ended at an agent (answered) or by abandoning.
 * This, the handling draw, start_service and join_queue are forced inline:
 * they are on every call's path, where a call's saving and restoring of
 * registers cost as much as their bodies (bench_phone: 1,109 instructions
 * a call before, 1,021 after).
 */
static inline __attribute__((always_inline))
void record_wait(struct world *w, const struct contact *c, uint32_t nid, int ch, int answered)
{
    if (!c->counted)
        return;
    double wait = w->now - c->queued;
    struct station *s = &w->st[ch];
    station_record_wait(s, wait, answered);
    struct interval_acc *ia = interval_of(w, ch, c->queued);
    ia->ended++;
    ia->wait_sum += wait;
    ia->within += answered && wait <= s->target_s;     /* the channel's target */
    ia->within_norm += answered && wait <= s->norm_s;
    ia->abandoned += !answered;
    w->citizen_wait_s += wait;
    report(w, c, nid, OUTCOME_WAITED, ch, 0, wait);
}

/* Contact c's handling time on ch; nid is its need (world_contact_need), or NONE. */
static inline __attribute__((always_inline))
double handling_draw(struct world *w, const struct contact *c, uint32_t nid, int ch)
{
    const struct dist *d = &chan(w, ch)->handling;
    double scale = 1.0;
    if (nid != NONE) {
        const struct dist *own = &w->m->services[world_need(w, nid)->service].on[ch].handling;
        if (own->kind != DIST_NONE)
            d = own;
        return dist_draw(d, world_need_rng(w, nid, ND_HANDLING), scale);
    }
    if (c->flags & CF_FILE) {
        /* an arrival file's handling time for the interval: the channel's shape, its mean */
        double aht = arrivals_aht_s(&w->m->sources[c->source - 1], w->m->interval_s, c->arrived);
        if (aht > 0 && d->mean > 0)
            scale = aht / d->mean;
    }
    return dist_draw(d, w->rng_handling[ch], scale);
}

/* ---- assisted channels ---------------------------------------------- */

/* An agent takes contact id: record its wait, schedule the end of service. */
static inline __attribute__((always_inline))
int start_service(struct world *w, int ch, uint32_t id)
{
    struct contact *c = world_contact(w, id);
    struct station *s = &w->st[ch];
    uint32_t nid = world_contact_need(w, c);
    int held;
    c->state = CT_IN_SERVICE;
    record_wait(w, c, nid, ch, 1);
    c->agent = (uint16_t)station_assign(s, w->now, &held);
    double h = handling_draw(w, c, nid, ch) * chan(w, ch)->session_factor[held];
    if (c->flags & CF_CONTEXT)
        h *= chan(w, ch)->context_factor;
    if (c->counted)
        welford_add(&s->handling, h);
    return calendar_push(w->cal, w->now + h, EV_SERVICE_END, id, c->slot.gen, (uint32_t)ch);
}

/* Fill free agents from the lines, where someone is in line. */
static int serve_waiting(struct world *w, int ch)
{
    struct station *s = &w->st[ch];
    uint32_t next;
    while (station_has_room(s) && station_dequeue(s, w->now, contact_claim, w, &next) == 0)
        if (start_service(w, ch, next) != 0)
            return -1;
    return 0;
}

/* Fill free agents from the lines: inline where nobody is in line, as most calls end. */
static inline int serve_line(struct world *w, int ch)
{
    const struct station *s = &w->st[ch];
    if (s->line[0].len == 0 && s->line[1].len == 0)
        return 0;       /* nobody in line, not even a contact that gave up */
    return serve_waiting(w, ch);
}

/* The contact did not get in: counted as balked. */
static int turn_away(struct world *w, uint32_t id, int ch)
{
    struct contact *c = world_contact(w, id);
    if (c->counted)
        w->balked[ch]++;
    struct outcome o = { .kind = OUTCOME_TURNED_AWAY, .channel = ch,
                         .need = world_contact_need(w, c), .flags = c->flags };
    world_contact_free(w, id);
    return world_report(w, &o);
}

/* Walk-ins at the desk: a ticket for the day, and a look at the line. */
static int desk_admits(struct world *w, const struct contact *c, int ch)
{
    const struct channel_params *cp = chan(w, ch);
    if (c->flags & CF_APPOINTMENT)
        return 1;
    int day = (int)floor(w->now / 86400.0);
    if (w->desk_day[ch] != day) {
        w->desk_day[ch] = day;
        w->tickets[ch] = 0;
    }
    if (cp->tickets_per_day > 0 && w->tickets[ch] >= cp->tickets_per_day)
        return 0;
    if (cp->balk_queue > 0 && w->st[ch].waiting >= (size_t)cp->balk_queue)
        return 0;
    w->tickets[ch]++;
    return 1;
}

/* Contact id reaches the line of assisted channel ch. */
static inline __attribute__((always_inline))
int join_queue(struct world *w, uint32_t id, int ch)
{
    struct contact *c = world_contact(w, id);
    struct station *s = &w->st[ch];
    const struct channel_params *cp = chan(w, ch);
    c->queued = w->now;
    if (cp->kind == CHANNEL_DESK && !desk_admits(w, c, ch))
        return turn_away(w, id, ch);
    if (station_has_room(s) && s->waiting == 0)
        return start_service(w, ch, id);
    if (cp->callback_above_s > 0 && channels_expected_wait_s(w, ch) > cp->callback_above_s &&
        world_chance(world_contact_rng(w, c, ND_CALLBACK, w->rng_channel), cp->callback_accept))
        c->flags |= CF_CALLBACK;
    c->state = CT_WAITING;
    int line = (c->flags & CF_APPOINTMENT) ? STATION_PRIORITY : STATION_ORDINARY;
    if (station_enqueue(s, w->now, id, line) != 0)
        return -1;
    if (c->flags & (CF_CALLBACK | CF_APPOINTMENT))
        return 0;   /* called back, or expected: nobody gives up */
    double scale = 1.0;
    uint32_t nid = world_contact_need(w, c);
    if (nid != NONE)
        scale = w->m->segments[world_need(w, nid)->segment].patience_mult;
    double patience = dist_draw(&cp->patience,
                                world_contact_rng(w, c, ND_PATIENCE, w->rng_patience[ch]), scale);
    if (isfinite(patience))
        return calendar_push(w->cal, w->now + patience, EV_ABANDON, id, c->slot.gen,
                             (uint32_t)ch);
    return 0;
}

int channels_on_queue_entry(struct world *w, uint32_t id, uint32_t gen, int ch)
{
    struct contact *c = world_contact(w, id);
    if (c->slot.gen != gen)
        return 0;
    if (!world_is_open(w, ch))
        return turn_away(w, id, ch);    /* arrived after closing */
    return join_queue(w, id, ch);
}

/* Contact id's service on ch is over: counted, its agent free, its slot released. */
static inline void service_over(struct world *w, struct station *s, uint32_t id, int agent)
{
    if (world_contact(w, id)->counted)
        s->handled++;
    station_finish(s, w->now, agent);
    world_contact_free(w, id);
}

/* The end of a need's contact, or of a chat session: the journey hears of it. */
static __attribute__((noinline)) int service_end(struct world *w, uint32_t id, int ch)
{
    struct station *s = &w->st[ch];
    struct contact *c = world_contact(w, id);
    uint32_t nid = world_contact_need(w, c);
    uint8_t flags = c->flags;
    service_over(w, s, id, c->agent);
    if (serve_line(w, ch) != 0)
        return -1;
    if (nid == NONE)
        return 0;       /* an arrival stream's contact: no journey to hear of it */
    const struct service_channel *on = &w->m->services[world_need(w, nid)->service].on[ch];
    struct outcome o = { .kind = OUTCOME_HANDLED, .channel = ch, .need = nid, .flags = flags,
                         .resolved = world_chance(world_need_rng(w, nid, ND_OUTCOME), on->fcr) };
    return world_report(w, &o);
}

/*
 * An arrival stream's call whose agent holds one contact at a time ends
 * with a few counts and, where someone waits, the next in line: done here
 * without saving the registers that service_end's work needs.
 */
int channels_on_service_end(struct world *w, uint32_t id, uint32_t gen, int ch)
{
    struct station *s = &w->st[ch];
    struct contact *c = world_contact(w, id);
    if (c->slot.gen != gen)
        return 0;
    if (c->need != NONE || s->per_agent)
        return service_end(w, id, ch);
    service_over(w, s, id, 0);
    return serve_line(w, ch);
}

int channels_on_abandon(struct world *w, uint32_t id, uint32_t gen, int ch)
{
    struct contact *c = world_contact(w, id);
    if (c->slot.gen != gen || c->state != CT_WAITING)
        return 0;   /* answered, or the slot holds another contact now */
    uint32_t nid = world_contact_need(w, c);
    record_wait(w, c, nid, ch, 0);
    station_left_line(&w->st[ch], w->now);
    /* The line still names this slot; contact_claim frees it there. */
    c->state = CT_ABANDONED;
    return report(w, c, nid, OUTCOME_ABANDONED, ch, 0, 0.0);
}

static int back_office_serve(struct world *w);

int channels_on_staff(struct world *w, int ch)
{
    if (ch == w->m->n_channels) {       /* the back office: cases wait overnight */
        station_set_agents(&w->bo, w->now, schedule_agents(&w->m->back_office.week, w->now));
        return back_office_serve(w);
    }
    const struct schedule *week = &chan(w, ch)->week;
    struct station *s = &w->st[ch];
    station_set_agents(s, w->now, schedule_agents(week, w->now));
    if (schedule_is_open(week, w->now))
        return serve_line(w, ch);
    /* Closing: those still in line are turned away and try again later
     * (callbacks included: nobody calls back after hours). */
    uint32_t id;
    while (station_dequeue(s, w->now, contact_claim, w, &id) == 0)
        if (turn_away(w, id, ch) != 0)
            return -1;
    return 0;
}

/* ---- self-service and the chat bot ---------------------------------- */

int channels_on_session_end(struct world *w, uint32_t id, uint32_t gen, int ch)
{
    struct contact *c = world_contact(w, id);
    if (c->slot.gen != gen)
        return 0;
    struct outcome o = { .kind = OUTCOME_HANDLED, .channel = ch,
                         .need = world_contact_need(w, c), .flags = c->flags };
    if (c->counted)
        w->st[ch].handled++;
    world_contact_free(w, id);
    if (o.need == NONE)
        return 0;
    const struct need *n = world_need(w, o.need);
    const struct channel_params *cp = chan(w, ch);
    const struct service_params *sv = &w->m->services[n->service];
    double skill = (double)w->pop.citizens[n->citizen].skill;
    double x = sv->on[ch].success_a + cp->success_skill * (skill - 0.5)
             - cp->success_cx * sv->complexity - cp->success_stakes * sv->stakes;
    double p = 1.0 / (1.0 + exp(-x));
    o.resolved = world_chance(world_need_rng(w, o.need, ND_OUTCOME), p);
    return world_report(w, &o);
}

int channels_on_bot_end(struct world *w, uint32_t id, uint32_t gen, int ch)
{
    struct contact *c = world_contact(w, id);
    if (c->slot.gen != gen)
        return 0;
    const struct channel_params *cp = chan(w, ch);
    /* A chase only asks how its case stands: as simple as questions come. */
    uint32_t nid = (c->flags & CF_CHASE) ? NONE : c->need;
    double cx = nid != NONE ? w->m->services[world_need(w, nid)->service].complexity : 0.0;
    double p = 1.0 / (1.0 + exp(-(cp->bot_a - cp->bot_cx * cx)));
    if (world_chance(world_contact_rng(w, c, ND_BOT, w->rng_channel), p)) {
        struct outcome o = { .kind = OUTCOME_HANDLED, .channel = ch,
                             .need = world_contact_need(w, c), .flags = c->flags,
                             .resolved = 1 };
        if (c->counted)
            w->st[ch].handled++;
        world_contact_free(w, id);
        return world_report(w, &o);
    }
    if (cp->bot_context)
        c->flags |= CF_CONTEXT;
    if (!world_is_open(w, ch))
        return turn_away(w, id, ch);
    return join_queue(w, id, ch);
}

/* ---- offering a contact --------------------------------------------- */

/*
 * A contact's way to the line of ch, or its session: the voice menu, the bot
 * and the journey to the desk take time first (a draw or the distance), the
 * bot may resolve the question.  Out of the offer's line, which goes
 * straight to the line for most contacts.
 */
static __attribute__((noinline)) int enter(struct world *w, uint32_t id, int ch, int entry)
{
    struct contact *c = world_contact(w, id);
    const struct channel_params *cp = chan(w, ch);
    if (entry == ENTRY_SESSION) {
        c->state = CT_IN_SERVICE;
        double len = handling_draw(w, c, world_contact_need(w, c), ch);
        return calendar_push(w->cal, w->now + len, EV_SESSION_END, id, c->slot.gen,
                             (uint32_t)ch);
    }
    double delay = 0.0;
    int kind = EV_QUEUE_ENTRY;
    if (entry == ENTRY_IVR)
        delay = dist_draw(&cp->ivr, world_contact_rng(w, c, ND_IVR, w->rng_channel), 1.0);
    if (entry == ENTRY_BOT) {
        delay = dist_draw(&cp->bot_time, world_contact_rng(w, c, ND_BOT_TIME, w->rng_channel), 1.0);
        kind = EV_BOT_END;
    }
    uint32_t nid = world_contact_need(w, c);
    if (entry == ENTRY_TRAVEL && nid != NONE) {
        double km = (double)w->pop.citizens[world_need(w, nid)->citizen].distance_km;
        delay = km / cp->travel_kmh * 3600.0;
        if (c->counted)
            w->citizen_travel_s += 2.0 * delay;     /* there and back */
    }
    if (delay > 0.0) {
        c->state = CT_TRAVEL;
        return calendar_push(w->cal, w->now + delay, (uint32_t)kind, id, c->slot.gen,
                             (uint32_t)ch);
    }
    if (kind == EV_BOT_END)
        return channels_on_bot_end(w, id, c->slot.gen, ch);
    return join_queue(w, id, ch);
}

int channels_offer(struct world *w, uint32_t id, int ch)
{
    struct contact *c = world_contact(w, id);
    int entry = w->entry[ch];
    c->channel = (uint8_t)ch;
    c->arrived = w->now;
    if (c->counted) {
        w->st[ch].offered++;
        if (entry != ENTRY_SESSION)
            interval_of(w, ch, w->now)->arrivals++;
    }
    if (!world_is_open(w, ch))
        return turn_away(w, id, ch);
    if (entry == ENTRY_LINE)
        return join_queue(w, id, ch);
    return enter(w, id, ch, entry);
}

/* ---- the back office ------------------------------------------------ */

static int take_any(void *ctx, uint32_t id)
{
    (void)ctx;
    (void)id;
    return 1;   /* cases never leave the back office's line */
}

/* An officer takes case nid. */
static int back_office_start(struct world *w, uint32_t nid)
{
    int held;
    station_assign(&w->bo, w->now, &held);
    double h = dist_draw(&w->m->back_office.handling, world_need_rng(w, nid, ND_BO_HANDLING), 1.0);
    return calendar_push(w->cal, w->now + h, EV_BO_END, nid, world_need(w, nid)->slot.gen, 0);
}

/* Officers free to work take cases from the line. */
static int back_office_serve(struct world *w)
{
    uint32_t nid;
    while (station_has_room(&w->bo) && station_dequeue(&w->bo, w->now, take_any, NULL, &nid) == 0)
        if (back_office_start(w, nid) != 0)
            return -1;
    return 0;
}

int channels_back_office_take(struct world *w, uint32_t nid)
{
    if (station_has_room(&w->bo) && w->bo.waiting == 0)
        return back_office_start(w, nid);
    return station_enqueue(&w->bo, w->now, nid, STATION_ORDINARY);
}

int channels_on_back_office_end(struct world *w, uint32_t nid, uint32_t gen)
{
    if (world_need(w, nid)->slot.gen != gen)
        return 0;
    station_finish(&w->bo, w->now, 0);
    struct outcome o = { .kind = OUTCOME_CASE_CLOSED, .need = nid };
    if (world_report(w, &o) != 0)
        return -1;
    return back_office_serve(w);
}
