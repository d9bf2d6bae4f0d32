/*
 * world: the event loop of one replication, see world.h.
 *
 * Contacts live in a pool indexed by id; a slot's generation changes when it
 * is reused, so an abandonment event scheduled for an earlier occupant is
 * recognised as stale and ignored.  Only contacts that arrive after the
 * warm-up are counted, and each is followed to its end (answered, abandoned)
 * or to the horizon, which is what makes offered = handled + abandoned +
 * in_system_at_end hold exactly.
 */
#include "models/world.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "models/station.h"
#include "sim/calendar.h"
#include "sim/rng.h"

enum event_kind {
    EV_ARRIVAL,         /* aux: source */
    EV_SERVICE_END,     /* id: contact, aux: channel */
    EV_ABANDON,         /* id: contact, gen, aux: channel */
    EV_WARMUP_END,
};

enum contact_state { CT_FREE, CT_WAITING, CT_IN_SERVICE, CT_ABANDONED };

struct contact {
    double arrived;
    uint32_t gen;
    uint32_t next_free;
    uint8_t state;
    uint8_t channel;
    uint8_t counted;    /* arrived after warm-up */
};

struct world {
    const struct model *m;
    struct calendar *cal;
    double now;

    gsl_rng *rng_arrivals[MODEL_MAX_SOURCES];
    gsl_rng *rng_handling[MODEL_MAX_CHANNELS];
    gsl_rng *rng_patience[MODEL_MAX_CHANNELS];

    struct contact *contacts;
    uint32_t n_contacts, cap_contacts, free_head;

    struct station st[MODEL_MAX_CHANNELS];
};

#define NO_CONTACT UINT32_MAX

static int contact_new(struct world *w, uint32_t *id)
{
    if (w->free_head != NO_CONTACT) {
        *id = w->free_head;
        w->free_head = w->contacts[*id].next_free;
        return 0;
    }
    if (w->n_contacts == w->cap_contacts) {
        uint32_t cap = w->cap_contacts * 2;
        struct contact *c = realloc(w->contacts, (size_t)cap * sizeof *c);
        if (!c)
            return -1;
        w->contacts = c;
        w->cap_contacts = cap;
    }
    *id = w->n_contacts++;
    w->contacts[*id].gen = 0;
    return 0;
}

