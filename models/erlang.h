/*
 * erlang: closed-form and numerically exact results for the stationary
 * multi-server queue, used to check the simulation and as the starting point
 * of staffing.
 *
 *   Erlang B  M/M/c/c    blocking probability
 *   Erlang C  M/M/c      probability of waiting, service level, mean wait
 *   Erlang A  M/M/c+M    the same with exponential patience (abandonment)
 *
 * Service level is "answered within the target time over offered" in both
 * models (abandoned calls count as not answered within target); ASA is the
 * mean wait over all offered calls, abandoned ones included with the time
 * they waited before abandoning (Little's law on the queue).
 */
#ifndef CHANMIX_MODELS_ERLANG_H
#define CHANMIX_MODELS_ERLANG_H

struct erlang_result {
    int agents;
    double load;            /* offered load in Erlang: rate * aht */
    double p_wait;          /* probability an arriving call waits */
    double service_level;   /* answered within target / offered */
    double asa_s;           /* mean wait over offered calls, seconds */
    double p_abandon;       /* 0 without patience */
    double occupancy;       /* carried load / agents */
    double mean_queue;      /* mean number waiting */
};

/* Erlang B blocking probability for `load` Erlang on `agents` servers. */
double erlang_b(double load, int agents);

/* M/M/c.  Returns 0, or -1 when load >= agents (no steady state) or bad input. */
int erlang_c(double rate_per_s, double aht_s, int agents, double target_s,
             struct erlang_result *out);

/* M/M/c+M with mean patience patience_s > 0.  Returns 0 or -1 on bad input. */
int erlang_a(double rate_per_s, double aht_s, double patience_s, int agents,
             double target_s, struct erlang_result *out);

/* Targets for a staffing search; a field <= 0 (or >= 1 for max shares) is not a target. */
struct erlang_target {
    double target_s;        /* service-level threshold time */
    double service_level;   /* minimum share answered within target_s */
    double max_abandon;     /* maximum share abandoning (Erlang A only) */
    double max_asa_s;       /* maximum mean wait */
    double max_occupancy;   /* maximum occupancy */
};

/*
 * Fewest agents meeting every target, with Erlang A when patience_s > 0 and
 * Erlang C otherwise.  Erlang C needs more agents than the load (occupancy
 * < 1); with abandonment (Erlang A) fewer than the load can meet a target.
 * Returns the agent count (>= 0) and fills *out, or -1 on bad input.
 */
int erlang_staff(double rate_per_s, double aht_s, double patience_s,
                 const struct erlang_target *target, struct erlang_result *out);

#endif
