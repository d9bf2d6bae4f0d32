/*
 * Scenario files: the catalogue of broken files and the errors they must
 * give, inheritance and its merge rules, the shipped library, output
 * files, and comparison on common random numbers.
 */
#include <dirent.h>
#include <math.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"
#include "models/comparison.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "test");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

/*
 * Every file in tests/broken fails with exit status 2, prints every error
 * its "# expect:" lines name, prints nothing on stdout and creates no
 * output folder.
 */
static void test_broken_catalogue(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/broken", CHANMIX_SOURCE_DIR);
    static char names[TESTUTIL_MAX_FILES][256];
    int files = testutil_cfg_files(dir, names);
    for (int i = 0; i < files; i++) {
        const char *name = names[i];
        char path[1024], out[1024], cmd[4096];
        snprintf(path, sizeof path, "%s/%.255s", dir, name);
        snprintf(out, sizeof out, "%s/out-%.255s", tmpdir, name);
        snprintf(cmd, sizeof cmd, "'%s' run '%s' --quiet --json --out '%s' 2>&1 >'%s/stdout'",
                 CHANMIX_BINARY, path, out, tmpdir);
        int status;
        char *err = testutil_capture(cmd, &status);
        char so[512];
        snprintf(so, sizeof so, "%s/stdout", tmpdir);
        char *stdout_text = testutil_slurp(so, NULL);
        char *text = testutil_slurp(path, NULL);
        assert_non_null(text);
        int expects = 0;
        for (char *line = strstr(text, "# expect: "); line; line = strstr(line + 1, "# expect: ")) {
            char want[512];
            const char *from = line + 10;
            size_t n = strcspn(from, "\n");
            snprintf(want, sizeof want, "%.*s", (int)n, from);
            if (!strstr(err, want))
                fail_msg("%s: expected \"%s\" in:\n%s", name, want, err);
            expects++;
        }
        assert_true(expects > 0);
        if (status != 2)
            fail_msg("%s: exit status %d, not 2", name, status);
        assert_string_equal(stdout_text, "");
        struct stat st;
        if (stat(out, &st) == 0)
            fail_msg("%s: the output folder was created", name);
        free(err);
        free(text);
        free(stdout_text);
    }
    print_message("  %d broken scenario files give their errors\n", files);
    assert_true(files >= 25);
}

/* Every shipped scenario validates and runs. */
static void test_shipped_scenarios_validate_and_run(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/scenarios", CHANMIX_SOURCE_DIR);
    static char names[TESTUTIL_MAX_FILES][256];
    int files = testutil_cfg_files(dir, names);
    for (int i = 0; i < files; i++) {
        const char *name = names[i];
        char cmd[2048];
        int status;
        snprintf(cmd, sizeof cmd, "'%s' validate '%s/%.255s' 2>&1", CHANMIX_BINARY, dir, name);
        char *text = testutil_capture(cmd, &status);
        if (status != 0)
            fail_msg("%s does not validate:\n%s", name, text);
        assert_non_null(strstr(text, "channels"));
        free(text);
        snprintf(cmd, sizeof cmd, "'%s' run '%s/%.255s' --quiet --replications 2 --json",
                 CHANMIX_BINARY, dir, name);
        text = testutil_capture(cmd, &status);
        if (status != 0)
            fail_msg("%s does not run", name);
        assert_non_null(strstr(text, "\"needs\""));
        free(text);
    }
    print_message("  %d shipped scenarios validate and run\n", files);
    assert_true(files >= 11);
}

static const char base_cfg[] =
    "name = \"base\";\n"
    "seed = 3;\n"
    "replications = 2;\n"
    "horizon_days = 1.0;\n"
    "channels = (\n"
    "  { name = \"phone\"; kind = \"phone\"; agents = 5; target_s = 20.0;\n"
    "    handling = { dist = \"exponential\"; mean_s = 180.0; }; },\n"
    "  { name = \"desk\"; kind = \"desk\"; agents = 2;\n"
    "    handling = { dist = \"exponential\"; mean_s = 600.0; }; }\n"
    ");\n"
    "arrivals = ( { channel = \"phone\"; per_interval = 30.0; } );\n";

