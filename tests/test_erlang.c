/*
 * The Erlang formulas against published and independently computed values.
 *
 * Reference case (DOMAIN.md): 100 calls per 30 min, 180 s handling, 20 s
 * target, i.e. 10 Erlang.  Values quoted with fewer digits are compared to
 * the digits given.  The extra Erlang A service levels marked "mpmath" were
 * computed at 80 digits from the closed-form (partial-fraction) law of the
 * wait, which is exact in exact arithmetic but useless in doubles: an
 * independent route to the same numbers.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "testutil.h"

#include "models/erlang.h"

#define RATE (100.0 / 1800.0)
#define AHT 180.0
#define TARGET 20.0
#define PATIENCE 300.0

/* Every share a probability, every mean finite and non-negative. */
static void assert_sane(const struct erlang_result *r)
{
    assert_true(r->p_wait >= 0.0 && r->p_wait <= 1.0);
    assert_true(r->service_level >= 0.0 && r->service_level <= 1.0);
    assert_true(r->p_abandon >= 0.0 && r->p_abandon <= 1.0);
    assert_true(r->occupancy >= 0.0 && r->occupancy <= 1.0);
    assert_true(isfinite(r->asa_s) && r->asa_s >= 0.0);
    assert_true(isfinite(r->mean_queue) && r->mean_queue >= 0.0);
}

static void test_erlang_b_values(void **state)
{
    (void)state;
    /* (10^13/13!) / sum_{k<=13} 10^k/k!, in exact rational arithmetic. */
    assert_close(erlang_b(10.0, 13), 0.08433886267236648, 1e-14);
    assert_close(erlang_b(1.0, 1), 0.5, 1e-15);
    assert_close(erlang_b(2.0, 2), 0.4, 1e-15);
    assert_close(erlang_b(5.0, 0), 1.0, 0.0);
    assert_close(erlang_b(0.0, 3), 0.0, 0.0);
    /* No A^c or c! on the way: thousands of agents stay finite. */
    double b = erlang_b(2000.0, 2000);
    assert_true(isfinite(b) && b > 0.0 && b < 1.0);
}

static void test_erlang_b_bad_input(void **state)
{
    (void)state;
    assert_true(erlang_b(-1.0, 3) < 0.0);
    assert_true(erlang_b(1.0, -1) < 0.0);
    assert_true(erlang_b(NAN, 3) < 0.0);
    assert_true(erlang_b(INFINITY, 3) < 0.0);
}

static void check_erlang_c_row(int agents, double p_wait, double sl,
                               double asa, double asa_tol)
{
    struct erlang_result r;
    assert_int_equal(erlang_c(RATE, AHT, agents, TARGET, &r), 0);
    assert_int_equal(r.agents, agents);
    assert_close(r.load, 10.0, 1e-12);
    assert_close(r.p_wait, p_wait, 1e-6);
    assert_close(r.service_level, sl, 1e-6);
    assert_close(r.asa_s, asa, asa_tol);
    assert_close(r.p_abandon, 0.0, 0.0);
    assert_close(r.occupancy, 10.0 / agents, 1e-12);
    assert_close(r.mean_queue, RATE * r.asa_s, 1e-12);
    assert_sane(&r);
}

static void test_erlang_c_reference(void **state)
{
    (void)state;
    check_erlang_c_row(13, 0.285270, 0.795595, 17.12, 0.005);
    check_erlang_c_row(14, 0.174132, 0.888350, 7.836, 0.0005);
    check_erlang_c_row(15, 0.102042, 0.941453, 3.67, 0.005);
}

static void test_erlang_c_target_limits(void **state)
{
    (void)state;
    struct erlang_result r;
    /* Target 0: answered at once means not waiting; no limit: all answered. */
    assert_int_equal(erlang_c(RATE, AHT, 14, 0.0, &r), 0);
    assert_close(r.service_level, 1.0 - r.p_wait, 1e-15);
    assert_int_equal(erlang_c(RATE, AHT, 14, INFINITY, &r), 0);
    assert_close(r.service_level, 1.0, 0.0);
}

static void test_erlang_c_bad_input(void **state)
{
    (void)state;
    struct erlang_result r;
    assert_int_equal(erlang_c(-1.0, AHT, 14, TARGET, &r), -1);
    assert_int_equal(erlang_c(RATE, 0.0, 14, TARGET, &r), -1);
    assert_int_equal(erlang_c(RATE, -AHT, 14, TARGET, &r), -1);
    assert_int_equal(erlang_c(RATE, AHT, -1, TARGET, &r), -1);
    assert_int_equal(erlang_c(RATE, AHT, 14, -1.0, &r), -1);
    assert_int_equal(erlang_c(NAN, AHT, 14, TARGET, &r), -1);
    assert_int_equal(erlang_c(RATE, AHT, 14, NAN, &r), -1);
    assert_int_equal(erlang_c(RATE, AHT, 14, TARGET, NULL), -1);
    /* No steady state at or above full load. */
    assert_int_equal(erlang_c(RATE, AHT, 10, TARGET, &r), -1);
    assert_int_equal(erlang_c(RATE, AHT, 9, TARGET, &r), -1);
    assert_int_equal(erlang_c(RATE, AHT, 0, TARGET, &r), -1);
}

