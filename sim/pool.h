/*
 * pool: records of one size, indexed by a 32-bit id, reused through a free
 * list.
 *
 * Every record starts with a struct pool_slot.  Its generation changes each
 * time the record is released, so an event scheduled for an earlier
 * occupant of the id (a patience timer of a caller since answered) is
 * recognised as stale by comparing generations, without searching the
 * calendar.  Released ids are reused last-in first-out, which keeps the
 * records in use close together in memory.  The array grows by doubling;
 * ids stay valid across growth, pointers do not.
 */
#ifndef CHANMIX_SIM_POOL_H
#define CHANMIX_SIM_POOL_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#define POOL_NONE UINT32_MAX

struct pool_slot {
    uint32_t gen;           /* bumped when the record is released */
    uint32_t next_free;     /* free list link while released */
};

struct pool {
    unsigned char *items;
    size_t size;            /* bytes per record, a struct pool_slot first */
    uint32_t n;             /* ids handed out at least once: [0, n) */
    uint32_t cap;
    uint32_t free;          /* head of the free list, or POOL_NONE */
};

/* A pool of records of `size` bytes, room for `cap` before it first grows; 0 or -1. */
int pool_init(struct pool *p, size_t size, uint32_t cap);
void pool_release(struct pool *p);

/* Forgets every record but keeps the memory: ids start again at 0. */
void pool_clear(struct pool *p);

static inline void *pool_at(const struct pool *p, uint32_t id)
{
    return p->items + (size_t)id * p->size;
}

/*
 * Takes a record into *id; its generation is the slot's current one and
 * the rest of the record is left for the caller to fill.  Returns 0, or -1
 * when memory runs out.  Inline where a record is free; pool_take_new
 * hands out a new id, growing the array when full.
 */
int pool_take_new(struct pool *p, uint32_t *id);

static inline int pool_take(struct pool *p, uint32_t *id)
{
    if (p->free == POOL_NONE)
        return pool_take_new(p, id);
    *id = p->free;
    p->free = ((struct pool_slot *)pool_at(p, *id))->next_free;
    return 0;
}

/* Releases record id: its generation changes, its id will be reused. */
static inline void pool_put(struct pool *p, uint32_t id)
{
    assert(id < p->n);
    struct pool_slot *s = pool_at(p, id);
    s->gen++;
    s->next_free = p->free;
    p->free = id;
}

static inline uint32_t pool_gen(const struct pool *p, uint32_t id)
{
    return ((const struct pool_slot *)pool_at(p, id))->gen;
}

#endif
