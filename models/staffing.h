/*
 * staffing: the fewest agents per interval that meet each assisted
 * channel's norms, over the measured time of a model (one week of the
 * horizon when the planner plans week by week, see workforce.h).
 *
 * The search starts where a planner's spreadsheet would: Erlang A (or C,
 * without patience) per interval of the week on the load the scenario
 * offers, and then refines by simulation, because the waits a plan causes
 * change channel choice, retries and abandonment.  Each round simulates the
 * plan, and every open interval is judged on its point estimates:
 *
 *   - an interval that fails a norm gets one agent more, and is never
 *     lowered again;
 *   - when none fails, one probe takes an agent from every interval at once,
 *     and an interval whose norms the probe still meets beyond doubt (no
 *     norm inside the 95% interval) gives that agent up; the interval is
 *     binding where the probe fails a norm.
 *
 * The rounds stop when nothing fails or after planning.max_iterations.
 * An interval is too close to call when a norm lies inside its 95%
 * confidence interval.  Where the final plan has such intervals, its
 * simulation is extended, doubling the replications up to
 * planning.max_replications (the replications already run are kept, the
 * extra ones reuse the first ones' citizens), and every interval whose
 * point estimate then fails gets an agent more, until none fails.  An open interval without contacts in any replication needs
 * only targets.min_agents, and no interval has fewer.
 *
 * An interval's figures pool its contacts over the replications: each
 * replication's figure weighs by the contacts it had, so a replication
 * without contacts there does not count as a failure.
 */
#ifndef CHANMIX_MODELS_STAFFING_H
#define CHANMIX_MODELS_STAFFING_H

#include "models/experiment.h"
#include "models/model.h"
#include "models/population.h"
#include "models/world.h"
#include "sim/stats.h"

struct staffing_interval {
    double start_s;             /* seconds from Monday 00:00 */
    int open;
    int empty;                  /* no contacts in any replication: min_agents */
    double arrivals;            /* offered in the interval, mean over replications and weeks */
    int erlang;                 /* Erlang's minimum on that load */
    int required;               /* after refinement by simulation */
    double rostered;            /* required / (1 - shrinkage): agents to roster */
    int binding;                /* one agent fewer failed a norm */
    int close;                  /* a norm lies inside the final figures' 95% interval */
    struct estimate service_level, p_abandon, wait_mean_s;   /* simulated, with required */
    double probe_service_level; /* simulated with one agent fewer (the last probe) */
};

struct staffing_channel {
    int channel;                /* index in the model */
    int n;                      /* intervals in the week */
    double aht_s, patience_s;   /* used for Erlang */
    struct staffing_interval *iv;
    double agent_hours, cost;                   /* per week, the requirement */
    double erlang_agent_hours, erlang_cost;     /* per week, Erlang alone */
    double rostered_hours;                      /* per week, the requirement with shrinkage */
};

struct staffing_plan {
    int n;                              /* channels planned */
    struct staffing_channel ch[MODEL_MAX_CHANNELS];
    int iterations;
    int stable;                         /* the last round changed nothing */
    struct world_overflow overflow;     /* after STAFFING_OVERFLOW */
    int replications;                   /* behind the final figures */
    long replications_run;              /* by the whole search */
    int close;                          /* intervals still too close to call at the end */
};

/* One step of the search, for a progress display. */
struct staffing_step {
    int week, weeks;                    /* as the caller set them in staffing_progress */
    int round;                          /* 0: the offered load */
    const char *what;                   /* "load", "plan", "probe", "check" */
    int done, total;                    /* replications of this simulation */
    long run_before;                    /* replications of the search before it */
};

struct staffing_progress {
    void (*fn)(void *ctx, const struct staffing_step *s);
    void *ctx;
    int week, weeks;                    /* handed on in each step */
};

#define STAFFING_OVERFLOW (-3)

/*
 * Plans every assisted channel of m that has targets, simulating with the
 * citizens of `citizens` (drawn more where it has too few; NULL: drawn
 * here).  progress may be NULL.  Returns 0, -1 when memory runs out, -2
 * when no channel has targets, STAFFING_OVERFLOW when a simulation held more
 * than max_in_system contacts or needs (plan->overflow says where).
 */
int staffing_plan(const struct model *m, int threads, struct population_set *citizens,
                  struct staffing_plan *plan, const struct staffing_progress *progress);
void staffing_free(struct staffing_plan *plan);

/* Writes a channel's plan into a model's week (both quarters of each interval). */
void staffing_apply(struct model *m, const struct staffing_channel *sc, int use_erlang);

/* Whether the point estimates meet targets t; *close: a norm lies inside an interval. */
int staffing_meets(const struct target_params *t, const struct estimate *sl,
                   const struct estimate *abandon, const struct estimate *wait, int *close);

/*
 * Interval k of channel ch in e, its contacts pooled over the replications
 * (see above): service level at the norm's threshold, abandonment and mean
 * wait.  Returns 0, or -1 when no replication had a contact there.
 */
int staffing_interval_figures(const struct experiment *e, int ch, int k, struct estimate *sl,
                              struct estimate *ab, struct estimate *wt);

#endif
