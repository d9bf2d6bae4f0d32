/*
 * The streaming statistics against direct computations on fixed data:
 * Welford against two passes, the time average against a step signal worked
 * by hand, the log histogram against exact quantiles of sorted samples, and
 * the replication estimate against a tabulated Student t.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "testutil.h"
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "sim/stats.h"

/* A quantile estimate within rel (relative) of the exact one. */
#define assert_rel(actual, expected, rel)                                     \
    do {                                                                      \
        double a_ = (actual), e_ = (expected), r_ = (rel);                    \
        if (!(fabs(a_ - e_) <= r_ * fabs(e_)))                                \
            fail_msg("%s = %.12g, expected %.12g within %g relative",         \
                     #actual, a_, e_, r_);                                    \
    } while (0)

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}


/* ------------------------------------------------------------------ Welford */

/* Large offset, small spread: the case where sums of squares fail. */
static const double WDATA[] = {
    1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0, 1e9 + 2.5, 1e9 - 3.25,
    1e9 + 8.0, 1e9 + 0.125, 1e9 + 11.0, 1e9 - 1.0, 1e9 + 5.5, 1e9 + 9.75,
};
#define WN (sizeof WDATA / sizeof WDATA[0])

static void two_pass(const double *x, size_t n, double *mean, double *var)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += x[i] - 1e9;    /* offset removed first so the sum is exact */
    *mean = 1e9 + s / (double)n;
    double ss = 0.0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - *mean) * (x[i] - *mean);
    *var = n < 2 ? 0.0 : ss / (double)(n - 1);
}

static void test_welford_two_pass(void **state)
{
    (void)state;
    struct welford w;
    welford_init(&w);
    assert_int_equal(w.n, 0);
    assert_close(welford_variance(&w), 0.0, 0.0);
    welford_add(&w, 42.0);
    assert_close(w.mean, 42.0, 0.0);
    assert_close(welford_variance(&w), 0.0, 0.0);   /* n < 2 */

    welford_init(&w);
    for (size_t i = 0; i < WN; i++)
        welford_add(&w, WDATA[i]);
    double mean, var;
    two_pass(WDATA, WN, &mean, &var);
    assert_int_equal(w.n, WN);
    assert_close(w.mean, mean, 1e-6);
    assert_close(welford_variance(&w), var, 1e-9 * var);

    /* The textbook case: 4, 7, 13, 16 shifted by 1e9 has variance 30. */
    welford_init(&w);
    for (size_t i = 0; i < 4; i++)
        welford_add(&w, WDATA[i]);
    assert_close(welford_variance(&w), 30.0, 1e-9);
}

static void test_welford_merge(void **state)
{
    (void)state;
    struct welford all;
    welford_init(&all);
    for (size_t i = 0; i < WN; i++)
        welford_add(&all, WDATA[i]);

    /* Every split, the empty halves included, merges back to one pass. */
    for (size_t k = 0; k <= WN; k++) {
        struct welford a, b;
        welford_init(&a);
        welford_init(&b);
        for (size_t i = 0; i < k; i++)
            welford_add(&a, WDATA[i]);
        for (size_t i = k; i < WN; i++)
            welford_add(&b, WDATA[i]);
        welford_merge(&a, &b);
        assert_int_equal(a.n, all.n);
        /* Values near 1e9 carry 1e-7 of rounding each; sums of squares
         * would be off by hundreds here, a correct merge by far less. */
        assert_close(a.mean, all.mean, 1e-6);
        assert_close(a.m2, all.m2, 1e-7 * all.m2);
    }

    /* Empty into empty stays empty. */
    struct welford e1, e2;
    welford_init(&e1);
    welford_init(&e2);
    welford_merge(&e1, &e2);
    assert_int_equal(e1.n, 0);
    assert_close(e1.mean, 0.0, 0.0);
    assert_close(e1.m2, 0.0, 0.0);
}

/* ------------------------------------------------------------ time average */

