/*
 * erlang: stationary multi-server queue formulas, see erlang.h.
 *
 * Erlang B uses the recursion B(k) = A B(k-1) / (k + A B(k-1)), which never
 * forms A^c or c! and so stays finite for thousands of agents; Erlang C is
 * derived from it.
 *
 * Erlang A (M/M/c+M) is solved as the exact birth-death chain of the number
 * in system.  Weights are taken relative to the modal state, so every weight
 * is <= 1 and their sum is >= 1: nothing overflows whatever the load, and
 * only states of negligible mass can underflow.  The chain is cut where a
 * geometric bound on the mass from the last state kept on falls below
 * 1e-16, which also bounds the abandonment from the states left out.
 *
 * Service level needs the law of the time a waiting call needs to reach an
 * agent.  With j calls ahead it is a sum of exponentials whose closed-form
 * density cancels catastrophically for large j, so it is computed by
 * uniformisation of the small absorbing chain "calls ahead": every term is a
 * product of probabilities, hence non-negative and stable.
 */
#include "models/erlang.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

/* Mass from the last state kept on, relative to the modal weight (<= sum). */
#define ERLANG_TAIL_EPS 1e-16
/* Poisson mass left out of the uniformisation sum. */
#define ERLANG_POISSON_EPS 1e-17
/* Relative distance from the eventual answer share at which we stop. */
#define ERLANG_CONVERGED 1e-14
/*
 * Longest chain we agree to hold (32 MiB of weights).  Only reached with a
 * patience so long, relative to an overload, that the queue would grow to
 * millions of calls before abandonment balances it; that is a bad input.
 */
#define ERLANG_MAX_STATES (1 << 22)

double erlang_b(double load, int agents)
{
    if (!(load >= 0.0) || !isfinite(load) || agents < 0)
        return -1.0;
    double b = 1.0;
    for (int k = 1; k <= agents; k++)
        b = load * b / (k + load * b);
    return b;
}

/* Shared argument checks; NaN fails every comparison, so it is rejected. */
static int erlang_valid(double rate_per_s, double aht_s, int agents,
                        double target_s)
{
    return rate_per_s >= 0.0 && isfinite(rate_per_s) && aht_s > 0.0 &&
           isfinite(aht_s) && agents >= 0 && target_s >= 0.0;
}

int erlang_c(double rate_per_s, double aht_s, int agents, double target_s,
             struct erlang_result *out)
{
    if (!out || !erlang_valid(rate_per_s, aht_s, agents, target_s))
        return -1;
    double load = rate_per_s * aht_s;
    if (!(load < agents))
        return -1;
    double b = erlang_b(load, agents);
    double c = agents * b / (agents - load * (1.0 - b));
    /* Rate at which a full system drains its queue. */
    double drain = agents / aht_s - rate_per_s;
    out->agents = agents;
    out->load = load;
    out->p_wait = c;
    out->service_level = 1.0 - c * exp(-drain * target_s);
    out->asa_s = c / drain;
    out->p_abandon = 0.0;
    out->occupancy = load / agents;
    out->mean_queue = rate_per_s * out->asa_s;
    return 0;
}

/* Departure rate in state k: busy agents serve, waiting calls abandon. */
static double erlang_a_death(long k, int c, double mu, double theta)
{
    return (double)(k < c ? k : c) * mu + (double)(k > c ? k - c : 0) * theta;
}

/*
 * Unnormalised stationary weights of states 0..K relative to the mode, in a
 * fresh array; *top gets K.  NULL when the chain is too long or on no memory.
 */
static double *erlang_a_weights(double lambda, double mu, double theta, int c,
                                long *top)
{
    /* Weights rise while death(k) <= lambda; death grows, so one mode. */
    double mode = lambda < c * mu ? floor(lambda / mu)
                                  : c + floor((lambda - c * mu) / theta);
    if (!(mode < ERLANG_MAX_STATES))
        return NULL;
    long m = (long)mode;

    /*
     * First pass finds the cut; the second repeats the same arithmetic.
     * Past the mode ratios only fall, so the weights from k on are below
     * the geometric sum w / (1 - r).  That sum, not only the tail after k,
     * must be negligible: the abandonment flow out of the states left out,
     * sum over j > k of (j - c) theta w_j, is at most lambda times the
     * weights from k on (balance: death(j) w_j = lambda w_{j-1}), however
     * large theta is.  With a patience of 1e-15 s nearly all the abandonment
     * comes from the first queue state, whose weight is 1e-17.
     */
    long k = m;
    double w = 1.0;
    for (;;) {
        double r = lambda / erlang_a_death(k + 1, c, mu, theta);
        if (r < 1.0 && w / (1.0 - r) < ERLANG_TAIL_EPS)
            break;
        w *= r;
        if (++k >= ERLANG_MAX_STATES)
            return NULL;
    }

    double *wt = malloc((size_t)(k + 1) * sizeof *wt);
    if (!wt)
        return NULL;
    wt[m] = 1.0;
    for (long i = m; i < k; i++)
        wt[i + 1] = wt[i] * lambda / erlang_a_death(i + 1, c, mu, theta);
    for (long i = m; i > 0; i--)
        wt[i - 1] = wt[i] * erlang_a_death(i, c, mu, theta) / lambda;
    *top = k;
    return wt;
}

