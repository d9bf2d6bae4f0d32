/*
 * testutil: helpers shared by the cmocka tests.
 */
#ifndef CHANMIX_TESTS_TESTUTIL_H
#define CHANMIX_TESTS_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>

#include "models/experiment.h"
#include "scenarios/loader.h"

/* cmocka's float comparison goes through float; this one keeps doubles. */
#define assert_close(actual, expected, tol)                                   \
    do {                                                                      \
        double a_ = (actual), e_ = (expected), t_ = (tol);                    \
        if (!(fabs(a_ - e_) <= t_))                                           \
            fail_msg("%s = %.12g, expected %.12g within %g", #actual, a_, e_, \
                     t_);                                                     \
    } while (0)

/* Loads a scenario relative to the source tree; fails the test on errors. */
static inline void testutil_load(const char *rel, struct model *m)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CHANMIX_SOURCE_DIR, rel);
    struct scenario_errors err;
    int rc = scenario_load(path, m, &err);
    for (size_t i = 0; i < err.n; i++)
        print_error("%s\n", err.lines[i]);
    scenario_errors_free(&err);
    assert_int_equal(rc, 0);
}

/* Runs a shell command and returns its standard output (malloc'ed) and status. */
static inline char *testutil_capture(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += got;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[len] = '\0';
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf;
}

/* The per-replication value of `path` in replication rep. */
static inline double testutil_value(const struct experiment *e, int rep, const char *path)
{
    long i = metrics_find(e->ix.layout, path);
    assert_true(i >= 0);
    return e->values[(size_t)rep * e->ix.layout->n + (size_t)i];
}

/* A fresh folder /tmp/chanmix-TAG-XXXXXX in buf; returns 0 or -1. */
static inline int testutil_tmpdir(char *buf, size_t size, const char *tag)
{
    snprintf(buf, size, "/tmp/chanmix-%s-XXXXXX", tag);
    return mkdtemp(buf) ? 0 : -1;
}

/* Removes a folder made by testutil_tmpdir and everything in it; 0 or -1. */
static inline int testutil_rmtree(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A file's bytes, NUL-terminated, and their number in *len (may be NULL); NULL when unreadable. */
static inline char *testutil_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    if (len)
        *len = got;
    return buf;
}

/* Writes text to dir/name. */
static inline void testutil_write(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static inline int testutil_is_cfg(const struct dirent *de)
{
    size_t len = strlen(de->d_name);
    return len > 4 && strcmp(de->d_name + len - 4, ".cfg") == 0;
}

#define TESTUTIL_MAX_FILES 128

/*
 * The *.cfg files of dir in name order (the same on every machine, unlike
 * readdir's), into names; returns how many.
 */
static inline int testutil_cfg_files(const char *dir, char (*names)[256])
{
    struct dirent **list;
    int n = scandir(dir, &list, testutil_is_cfg, alphasort);
    assert_true(n >= 0 && n <= TESTUTIL_MAX_FILES);
    for (int i = 0; i < n; i++) {
        snprintf(names[i], 256, "%s", list[i]->d_name);
        free(list[i]);
    }
    free(list);
    return n;
}

#endif
