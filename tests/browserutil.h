/*
 * browserutil: headless Chromium driven over the DevTools protocol on
 * --remote-debugging-pipe (fd 3 for commands, fd 4 for replies and events,
 * each a JSON message ended by a NUL byte), for tests/test_report_browser.c.
 * Errors the page reports are counted as they arrive (observe).
 */
#ifndef CHANMIX_TESTS_BROWSERUTIL_H
#define CHANMIX_TESTS_BROWSERUTIL_H

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

static inline double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static inline void browser_start(struct browser *b, const char *profile)
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

static inline void browser_kill(struct browser *b)
{
    if (b->pid > 0) {
        kill(-b->pid, SIGKILL);
        waitpid(b->pid, NULL, 0);
        b->pid = 0;
    }
}

static inline void browser_fail(struct browser *b, const char *what)
{
    char log[512];
    snprintf(log, sizeof log, "%s/chromium.log", tmpdir);
    browser_kill(b);
    fail_msg("headless Chromium: %s (its log: %s)", what, log);
}

/* Sends a command (to the page's session when in_session); returns its id. */
static inline int send_command(struct browser *b, int in_session, const char *method, const char *params)
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
static inline char *next_message(struct browser *b)
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
static inline int string_of(const char *msg, const char *key, char *out, size_t size)
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

static inline int id_of(const char *msg)
{
    const char *s = strstr(msg, "\"id\":");
    /* replies start with their id; events carry none at the top */
    return s && s - msg < 8 ? atoi(s + 5) : 0;
}

/* Notes what an event says about the page: errors and requests. */
static inline void observe(struct browser *b, const char *msg)
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
static inline char *reply_to(struct browser *b, int id)
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

static inline void wait_event(struct browser *b, const char *method)
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

static inline void browser_open_page(struct browser *b)
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

static inline void browser_close(struct browser *b)
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


#endif