/*
 * Sum over arrival states with j calls ahead (weights wq[0..nq-1]) of
 * wq[j] * P(reach an agent within t, before the caller's own patience).
 * a = c * mu is the service completion rate of a full system.  Returns 0 or
 * -1 on no memory.
 */
static int erlang_a_answered(const double *wq, long nq, double a,
                             double theta, double t, double *sum)
{
    *sum = 0.0;
    if (t == 0.0 || nq == 0)
        return 0;
    /* Answered at all: the chance a / (a + (j+1) theta) telescopes out. */
    double full = 0.0;
    for (long j = 0; j < nq; j++)
        full += wq[j] * a / (a + (j + 1) * theta);
    /*
     * Every caller leaves the queue by its own patience at the latest, so
     * past theta * t = 40 less than e^-40 of them are still waiting.
     */
    if (theta * t >= 40.0) {
        *sum = full;
        return 0;
    }

    /*
     * With i ahead: advance at a + i theta (a service ends or one ahead
     * abandons), abandon at theta.  u[i] is the chance of having reached an
     * agent after n steps of the chain uniformised at the largest exit rate;
     * it is zero for i >= n, which bounds the work per step, and once it has
     * converged to `full` only the Poisson weights remain to be summed.
     * Those weights come from a running log, whose rounding is mostly a
     * common factor picked up while the log is large; dividing by their own
     * sum cancels it.
     */
    double *u = calloc((size_t)nq, sizeof *u);
    if (!u)
        return -1;
    double rate = a + nq * theta;
    double x = rate * t;
    double logx = log(x);
    double logp = -x;
    double weight = exp(logp), answered = 0.0; /* nobody moved at n = 0 */
    int converged = 0;
    for (long n = 1;; n++) {
        logp += logx - log((double)n);
        double p = exp(logp);
        double s = full;
        if (!converged) {
            long hi = n < nq ? n : nq;
            s = 0.0;
            /* Downwards, so u[i - 1] still holds the previous step. */
            for (long i = hi - 1; i >= 0; i--) {
                double ahead = i > 0 ? u[i - 1] : 1.0;
                u[i] = ((a + i * theta) * ahead +
                        (nq - 1 - i) * theta * u[i]) / rate;
                s += wq[i] * u[i];
            }
            converged = s >= (1.0 - ERLANG_CONVERGED) * full;
        }
        answered += p * s;
        weight += p;
        /* Past the Poisson mode the terms fall faster than geometrically. */
        if (n > x) {
            double r = x / (n + 1);
            if (p * r / (1.0 - r) < ERLANG_POISSON_EPS * weight)
                break;
        }
    }
    free(u);
    *sum = answered / weight;
    return 0;
}

int erlang_a(double rate_per_s, double aht_s, double patience_s, int agents,
             double target_s, struct erlang_result *out)
{
    if (!out || !erlang_valid(rate_per_s, aht_s, agents, target_s) ||
        !(patience_s > 0.0) || !isfinite(patience_s))
        return -1;
    double lambda = rate_per_s, mu = 1.0 / aht_s, theta = 1.0 / patience_s;
    int c = agents;
    long top;
    double *w = erlang_a_weights(lambda, mu, theta, c, &top);
    if (!w)
        return -1;

    /* Separate sums, so small shares keep their relative accuracy. */
    double total = 0.0, idle = 0.0, waiting = 0.0, queue = 0.0;
    for (long k = 0; k <= top; k++) {
        total += w[k];
        if (k < c) {
            idle += w[k];
        } else {
            waiting += w[k];
            queue += (double)(k - c) * w[k];
        }
    }
    double answered = 0.0;
    long nq = top >= c ? top - c + 1 : 0;
    int rc = erlang_a_answered(w + (nq ? c : 0), nq, c * mu, theta, target_s,
                               &answered);
    free(w);
    if (rc != 0)
        return -1;

    double mean_queue = queue / total;
    /* No arrivals: nobody waits or abandons. */
    double p_abandon = lambda > 0.0 ? theta * mean_queue / lambda : 0.0;
    out->agents = agents;
    out->load = rate_per_s * aht_s;
    out->p_wait = waiting / total;
    out->service_level = (idle + answered) / total;
    out->asa_s = lambda > 0.0 ? mean_queue / lambda : 0.0;
    out->p_abandon = p_abandon;
    out->occupancy = c > 0 ? lambda * (1.0 - p_abandon) * aht_s / c : 0.0;
    out->mean_queue = mean_queue;
    return 0;
}