static void test_erlang_a_reference(void **state)
{
    (void)state;
    struct erlang_result r;
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 14, TARGET, &r), 0);
    assert_int_equal(r.agents, 14);
    assert_close(r.load, 10.0, 1e-12);
    assert_close(r.p_wait, 0.145260, 1e-6);
    assert_close(r.p_abandon, 0.013984, 1e-6);
    assert_close(r.asa_s / 60.0, 0.069919, 1e-6);
    assert_close(r.service_level, 0.916792, 1e-6);
    /* Little's law and flow balance tie the measures together. */
    assert_close(r.mean_queue, RATE * r.asa_s, 1e-12);
    assert_close(r.p_abandon, r.mean_queue / PATIENCE / RATE, 1e-12);
    assert_close(r.occupancy, RATE * (1.0 - r.p_abandon) * AHT / 14, 1e-12);
    assert_sane(&r);
}

static void test_erlang_a_independent(void **state)
{
    (void)state;
    struct erlang_result r;
    /* mpmath values, see the top comment; the third is overloaded. */
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 14, 60.0, &r), 0);
    assert_close(r.service_level, 0.96979614355559, 1e-12);
    assert_int_equal(erlang_a(RATE, AHT, 30.0, 9, 45.0, &r), 0);
    assert_close(r.service_level, 0.756224942848828, 1e-12);
    assert_int_equal(erlang_a(1.0 / 60.0, 300.0, 120.0, 3, 10.0, &r), 0);
    assert_close(r.service_level, 0.260705720677474, 1e-12);
}

static void test_erlang_a_target_limits(void **state)
{
    (void)state;
    struct erlang_result r;
    /* Target 0: only those who found a free agent. */
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 14, 0.0, &r), 0);
    assert_close(r.service_level, 1.0 - r.p_wait, 1e-12);
    /* Long targets: everyone who does not abandon is answered. */
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 14, INFINITY, &r), 0);
    assert_close(r.service_level, 1.0 - r.p_abandon, 1e-12);
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 14, 3000.0, &r), 0);
    assert_close(r.service_level, 1.0 - r.p_abandon, 1e-12);
    /* A longer target never lowers the service level. */
    double prev = 0.0;
    for (double t = 0.0; t <= 600.0; t += 15.0) {
        assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 14, t, &r), 0);
        assert_true(r.service_level >= prev);
        prev = r.service_level;
    }
}

static void test_erlang_a_long_patience_is_erlang_c(void **state)
{
    (void)state;
    for (int c = 13; c <= 15; c++) {
        struct erlang_result a, cc;
        assert_int_equal(erlang_a(RATE, AHT, 1e9, c, TARGET, &a), 0);
        assert_int_equal(erlang_c(RATE, AHT, c, TARGET, &cc), 0);
        assert_close(a.p_wait, cc.p_wait, 1e-6);
        assert_close(a.service_level, cc.service_level, 1e-6);
        /*
         * Means move by about theta * E[W^2], 1e-5 s at 13 agents: a real
         * effect of the patience, not an error, so they agree in relative
         * terms (1e-6 of 17 s is the 1e-6 min of the reference table).
         */
        assert_close(a.asa_s, cc.asa_s, 1e-6 * cc.asa_s);
        assert_close(a.mean_queue, cc.mean_queue, 1e-6 * cc.mean_queue);
        assert_close(a.occupancy, cc.occupancy, 1e-6);
        assert_close(a.p_abandon, 0.0, 1e-6);
    }
}

/*
 * The opposite limit: patience far below the handling time.  Every caller
 * who finds all agents busy abandons at once, so the system is Erlang B's
 * loss system: p_abandon and p_wait tend to the blocking probability B and
 * occupancy to load (1 - B) / c.  The chain's cut once dropped the first
 * queue state, whose weight is ~1e-17 but carries all the abandonment at a
 * patience of 1e-15 s, and p_abandon came out 0.
 */
