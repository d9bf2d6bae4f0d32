/*
 * The progress bar: its text, its sum over the stages of a comparison, and
 * whether it shows on a terminal.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"

/* The bar's formatting and its sum over stages are tested directly. */
#include "cli/progress.c"

/* The bar: its text, its sum over the stages of a comparison, and silence when not a terminal. */
static void test_progress(void **state)
{
    (void)state;
    char line[200];
    progress_format(line, sizeof line, 5, 10, 10.0, "baseline");
    assert_string_equal(line, "chanmix: [############............] 5/10 replications  baseline"
                              "  about 10 s left");
    progress_format(line, sizeof line, 10, 10, 130.0, NULL);
    assert_string_equal(line, "chanmix: [########################] 10/10 replications");
    progress_format(line, sizeof line, 1, 40, 100.0, NULL);
    assert_non_null(strstr(line, "about 1 h 5 min left"));

    FILE *f = tmpfile();
    assert_non_null(f);
    struct progress p;
    const char *labels[2] = { "first", "second" };
    progress_start(&p, f, 0, 6, 2, labels);
    assert_int_equal(p.on, 0);                  /* a file is not a terminal */
    progress_update(&p, 1, 3);
    progress_finish(&p);
    assert_int_equal(ftell(f), 0);
    p.on = 1;                                   /* as if it were */
    for (int stage = 0; stage < 2; stage++)
        for (int done = 1; done <= 3; done++)
            progress_update(&p, done, 3);
    assert_int_equal(p.stage, 1);
    assert_int_equal(p.done_before + p.last_done, 6);
    progress_finish(&p);
    fflush(f);
    rewind(f);
    char text[4096] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "6/6 replications  second"));
    assert_non_null(strstr(text, "chanmix: 6 replications in "));

    /* work whose total is not known ahead: the simulation running now, and all run so far */
    f = tmpfile();
    assert_non_null(f);
    progress_start(&p, f, 0, 0, 1, NULL);
    p.on = 1;
    progress_step(&p, 20, 20, 40, "week 1 of 2, round 3 (plan)", 65.0);
    progress_finish(&p);
    fflush(f);
    rewind(f);
    n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "week 1 of 2, round 3 (plan): 20/20 replications (60 in all)  "
                                 "about 1 min 5 s left"));
    assert_non_null(strstr(text, "chanmix: 60 replications in "));

    /* on a terminal (a pseudo-terminal from script(1)) the bar shows, unless --quiet */
    if (access("/usr/bin/script", X_OK) != 0) {
        print_message("  no script(1): the terminal check is skipped\n");
        return;
    }
    for (int quiet = 0; quiet < 2; quiet++) {
        char cmd[4096];
        snprintf(cmd, sizeof cmd, "/usr/bin/script -qec \"'%s' run '%s/tests/scenarios/"
                 "citizens.cfg' --replications 3 --json%s >/dev/null\" /dev/null",
                 CHANMIX_BINARY, CHANMIX_SOURCE_DIR, quiet ? " --quiet" : "");
        int status;
        char *tty = testutil_capture(cmd, &status);
        assert_int_equal(status, 0);
        if (quiet)
            assert_null(strstr(tty, "chanmix: ["));
        else {
            assert_non_null(strstr(tty, "chanmix: ["));
            assert_non_null(strstr(tty, "3/3 replications"));
            assert_non_null(strstr(tty, "chanmix: 3 replications in "));
        }
        free(tty);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
