/*
 * Bad input never crashes the loader.  Starting from every shipped scenario
 * and the hostile inputs below, a fixed-seed generator mutates the text
 * (flips, deletions, duplicated lines, numbers made huge, negative or
 * fractional, strings emptied) and loads each mutant: it must load or be
 * refused with at least one error naming a file and a line, and never crash
 * or hang.  The hostile inputs themselves must be refused.
 */
#include <sys/stat.h>
#include <unistd.h>
#include <gsl/gsl_rng.h>
#include "testutil.h"
#include "sim/rng.h"

#define MUTANTS_PER_FILE 150

static const char *const tokens[] = { "-1", "0", "1e300", "-1e300", "0.5", "\"\"", "\"x\"",
                                      "( )", "{ }", "[ ]", "true", "nan", "99999999999",
                                      "\"25:00-26:00\"", "\"mon-sun\"", ";", "=", "}" };

/*
 * Inputs that once crashed, hung or ran away (issue 11), each refused with
 * an error that starts "FILE:LINE:" as given.  They sit beside copies of
 * the shipped scenarios, with a FIFO named fifo and a folder named folder.
 */
static const struct hostile {
    const char *name, *text, *error;
} hostile[] = {
    { "weibull.cfg", "extends = \"baseline.cfg\";\nchannels = ( { name = \"phone\";\n"
      "  patience = { dist = \"weibull\"; mean_s = 600.0; shape = 0.003; }; } );\n",
      "weibull.cfg:3: channels.phone.patience.shape" },
    { "chase.cfg", "extends = \"baseline.cfg\";\n"
      "back_office = { chase_after = { dist = \"exponential\"; mean_s = 1e-9; }; };\n",
      "chase.cfg:2: back_office.chase_after.mean_s" },
    { "arrivals.cfg", "extends = \"baseline.cfg\";\n"
      "arrivals = ( { channel = \"phone\"; per_interval = 5e8; } );\n",
      "arrivals.cfg:2: arrivals[0].per_interval" },
    { "needs.cfg", "extends = \"baseline.cfg\";\npopulation = 50000000;\n"
      "services = ( { name = \"waste\"; per_1000_year = 100000.0; } );\n",
      "needs.cfg:2: population" },
    { "fifo.cfg", "extends = \"fifo\";\n", "fifo.cfg:1: extends" },
    { "folder.cfg", "extends = \"folder\";\n", "folder.cfg:1: extends" },
    { "procmem.cfg", "extends = \"/proc/self/mem\";\n", "/proc/self/mem:1:" },
};

/* One random edit of text (len bytes) into out; returns the new length. */
static size_t mutate(const char *text, size_t len, gsl_rng *r, char *out, size_t cap)
{
    size_t at = gsl_rng_uniform_int(r, len);
    size_t n = 0;
    unsigned kind = (unsigned)gsl_rng_uniform_int(r, 4);
    const char *tok = tokens[gsl_rng_uniform_int(r, sizeof tokens / sizeof tokens[0])];
    for (size_t i = 0; i < len && n + 64 < cap; i++) {
        if (i == at) {
            if (kind == 0)          /* delete a byte */
                continue;
            if (kind == 1) {        /* flip a byte */
                out[n++] = (char)(text[i] ^ (1 << gsl_rng_uniform_int(r, 7)));
                continue;
            }
            if (kind == 2) {        /* insert a token */
                for (const char *t = tok; *t; t++)
                    out[n++] = *t;
            }
            if (kind == 3) {        /* replace a number with a token */
                if (text[i] >= '0' && text[i] <= '9') {
                    while (i < len && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.'))
                        i++;
                    for (const char *t = tok; *t; t++)
                        out[n++] = *t;
                    i--;
                    continue;
                }
            }
        }
        out[n++] = text[i];
    }
    return n;
}

/* Loads path: 1 loaded, 0 refused with a first error naming a .cfg file and a line. */
static int load_or_refuse(const char *path, struct model *m, char *first, size_t size)
{
    struct scenario_errors err;
    int rc = scenario_load(path, m, &err);
    if (rc != 0) {
        assert_true(err.n > 0);
        const char *colon = strstr(err.lines[0], ":");
        assert_non_null(colon);
        assert_true(colon[1] >= '0' && colon[1] <= '9');
        snprintf(first, size, "%s", err.lines[0]);
    }
    scenario_errors_free(&err);
    return rc == 0;
}

/* The hostile inputs are refused, each at its own file, line and setting. */
static void test_hostile_inputs_refused(void **state)
{
    (void)state;
    char tmp[256], path[600], first[1024];
    assert_int_equal(testutil_tmpdir(tmp, sizeof tmp, "hostile"), 0);
    char *base = testutil_slurp(CHANMIX_SOURCE_DIR "/scenarios/baseline.cfg", NULL);
    assert_non_null(base);
    testutil_write(tmp, "baseline.cfg", base);
    free(base);
    snprintf(path, sizeof path, "%s/fifo", tmp);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(path, sizeof path, "%s/folder", tmp);
    assert_int_equal(mkdir(path, 0700), 0);
    static struct model m;
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        testutil_write(tmp, hostile[i].name, hostile[i].text);
        snprintf(path, sizeof path, "%s/%s", tmp, hostile[i].name);
        if (load_or_refuse(path, &m, first, sizeof first))
            fail_msg("%s was loaded", hostile[i].name);
        if (!strstr(first, hostile[i].error))
            fail_msg("%s: first error is '%s', not at %s", hostile[i].name, first,
                     hostile[i].error);
    }
    testutil_rmtree(tmp);
}