static void test_timeavg_steps(void **state)
{
    (void)state;
    struct timeavg a;
    timeavg_init(&a, 0.0, 2.0);
    assert_close(timeavg_mean(&a, 0.0), 2.0, 0.0);     /* no time: the level */
    assert_close(timeavg_mean(&a, 5.0), 2.0, 1e-15);

    /* 2 on [0,1), 5 on [1,3), 1 from 3: area to 4 is 2 + 10 + 1 = 13. */
    timeavg_set(&a, 1.0, 5.0);
    timeavg_set(&a, 3.0, 1.0);
    assert_close(timeavg_mean(&a, 3.0), 12.0 / 3.0, 1e-15);
    assert_close(timeavg_mean(&a, 4.0), 13.0 / 4.0, 1e-15);

    /* Warm-up ends at 4: the level 1 carries on, the past is forgotten. */
    timeavg_reset(&a, 4.0);
    assert_close(a.value, 1.0, 0.0);
    assert_close(timeavg_mean(&a, 4.0), 1.0, 0.0);
    assert_close(timeavg_mean(&a, 6.0), 1.0, 1e-15);
    /* 1 on [4,6), 3 on [6,7), 0 on [7,10): area 2 + 3 + 0 over 6. */
    timeavg_set(&a, 6.0, 3.0);
    timeavg_set(&a, 7.0, 0.0);
    assert_close(timeavg_mean(&a, 10.0), 5.0 / 6.0, 1e-15);

    /* A reset between changes: the level 0 set at 7 holds from 8.5 on. */
    timeavg_reset(&a, 8.5);
    timeavg_set(&a, 9.5, 4.0);
    assert_close(timeavg_mean(&a, 10.5), (0.0 * 1.0 + 4.0 * 1.0) / 2.0, 1e-15);
}

/* --------------------------------------------------------------- histogram */

static void test_loghist_bad_arguments(void **state)
{
    (void)state;
    assert_null(loghist_alloc(0.0, 1.0, 0.01));
    assert_null(loghist_alloc(-1.0, 1.0, 0.01));
    assert_null(loghist_alloc(1.0, 1.0, 0.01));
    assert_null(loghist_alloc(2.0, 1.0, 0.01));
    assert_null(loghist_alloc(1.0, 2.0, 0.0));
    assert_null(loghist_alloc(1.0, 2.0, -0.01));
    assert_null(loghist_alloc(NAN, 2.0, 0.01));
    assert_null(loghist_alloc(1.0, NAN, 0.01));
    assert_null(loghist_alloc(1.0, 2.0, NAN));
    assert_null(loghist_alloc(1.0, INFINITY, 0.01));
    assert_null(loghist_alloc(1.0, 2.0, 1e-300));  /* bins past an int */
    loghist_free(NULL);
}

/*
 * Bins of factor 2 from 1 (rel_err 0.5): [1,2) [2,4) [4,8) [8,16), with hi
 * 10 cutting the last.  Sorted sample: 0 0.5 | 1 1.5 | 3 | 5 | 9 9.99 | 10 20.
 */
