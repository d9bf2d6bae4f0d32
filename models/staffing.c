/*
 * staffing: Erlang per interval, refined by simulation, see staffing.h.
 *
 * Every simulation of one search runs the same replications (the same seeds
 * and citizens), so two plans are compared on common random numbers and a
 * plan simulated again gives the same figures.  That is what lets the check
 * at the end extend the last simulation instead of running it again, and
 * what makes the floor below sound: an interval that failed with n agents
 * will fail with n again, so once raised above n it is never lowered to it.
 */
#include "models/staffing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/choice.h"
#include "models/erlang.h"

struct search {
    const struct model *m;
    struct model *work;                 /* the model with the plan being simulated */
    int threads;
    struct population_set *citizens;    /* drawn for planning.replications */
    struct population_set view;         /* more replications: the same citizens again */
    const struct staffing_progress *progress;
    struct staffing_plan *plan;
    int *floor[MODEL_MAX_CHANNELS];     /* fewest agents each interval may have */
    int round;
    const char *what;
};

void staffing_apply(struct model *m, const struct staffing_channel *sc, int use_erlang)
{
    struct schedule *week = &m->channels[sc->channel].week;
    int quarters = (int)(m->interval_s / SCHEDULE_SLOT_S);
    for (int k = 0; k < sc->n; k++)
        for (int q = 0; q < quarters; q++)
            week->agents[k * quarters + q] = use_erlang ? sc->iv[k].erlang : sc->iv[k].required;
}

static void relay(void *ctx, int done, int total)
{
    const struct search *s = ctx;
    if (!s->progress || !s->progress->fn)
        return;
    struct staffing_step st = { s->progress->week, s->progress->weeks, s->round, s->what, done,
                                total, s->plan->replications_run };
    s->progress->fn(s->progress->ctx, &st);
}

/* A simulation of the model as it stands: 0, -1 out of memory, or EXPERIMENT_OVERFLOW with
 * plan->overflow. */
/*
 * The citizens of `reps` replications.  Replications beyond
 * planning.replications, which only the check of close calls runs, take
 * those of replication r mod planning.replications: a population of this
 * size differs little from another, drawing one costs more than simulating
 * a week with it, and every other draw (needs, choices, service, patience)
 * is still the replication's own.
 */
static struct population_set *citizens_for(struct search *s, int reps)
{
    int drawn = s->m->planning.replications > 1 ? s->m->planning.replications : 20;
    if (population_set_grow(s->citizens, s->m, reps < drawn ? reps : drawn, s->threads) != 0)
        return NULL;
    if (reps <= s->citizens->n || s->citizens->n == 0)
        return s->citizens;
    if (reps > s->view.n) {
        struct population *p = realloc(s->view.pops, (size_t)reps * sizeof *p);
        if (!p)
            return NULL;
        s->view.pops = p;
        for (int r = s->view.n; r < reps; r++)
            p[r] = s->citizens->pops[r % s->citizens->n];     /* shared, never freed here */
        s->view.n = reps;
    }
    return &s->view;
}

static int simulate(struct search *s, const char *what, int reps, struct experiment *e)
{
    s->what = what;
    const struct population_set *citizens = citizens_for(s, reps);
    if (!citizens)
        return -1;
    int rc = experiment_run_with(e, s->work, reps, s->threads, relay, s, citizens);
    s->plan->replications_run += reps;
    if (rc == EXPERIMENT_OVERFLOW)
        s->plan->overflow = e->overflow;
    return rc;
}

/* The last simulation of the plan, with more replications. */
static int extend(struct search *s, struct experiment *e, int reps)
{
    s->what = "check";
    int before = e->replications;
    const struct population_set *citizens = citizens_for(s, reps);
    if (!citizens)
        return -1;
    e->citizens = citizens;
    int rc = experiment_extend(e, reps, s->threads, relay, s);
    if (rc == EXPERIMENT_OVERFLOW)
        s->plan->overflow = e->overflow;
    s->plan->replications_run += reps - before;
    return rc;
}

static void apply_plan(struct search *s)
{
    for (int i = 0; i < s->plan->n; i++)
        staffing_apply(s->work, &s->plan->ch[i], 0);
}