static void test_erlang_a_short_patience_is_erlang_b(void **state)
{
    (void)state;
    for (int c = 10; c <= 20; c += 5) {
        double b = erlang_b(RATE * AHT, c);
        for (double patience = 1e-3; patience >= 1e-300; patience *= 1e-3) {
            struct erlang_result r;
            assert_int_equal(erlang_a(RATE, AHT, patience, c, TARGET, &r), 0);
            /* O(patience / AHT) from the loss system, and rounding */
            double tol = 1e-12 + 10.0 * patience / AHT;
            assert_close(r.p_abandon, b, tol);
            assert_close(r.p_wait, b, tol);
            assert_close(r.occupancy, RATE * AHT * (1.0 - b) / c, tol);
            assert_close(r.service_level, 1.0 - b, tol);
            assert_true(r.asa_s >= 0.0 && r.asa_s <= 2.0 * patience);
        }
    }
}

static void test_erlang_a_no_agents(void **state)
{
    (void)state;
    struct erlang_result r;
    /* Nobody is served: every caller waits out its patience. */
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 0, TARGET, &r), 0);
    assert_close(r.p_wait, 1.0, 1e-15);
    assert_close(r.service_level, 0.0, 0.0);
    assert_close(r.p_abandon, 1.0, 1e-12);
    assert_close(r.asa_s, PATIENCE, 1e-9);
    assert_close(r.occupancy, 0.0, 0.0);
}

static void test_erlang_a_large_scale(void **state)
{
    (void)state;
    struct erlang_result a, c;
    /* 1000 Erlang on 1050 agents. */
    assert_int_equal(erlang_a(1000.0 / AHT, AHT, PATIENCE, 1050, TARGET, &a), 0);
    assert_sane(&a);
    assert_true(a.p_wait > 0.0 && a.service_level > 0.0);
    /* Abandonment only shortens the queue. */
    assert_int_equal(erlang_c(1000.0 / AHT, AHT, 1050, TARGET, &c), 0);
    assert_true(a.p_wait <= c.p_wait);
    assert_true(a.asa_s <= c.asa_s);

    /* Critical load, where Erlang C has no answer. */
    assert_int_equal(erlang_a(2000.0 / AHT, AHT, PATIENCE, 2000, TARGET, &a), 0);
    assert_sane(&a);
    /* Twice overloaded: about half must abandon. */
    assert_int_equal(erlang_a(4000.0 / AHT, AHT, 60.0, 2000, TARGET, &a), 0);
    assert_sane(&a);
    assert_true(a.p_abandon > 0.45 && a.p_abandon < 0.55);
}

static void test_erlang_a_bad_input(void **state)
{
    (void)state;
    struct erlang_result r;
    assert_int_equal(erlang_a(-1.0, AHT, PATIENCE, 14, TARGET, &r), -1);
    assert_int_equal(erlang_a(RATE, 0.0, PATIENCE, 14, TARGET, &r), -1);
    assert_int_equal(erlang_a(RATE, AHT, 0.0, 14, TARGET, &r), -1);
    assert_int_equal(erlang_a(RATE, AHT, -PATIENCE, 14, TARGET, &r), -1);
    assert_int_equal(erlang_a(RATE, AHT, NAN, 14, TARGET, &r), -1);
    assert_int_equal(erlang_a(RATE, AHT, INFINITY, 14, TARGET, &r), -1);
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, -1, TARGET, &r), -1);
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 14, -1.0, &r), -1);
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, 14, TARGET, NULL), -1);
}

static int staff(double patience_s, struct erlang_target t,
                 struct erlang_result *out)
{
    return erlang_staff(RATE, AHT, patience_s, &t, out);
}

static void test_erlang_staff_erlang_c(void **state)
{
    (void)state;
    struct erlang_result r, c14;
    /* 13 agents give 79.6% within 20 s, 14 give 88.8%. */
    assert_int_equal(staff(0.0, (struct erlang_target){.target_s = TARGET,
                                                       .service_level = 0.8},
                           &r),
                     14);
    assert_int_equal(erlang_c(RATE, AHT, 14, TARGET, &c14), 0);
    assert_int_equal(r.agents, 14);
    assert_close(r.service_level, c14.service_level, 0.0);
    assert_close(r.asa_s, c14.asa_s, 0.0);
    /* ASA 17.1 s at 13, 7.8 s at 14. */
    assert_int_equal(staff(0.0, (struct erlang_target){.max_asa_s = 10.0}, &r),
                     14);
    /* Occupancy 10/14 = 0.714 > 0.7. */
    assert_int_equal(
        staff(0.0, (struct erlang_target){.max_occupancy = 0.7}, &r), 15);
    /* No target: just enough for a steady state. */
    assert_int_equal(staff(0.0, (struct erlang_target){0}, &r), 11);
    /* Shares of 1 or more are no targets. */
    assert_int_equal(staff(0.0,
                           (struct erlang_target){.max_occupancy = 1.0,
                                                  .max_abandon = 1.0},
                           &r),
                     11);
}

