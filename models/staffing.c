/*
 * staffing: Erlang per interval, refined by simulation, see staffing.h.
 */
#include "models/staffing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/choice.h"
#include "models/erlang.h"
#include "models/experiment.h"

int staffing_meets(const struct target_params *t, const struct estimate *sl,
                   const struct estimate *abandon, const struct estimate *wait, int strict)
{
    double s = strict ? -1.0 : 1.0;     /* strict: the whole interval must be on the right side */
    if (t->service_level > 0 && sl->mean + s * sl->ci95 < t->service_level)
        return 0;
    if (t->max_abandon > 0 && abandon->mean - s * abandon->ci95 > t->max_abandon)
        return 0;
    if (t->max_wait_s > 0 && wait->mean - s * wait->ci95 > t->max_wait_s)
        return 0;
    return 1;
}

void staffing_apply(struct model *m, const struct staffing_channel *sc, int use_erlang)
{
    struct schedule *week = &m->channels[sc->channel].week;
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
    for (int k = 0; k < sc->n; k++)
        for (int q = 0; q < quarters; q++)
            week->agents[k * quarters + q] = use_erlang ? sc->iv[k].erlang : sc->iv[k].required;
}

/* The figure at index i, or a zero estimate where the layout lacks it. */
static struct estimate figure(const struct experiment *e, long i)
{
    return i >= 0 ? e->summary[i] : (struct estimate){ 0.0, 0.0 };
}

/* The figures of interval k that the norm is checked on: the service level at the norm's
 * threshold (targets.within_s), abandonment and mean wait. */
static void interval_figures(const struct experiment *e, int ch, int k, struct estimate *sl,
                             struct estimate *ab, struct estimate *wt)
{
    *sl = figure(e, results_interval_norm_service_level(&e->ix, ch, k));
    *ab = figure(e, results_interval(&e->ix, ch, k, IS_P_ABANDON));
    *wt = figure(e, results_interval(&e->ix, ch, k, IS_WAIT_MEAN));
}

/* Erlang's minimum for every open interval of sc, from the simulated load. */
static void erlang_plan(const struct model *m, const struct experiment *e,
                        struct staffing_channel *sc)
{
    const struct channel_params *cp = &m->channels[sc->channel];
    sc->aht_s = figure(e, results_channel(&e->ix, sc->channel, CS_AHT)).mean;
    if (!(sc->aht_s > 0))
        sc->aht_s = cp->handling.mean;
    sc->patience_s = cp->patience.kind == DIST_NONE ? 0.0 : cp->patience.mean;
    struct erlang_target t = {
        .target_s = cp->targets.within_s,
        .service_level = cp->targets.service_level,
        .max_abandon = sc->patience_s > 0 ? cp->targets.max_abandon : 0.0,
        .max_asa_s = cp->targets.max_wait_s,
        .max_occupancy = cp->targets.max_occupancy,
    };
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
    for (int k = 0; k < sc->n; k++) {
        struct staffing_interval *iv = &sc->iv[k];
        iv->start_s = k * m->interval_s;
        iv->open = 0;
        for (int q = 0; q < quarters; q++)
            iv->open |= cp->week.open[k * quarters + q];
        if (!iv->open) {
            iv->erlang = iv->required = 0;
            continue;
        }
        iv->arrivals = figure(e, results_interval(&e->ix, sc->channel, k, IS_ARRIVALS)).mean;
        double rate = iv->arrivals / m->interval_s;
        struct erlang_result r;
        int servers = rate > 0 ? erlang_staff(rate, sc->aht_s, sc->patience_s, &t, &r) : 0;
        if (servers < 0)    /* no staffing meets the targets: the most the search tried */
            servers = (int)ceil(rate * sc->aht_s + 50.0 * sqrt(rate * sc->aht_s) + 100.0);
        int agents = (servers + cp->sessions - 1) / cp->sessions;
        iv->erlang = iv->required = agents > 0 ? agents : 1;    /* an open line has someone */
    }
}

/* Reads the simulated figures of every interval into sc (service level etc.). */
static void read_figures(const struct experiment *e,
                         struct staffing_channel *sc)
{
    for (int k = 0; k < sc->n; k++) {
        struct staffing_interval *iv = &sc->iv[k];
        if (iv->open)
            interval_figures(e, sc->channel, k, &iv->service_level, &iv->p_abandon,
                             &iv->wait_mean_s);
    }
}

/* The plan with one agent fewer wherever there is more than one. */
static void apply_probe(struct model *work, const struct staffing_channel *sc)
{
    struct schedule *week = &work->channels[sc->channel].week;
    int quarters = (int)(work->interval_s / SCHEDULE_SLOT_S);
    for (int k = 0; k < sc->n; k++) {
        const struct staffing_interval *iv = &sc->iv[k];
        int agents = iv->required - (iv->open && iv->required > 1);
        for (int q = 0; q < quarters; q++)
            week->agents[k * quarters + q] = agents;
    }
}

static void totals(const struct model *m, struct staffing_channel *sc)
{
    const struct channel_params *cp = &m->channels[sc->channel];
    double h = m->interval_s / 3600.0;
    sc->agent_hours = sc->erlang_agent_hours = 0.0;
    for (int k = 0; k < sc->n; k++) {
        sc->agent_hours += sc->iv[k].required * h;
        sc->erlang_agent_hours += sc->iv[k].erlang * h;
    }
    sc->cost = sc->agent_hours * cp->cost_agent_hour;
    sc->erlang_cost = sc->erlang_agent_hours * cp->cost_agent_hour;
}

static int simulate(struct model *work, int reps, int threads, struct experiment *e,
                    runner_progress_fn progress, void *ctx, const struct population_set *citizens)
{
    return experiment_run_with(e, work, reps, threads, progress, ctx, citizens);
}