/* Erlang's minimum for every open interval of sc, from the simulated load. */
static void erlang_plan(const struct model *m, const struct experiment *e,
                        struct staffing_channel *sc)
{
    const struct channel_params *cp = &m->channels[sc->channel];
    long aht = results_channel(&e->ix, sc->channel, CS_AHT);
    sc->aht_s = aht >= 0 ? e->summary[aht].mean : 0.0;
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
        long a = results_interval(&e->ix, sc->channel, k, IS_ARRIVALS);
        iv->arrivals = a >= 0 ? e->summary[a].mean : 0.0;
        double rate = iv->arrivals / m->interval_s;
        struct erlang_result r;
        int servers = rate > 0 ? erlang_staff(rate, sc->aht_s, sc->patience_s, &t, &r) : 0;
        if (servers < 0)    /* no staffing meets the targets: the most the search tried */
            servers = (int)ceil(rate * sc->aht_s + 50.0 * sqrt(rate * sc->aht_s) + 100.0);
        int agents = (servers + cp->sessions - 1) / cp->sessions;
        iv->empty = !(iv->arrivals > 0);
        iv->erlang = iv->required = agents > cp->targets.min_agents ? agents
                                                                     : cp->targets.min_agents;
    }
}

/* Reads the figures of the plan's simulation; one agent more where a norm fails, and
 * min_agents where the interval had no contact.  1 if anything changed. */
static int raise_where_short(struct search *s, const struct experiment *e)
{
    int changed = 0;
    for (int i = 0; i < s->plan->n; i++) {
        struct staffing_channel *sc = &s->plan->ch[i];
        const struct target_params *t = &s->m->channels[sc->channel].targets;
        for (int k = 0; k < sc->n; k++) {
            struct staffing_interval *iv = &sc->iv[k];
            if (!iv->open)
                continue;
            iv->empty = staffing_interval_figures(e, sc->channel, k, &iv->service_level,
                                                  &iv->p_abandon, &iv->wait_mean_s) != 0;
            if (iv->empty) {
                changed += iv->required != t->min_agents;
                iv->required = t->min_agents;
                iv->binding = 0;
            } else if (!staffing_meets(t, &iv->service_level, &iv->p_abandon, &iv->wait_mean_s,
                                       &iv->close)) {
                iv->required++;
                s->floor[i][k] = iv->required;
                iv->binding = 1;
                changed++;
            }
        }
    }
    return changed;
}

/* The plan with one agent fewer wherever there are more than min_agents. */
static void apply_probe(struct search *s)
{
    for (int i = 0; i < s->plan->n; i++) {
        const struct staffing_channel *sc = &s->plan->ch[i];
        struct schedule *week = &s->work->channels[sc->channel].week;
        int quarters = (int)(s->work->interval_s / SCHEDULE_SLOT_S);
        int least = s->m->channels[sc->channel].targets.min_agents;
        for (int k = 0; k < sc->n; k++) {
            const struct staffing_interval *iv = &sc->iv[k];
            int agents = iv->required - (iv->open && iv->required > least);
            for (int q = 0; q < quarters; q++)
                week->agents[k * quarters + q] = agents;
        }
    }
}

/* After the probe's run: one agent fewer wherever the probe still met every norm beyond
 * doubt (no norm inside its 95% interval). */
static int lower_where_probe_meets(struct search *s, const struct experiment *e)
{
    int changed = 0;
    for (int i = 0; i < s->plan->n; i++) {
        struct staffing_channel *sc = &s->plan->ch[i];
        const struct channel_params *cp = &s->m->channels[sc->channel];
        const struct target_params *t = &cp->targets;
        for (int k = 0; k < sc->n; k++) {
            struct staffing_interval *iv = &sc->iv[k];
            if (!iv->open || iv->empty || iv->required <= t->min_agents)
                continue;
            struct estimate sl, ab, wt;
            if (staffing_interval_figures(e, sc->channel, k, &sl, &ab, &wt) != 0)
                continue;
            int close;
            int meets = staffing_meets(t, &sl, &ab, &wt, &close);
            iv->probe_service_level = sl.mean;
            iv->binding = !meets;
            /* give the agent up only where the occupancy norm allows it too */
            double load = iv->arrivals / s->m->interval_s * sc->aht_s;
            int servers = (iv->required - 1) * cp->sessions;
            int occ_ok = t->max_occupancy <= 0 || (load < servers &&
                                                   load / servers <= t->max_occupancy);
            if (meets && !close && occ_ok && iv->required > s->floor[i][k]) {
                iv->required--;
                changed++;
            }
        }
    }
    return changed;
}