static void test_loghist_layout(void **state)
{
    (void)state;
    struct loghist *h = loghist_alloc(1.0, 10.0, 0.5);
    assert_non_null(h);
    assert_int_equal(h->nbins, 4);
    const double xs[] = { 9.99, 0.0, 3.0, 20.0, 1.0, 5.0, 0.5, 9.0, 10.0, 1.5 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        loghist_add(h, xs[i]);
    assert_int_equal(h->n, 10);
    assert_int_equal(h->zero, 2);
    assert_int_equal(h->over, 2);
    assert_int_equal(h->counts[0], 2);
    assert_int_equal(h->counts[1], 1);
    assert_int_equal(h->counts[2], 1);
    assert_int_equal(h->counts[3], 2);

    /* Quantiles: rank ceil(q*n), reported as the bin's geometric centre. */
    assert_close(loghist_quantile(h, 0.0), 0.0, 0.0);
    assert_close(loghist_quantile(h, 0.2), 0.0, 0.0);
    assert_close(loghist_quantile(h, 0.3), sqrt(2.0), 1e-12);
    assert_close(loghist_quantile(h, 0.5), 2.0 * sqrt(2.0), 1e-12);
    assert_close(loghist_quantile(h, 0.6), 4.0 * sqrt(2.0), 1e-12);
    assert_close(loghist_quantile(h, 0.8), 8.0 * sqrt(2.0), 1e-12);
    assert_close(loghist_quantile(h, 0.81), 10.0, 0.0);  /* over: hi */
    assert_close(loghist_quantile(h, 1.0), 10.0, 0.0);
    assert_close(loghist_quantile(h, -1.0), 0.0, 0.0);   /* clamped */
    assert_close(loghist_quantile(h, 2.0), 10.0, 0.0);

    /* CDF: zeros, whole bins, log-linear inside a bin, 1 from hi. */
    assert_close(loghist_cdf(h, -1.0), 0.0, 0.0);
    assert_close(loghist_cdf(h, 0.0), 0.2, 1e-15);
    assert_close(loghist_cdf(h, 0.5), 0.2, 1e-15);       /* below lo counts as 0 */
    assert_close(loghist_cdf(h, 1.0), 0.2, 1e-12);       /* edge: values below it */
    assert_close(loghist_cdf(h, 4.0), 0.5, 1e-12);
    assert_close(loghist_cdf(h, 2.0 * sqrt(2.0)), 0.45, 1e-12);  /* half of bin 1 */
    assert_close(loghist_cdf(h, 9.999), 0.8 - 0.2 * (1.0 - log2(9.999 / 8.0)), 1e-12);
    assert_close(loghist_cdf(h, 10.0), 1.0, 0.0);
    assert_true(isnan(loghist_cdf(h, NAN)));

    loghist_clear(h);
    assert_int_equal(h->n, 0);
    assert_int_equal(h->zero, 0);
    assert_int_equal(h->over, 0);
    for (int b = 0; b < h->nbins; b++)
        assert_int_equal(h->counts[b], 0);
    assert_close(loghist_quantile(h, 0.5), 0.0, 0.0);    /* empty */
    assert_close(loghist_cdf(h, 5.0), 0.0, 0.0);
    loghist_free(h);
}

#define REL 0.01
static const double QS[] = {
    0.0, 0.001, 0.01, 0.07, 0.1, 0.25, 0.333, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0,
};
#define NQ (sizeof QS / sizeof QS[0])

/* The 1-based rank ceil(q*n) (1 for q = 0) of the exact quantile, in integers
 * from q in thousandths, so that no rounding of q*n can shift it. */
static size_t rank_of(double q, size_t n)
{
    size_t permille = (size_t)lround(q * 1000.0);
    size_t r = (permille * n + 999) / 1000;
    return r < 1 ? 1 : r;
}

static void check_quantiles(const struct loghist *h, const double *sorted, size_t n)
{
    for (size_t i = 0; i < NQ; i++) {
        double exact = sorted[rank_of(QS[i], n) - 1];
        assert_rel(loghist_quantile(h, QS[i]), exact, REL);
    }
}

/* 1, 2, ..., 100000: every quantile is known by heart. */
static void test_loghist_quantiles_integers(void **state)
{
    (void)state;
    const size_t n = 100000;
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    struct loghist *h = loghist_alloc(1e-3, 1e6, REL);
    assert_non_null(h);
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)(i + 1);
        loghist_add(h, x[n - 1 - i] = (double)(n - i));   /* added in reverse */
    }
    check_quantiles(h, x, n);
    assert_rel(loghist_quantile(h, 0.07), 7000.0, REL);
    assert_rel(loghist_quantile(h, 0.5), 50000.0, REL);

    /* 1..100: 0.07 * 100 is 7.000000000000001 in doubles, yet the 7th value
     * is meant, not the 8th (14% away). */
    loghist_clear(h);
    for (int i = 1; i <= 100; i++)
        loghist_add(h, (double)i);
    assert_rel(loghist_quantile(h, 0.07), 7.0, REL);
    assert_rel(loghist_quantile(h, 0.14), 14.0, REL);
    assert_rel(loghist_quantile(h, 0.29), 29.0, REL);
    assert_rel(loghist_quantile(h, 0.57), 57.0, REL);
    loghist_free(h);
    free(x);
}

