/*
 * The kernel's event calendar and record pool.
 *
 * The calendar against a sorted reference: random pushes and pops, the heap
 * checked after every operation, events leaving in (time, insertion) order,
 * ties in the order they were scheduled.  The pool: ids reused last-in
 * first-out, generations that mark an earlier occupant's events as stale,
 * and growth that keeps ids and contents.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_rng.h>

#include "sim/calendar.h"
#include "sim/pool.h"
#include "sim/rng.h"

/* ----------------------------------------------------------------- calendar */

/*
 * Pushes and pops in random order, times on a coarse grid so ties are
 * common; with `far` some events land far ahead (beyond the ring of
 * windows too).  Every event pushed at or before the horizon comes out, in
 * (time, insertion) order; those after it never do.
 */
static void check_order(double window, double horizon, int far)
{
    struct calendar *c = calendar_alloc(4);   /* small: it must grow */
    gsl_rng *r = rng_stream_alloc(7, 0, 1);
    assert_non_null(c);
    assert_non_null(r);
    calendar_configure(c, window, horizon);
    double now = 0.0, last_time = -1.0;
    uint32_t pushed = 0, kept = 0, popped = 0, last_id = 0;
    for (int step = 0; step < 40000; step++) {
        if (calendar_size(c) == 0 || gsl_rng_uniform(r) < 0.55) {
            double t = now + (double)gsl_rng_uniform_int(r, 8);
            if (far && gsl_rng_uniform(r) < 0.2)
                t += (double)gsl_rng_uniform_int(r, 8000);
            kept += t <= horizon;
            /* id records the insertion order, to check ties */
            assert_int_equal(calendar_push(c, t, 1, pushed++, 0, 0), 0);
        } else {
            struct calendar_event e;
            assert_int_equal(calendar_pop(c, &e), 0);
            popped++;
            assert_true(e.time >= last_time);
            assert_true(e.time <= horizon);
            if (e.time == last_time)
                assert_true(e.id > last_id);  /* same instant: scheduled earlier leaves first */
            last_time = now = e.time;
            last_id = e.id;
        }
        assert_true(calendar_is_heap(c));
        assert_int_equal(calendar_size(c), kept - popped);
    }
    struct calendar_event e;
    while (calendar_pop(c, &e) == 0) {     /* drain: the far ones come in order too */
        popped++;
        assert_true(e.time > last_time || (e.time == last_time && e.id > last_id));
        last_time = e.time;
        last_id = e.id;
    }
    assert_int_equal(popped, kept);
    gsl_rng_free(r);
    calendar_free(c);
}

static void test_calendar_order(void **state)
{
    (void)state;
    check_order(INFINITY, INFINITY, 0);     /* one level */
    check_order(INFINITY, INFINITY, 1);
    check_order(3.0, INFINITY, 0);          /* two levels, windows of 3 */
    check_order(3.0, INFINITY, 1);          /* ... and some past the ring's 3,072 */
    check_order(0.5, 30000.0, 1);           /* a horizon: later events dropped */
}

/*
 * The heap's tree: n events, one pushed and one popped at a time (n + 1 at
 * most), keep it at the least depth whose full tree holds n + 1 (a free
 * leaf lost by the bookkeeping would make it grow), the events come out in
 * order, the tree loses a level whenever a level less would be at most
 * half full, and emptied it starts over at the root alone.
 */
static void test_calendar_depth(void **state)
{
    (void)state;
    struct calendar *c = calendar_alloc(1);
    gsl_rng *r = rng_stream_alloc(7, 0, 2);
    assert_non_null(c);
    assert_non_null(r);
    const int n[] = { 0, 1, 4, 5, 20, 21, 84, 99 };
    const int depth[] = { 0, 1, 1, 2, 2, 3, 3, 4 };    /* full trees: 1, 5, 21, 85, 341 */
    double now = 0.0;
    for (size_t k = 0; k < sizeof n / sizeof n[0]; k++) {
        for (int i = 0; i < n[k]; i++)
            assert_int_equal(calendar_push(c, now + gsl_rng_uniform(r), 0, 0, 0, 0), 0);
        for (int step = 0; step < 20000; step++) {    /* one in, one out */
            struct calendar_event e;
            assert_int_equal(calendar_push(c, now + gsl_rng_uniform(r), 0, 0, 0, 0), 0);
            assert_int_equal(calendar_pop(c, &e), 0);
            assert_true(e.time >= now);
            now = e.time;
            assert_true(c->depth <= depth[k]);
        }
        assert_int_equal(c->depth, depth[k]);
        assert_int_equal(calendar_size(c), (size_t)n[k]);
        assert_true(calendar_is_heap(c));
        struct calendar_event e;
        while (calendar_pop(c, &e) == 0) {
            assert_true(e.time >= now);
            now = e.time;
            /* a level shallower would be no more than half full: it shrank */
            size_t shallower = ((size_t)1 << (2 * c->depth)) / 3;  /* its nodes, (4^d - 1) / 3 */
            assert_true(c->depth < 2 || calendar_size(c) > shallower / 2);
            assert_true(calendar_is_heap(c));
        }
        assert_int_equal(c->depth, 0);
    }
    gsl_rng_free(r);
    calendar_free(c);
}