/* Whether an open interval with contacts is too close to call (want_close) or fails. */
static int any_interval(const struct search *s, const struct experiment *e, int want_close)
{
    for (int i = 0; i < s->plan->n; i++) {
        const struct staffing_channel *sc = &s->plan->ch[i];
        const struct target_params *t = &s->m->channels[sc->channel].targets;
        for (int k = 0; k < sc->n; k++) {
            struct estimate sl, ab, wt;
            int close = 0;
            if (!sc->iv[k].open || staffing_interval_figures(e, sc->channel, k, &sl, &ab, &wt))
                continue;
            int meets = staffing_meets(t, &sl, &ab, &wt, &close);
            if (want_close ? close : !meets)
                return 1;
        }
    }
    return 0;
}

/*
 * Simulates the plan and raises it where it fails, until nothing fails or
 * the rounds run out; *e then holds the simulation of the plan as it stands.
 * Returns 1 when nothing fails, 0 when the rounds ran out, or simulate's error.
 */
static int raise_until_met(struct search *s, int reps, struct experiment *e, const char *what)
{
    for (;;) {
        s->round = ++s->plan->iterations;
        apply_plan(s);
        int rc = simulate(s, what, reps, e);
        if (rc != 0)
            return rc;
        int raised = raise_where_short(s, e);
        if (!raised)
            return 1;
        experiment_free(e);
        if (s->plan->iterations >= s->m->planning.max_iterations) {
            apply_plan(s);      /* the figures of the plan as it now stands */
            return simulate(s, what, reps, e);
        }
    }
}

/*
 * The search at planning.replications: raise until every interval meets its
 * norms, then one probe, which lowers where one agent fewer still meets them
 * beyond doubt (a decision on noise would only be undone later).  *e holds
 * the last simulation of the plan, or nothing (e->values NULL) when the
 * probe lowered the plan since.
 */
static int search_rounds(struct search *s, int reps, struct experiment *e)
{
    int met = raise_until_met(s, reps, e, "plan");
    if (met <= 0)
        return met;
    struct experiment probe;
    apply_probe(s);
    int rc = simulate(s, "probe", reps, &probe);
    if (rc != 0)
        return rc;
    int lowered = lower_where_probe_meets(s, &probe);
    experiment_free(&probe);
    apply_plan(s);
    s->plan->stable = 1;
    if (lowered)
        experiment_free(e);
    return 0;
}

/*
 * The check: the plan simulated (again, where the probe lowered it), with
 * the replications doubled while intervals are too close to call, up to
 * planning.max_replications; then an agent more wherever a point estimate
 * fails, until none fails.
 */
static int check_close_calls(struct search *s, int reps, struct experiment *e)
{
    int most = s->m->planning.max_replications;
    if (!e->values) {
        reps = 2 * reps < most ? 2 * reps : most;
        s->round = ++s->plan->iterations;
        int rc = simulate(s, "check", reps, e);
        if (rc != 0)
            return rc;
    }
    reps = e->replications;
    while (reps < most && any_interval(s, e, 1)) {
        reps = 2 * reps < most ? 2 * reps : most;
        int rc = extend(s, e, reps);
        if (rc != 0)
            return rc;
    }
    int raised = raise_where_short(s, e);
    if (!raised)
        return 0;
    experiment_free(e);
    int met = raise_until_met(s, reps, e, "check");
    s->plan->stable &= met == 1;
    return met < 0 ? met : 0;
}

