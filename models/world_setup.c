/*
 * world_setup: what a world keeps for all its replications (calendar,
 * pools, lines, histograms, stream generators, the citizens' array, the
 * week's lookup tables), allocated once, and the reset that starts each
 * replication afresh in that memory.  A short replication then costs its
 * events, not the allocation and page faults of a new world.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>

#include "models/world.h"
#include "models/world_internal.h"
#include "sim/rng.h"

/*
 * The calendar's heap holds the current quarter hour and the next;
 * retries, appointments and chases hours or days ahead wait in its lists
 * (sim/calendar.h).  In the baseline year this keeps the heap at a few
 * dozen events; windows of 5 to 15 minutes cost the fewest instructions
 * there, a minute or an hour about an eighth more.
 */
#define CALENDAR_WINDOW_S 900.0

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
    station_release(&w->bo);
    gsl_rng *own[] = { w->rng_population, w->rng_needs, w->rng_channel, w->rng_keyed };
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        gsl_rng_free(own[i]);
    population_free(&w->pop);
    population_synth_free(&w->synth);
    free(w->choice_base);
    demand_free(&w->demand);
    pool_release(&w->contacts);
    pool_release(&w->needs);
    free(w->intervals);
}

static int max_agents(const struct schedule *s)
{
    int most = 0;
    for (int k = 0; k < SCHEDULE_SLOTS; k++)
        if (s->open[k] && s->agents[k] > most)
            most = s->agents[k];
    return most;
}

/* What a world keeps for all its replications: memory, stream generators, tables. */
static int world_open(struct world *w, const struct model *m)
{
    memset(w, 0, sizeof *w);
    w->m = m;
    w->cal = calendar_alloc(1024);
    int pools = pool_init(&w->contacts, sizeof(struct contact), 1024) |
                pool_init(&w->needs, sizeof(struct need), 1024);
    w->interval_count = (int)(SCHEDULE_WEEK_S / m->interval_s);
    w->inv_interval_s = 1.0 / m->interval_s;
    w->intervals = calloc((size_t)(m->n_channels ? m->n_channels : 1) * (size_t)w->interval_count,
                          sizeof *w->intervals);
    if (!w->cal || pools != 0 || !w->intervals)
        return -1;
    calendar_configure(w->cal, CALENDAR_WINDOW_S, m->horizon_s);
    for (int i = 0; i < m->n_sources; i++)
        if (!(w->rng_arrivals[i] = gsl_rng_alloc(rng_keyed_type)))
            return -1;
    for (int c = 0; c < m->n_channels; c++) {
        const struct channel_params *cp = &m->channels[c];
        w->rng_handling[c] = gsl_rng_alloc(rng_keyed_type);
        w->rng_patience[c] = gsl_rng_alloc(rng_keyed_type);
        if (!w->rng_handling[c] || !w->rng_patience[c])
            return -1;
        if (station_init(&w->st[c], schedule_agents(&cp->week, 0.0), max_agents(&cp->week),
                         cp->sessions, cp->kind == CHANNEL_CHAT, cp->target_s) != 0)
            return -1;
        w->st[c].norm_s = model_norm_s(cp);
        schedule_openings_build(&w->openings[c], &cp->week);
    }
    const struct back_office_params *bo = &m->back_office;
    if (station_init(&w->bo, bo->enabled ? schedule_agents(&bo->week, 0.0) : 0,
                     bo->enabled ? max_agents(&bo->week) : 0, 1, 0, 0.0) != 0)
        return -1;
    w->rng_population = gsl_rng_alloc(gsl_rng_mt19937);
    w->rng_needs = gsl_rng_alloc(rng_keyed_type);
    w->rng_channel = gsl_rng_alloc(rng_keyed_type);
    w->rng_keyed = rng_keyed_alloc(m->seed, 0);
    if (!w->rng_population || !w->rng_needs || !w->rng_channel || !w->rng_keyed)
        return -1;
    if (!(w->choice_base = choice_base_build(m)))
        return -1;
    return population_synth_init(&w->synth, m);
}

