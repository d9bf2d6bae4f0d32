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
#define _XOPEN_SOURCE 700   /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "testutil.h"
#include "plots/chart.h"
#include "chartutil.h"
#include "reportutil.h"

#define CHROMIUM "/usr/bin/chromium"
#define BROWSER_TIMEOUT_S 60

static char tmpdir[256];

/* ---- the browser and its pipe ---- */

struct browser {
    pid_t pid;
    int to, from;               /* our ends of fd 3 and fd 4 */
    char *buf;                  /* bytes read, not yet split into messages */
    size_t len, cap;
    int next_id;
    char session[128];
    double deadline;
    int errors;                 /* errors the page reported */
    char first_error[1024];
    int remote;                 /* requests for anything but file: and data: URLs */
    char first_remote[512];
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void browser_start(struct browser *b, const char *profile)
{
    int cmd[2], reply[2];
    memset(b, 0, sizeof *b);
    assert_int_equal(pipe(cmd), 0);
    assert_int_equal(pipe(reply), 0);
    char log[512], user_dir[300];
    snprintf(log, sizeof log, "%s/chromium.log", tmpdir);
    snprintf(user_dir, sizeof user_dir, "--user-data-dir=%s", profile);
    b->pid = fork();
    assert_true(b->pid >= 0);
    if (b->pid == 0) {
        setpgid(0, 0);          /* its helpers are then ours to stop if it hangs */
        int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int null = open("/dev/null", O_RDONLY);
        if (out < 0 || null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
            _exit(126);
        /* fd 3 and 4 may be the pipes themselves: move them out of the way first */
        int c = dup(cmd[0]), r = dup(reply[1]);
        if (c < 0 || r < 0 || dup2(c, 3) < 0 || dup2(r, 4) < 0)
            _exit(126);
        for (int fd = 5; fd < 256; fd++)
            close(fd);
        /* its settings and caches go to the fresh profile, not the user's home */
        char home[300], config[320], cache[320];
        snprintf(home, sizeof home, "%s", profile);
        snprintf(config, sizeof config, "%s/config", profile);
        snprintf(cache, sizeof cache, "%s/cache", profile);
        if (setenv("HOME", home, 1) || setenv("XDG_CONFIG_HOME", config, 1) ||
            setenv("XDG_CACHE_HOME", cache, 1))
            _exit(126);
        execl(CHROMIUM, CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
              "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-extensions",
              "--disable-breakpad",
              "--remote-debugging-pipe", user_dir, "about:blank", (char *)NULL);
        _exit(127);
    }
    close(cmd[0]);
    close(reply[1]);
    b->to = cmd[1];
    b->from = reply[0];
    b->next_id = 1;
    b->cap = 1 << 16;
    b->buf = malloc(b->cap);
    assert_non_null(b->buf);
    b->deadline = now() + BROWSER_TIMEOUT_S;
}

static void browser_kill(struct browser *b)
{
    if (b->pid > 0) {
        kill(-b->pid, SIGKILL);
        waitpid(b->pid, NULL, 0);
        b->pid = 0;
    }
}

static void browser_fail(struct browser *b, const char *what)
{
    char log[512];
    snprintf(log, sizeof log, "%s/chromium.log", tmpdir);
    browser_kill(b);
    fail_msg("headless Chromium: %s (its log: %s)", what, log);
}

/* Sends a command (to the page's session when in_session); returns its id. */
static int send_command(struct browser *b, int in_session, const char *method, const char *params)
{
    char msg[4096];
    int id = b->next_id++;
    int n = snprintf(msg, sizeof msg, "{\"id\":%d,%s%s%s\"method\":\"%s\",\"params\":%s}", id,
                     in_session ? "\"sessionId\":\"" : "", in_session ? b->session : "",
                     in_session ? "\"," : "", method, params ? params : "{}");
    assert_true(n > 0 && (size_t)n < sizeof msg);
    msg[n++] = '\0';
    for (int off = 0; off < n;) {
        ssize_t w = write(b->to, msg + off, (size_t)(n - off));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            browser_fail(b, "the command pipe closed");
        off += (int)w;
    }
    return id;
}

/* The next message (malloc'ed), or a failure at the deadline. */
static char *next_message(struct browser *b)
{
    for (;;) {
        char *end = memchr(b->buf, '\0', b->len);
        if (end) {
            size_t n = (size_t)(end - b->buf);
            char *msg = malloc(n + 1);
            assert_non_null(msg);
            memcpy(msg, b->buf, n + 1);
            memmove(b->buf, end + 1, b->len - n - 1);
            b->len -= n + 1;
            return msg;
        }
        double left = b->deadline - now();
        if (left <= 0)
            browser_fail(b, "no answer in time");
        struct pollfd p = { b->from, POLLIN, 0 };
        int rc = poll(&p, 1, (int)(left * 1000) + 1);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc <= 0)
            continue;
        if (b->cap - b->len < 65536) {
            b->cap *= 2;
            b->buf = realloc(b->buf, b->cap);
            assert_non_null(b->buf);
        }
        ssize_t got = read(b->from, b->buf + b->len, b->cap - b->len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            browser_fail(b, "it closed the pipe (did it crash?)");
        b->len += (size_t)got;
    }
}

/* The string value of "key":"..." in a message, unescaped simply; 0 when absent. */
static int string_of(const char *msg, const char *key, char *out, size_t size)
{
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *s = strstr(msg, pat);
    if (!s)
        return 0;
    size_t n = 0;
    for (s += strlen(pat); *s && *s != '"'; s++) {
        if (*s == '\\' && s[1])
            s++;
        if (n + 1 < size)
            out[n++] = *s;
    }
    out[n] = '\0';
    return 1;
}

static int id_of(const char *msg)
{
    const char *s = strstr(msg, "\"id\":");
    /* replies start with their id; events carry none at the top */
    return s && s - msg < 8 ? atoi(s + 5) : 0;
}

/* Notes what an event says about the page: errors and requests. */
static void observe(struct browser *b, const char *msg)
{
    char method[128] = "", what[1024] = "";
    if (!string_of(msg, "method", method, sizeof method))
        return;
    int error = 0;
    if (strcmp(method, "Log.entryAdded") == 0) {
        char level[32] = "";
        string_of(msg, "level", level, sizeof level);
        error = strcmp(level, "error") == 0;
        string_of(msg, "text", what, sizeof what);
        char url[512];
        if (error && string_of(msg, "url", url, sizeof url)) {
            size_t n = strlen(what);
            snprintf(what + n, sizeof what - n, " (%s)", url);
        }
    } else if (strcmp(method, "Runtime.consoleAPICalled") == 0) {
        char type[32] = "";
        string_of(msg, "type", type, sizeof type);
        error = strcmp(type, "error") == 0 || strcmp(type, "assert") == 0;
        string_of(msg, "value", what, sizeof what);
    } else if (strcmp(method, "Runtime.exceptionThrown") == 0) {
        error = 1;
        string_of(msg, "text", what, sizeof what);
    } else if (strcmp(method, "Network.requestWillBeSent") == 0) {
        char url[512] = "";
        const char *req = strstr(msg, "\"request\":");
        if (req && string_of(req, "url", url, sizeof url) && strncmp(url, "file://", 7) != 0 &&
            strncmp(url, "data:", 5) != 0 && b->remote++ == 0)
            snprintf(b->first_remote, sizeof b->first_remote, "%s", url);
    }
    if (error && b->errors++ == 0)
        snprintf(b->first_error, sizeof b->first_error, "%s: %s", method, what);
}

/* Waits for the reply to command id (noting events meanwhile); returns it, malloc'ed. */
static char *reply_to(struct browser *b, int id)
{
    for (;;) {
        char *msg = next_message(b);
        if (id_of(msg) == id) {
            if (strstr(msg, "\"error\":{"))
                browser_fail(b, msg);
            return msg;
        }
        observe(b, msg);
        free(msg);
    }
}

static void wait_event(struct browser *b, const char *method)
{
    char pat[160];
    snprintf(pat, sizeof pat, "\"method\":\"%s\"", method);
    for (;;) {
        char *msg = next_message(b);
        int found = strstr(msg, pat) != NULL;
        observe(b, msg);
        free(msg);
        if (found)
            return;
    }
}

static void browser_open_page(struct browser *b)
{
    char *r = reply_to(b, send_command(b, 0, "Target.createTarget", "{\"url\":\"about:blank\"}"));
    char target[128], params[256];
    assert_true(string_of(r, "targetId", target, sizeof target));
    free(r);
    snprintf(params, sizeof params, "{\"targetId\":\"%s\",\"flatten\":true}", target);
    r = reply_to(b, send_command(b, 0, "Target.attachToTarget", params));
    assert_true(string_of(r, "sessionId", b->session, sizeof b->session));
    free(r);
    const char *domains[] = { "Page.enable", "Runtime.enable", "Log.enable", "Network.enable" };
    for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++)
        free(reply_to(b, send_command(b, 1, domains[i], NULL)));
}

static void browser_close(struct browser *b)
{
    send_command(b, 0, "Browser.close", NULL);
    double until = now() + 20;
    int status;
    while (now() < until) {
        pid_t w = waitpid(b->pid, &status, WNOHANG);
        if (w == b->pid) {
            b->pid = 0;
            break;
        }
        nanosleep(&(struct timespec){ 0, 20000000 }, NULL);
    }
    browser_kill(b);            /* only if it did not end by itself */
    close(b->to);
    close(b->from);
    free(b->buf);
}

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