/*
 * Once the heap's next event falls in its last window, the window after it
 * comes in, so that an event less than a window ahead goes straight to the
 * heap; one further ahead waits in the lists until its window's turn.
 */
static void test_calendar_window_ahead(void **state)
{
    (void)state;
    struct calendar *c = calendar_alloc(16);
    assert_non_null(c);
    calendar_configure(c, 10.0, INFINITY);
    struct calendar_event e;
    assert_int_equal(calendar_push(c, 5.0, 0, 1, 0, 0), 0);   /* window 0 */
    assert_int_equal(calendar_push(c, 12.0, 0, 2, 0, 0), 0);  /* window 1: far for now */
    assert_int_equal(c->far_count, 1);
    assert_int_equal(calendar_pop(c, &e), 0);                  /* time 5: window 1 comes in */
    assert_true(e.time == 5.0);
    assert_int_equal(c->far_count, 0);
    assert_int_equal(calendar_push(c, 14.0, 0, 3, 0, 0), 0);  /* 9 s ahead: the heap */
    assert_int_equal(calendar_push(c, 25.0, 0, 4, 0, 0), 0);  /* window 2: far */
    assert_int_equal(c->far_count, 1);
    const double order[] = { 12.0, 14.0, 25.0 };
    for (int k = 0; k < 3; k++) {
        assert_int_equal(calendar_pop(c, &e), 0);
        assert_true(e.time == order[k]);
    }
    assert_int_equal(calendar_pop(c, &e), CALENDAR_EMPTY);
    calendar_free(c);
}

/*
 * Timers beside the heap and its lists: events come out in (time,
 * insertion) order against a plain list of the pending ones, a timer set
 * again replaces its pending event, and one set past the horizon is gone.
 */
struct pending {
    double time;
    uint32_t id;        /* insertion order */
    int slot;           /* timer slot, or -1 */
};

static void test_calendar_timers(void **state)
{
    (void)state;
    enum { MAX = 4096, SLOTS = 5 };
    static struct pending live[MAX];
    int n = 0;
    struct calendar *c = calendar_alloc(16);
    gsl_rng *r = rng_stream_alloc(9, 0, 2);
    calendar_configure(c, 2.0, 50000.0);
    double now = 0.0;
    uint32_t pushed = 0;
    for (int step = 0; step < 60000; step++) {
        double u = gsl_rng_uniform(r);
        double t = now + (double)gsl_rng_uniform_int(r, 6) + (u < 0.1 ? 3000.0 : 0.0);
        if (n < MAX - 1 && (n == 0 || u < 0.5)) {
            int slot = u < 0.3 ? (int)gsl_rng_uniform_int(r, SLOTS) : -1;
            for (int i = 0; slot >= 0 && i < n; i++)     /* a timer replaces its event */
                if (live[i].slot == slot)
                    live[i--] = live[--n];
            if (t <= 50000.0)
                live[n++] = (struct pending){ t, pushed, slot };
            if (slot >= 0)
                calendar_set_timer(c, slot, t, 1, pushed++, 0, 0);
            else
                assert_int_equal(calendar_push(c, t, 1, pushed++, 0, 0), 0);
        } else {
            int first = 0;
            for (int i = 1; i < n; i++)
                if (live[i].time < live[first].time ||
                    (live[i].time == live[first].time && live[i].id < live[first].id))
                    first = i;
            struct calendar_event e;
            assert_int_equal(calendar_pop(c, &e), 0);
            assert_int_equal(e.id, live[first].id);
            assert_true(e.time == live[first].time);
            now = e.time;
            live[first] = live[--n];
        }
        assert_int_equal(calendar_size(c), n);
    }
    gsl_rng_free(r);
    calendar_free(c);
}

