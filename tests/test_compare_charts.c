/*
 * Charts of a comparison: the images are valid PNG and SVG, their data files
 * hold the figures and paired differences of comparison.json, and the
 * report shows the differences first.
 */
#include <ctype.h>
#include "chartutil.h"

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "compare-charts");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

/* Waits (a panel per channel), needs given up and cost per year per scenario, as
 * comparison.json has them. */
static void check_compare_figures(const char *json, const char *charts)
{
    assert_chart(charts, "compare-waits", "mean wait (");
    struct dat *d = dat_read(charts, "compare-waits");
    assert_int_equal(d->nrows, 2 * 2);
    for (int r = 0; r < d->nrows; r++)
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "scenarios|%s|channels|%s|wait_mean_s|mean",
                            dat_str(d, r, "series"), dat_str(d, r, "group")), "waits");
    dat_free(d);
    /* each channel its own panel and axis */
    char *gp = slurp_in(charts, "compare-waits.gp", NULL);
    assert_non_null(strstr(gp, "set title 'desk'"));
    assert_non_null(strstr(gp, "set title 'phone'"));
    assert_int_equal(count_of(gp, "set ylabel 'mean wait ("), 2 * 2);   /* PNG and SVG */
    free(gp);

    assert_chart(charts, "compare-gave-up", "needs given up");
    d = dat_read(charts, "compare-gave-up");
    assert_int_equal(d->nrows, 2 * 3);
    for (int r = 0; r < d->nrows; r++) {
        const char *g = dat_str(d, r, "group");
        double v = dat_num(d, r, "mean");
        assert_true(v >= 0 && v <= 1);
        if (strcmp(g, "all citizens") != 0)
            assert_same(v, json_at(json, "scenarios|%s|segments|%s|gave_up|mean",
                                   dat_str(d, r, "series"), g), "gave up");
    }
    dat_free(d);

    assert_chart(charts, "compare-cost", "per year");
    d = dat_read(charts, "compare-cost");
    assert_int_equal(d->nrows, 2 * 2);
    for (int r = 0; r < d->nrows; r++) {
        int org = strcmp(dat_str(d, r, "series"), figures_def(FIG_TOTAL, TC_PER_YEAR)->label) == 0;
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "scenarios|%s|cost|total|%s|mean", dat_str(d, r, "group"),
                            org ? "per_year" : "citizen_time_value_per_year"), "cost");
    }
    dat_free(d);
}

/* The mix: each scenario's shares add up to one, near the share of contacts offered. */
static void check_compare_mix(const char *json, const char *charts)
{
    assert_chart(charts, "compare-mix", "share of all contacts");
    struct dat *d = dat_read(charts, "compare-mix");
    const char *scen[2] = { "citizens", "fewer-agents" };
    for (int k = 0; k < 2; k++) {
        double sum = 0, offered = 0;
        const char *ch[4] = { "desk", "phone", "web", "app" };
        for (int c = 0; c < 4; c++)
            offered += json_at(json, "scenarios|%s|channels|%s|offered|mean", scen[k], ch[c]);
        for (int r = 0; r < d->nrows; r++) {
            if (strcmp(dat_str(d, r, "series"), scen[k]) != 0)
                continue;
            double share = dat_num(d, r, "mean");
            sum += share;
            double o = json_at(json, "scenarios|%s|channels|%s|offered|mean", scen[k],
                               dat_str(d, r, "group"));
            assert_true(fabs(share - o / offered) < 0.02);
        }
        assert_true(fabs(sum - 1.0) < 1e-9);
    }
    dat_free(d);
}

/* The paired differences from the first scenario: who wins and who loses (all citizens
 * first for needs given up), cost per year by part, and waits per channel. */
