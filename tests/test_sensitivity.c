/*
 * Sweep designs and sensitivity estimators on functions whose answers are
 * known: the distributions' quantiles, the designs' structure (one point
 * per stratum, Saltelli's matrices in SALib's order, Morris steps of delta),
 * Sobol indices of the Ishigami function, Morris effects of a linear
 * function, rank correlations of monotone ones.
 */
#include "testutil.h"
#include "models/sensitivity.h"
#include "models/sweep.h"
#include "models/streams.h"
#include "sim/rng.h"

static struct sweep_param uniform(double lo, double hi)
{
    struct sweep_param p;
    memset(&p, 0, sizeof p);
    p.dist = SWEEP_UNIFORM;
    p.low = lo;
    p.high = hi;
    return p;
}

static void test_distributions(void **state)
{
    (void)state;
    struct sweep_param u = uniform(2, 6), t = uniform(0, 3), n = uniform(0.5, 1.5);
    t.dist = SWEEP_TRIANGULAR;
    t.mode = 1.0;
    n.dist = SWEEP_TRUNCATED_NORMAL;
    n.mean = 1.0;
    n.sd = 0.2;
    assert_close(sweep_param_value(&u, 0.25), 3.0, 1e-12);
    /* triangular: F(mode) = (mode - a) / (b - a); mean (a + b + c) / 3 */
    assert_close(sweep_param_value(&t, 1.0 / 3.0), 1.0, 1e-12);
    double sum = 0;
    for (int i = 0; i < 10000; i++)
        sum += sweep_param_value(&t, (i + 0.5) / 10000);
    assert_close(sum / 10000, 4.0 / 3.0, 1e-3);
    /* a symmetric truncation keeps the median at the mean; the ends are the bounds */
    assert_close(sweep_param_value(&n, 0.5), 1.0, 1e-9);
    assert_close(sweep_param_value(&n, 0.0), 0.5, 1e-12);
    assert_close(sweep_param_value(&n, 1.0), 1.5, 1e-12);
    assert_close(sweep_param_value(&n, 0.8413447460685429), 1.2, 0.02);  /* about +1 sd */
    /* an integer setting is rounded and kept inside its range */
    struct sweep_param a = uniform(6.5, 9.2);
    a.integer = 1;
    for (int i = 0; i <= 100; i++) {
        double v = sweep_param_value(&a, i / 100.0);
        assert_true(v == round(v) && v >= 7 && v <= 9);
    }
    char err[256];
    struct sweep_param bad = uniform(3, 1);
    assert_int_equal(sweep_param_check(&bad, err, sizeof err), -1);
    assert_non_null(strstr(err, "below high"));
}

static void spec_of(struct sweep_spec *s, enum sweep_method m, int points, int k)
{
    memset(s, 0, sizeof *s);
    s->method = m;
    s->points = points;
    s->levels = 4;
    s->n_params = k;
    for (int i = 0; i < k; i++)
        s->params[i] = uniform(0, 1);
}

static void test_lhs_strata_and_seed(void **state)
{
    (void)state;
    struct sweep_spec s;
    struct sweep_design d, e;
    char err[256];
    spec_of(&s, SWEEP_LHS, 50, 3);
    assert_int_equal(sweep_design_build(&d, &s, 11, err, sizeof err), 0);
    assert_int_equal(d.n, 50);
    for (int i = 0; i < 3; i++) {
        int seen[50] = { 0 };
        for (int j = 0; j < 50; j++)
            seen[(int)(d.unit[j * 3 + i] * 50)]++;
        for (int b = 0; b < 50; b++)
            assert_int_equal(seen[b], 1);       /* one point in each stratum */
    }
    assert_int_equal(sweep_design_build(&e, &s, 11, err, sizeof err), 0);
    assert_memory_equal(d.unit, e.unit, 150 * sizeof *d.unit);
    sweep_design_free(&e);
    assert_int_equal(sweep_design_build(&e, &s, 12, err, sizeof err), 0);
    assert_true(memcmp(d.unit, e.unit, 150 * sizeof *d.unit) != 0);
    sweep_design_free(&d);
    sweep_design_free(&e);
}

/* Per base point: A, AB^(1..k), B; AB^(i) is A with coordinate i from B. */
static void test_saltelli_order(void **state)
{
    (void)state;
    struct sweep_spec s;
    struct sweep_design d;
    char err[256];
    spec_of(&s, SWEEP_SOBOL, 16, 3);
    assert_int_equal(sweep_design_build(&d, &s, 1, err, sizeof err), 0);
    assert_int_equal(d.n, 16 * 5);
    for (int j = 0; j < 16; j++) {
        const double *a = d.unit + (size_t)j * 5 * 3, *b = a + 4 * 3;
        assert_int_equal(d.role[j * 5], 0);
        assert_int_equal(d.role[j * 5 + 4], 4);
        assert_true(memcmp(a, b, 3 * sizeof *a) != 0);
        for (int i = 0; i < 3; i++) {
            const double *ab = a + (size_t)(i + 1) * 3;
            for (int c = 0; c < 3; c++)
                assert_true(ab[c] == (c == i ? b[c] : a[c]));
        }
    }
    sweep_design_free(&d);
    s.n_params = SWEEP_MAX_PARAMS + 1;
    assert_int_equal(sweep_design_build(&d, &s, 1, err, sizeof err), -1);
}

/* Ishigami, a = 7, b = 0.1, on [-pi, pi]^3 (Saltelli et al. 2008): known indices. */
static double ishigami(const double *x)
{
    return sin(x[0]) + 7.0 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0]);
}