/* Overrides by path, named lists merged by name, a chain of three, and errors at the child's lines. */
static void test_inheritance(void **state)
{
    (void)state;
    testutil_write(tmpdir, "base.cfg", base_cfg);
    testutil_write(tmpdir, "child.cfg",
               "extends = \"base.cfg\";\n"
               "name = \"child\";\n"
               "channels = (\n"
               "  { name = \"phone\"; agents = 9; },\n"
               "  { name = \"chat\"; kind = \"chat\"; agents = 1; sessions = 2;\n"
               "    handling = { dist = \"constant\"; mean_s = 300.0; }; }\n"
               ");\n");
    testutil_write(tmpdir, "grandchild.cfg",
               "extends = \"child.cfg\";\n"
               "name = \"grandchild\";\n"
               "channels = ( { name = \"desk\"; handling = { mean_s = 900.0; }; } );\n"
               "arrivals = ( { channel = \"chat\"; per_interval = 5.0; } );\n");
    char path[512];
    static struct model m;
    struct scenario_errors err;
    snprintf(path, sizeof path, "%s/grandchild.cfg", tmpdir);
    int rc = scenario_load(path, &m, &err);
    for (size_t i = 0; i < err.n; i++)
        print_error("%s\n", err.lines[i]);
    scenario_errors_free(&err);
    assert_int_equal(rc, 0);
    assert_string_equal(m.name, "grandchild");
    assert_int_equal(m.seed, 3);                        /* from the base */
    assert_int_equal(m.n_channels, 3);                  /* chat appended by name */
    int phone = model_find_channel(&m, "phone"), desk = model_find_channel(&m, "desk"),
        chat = model_find_channel(&m, "chat");
    assert_true(phone >= 0 && desk >= 0 && chat >= 0);
    assert_int_equal(m.channels[phone].agents, 9);      /* child overrides one member */
    assert_true(m.channels[phone].target_s == 20.0);    /* ... and keeps the others */
    assert_true(m.channels[desk].handling.mean == 900.0);
    assert_int_equal(m.channels[desk].handling.kind, DIST_EXPONENTIAL);
    assert_int_equal(m.channels[chat].sessions, 2);
    assert_int_equal(m.n_sources, 1);                   /* unnamed lists are replaced whole */
    assert_int_equal(m.sources[0].channel, chat);

    /* an error in an inherited chain names the file and line where it was written */
    testutil_write(tmpdir, "bad.cfg", "extends = \"child.cfg\";\n\nchannels = ( { name = \"desk\"; agents = -2; } );\n");
    snprintf(path, sizeof path, "%s/bad.cfg", tmpdir);
    assert_int_equal(scenario_load(path, &m, &err), -1);
    assert_int_equal(err.n, 1);
    assert_non_null(strstr(err.lines[0], "bad.cfg:3: channels.desk.agents: must be >= 0, got -2"));
    scenario_errors_free(&err);

    /* and validate prints the merged result */
    char cmd[1024];
    int status;
    snprintf(cmd, sizeof cmd, "'%s' validate '%s/grandchild.cfg'", CHANMIX_BINARY, tmpdir);
    char *text = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(text, "name = \"grandchild\";"));
    assert_non_null(strstr(text, "agents = 9;"));
    assert_null(strstr(text, "extends"));
    free(text);
}