static void test_erlang_staff_erlang_a(void **state)
{
    (void)state;
    struct erlang_result r;
    /* Abandonment relieves the queue: 85.8% within 20 s at 13. */
    assert_int_equal(staff(PATIENCE, (struct erlang_target){.target_s = TARGET,
                                                            .service_level = 0.8},
                           &r),
                     13);
    assert_close(r.p_abandon, 0.024963, 1e-6);
    /* Abandonment 2.5% at 13, 1.4% at 14. */
    assert_int_equal(
        staff(PATIENCE, (struct erlang_target){.max_abandon = 0.02}, &r), 14);
    assert_close(r.p_abandon, 0.013984, 1e-6);
    /* All targets at once: the abandonment share decides (0.75% at 15). */
    assert_int_equal(staff(PATIENCE,
                           (struct erlang_target){.target_s = TARGET,
                                                  .service_level = 0.9,
                                                  .max_abandon = 0.01},
                           &r),
                     15);
    /* A loose target: with abandonment fewer agents than the load (10 Erlang) meet it,
     * and the answer is the fewest that do. */
    struct erlang_result below;
    int c = staff(PATIENCE, (struct erlang_target){.target_s = TARGET, .service_level = 0.3}, &r);
    assert_true(c >= 1 && c < 10);
    assert_true(r.service_level >= 0.3);
    assert_int_equal(erlang_a(RATE, AHT, PATIENCE, c - 1, TARGET, &below), 0);
    assert_true(below.service_level < 0.3);
}

static void test_erlang_staff_zero_load(void **state)
{
    (void)state;
    struct erlang_result r;
    struct erlang_target t = {.target_s = TARGET, .service_level = 0.8};
    assert_int_equal(erlang_staff(0.0, AHT, 0.0, &t, &r), 0);
    assert_int_equal(r.agents, 0);
    assert_close(r.service_level, 1.0, 0.0);
    assert_close(r.p_wait, 0.0, 0.0);
    assert_int_equal(erlang_staff(0.0, AHT, PATIENCE, &t, &r), 0);
}

static void test_erlang_staff_bad_input(void **state)
{
    (void)state;
    struct erlang_result r;
    struct erlang_target ok = {.target_s = TARGET, .service_level = 0.8};
    assert_int_equal(erlang_staff(RATE, AHT, 0.0, NULL, &r), -1);
    assert_int_equal(erlang_staff(RATE, AHT, 0.0, &ok, NULL), -1);
    assert_int_equal(erlang_staff(-1.0, AHT, 0.0, &ok, &r), -1);
    assert_int_equal(erlang_staff(RATE, 0.0, 0.0, &ok, &r), -1);
    assert_int_equal(erlang_staff(RATE, AHT, NAN, &ok, &r), -1);
    assert_int_equal(
        staff(0.0, (struct erlang_target){.target_s = -1.0, .service_level = 0.8},
              &r),
        -1);
    assert_int_equal(
        staff(0.0, (struct erlang_target){.target_s = TARGET, .service_level = NAN},
              &r),
        -1);
    /* A service level of 100% is never reached. */
    assert_int_equal(
        staff(0.0, (struct erlang_target){.target_s = TARGET, .service_level = 1.0},
              &r),
        -1);
    /* Nor is a mean wait of 1e-300 s within the search limit. */
    assert_int_equal(staff(0.0, (struct erlang_target){.max_asa_s = 1e-300}, &r),
                     -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erlang_b_values),
        cmocka_unit_test(test_erlang_b_bad_input),
        cmocka_unit_test(test_erlang_c_reference),
        cmocka_unit_test(test_erlang_c_target_limits),
        cmocka_unit_test(test_erlang_c_bad_input),
        cmocka_unit_test(test_erlang_a_reference),
        cmocka_unit_test(test_erlang_a_independent),
        cmocka_unit_test(test_erlang_a_target_limits),
        cmocka_unit_test(test_erlang_a_long_patience_is_erlang_c),
        cmocka_unit_test(test_erlang_a_short_patience_is_erlang_b),
        cmocka_unit_test(test_erlang_a_no_agents),
        cmocka_unit_test(test_erlang_a_large_scale),
        cmocka_unit_test(test_erlang_a_bad_input),
        cmocka_unit_test(test_erlang_staff_erlang_c),
        cmocka_unit_test(test_erlang_staff_erlang_a),
        cmocka_unit_test(test_erlang_staff_zero_load),
        cmocka_unit_test(test_erlang_staff_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
