/*
 * Forecasting: both methods recover known weekday x interval rates from a
 * Poisson history, within the error Poisson noise allows; the backtest
 * measures what it says; the command writes the shipped example forecast.
 *
 * The stated error.  For open slot s (weekday and half hour) with true
 * rate lambda_s, the average method's forecast A_s * f, A_s the mean of k
 * weeks and f the last r weeks' total over the k weeks' mean total (Lambda
 * a week), has variance, to first order,
 *
 *   V_s = lambda_s / k + lambda_s^2 (1/r - 1/k) / Lambda
 *
 * (A_s and f are uncorrelated).  So X = sum over open slots of
 * (F_s - lambda_s)^2 / V_s is about chi-square with n degrees of freedom
 * (n open slots); the test asks |X - n| <= 5 sqrt(2n).  Holt-Winters has
 * no such closed form: it is asked to do no worse than the mean of k weeks
 * would (X <= n + 5 sqrt(2n) with V_s = lambda_s / k), and its weekly total
 * to lie within 4 sd of a week's Poisson total.
 */
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "testutil.h"
#include "models/forecast.h"

#define PER_DAY 48
#define PER_WEEK (7 * PER_DAY)
#define CHANNELS 3
#define K 8
#define R 2

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "forecast");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

/* Known rates: open Monday to Friday 08:30-17:00, a morning and an afternoon peak. */
static void true_rates(double rate[CHANNELS][PER_WEEK])
{
    static const double base[CHANNELS] = { 40.0, 6.0, 12.0 };
    static const double weekday[CHANNELS][7] = {
        { 1.3, 1.1, 1.0, 1.0, 0.8, 0, 0 }, { 1.0, 1.0, 1.1, 1.0, 0.9, 0, 0 },
        { 1.0, 0.9, 1.0, 1.5, 0.6, 0, 0 } };
    for (int c = 0; c < CHANNELS; c++)
        for (int s = 0; s < PER_WEEK; s++) {
            int wd = s / PER_DAY, i = s % PER_DAY;
            double h = i / 2.0;
            double shape = 0.2 + exp(-0.5 * pow((h - 10.0) / 1.2, 2)) +
                           0.7 * exp(-0.5 * pow((h - 14.0) / 1.5, 2));
            rate[c][s] = i >= 17 && i < 34 ? base[c] * weekday[c][wd] * shape : 0.0;
        }
}

/* A history of `weeks` weeks of Poisson counts, the last `late` of them at `lift` times the rates. */
static void make_history(struct volumes *v, int weeks, int late, double lift, unsigned long seed)
{
    double rate[CHANNELS][PER_WEEK];
    true_rates(rate);
    assert_int_equal(volumes_alloc(v, CHANNELS, weeks, PER_DAY, 0), 0);
    strcpy(v->names[0], "phone");
    strcpy(v->names[1], "chat");
    strcpy(v->names[2], "desk");
    v->first_day = volumes_day(2026, 1, 5);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (int c = 0; c < CHANNELS; c++)
        for (long t = 0; t < volumes_length(v); t++) {
            double f = t / PER_WEEK >= weeks - late ? lift : 1.0;
            volumes_series(v, c)[t] = gsl_ran_poisson(r, f * rate[c][t % PER_WEEK]);
        }
    gsl_rng_free(r);
}