static void test_mutants_never_crash(void **state)
{
    (void)state;
    char dir[512], tmp[256];
    snprintf(dir, sizeof dir, "%s/scenarios", CHANMIX_SOURCE_DIR);
    assert_int_equal(testutil_tmpdir(tmp, sizeof tmp, "fuzz"), 0);
    static char names[TESTUTIL_MAX_FILES][256];
    int files = testutil_cfg_files(dir, names);
    gsl_rng *r = rng_stream_alloc(2026, 0, 7);
    static struct model m;
    int loaded = 0, refused = 0;
    int n_hostile = (int)(sizeof hostile / sizeof hostile[0]);
    char path[1024];
    snprintf(path, sizeof path, "%s/fifo", tmp);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(path, sizeof path, "%s/folder", tmp);
    assert_int_equal(mkdir(path, 0700), 0);
    for (int fi = 0; fi < files + n_hostile; fi++) {
        const char *name = fi < files ? names[fi] : hostile[fi - files].name;
        size_t len = 0;
        char *text;
        if (fi < files) {
            snprintf(path, sizeof path, "%s/%.255s", dir, name);
            text = testutil_slurp(path, &len);
        } else {
            len = strlen(hostile[fi - files].text);
            text = strdup(hostile[fi - files].text);
        }
        assert_non_null(text);
        char copy[1024];    /* the shipped files beside the mutants, for extends */
        snprintf(copy, sizeof copy, "%s/%.255s", tmp, name);
        FILE *c = fopen(copy, "wb");
        assert_non_null(c);
        fwrite(text, 1, len, c);
        fclose(c);
        size_t cap = len + 4096;
        char *out = malloc(cap);
        assert_non_null(out);
        for (int k = 0; k < MUTANTS_PER_FILE; k++) {
            size_t n = mutate(text, len, r, out, cap);
            /* beside the copies, so that extends = "baseline.cfg" still resolves */
            char mutant[1024];
            snprintf(mutant, sizeof mutant, "%s/mutant.cfg", tmp);
            FILE *f = fopen(mutant, "wb");
            assert_non_null(f);
            fwrite(out, 1, n, f);
            fclose(f);
            char first[1024];
            if (load_or_refuse(mutant, &m, first, sizeof first))
                loaded++;
            else
                refused++;
            unlink(mutant);
        }
        free(out);
        free(text);
    }
    gsl_rng_free(r);
    testutil_rmtree(tmp);
    print_message("  %d mutants loaded, %d refused with errors, none crashed\n", loaded, refused);
    assert_true(refused > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_inputs_refused),
        cmocka_unit_test(test_mutants_never_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
