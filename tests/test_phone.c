/*
 * The phone channel against queueing theory.
 *
 * Each check runs enough replications that the 95% confidence interval of
 * the probabilities is under 0.01 absolute, then asks that the theoretical
 * value lie inside the simulation's interval.  Seeds are fixed.
 */
#include <math.h>
#include <sys/wait.h>
#include "testutil.h"
#include "models/erlang.h"

#define RATE (100.0 / 1800.0)
#define AHT 180.0
#define TARGET 20.0

static void expect_within(const struct experiment *e, const char *path, double theory,
                          double max_halfwidth)
{
    const struct estimate *est = experiment_get(e, path);
    assert_non_null(est);
    print_message("  %-32s sim %.6f ± %.6f  theory %.6f\n", path, est->mean, est->ci95, theory);
    if (max_halfwidth > 0)
        assert_true(est->ci95 < max_halfwidth);
    assert_true(fabs(est->mean - theory) <= est->ci95);
}

static void run_phone(struct model *m, int agents, double patience_s, struct experiment *e)
{
    testutil_load("tests/scenarios/erlang_c.cfg", m);
    model_set_constant_agents(m, 0, agents);
    if (patience_s > 0) {
        m->channels[0].patience.kind = DIST_EXPONENTIAL;
        m->channels[0].patience.mean = patience_s;
        assert_int_equal(dist_prepare(&m->channels[0].patience, NULL, 0), 0);
    }
    assert_int_equal(experiment_run(e, m, 0, 0, NULL, NULL), 0);
}

static void check_erlang_c(int agents)
{
    static struct model m;
    struct experiment e;
    struct erlang_result th;
    run_phone(&m, agents, 0, &e);
    assert_int_equal(erlang_c(RATE, AHT, agents, TARGET, &th), 0);
    print_message("Erlang C, %d agents\n", agents);
    expect_within(&e, "channels.phone.p_wait", th.p_wait, 0.01);
    expect_within(&e, "channels.phone.service_level", th.service_level, 0.01);
    expect_within(&e, "channels.phone.wait_mean_s", th.asa_s, 0);
    expect_within(&e, "channels.phone.occupancy", th.occupancy, 0.01);
    experiment_free(&e);
}

static void test_erlang_c_13(void **state) { (void)state; check_erlang_c(13); }
static void test_erlang_c_14(void **state) { (void)state; check_erlang_c(14); }
static void test_erlang_c_15(void **state) { (void)state; check_erlang_c(15); }

static void test_erlang_a_14(void **state)
{
    (void)state;
    static struct model m;
    struct experiment e;
    struct erlang_result th;
    run_phone(&m, 14, 300.0, &e);
    assert_int_equal(erlang_a(RATE, AHT, 300.0, 14, TARGET, &th), 0);
    print_message("Erlang A, 14 agents, patience 300 s\n");
    expect_within(&e, "channels.phone.p_wait", th.p_wait, 0.01);
    expect_within(&e, "channels.phone.p_abandon", th.p_abandon, 0.01);
    expect_within(&e, "channels.phone.service_level", th.service_level, 0.01);
    expect_within(&e, "channels.phone.wait_mean_s", th.asa_s, 0);
    experiment_free(&e);
}

/* Patience far beyond any wait: nobody abandons and Erlang C holds. */
static void test_long_patience_is_erlang_c(void **state)
{
    (void)state;
    static struct model m;
    struct experiment e;
    struct erlang_result th;
    run_phone(&m, 13, 1e9, &e);
    assert_int_equal(erlang_c(RATE, AHT, 13, TARGET, &th), 0);
    print_message("patience 1e9 s, 13 agents\n");
    expect_within(&e, "channels.phone.p_wait", th.p_wait, 0.01);
    expect_within(&e, "channels.phone.service_level", th.service_level, 0.01);
    expect_within(&e, "channels.phone.wait_mean_s", th.asa_s, 0);
    assert_true(experiment_get(&e, "channels.phone.p_abandon")->mean < 1e-4);
    experiment_free(&e);
}

/* Every counted contact is handled, abandoned or still there: exactly, per replication. */
static void test_conservation(void **state)
{
    (void)state;
    static struct model m;
    struct experiment e;
    /* an overloaded line (10 Erlang on 9 agents) leaves many in the system */
    int cases[][2] = { { 14, 300 }, { 9, 300 }, { 9, 0 } };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        run_phone(&m, cases[k][0], cases[k][1], &e);
        int in_system_seen = 0;
        for (int r = 0; r < e.replications; r++) {
            double offered = testutil_value(&e, r, "channels.phone.offered");
            double handled = testutil_value(&e, r, "channels.phone.handled");
            double abandoned = testutil_value(&e, r, "channels.phone.abandoned");
            double in_system = testutil_value(&e, r, "channels.phone.in_system_at_end");
            assert_true(offered > 0);
            assert_true(offered == handled + abandoned + in_system);
            in_system_seen |= in_system > 0;
        }
        assert_true(in_system_seen);
        experiment_free(&e);
    }
}

/* The same seed gives the same bytes with one thread and with two, for every command. */
static void test_threads_do_not_change_results(void **state)
{
    (void)state;
    const char *commands[] = {
        "run '%s/scenarios/baseline.cfg' --json --quiet --replications 8",
        "compare '%s/scenarios/baseline.cfg' '%s/scenarios/callback.cfg' --json --quiet "
        "--replications 4",
        "staff '%s/tests/scenarios/staff_peak.cfg' --json --quiet",
    };
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        char args[1024], cmd[2048];
        snprintf(args, sizeof args, commands[k], CHANMIX_SOURCE_DIR, CHANMIX_SOURCE_DIR);
        int st1, st2;
        snprintf(cmd, sizeof cmd, "'%s' %s --threads 1", CHANMIX_BINARY, args);
        char *one = testutil_capture(cmd, &st1);
        snprintf(cmd, sizeof cmd, "'%s' %s --threads 2", CHANMIX_BINARY, args);
        char *two = testutil_capture(cmd, &st2);
        assert_int_equal(st1, 0);
        assert_int_equal(st2, 0);
        assert_true(strlen(one) > 100);
        assert_string_equal(one, two);
        free(one);
        free(two);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erlang_c_13),
        cmocka_unit_test(test_erlang_c_14),
        cmocka_unit_test(test_erlang_c_15),
        cmocka_unit_test(test_erlang_a_14),
        cmocka_unit_test(test_long_patience_is_erlang_c),
        cmocka_unit_test(test_conservation),
        cmocka_unit_test(test_threads_do_not_change_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