/* X for the forecast's first week against rate * lift; variance per slot as the method allows. */
static void check_against_truth(const struct volumes *fc, double lift, enum forecast_method m)
{
    double rate[CHANNELS][PER_WEEK];
    true_rates(rate);
    double x = 0.0;
    int n = 0;
    for (int c = 0; c < CHANNELS; c++) {
        const double *f = volumes_series(fc, c);
        double week = 0.0, total = 0.0;
        for (int s = 0; s < PER_WEEK; s++)
            week += lift * rate[c][s];
        for (int s = 0; s < PER_WEEK; s++) {
            double lambda = lift * rate[c][s];
            total += f[s];
            if (lambda == 0.0) {
                assert_close(f[s], 0.0, 1e-9);      /* closed stays closed */
                continue;
            }
            double v = m == FORECAST_AVERAGE
                           ? lambda / K + lambda * lambda * (1.0 / R - 1.0 / K) / week
                           : lambda / K;
            x += (f[s] - lambda) * (f[s] - lambda) / v;
            n++;
        }
        double sd = m == FORECAST_AVERAGE ? sqrt(week / R) : sqrt(week);
        print_message("  %-12s %-5s week %8.1f, true %8.1f (4 sd: %.1f)\n",
                      forecast_method_name(m), fc->names[c], total, week, 4 * sd);
        assert_true(fabs(total - week) <= 4 * sd);
    }
    double tol = 5.0 * sqrt(2.0 * n);
    print_message("  %-12s X = %.1f over %d open slots (allowed %s%.1f)\n",
                  forecast_method_name(m), x, n, m == FORECAST_AVERAGE ? "n ± " : "<= n + ", tol);
    assert_true(x <= n + tol);
    if (m == FORECAST_AVERAGE)
        assert_true(x >= n - tol);
}

static void forecast_and_check(int weeks, int late, double lift, unsigned long seed)
{
    struct volumes h;
    make_history(&h, weeks, late, lift, seed);
    struct forecast_options o = { K, R };
    for (int m = 0; m < FORECAST_METHODS; m++) {
        struct volumes fc;
        struct forecast_fit fit;
        assert_int_equal(forecast_run(&h, 3, (enum forecast_method)m, &o, &fc, &fit), 0);
        assert_int_equal(fc.weeks, 3);
        assert_int_equal(fc.first_day, h.first_day + 7L * weeks);
        check_against_truth(&fc, lift, (enum forecast_method)m);
        /* every forecast week is the same week: neither method has a trend */
        for (int c = 0; c < CHANNELS; c++)
            for (int s = 0; s < PER_WEEK; s++)
                assert_close(volumes_series(&fc, c)[2 * PER_WEEK + s], volumes_series(&fc, c)[s],
                             1e-9 * (1.0 + volumes_series(&fc, c)[s]));
        volumes_free(&fc);
    }
    volumes_free(&h);
}

static void test_stationary_history(void **state)
{
    (void)state;
    print_message("16 weeks at the true rates\n");
    forecast_and_check(16, 0, 1.0, 101);
}

/* The last 4 of 16 weeks 30% busier: the forecast follows the new level. */
static void test_level_shift(void **state)
{
    (void)state;
    print_message("16 weeks, the last 4 at 1.3 times the rates\n");
    forecast_and_check(16, 4, 1.3, 202);
}

static void test_too_short(void **state)
{
    (void)state;
    struct volumes h, fc;
    struct forecast_fit fit;
    struct forecast_backtest bt;
    struct forecast_options o = { K, R };
    make_history(&h, 3, 0, 1.0, 5);
    h.weeks = 1;                /* only the first week */
    assert_int_equal(forecast_run(&h, 2, FORECAST_AVERAGE, &o, &fc, &fit), -2);
    h.weeks = 3;
    assert_int_equal(forecast_backtest(&h, 2, &o, &bt), -2);
    assert_int_equal(forecast_backtest(&h, 1, &o, &bt), 0);
    volumes_free(&h);
}

/*
 * The backtest of a stationary history: the average method's MAPE is what
 * Poisson noise gives (daily totals: actual sd sqrt(lambda_d), forecast sd
 * from V above; E|error| = sqrt(2/pi) sd), its bias within 4 sd.
 */
