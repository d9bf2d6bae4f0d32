/*
 * Volumes files: the calendar arithmetic, what the CSV reader accepts
 * (quotes, a byte-order mark, CRLF, columns in any order, extra columns),
 * how rows add up, and the limit on the errors it lists.  The bad files
 * that must fail a scenario are in tests/broken (arrivals_csv_*.cfg).
 */
#include "testutil.h"
#include "models/volumes.h"
#include "scenarios/volumes_csv.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "volumes");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(volumes_day(1970, 1, 1), 0);
    assert_int_equal(volumes_weekday(0), 3);                        /* a Thursday */
    assert_int_equal(volumes_weekday(volumes_day(2026, 3, 2)), 0);  /* a Monday */
    assert_int_equal(volumes_day(2000, 3, 1) - volumes_day(2000, 2, 28), 2);   /* leap */
    assert_int_equal(volumes_day(1900, 3, 1) - volumes_day(1900, 2, 28), 1);   /* not leap */
    for (long d = -800000; d <= 800000; d += 997) {
        int y, m, dd;
        volumes_date(d, &y, &m, &dd);
        assert_int_equal(volumes_day(y, m, dd), d);
        assert_int_equal(volumes_weekday(d + 7), volumes_weekday(d));
    }
}

/* Reads text as a file with 30-minute intervals; returns the reader's result. */
static int read_text(const char *text, const char *only, struct volumes *v,
                     struct scenario_errors *err)
{
    testutil_write(tmpdir, "v.csv", text);
    char path[512];
    snprintf(path, sizeof path, "%s/v.csv", tmpdir);
    static const char *const known[] = { "phone", "chat, web" };
    struct volumes_csv_options o = { 1800.0, only ? known : NULL, only ? 2 : 0, only };
    err->lines = NULL;
    err->n = 0;
    int rc = volumes_csv_read(path, "v.csv", &o, v, err);
    for (size_t i = 0; i < err->n; i++)
        print_message("  %s\n", err->lines[i]);
    return rc;
}

static void test_reader_accepts_what_spreadsheets_write(void **state)
{
    (void)state;
    struct volumes v;
    struct scenario_errors err;
    int rc = read_text("\xef\xbb\xbf" "Channel,contacts,extra,START,aht_s\r\n"
                       "phone,4,x,2026-03-04T08:00,100\r\n"
                       "\"chat, web\",\"2.5\",,2026-03-04T08:00,\r\n"
                       "\r\n"
                       "phone,6,y,2026-03-04 08:00:00,200\r\n"
                       "phone,0,,2026-03-10T23:30,50\r\n"
                       "phone,1,,2026-03-01T10:00,\r\n",       /* before the first Monday */
                       NULL, &v, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(v.n_channels, 2);
    assert_string_equal(v.names[1], "chat, web");
    assert_int_equal(v.first_day, volumes_day(2026, 3, 2));
    assert_int_equal(v.weeks, 2);
    assert_int_equal(v.per_day, 48);
    long wed8 = 2 * 48 + 16, tue2330 = 8 * 48 + 47;
    assert_close(volumes_series(&v, 0)[wed8], 10.0, 0.0);
    assert_close(volumes_series(&v, 1)[wed8], 2.5, 0.0);
    assert_close(volumes_aht_series(&v, 0)[wed8], (4 * 100.0 + 6 * 200.0) / 10.0, 1e-12);
    assert_true(isnan(volumes_aht_series(&v, 1)[wed8]));
    assert_close(volumes_aht_series(&v, 0)[tue2330], 50.0, 0.0);   /* no contacts: plain mean */
    double total = 0.0;
    for (long t = 0; t < volumes_length(&v); t++)
        total += volumes_series(&v, 0)[t];
    assert_close(total, 10.0, 0.0);
    volumes_free(&v);
    scenario_errors_free(&err);
}

static void test_reader_keeps_one_channel(void **state)
{
    (void)state;
    struct volumes v;
    struct scenario_errors err;
    assert_int_equal(read_text("start,channel,contacts\n"
                               "2026-03-02T08:00,\"chat, web\",3\n"
                               "2026-03-03T08:00,phone,7\n", "phone", &v, &err), 0);
    assert_int_equal(v.n_channels, 1);
    assert_string_equal(v.names[0], "phone");
    assert_null(v.aht_s);
    assert_close(volumes_series(&v, 0)[48 + 16], 7.0, 0.0);
    volumes_free(&v);
    assert_int_equal(read_text("start,channel,contacts\n2026-03-02T08:00,phone,7\n",
                               "chat, web", &v, &err), -1);
    assert_int_equal(err.n, 1);
    assert_string_equal(err.lines[0], "v.csv:1: channel: no rows for channel 'chat, web'");
    scenario_errors_free(&err);
}

static void test_reader_errors(void **state)
{
    (void)state;
    struct volumes v;
    struct scenario_errors err;
    char text[8192] = "start,channel,contacts,aht_s\n";
    for (int i = 0; i < 30; i++)
        strcat(text, "2026-03-02T08:00,phone,-1,\n");
    strcat(text, "2026-03-02T08:00,phone,1,0\n2026-13-02T08:00,phone,1,\n\"unclosed,phone,1\n");
    assert_int_equal(read_text(text, NULL, &v, &err), -1);
    /* twenty errors, then a count of the rest */
    assert_int_equal(err.n, 21);
    assert_string_equal(err.lines[0], "v.csv:2: contacts: must be >= 0, got -1");
    assert_string_equal(err.lines[20], "v.csv: 13 more errors not shown");
    scenario_errors_free(&err);
    assert_int_equal(read_text("start,channel,contacts,aht_s\n"
                               "2026-03-02T08:00,phone,1,0\n"
                               "2026-13-02T08:00,phone,1,\n"
                               "2026-03-02T08:00,phone,1,\n"
                               "2099-03-02T08:00,phone,1,\n"
                               "\"unclosed,phone,1\n", NULL, &v, &err), -1);
    assert_int_equal(err.n, 3);
    assert_string_equal(err.lines[0], "v.csv:2: aht_s: must be > 0 seconds, got 0");
    assert_non_null(strstr(err.lines[1], "v.csv:3: start: '2026-13-02T08:00' is not"));
    assert_non_null(strstr(err.lines[2], "v.csv:6: not valid CSV"));
    scenario_errors_free(&err);
    assert_int_equal(read_text("start,channel,contacts\n"
                               "2026-03-02T08:00,phone,1\n"
                               "2099-03-02T08:00,phone,1\n", NULL, &v, &err), -1);
    assert_int_equal(err.n, 1);
    assert_non_null(strstr(err.lines[0], "v.csv:3: start: lies 3809 weeks after"));
    scenario_errors_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_reader_accepts_what_spreadsheets_write),
        cmocka_unit_test(test_reader_keeps_one_channel),
        cmocka_unit_test(test_reader_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