static void check_compare_differences(const char *json, const char *charts)
{
    const char *diff[2][2] = { { "compare-segments-gave-up", "gave_up" },
                               { "compare-segments-wait", "wait_mean_s" } };
    for (int q = 0; q < 2; q++) {
        assert_chart(charts, diff[q][0], "fewer-agents");
        struct dat *d = dat_read(charts, diff[q][0]);
        assert_int_equal(d->nrows, 2 + (q == 0));
        for (int r = 0; r < d->nrows; r++) {
            const char *g = dat_str(d, r, "group");
            int all = strcmp(g, "all citizens") == 0;
            assert_int_equal(all, q == 0 && r == 0);
            char path[256];
            if (all)
                snprintf(path, sizeof path, "differences|fewer-agents|needs|gave_up_share");
            else
                snprintf(path, sizeof path, "differences|fewer-agents|segments|%s|%s", g,
                         diff[q][1]);
            assert_string_equal(dat_str(d, r, "series"), "fewer-agents");
            assert_same(dat_num(d, r, "mean"), json_at(json, "%s|mean", path), diff[q][0]);
            assert_same(dat_num(d, r, "ci95"), json_at(json, "%s|ci95", path), diff[q][0]);
        }
        dat_free(d);
    }

    assert_chart(charts, "compare-cost-change", "change in cost per year");
    struct dat *d = dat_read(charts, "compare-cost-change");
    assert_string_equal(dat_str(d, 0, "group"), "in all");
    assert_int_equal(d->nrows, 1 + 4);          /* in all and four channels: no back office */
    for (int r = 0; r < d->nrows; r++) {
        const char *g = dat_str(d, r, "group");
        if (strcmp(g, "phone") == 0)    /* half the agents: a saving beyond its interval */
            assert_true(dat_num(d, r, "mean") + dat_num(d, r, "ci95") < 0);
        const char *part = strcmp(g, "in all") == 0 ? "total"
                         : strcmp(g, "back office") == 0 ? "back_office" : g;
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "differences|fewer-agents|cost|%s|per_year|mean", part), g);
        assert_same(dat_num(d, r, "ci95"),
                    json_at(json, "differences|fewer-agents|cost|%s|per_year|ci95", part), g);
    }
    dat_free(d);

    assert_chart(charts, "compare-waits-change", "change in mean wait (");
    d = dat_read(charts, "compare-waits-change");
    assert_int_equal(d->nrows, 2);              /* desk and phone, the assisted channels */
    for (int r = 0; r < d->nrows; r++)
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "differences|fewer-agents|channels|%s|wait_mean_s|mean",
                            dat_str(d, r, "group")), "wait change");
    dat_free(d);
}

/* Per day of the week, a panel per channel: contacts per day of each scenario and the
 * paired change in mean wait, as comparison.json has them. */
static void check_compare_weekdays(const char *json, const char *charts)
{
    assert_chart(charts, "compare-weekdays", "contacts per day");
    struct dat *d = dat_read(charts, "compare-weekdays");
    assert_int_equal(d->nrows, 2 * 7 * 2);      /* desk and phone, open every day, 2 scenarios */
    for (int r = 0; r < d->nrows; r++) {
        char day[8];
        snprintf(day, sizeof day, "%s", dat_str(d, r, "group"));
        day[0] = (char)tolower((unsigned char)day[0]);
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "scenarios|%s|weekdays|%s|%s|arrivals|mean",
                            dat_str(d, r, "series"), dat_str(d, r, "panel"), day), "weekdays");
    }
    dat_free(d);
    assert_chart(charts, "compare-weekdays-wait-change", "change in mean wait (");
    d = dat_read(charts, "compare-weekdays-wait-change");
    assert_int_equal(d->nrows, 2 * 7);
    for (int r = 0; r < d->nrows; r++) {
        char day[8];
        snprintf(day, sizeof day, "%s", dat_str(d, r, "group"));
        day[0] = (char)tolower((unsigned char)day[0]);
        const char *ch = dat_str(d, r, "panel");
        assert_same(dat_num(d, r, "mean"), json_at(json, "differences|fewer-agents|weekdays|%s|"
                                                   "%s|wait_mean_s|mean", ch, day), "change");
        assert_same(dat_num(d, r, "ci95"), json_at(json, "differences|fewer-agents|weekdays|%s|"
                                                   "%s|wait_mean_s|ci95", ch, day), "change");
    }
    dat_free(d);
    char *gp = slurp_in(charts, "compare-weekdays.gp", NULL);
    assert_non_null(strstr(gp, "set title 'desk'"));
    assert_non_null(strstr(gp, "set xtics ('Mon' 0, 'Tue' 1"));
    free(gp);
}

