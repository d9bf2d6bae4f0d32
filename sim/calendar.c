/*
 * calendar: a 4-ary heap for the current window and lists for later ones,
 * see calendar.h for the design.
 *
 * Sift operations move a hole instead of swapping, so each level costs one
 * copy.  Growth doubles the arrays; a world keeps its calendar from one
 * replication to the next, so the event loop does not allocate in steady
 * state.
 */
#include "sim/calendar.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ARITY 4
#define NIL UINT32_MAX

static inline int before(const struct calendar_event *a, const struct calendar_event *b)
{
    return calendar_before(a, b);
}

struct calendar *calendar_alloc(size_t cap_hint)
{
    struct calendar *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->cap = cap_hint < 16 ? 16 : cap_hint;
    c->heap = malloc(c->cap * sizeof *c->heap);
    if (!c->heap) {
        free(c);
        return NULL;
    }
    c->horizon = INFINITY;
    calendar_clear(c);
    return c;
}

void calendar_free(struct calendar *c)
{
    if (!c)
        return;
    free(c->heap);
    free(c->far);
    free(c);
}

void calendar_clear(struct calendar *c)
{
    c->size = 0;
    c->next_seq = 0;
    c->now = -INFINITY;
    c->window_now = 0;
    c->window_next = c->inv_window > 0 ? 1.0 : INFINITY;
    c->far_used = 0;
    c->far_free = NIL;
    c->far_count = 0;
    for (int i = 0; i < CALENDAR_RING; i++)
        c->ring[i] = NIL;
    c->overflow = NIL;
    c->overflow_first = INT64_MAX;
    c->timers = 0;
    c->timer_first = -1;
}

void calendar_configure(struct calendar *c, double window, double horizon)
{
    assert(calendar_size(c) == 0);
    c->inv_window = window > 0 && isfinite(window) ? 1.0 / window : 0.0;
    c->window_next = c->inv_window > 0 ? (double)(c->window_now + 1) : INFINITY;
    c->horizon = horizon;
}

int calendar_is_heap(const struct calendar *c)
{
    for (size_t i = 1; i < c->size; i++)
        if (before(&c->heap[i], &c->heap[(i - 1) / ARITY]))
            return 0;
    return 1;
}

int calendar_heap_insert(struct calendar *c, const struct calendar_event *e)
{
    if (c->size == c->cap) {
        size_t cap = c->cap * 2;
        struct calendar_event *h = realloc(c->heap, cap * sizeof *h);
        if (!h)
            return -1;
        c->heap = h;
        c->cap = cap;
    }
    size_t i = c->size++;
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;
        if (!before(e, &c->heap[parent]))
            break;
        c->heap[i] = c->heap[parent];
        i = parent;
    }
    c->heap[i] = *e;
    assert((c->next_seq & 1023) != 0 || calendar_is_heap(c));
    return 0;
}

/* The window of time t: never decreases as t grows. */
static inline int64_t window_of(const struct calendar *c, double t)
{
    double x = t * c->inv_window;
    return x < 9.0e18 ? (int64_t)x : INT64_MAX;
}

/* Links far slot k into the ring or the overflow by its window. */
static void far_link(struct calendar *c, uint32_t k)
{
    struct calendar_far *f = &c->far[k];
    if (f->window - c->window_now < CALENDAR_RING) {
        uint32_t *head = &c->ring[f->window & (CALENDAR_RING - 1)];
        f->next = *head;
        *head = k;
    } else {
        f->next = c->overflow;
        c->overflow = k;
        if (f->window < c->overflow_first)
            c->overflow_first = f->window;
    }
}

int calendar_far_insert(struct calendar *c, const struct calendar_event *e)
{
    int64_t window = window_of(c, e->time);
    uint32_t k;
    if (c->far_free != NIL) {
        k = c->far_free;
        c->far_free = c->far[k].next;
    } else {
        if (c->far_used == c->far_cap) {
            uint32_t cap = c->far_cap ? c->far_cap * 2 : 256;
            struct calendar_far *f = realloc(c->far, (size_t)cap * sizeof *f);
            if (!f)
                return -1;
            c->far = f;
            c->far_cap = cap;
        }
        k = c->far_used++;
    }
    c->far[k].e = *e;
    c->far[k].window = window;
    far_link(c, k);
    c->far_count++;
    return 0;
}

