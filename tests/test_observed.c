/*
 * Observed files for chanmix calibrate: what the reader accepts (quotes, a
 * byte-order mark, CRLF, columns in any order, percentages), how rows
 * group, and every bad file refused with file:line: column: message; then
 * the command: exit 2 and no files for a bad file or a request that cannot
 * be fitted, and for a good one calibrated.cfg, fit.csv and report.html,
 * with calibrated.cfg loading and reproducing the fit table.
 */
#include <sys/stat.h>
#include "testutil.h"
#include "models/calibrate.h"
#include "scenarios/observed_csv.h"

static char tmpdir[256];
static struct model town;

static int setup(void **state)
{
    (void)state;
    testutil_load("tests/scenarios/calibrate.cfg", &town);
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "observed");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

static struct calibrate_observed obs;

/* Reads text as seen.csv against the test town; returns the reader's result. */
static int read_text(const char *text, struct scenario_errors *err)
{
    testutil_write(tmpdir, "seen.csv", text);
    char path[512];
    snprintf(path, sizeof path, "%s/seen.csv", tmpdir);
    err->lines = NULL;
    err->n = 0;
    int rc = observed_csv_read(path, "seen.csv", &town, &obs, err);
    for (size_t i = 0; i < err->n; i++)
        print_message("  %s\n", err->lines[i]);
    return rc;
}

static void test_reader_accepts_what_spreadsheets_write(void **state)
{
    (void)state;
    struct scenario_errors err;
    int rc = read_text("\xef\xbb\xbf" "Contacts,CHANNEL,note,segment,service\r\n"
                       "100,phone,x,,\r\n"
                       "\"30\",\"desk\",\"a, b\",,\r\n"
                       "\r\n"
                       "20,phone,,,\r\n"                      /* adds up with line 2 */
                       "7,web,,,question\r\n"
                       "3,app,,,question\r\n", &err);
    assert_int_equal(rc, 0);
    assert_int_equal(obs.n, 2);
    assert_string_equal(obs.file, "seen.csv");
    const struct calibrate_group *all = &obs.g[0], *q = &obs.g[1];
    assert_int_equal(all->level, CALIBRATE_ALL);
    assert_int_equal(all->first_line, 2);
    assert_close(all->value[1], 120.0, 0.0);
    assert_int_equal(all->line[1], 2);
    assert_close(all->value[0], 30.0, 0.0);
    assert_false(all->listed[2]);
    assert_int_equal(q->level, CALIBRATE_SERVICE);
    assert_int_equal(q->index, 1);
    assert_close(q->value[3], 3.0, 0.0);

    rc = read_text("segment,channel,share\n"
                   "offline,desk,25%\n"
                   "offline,phone,0.6\n"
                   "online,web,50.5%\n", &err);
    assert_int_equal(rc, 0);
    assert_int_equal(obs.n, 2);
    assert_true(obs.g[0].shares && obs.g[0].level == CALIBRATE_SEGMENT && obs.g[0].index == 1);
    assert_close(obs.g[0].value[0], 0.25, 1e-12);
    assert_close(obs.g[0].value[1], 0.6, 1e-12);
    assert_close(obs.g[1].value[2], 0.505, 1e-12);
}

/* text must be refused, with `want` among the errors. */
static void refused(const char *text, const char *want)
{
    struct scenario_errors err;
    assert_int_equal(read_text(text, &err), -1);
    int found = 0;
    for (size_t i = 0; i < err.n; i++)
        found |= strstr(err.lines[i], want) != NULL;
    if (!found)
        fail_msg("no error says '%s'", want);
    assert_int_equal(obs.n, 0);
    scenario_errors_free(&err);
}

static void test_reader_refuses_bad_files(void **state)
{
    (void)state;
    refused("", "seen.csv:1: the file is empty");
    refused("channel,contacts\n", "seen.csv:2: no rows after the header");
    refused("channel,segment\nphone,online\n", "seen.csv:1: contacts: missing column");
    refused("contacts\n4\n", "seen.csv:1: channel: missing column");
    refused("channel,contacts\nphone,many\n", "seen.csv:2: contacts: 'many' is not a number");
    refused("channel,contacts\nphone,4\nfax,2\n",
            "seen.csv:3: channel: no channel named 'fax' in the scenario (desk, phone, web, app)");
    refused("channel,contacts,segment\nphone,4,students\n",
            "seen.csv:2: segment: no segment named 'students' in the scenario (online, offline)");
    refused("channel,contacts,service\nphone,4,tax\n",
            "seen.csv:2: service: no service named 'tax' in the scenario (permit, question)");
    refused("channel,contacts\nphone,-3\n", "seen.csv:2: contacts: must be >= 0, got -3");
    refused("channel,share\nphone,45\n", "seen.csv:2: share: must be from 0 to 1");
    refused("channel,contacts\n,4\n", "seen.csv:2: channel: missing value");
    refused("channel,contacts,share\nphone,,\n", "seen.csv:2: contacts: missing value");
    refused("channel,contacts,share\nphone,4,0.5\n", "seen.csv:2: share: a row gives contacts "
            "or a share, not both");
    refused("channel,contacts,segment,service\nphone,4,online,permit\n",
            "seen.csv:2: service: a row gives a segment or a service, not both");
    refused("channel,contacts,share,segment\nphone,4,,online\ndesk,,0.2,online\n",
            "seen.csv:3: share: the rows of segment online give contacts (line 2)");
    refused("channel,share\nphone,0.2\nphone,0.3\n",
            "seen.csv:3: share: a second share of all citizens on phone (the first is on line 2)");
    refused("channel,contacts\n\"phone,4\n", "not valid CSV");
}

