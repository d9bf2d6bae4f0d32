/*
 * calendar: 4-ary heap, see calendar.h for the design.
 *
 * Sift operations move a hole instead of swapping, so each level costs one
 * copy.  Growth doubles the array; a world sizes it up front so the event
 * loop itself does not allocate in steady state.
 */
#include "sim/calendar.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#define ARITY 4

static inline int before(const struct calendar_event *a, const struct calendar_event *b)
{
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

struct calendar *calendar_alloc(size_t cap_hint)
{
    struct calendar *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    c->cap = cap_hint < 16 ? 16 : cap_hint;
    c->heap = malloc(c->cap * sizeof *c->heap);
    if (!c->heap) {
        free(c);
        return NULL;
    }
    c->size = 0;
    c->next_seq = 0;
    c->now = -INFINITY;
    return c;
}

void calendar_free(struct calendar *c)
{
    if (!c)
        return;
    free(c->heap);
    free(c);
}

void calendar_clear(struct calendar *c)
{
    c->size = 0;
    c->next_seq = 0;
    c->now = -INFINITY;
}

int calendar_is_heap(const struct calendar *c)
{
    for (size_t i = 1; i < c->size; i++)
        if (before(&c->heap[i], &c->heap[(i - 1) / ARITY]))
            return 0;
    return 1;
}

int calendar_push(struct calendar *c, double time, uint32_t kind, uint32_t id,
                  uint32_t gen, uint32_t aux)
{
    assert(time >= c->now);     /* nothing is scheduled in the past (nor at NaN) */
    if (c->size == c->cap) {
        size_t cap = c->cap * 2;
        struct calendar_event *h = realloc(c->heap, cap * sizeof *h);
        if (!h)
            return -1;
        c->heap = h;
        c->cap = cap;
    }
    struct calendar_event e = { time, c->next_seq++, kind, id, gen, aux };
    size_t i = c->size++;
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;
        if (!before(&e, &c->heap[parent]))
            break;
        c->heap[i] = c->heap[parent];
        i = parent;
    }
    c->heap[i] = e;
    assert((c->next_seq & 1023) != 0 || calendar_is_heap(c));
    return 0;
}

int calendar_pop(struct calendar *c, struct calendar_event *out)
{
    if (c->size == 0)
        return -1;
    *out = c->heap[0];
    assert(out->time >= c->now);
    c->now = out->time;
    struct calendar_event last = c->heap[--c->size];
    size_t n = c->size, i = 0;
    for (;;) {
        size_t first = i * ARITY + 1;
        if (first >= n)
            break;
        size_t end = first + ARITY < n ? first + ARITY : n;
        size_t best = first;
        for (size_t k = first + 1; k < end; k++)
            if (before(&c->heap[k], &c->heap[best]))
                best = k;
        if (!before(&c->heap[best], &last))
            break;
        c->heap[i] = c->heap[best];
        i = best;
    }
    if (n > 0)
        c->heap[i] = last;
    return 0;
}