static void test_calendar_empty_and_clear(void **state)
{
    (void)state;
    struct calendar *c = calendar_alloc(16);
    struct calendar_event e;
    assert_int_equal(calendar_pop(c, &e), CALENDAR_EMPTY);
    assert_int_equal(calendar_push(c, 5.0, 2, 3, 4, 5), 0);
    assert_int_equal(calendar_push(c, 1.0, 6, 7, 8, 9), 0);
    assert_int_equal(calendar_pop(c, &e), 0);
    assert_true(e.time == 1.0 && e.kind == 6 && e.id == 7 && e.gen == 8 && e.aux == 9);
    calendar_clear(c);
    assert_int_equal(calendar_size(c), 0);
    assert_int_equal(calendar_push(c, 0.5, 1, 1, 1, 1), 0);  /* cleared: time starts over */
    assert_int_equal(calendar_pop(c, &e), 0);
    assert_true(e.time == 0.5);
    calendar_free(c);
}

/*
 * realloc for the calendar's code in this program (linked with
 * -Wl,--wrap=realloc): refuses while `realloc_refuses` is set.
 */
void *__real_realloc(void *p, size_t size);
void *__wrap_realloc(void *p, size_t size);
static int realloc_refuses;
void *__wrap_realloc(void *p, size_t size)
{
    return realloc_refuses ? NULL : __real_realloc(p, size);
}

/*
 * A window's events that cannot all enter the heap are an error the caller
 * sees (CALENDAR_NO_MEMORY), not an empty calendar that would end a run
 * early without a word.
 */
static void test_calendar_no_memory(void **state)
{
    (void)state;
    struct calendar *c = calendar_alloc(16);
    assert_non_null(c);
    calendar_configure(c, 1.0, INFINITY);
    for (int i = 0; i < 40; i++)     /* window 5: far, more than the heap holds */
        assert_int_equal(calendar_push(c, 5.0 + 0.01 * i, 1, (uint32_t)i, 0, 0), 0);
    struct calendar_event e;
    realloc_refuses = 1;
    int rc = calendar_pop(c, &e);
    realloc_refuses = 0;
    assert_int_equal(rc, CALENDAR_NO_MEMORY);
    calendar_free(c);
}

/* --------------------------------------------------------------------- pool */

struct item {
    struct pool_slot slot;
    int value;
};

static void test_pool_reuse(void **state)
{
    (void)state;
    struct pool p;
    assert_int_equal(pool_init(&p, sizeof(struct item), 2), 0);
    uint32_t ids[100];
    for (int i = 0; i < 100; i++) {        /* grows past its first size */
        assert_int_equal(pool_take(&p, &ids[i]), 0);
        assert_int_equal(ids[i], (uint32_t)i);
        assert_int_equal(pool_gen(&p, ids[i]), 0);
        ((struct item *)pool_at(&p, ids[i]))->value = 1000 + i;
    }
    for (int i = 0; i < 100; i++)
        assert_int_equal(((struct item *)pool_at(&p, ids[i]))->value, 1000 + i);
    pool_put(&p, 10);
    pool_put(&p, 20);
    uint32_t id;
    assert_int_equal(pool_take(&p, &id), 0);
    assert_int_equal(id, 20);               /* last released, first reused */
    assert_int_equal(pool_gen(&p, id), 1);  /* an event for the old occupant is stale */
    assert_int_equal(pool_take(&p, &id), 0);
    assert_int_equal(id, 10);
    assert_int_equal(pool_take(&p, &id), 0);
    assert_int_equal(id, 100);              /* free list empty: a fresh id */
    assert_int_equal(pool_gen(&p, id), 0);
    pool_clear(&p);
    assert_int_equal(pool_take(&p, &id), 0);
    assert_int_equal(id, 0);
    pool_release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar_order),
        cmocka_unit_test(test_calendar_timers),
        cmocka_unit_test(test_calendar_depth),
        cmocka_unit_test(test_calendar_window_ahead),
        cmocka_unit_test(test_calendar_empty_and_clear),
        cmocka_unit_test(test_calendar_no_memory),
        cmocka_unit_test(test_pool_reuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
