/*
 * The reports in a real browser: headless Chromium opens each report.html of
 * a run and of a comparison as a file:// page and the test checks that every
 * image loaded (naturalWidth > 0), that the page logged no error and threw
 * no exception, and that it asked for nothing but local files.
 *
 * The test speaks the DevTools protocol over --remote-debugging-pipe:
 * Chromium reads commands on fd 3 and writes replies and events on fd 4,
 * each a JSON message ended by a NUL byte.  It opens a blank page, turns on
 * the Page, Runtime, Log and Network domains, and for each report navigates,
 * waits for the load event (which waits for the images), then asks the page
 * about its images.  Errors come as events: Log.entryAdded at level error
 * (a file that failed to load), Runtime.consoleAPICalled of type error or
 * assert, Runtime.exceptionThrown.  Nothing reaches a network: the pages
 * are files, the profile is a fresh folder, and background networking,
 * component updates, sync and QUIC are off.  HOME and the XDG folders point
 * into the profile, so nothing is left in the user's home.
 *
 * Exits 77 (skipped, see CMakeLists.txt) when /usr/bin/chromium is missing.
 */
#include "browserutil.h"
#include "plots/chart.h"
#include "chartutil.h"
#include "reportutil.h"

/* ---- the checks ---- */

static const char check_images[] =
    "(() => { const im = Array.from(document.images);"
    " const bad = im.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'));"
    " return 'images ' + im.length + ' broken ' + bad.length + ' tables '"
    " + document.querySelectorAll('table').length + ' ' + bad.join(' '); })()";

/* Opens report.html in dir; checks images and errors; returns the number of images. */
static int check_page(struct browser *b, const char *dir, int min_images)
{
    char path[PATH_MAX], params[PATH_MAX + 64];
    assert_non_null(realpath(dir, path));
    int errors = b->errors, remote = b->remote;
    snprintf(params, sizeof params, "{\"url\":\"file://%s/report.html\"}", path);
    free(reply_to(b, send_command(b, 1, "Page.navigate", params)));
    wait_event(b, "Page.loadEventFired");
    snprintf(params, sizeof params, "{\"expression\":\"%s\",\"returnByValue\":true}", check_images);
    char *r = reply_to(b, send_command(b, 1, "Runtime.evaluate", params));
    char value[4096] = "";
    if (!string_of(r, "value", value, sizeof value))
        browser_fail(b, r);
    free(r);
    int images = -1, broken = -1, tables = -1;
    sscanf(value, "images %d broken %d tables %d", &images, &broken, &tables);
    print_message("  %s/report.html: %d images, %d not loaded, %d tables\n", dir, images, broken,
                  tables);
    if (broken != 0)
        fail_msg("%s/report.html: images that did not load: %s", dir, value);
    if (images < min_images)
        fail_msg("%s/report.html: %d images, expected at least %d", dir, images, min_images);
    assert_true(tables > 0);
    if (b->errors > errors)
        fail_msg("%s/report.html: %d console errors, the first: %s", dir, b->errors - errors,
                 b->first_error);
    if (b->remote > remote)
        fail_msg("%s/report.html asked for %s", dir, b->first_remote);
    return images;
}

/* The comparison's verdict in a 1,400 by 1,100 pixel window: where it ends, and its figures. */
static const char check_verdict[] =
    "(() => { const v = document.getElementById('verdict'); if (!v) return 'none';"
    " const r = v.getBoundingClientRect();"
    " return 'bottom ' + Math.ceil(r.bottom + window.scrollY) + ' ' + Array.from("
    "v.querySelectorAll('[data-path]')).map(s => s.dataset.scenario + '|' + s.dataset.path"
    " + ' ' + s.dataset.mean + ' ' + s.dataset.ci95).join(' ; '); })()";

/*
 * The verdict opens the comparison: it ends within the first 1,100 pixels of
 * a 1,400-pixel-wide window, and every number in it is the JSON's paired
 * difference (mean and interval) of the figure it names.
 */