/* --out writes every file, summary.json equals --json, nothing temporary is left. */
static void test_output_files(void **state)
{
    (void)state;
    char cmd[2048], out[512];
    int status;
    snprintf(out, sizeof out, "%s/run", tmpdir);
    snprintf(cmd, sizeof cmd, "'%s' run '%s/tests/scenarios/citizens.cfg' --quiet --json --out '%s'",
             CHANMIX_BINARY, CHANMIX_SOURCE_DIR, out);
    char *json = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    const char *files[] = { "summary.json", "channels.csv", "segments.csv", "types.csv",
                            "services.csv", "intervals.csv", "escalations.csv", "costs.csv",
                            "totals.csv" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", out, files[i]);
        char *text = testutil_slurp(p, NULL);
        if (!text)
            fail_msg("%s was not written", files[i]);
        assert_true(strlen(text) > 20);
        if (i == 0)
            assert_string_equal(text, json);
        free(text);
    }
    char p[1024];
    snprintf(p, sizeof p, "%s/channels.csv", out);
    char *csv = testutil_slurp(p, NULL);
    assert_non_null(strstr(csv, "channel,offered_mean,offered_ci95,"));
    assert_non_null(strstr(csv, "\nphone,"));
    free(csv);
    DIR *d = opendir(out);
    struct dirent *de;
    while ((de = readdir(d)))
        assert_null(strstr(de->d_name, ".tmp"));
    closedir(d);
    free(json);
}

/* For a small change, the paired interval is narrower than the unpaired one. */
static void test_paired_interval_is_narrower(void **state)
{
    (void)state;
    struct model **models = calloc(2, sizeof *models);
    assert_non_null(models);
    for (int k = 0; k < 2; k++) {
        models[k] = malloc(sizeof **models);
        testutil_load("scenarios/baseline.cfg", models[k]);
        models[k]->horizon_s = models[k]->warmup_s + 14 * 86400.0;
    }
    int phone = model_find_channel(models[1], "phone");
    snprintf(models[1]->name, sizeof models[1]->name, "one-more-agent");
    for (int q = 0; q < SCHEDULE_SLOTS; q++)
        models[1]->channels[phone].week.agents[q] += 1;
    struct comparison c;
    assert_int_equal(comparison_run(&c, models, 2, 10, 0, NULL, NULL), 0);
    const char *paths[] = { "channels.phone.wait_mean_s", "channels.phone.service_level",
                            "needs.gave_up" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        long ia = metrics_find(c.runs[0].ix.layout, paths[i]);
        long ib = metrics_find(c.runs[1].ix.layout, paths[i]);
        assert_true(ia >= 0 && ib >= 0 && c.present[1][ib]);
        const struct estimate *a = &c.runs[0].summary[ia], *b = &c.runs[1].summary[ib];
        double unpaired = sqrt(a->ci95 * a->ci95 + b->ci95 * b->ci95);
        double paired = c.diff[1][ib].ci95;
        print_message("  %-30s difference %+.4f: paired ± %.4f, unpaired ± %.4f\n", paths[i],
                      c.diff[1][ib].mean, paired, unpaired);
        assert_true(paired < unpaired);
    }
    comparison_free(&c);
}

/* chanmix compare --json: "scenarios" and "differences", keyed by name. */
static void test_compare_json(void **state)
{
    (void)state;
    char cmd[2048];
    int status;
    snprintf(cmd, sizeof cmd,
             "'%s' compare '%s/scenarios/baseline.cfg' '%s/scenarios/callback.cfg' --json "
             "--quiet --replications 3", CHANMIX_BINARY, CHANMIX_SOURCE_DIR, CHANMIX_SOURCE_DIR);
    char *json = testutil_capture(cmd, &status);
    assert_int_equal(status, 0);
    const char *scen = strstr(json, "\"scenarios\": {");
    const char *diff = strstr(json, "\"differences\": {");
    assert_non_null(scen);
    assert_non_null(diff);
    assert_non_null(strstr(scen, "\"baseline\": {"));
    assert_non_null(strstr(scen, "\"callback\": {"));
    assert_non_null(strstr(diff, "\"callback\": {"));
    assert_non_null(strstr(diff, "\"service_level\": {\"mean\": "));
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_catalogue),
        cmocka_unit_test(test_shipped_scenarios_validate_and_run),
        cmocka_unit_test(test_inheritance),
        cmocka_unit_test(test_output_files),
        cmocka_unit_test(test_paired_interval_is_narrower),
        cmocka_unit_test(test_compare_json),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