/* Exponential waits, mean 30 s, against the sorted sample. */
static void test_loghist_quantiles_exponential(void **state)
{
    (void)state;
    const size_t n = 100000;
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, 20240601);
    struct loghist *h = loghist_alloc(1e-6, 1e4, REL);
    assert_non_null(h);
    for (size_t i = 0; i < n; i++) {
        x[i] = gsl_ran_exponential(r, 30.0);
        loghist_add(h, x[i]);
    }
    qsort(x, n, sizeof *x, cmp_double);
    /* The sample stays inside [lo, hi): every quantile is a bin's. */
    assert_true(x[0] >= h->lo && x[n - 1] < h->hi);
    assert_int_equal(h->zero, 0);
    assert_int_equal(h->over, 0);
    check_quantiles(h, x, n);

    /* The CDF misses the sample's by at most the share of x's own bin, and
     * never decreases. */
    double prev = 0.0;
    size_t below = 0;
    for (double t = 1e-3; t < 1e3; t *= 1.07) {
        while (below < n && x[below] <= t)
            below++;
        double c = loghist_cdf(h, t);
        int b = (int)((log(t) - h->log_lo) * h->inv_log_step);
        double slack = (double)h->counts[b] / (double)n + 1e-12;
        assert_close(c, (double)below / (double)n, slack);
        assert_true(c >= prev);
        prev = c;
    }
    loghist_free(h);
    gsl_rng_free(r);
    free(x);
}

/* 85% exact zeros (no wait): p80 is 0 and p90 a real wait. */
static void test_loghist_zeros(void **state)
{
    (void)state;
    struct loghist *h = loghist_alloc(0.01, 1e6, REL);
    assert_non_null(h);
    for (int i = 0; i < 850; i++)
        loghist_add(h, 0.0);
    for (int i = 1; i <= 150; i++)
        loghist_add(h, (double)i);
    assert_int_equal(h->zero, 850);
    assert_close(loghist_quantile(h, 0.8), 0.0, 0.0);
    assert_close(loghist_quantile(h, 0.85), 0.0, 0.0);    /* the 850th value */
    assert_true(loghist_quantile(h, 0.851) > 0.0);
    assert_rel(loghist_quantile(h, 0.9), 50.0, REL);      /* the 900th value */
    assert_rel(loghist_quantile(h, 1.0), 150.0, REL);
    assert_close(loghist_cdf(h, 0.0), 0.85, 1e-15);

    /* Below lo but not zero counts with the zeros; NaN never reaches a bin. */
    loghist_add(h, 1e-9);
    loghist_add(h, NAN);
    assert_int_equal(h->zero, 852);
    assert_int_equal(h->n, 1002);
    loghist_free(h);
}