static void contact_free(struct world *w, uint32_t id)
{
    struct contact *c = &w->contacts[id];
    c->state = CT_FREE;
    c->gen++;
    c->next_free = w->free_head;
    w->free_head = id;
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

/* An agent takes contact id: record its wait, schedule the end of service. */
static int start_service(struct world *w, int ch, uint32_t id)
{
    struct contact *c = &w->contacts[id];
    struct station *s = &w->st[ch];
    c->state = CT_IN_SERVICE;
    if (c->counted)
        station_record_wait(s, w->now - c->arrived, 1);
    station_set_busy(s, w->now, s->busy + 1);
    double h = dist_draw(&w->m->channels[ch].handling, w->rng_handling[ch], 1.0);
    return calendar_push(w->cal, w->now + h, EV_SERVICE_END, id, c->gen, (uint32_t)ch);
}

static int on_arrival(struct world *w, int src)
{
    const struct source_params *sp = &w->m->sources[src];
    int ch = sp->channel;
    double rate = sp->per_interval / w->m->interval_s;
    if (calendar_push(w->cal, w->now + gsl_ran_exponential(w->rng_arrivals[src], 1.0 / rate),
                      EV_ARRIVAL, 0, 0, (uint32_t)src) != 0)
        return -1;

    uint32_t id;
    if (contact_new(w, &id) != 0)
        return -1;
    struct contact *c = &w->contacts[id];
    c->arrived = w->now;
    c->channel = (uint8_t)ch;
    c->counted = w->now >= w->m->warmup_s;
    struct station *s = &w->st[ch];
    if (c->counted)
        s->offered++;

    if (s->busy < s->agents && s->waiting == 0)
        return start_service(w, ch, id);

    c->state = CT_WAITING;
    if (station_enqueue(s, w->now, id) != 0)
        return -1;
    double patience = dist_draw(&w->m->channels[ch].patience, w->rng_patience[ch], 1.0);
    if (isfinite(patience))
        return calendar_push(w->cal, w->now + patience, EV_ABANDON, id, c->gen, (uint32_t)ch);
    return 0;
}

static int on_service_end(struct world *w, uint32_t id, int ch)
{
    struct station *s = &w->st[ch];
    if (w->contacts[id].counted)
        s->handled++;
    contact_free(w, id);
    station_set_busy(s, w->now, s->busy - 1);
    uint32_t next;
    if (s->busy < s->agents && station_dequeue(s, w->now, contact_claim, w, &next) == 0)
        return start_service(w, ch, next);
    return 0;
}

static void on_abandon(struct world *w, uint32_t id, uint32_t gen, int ch)
{
    struct contact *c = &w->contacts[id];
    if (c->gen != gen || c->state != CT_WAITING)
        return;     /* answered, or the slot holds another contact now */
    struct station *s = &w->st[ch];
    if (c->counted)
        station_record_wait(s, w->now - c->arrived, 0);
    station_left_line(s, w->now);
    /* The line still names this slot; contact_claim frees it there. */
    c->state = CT_ABANDONED;
}

static void write_results(struct world *w, const struct results_index *ix, double *v)
{
    const struct model *m = w->m;
    double end = m->horizon_s;
    uint64_t in_system[MODEL_MAX_CHANNELS] = { 0 };
    for (uint32_t i = 0; i < w->n_contacts; i++) {
        const struct contact *c = &w->contacts[i];
        if (c->counted && (c->state == CT_WAITING || c->state == CT_IN_SERVICE))
            in_system[c->channel]++;
    }
    for (int ch = 0; ch < m->n_channels; ch++) {
        struct station *s = &w->st[ch];
        double *o = v + ix->channel[ch];
        double ended = (double)(s->answered + s->abandoned);
        double agents = timeavg_mean(&s->agents_avg, end);
        o[CS_OFFERED] = (double)s->offered;
        o[CS_HANDLED] = (double)s->handled;
        o[CS_ABANDONED] = (double)s->abandoned;
        o[CS_IN_SYSTEM_AT_END] = (double)in_system[ch];
        o[CS_P_WAIT] = ended > 0 ? (double)s->waited / ended : 0.0;
        o[CS_P_ABANDON] = ended > 0 ? (double)s->abandoned / ended : 0.0;
        o[CS_WAIT_MEAN] = s->wait.mean;
        o[CS_WAIT_P50] = loghist_quantile(s->wait_hist, 0.50);
        o[CS_WAIT_P80] = loghist_quantile(s->wait_hist, 0.80);
        o[CS_WAIT_P90] = loghist_quantile(s->wait_hist, 0.90);
        o[CS_WAIT_P95] = loghist_quantile(s->wait_hist, 0.95);
        o[CS_SERVICE_LEVEL] = ended > 0 ? (double)s->within_target / ended : 0.0;
        o[CS_OCCUPANCY] = agents > 0 ? timeavg_mean(&s->busy_avg, end) / agents : 0.0;
        o[CS_AGENTS_MEAN] = agents;
        o[CS_QUEUE_MEAN] = timeavg_mean(&s->queue_avg, end);
    }
}

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
    free(w->contacts);
}

static int world_init(struct world *w, const struct model *m, int rep)
{
    memset(w, 0, sizeof *w);
    w->m = m;
    w->cal = calendar_alloc(1024);
    w->cap_contacts = 1024;
    w->contacts = malloc(w->cap_contacts * sizeof *w->contacts);
    w->free_head = NO_CONTACT;
    if (!w->cal || !w->contacts)
        return -1;
    for (int i = 0; i < m->n_sources; i++)
        if (!(w->rng_arrivals[i] = rng_stream_alloc(m->seed, (uint64_t)rep, PURPOSE_ARRIVALS + i)))
            return -1;
    for (int c = 0; c < m->n_channels; c++) {
        const struct channel_params *cp = &m->channels[c];
        w->rng_handling[c] = rng_stream_alloc(m->seed, (uint64_t)rep, PURPOSE_HANDLING + c);
        w->rng_patience[c] = rng_stream_alloc(m->seed, (uint64_t)rep, PURPOSE_PATIENCE + c);
        if (!w->rng_handling[c] || !w->rng_patience[c])
            return -1;
        if (station_init(&w->st[c], cp->agents, cp->target_s, 256) != 0)
            return -1;
    }
    return 0;
}

static int world_loop(struct world *w)
{
    const struct model *m = w->m;
    for (int i = 0; i < m->n_sources; i++) {
        double rate = m->sources[i].per_interval / m->interval_s;
        if (rate > 0 &&
            calendar_push(w->cal, gsl_ran_exponential(w->rng_arrivals[i], 1.0 / rate),
                          EV_ARRIVAL, 0, 0, (uint32_t)i) != 0)
            return -1;
    }
    if (m->warmup_s > 0 && calendar_push(w->cal, m->warmup_s, EV_WARMUP_END, 0, 0, 0) != 0)
        return -1;

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
            on_abandon(w, e.id, e.gen, (int)e.aux);
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
    struct world w;
    int rc = world_init(&w, m, rep);
    if (rc == 0)
        rc = world_loop(&w);
    if (rc == 0)
        write_results(&w, ix, values);
    world_release(&w);
    return rc;
}
