/*
 * The HTML report: it escapes scenario text; without gnuplot the results
 * and the report are still written, with one line on stderr; a failing
 * gnuplot is reported.
 */
#include "reportutil.h"

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "report");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

/* The question from the scenario file is escaped (scenario names are
 * restricted by the loader to letters, digits, '-', '_' and '.'). */
static void test_report_escapes(void **state)
{
    (void)state;
    char cfg[2048], out[512];
    snprintf(cfg, sizeof cfg,
             "# Policy question: is <script>alert('x')</script> & \"this\" shown as text?\n"
             "extends = \"%s/tests/scenarios/citizens.cfg\";\n"
             "name = \"odd.one\";\n", CHANMIX_SOURCE_DIR);
    testutil_write(tmpdir, "odd.cfg", cfg);
    snprintf(out, sizeof out, "%s/odd", tmpdir);
    char args[2048];
    snprintf(args, sizeof args, "run '%s/odd.cfg' --replications 2 --quiet --out '%s'", tmpdir, out);
    assert_int_equal(chanmix(NULL, args, "odd"), 0);
    char *html = slurp_in(out, "report.html", NULL);
    assert_non_null(html);
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                                 "&quot;this&quot;"));
    assert_non_null(strstr(html, "<h1>Scenario odd.one</h1>"));
    free(html);
    assert_links_exist(out);
}

/* Without gnuplot: JSON, CSV and a report without images, one line on stderr, exit 0. */
static void test_without_gnuplot(void **state)
{
    (void)state;
    const char *envs[2] = { "CHANMIX_GNUPLOT=/nonexistent", "PATH=/nonexistent-chanmix-dir" };
    for (int i = 0; i < 2; i++) {
        char out[512], name[32];
        snprintf(out, sizeof out, "%s/nognuplot%d", tmpdir, i);
        snprintf(name, sizeof name, "nognuplot%d", i);
        run_citizens(out, envs[i], name, 0);
        char *err = stderr_of(name);
        if (count_lines(err) != 1 || !strstr(err, "charts skipped"))
            fail_msg("with %s, stderr is not one line about skipped charts:\n%s", envs[i], err);
        assert_non_null(strstr(err, i == 0 ? "/nonexistent" : "gnuplot is not installed"));
        free(err);
        const char *files[] = { "summary.json", "channels.csv", "segments.csv", "intervals.csv",
                                "escalations.csv", "costs.csv", "totals.csv", "report.html" };
        for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", out, files[f]);
            if (!file_exists(path))
                fail_msg("with %s, %s was not written", envs[i], files[f]);
        }
        char path[1024];
        snprintf(path, sizeof path, "%s/charts/mix.png", out);
        assert_false(file_exists(path));
        snprintf(path, sizeof path, "%s/charts/mix.dat", out);
        assert_true(file_exists(path));             /* the data, to draw later */
        assert_int_equal(assert_links_exist(out), 0);
        char *html = slurp_in(out, "report.html", NULL);
        assert_non_null(strstr(html, "The charts were not drawn"));
        free(html);
    }
    /* a comparison makes three sets of charts and still says it once */
    char args[4096], out[512];
    snprintf(out, sizeof out, "%s/nognuplot-cmp", tmpdir);
    snprintf(args, sizeof args, "compare '%s/tests/scenarios/citizens.cfg' '%s/tests/scenarios/"
             "citizens.cfg' --replications 2 --quiet --out '%s'", CHANMIX_SOURCE_DIR,
             CHANMIX_SOURCE_DIR, out);
    /* the same file twice has one name: compared scenarios need two */
    assert_int_equal(chanmix("CHANMIX_GNUPLOT=/nonexistent", args, "nognuplot-cmp"), 2);
    char cfg[1024];
    snprintf(cfg, sizeof cfg, "extends = \"%s/tests/scenarios/citizens.cfg\";\nname = \"copy\";\n",
             CHANMIX_SOURCE_DIR);
    testutil_write(tmpdir, "copy.cfg", cfg);
    snprintf(args, sizeof args, "compare '%s/tests/scenarios/citizens.cfg' '%s/copy.cfg' "
             "--replications 2 --quiet --out '%s'", CHANMIX_SOURCE_DIR, tmpdir, out);
    assert_int_equal(chanmix("CHANMIX_GNUPLOT=/nonexistent", args, "nognuplot-cmp"), 0);
    char *err = stderr_of("nognuplot-cmp");
    if (count_lines(err) != 1 || !strstr(err, "charts skipped"))
        fail_msg("compare without gnuplot: stderr is not one line:\n%s", err);
    free(err);
    assert_int_equal(assert_links_exist(out), 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/comparison.json", out);
    assert_true(file_exists(path));
}

/* gnuplot that fails is reported, with exit status 1, and the folder is not written at all. */
static void test_gnuplot_failure(void **state)
{
    (void)state;
    const char *fakes[2] = { "/bin/false", "/bin/true" };   /* fails; writes no image */
    const char *says[2] = { "gnuplot failed", "did not write" };
    for (int i = 0; i < 2; i++) {
        char out[512], env[64], name[32];
        snprintf(out, sizeof out, "%s/badgnuplot%d", tmpdir, i);
        snprintf(env, sizeof env, "CHANMIX_GNUPLOT=%s", fakes[i]);
        snprintf(name, sizeof name, "badgnuplot%d", i);
        run_citizens(out, env, name, 1);
        char *err = stderr_of(name);
        if (!strstr(err, says[i]) || !strstr(err, "not drawn"))
            fail_msg("with %s, stderr does not report the failure:\n%s", env, err);
        if (!strstr(err, "left as it was"))
            fail_msg("with %s, stderr does not say the folder was left alone:\n%s", env, err);
        free(err);
        struct stat st;
        assert_int_equal(stat(out, &st), -1);      /* all or nothing: nothing */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_escapes),
        cmocka_unit_test(test_without_gnuplot),
        cmocka_unit_test(test_gnuplot_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