/* One plan channel per assisted channel with targets; -1 out of memory, -2 none. */
static int add_channels(const struct model *m, struct staffing_plan *plan)
{
    int weekly = (int)(SCHEDULE_WEEK_S / m->interval_s);
    for (int c = 0; c < m->n_channels; c++) {
        if (!choice_is_assisted(m->channels[c].kind) || !m->channels[c].targets.set)
            continue;
        struct staffing_channel *sc = &plan->ch[plan->n++];
        sc->channel = c;
        sc->n = weekly;
        sc->iv = calloc((size_t)weekly, sizeof *sc->iv);
        if (!sc->iv) {
            staffing_free(plan);
            return -1;
        }
    }
    return plan->n == 0 ? -2 : 0;
}

/* One agent more in every open interval that misses its targets; 1 if any changed. */
static int raise_where_short(const struct model *m, const struct experiment *e,
                             struct staffing_plan *plan)
{
    int changed = 0;
    for (int i = 0; i < plan->n; i++) {
        struct staffing_channel *sc = &plan->ch[i];
        const struct target_params *t = &m->channels[sc->channel].targets;
        read_figures(e, sc);
        for (int k = 0; k < sc->n; k++) {
            struct staffing_interval *iv = &sc->iv[k];
            if (iv->open && !staffing_meets(t, &iv->service_level, &iv->p_abandon,
                                            &iv->wait_mean_s, 0)) {
                iv->required++;
                changed = 1;
            }
        }
    }
    return changed;
}

/* After the probe's run: one agent fewer wherever the probe still met every target. */
static int lower_where_probe_meets(const struct model *m, const struct experiment *e,
                                   struct staffing_plan *plan)
{
    int changed = 0;
    for (int i = 0; i < plan->n; i++) {
        struct staffing_channel *sc = &plan->ch[i];
        const struct target_params *t = &m->channels[sc->channel].targets;
        for (int k = 0; k < sc->n; k++) {
            struct staffing_interval *iv = &sc->iv[k];
            if (!iv->open || iv->required <= 1)
                continue;
            struct estimate sl, ab, wt;
            interval_figures(e, sc->channel, k, &sl, &ab, &wt);
            iv->probe_service_level = sl.mean;
            iv->binding = t->service_level > 0 && sl.mean < t->service_level;
            /* give the agent up only where the occupancy target allows it too */
            double load = iv->arrivals / m->interval_s * sc->aht_s;
            int servers = (iv->required - 1) * m->channels[sc->channel].sessions;
            int occ_ok = load < servers &&
                         (t->max_occupancy <= 0 || load / servers <= t->max_occupancy);
            if (occ_ok && staffing_meets(t, &sl, &ab, &wt, 1)) {
                iv->required--;
                changed = 1;
            }
        }
    }
    return changed;
}

int staffing_plan(const struct model *m, int threads, struct staffing_plan *plan,
                  runner_progress_fn progress, void *progress_ctx)
{
    memset(plan, 0, sizeof *plan);
    struct model *work = malloc(sizeof *work);
    if (!work)
        return -1;
    *work = *m;
    int added = add_channels(m, plan);
    if (added != 0) {
        free(work);
        return added;
    }
    int reps = m->planning.replications > 1 ? m->planning.replications : 20;
    struct experiment e = { 0 };
    /* every round simulates the same citizens: draw them once */
    struct population_set citizens = { 0, NULL };
    if (population_set_build(&citizens, m, reps, threads) != 0) {
        free(work);
        staffing_free(plan);
        return -1;
    }

    /* the load the scenario offers, under its own staffing */
    if (simulate(work, reps, threads, &e, progress, progress_ctx, &citizens) != 0)
        goto oom;
    for (int i = 0; i < plan->n; i++)
        erlang_plan(m, &e, &plan->ch[i]);
    experiment_free(&e);

    for (int it = 0; it < m->planning.max_iterations; it++) {
        plan->iterations = it + 1;
        for (int i = 0; i < plan->n; i++)
            staffing_apply(work, &plan->ch[i], 0);
        if (simulate(work, reps, threads, &e, progress, progress_ctx, &citizens) != 0)
            goto oom;
        int changed = raise_where_short(m, &e, plan);
        experiment_free(&e);
        if (changed)
            continue;

        /* the probe: one agent fewer in every interval that has more than one */
        for (int i = 0; i < plan->n; i++)
            apply_probe(work, &plan->ch[i]);
        if (simulate(work, reps, threads, &e, progress, progress_ctx, &citizens) != 0)
            goto oom;
        changed = lower_where_probe_meets(m, &e, plan);
        experiment_free(&e);
        if (!changed) {
            plan->stable = 1;
            break;
        }
    }
    /* the figures of the final plan */
    for (int i = 0; i < plan->n; i++)
        staffing_apply(work, &plan->ch[i], 0);
    if (simulate(work, reps, threads, &e, progress, progress_ctx, &citizens) != 0)
        goto oom;
    for (int i = 0; i < plan->n; i++) {
        read_figures(&e, &plan->ch[i]);
        totals(m, &plan->ch[i]);
    }
    experiment_free(&e);
    population_set_free(&citizens);
    free(work);
    return 0;
oom:
    population_set_free(&citizens);
    free(work);
    staffing_free(plan);
    plan->overflow = e.overflow;
    return e.overflow.bound > 0 ? STAFFING_OVERFLOW : -1;
}

void staffing_free(struct staffing_plan *plan)
{
    for (int i = 0; i < plan->n; i++) {
        free(plan->ch[i].iv);
        plan->ch[i].iv = NULL;
    }
    plan->n = 0;
}
