/*
 * pool: a free list over a growing array, see pool.h.
 */
#include "sim/pool.h"

#include <assert.h>
#include <stdlib.h>

int pool_init(struct pool *p, size_t size, uint32_t cap)
{
    assert(size >= sizeof(struct pool_slot));
    p->size = size;
    p->cap = cap < 16 ? 16 : cap;
    p->n = 0;
    p->free = POOL_NONE;
    p->items = malloc((size_t)p->cap * size);
    return p->items ? 0 : -1;
}

void pool_release(struct pool *p)
{
    free(p->items);
    p->items = NULL;
    p->n = p->cap = 0;
    p->free = POOL_NONE;
}

void pool_clear(struct pool *p)
{
    p->n = 0;
    p->free = POOL_NONE;
}

int pool_take_new(struct pool *p, uint32_t *id)
{
    if (p->n == p->cap) {
        if (p->cap > UINT32_MAX / 2)
            return -1;
        unsigned char *items = realloc(p->items, (size_t)p->cap * 2 * p->size);
        if (!items)
            return -1;
        p->items = items;
        p->cap *= 2;
    }
    *id = p->n++;
    ((struct pool_slot *)pool_at(p, *id))->gen = 0;
    return 0;
}
