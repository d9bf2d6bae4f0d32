/*
 * calendar: a 4-ary heap for the current window and lists for later ones,
 * see calendar.h for the design.
 *
 * The heap is a full tree: every node down to its leaves' depth exists,
 * and those without an event hold a sentinel that comes after any event.
 * A pop then sinks the hole at the root along the least of four children
 * at every level down to a leaf, a fixed number of levels with no branch
 * on the times, and leaves a sentinel there: no event has to rise back, and
 * nothing in the pop depends on which child won or how many there are,
 * which a processor cannot guess (the old compact heap's pop mispredicted
 * about 1.3 branches a call on the phone line).  A push takes a free leaf
 * (a stack of them) and rises from it, moving a hole, one copy a level.
 * A full tree grows by a level of free leaves, and loses one when a level
 * less would be at most half full, so that a burst does not make every
 * later pop go deeper; an emptied heap starts over at the root alone.  A
 * world keeps its calendar from one replication to the next, so the event
 * loop does not allocate in steady state.
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

/* An empty node: after every event, even one at an infinite time (seq is never UINT64_MAX). */
static const struct calendar_event SENTINEL = { INFINITY, UINT64_MAX, 0, 0, 0, 0 };

static inline int is_sentinel(const struct calendar_event *e)
{
    return e->seq == UINT64_MAX;
}

/* Nodes of a full 4-ary tree whose leaves are at depth d: (4^(d+1) - 1) / 3. */
static size_t tree_nodes(int d)
{
    return (((size_t)1 << (2 * d + 2)) - 1) / 3;
}

/*
 * The tree's leaves at depth d.  When its events would fill no more than
 * half of the tree a level shallower, they move into it (shrink): a tree
 * of n nodes grows at n + 1 events and shrinks at about n / 8, so that a
 * heap hovering around a size does neither again and again.
 */
static void set_depth(struct calendar *c, int d)
{
    c->depth = d;
    c->shrink_at = d >= 2 ? tree_nodes(d - 1) / 2 : 0;
}

/* An empty heap: its tree is the root alone, whatever the root holds (size 0 says it is no event). */
static inline void root_alone(struct calendar *c)
{
    set_depth(c, 0);
    c->free_leaf[0] = 0;
    c->free_n = 1;
}

/*
 * The heap as a full tree of depth d: the nodes up to depth d-1 as they
 * were (a full tree of depth d-1, or none), the leaves at depth d all
 * sentinels and free.  0, or -1 when memory runs out (nothing changed).
 */
static int heap_levels(struct calendar *c, int d)
{
    size_t n = tree_nodes(d), first = d > 0 ? tree_nodes(d - 1) : 0;
    if (n > c->cap) {
        struct calendar_event *h = realloc(c->heap, n * sizeof *h);
        if (!h)
            return -1;
        c->heap = h;
        uint32_t *f = realloc(c->free_leaf, (n - first + 1) * sizeof *f);  /* + pop's spare */
        if (!f)
            return -1;
        c->free_leaf = f;
        c->cap = n;
    }
    for (size_t i = first; i < n; i++)
        c->heap[i] = SENTINEL;
    c->free_n = 0;
    for (size_t i = n; i-- > first;)    /* the first leaf on top */
        c->free_leaf[c->free_n++] = (uint32_t)i;
    set_depth(c, d);
    return 0;
}

struct calendar *calendar_alloc(size_t cap_hint)
{
    struct calendar *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->horizon = INFINITY;
    int depth = 0;  /* memory for the tree that holds cap_hint events; it starts at the root */
    while (tree_nodes(depth) < cap_hint)
        depth++;
    if (heap_levels(c, depth) != 0) {
        calendar_free(c);
        return NULL;
    }
    calendar_clear(c);
    return c;
}

void calendar_free(struct calendar *c)
{
    if (!c)
        return;
    free(c->heap);
    free(c->free_leaf);
    free(c->far);
    free(c);
}

void calendar_clear(struct calendar *c)
{
    c->size = 0;
    root_alone(c);      /* deeper nodes are filled again as the tree grows */
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
    for (size_t i = 1; i < tree_nodes(c->depth); i++)
        if (before(&c->heap[i], &c->heap[(i - 1) / ARITY]))
            return 0;
    return 1;
}

/* The heap is full: a level of free leaves below, then e. */
static __attribute__((noinline)) int grow_insert(struct calendar *c,
                                                 const struct calendar_event *e)
{
    if (heap_levels(c, c->depth + 1) != 0)
        return -1;
    return calendar_heap_insert(c, e);
}

/* calendar_heap_insert where a leaf is free and the heap holds an event already. */
static inline __attribute__((always_inline)) void sift_in(struct calendar *c, const struct calendar_event *e)
{
    size_t leaf = c->free_leaf[--c->free_n], i = leaf;
    c->size++;
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;
        if (!before(e, &c->heap[parent]))
            break;
        c->heap[i] = c->heap[parent];
        i = parent;
    }
    c->heap[i] = *e;
    c->free_n += is_sentinel(&c->heap[leaf]);
}

/*
 * e enters the heap at a free leaf and rises while it comes before its
 * parent.  Where it rose past a sentinel (an empty branch), the leaf holds
 * that sentinel now and stays free.
 */
