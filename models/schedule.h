/*
 * schedule: a channel's week, in quarter hours.
 *
 * Opening hours and staffing repeat every week and change on quarter-hour
 * boundaries, so a week is 672 slots, each with an open flag and the agents
 * on duty.  Time t (seconds from Monday 00:00 of week 1) maps to a slot by
 * arithmetic, and the next change is found by scanning forward at most a
 * week: cheap, exact, and the same for every replication.
 */
#ifndef CHANMIX_MODELS_SCHEDULE_H
#define CHANMIX_MODELS_SCHEDULE_H

#include <math.h>
#include <stdint.h>

#define SCHEDULE_SLOT_S 900.0
#define SCHEDULE_SLOTS_PER_DAY 96
#define SCHEDULE_SLOTS (7 * SCHEDULE_SLOTS_PER_DAY)
#define SCHEDULE_WEEK_S (SCHEDULE_SLOTS * SCHEDULE_SLOT_S)

/* A day of the week, Monday first, as each output spells it. */
struct schedule_day {
    const char *key;        /* "mon": scenario files, results paths, JSON */
    const char *abbrev;     /* "Mon": chart axes */
    const char *full;       /* "Monday": sentences */
};

/* The one table of day names; day d counts from Monday (0) to Sunday (6). */
extern const struct schedule_day schedule_days[7];

struct schedule {
    uint8_t open[SCHEDULE_SLOTS];
    int32_t agents[SCHEDULE_SLOTS];     /* on duty while open; 0 when closed */
};

/* Always open, `agents` on duty. */
void schedule_constant(struct schedule *s, int agents);

/*
 * (long long)(x / d), by a multiplication with inv = 1/d where that cannot
 * differ: the product is within a few ulps of the quotient, so unless it
 * lies within 1e-9 of an integer both truncate alike; there (a time on a
 * slot's edge, say) the division decides.  A division is a long wait on
 * the event loop's path; this keeps the slot exactly the division's.
 */
static inline long long schedule_trunc_div(double x, double d, double inv)
{
    double m = x * inv;
    long long q = (long long)m;
    double f = m - (double)q;
    return f > 1e-9 && f < 1.0 - 1e-9 ? q : (long long)(x / d);
}

/*
 * A time's slot (or interval of the week) kept with the span of times sure
 * to share it.  The event loop asks for the slot of times that mostly fall
 * in the same quarter hour as the last one asked; two comparisons then
 * answer where two truncated quotients would.  The span stops short of its
 * edges by far more than the quotients' rounding (schedule_trunc_div is
 * within an ulp of the quotient there), so a time inside it always has the
 * slot computed afresh, and a time near an edge is computed afresh.  An
 * empty bucket (all zero) holds no time.
 */
struct schedule_bucket {
    double lo, hi;      /* times in [lo, hi) have slot k */
    int k;
};

/* Fills b for time t, whose slot among `slots` of `width` seconds is k. */
static inline void schedule_bucket_fill(struct schedule_bucket *b, double t, int k, double width,
                                        int slots)
{
    double week = SCHEDULE_WEEK_S *
                  (double)schedule_trunc_div(t, SCHEDULE_WEEK_S, 1.0 / SCHEDULE_WEEK_S);
    double lo = week + k * width;
    double hi = k == slots - 1 ? week + SCHEDULE_WEEK_S : lo + width;
    double margin = 1e-9 + 1e-14 * hi;
    b->lo = lo + margin;
    b->hi = hi - margin;
    b->k = k;
}

static inline int schedule_slot(double t)
{
    double w = t - SCHEDULE_WEEK_S *
                   (double)schedule_trunc_div(t, SCHEDULE_WEEK_S, 1.0 / SCHEDULE_WEEK_S);
    int slot = (int)schedule_trunc_div(w, SCHEDULE_SLOT_S, 1.0 / SCHEDULE_SLOT_S);
    return slot < SCHEDULE_SLOTS ? slot : SCHEDULE_SLOTS - 1;
}

static inline int schedule_is_open(const struct schedule *s, double t)
{
    return s->open[schedule_slot(t)];
}

static inline int schedule_agents(const struct schedule *s, double t)
{
    int k = schedule_slot(t);
    return s->open[k] ? s->agents[k] : 0;
}

/* Earliest time >= t at which the channel is open; INFINITY when never. */
double schedule_next_open(const struct schedule *s, double t);

/*
 * The same by lookup: for each slot, how many slots ahead the channel next
 * opens.  A run asks this for every channel at every choice, so it pays to
 * build the table once per world rather than scan the week each time; the
 * answer is exactly schedule_next_open's.
 */
struct schedule_openings {
    uint16_t ahead[SCHEDULE_SLOTS];     /* 1..SCHEDULE_SLOTS; 0: never opens */
};

void schedule_openings_build(struct schedule_openings *o, const struct schedule *s);

/* The same at t in slot k = schedule_slot(t), known to be closed. */
static inline double schedule_openings_after(const struct schedule_openings *o, int k, double t)
{
    if (o->ahead[k] == 0)
        return (double)INFINITY;
    return floor(t / SCHEDULE_SLOT_S) * SCHEDULE_SLOT_S + o->ahead[k] * SCHEDULE_SLOT_S;
}

static inline double schedule_openings_next(const struct schedule_openings *o,
                                            const struct schedule *s, double t)
{
    int k = schedule_slot(t);
    if (s->open[k])
        return t;
    return schedule_openings_after(o, k, t);
}

/* Earliest slot boundary > t where opening or agents change; INFINITY when never. */
double schedule_next_change(const struct schedule *s, double t);

/* Whether the channel is ever open. */
int schedule_ever_open(const struct schedule *s);

#endif
