/*
 * Arrival streams read from a file: replayed against queueing theory, per
 * interval, with their handling times, from the file's first Monday and
 * repeated by week.
 *
 * Statistical checks use fixed seeds and ask that the expected value lie
 * inside the simulation's 95% confidence interval, as tests/test_phone.c
 * does for the constant-rate stream.
 */
#include <gsl/gsl_rng.h>
#include "testutil.h"
#include "models/arrivals.h"
#include "models/erlang.h"
#include "models/volumes.h"

#define RATE (100.0 / 1800.0)
#define AHT 180.0
#define TARGET 20.0

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "arrivals");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

static void expect_within(const struct experiment *e, const char *path, double theory)
{
    const struct estimate *est = experiment_get(e, path);
    assert_non_null(est);
    print_message("  %-36s sim %.6f ± %.6f  expected %.6f\n", path, est->mean, est->ci95, theory);
    assert_true(fabs(est->mean - theory) <= est->ci95);
}

/* The stationary file (100 calls every half hour for a week, repeated) under Erlang C and A. */
static void test_stationary_file_is_erlang(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/erlang_file.cfg", &m);
    assert_non_null(m.sources[0].file);
    assert_int_equal(m.sources[0].file->weeks, 1);
    const double patience[] = { 0.0, 300.0 };
    for (int k = 0; k < 2; k++) {
        struct experiment e;
        struct erlang_result th;
        model_set_constant_agents(&m, 0, 14);
        m.channels[0].patience = (struct dist){ .kind = DIST_NONE };
        if (patience[k] > 0) {
            m.channels[0].patience = (struct dist){ .kind = DIST_EXPONENTIAL, .mean = patience[k] };
            assert_int_equal(dist_prepare(&m.channels[0].patience, NULL, 0), 0);
            assert_int_equal(erlang_a(RATE, AHT, patience[k], 14, TARGET, &th), 0);
        } else {
            assert_int_equal(erlang_c(RATE, AHT, 14, TARGET, &th), 0);
        }
        assert_int_equal(experiment_run(&e, &m, 0, 0, NULL, NULL), 0);
        print_message("Erlang %s, 14 agents, calls from a file\n", k ? "A" : "C");
        expect_within(&e, "channels.phone.p_wait", th.p_wait);
        expect_within(&e, "channels.phone.service_level", th.service_level);
        expect_within(&e, "channels.phone.wait_mean_s", th.asa_s);
        if (k)
            expect_within(&e, "channels.phone.p_abandon", th.p_abandon);
        else
            expect_within(&e, "channels.phone.occupancy", th.occupancy);
        /* the whole horizon, warm-up included: 8 days of 48 half hours */
        expect_within(&e, "channels.phone.offered", 100.0 * 8 * 48);
        experiment_free(&e);
    }
    model_release(&m);
    assert_null(m.sources[0].file);
}

static const char shaped_cfg[] =
    "name = \"shaped\";\n"
    "seed = 3;\n"
    "replications = 30;\n"
    "horizon_days = 21.0;\n"
    "interval_minutes = 30;\n"
    "channels = ( { name = \"phone\"; kind = \"phone\"; agents = 40; target_s = 20.0;\n"
    "    handling = { dist = \"exponential\"; mean_s = 180.0; }; } );\n"
    "arrivals = ( { channel = \"phone\"; file = \"shaped.csv\"; } );\n";

/*
 * A two-week file that starts on a Saturday: the Saturday is left out, the
 * run starts on the Monday, and its third week is the file's first again.
 * Each slot's arrivals, averaged over the three weeks, are the file's; the
 * handling time follows the file where it gives one.
 */
static void test_shaped_file_replays_by_interval(void **state)
{
    (void)state;
    testutil_write(tmpdir, "shaped.cfg", shaped_cfg);
    testutil_write(tmpdir, "shaped.csv",
                   "start,channel,contacts,aht_s\n"
                   "2026-02-28T09:00,phone,500,\n"          /* before the first Monday */
                   "2026-03-02T09:00,phone,60,360\n"
                   "2026-03-02T09:30,phone,20,\n"
                   "2026-03-02 09:30,phone,10,\n"           /* the same interval again: adds up */
                   "2026-03-07T09:00,phone,5,\n"
                   "2026-03-09T09:00,phone,30,360\n"
                   "2026-03-10T14:00,phone,45,\n");
    char path[512];
    snprintf(path, sizeof path, "%s/shaped.cfg", tmpdir);
    static struct model m;
    struct scenario_errors err;
    assert_int_equal(scenario_load(path, &m, &err), 0);
    const struct volumes *v = m.sources[0].file;
    assert_int_equal(v->weeks, 2);
    assert_int_equal(v->first_day, volumes_day(2026, 3, 2));
    struct experiment e;
    assert_int_equal(experiment_run(&e, &m, 0, 0, NULL, NULL), 0);
    print_message("a two-week file over three weeks\n");
    expect_within(&e, "intervals.phone.mon 09:00.arrivals", (60.0 + 30.0 + 60.0) / 3.0);
    expect_within(&e, "intervals.phone.mon 09:30.arrivals", (30.0 + 0.0 + 30.0) / 3.0);
    expect_within(&e, "intervals.phone.sat 09:00.arrivals", (5.0 + 0.0 + 5.0) / 3.0);
    expect_within(&e, "intervals.phone.tue 14:00.arrivals", (0.0 + 45.0 + 0.0) / 3.0);
    expect_within(&e, "channels.phone.offered", 2 * (60.0 + 30.0 + 5.0) + 30.0 + 45.0);
    /* handling: 360 s for 150 of the 265 contacts, the channel's 180 s for the rest */
    expect_within(&e, "channels.phone.aht_s", (150.0 * 360.0 + 115.0 * 180.0) / 265.0);
    experiment_free(&e);
    model_release(&m);
}

/* The next arrival lands in the only interval with contacts, and never past `until`. */
static void test_next_arrival_skips_empty_intervals(void **state)
{
    (void)state;
    struct volumes v;
    assert_int_equal(volumes_alloc(&v, 1, 1, 48, 1), 0);
    volumes_series(&v, 0)[7 * 48 - 1] = 2.0;          /* Sunday 23:30 */
    volumes_aht_series(&v, 0)[7 * 48 - 1] = 240.0;
    struct source_params sp = { .channel = 0, .file = &v };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    double week = 7 * 86400.0, last = week - 1800.0;
    int inside = 0, none = 0;
    for (int k = 0; k < 2000; k++) {
        double t = arrivals_next(&sp, 1800.0, 3600.0, 3 * week, r);
        if (isinf(t)) {
            none++;
            continue;
        }
        /* in one of the three Sunday 23:30s before the horizon */
        double in_week = fmod(t, week);
        inside += in_week >= last && in_week < week;
        assert_true(t >= 3600.0 && t < 3 * week);
        assert_close(arrivals_aht_s(&sp, 1800.0, t), 240.0, 0.0);
    }
    /* no contact in all three: P = exp(-2)^3 = e^-6 */
    print_message("  %d in Sunday 23:30, %d with none before the horizon\n", inside, none);
    assert_int_equal(inside + none, 2000);
    assert_true(none > 0 && none < 20);
    assert_true(isinf(arrivals_next(&sp, 1800.0, 3600.0, last, r)));
    assert_close(arrivals_aht_s(&sp, 1800.0, 0.0), 0.0, 0.0);
    gsl_rng_free(r);
    volumes_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stationary_file_is_erlang),
        cmocka_unit_test(test_shaped_file_replays_by_interval),
        cmocka_unit_test(test_next_arrival_skips_empty_intervals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