/* chanmix calibrate with these arguments; its stderr in *out, its status returned. */
static int calibrate(const char *args, char **out)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd %s && %s calibrate tests/scenarios/calibrate.cfg %s "
             "--quiet 2>&1 >/dev/null", CHANMIX_SOURCE_DIR, CHANMIX_BINARY, args);
    int status;
    *out = testutil_capture(cmd, &status);
    print_message("%s", *out);
    return status;
}

static int exists(const char *dir, const char *name)
{
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

static void test_command_refuses_without_files(void **state)
{
    (void)state;
    char args[1024], *out;
    testutil_write(tmpdir, "bad.csv", "channel,contacts\nphone,4\nfax,x\n");
    snprintf(args, sizeof args, "--observed %s/bad.csv --out %s/bad", tmpdir, tmpdir);
    assert_int_equal(calibrate(args, &out), 2);
    assert_non_null(strstr(out, "bad.csv:3: channel: no channel named 'fax'"));
    assert_non_null(strstr(out, "bad.csv:3: contacts: 'x' is not a number"));
    assert_false(exists(tmpdir, "bad"));
    free(out);

    testutil_write(tmpdir, "over.csv", "channel,share,segment\nphone,0.7,online\n"
                   "web,0.5,online\n");
    snprintf(args, sizeof args, "--observed %s/over.csv --out %s/over", tmpdir, tmpdir);
    assert_int_equal(calibrate(args, &out), 2);
    assert_non_null(strstr(out, "over.csv:2: the shares of segment online sum to 1.200, above 1"));
    assert_false(exists(tmpdir, "over"));
    free(out);
}

/* The simulated column of fit.csv's row for segment seg and channel ch. */
static double fit_csv_simulated(const char *csv, const char *seg, const char *ch)
{
    char key[128];
    snprintf(key, sizeof key, "\nsegment,%s,%s,share,", seg, ch);
    const char *row = strstr(csv, key);
    assert_non_null(row);
    double observed, simulated;
    assert_int_equal(sscanf(row + strlen(key), "%lf,%lf", &observed, &simulated), 2);
    return simulated;
}

static void test_command_writes_a_scenario_that_reproduces_the_fit(void **state)
{
    (void)state;
    char args[1024], dir[600], path[700], *out;
    testutil_write(tmpdir, "survey.csv", "segment,channel,share\n"
                   "online,desk,6%\nonline,phone,25%\nonline,web,50%\n"
                   "offline,desk,25%\noffline,phone,55%\n");
    snprintf(dir, sizeof dir, "%s/fit", tmpdir);
    snprintf(args, sizeof args, "--observed %s/survey.csv --out %s", tmpdir, dir);
    assert_int_equal(calibrate(args, &out), 0);
    free(out);
    assert_true(exists(dir, "calibrated.cfg") && exists(dir, "fit.csv") &&
                exists(dir, "report.html"));
    snprintf(path, sizeof path, "%s/report.html", dir);
    char *html = testutil_slurp(path, NULL);
    assert_non_null(html);
    const char *yes = strstr(html, "<strong>Yes.</strong> Fitted in ");
    assert_non_null(yes);
    assert_true(yes < strstr(html, "<table>"));     /* the answer comes first */
    free(html);
    snprintf(path, sizeof path, "%s/calibrated.cfg", dir);
    char *cfg = testutil_slurp(path, NULL);
    assert_non_null(strstr(cfg, "# fitted to "));
    assert_non_null(strstr(cfg, "survey.csv (was "));
    free(cfg);

    static struct model m;
    struct scenario_errors err;
    assert_int_equal(scenario_load(path, &m, &err), 0);
    struct experiment e;
    assert_int_equal(experiment_run(&e, &m, 0, 0, NULL, NULL), 0);
    snprintf(path, sizeof path, "%s/fit.csv", dir);
    char *csv = testutil_slurp(path, NULL);
    static const char *const seg[] = { "online", "online", "offline" };
    static const char *const ch[] = { "desk", "web", "phone" };
    for (int i = 0; i < 3; i++) {
        long k = results_share(&e.ix, GROUP_SEGMENT, model_find_segment(&m, seg[i]),
                               model_find_channel(&m, ch[i]));
        double want = fit_csv_simulated(csv, seg[i], ch[i]);
        print_message("  %s %s: run %.6g, fit table %.6g\n", seg[i], ch[i], e.summary[k].mean,
                      want);
        assert_close(e.summary[k].mean, want, 1e-6);
    }
    free(csv);
    experiment_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_accepts_what_spreadsheets_write),
        cmocka_unit_test(test_reader_refuses_bad_files),
        cmocka_unit_test(test_command_refuses_without_files),
        cmocka_unit_test(test_command_writes_a_scenario_that_reproduces_the_fit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