/* The difference charts come first in the report, in the order drawn. */
static void check_compare_order(const char *out)
{
    char *html = slurp_in(out, "report.html", NULL);
    const char *order[] = { "compare-cost-change", "compare-segments-gave-up",
                            "compare-waits-change", "compare-weekdays-wait-change",
                            "compare-segments-wait", "compare-cost", "compare-gave-up",
                            "compare-waits", "compare-weekdays", "compare-mix" };
    const char *at = html;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        char img[128];
        snprintf(img, sizeof img, "<img src=\"charts/%s.png\"", order[i]);
        const char *next = strstr(at, img);
        if (!next)
            fail_msg("report.html shows %s out of order or not at all", order[i]);
        at = next;
    }
    free(html);
}

/* The comparison's report and each scenario's own. */
static void check_compare_reports(const char *out)
{
    assert_int_equal(assert_links_exist(out), 10);
    char sub[700];
    snprintf(sub, sizeof sub, "%s/citizens", out);
    assert_int_equal(assert_links_exist(sub), 7);
    snprintf(sub, sizeof sub, "%s/fewer-agents", out);
    assert_int_equal(assert_links_exist(sub), 7);
    char *html = slurp_in(out, "report.html", NULL);
    assert_non_null(strstr(html, "href=\"fewer-agents/report.html\""));
    assert_non_null(strstr(html, "<strong>Policy question:</strong> what if the phone line "
                                 "loses half its agents?"));
    assert_non_null(strstr(html, "paired differences"));
    free(html);
}

/* A comparison's charts hold the figures and paired differences of comparison.json. */
static void test_compare_charts(void **state)
{
    (void)state;
    need_gnuplot();
    char cfg[2048], args[4096], out[512], charts[600];
    /* the test town with costs (test assumptions), so that cost differences are not zero */
    snprintf(cfg, sizeof cfg,
             "extends = \"%s/tests/scenarios/citizens.cfg\";\ncurrency = \"EUR\";\n"
             "channels = ( { name = \"desk\"; cost = { per_agent_hour = 48.0; }; },\n"
             "  { name = \"phone\"; cost = { per_agent_hour = 45.0; per_contact = 0.2; }; },\n"
             "  { name = \"web\"; cost = { per_session = 0.15; }; } );\n", CHANMIX_SOURCE_DIR);
    testutil_write(tmpdir, "priced.cfg", cfg);
    snprintf(cfg, sizeof cfg,
             "# Fewer phone agents.\n#\n# Policy question: what if the phone line loses half "
             "its agents?\n\nextends = \"%s/priced.cfg\";\n"
             "name = \"fewer-agents\";\n"
             "channels = ( { name = \"phone\"; agents = 3; } );\n", tmpdir);
    testutil_write(tmpdir, "fewer.cfg", cfg);
    snprintf(out, sizeof out, "%s/cmp", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", out);
    snprintf(args, sizeof args, "compare '%s/priced.cfg' '%s/fewer.cfg' "
             "--replications 2 --quiet --out '%s'", tmpdir, tmpdir, out);
    int rc = chanmix(NULL, args, "cmp");
    if (rc != 0)
        fail_msg("chanmix compare exited %d:\n%s", rc, stderr_of("cmp"));
    char *err = stderr_of("cmp");
    assert_string_equal(err, "");
    free(err);
    char *json = slurp_in(out, "comparison.json", NULL);
    assert_non_null(json);
    check_compare_figures(json, charts);
    check_compare_mix(json, charts);
    check_compare_differences(json, charts);
    check_compare_weekdays(json, charts);
    free(json);
    check_compare_reports(out);
    check_compare_order(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_charts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
