/*
 * The week of a channel: the next opening by lookup (schedule_openings)
 * gives exactly what a scan of the slots gives, on weeks open in patches,
 * open in one slot only, always open and never open, at random times over
 * several weeks, slot boundaries included.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_rng.h>

#include "models/schedule.h"
#include "sim/rng.h"

/* The lookup against the scan at n random times and at every slot boundary. */
static void check_against_scan(const struct schedule *s, gsl_rng *r, int n)
{
    struct schedule_openings o;
    schedule_openings_build(&o, s);
    for (int i = 0; i < n + 3 * SCHEDULE_SLOTS; i++) {
        double t = i < n ? gsl_rng_uniform(r) * 3.0 * SCHEDULE_WEEK_S
                         : (i - n) * SCHEDULE_SLOT_S;
        double scan = schedule_next_open(s, t), look = schedule_openings_next(&o, s, t);
        if (!(scan == look || (isinf(scan) && isinf(look))))
            fail_msg("t = %.17g: scan %.17g, lookup %.17g", t, scan, look);
    }
}

static void test_openings_match_scan(void **state)
{
    (void)state;
    gsl_rng *r = rng_stream_alloc(11, 0, 1);
    static struct schedule s;
    for (int trial = 0; trial < 20; trial++) {      /* patches of open slots */
        memset(&s, 0, sizeof s);
        double p = 0.02 + 0.05 * trial;
        for (int k = 0; k < SCHEDULE_SLOTS; k++)
            s.open[k] = gsl_rng_uniform(r) < p;
        check_against_scan(&s, r, 2000);
    }
    memset(&s, 0, sizeof s);
    check_against_scan(&s, r, 200);                 /* never open */
    s.open[SCHEDULE_SLOTS - 1] = 1;
    check_against_scan(&s, r, 200);                 /* the last slot of the week only */
    memset(&s, 0, sizeof s);
    s.open[0] = 1;
    check_against_scan(&s, r, 200);                 /* the first slot only */
    schedule_constant(&s, 3);
    check_against_scan(&s, r, 200);                 /* always open */
    gsl_rng_free(r);
}

/* The slot by division, as it was computed before schedule_trunc_div. */
static int slot_by_division(double t)
{
    double w = t - SCHEDULE_WEEK_S * (double)(long long)(t / SCHEDULE_WEEK_S);
    int slot = (int)(w / SCHEDULE_SLOT_S);
    return slot < SCHEDULE_SLOTS ? slot : SCHEDULE_SLOTS - 1;
}

/* The multiplication gives the division's slot: at random times, and on and
 * a few ulps either side of every slot edge of ten years of weeks. */
static void test_slot_matches_division(void **state)
{
    (void)state;
    gsl_rng *r = rng_stream_alloc(1, 0, 0);
    assert_non_null(r);
    for (int i = 0; i < 1000000; i++) {
        double t = gsl_rng_uniform(r) * 3.2e8;
        assert_int_equal(schedule_slot(t), slot_by_division(t));
    }
    for (long long k = 0; k <= 520LL * SCHEDULE_SLOTS; k++) {
        double edge = (double)k * SCHEDULE_SLOT_S, t = edge;
        for (int u = 0; u < 4; u++)
            t = nextafter(t, -1.0);
        for (int u = 0; u < 9; u++, t = nextafter(t, INFINITY))
            if (t >= 0.0 && schedule_slot(t) != slot_by_division(t))
                fail_msg("t = %.17g: slot %d, by division %d", t, schedule_slot(t),
                         slot_by_division(t));
    }
    gsl_rng_free(r);
}

/* The interval of the week of `width` seconds, as world_interval computes it. */
static int interval_by_quotients(double t, double width)
{
    double wk = t - SCHEDULE_WEEK_S *
                    (double)schedule_trunc_div(t, SCHEDULE_WEEK_S, 1.0 / SCHEDULE_WEEK_S);
    int k = (int)schedule_trunc_div(wk, width, 1.0 / width);
    int count = (int)(SCHEDULE_WEEK_S / width);
    return k < count ? k : count - 1;
}

/* A lookup through a bucket, as world_slot and world_interval_at make it. */
static int by_bucket(struct schedule_bucket *b, double t, double width, int *hits)
{
    if (t >= b->lo && t < b->hi) {
        ++*hits;
        return b->k;
    }
    int k = interval_by_quotients(t, width);
    schedule_bucket_fill(b, t, k, width, (int)(SCHEDULE_WEEK_S / width));
    return k;
}

/*
 * A bucket answers what the quotients answer: for slots and for intervals
 * of several widths (one that does not divide the week: its last interval
 * runs to the week's end), on and a few ulps either side of every edge of
 * two years of weeks, in time order and back, and at random times; and
 * it answers most lookups of times in order itself.
 */
static void test_bucket_matches_quotients(void **state)
{
    (void)state;
    const double widths[] = { SCHEDULE_SLOT_S, 1800.0, 1200.0, 3600.0, 660.0 };
    for (double t = 0.0; t < 2.0 * SCHEDULE_WEEK_S; t += 97.3)   /* slots are intervals of 900 s */
        assert_int_equal(interval_by_quotients(t, SCHEDULE_SLOT_S), schedule_slot(t));
    for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++) {
        double width = widths[wi];
        struct schedule_bucket b = { 0 };
        int hits = 0, asked = 0;
        long long edges = 104LL * (long long)(SCHEDULE_WEEK_S / width) + 1;
        for (int dir = 0; dir < 2; dir++)
            for (long long e = 0; e <= edges; e++) {
                long long k = dir == 0 ? e : edges - e;
                double week = SCHEDULE_WEEK_S * (double)(k / (long long)(SCHEDULE_WEEK_S / width));
                double edge = week + (double)(k % (long long)(SCHEDULE_WEEK_S / width)) * width;
                double t = edge;
                for (int u = 0; u < 4; u++)
                    t = nextafter(t, -1.0);
                for (int u = 0; u < 9; u++, t = nextafter(t, INFINITY)) {
                    if (t < 0.0)
                        continue;
                    asked++;
                    int got = by_bucket(&b, t, width, &hits), want = interval_by_quotients(t, width);
                    if (got != want)
                        fail_msg("width %g, t = %.17g: bucket %d, quotients %d", width, t, got, want);
                    double mid = t + width / 2;     /* inside the next span */
                    asked++;
                    if (by_bucket(&b, mid, width, &hits) != interval_by_quotients(mid, width))
                        fail_msg("width %g, t = %.17g: bucket and quotients differ", width, mid);
                }
            }
        gsl_rng *r = rng_stream_alloc(2, 0, 0);
        assert_non_null(r);
        double t = 0.0;
        hits = asked = 0;
        for (int i = 0; i < 200000; i++) {
            t += gsl_rng_uniform(r) * 60.0;     /* times in order, as events come */
            asked++;
            assert_int_equal(by_bucket(&b, t, width, &hits), interval_by_quotients(t, width));
        }
        gsl_rng_free(r);
        assert_true(hits > asked * 0.9);   /* a span holds 22 to 120 such times */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_openings_match_scan),
        cmocka_unit_test(test_slot_matches_division),
        cmocka_unit_test(test_bucket_matches_quotients),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
