/*
 * The scenario reference documents every setting the loader accepts.
 *
 * The loader lists the settings it knows in every group a file has; the
 * test loads the shipped scenarios and tests/scenarios/everything.cfg,
 * which switches every optional group on, and looks for each setting's
 * path, in backticks, in docs/scenarios.md.  Every figure of the catalogue
 * (models/figures.c) is documented, by its path pattern, in docs/model.md.
 */
#include "testutil.h"

static char *reference;
static int missing, checked;

static void check(void *ctx, const char *setting)
{
    (void)ctx;
    char want[600];
    snprintf(want, sizeof want, "`%s`", setting);
    checked++;
    if (!strstr(reference, want)) {
        print_error("docs/scenarios.md does not document %s\n", want);
        missing++;
    }
}

static void test_every_setting_is_documented(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/scenarios.md", CHANMIX_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    reference = malloc((size_t)n + 1);
    assert_non_null(reference);
    reference[fread(reference, 1, (size_t)n, f)] = '\0';
    fclose(f);

    const char *files[] = { "tests/scenarios/everything.cfg", "scenarios/baseline.cfg",
                            "tests/scenarios/erlang_c.cfg", "tests/scenarios/citizens.cfg" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", CHANMIX_SOURCE_DIR, files[i]);
        assert_int_equal(scenario_known_settings(path, check, NULL), 0);
    }
    print_message("  %d settings checked, %d missing from the reference\n", checked, missing);
    assert_true(checked > 150);
    assert_int_equal(missing, 0);
    free(reference);
}

/* Every path pattern of the catalogue of figures appears, in backticks, in docs/model.md. */
static void test_every_figure_is_documented(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/model.md", CHANMIX_SOURCE_DIR);
    char *model = testutil_slurp(path, NULL);
    assert_non_null(model);
    int n = 0, absent = 0;
    for (int f = 0; f < FIG_FAMILY_COUNT; f++)
        for (int s = 0; s < figures_family_size((enum figure_family)f); s++) {
            char pattern[256], want[300];
            figures_pattern((enum figure_family)f, s, pattern, sizeof pattern);
            snprintf(want, sizeof want, "`%s`", pattern);
            n++;
            if (!strstr(model, want)) {
                print_error("docs/model.md does not document %s\n", want);
                absent++;
            }
        }
    print_message("  %d figures checked, %d missing from the model reference\n", n, absent);
    assert_true(n > 50);
    assert_int_equal(absent, 0);
    free(model);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_setting_is_documented),
        cmocka_unit_test(test_every_figure_is_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
