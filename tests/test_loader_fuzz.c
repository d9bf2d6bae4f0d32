/*
 * Bad input never crashes the loader.  Starting from every shipped scenario,
 * a fixed-seed generator mutates the text (flips, deletions, duplicated
 * lines, numbers made huge, negative or fractional, strings emptied) and
 * loads each mutant: it must load or be refused with at least one error
 * naming a file and a line, and never crash or hang.
 */
#include <unistd.h>
#include <gsl/gsl_rng.h>
#include "testutil.h"
#include "sim/rng.h"

#define MUTANTS_PER_FILE 150

static const char *const tokens[] = { "-1", "0", "1e300", "-1e300", "0.5", "\"\"", "\"x\"",
                                      "( )", "{ }", "[ ]", "true", "nan", "99999999999",
                                      "\"25:00-26:00\"", "\"mon-sun\"", ";", "=", "}" };

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
    for (int fi = 0; fi < files; fi++) {
        const char *name = names[fi];
        char path[1024];
        snprintf(path, sizeof path, "%s/%.255s", dir, name);
        size_t len = 0;
        char *text = testutil_slurp(path, &len);
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
            struct scenario_errors err;
            int rc = scenario_load(mutant, &m, &err);
            if (rc == 0) {
                loaded++;
            } else {
                refused++;
                assert_true(err.n > 0);
                assert_non_null(strstr(err.lines[0], ".cfg:"));
            }
            scenario_errors_free(&err);
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
        cmocka_unit_test(test_mutants_never_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