static void test_sobol_ishigami(void **state)
{
    (void)state;
    const double s1[3] = { 0.3139, 0.4424, 0.0 }, st[3] = { 0.5576, 0.4424, 0.2437 };
    struct sweep_spec s;
    struct sweep_design d;
    char err[256];
    spec_of(&s, SWEEP_SOBOL, 2048, 3);
    for (int i = 0; i < 3; i++)
        s.params[i] = uniform(-3.14159265358979323846, 3.14159265358979323846);
    assert_int_equal(sweep_design_build(&d, &s, 1, err, sizeof err), 0);
    double *y = malloc((size_t)d.n * sizeof *y);
    for (int p = 0; p < d.n; p++)
        y[p] = ishigami(d.value + (size_t)p * 3);
    struct sensitivity_ci first[3], total[3];
    gsl_rng *r = rng_stream_alloc(1, 0, PURPOSE_SWEEP_BOOTSTRAP);
    assert_int_equal(sensitivity_sobol(y, d.base, 3, 500, r, first, total), 0);
    for (int i = 0; i < 3; i++) {
        print_message("  x%d: S1 %.3f [%.3f, %.3f] (%.4f), ST %.3f [%.3f, %.3f] (%.4f)\n", i + 1,
                      first[i].value, first[i].lo, first[i].hi, s1[i], total[i].value,
                      total[i].lo, total[i].hi, st[i]);
        assert_true(first[i].lo <= s1[i] && s1[i] <= first[i].hi);
        assert_true(total[i].lo <= st[i] && st[i] <= total[i].hi);
        assert_close(first[i].value, s1[i], 0.05);
        assert_close(total[i].value, st[i], 0.05);
    }
    /* a constant output has no indices */
    for (int p = 0; p < d.n; p++)
        y[p] = 3.0;
    assert_int_equal(sensitivity_sobol(y, d.base, 3, 10, r, first, total), 0);
    assert_true(isnan(first[0].value) && isnan(total[2].value));
    gsl_rng_free(r);
    free(y);
    sweep_design_free(&d);
}

/* f = 3 x1 - x2 + 0 x3 on ranges of width 2, 1, 5: effects over the whole range are exact. */
static void test_morris_linear(void **state)
{
    (void)state;
    struct sweep_spec s;
    struct sweep_design d;
    char err[256];
    spec_of(&s, SWEEP_MORRIS, 20, 3);
    s.params[0] = uniform(0, 2);
    s.params[1] = uniform(10, 11);
    s.params[2] = uniform(-5, 0);
    assert_int_equal(sweep_design_build(&d, &s, 5, err, sizeof err), 0);
    assert_int_equal(d.n, 20 * 4);
    double *y = malloc((size_t)d.n * sizeof *y);
    for (int p = 0; p < d.n; p++) {
        const double *x = d.value + (size_t)p * 3;
        y[p] = 3 * x[0] - x[1];
        /* each step moves one assumption by delta = 2/3 of its unit range */
        if (d.role[p] > 0) {
            int i = d.moved[p];
            assert_close(fabs(d.unit[p * 3 + i] - d.unit[(p - 1) * 3 + i]), 2.0 / 3.0, 1e-12);
        }
    }
    struct sensitivity_ci ms[3];
    double mu[3], sigma[3];
    gsl_rng *r = rng_stream_alloc(1, 0, PURPOSE_SWEEP_BOOTSTRAP);
    assert_int_equal(sensitivity_morris(y, &d, 200, r, ms, mu, sigma), 0);
    assert_close(ms[0].value, 6.0, 1e-9);      /* 3 per unit x a range of 2 */
    assert_close(mu[0], 6.0, 1e-9);
    assert_close(ms[1].value, 1.0, 1e-9);
    assert_close(mu[1], -1.0, 1e-9);
    assert_close(ms[2].value, 0.0, 1e-9);
    assert_close(sigma[0], 0.0, 1e-9);
    assert_close(ms[0].lo, 6.0, 1e-9);
    gsl_rng_free(r);
    free(y);
    sweep_design_free(&d);
}

static void test_rank_correlation(void **state)
{
    (void)state;
    struct sweep_spec s;
    struct sweep_design d;
    char err[256];
    spec_of(&s, SWEEP_LHS, 64, 2);
    assert_int_equal(sweep_design_build(&d, &s, 3, err, sizeof err), 0);
    double *y = malloc((size_t)d.n * sizeof *y);
    for (int p = 0; p < d.n; p++)
        y[p] = -exp(5 * d.value[p * 2]);        /* decreasing in x1, blind to x2 */
    struct sensitivity_ci rho[2];
    gsl_rng *r = rng_stream_alloc(1, 0, PURPOSE_SWEEP_BOOTSTRAP);
    assert_int_equal(sensitivity_rank(y, d.value, d.n, 2, 200, r, rho), 0);
    assert_close(rho[0].value, -1.0, 1e-12);
    assert_true(fabs(rho[1].value) < 0.3 && rho[1].lo < 0 && rho[1].hi > 0);
    double top = y[0];
    for (int p = 1; p < d.n; p++)
        top = fmax(top, y[p]);
    assert_close(sensitivity_quantile(y, d.n, 1.0), top, 0.0);
    double q[5] = { 5, 1, NAN, 3, 2 };
    assert_close(sensitivity_quantile(q, 5, 0.5), 2.5, 1e-12);
    gsl_rng_free(r);
    free(y);
    sweep_design_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distributions),
        cmocka_unit_test(test_lhs_strata_and_seed),
        cmocka_unit_test(test_saltelli_order),
        cmocka_unit_test(test_sobol_ishigami),
        cmocka_unit_test(test_morris_linear),
        cmocka_unit_test(test_rank_correlation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