static void test_loghist_merge(void **state)
{
    (void)state;
    struct loghist *a = loghist_alloc(0.01, 1e6, REL);
    struct loghist *b = loghist_alloc(0.01, 1e6, REL);
    struct loghist *all = loghist_alloc(0.01, 1e6, REL);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(all);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(r);
    gsl_rng_set(r, 7);
    for (int i = 0; i < 5000; i++) {
        /* some zeros and some beyond hi too */
        double x = i % 10 == 0 ? 0.0 : i % 97 == 0 ? 2e6 : gsl_ran_exponential(r, 60.0);
        loghist_add(i % 3 ? a : b, x);
        loghist_add(all, x);
    }
    assert_int_equal(loghist_merge(a, b), 0);
    assert_int_equal(a->n, all->n);
    assert_int_equal(a->zero, all->zero);
    assert_int_equal(a->over, all->over);
    assert_true(a->over > 0 && a->zero > 0);
    for (int k = 0; k < a->nbins; k++)
        assert_int_equal(a->counts[k], all->counts[k]);
    for (size_t i = 0; i < NQ; i++)
        assert_close(loghist_quantile(a, QS[i]), loghist_quantile(all, QS[i]), 0.0);

    /* Other layouts are refused and leave `into` as it was. */
    struct loghist *other_lo = loghist_alloc(0.02, 1e6, REL);
    struct loghist *other_hi = loghist_alloc(0.01, 2e6, REL);
    struct loghist *other_rel = loghist_alloc(0.01, 1e6, REL * 1.0001);
    assert_non_null(other_lo);
    assert_non_null(other_hi);
    assert_non_null(other_rel);
    loghist_add(other_rel, 1.0);
    assert_int_equal(loghist_merge(a, other_lo), -1);
    assert_int_equal(loghist_merge(a, other_hi), -1);
    assert_int_equal(loghist_merge(a, other_rel), -1);
    assert_int_equal(a->n, all->n);

    loghist_free(other_lo);
    loghist_free(other_hi);
    loghist_free(other_rel);
    gsl_rng_free(r);
    loghist_free(a);
    loghist_free(b);
    loghist_free(all);
}

/* ---------------------------------------------------------------- estimate */

static void test_stats_estimate(void **state)
{
    (void)state;
    /* 1..5: mean 3, sd sqrt(2.5), half-width t_{0.975,4} sd / sqrt(5). */
    const double x[] = { 4.0, 1.0, 5.0, 2.0, 3.0 };
    struct estimate e = stats_estimate(x, 1, 5);
    assert_close(e.mean, 3.0, 1e-15);
    assert_close(e.ci95, 2.7764451 * sqrt(2.5) / sqrt(5.0), 1e-6);

    /* The same values strided between others, as in a replication table. */
    const double y[] = { 4.0, -99.0, 1.0, -99.0, 5.0, -99.0, 2.0, -99.0, 3.0, -99.0 };
    struct estimate s = stats_estimate(y, 2, 5);
    assert_close(s.mean, e.mean, 0.0);
    assert_close(s.ci95, e.ci95, 0.0);

    /* Two values: t_{0.975,1} = 12.7062047, sd |a-b|/sqrt(2). */
    struct estimate two = stats_estimate(x, 1, 2);
    assert_close(two.mean, 2.5, 1e-15);
    assert_close(two.ci95, 12.7062047 * (3.0 / sqrt(2.0)) / sqrt(2.0), 1e-6);

    struct estimate one = stats_estimate(x, 1, 1);
    assert_close(one.mean, 4.0, 0.0);
    assert_true(isnan(one.ci95));       /* one replication: the interval is undefined, not 0 */
    struct estimate none = stats_estimate(x, 1, 0);
    assert_close(none.mean, 0.0, 0.0);
    assert_true(isnan(none.ci95));
}

/* A share of nothing counts as none. */
static void test_stats_ratio(void **state)
{
    (void)state;
    assert_close(stats_ratio(3.0, 4.0), 0.75, 0.0);
    assert_close(stats_ratio(3.0, 0.0), 0.0, 0.0);
    assert_close(stats_ratio(3.0, -1.0), 0.0, 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welford_two_pass),
        cmocka_unit_test(test_welford_merge),
        cmocka_unit_test(test_timeavg_steps),
        cmocka_unit_test(test_loghist_bad_arguments),
        cmocka_unit_test(test_loghist_layout),
        cmocka_unit_test(test_loghist_quantiles_integers),
        cmocka_unit_test(test_loghist_quantiles_exponential),
        cmocka_unit_test(test_loghist_zeros),
        cmocka_unit_test(test_loghist_merge),
        cmocka_unit_test(test_stats_estimate),
        cmocka_unit_test(test_stats_ratio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