/*
 * Reading of struct erlang_target (header: "<= 0, or >= 1 for max shares,
 * is not a target"):
 *   target_s       a parameter, not a target: must be >= 0 (0 means
 *                  "answered without waiting"), +inf allowed;
 *   service_level  set when in (0, 1); >= 1 can never be met, so it is
 *                  refused as bad input rather than searched for;
 *   max_abandon    set when in (0, 1); always met under Erlang C;
 *   max_asa_s      set when > 0 (+inf is as good as unset);
 *   max_occupancy  set when in (0, 1); occupancy < 1 is enforced anyway.
 * NaN anywhere is bad input.
 */
static int erlang_target_valid(const struct erlang_target *t)
{
    return t->target_s >= 0.0 && !isnan(t->service_level) &&
           t->service_level < 1.0 && !isnan(t->max_abandon) &&
           !isnan(t->max_asa_s) && !isnan(t->max_occupancy);
}

static int erlang_meets(const struct erlang_target *t,
                        const struct erlang_result *r)
{
    if (t->service_level > 0.0 && r->service_level < t->service_level)
        return 0;
    if (t->max_abandon > 0.0 && t->max_abandon < 1.0 &&
        r->p_abandon > t->max_abandon)
        return 0;
    if (t->max_asa_s > 0.0 && r->asa_s > t->max_asa_s)
        return 0;
    if (t->max_occupancy > 0.0 && t->max_occupancy < 1.0 &&
        r->occupancy > t->max_occupancy)
        return 0;
    return 1;
}

/* 1 when c agents meet the target (r filled), 0 when not, -1 on a numerical failure. */
static int staff_try(double rate_per_s, double aht_s, double patience_s, int use_a,
                     const struct erlang_target *target, int c, struct erlang_result *r)
{
    int rc = use_a ? erlang_a(rate_per_s, aht_s, patience_s, c, target->target_s, r)
                   : erlang_c(rate_per_s, aht_s, c, target->target_s, r);
    if (rc != 0)
        return -1;
    return erlang_meets(target, r) ? 1 : 0;
}

/* patience_s > 0 and finite selects Erlang A; <= 0 or +inf means no abandonment, Erlang C. */
int erlang_staff(double rate_per_s, double aht_s, double patience_s,
                 const struct erlang_target *target, struct erlang_result *out)
{
    if (!target || !out || !erlang_valid(rate_per_s, aht_s, 0, 0.0) ||
        isnan(patience_s) || !erlang_target_valid(target))
        return -1;
    double load = rate_per_s * aht_s;
    if (load == 0.0) {
        *out = (struct erlang_result){.service_level = 1.0};
        return 0;
    }
    int use_a = patience_s > 0.0 && isfinite(patience_s);
    /* Square-root staffing never needs more than a few sqrt(load) extra. */
    double cap = load + 50.0 * sqrt(load) + 100.0;
    if (!(cap < INT_MAX))
        return -1;
    /*
     * Every target improves with agents, so the fewest that meet them are
     * found by bisection.  Without patience the queue is stable only above
     * the load; with it (Erlang A) abandonment keeps any number stable, and
     * a target can be met with fewer agents than the load.
     */
    int lo = use_a ? 1 : (int)floor(load) + 1, hi = (int)cap;
    struct erlang_result r;
    if (staff_try(rate_per_s, aht_s, patience_s, use_a, target, hi, &r) != 1)
        return -1;
    *out = r;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int rc = staff_try(rate_per_s, aht_s, patience_s, use_a, target, mid, &r);
        if (rc < 0)
            return -1;
        if (rc == 1) {
            hi = mid;
            *out = r;
        } else {
            lo = mid + 1;
        }
    }
    return hi;
}
