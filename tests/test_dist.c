/*
 * Handling and patience distributions are described by their mean (and cv
 * or shape): the draws must have that mean, and the lognormal that cv.
 * Tolerances are 99.9% intervals from the sample's own standard deviation.
 */
#include <math.h>
#include "testutil.h"
#include "models/dist.h"
#include "sim/rng.h"

#define DRAWS 400000
#define Z 3.29

static void check(struct dist d, double want_mean, double want_cv)
{
    assert_int_equal(dist_prepare(&d, NULL, 0), 0);
    gsl_rng *r = rng_stream_alloc(99, 0, 1);
    struct welford w;
    welford_init(&w);
    for (int i = 0; i < DRAWS; i++) {
        double x = dist_draw(&d, r, 2.0);       /* scaled by 2, as a segment multiplier would */
        assert_true(x >= 0.0);
        welford_add(&w, x);
    }
    gsl_rng_free(r);
    double sd = sqrt(welford_variance(&w));
    double tol = Z * sd / sqrt((double)DRAWS);
    print_message("  %-11s mean %.3f (want %.3f ± %.3f), cv %.4f\n", dist_name(d.kind), w.mean,
                  2.0 * want_mean, tol, sd / w.mean);
    assert_true(fabs(w.mean - 2.0 * want_mean) <= tol);
    if (want_cv > 0) {
        /* the sample cv's error is small at this size; 2% relative is several standard errors */
        assert_true(fabs(sd / w.mean - want_cv) <= 0.02 * want_cv);
    }
}

static void test_means(void **state)
{
    (void)state;
    check((struct dist){ .kind = DIST_EXPONENTIAL, .mean = 180.0 }, 180.0, 1.0);
    check((struct dist){ .kind = DIST_LOGNORMAL, .mean = 300.0, .cv = 0.8 }, 300.0, 0.8);
    check((struct dist){ .kind = DIST_WEIBULL, .mean = 2400.0, .shape = 1.5 }, 2400.0,
          sqrt(tgamma(1 + 2 / 1.5) / pow(tgamma(1 + 1 / 1.5), 2) - 1));
    struct dist c = { .kind = DIST_CONSTANT, .mean = 30.0 };
    assert_int_equal(dist_prepare(&c, NULL, 0), 0);
    assert_true(dist_draw(&c, NULL, 2.0) == 60.0);
    struct dist none = { .kind = DIST_NONE };
    assert_int_equal(dist_prepare(&none, NULL, 0), 0);
    assert_true(isinf(dist_draw(&none, NULL, 1.0)));
}

static void test_bad_parameters(void **state)
{
    (void)state;
    struct dist bad[] = {
        { .kind = DIST_EXPONENTIAL, .mean = 0.0 },
        { .kind = DIST_LOGNORMAL, .mean = 10.0, .cv = 0.0 },
        { .kind = DIST_WEIBULL, .mean = 10.0, .shape = -1.0 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(dist_prepare(&bad[i], NULL, 0), -1);
    enum dist_kind k;
    assert_int_equal(dist_kind_from_name("weibull", &k), 0);
    assert_int_equal(k, DIST_WEIBULL);
    assert_int_equal(dist_kind_from_name("gamma", &k), -1);
}

/*
 * Gamma(1 + 1/shape) overflows for shapes below 1/170: refused with a reason
 * (with GSL's error handler still on here, a call that overflowed would
 * abort this test), while a shape just above the edge gives finite draws.
 */
static void test_weibull_edge(void **state)
{
    (void)state;
    char why[160] = "";
    struct dist tiny = { .kind = DIST_WEIBULL, .mean = 600.0, .shape = 0.003 };
    assert_int_equal(dist_prepare(&tiny, why, sizeof why), -1);
    assert_non_null(strstr(why, "Gamma(1 + 1/shape)"));
    struct dist under = { .kind = DIST_WEIBULL, .mean = 1e-9, .shape = 1.0 / 169.5 };
    assert_int_equal(dist_prepare(&under, why, sizeof why), -1);
    assert_non_null(strstr(why, "underflows"));
    struct dist edge = { .kind = DIST_WEIBULL, .mean = 600.0, .shape = 0.006 };
    assert_int_equal(dist_prepare(&edge, why, sizeof why), 0);
    assert_true(isfinite(edge.p1) && edge.p1 > 0.0);
    gsl_rng *r = rng_stream_alloc(7, 0, 1);
    for (int i = 0; i < 1000; i++) {
        double x = dist_draw(&edge, r, 1.0);
        assert_true(isfinite(x) && x >= 0.0);
    }
    gsl_rng_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_means),
        cmocka_unit_test(test_bad_parameters),
        cmocka_unit_test(test_weibull_edge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