/* How a contact offered to each channel goes on (channels_offer). */
static void channel_entries(struct world *w, const struct model *m)
{
    for (int c = 0; c < m->n_channels; c++) {
        const struct channel_params *cp = &m->channels[c];
        w->entry[c] = !choice_is_assisted(cp->kind) ? ENTRY_SESSION
                    : cp->kind == CHANNEL_PHONE && cp->ivr.kind != DIST_NONE ? ENTRY_IVR
                    : cp->kind == CHANNEL_CHAT && cp->bot ? ENTRY_BOT
                    : cp->kind == CHANNEL_DESK && cp->travel_kmh > 0 ? ENTRY_TRAVEL
                    : ENTRY_LINE;
    }
}

/* The channel masks a choice starts from, by service. */
static void choice_masks(struct world *w, const struct model *m)
{
    for (int c = 0; c < m->n_channels; c++)
        if (m->channels[c].kind == CHANNEL_APP)
            w->apps |= 1u << c;
    for (int sv = 0; sv < m->n_services; sv++)
        for (int c = 0; c < m->n_channels; c++) {
            if (m->services[sv].on[c].offered)
                w->offered[sv] |= 1u << c;
            if (!m->services[sv].desk_required || m->channels[c].kind == CHANNEL_DESK)
                w->resolving[sv] |= 1u << c;
        }
}

int world_reset(struct world *w, int rep, const struct population *citizens)
{
    const struct model *m = w->m;
    struct world keep = *w;
    memset(w, 0, sizeof *w);
    w->m = m;
    w->rep = rep;
    w->cal = keep.cal;
    calendar_clear(w->cal);
    w->contacts = keep.contacts;
    w->needs = keep.needs;
    pool_clear(&w->contacts);
    pool_clear(&w->needs);
    w->intervals = keep.intervals;
    w->interval_count = keep.interval_count;
    w->inv_interval_s = keep.inv_interval_s;
    memset(w->intervals, 0, (size_t)(m->n_channels ? m->n_channels : 1) *
                            (size_t)w->interval_count * sizeof *w->intervals);
    memcpy(w->openings, keep.openings, sizeof w->openings);
    w->choice_base = keep.choice_base;
    choice_masks(w, m);
    channel_entries(w, m);

    uint64_t r = (uint64_t)rep;
    memcpy(w->rng_arrivals, keep.rng_arrivals, sizeof w->rng_arrivals);
    for (int i = 0; i < m->n_sources; i++)
        rng_stream_reset(w->rng_arrivals[i], m->seed, r, PURPOSE_ARRIVALS + i);
    memcpy(w->rng_handling, keep.rng_handling, sizeof w->rng_handling);
    memcpy(w->rng_patience, keep.rng_patience, sizeof w->rng_patience);
    memcpy(w->st, keep.st, sizeof w->st);
    for (int c = 0; c < m->n_channels; c++) {
        rng_stream_reset(w->rng_handling[c], m->seed, r, PURPOSE_HANDLING + c);
        rng_stream_reset(w->rng_patience[c], m->seed, r, PURPOSE_PATIENCE + c);
        station_reset(&w->st[c], schedule_agents(&m->channels[c].week, 0.0));
        w->desk_day[c] = -1;
    }
    w->bo = keep.bo;
    station_reset(&w->bo, m->back_office.enabled ? schedule_agents(&m->back_office.week, 0.0) : 0);
    w->rng_population = keep.rng_population;
    w->rng_needs = keep.rng_needs;
    w->rng_channel = keep.rng_channel;
    w->rng_keyed = keep.rng_keyed;
    rng_stream_reset(w->rng_population, m->seed, r, PURPOSE_POPULATION);
    rng_stream_reset(w->rng_needs, m->seed, r, PURPOSE_NEEDS);
    rng_stream_reset(w->rng_channel, m->seed, r, PURPOSE_CHANNEL);
    rng_keyed_reset(w->rng_keyed, m->seed, r);

    w->pop = keep.pop;
    w->synth = keep.synth;
    if (citizens ? population_copy(&w->pop, citizens) != 0
                 : population_redraw_lazy(&w->pop, m, w->rng_population) != 0)
        return -1;
    demand_free(&keep.demand);
    if (m->n_services > 0 && demand_init(&w->demand, m, &w->pop) != 0)
        return -1;
    return 0;
}

struct world *world_alloc(const struct model *m)
{
    struct world *w = malloc(sizeof *w);
    if (w && world_open(w, m) != 0) {
        world_free(w);
        return NULL;
    }
    return w;
}

void world_free(struct world *w)
{
    if (!w)
        return;
    world_release(w);
    free(w);
}

