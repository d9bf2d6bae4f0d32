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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_openings_match_scan),
        cmocka_unit_test(test_slot_matches_division),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
