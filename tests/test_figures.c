/*
 * The catalogue of figures: every declared figure has its definition, a
 * path finds its figure and a near miss gets a suggestion, service levels
 * carry their thresholds, and no view writes a figure's label again.
 */
#include <dirent.h>
#include "testutil.h"

/* Every figure of a scenario with every optional part has a definition and a label. */
static void test_every_figure_is_catalogued(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/everything.cfg", &m);
    struct results_index ix;
    assert_int_equal(results_index_build(&m, &ix), 0);
    assert_true(ix.layout->n > 100);
    for (size_t i = 0; i < ix.layout->n; i++) {
        const struct figure_meta *fm = results_meta(&ix, (long)i);
        assert_non_null(fm);
        assert_non_null(fm->def);
        /* the path ends with the definition's name (or, for one-definition families,
         * contains it) */
        assert_non_null(strstr(ix.layout->paths[i], fm->def->name));
        if (fm->def->threshold != THRESHOLD_NONE)
            assert_true(fm->threshold_s >= 0.0);
        char label[128];
        results_label(&ix, (long)i, label, sizeof label);
        assert_true(strlen(label) > 0);
    }
    results_index_free(&ix);
}

static void test_find_by_path(void **state)
{
    (void)state;
    static struct model m;
    testutil_load("tests/scenarios/staff_stationary.cfg", &m);
    m.channels[0].targets.within_s = 120.0;
    struct results_index ix;
    assert_int_equal(results_index_build(&m, &ix), 0);
    char err[256] = "";
    long i = results_find(&ix, "channels.phone.service_level", err, sizeof err);
    assert_int_equal(i, results_channel(&ix, 0, CS_SERVICE_LEVEL));
    assert_true(results_meta(&ix, i)->threshold_s == 20.0);
    long norm = results_find(&ix, "channels.phone.service_level_norm", err, sizeof err);
    assert_int_equal(norm, results_norm_service_level(&ix, 0));
    assert_true(results_meta(&ix, norm)->threshold_s == 120.0);
    char label[128];
    results_label(&ix, norm, label, sizeof label);
    assert_string_equal(label, "service level within 2 min (norm)");
    results_label(&ix, i, label, sizeof label);
    assert_string_equal(label, "service level within 20 s");
    long k = results_find(&ix, "intervals.phone.mon 08:30.service_level_norm", err, sizeof err);
    assert_true(k >= 0);
    assert_int_equal(k, results_interval_norm_service_level(&ix, 0, 17));

    assert_int_equal(results_find(&ix, "channels.phone.service_levle", err, sizeof err), -1);
    assert_string_equal(err, "no figure named 'channels.phone.service_levle' "
                             "(did you mean 'channels.phone.service_level'?)");
    assert_int_equal(results_find(&ix, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", err, sizeof err),
                     -1);
    assert_string_equal(err, "no figure named 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'");
    /* where the norm is the target's own threshold, the norm is the service level */
    m.channels[0].targets.within_s = 20.0;
    results_index_free(&ix);
    assert_int_equal(results_index_build(&m, &ix), 0);
    assert_int_equal(results_find(&ix, "channels.phone.service_level_norm", err, sizeof err), -1);
    assert_int_equal(results_norm_service_level(&ix, 0), results_channel(&ix, 0, CS_SERVICE_LEVEL));
    results_index_free(&ix);
}

/* Occurrences of needle in the .c files of dir (relative to the source tree) but `except`,
 * leaving out JSON keys (a literal on a line that calls json_). */
static size_t count_in_dir(const char *dir, const char *needle, const char *except)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CHANMIX_SOURCE_DIR, dir);
    DIR *d = opendir(path);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 3 || strcmp(de->d_name + len - 2, ".c") != 0)
            continue;
        char file[512];
        snprintf(file, sizeof file, "%s/%.255s", dir, de->d_name);
        if (strcmp(file, except) == 0)
            continue;
        snprintf(path, sizeof path, "%s/%.500s", CHANMIX_SOURCE_DIR, file);
        char *text = testutil_slurp(path, NULL);
        assert_non_null(text);
        for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) {
            const char *line = p;
            while (line > text && line[-1] != '\n')
                line--;
            char head[512];
            snprintf(head, sizeof head, "%.*s", (int)(p - line), line);
            if (strstr(head, "json_"))
                continue;
            print_error("%s repeats the label %s\n", file, needle);
            n++;
        }
        free(text);
    }
    closedir(d);
    return n;
}

/* Each label is written once, in the catalogue: no view (plots/) spells it again. */
static void test_labels_are_written_once(void **state)
{
    (void)state;
    static const char *const dirs[] = { "plots" };
    size_t repeats = 0, labels = 0;
    for (int f = 0; f < FIG_FAMILY_COUNT; f++)
        for (int s = 0; s < figures_family_size((enum figure_family)f); s++) {
            const struct figure_def *d = figures_def((enum figure_family)f, s);
            const char *words[2] = { d->label, d->alt_label };
            for (int w = 0; w < 2; w++) {
                if (!words[w])
                    continue;
                char quoted[200];
                snprintf(quoted, sizeof quoted, "\"%s\"", words[w]);
                labels++;
                for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
                    repeats += count_in_dir(dirs[i], quoted, "models/figures.c");
            }
        }
    print_message("  %zu labels, %zu repeated outside the catalogue\n", labels, repeats);
    assert_true(labels > 50);
    assert_int_equal(repeats, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_figure_is_catalogued),
        cmocka_unit_test(test_find_by_path),
        cmocka_unit_test(test_labels_are_written_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
