/*
 * staffing: the fewest agents per interval that meet each assisted
 * channel's targets.
 *
 * The search starts where a planner's spreadsheet would: Erlang A (or C,
 * without patience) per interval of the week on the load the scenario
 * offers, and then refines by simulation, because the waits a plan causes
 * change channel choice, retries and abandonment.  Each round simulates the
 * plan and every interval's figures are judged against the targets with
 * their 95% confidence intervals:
 *
 *   - an interval that fails a target beyond doubt (the whole interval on
 *     the wrong side) gets one agent more;
 *   - then a probe takes one agent from every interval at once; an interval
 *     whose targets are still met beyond doubt gives that agent up, and one
 *     whose service level falls below the target is marked binding.
 *
 * Between those two, the plan keeps what it has.  The rounds stop when
 * nothing changes (the plan is stable) or after planning.max_iterations.
 */
#ifndef CHANMIX_MODELS_STAFFING_H
#define CHANMIX_MODELS_STAFFING_H

#include "models/model.h"
#include "models/world.h"
#include "sim/runner.h"
#include "sim/stats.h"

struct staffing_interval {
    double start_s;             /* seconds from Monday 00:00 */
    int open;
    double arrivals;            /* offered in the interval, mean over weeks */
    int erlang;                 /* Erlang's minimum on that load */
    int required;               /* after refinement by simulation */
    int binding;                /* one agent fewer broke the service level */
    struct estimate service_level, p_abandon, wait_mean_s;   /* simulated, with required */
    double probe_service_level; /* simulated with one agent fewer (binding probe) */
};

struct staffing_channel {
    int channel;                /* index in the model */
    int n;                      /* intervals in the week */
    double aht_s, patience_s;   /* used for Erlang */
    struct staffing_interval *iv;
    double agent_hours, cost;                   /* per week, the plan */
    double erlang_agent_hours, erlang_cost;     /* per week, Erlang alone */
};

struct staffing_plan {
    int n;                              /* channels planned */
    struct staffing_channel ch[MODEL_MAX_CHANNELS];
    int iterations;
    int stable;                         /* the last round changed nothing */
    struct world_overflow overflow;     /* after STAFFING_OVERFLOW */
};

#define STAFFING_OVERFLOW (-3)

/*
 * Plans every assisted channel of m that has targets.  Returns 0, -1 when
 * memory runs out, -2 when no channel has targets, STAFFING_OVERFLOW when a
 * simulation held more than max_in_system contacts or needs (plan->overflow
 * says where).
 */
int staffing_plan(const struct model *m, int threads, struct staffing_plan *plan,
                  runner_progress_fn progress, void *progress_ctx);
void staffing_free(struct staffing_plan *plan);

/* Writes a channel's plan into a model's week (both quarters of each interval). */
void staffing_apply(struct model *m, const struct staffing_channel *sc, int use_erlang);

/* Whether simulated figures meet targets t: beyond doubt (strict) or within the interval. */
int staffing_meets(const struct target_params *t, const struct estimate *sl,
                   const struct estimate *abandon, const struct estimate *wait, int strict);

#endif
