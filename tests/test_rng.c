/*
 * Random streams: the keyed generator (Philox2x64-10 as a gsl_rng type).
 *
 * A keyed stream is a function of (master, replication, key, tag) alone:
 * the same numbers whatever was drawn before or in between, different
 * numbers for another key, tag or replication.  The first draws of many
 * streams, which is how a model uses them (one decision, one stream), are
 * uniform by a chi-square test at the 0.1% level, and GSL's distributions
 * draw from the type as from their own generators.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "sim/rng.h"

#define N_DRAWS 8

static void draw(gsl_rng *r, uint64_t key, uint64_t tag, unsigned long *out)
{
    rng_keyed_set(r, key, tag);
    for (int i = 0; i < N_DRAWS; i++)
        out[i] = gsl_rng_get(r);
}

static int same(const unsigned long *a, const unsigned long *b)
{
    for (int i = 0; i < N_DRAWS; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static void test_keyed_reproducible(void **state)
{
    (void)state;
    gsl_rng *r = rng_keyed_alloc(42, 3), *other = rng_keyed_alloc(42, 3);
    unsigned long a[N_DRAWS], b[N_DRAWS], c[N_DRAWS];
    draw(r, 12345, 7, a);
    for (int i = 0; i < 100; i++)           /* other streams in between */
        gsl_rng_uniform(r);
    draw(r, 999, 1, c);
    draw(r, 12345, 7, b);
    assert_true(same(a, b));
    draw(other, 12345, 7, b);               /* another generator, same stream */
    assert_true(same(a, b));
    rng_keyed_reset(other, 42, 4);          /* another replication */
    draw(other, 12345, 7, b);
    assert_false(same(a, b));
    draw(r, 12345, 8, b);                   /* another tag */
    assert_false(same(a, b));
    draw(r, 12346, 7, b);                   /* another key */
    assert_false(same(a, b));
    draw(r, 12345ULL + (1ULL << 32), 7, b); /* keys differ in the high word only */
    assert_false(same(a, b));
    draw(r, 12345, 7ULL + (1ULL << 32), b); /* tags differ in the high word only */
    assert_false(same(a, b));
    draw(r, 12345, 7ULL + (2ULL << 32), c);
    assert_false(same(b, c));
    draw(r, 12345, 7, b);                   /* and back: the low tag's stream again */
    assert_true(same(a, b));
    gsl_rng_free(r);
    gsl_rng_free(other);
}

/* The first uniform of each of 10^6 streams, in 100 bins. */
static void test_keyed_uniform(void **state)
{
    (void)state;
    enum { STREAMS = 1000000, BINS = 100 };
    static long count[BINS];
    gsl_rng *r = rng_keyed_alloc(1, 0);
    double sum = 0.0;
    for (uint64_t k = 0; k < STREAMS; k++) {
        rng_keyed_set(r, k, 0x30000);
        double u = gsl_rng_uniform(r);
        assert_true(u >= 0.0 && u < 1.0);
        count[(int)(u * BINS)]++;
        sum += u;
    }
    double expected = (double)STREAMS / BINS, chi2 = 0.0;
    for (int b = 0; b < BINS; b++)
        chi2 += (count[b] - expected) * (count[b] - expected) / expected;
    assert_true(chi2 < gsl_cdf_chisq_Pinv(0.999, BINS - 1));
    /* mean 1/2, sd sqrt(1/12 / n): 4 sd is far beyond chance */
    assert_true(fabs(sum / STREAMS - 0.5) < 4.0 * sqrt(1.0 / 12.0 / STREAMS));
    gsl_rng_free(r);
}

/* GSL's exponential sampler on one long keyed stream: mean and variance. */
static void test_keyed_with_gsl_distributions(void **state)
{
    (void)state;
    enum { N = 400000 };
    gsl_rng *r = rng_keyed_alloc(7, 1);
    assert_string_equal(gsl_rng_name(r), "philox2x64");
    assert_int_equal(gsl_rng_max(r), 0xffffffffUL);
    rng_keyed_set(r, 5, 5);
    double sum = 0.0, sq = 0.0;
    for (int i = 0; i < N; i++) {
        double x = gsl_ran_exponential(r, 2.0);
        sum += x;
        sq += x * x;
    }
    double mean = sum / N, var = sq / N - mean * mean;
    assert_true(fabs(mean - 2.0) < 4.0 * 2.0 / sqrt(N));   /* sd of the mean: 2/sqrt(N) */
    /* var of s^2 ~ (mu4 - s^4) / N, mu4 = 9 mean^4 for the exponential */
    assert_true(fabs(var - 4.0) < 4.0 * sqrt((144.0 - 16.0) / N));
    gsl_rng_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyed_reproducible),
        cmocka_unit_test(test_keyed_uniform),
        cmocka_unit_test(test_keyed_with_gsl_distributions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
