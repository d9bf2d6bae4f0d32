/*
 * Figures that cannot be read as usual are said to be so: an overloaded
 * channel is flagged in the terminal, the JSON and the report; a wait
 * percentile beyond the histogram reads "> X"; one replication has no
 * interval (null in JSON, empty in CSV, n/a in the terminal).
 */
#include "testutil.h"

static char *run(const char *args, int *status)
{
    char cmd[2048];
    /* a bound on memory, but not under AddressSanitizer, which reserves terabytes of addresses */
    snprintf(cmd, sizeof cmd, "[ -n \"$CHANMIX_SANITIZED\" ] || ulimit -v 4000000; '%s' run %s "
             "2>/dev/null", CHANMIX_BINARY, args);
    return testutil_capture(cmd, status);
}

static void test_overload_is_flagged(void **state)
{
    (void)state;
    int status;
    char *text = run("tests/scenarios/overload.cfg --quiet", &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(text, "WARNING: phone is overloaded: it was offered"));
    assert_non_null(strstr(text, "the line was still growing"));
    /* the 90th percentile is beyond the histogram's 10^6 s: a lower bound */
    const char *p90 = strstr(text, "wait, 90th percentile");
    assert_non_null(p90);
    const char *eol = strchr(p90, '\n');
    const char *over = strstr(p90, "> 1000000 ±");
    assert_true(over && over < eol);
    free(text);
    char *json = run("tests/scenarios/overload.cfg --quiet --json", &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(json, "\"warnings\": [\n    \"phone is overloaded"));
    free(json);

    /* no agents at all */
    char dir[256];
    assert_int_equal(testutil_tmpdir(dir, sizeof dir, "overload"), 0);
    testutil_write(dir, "none.cfg", "extends = \"" CHANMIX_SOURCE_DIR
                   "/tests/scenarios/overload.cfg\";\nname = \"none\";\nhorizon_days = 2.0;\n"
                   "channels = ( { name = \"phone\"; agents = 0; } );\n");
    char args[600];
    snprintf(args, sizeof args, "%s/none.cfg --quiet", dir);
    text = run(args, &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(text, "WARNING: phone is overloaded: no agent was on duty"));
    free(text);
    testutil_rmtree(dir);
}

static void test_a_balanced_line_is_not_flagged(void **state)
{
    (void)state;
    int status;
    char *json = run("tests/scenarios/erlang_c.cfg --quiet --json --replications 2", &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(json, "\"warnings\": [],"));
    free(json);
}

static void test_one_replication_has_no_interval(void **state)
{
    (void)state;
    int status;
    char *text = run("tests/scenarios/erlang_c.cfg --quiet --replications 1", &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(text, "± n/a"));
    assert_null(strstr(text, "± 0.000"));
    free(text);
    char *json = run("tests/scenarios/erlang_c.cfg --quiet --json --replications 1", &status);
    assert_non_null(strstr(json, "\"ci95\": null"));
    assert_null(strstr(json, "\"ci95\": 0}"));
    free(json);
    char dir[256], args[600];
    assert_int_equal(testutil_tmpdir(dir, sizeof dir, "onerep"), 0);
    snprintf(args, sizeof args, "tests/scenarios/erlang_c.cfg --quiet --replications 1 --out %s/o",
             dir);
    free(run(args, &status));
    assert_int_equal(status, 0);
    char path[700];
    snprintf(path, sizeof path, "%s/o/channels.csv", dir);
    char *csv = testutil_slurp(path, NULL);
    assert_non_null(csv);
    /* offered_mean then an empty offered_ci95 */
    char *row = strchr(csv, '\n') + 1;
    assert_true(strncmp(row, "phone,", 6) == 0);
    char *cell = strchr(row + 6, ',');
    assert_true(cell[1] == ',');
    free(csv);
    testutil_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overload_is_flagged),
        cmocka_unit_test(test_a_balanced_line_is_not_flagged),
        cmocka_unit_test(test_one_replication_has_no_interval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