/* The slot whose event comes first, or -1 when no timer is set. */
int calendar_first_timer(const struct calendar *c)
{
    int first = -1;
    for (uint32_t set = c->timers; set; set &= set - 1) {
        int k = __builtin_ctz(set);
        if (first < 0 || before(&c->timer[k], &c->timer[first]))
            first = k;
    }
    return first;
}

/* Moves the overflow's events that the ring now reaches into it. */
static void overflow_refill(struct calendar *c)
{
    uint32_t k = c->overflow;
    c->overflow = NIL;
    c->overflow_first = INT64_MAX;
    while (k != NIL) {
        uint32_t next = c->far[k].next;
        far_link(c, k);
        k = next;
    }
}

/* The next window that holds events enters the heap; -1 when the heap cannot grow. */
static int advance(struct calendar *c)
{
    int64_t skip = 1;   /* to the first window with events: in the ring, else the overflow's */
    while (skip < CALENDAR_RING && c->ring[(c->window_now + skip) & (CALENDAR_RING - 1)] == NIL)
        skip++;
    if (skip < CALENDAR_RING)
        c->window_now += skip - 1;
    else
        c->window_now = c->overflow_first - 1;
    c->window_now++;
    c->window_next = (double)(c->window_now + 1);
    if (c->overflow_first - c->window_now < CALENDAR_RING)
        overflow_refill(c);
    uint32_t *head = &c->ring[c->window_now & (CALENDAR_RING - 1)];
    uint32_t k = *head;
    *head = NIL;
    while (k != NIL) {
        struct calendar_far *f = &c->far[k];
        uint32_t next = f->next;
        assert(f->window == c->window_now);
        if (calendar_heap_insert(c, &f->e) != 0)
            return -1;
        f->next = c->far_free;
        c->far_free = k;
        c->far_count--;
        k = next;
    }
    return 0;
}

/*
 * The heap's first event leaves.  The hole at the root sinks to a leaf along
 * the least children, and the last event rises from there to its place:
 * it came from the bottom, so it rarely rises far, and the way down saves
 * a comparison with it at every level.
 */
int calendar_pop_heap(struct calendar *c, struct calendar_event *out)
{
    if (c->size == 0)
        return CALENDAR_EMPTY;
    *out = c->heap[0];
    assert(out->time >= c->now);
    c->now = out->time;
    size_t n = --c->size, i = 0;
    if (n == 0)
        return 0;
    struct calendar_event *h = c->heap;
    for (;;) {
        size_t first = i * ARITY + 1;
        if (first >= n)
            break;
        size_t best = first;
        if (first + ARITY <= n) {   /* four children: a tournament, no loop */
            size_t a = first + (size_t)before(&h[first + 1], &h[first]);
            size_t b = first + 2 + (size_t)before(&h[first + 3], &h[first + 2]);
            best = before(&h[b], &h[a]) ? b : a;
        } else {
            for (size_t k = first + 1; k < n; k++)
                best = before(&h[k], &h[best]) ? k : best;
        }
        h[i] = h[best];
        i = best;
    }
    struct calendar_event last = h[n];
    while (i > 0 && before(&last, &h[(i - 1) / ARITY])) {
        h[i] = h[(i - 1) / ARITY];
        i = (i - 1) / ARITY;
    }
    h[i] = last;
    return 0;
}

/* The heap is empty and far events wait: their windows come in first. */
int calendar_pop_far(struct calendar *c, struct calendar_event *out)
{
    while (c->size == 0 && c->far_count > 0)
        if (advance(c) != 0)
            return CALENDAR_NO_MEMORY;
    return calendar_pop_from(c, out);
}