static void check_verdict_first(struct browser *b, const char *dir)
{
    free(reply_to(b, send_command(b, 1, "Emulation.setDeviceMetricsOverride",
                                  "{\"width\":1400,\"height\":1100,\"deviceScaleFactor\":1,"
                                  "\"mobile\":false}")));
    char path[PATH_MAX], params[PATH_MAX + 64];
    assert_non_null(realpath(dir, path));
    snprintf(params, sizeof params, "{\"url\":\"file://%s/report.html\"}", path);
    free(reply_to(b, send_command(b, 1, "Page.navigate", params)));
    wait_event(b, "Page.loadEventFired");
    snprintf(params, sizeof params, "{\"expression\":\"%s\",\"returnByValue\":true}",
             check_verdict);
    char *r = reply_to(b, send_command(b, 1, "Runtime.evaluate", params));
    char value[8192] = "";
    if (!string_of(r, "value", value, sizeof value))
        browser_fail(b, r);
    free(r);
    int bottom = -1, used = 0;
    assert_int_equal(sscanf(value, "bottom %d %n", &bottom, &used), 1);
    print_message("  the verdict ends at %d px of a 1400 x 1100 window\n", bottom);
    assert_true(bottom > 0 && bottom <= 1100);
    char *json = slurp_in(dir, "comparison.json", NULL);
    int figures = 0;
    for (char *item = strtok(value + used, ";"); item; item = strtok(NULL, ";")) {
        char where[512], key[700];
        double mean, ci95, want_mean, want_ci95;
        assert_int_equal(sscanf(item, " %511s %lf %lf", where, &mean, &ci95), 3);
        /* "scenario|a.b.c" -> "differences|scenario|a|b|c" */
        char *bar = strchr(where, '|');
        assert_non_null(bar);
        for (char *p = bar + 1; *p; p++)
            if (*p == '.')
                *p = '|';
        snprintf(key, sizeof key, "differences|%s|mean", where);
        assert_int_equal(json_number_at(json, key, &want_mean), 0);
        snprintf(key, sizeof key, "differences|%s|ci95", where);
        assert_int_equal(json_number_at(json, key, &want_ci95), 0);
        assert_true(mean == want_mean);
        assert_true(ci95 == want_ci95);
        figures++;
    }
    print_message("  %d figures of the verdict equal the JSON's\n", figures);
    assert_true(figures >= 3);
    free(json);
}

static int run(const char *args)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' %s --replications 2 --quiet >/dev/null", CHANMIX_BINARY, args);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_reports_in_browser(void **state)
{
    (void)state;
    char args[2048], run_dir[512], cmp_dir[512], sub[600], profile[512];
    snprintf(run_dir, sizeof run_dir, "%s/run", tmpdir);
    snprintf(cmp_dir, sizeof cmp_dir, "%s/cmp", tmpdir);
    snprintf(args, sizeof args, "run '%s/scenarios/baseline.cfg' --out '%s'", CHANMIX_SOURCE_DIR,
             run_dir);
    assert_int_equal(run(args), 0);
    snprintf(args, sizeof args, "compare '%s/scenarios/baseline.cfg' '%s/scenarios/callback.cfg' "
             "--out '%s'", CHANMIX_SOURCE_DIR, CHANMIX_SOURCE_DIR, cmp_dir);
    assert_int_equal(run(args), 0);
    /* with gnuplot the pages have charts; without, they must still load cleanly */
    char probe[PATH_MAX], why[512];
    int charts = chart_find_gnuplot(probe, sizeof probe, why, sizeof why) == 0;
    if (!charts)
        print_message("  no gnuplot (%s): checking pages without images\n", why);

    snprintf(profile, sizeof profile, "%s/profile", tmpdir);
    assert_int_equal(mkdir(profile, 0700), 0);
    struct browser b;
    browser_start(&b, profile);
    browser_open_page(&b);
    check_page(&b, run_dir, charts ? 9 : 0);
    check_page(&b, cmp_dir, charts ? 6 : 0);
    check_verdict_first(&b, cmp_dir);
    snprintf(sub, sizeof sub, "%s/baseline", cmp_dir);
    check_page(&b, sub, charts ? 9 : 0);
    snprintf(sub, sizeof sub, "%s/callback", cmp_dir);
    check_page(&b, sub, charts ? 9 : 0);
    browser_close(&b);
}

/* The check itself works: a page with a missing image and a console error fails it. */
static void test_check_sees_errors(void **state)
{
    (void)state;
    char dir[512], path[600], profile[512];
    snprintf(dir, sizeof dir, "%s/broken", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(path, sizeof path, "%s/report.html", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>"
          "<table><tr><td>x</td></tr></table><img src=\"missing.png\">"
          "<script>console.error('boom')</script></body></html>\n", f);
    fclose(f);
    snprintf(profile, sizeof profile, "%s/profile2", tmpdir);
    assert_int_equal(mkdir(profile, 0700), 0);
    struct browser b;
    browser_start(&b, profile);
    browser_open_page(&b);
    char real[PATH_MAX];
    assert_non_null(realpath(dir, real));
    char url[PATH_MAX + 64];
    snprintf(url, sizeof url, "{\"url\":\"file://%s/report.html\"}", real);
    free(reply_to(&b, send_command(&b, 1, "Page.navigate", url)));
    wait_event(&b, "Page.loadEventFired");
    char params[sizeof check_images + 64];
    snprintf(params, sizeof params, "{\"expression\":\"%s\",\"returnByValue\":true}", check_images);
    char *r = reply_to(&b, send_command(&b, 1, "Runtime.evaluate", params));
    assert_non_null(strstr(r, "images 1 broken 1"));
    free(r);
    /* the console message may trail the load event a little */
    free(reply_to(&b, send_command(&b, 1, "Runtime.evaluate", "{\"expression\":\"1\"}")));
    print_message("  a broken page: %d errors, the first: %s\n", b.errors, b.first_error);
    assert_true(b.errors >= 2);     /* the missing file and console.error */
    browser_close(&b);
}

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "browser");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

int main(void)
{
    if (access(CHROMIUM, X_OK) != 0) {
        printf("%s is not installed: the browser test is skipped\n", CHROMIUM);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_sees_errors),
        cmocka_unit_test(test_reports_in_browser),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
