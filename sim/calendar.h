/*
 * calendar: the future event list of one world.
 *
 * Events are small plain records ordered by (time, seq); times are never
 * negative (a run starts at 0).  seq is a counter
 * stamped at insertion, so events at the same instant leave in the order
 * they were scheduled: runs are deterministic without relying on the
 * internal order of any structure.
 *
 * Two levels.  Events of the current window of time and the next sit in a
 * 4-ary min-heap (a 4-ary heap halves the depth of a binary one), kept as a
 * full tree whose empty nodes hold sentinels, so that a pop goes down a
 * fixed number of levels without a branch on the times (calendar.c).
 * Later events (a booked visit days ahead, a citizen chasing a case next
 * week) wait unsorted in a ring of per-window lists, or in an overflow list
 * beyond the ring, and enter the heap when the heap's next event falls in
 * the window before theirs, so that an event scheduled less than a window
 * ahead (a call's end, a caller's patience) always goes straight to the
 * heap.  The heap then holds the next half hour's few dozen events rather
 * than a year's thousand, and each far event costs one append and one move.
 * Events after the horizon are dropped at once: they would never be popped.
 * Windows are numbered by floor(time / window), which never decreases with
 * time, so every event in the heap comes before every event outside it.
 *
 * Timers.  Some events are never more than one at a time per source (the
 * next arrival of a Poisson stream, the next need of a town): a timer slot
 * holds that one event beside the heap, so it costs a store rather than a
 * push and a pop.  It leaves in the same (time, seq) order as any event.
 *
 * Events are never removed from the middle: a model that changes its mind
 * (a caller who is answered before its patience runs out) leaves the stale
 * event in place and recognises it by `gen` when it fires.
 *
 * Invariants, asserted in debug builds: no event is scheduled before the
 * last one popped (time never runs backwards), and the heap stays ordered
 * (checked in full every 1,024 pushes, since a check is linear).
 */
#ifndef CHANMIX_SIM_CALENDAR_H
#define CHANMIX_SIM_CALENDAR_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

struct calendar_event {
    double time;
    uint64_t seq;
    uint32_t kind;      /* dispatched by the model's switch */
    uint32_t id;        /* the entity it concerns */
    uint32_t gen;       /* the entity's generation when scheduled */
    uint32_t aux;       /* a small argument (a channel, a slot) */
};

#define CALENDAR_RING 1024      /* windows ahead held in lists; later ones overflow */
#define CALENDAR_TIMERS 32      /* timer slots */

/* A far event, linked into its window's list. */
struct calendar_far {
    struct calendar_event e;
    int64_t window;
    uint32_t next;
};

struct calendar {
    struct calendar_event *heap;    /* events of windows up to `window_now`: a full tree */
    size_t size;                    /* events in the heap */
    size_t cap;                     /* nodes of heap allocated */
    int depth;                      /* the leaves' depth: 0, the root alone */
    size_t shrink_at;               /* events at which the tree loses a level; 0: never */
    uint32_t *free_leaf;            /* leaves that hold a sentinel, a stack */
    size_t free_n;                  /* entries of free_leaf */
    uint64_t next_seq;
    double now;                     /* time of the last event popped */
    double horizon;                 /* events after it are dropped */
    double inv_window;              /* 1 / window width; 0: one level, all in the heap */
    int64_t window_now;             /* the last window the heap holds */
    double window_next;             /* window_now + 1; infinite with one level */
    struct calendar_far *far;       /* far events, linked by window, and a free list */
    uint32_t far_cap, far_used, far_free;
    size_t far_count;               /* far events in the ring and the overflow */
    uint32_t ring[CALENDAR_RING];   /* list heads of windows window_now+1 .. +RING-1 */
    uint32_t overflow;              /* events of windows beyond the ring */
    int64_t overflow_first;         /* earliest window in the overflow */
    struct calendar_event timer[CALENDAR_TIMERS];
    uint32_t timers;                /* bit k: slot k holds an event */
    int timer_first;                /* the slot whose event comes first, or -1 */
};

/* Where calendar_pop_from found the event it returns, or why it found none. */
enum {
    CALENDAR_FROM_HEAP = 0,
    CALENDAR_FROM_TIMER = 1,
    CALENDAR_EMPTY = -1,
    CALENDAR_NO_MEMORY = -2     /* a window's events could not enter the heap */
};

/* A calendar with room for cap_hint events before it first grows; one level, no horizon. */
struct calendar *calendar_alloc(size_t cap_hint);
void calendar_free(struct calendar *c);

/* Empties it, keeping its memory and settings; time starts over. */
void calendar_clear(struct calendar *c);

/*
 * Events after `horizon` are never popped, and so not kept; events more
 * than a `window` ahead wait outside the heap.  Call on an empty calendar.
 */
void calendar_configure(struct calendar *c, double window, double horizon);