/* The final figures into the plan, and its weekly totals. */
static void finish(struct search *s, const struct experiment *e)
{
    struct staffing_plan *plan = s->plan;
    double h = s->m->interval_s / 3600.0;
    plan->replications = e->replications;
    for (int i = 0; i < plan->n; i++) {
        struct staffing_channel *sc = &plan->ch[i];
        const struct channel_params *cp = &s->m->channels[sc->channel];
        sc->agent_hours = sc->erlang_agent_hours = sc->rostered_hours = 0.0;
        for (int k = 0; k < sc->n; k++) {
            struct staffing_interval *iv = &sc->iv[k];
            iv->close = 0;
            if (iv->open && !iv->empty &&
                staffing_interval_figures(e, sc->channel, k, &iv->service_level, &iv->p_abandon,
                                          &iv->wait_mean_s) == 0) {
                staffing_meets(&cp->targets, &iv->service_level, &iv->p_abandon,
                               &iv->wait_mean_s, &iv->close);
                plan->close += iv->close;
            }
            iv->rostered = iv->required / (1.0 - cp->shrinkage);
            sc->agent_hours += iv->required * h;
            sc->erlang_agent_hours += iv->erlang * h;
            sc->rostered_hours += iv->rostered * h;
        }
        sc->cost = sc->agent_hours * cp->cost_agent_hour;
        sc->erlang_cost = sc->erlang_agent_hours * cp->cost_agent_hour;
    }
}

/* One plan channel per assisted channel with targets; -1 out of memory, -2 none. */
static int add_channels(struct search *s)
{
    const struct model *m = s->m;
    int weekly = (int)(SCHEDULE_WEEK_S / m->interval_s);
    for (int c = 0; c < m->n_channels; c++) {
        if (!choice_is_assisted(m->channels[c].kind) || !m->channels[c].targets.set)
            continue;
        int i = s->plan->n++;
        struct staffing_channel *sc = &s->plan->ch[i];
        sc->channel = c;
        sc->n = weekly;
        sc->iv = calloc((size_t)weekly, sizeof *sc->iv);
        s->floor[i] = malloc((size_t)weekly * sizeof *s->floor[i]);
        if (!sc->iv || !s->floor[i])
            return -1;
        for (int k = 0; k < weekly; k++)
            s->floor[i][k] = m->channels[c].targets.min_agents;
    }
    return s->plan->n == 0 ? -2 : 0;
}

static int run_search(struct search *s)
{
    int reps = s->m->planning.replications > 1 ? s->m->planning.replications : 20;
    struct experiment e = { 0 };
    /* the load the scenario offers, under its own staffing */
    int rc = simulate(s, "load", reps, &e);
    if (rc != 0)
        return rc;
    for (int i = 0; i < s->plan->n; i++)
        erlang_plan(s->m, &e, &s->plan->ch[i]);
    experiment_free(&e);
    memset(&e, 0, sizeof e);
    rc = search_rounds(s, reps, &e);
    if (rc == 0)
        rc = check_close_calls(s, reps, &e);
    if (rc == 0)
        finish(s, &e);
    experiment_free(&e);
    return rc;
}

int staffing_plan(const struct model *m, int threads, struct population_set *citizens,
                  struct staffing_plan *plan, const struct staffing_progress *progress)
{
    memset(plan, 0, sizeof *plan);
    struct search s = { .m = m, .threads = threads, .progress = progress, .plan = plan };
    struct population_set own = { 0, NULL };
    s.citizens = citizens ? citizens : &own;
    s.work = malloc(sizeof *s.work);
    int rc = s.work ? add_channels(&s) : -1;
    if (rc == 0) {
        *s.work = *m;
        rc = run_search(&s);
        rc = rc == EXPERIMENT_OVERFLOW ? STAFFING_OVERFLOW : rc;
    }
    for (int i = 0; i < plan->n; i++)
        free(s.floor[i]);
    population_set_free(&own);
    free(s.view.pops);
    free(s.work);
    if (rc != 0)
        staffing_free(plan);
    return rc;
}

void staffing_free(struct staffing_plan *plan)
{
    for (int i = 0; i < plan->n; i++) {
        free(plan->ch[i].iv);
        plan->ch[i].iv = NULL;
    }
    plan->n = 0;
}
