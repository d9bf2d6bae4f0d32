/*
 * reportutil: helpers of the tests that run chanmix with --out and read what
 * it wrote: the program's scratch folder, running chanmix into it, reading
 * its files back, and checking that a report links only files that exist.
 */
#ifndef CHANMIX_TESTS_REPORTUTIL_H
#define CHANMIX_TESTS_REPORTUTIL_H

#include <sys/stat.h>
#include <sys/wait.h>
#include "testutil.h"
#include "plots/chart.h"

/* The test program's scratch folder; its setup makes it with testutil_tmpdir. */
static char tmpdir[256];

static inline char *slurp_in(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return testutil_slurp(path, len);
}

static inline int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Runs chanmix with `args` (and an environment prefix); returns the exit status. */
static inline int chanmix(const char *env, const char *args, const char *name)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "%s '%s' %s >'%s/%s.out' 2>'%s/%s.err'", env ? env : "",
             CHANMIX_BINARY, args, tmpdir, name, tmpdir, name);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static inline char *stderr_of(const char *name)
{
    char file[300];
    snprintf(file, sizeof file, "%s.err", name);
    char *text = slurp_in(tmpdir, file, NULL);
    assert_non_null(text);
    return text;
}

static inline int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static inline int count_of(const char *s, const char *what)
{
    int n = 0;
    for (const char *at = strstr(s, what); at; at = strstr(at + 1, what))
        n++;
    return n;
}

static inline int assert_links_exist(const char *dir)
{
    char *html = slurp_in(dir, "report.html", NULL);
    if (!html)
        fail_msg("%s/report.html was not written", dir);
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    assert_null(strstr(html, "<script"));   /* self-contained: no script, no */
    assert_null(strstr(html, "<link"));     /* external style sheet */
    int links = 0, images = 0;
    const char *attrs[2] = { "src=\"", "href=\"" };
    for (int a = 0; a < 2; a++)
        for (const char *s = strstr(html, attrs[a]); s; s = strstr(s + 1, attrs[a])) {
            const char *v = s + strlen(attrs[a]);
            size_t len = strcspn(v, "\"");
            char raw[1024], rel[1024], path[2048];
            snprintf(raw, sizeof raw, "%.*s", (int)len, v);
            if (strstr(raw, ":") || raw[0] == '/')
                fail_msg("%s/report.html links outside its folder: %s", dir, raw);
            size_t n = 0;
            for (const char *c = raw; *c && n + 1 < sizeof rel; c++) {
                unsigned int byte;
                if (*c == '%' && sscanf(c + 1, "%2x", &byte) == 1) {
                    rel[n++] = (char)byte;
                    c += 2;
                } else
                    rel[n++] = *c;
            }
            rel[n] = '\0';
            snprintf(path, sizeof path, "%s/%s", dir, rel);
            if (!file_exists(path))
                fail_msg("%s/report.html links %s, which does not exist", dir, raw);
            links++;
            images += a == 0;
        }
    assert_true(links > 0);
    free(html);
    return images;
}

/* The chart tests need gnuplot (scripts/setup installs it). */
static inline void need_gnuplot(void)
{
    char path[1024], why[512];
    if (chart_find_gnuplot(path, sizeof path, why, sizeof why) != 0)
        fail_msg("this test draws charts and needs gnuplot: %s", why);
}

/* chanmix run of tests/scenarios/citizens.cfg into out; fails unless it exits expect. */
static inline void run_citizens(const char *out, const char *env, const char *name,
                                int expect)
{
    char args[1024];
    snprintf(args, sizeof args, "run '%s/tests/scenarios/citizens.cfg' --replications 2 --quiet "
             "--out '%s'", CHANMIX_SOURCE_DIR, out);
    int rc = chanmix(env, args, name);
    if (rc != expect)
        fail_msg("chanmix run exited %d, not %d:\n%s", rc, expect, stderr_of(name));
}

#endif