static void test_backtest_measures_noise(void **state)
{
    (void)state;
    struct volumes h;
    make_history(&h, 16, 0, 1.0, 303);
    struct forecast_options o = { K, R };
    struct forecast_backtest bt;
    const int held = 4;
    assert_int_equal(forecast_backtest(&h, held, &o, &bt), 0);
    assert_int_equal(bt.fit_weeks, 12);
    assert_int_equal(bt.first_day, h.first_day + 7L * 12);
    double rate[CHANNELS][PER_WEEK];
    true_rates(rate);
    double expected = 0.0;
    int days = 0;
    for (int c = 0; c < CHANNELS; c++) {
        double week = 0.0;
        for (int s = 0; s < PER_WEEK; s++)
            week += rate[c][s];
        for (int wd = 0; wd < 7; wd++) {
            double day = 0.0;
            for (int i = 0; i < PER_DAY; i++)
                day += rate[c][wd * PER_DAY + i];
            if (day == 0.0)
                continue;
            double var_f = day / K + day * day * (1.0 / R - 1.0 / K) / week;
            expected += held * sqrt(2.0 / M_PI) * sqrt(day + var_f) / day;
            days += held;
        }
        const struct forecast_score *sc = &bt.channel[FORECAST_AVERAGE][c];
        double sd = sqrt(held * held * week / R + held * week) / (held * week);
        print_message("  average %-5s MAPE %.2f%% bias %+.2f%% (4 sd: %.2f%%)\n", h.names[c],
                      100 * sc->mape, 100 * sc->bias, 400 * sd);
        assert_true(fabs(sc->bias) <= 4 * sd);
    }
    expected /= days;
    double mape = bt.all[FORECAST_AVERAGE].mape;
    print_message("  average MAPE %.2f%% over %ld days, Poisson noise alone %.2f%%; "
                  "holt-winters %.2f%%\n", 100 * mape, bt.all[FORECAST_AVERAGE].days,
                  100 * expected, 100 * bt.all[FORECAST_HOLT_WINTERS].mape);
    assert_int_equal(bt.all[FORECAST_AVERAGE].days, days);
    assert_true(mape >= 0.6 * expected && mape <= 1.5 * expected);
    assert_true(bt.all[FORECAST_HOLT_WINTERS].mape <= 1.5 * expected);
    volumes_free(&h);
}

static void test_better_method(void **state)
{
    (void)state;
    struct forecast_backtest bt;
    memset(&bt, 0, sizeof bt);
    bt.all[FORECAST_AVERAGE].mape = 0.05;
    bt.all[FORECAST_HOLT_WINTERS].mape = 0.04;
    assert_int_equal(forecast_better(&bt), FORECAST_HOLT_WINTERS);
    bt.all[FORECAST_HOLT_WINTERS].mape = 0.05;
    assert_int_equal(forecast_better(&bt), FORECAST_AVERAGE);       /* a tie: the simpler */
    bt.all[FORECAST_HOLT_WINTERS].mape = NAN;
    assert_int_equal(forecast_better(&bt), FORECAST_AVERAGE);
    enum forecast_method m;
    assert_int_equal(forecast_method_from_name("holt-winters", &m), 0);
    assert_int_equal(m, FORECAST_HOLT_WINTERS);
    assert_int_equal(forecast_method_from_name("naive", &m), -1);
}

