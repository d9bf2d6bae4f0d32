/*
 * Charts of a run: the images are valid PNG and SVG and their data files
 * hold the figures of summary.json, a closed day stays on the week's axis;
 * the staffing chart from synthetic data.  A comparison's charts are in
 * test_compare_charts.c.
 */
#include <ctype.h>
#include "chartutil.h"
#include "plots/staffing_out.h"

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
    /* Every open half hour must show arrivals: it averages at least ~1.1 desk
     * arrivals a week, so 8 replications of 14 days expect ~17 in each and
     * leave one of the 68 empty with probability ~1e-6 (2 replications: ~4
     * each, and for a seed picked at random ~40%). */
    snprintf(args, sizeof args, "run '%s/closed-wed.cfg' --replications 8 --quiet --out '%s'",
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

/* A workforce plan of two weeks for staff_peak's phone line, made up: week 2 is the peak. */
static void synthetic_plan(const struct model *m, struct staffing_interval *iv,
                           struct workforce_week *wk, struct workforce *wf)
{
    int n = (int)(SCHEDULE_WEEK_S / m->interval_s);
    for (int k = 0; k < n; k++) {
        iv[k] = (struct staffing_interval){ .start_s = k * m->interval_s };
        iv[k].open = m->channels[0].week.open[2 * k];
        iv[k].required = iv[k].open ? 4 + k % 7 : 0;
        iv[k].erlang = iv[k].required - (k % 5 == 0);
        iv[k].rostered = iv[k].required / 0.7;
    }
    for (int w = 0; w < 2; w++) {
        memset(&wk[w], 0, sizeof wk[w]);
        wk[w].week = w;
        wk[w].first_day = 7 * w;
        wk[w].plan.n = 1;
        wk[w].plan.ch[0] = (struct staffing_channel){ .channel = 0, .n = n, .iv = iv,
                                                      .agent_hours = 300.0 + 50.0 * w };
        wk[w].agent_hours = wk[w].plan.ch[0].agent_hours;
        wk[w].ch[0].has_shifts = 1;
        for (int q = 0; q < SCHEDULE_SLOTS; q++)
            wk[w].ch[0].shifts.coverage[q] = iv[q / 2].open ? (int)ceil(iv[q / 2].rostered) : 0;
    }
    *wf = (struct workforce){ .weeks_in_horizon = 2, .n = 2, .weeks = wk, .peak = 1 };
}

/* staff_peak's model with synthetic_plan's two weeks, as a report showing week 2. */
struct synthetic {
    struct model m;
    struct staffing_interval iv[7 * 48];
    struct workforce_week wk[2];
    struct workforce wf;
    struct staffing_report r;
};

static void synthetic_report(struct synthetic *sy)
{
    testutil_load("tests/scenarios/staff_peak.cfg", &sy->m);
    synthetic_plan(&sy->m, sy->iv, sy->wk, &sy->wf);
    sy->r = (struct staffing_report){ &sy->m, "staff_peak.cfg", &sy->wf, 1 };
}

/* The staffing charts of a plan: a panel per open day, the weeks side by side, the data read
 * back, and without gnuplot the data and scripts alone. */
static void test_staffing_chart(void **state)
{
    (void)state;
    need_gnuplot();
    static struct synthetic sy;
    synthetic_report(&sy);
    const struct staffing_interval *iv = sy.iv;
    char dir[512], charts[600];
    snprintf(dir, sizeof dir, "%s/staffing", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", dir);
    static struct chart_set set;
    int rc = chart_draw_staffing(dir, &sy.r, &set);
    if (rc != 0)
        fail_msg("chart_draw_staffing: %d: %s", rc, set.error);
    assert_int_equal(set.n, 2);
    assert_chart(charts, "staffing-phone", "Monday");
    assert_chart(charts, "staffing-weeks", NULL);
    struct dat *d = dat_read(charts, "staffing-phone");
    assert_int_equal(d->nrows, 5 * 20 + 5);    /* 20 open half hours a day, and each day's end */
    assert_string_equal(dat_str(d, 0, "day"), "mon");
    assert_same(dat_num(d, 0, "hour"), 8.0, "first hour");
    assert_same(dat_num(d, 0, "required"), iv[16].required, "required");
    assert_same(dat_num(d, 0, "erlang"), iv[16].erlang, "erlang");
    assert_same(dat_num(d, 0, "covered"), ceil(iv[16].rostered), "covered");
    assert_same(dat_num(d, 20, "hour"), 18.0, "the day's end");
    assert_string_equal(dat_str(d, 21, "day"), "tue");
    dat_free(d);
    d = dat_read(charts, "staffing-weeks");
    assert_int_equal(d->nrows, 2);
    assert_same(dat_num(d, 1, "mean"), 350.0, "the peak week's agent-hours");
    dat_free(d);

    /* without gnuplot: the data and script, no image */
    snprintf(dir, sizeof dir, "%s/staffing-nognuplot", tmpdir);
    setenv("CHANMIX_GNUPLOT", "/nonexistent", 1);
    rc = chart_draw_staffing(dir, &sy.r, &set);
    unsetenv("CHANMIX_GNUPLOT");
    assert_int_equal(rc, CHART_NO_GNUPLOT);
    assert_non_null(strstr(set.why_skipped, "CHANMIX_GNUPLOT"));
    char path[1024];
    snprintf(path, sizeof path, "%s/charts/staffing-phone.gp", dir);
    assert_true(file_exists(path));
    snprintf(path, sizeof path, "%s/charts/staffing-phone.png", dir);
    assert_false(file_exists(path));
    model_release(&sy.m);
}


/* Text written by fn(f, r) into a string the caller frees. */
static char *written(void (*fn)(FILE *, const struct staffing_report *),
                     const struct staffing_report *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    fn(f, r);
    fclose(f);
    return buf;
}

/*
 * Weeks alike (the same load, so the same plan) name no peak in the terminal, the JSON or
 * the weeks' chart; weeks that differ name theirs.
 */
static void test_weeks_alike_have_no_peak(void **state)
{
    (void)state;
    static struct synthetic sy;
    synthetic_report(&sy);
    const struct staffing_report *r = &sy.r;
    char *text = written(staffing_out_print, r), *json = written(staffing_out_json, r);
    assert_non_null(strstr(text, "peak week: week 2"));
    assert_null(strstr(text, "every week alike"));
    assert_non_null(strstr(json, "\"weeks_alike\": false"));
    free(text);
    free(json);

    for (int w = 0; w < 2; w++)
        sy.wk[w].agent_hours = sy.wk[w].plan.ch[0].agent_hours = 300.0;
    sy.wf.peak = 0;
    sy.wf.alike = 1;
    sy.r.detail = 0;
    text = written(staffing_out_print, r);
    json = written(staffing_out_json, r);
    assert_non_null(strstr(text, "every week alike: 300.0 required agent-hours each, no peak"));
    assert_null(strstr(text, "peak week"));
    assert_non_null(strstr(json, "\"weeks_alike\": true"));
    free(text);
    free(json);
    char dir[512], charts[600];
    snprintf(dir, sizeof dir, "%s/staffing-alike", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", dir);
    setenv("CHANMIX_GNUPLOT", "/nonexistent", 1);
    static struct chart_set set;
    assert_int_equal(chart_draw_staffing(dir, r, &set), CHART_NO_GNUPLOT);
    unsetenv("CHANMIX_GNUPLOT");
    char *gp = slurp_in(charts, "staffing-weeks.gp", NULL);
    assert_non_null(strstr(gp, "every week alike"));
    assert_null(strstr(gp, "the peak"));
    free(gp);
    model_release(&sy.m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_charts),
        cmocka_unit_test(test_week_closed_day),
        cmocka_unit_test(test_staffing_chart),
        cmocka_unit_test(test_weeks_alike_have_no_peak),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