int calendar_heap_insert(struct calendar *c, const struct calendar_event *e)
{
    if (c->size == 0) {     /* empty, so the tree is the root alone: e takes it */
        c->heap[0] = *e;
        c->size = 1;
        c->free_n = 0;
        return 0;
    }
    if (c->free_n == 0)
        return grow_insert(c, e);   /* a tail call: no registers saved here */
    sift_in(c, e);
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

/* Window window_now + 1 enters the heap; -1 when the heap cannot grow. */
static __attribute__((noinline)) int load_next(struct calendar *c)
{
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

/* The heap is empty: the next window that holds events enters it; -1 when it cannot grow. */
static int advance(struct calendar *c)
{
    int64_t skip = 1;   /* to the first window with events: in the ring, else the overflow's */
    while (skip < CALENDAR_RING && c->ring[(c->window_now + skip) & (CALENDAR_RING - 1)] == NIL)
        skip++;
    if (skip < CALENDAR_RING)
        c->window_now += skip - 1;
    else
        c->window_now = c->overflow_first - 1;
    return load_next(c);
}

/*
 * Which of the four events k[0..3] comes first: two pairs, then their
 * winners, with all four keys loaded at once and the winners' kept in
 * registers (comparing the winners where they lie waited on the pairs'
 * results before it could load them: bench_phone 1.10 to 1.14 times
 * faster this way).
 */
static inline size_t least_of_four(const struct calendar_event *k)
{
    unsigned __int128 k0 = calendar_key(&k[0]), k1 = calendar_key(&k[1]),
                      k2 = calendar_key(&k[2]), k3 = calendar_key(&k[3]);
    size_t a = k1 < k0, b = 2 + (k3 < k2);
    unsigned __int128 ka = a ? k1 : k0, kb = k3 < k2 ? k3 : k2;
    return a ^ ((a ^ b) & -(size_t)(kb < ka));     /* a select, not a branch */
}

/*
 * Few events in a deep tree: they move into the tree a level shallower, so
 * that every pop goes down one level less.  They are gathered at the front
 * of the array (each to an index no later than its own), copied past the
 * shallower tree's end (its nodes fewer than half of it, the old leaves
 * as many as all of it), and go in again, the first at the root.
 */
static __attribute__((noinline)) void shrink(struct calendar *c)
{
    struct calendar_event *h = c->heap;
    size_t k = 0, old_nodes = tree_nodes(c->depth), nodes = tree_nodes(c->depth - 1);
    for (size_t i = 0; i < old_nodes; i++)
        if (!is_sentinel(&h[i]))
            h[k++] = h[i];
    assert(k == c->size && k <= nodes / 2);
    struct calendar_event *moved = h + nodes;
    memcpy(moved, h, k * sizeof *h);
    for (size_t i = 0; i < tree_nodes(c->depth - 2); i++)
        h[i] = SENTINEL;
    heap_levels(c, c->depth - 1);   /* its leaves too; within its memory: cannot fail */
    h[0] = moved[0];                /* the root: not a leaf at depth 1 or more */
    c->size = 1;
    for (size_t j = 1; j < k; j++)
        sift_in(c, &moved[j]);
    assert(calendar_is_heap(c));
}

/*
 * The root has left a heap that still holds events: the hole sinks along
 * the least children to a leaf, which becomes a sentinel and free; where
 * that leaf held a sentinel already (the hole went down an empty branch),
 * it was free already.  Out of line, so that a pop of the last event saves
 * none of the registers this takes.
 */
static __attribute__((noinline)) int sink_root(struct calendar *c)
{
    struct calendar_event *h = c->heap;
    size_t i = 0;
    for (int level = 0; level < c->depth; level++) {
        size_t best = i * ARITY + 1 + least_of_four(&h[i * ARITY + 1]);
        h[i] = h[best];
        i = best;
    }
    c->free_leaf[c->free_n] = (uint32_t)i;
    c->free_n += !is_sentinel(&h[i]);
    h[i] = SENTINEL;
    if (c->size <= c->shrink_at)
        shrink(c);
    return 0;
}

/* The next event falls in the heap's last window: the window after it comes in first. */
static __attribute__((noinline)) int load_then_pop(struct calendar *c, struct calendar_event *out)
{
    if (load_next(c) != 0)
        return CALENDAR_NO_MEMORY;
    return calendar_pop_heap(c, out);
}

/* The heap's first event leaves.  Every call here is a tail call: no register is saved. */
int calendar_pop_heap(struct calendar *c, struct calendar_event *out)
{
    if (c->size == 0)
        return CALENDAR_EMPTY;
    if (c->heap[0].time * c->inv_window >= c->window_next - 1.0)   /* in window_now */
        return load_then_pop(c, out);
    *out = c->heap[0];
    assert(out->time >= c->now);
    c->now = out->time;
    if (--c->size == 0) {   /* the last event */
        root_alone(c);
        return 0;
    }
    return sink_root(c);    /* a tail call */
}

/* The heap is empty and far events wait: their windows come in first. */
int calendar_pop_far(struct calendar *c, struct calendar_event *out)
{
    while (c->size == 0 && c->far_count > 0)
        if (advance(c) != 0)
            return CALENDAR_NO_MEMORY;
    return calendar_pop_from(c, out);
}