/* The shipped example: the generator gives the history, the command gives the forecast. */
static void test_shipped_example(void **state)
{
    (void)state;
    char cmd[2048], path[1024];
    int status;
    snprintf(cmd, sizeof cmd, "'%s' 52", CHANMIX_GEN_HISTORY);
    char *made = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    snprintf(path, sizeof path, "%s/scenarios/data/history.csv", CHANMIX_SOURCE_DIR);
    char *shipped = testutil_slurp(path, NULL);
    assert_non_null(shipped);
    assert_string_equal(made, shipped);
    free(made);
    free(shipped);

    snprintf(cmd, sizeof cmd, "'%s' forecast '%s' --weeks 4 --out '%s/forecast.csv'",
             CHANMIX_BINARY, path, tmpdir);
    char *out = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    print_message("%s", out);
    assert_true(strncmp(out, "holt-winters forecast, 4 weeks from Mon 2026-03-02", 50) == 0);
    assert_non_null(strstr(out, "chosen by the backtest"));
    free(out);
    snprintf(path, sizeof path, "%s/forecast.csv", tmpdir);
    char *written = testutil_slurp(path, NULL);
    snprintf(path, sizeof path, "%s/scenarios/data/forecast.csv", CHANMIX_SOURCE_DIR);
    shipped = testutil_slurp(path, NULL);
    assert_non_null(written);
    assert_non_null(shipped);
    assert_string_equal(written, shipped);
    free(written);
    free(shipped);

    /* and the scenario that staffs the forecast plans every channel */
    snprintf(cmd, sizeof cmd, "'%s' staff '%s/scenarios/data/forecast-staffing.cfg' --json --quiet",
             CHANMIX_BINARY, CHANMIX_SOURCE_DIR);
    out = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    const char *names[] = { "\"desk\"", "\"phone\"", "\"chat\"", "\"shifts\"" };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        assert_non_null(strstr(out, names[k]));
    free(out);
}

/* Bad input: exit 2, the file's lines named, nothing written. */
static void test_command_refuses_bad_input(void **state)
{
    (void)state;
    testutil_write(tmpdir, "bad.csv", "start,channel,contacts\n2026-03-02T08:00,phone,x\n"
                   "2026-03-02T08:15,phone,1\n");
    testutil_write(tmpdir, "short.csv", "start,channel,contacts\n2026-03-02T08:00,phone,3\n"
                   "2026-03-09T08:00,phone,4\n");
    const struct { const char *args, *want; } cases[] = {
        { "'%s/bad.csv' --weeks 2 --out '%s/o.csv'", "bad.csv:2: contacts: 'x' is not a number" },
        { "'%s/bad.csv' --weeks 2 --out '%s/o.csv'", "bad.csv:3: start: 08:15 is not on the 30" },
        { "'%s/short.csv' --weeks 2 --out '%s/o.csv'", "give --method to forecast without one" },
        { "'%s/short.csv' --weeks 0 --out '%s/o.csv'", "--weeks: must be a whole number" },
        { "'%s/short.csv' --weeks 2 --method naive --out '%s/o.csv'", "--method: 'auto'" },
        { "'%s/short.csv' --weeks 2", "--out is required" },
        { "'%s/none.csv' --weeks 2 --out '%s/o.csv'", "cannot read" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char args[1024], cmd[2048], out[600];
        snprintf(args, sizeof args, cases[k].args, tmpdir, tmpdir);
        snprintf(cmd, sizeof cmd, "'%s' forecast %s 2>&1", CHANMIX_BINARY, args);
        int status;
        char *text = testutil_capture(cmd, &status);
        if (status != 2 || !strstr(text, cases[k].want))
            fail_msg("%s: status %d, expected 2 and \"%s\" in:\n%s", args, status,
                     cases[k].want, text);
        snprintf(out, sizeof out, "%s/o.csv", tmpdir);
        assert_null(fopen(out, "r"));
        free(text);
    }
    /* with a method, two weeks suffice: no backtest, a forecast */
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' forecast '%s/short.csv' --weeks 1 --method average "
             "--out '%s/o.csv'", CHANMIX_BINARY, tmpdir, tmpdir);
    int status;
    char *text = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    assert_null(strstr(text, "backtest"));
    free(text);
    char path[600];
    snprintf(path, sizeof path, "%s/o.csv", tmpdir);
    text = testutil_slurp(path, NULL);
    assert_string_equal(text, "start,channel,contacts\n2026-03-16T08:00,phone,3.50\n");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stationary_history),
        cmocka_unit_test(test_level_shift),
        cmocka_unit_test(test_too_short),
        cmocka_unit_test(test_backtest_measures_noise),
        cmocka_unit_test(test_better_method),
        cmocka_unit_test(test_shipped_example),
        cmocka_unit_test(test_command_refuses_bad_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
