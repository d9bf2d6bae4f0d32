/*
 * The ziggurat's exponential draws (sim/ziggurat.h) against the exponential
 * distribution of mean 1, fixed seeds, both through the inline Philox path
 * and through a GSL generator (MT19937):
 *   - Kolmogorov-Smirnov at the 1% level (asymptotic critical value
 *     1.628 / sqrt(n));
 *   - chi-square over 100 equiprobable bins at the 0.1% level;
 *   - the mean, and the share beyond 8 (past the ziggurat's tail start
 *     7.697, so every such draw came from the tail path), within 99.9%
 *     intervals (3.29 standard errors); the excess of those beyond 8 has
 *     mean 1 (the exponential is memoryless) within 99.9%.
 */
#include <math.h>
#include <gsl/gsl_cdf.h>
#include "testutil.h"
#include "sim/rng.h"
#include "sim/ziggurat.h"

#define N 1000000
#define BINS 100
#define Z 3.29

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void check_exponential(gsl_rng *r, const char *what)
{
    double *x = malloc(N * sizeof *x);
    assert_non_null(x);
    long bins[BINS] = { 0 }, beyond = 0;
    double sum = 0.0, excess = 0.0;
    for (int i = 0; i < N; i++) {
        x[i] = ziggurat_exponential(r);
        assert_true(x[i] >= 0.0 && isfinite(x[i]));
        sum += x[i];
        double p = -expm1(-x[i]);          /* the CDF */
        int b = (int)(p * BINS);
        bins[b < BINS ? b : BINS - 1]++;
        if (x[i] > 8.0) {
            beyond++;
            excess += x[i] - 8.0;
        }
    }
    qsort(x, N, sizeof *x, by_value);
    double d = 0.0;
    for (int i = 0; i < N; i++) {
        double p = -expm1(-x[i]);
        d = fmax(d, fmax((i + 1.0) / N - p, p - (double)i / N));
    }
    free(x);
    double chi2 = 0.0, expect = (double)N / BINS;
    for (int b = 0; b < BINS; b++)
        chi2 += (bins[b] - expect) * (bins[b] - expect) / expect;
    double mean = sum / N, tail = exp(-8.0) * N;
    print_message("  %s: KS D %.5f (< %.5f), chi2 %.1f (< %.1f), mean %.5f, beyond 8: %ld "
                  "(expected %.0f), their excess %.3f\n", what, d, 1.628 / sqrt(N), chi2,
                  gsl_cdf_chisq_Qinv(0.001, BINS - 1), mean, beyond, tail, excess / beyond);
    assert_true(d < 1.628 / sqrt(N));
    assert_true(chi2 < gsl_cdf_chisq_Qinv(0.001, BINS - 1));
    assert_close(mean, 1.0, Z / sqrt(N));
    assert_close((double)beyond, tail, Z * sqrt(tail));
    assert_close(excess / beyond, 1.0, Z / sqrt((double)beyond));
}

static void test_philox_path(void **state)
{
    (void)state;
    gsl_rng *r = rng_counter_alloc(2026, 0, 1);
    assert_non_null(r);
    check_exponential(r, "philox");
    gsl_rng_free(r);
}

static void test_gsl_path(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, 12);
    check_exponential(r, "mt19937");
    gsl_rng_free(r);
}

/* rng_u64 reads the words GSL would give, two at a time, aligned or not. */
static void test_u64_matches_words(void **state)
{
    (void)state;
    gsl_rng *a = rng_counter_alloc(5, 1, 2), *b = rng_counter_alloc(5, 1, 2);
    for (int i = 0; i < 1000; i++) {
        if (i % 7 == 3)
            assert_int_equal(gsl_rng_get(a), gsl_rng_get(b));     /* misalign */
        uint64_t lo = gsl_rng_get(b);
        uint64_t want = lo | (uint64_t)gsl_rng_get(b) << 32;
        assert_true(rng_u64(a) == want);
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_philox_path),
        cmocka_unit_test(test_gsl_path),
        cmocka_unit_test(test_u64_matches_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
