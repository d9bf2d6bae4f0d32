/*
 * Charts of a run: the images are valid PNG and SVG and their data files
 * hold the figures of summary.json, a closed day stays on the week's axis;
 * the staffing chart from synthetic data.  A comparison's charts are in
 * test_compare_charts.c.
 */
#include <ctype.h>
#include "chartutil.h"

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "charts");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

/* The mix chart: each segment's share per channel, as summary.json has it. */
static void check_run_mix(const char *json, const char *charts)
{
    assert_chart(charts, "mix", "share of the group");
    struct dat *d = dat_read(charts, "mix");
    assert_int_equal(d->nrows, 2);
    const char *channels[] = { "desk", "phone", "web", "app" };
    for (int r = 0; r < d->nrows; r++)
        for (int c = 0; c < 4; c++) {
            char col[64];
            const char *seg = dat_str(d, r, "segment");
            assert_same(dat_num(d, r, channels[c]),
                        json_at(json, "segments|%s|shares|%s|mean", seg, channels[c]), "mix");
            snprintf(col, sizeof col, "%s_ci95", channels[c]);
            assert_same(dat_num(d, r, col),
                        json_at(json, "segments|%s|shares|%s|ci95", seg, channels[c]), "mix ci");
        }
    dat_free(d);
}

/* An assisted channel's waits and week charts, and one week row per row of intervals.csv. */
static void check_run_channel(const char *json, const char *out, const char *charts,
                              const char *channel)
{
    char name[64];
    snprintf(name, sizeof name, "waits-%s", channel);
    assert_chart(charts, name, "waits that ended within this time");
    struct dat *d = dat_read(charts, name);
    assert_int_equal(d->nrows, RESULTS_CDF_POINTS);
    for (int r = 0; r < d->nrows; r++) {
        const char *s = dat_str(d, r, "seconds");
        assert_same(dat_num(d, r, "share"),
                    json_at(json, "channels|%s|wait_cdf|%s|mean", channel, s), name);
        assert_same(dat_num(d, r, "ci95"),
                    json_at(json, "channels|%s|wait_cdf|%s|ci95", channel, s), name);
    }
    dat_free(d);

    snprintf(name, sizeof name, "week-%s", channel);
    assert_chart(charts, name, "agents on duty");
    d = dat_read(charts, name);
    int open = 0;
    for (int r = 0; r < d->nrows; r++) {
        assert_int_equal((int)dat_num(d, r, "x"), r);      /* closed rows keep their place */
        if (dat_num(d, r, "open") == 0) {
            assert_true(isnan(dat_num(d, r, "arrivals")) && isnan(dat_num(d, r, "agents")));
            continue;
        }
        open++;
        char key[32];
        snprintf(key, sizeof key, "%s", dat_str(d, r, "interval"));
        key[0] = (char)tolower((unsigned char)key[0]);   /* "Mon 08:30" is "mon 08:30" */
        assert_same(dat_num(d, r, "arrivals"),
                    json_at(json, "intervals|%s|%s|arrivals|mean", channel, key), name);
        assert_same(dat_num(d, r, "agents"),
                    json_at(json, "intervals|%s|%s|agents|mean", channel, key), name);
        assert_same(dat_num(d, r, "queue"),
                    json_at(json, "intervals|%s|%s|queue_mean|mean", channel, key), name);
    }
    /* one row per interval of intervals.csv */
    char *csv = slurp_in(out, "intervals.csv", NULL);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "\n%s,", channel);
    assert_int_equal(open, count_of(csv, prefix));
    free(csv);
    dat_free(d);
}

/* The escalations and cost charts. */
static void check_run_escalations_cost(const char *json, const char *charts)
{
    assert_chart(charts, "escalations", "next try on");
    struct dat *d = dat_read(charts, "escalations");
    assert_int_equal(d->nrows, 4 * 5);
    for (int r = 0; r < d->nrows; r++) {
        const char *to = dat_str(d, r, "to");
        assert_same(dat_num(d, r, "tries"),
                    json_at(json, "escalations|%s->%s|mean", dat_str(d, r, "from"),
                            strcmp(to, "back office") == 0 ? "back_office" : to), "escalations");
    }
    dat_free(d);

    assert_chart(charts, "cost", "euros");
    d = dat_read(charts, "cost");
    assert_int_equal(d->nrows, 4);
    for (int r = 0; r < d->nrows; r++) {
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "cost|%s|organisation|mean", dat_str(d, r, "group")), "cost");
        assert_same(dat_num(d, r, "ci95"),
                    json_at(json, "cost|%s|organisation|ci95", dat_str(d, r, "group")), "cost");
    }
    dat_free(d);
}