/*
 * The order of events: (time, seq) as one 128-bit number.  Times are never
 * negative, and the bits of non-negative doubles order as the numbers do,
 * so one comparison without branches orders two events (a heap's
 * comparisons are a coin toss for a branch predictor).
 */
static inline unsigned __int128 calendar_key(const struct calendar_event *e)
{
    uint64_t t;
    __builtin_memcpy(&t, &e->time, sizeof t);
    return ((unsigned __int128)t << 64) | e->seq;
}

static inline int calendar_before(const struct calendar_event *a, const struct calendar_event *b)
{
    return calendar_key(a) < calendar_key(b);
}

/*
 * The parts of calendar.c that the inline functions below call: the common
 * cases (a timer, a push into the heap's window) run inline at the model's
 * call site, forced where the compiler would not (an M/M/1 loop spends a
 * fifth of its instructions here); growth, far events and the heap's sifts
 * do not.
 */
int calendar_heap_insert(struct calendar *c, const struct calendar_event *e);
int calendar_far_insert(struct calendar *c, const struct calendar_event *e);
int calendar_pop_heap(struct calendar *c, struct calendar_event *out);   /* as calendar_pop */
int calendar_pop_far(struct calendar *c, struct calendar_event *out);    /* as calendar_pop_from */
int calendar_first_timer(const struct calendar *c);

/* Schedules an event; returns 0, or -1 when memory runs out. */
static inline __attribute__((always_inline))
int calendar_push(struct calendar *c, double time, uint32_t kind, uint32_t id, uint32_t gen,
                  uint32_t aux)
{
    assert(time >= c->now);     /* nothing is scheduled in the past (nor at NaN) */
    assert(time >= 0.0);        /* the order of events relies on it */
    struct calendar_event e = { time, c->next_seq++, kind, id, gen, aux };
    if (time > c->horizon)
        return 0;               /* never popped: not kept */
    /* with one level, time x 0 (NaN for an infinite time) never reaches infinity */
    if (time * c->inv_window >= c->window_next)
        return calendar_far_insert(c, &e);
    return calendar_heap_insert(c, &e);
}

/*
 * Schedules the one event of timer `slot` (0 .. CALENDAR_TIMERS-1),
 * replacing the slot's event if it still holds one.
 */
static inline __attribute__((always_inline))
void calendar_set_timer(struct calendar *c, int slot, double time, uint32_t kind, uint32_t id,
                        uint32_t gen, uint32_t aux)
{
    assert(slot >= 0 && slot < CALENDAR_TIMERS);
    assert(time >= c->now && time >= 0.0);
    uint32_t bit = 1u << slot;
    struct calendar_event *t = &c->timer[slot];
    *t = (struct calendar_event){ time, c->next_seq++, kind, id, gen, aux };
    if (time > c->horizon) {
        c->timers &= ~bit;              /* never popped: not kept */
        if (c->timer_first == slot)
            c->timer_first = calendar_first_timer(c);
        return;
    }
    c->timers |= bit;
    if (c->timer_first == slot)
        c->timer_first = calendar_first_timer(c);   /* it may come later now */
    else if (c->timer_first < 0 || calendar_before(t, &c->timer[c->timer_first]))
        c->timer_first = slot;
}

/*
 * Removes the earliest event into *out; returns CALENDAR_FROM_HEAP or
 * CALENDAR_FROM_TIMER, or CALENDAR_EMPTY, or CALENDAR_NO_MEMORY when the
 * heap could not take a window's events (the calendar is then unusable).
 * Which one it was is a coin toss where timers and the heap interleave: a
 * model that dispatches the two apart, each on its own few kinds, pays that
 * misprediction once rather than again at its switch.
 */
static inline int calendar_pop_from(struct calendar *c, struct calendar_event *out)
{
    if (c->size == 0 && c->far_count > 0)
        return calendar_pop_far(c, out);
    int t = c->timer_first;
    if (t < 0 || (c->size > 0 && calendar_before(&c->heap[0], &c->timer[t])))
        return calendar_pop_heap(c, out);
    *out = c->timer[t];
    assert(out->time >= c->now);
    c->now = out->time;
    c->timers &= ~(1u << t);
    c->timer_first = c->timers ? calendar_first_timer(c) : -1;
    return CALENDAR_FROM_TIMER;
}

/* Removes the earliest event into *out; returns 0, or CALENDAR_EMPTY or CALENDAR_NO_MEMORY. */
static inline int calendar_pop(struct calendar *c, struct calendar_event *out)
{
    int from = calendar_pop_from(c, out);
    return from < 0 ? from : 0;
}

/* Events kept, near, far and in timers. */
static inline size_t calendar_size(const struct calendar *c)
{
    return c->size + c->far_count + (size_t)__builtin_popcount(c->timers);
}

/* Whether every event is ordered after its parent in the heap (a debug check). */
int calendar_is_heap(const struct calendar *c);

#endif
