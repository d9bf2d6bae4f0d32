/*
 * calendar: the future event list of one world.
 *
 * A 4-ary min-heap of small plain records ordered by (time, seq).  seq is a
 * counter stamped at insertion, so events at the same instant leave in the
 * order they were scheduled: runs are deterministic without relying on the
 * heap's internal order.  A 4-ary heap halves the depth of a binary heap and
 * keeps a node's children in one cache line, which is what a calendar that
 * mostly holds a few hundred entries wants.
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

struct calendar {
    struct calendar_event *heap;
    size_t size, cap;
    uint64_t next_seq;
    double now;         /* time of the last event popped */
};

/* A calendar with room for cap_hint events before it first grows. */
struct calendar *calendar_alloc(size_t cap_hint);
void calendar_free(struct calendar *c);
void calendar_clear(struct calendar *c);

/* Schedules an event; returns 0, or -1 when memory runs out. */
int calendar_push(struct calendar *c, double time, uint32_t kind, uint32_t id,
                  uint32_t gen, uint32_t aux);

/* Removes the earliest event into *out; returns 0, or -1 when empty. */
int calendar_pop(struct calendar *c, struct calendar_event *out);

/* Whether every event is ordered after its parent in the heap (a debug check). */
int calendar_is_heap(const struct calendar *c);

static inline size_t calendar_size(const struct calendar *c) { return c->size; }

/* Time of the earliest event; only valid when size > 0. */
static inline double calendar_peek_time(const struct calendar *c) { return c->heap[0].time; }

#endif