/* A run's charts exist, are valid images and hold the figures of summary.json. */
static void test_run_charts(void **state)
{
    (void)state;
    need_gnuplot();
    char out[512], charts[600];
    snprintf(out, sizeof out, "%s/run", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", out);
    run_citizens(out, NULL, "run", 0);
    char *err = stderr_of("run");
    assert_string_equal(err, "");           /* not a terminal: no progress bar either */
    free(err);
    char *json = slurp_in(out, "summary.json", NULL);
    assert_non_null(json);

    check_run_mix(json, charts);
    check_run_channel(json, out, charts, "desk");
    check_run_channel(json, out, charts, "phone");
    /* the target is marked where it lies: phone 20 s is the fourth point */
    char *gp = slurp_in(charts, "waits-phone.gp", NULL);
    assert_non_null(strstr(gp, "target: 20 s"));
    assert_non_null(strstr(gp, "set arrow from 3, graph 0 to 3, graph 1"));
    free(gp);
    gp = slurp_in(charts, "waits-desk.gp", NULL);
    assert_non_null(strstr(gp, "target: 5 min"));
    free(gp);
    check_run_escalations_cost(json, charts);
    free(json);

    /* the report shows every chart and links only what exists */
    int images = assert_links_exist(out);
    assert_int_equal(images, 7);
    char *html = slurp_in(out, "report.html", NULL);
    assert_non_null(strstr(html, "<h1>Scenario citizens</h1>"));
    assert_non_null(strstr(html, "95% CI"));
    assert_non_null(strstr(html, "<img src=\"charts/waits-phone.png\""));
    free(html);
}

/* A desk closed on Wednesday: the week chart keeps Wednesday on its axis as a gap, and
 * the hours open on some day (09:00 to 19:00) on every day, Saturday and Sunday too. */
static void test_week_closed_day(void **state)
{
    (void)state;
    need_gnuplot();
    char cfg[1024], args[2048], out[512], charts[600];
    snprintf(cfg, sizeof cfg, "extends = \"%s/tests/scenarios/citizens.cfg\";\n"
             "channels = ( { name = \"desk\"; hours = { mon = \"09:00-17:00\"; "
             "tue = \"09:00-17:00\"; wed = \"closed\"; thu = \"09:00-19:00\"; "
             "fri = \"09:00-17:00\"; }; } );\n", CHANMIX_SOURCE_DIR);
    testutil_write(tmpdir, "closed-wed.cfg", cfg);
    snprintf(out, sizeof out, "%s/closed-wed", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", out);
    snprintf(args, sizeof args, "run '%s/closed-wed.cfg' --replications 2 --quiet --out '%s'",
             tmpdir, out);
    int rc = chanmix(NULL, args, "closed-wed");
    if (rc != 0)
        fail_msg("chanmix run exited %d:\n%s", rc, stderr_of("closed-wed"));
    assert_chart(charts, "week-desk", "closed");
    struct dat *d = dat_read(charts, "week-desk");
    assert_int_equal(d->nrows, 7 * 20);
    assert_string_equal(dat_str(d, 0, "interval"), "Mon 09:00");
    assert_string_equal(dat_str(d, 2 * 20, "interval"), "Wed 09:00");
    assert_string_equal(dat_str(d, 7 * 20 - 1, "interval"), "Sun 18:30");
    int open = 0;
    for (int r = 0; r < d->nrows; r++) {
        int day = r / 20, slot = r % 20;    /* slot 16: 17:00 */
        int want = day == 3 || (day != 2 && day < 5 && slot < 16);
        assert_int_equal((int)dat_num(d, r, "open"), want);
        assert_true(want ? dat_num(d, r, "arrivals") > 0 : isnan(dat_num(d, r, "arrivals")));
        open += want;
    }
    assert_int_equal(open, 4 * 16 + 4);
    /* the weekday figures: a day's contacts are its intervals', a closed day has none */
    char *json = slurp_in(out, "summary.json", NULL);
    const char *days[] = { "mon", "tue", "wed", "thu", "fri" };
    for (int day = 0; day < 5; day++) {
        double sum = 0;
        for (int r = day * 20; r < (day + 1) * 20; r++) {
            if (dat_num(d, r, "open") == 0)
                continue;
            char key[32];
            snprintf(key, sizeof key, "%s", dat_str(d, r, "interval"));
            key[0] = (char)tolower((unsigned char)key[0]);
            sum += json_at(json, "intervals|desk|%s|arrivals|mean", key);
        }
        double v = NAN;
        char path[64];
        snprintf(path, sizeof path, "weekdays|desk|%s|arrivals|mean", days[day]);
        int found = json_number_at(json, path, &v) == 0;
        assert_int_equal(found, day != 2);
        if (found)
            assert_true(fabs(v - sum) <= 1e-9 * sum);
    }
    free(json);
    dat_free(d);
    /* Wednesday is shaded from Tuesday's closing to Thursday's opening */
    char *gp = slurp_in(charts, "week-desk.gp", NULL);
    assert_non_null(strstr(gp, "set object rect from 35.5, graph 0 to 59.5, graph 1"));
    assert_non_null(strstr(gp, "set label 'closed'"));
    free(gp);
    /* the mix chart's key lists the channels from the top of the stack down */
    gp = slurp_in(charts, "mix.gp", NULL);
    assert_non_null(strstr(gp, "set key outside right top vertical reverse Left invert"));
    free(gp);
}

/* The staffing chart from synthetic data: images, and the data read back. */
static void test_staffing_chart(void **state)
{
    (void)state;
    need_gnuplot();
    enum { N = 40 };
    double start[N], required[N], erlang[N], shifts[N];
    for (int i = 0; i < N; i++) {
        start[i] = 86400.0 + 8 * 3600.0 + i * 900.0;     /* Tuesday from 08:00 */
        required[i] = 4 + (i % 7) + (i > 12 && i < 30 ? 3 : 0);
        erlang[i] = i == 5 ? NAN : required[i] - 1;
        shifts[i] = i < 16 ? 8 : 11;
    }
    char dir[512], charts[600], err[512];
    snprintf(dir, sizeof dir, "%s/staffing", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", dir);
    int rc = chart_staffing(dir, "phone", N, start, required, erlang, shifts, err, sizeof err);
    if (rc != 0)
        fail_msg("chart_staffing: %d: %s", rc, err);
    assert_chart(charts, "staffing-phone", "required (simulation)");
    struct dat *d = dat_read(charts, "staffing-phone");
    assert_int_equal(d->nrows, N);
    for (int i = 0; i < N; i++) {
        assert_same(dat_num(d, i, "start_s"), start[i], "start");
        assert_same(dat_num(d, i, "required"), required[i], "required");
        assert_same(dat_num(d, i, "shifts"), shifts[i], "shifts");
        if (i == 5)
            assert_true(isnan(dat_num(d, i, "erlang")));
        else
            assert_same(dat_num(d, i, "erlang"), erlang[i], "erlang");
    }
    assert_string_equal(dat_str(d, 0, "interval"), "Tue 08:00");
    assert_string_equal(dat_str(d, 6, "interval"), "Tue 09:30");
    dat_free(d);

    /* a series may be left out */
    rc = chart_staffing(dir, "chat desk", N, start, required, NULL, shifts, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_chart(charts, "staffing-chat_desk", NULL);
    d = dat_read(charts, "staffing-chat_desk");
    assert_true(isnan(dat_num(d, 0, "erlang")));
    dat_free(d);

    /* nothing to draw */
    assert_int_equal(chart_staffing(dir, "phone", 0, start, required, erlang, shifts, err,
                                    sizeof err), CHART_FAILED);
    assert_int_equal(chart_staffing(dir, "phone", N, start, NULL, NULL, NULL, err, sizeof err),
                     CHART_FAILED);

    /* without gnuplot: the data and script, no image, and why */
    snprintf(dir, sizeof dir, "%s/staffing-nognuplot", tmpdir);
    setenv("CHANMIX_GNUPLOT", "/nonexistent", 1);
    rc = chart_staffing(dir, "phone", N, start, required, erlang, shifts, err, sizeof err);
    unsetenv("CHANMIX_GNUPLOT");
    assert_int_equal(rc, CHART_NO_GNUPLOT);
    assert_non_null(strstr(err, "CHANMIX_GNUPLOT"));
    char path[1024];
    snprintf(path, sizeof path, "%s/charts/staffing-phone.dat", dir);
    assert_true(file_exists(path));
    snprintf(path, sizeof path, "%s/charts/staffing-phone.gp", dir);
    assert_true(file_exists(path));
    snprintf(path, sizeof path, "%s/charts/staffing-phone.png", dir);
    assert_false(file_exists(path));
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_charts),
        cmocka_unit_test(test_week_closed_day),
        cmocka_unit_test(test_staffing_chart),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
