/*
 * chart_gnuplot: finding the gnuplot program and running it on one chart's
 * script.  Apart from chart_set.c because it is about processes (PATH, shell
 * quoting, popen and exit statuses), not about what a chart shows.
 *
 * gnuplot runs through popen with DIR/charts as its working directory, and
 * what it says comes back through the pipe, so a failure can be reported
 * with gnuplot's own words.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *chart_gnuplot_command(void)
{
    const char *g = getenv("CHANMIX_GNUPLOT");
    return g && *g ? g : "gnuplot";
}

static int is_executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int chart_find_gnuplot(char *path, size_t size, char *err, size_t err_size)
{
    const char *cmd = chart_gnuplot_command();
    const char *env = getenv("CHANMIX_GNUPLOT");
    int named = env && *env;
    if (strchr(cmd, '/')) {
        if (is_executable(cmd) && (size_t)snprintf(path, size, "%s", cmd) < size)
            return 0;
        snprintf(err, err_size, "CHANMIX_GNUPLOT names %s, which is not a program that can be run",
                 cmd);
        return CHART_NO_GNUPLOT;
    }
    const char *dirs = getenv("PATH");
    if (!dirs)
        dirs = "/usr/bin:/bin";
    while (*dirs) {
        size_t len = strcspn(dirs, ":");
        int n = len ? snprintf(path, size, "%.*s/%s", (int)len, dirs, cmd)
                    : snprintf(path, size, "./%s", cmd);
        if (n > 0 && (size_t)n < size && is_executable(path))
            return 0;
        dirs += len + (dirs[len] == ':');
    }
    if (named)
        snprintf(err, err_size, "CHANMIX_GNUPLOT names '%s', which is not on PATH", cmd);
    else
        snprintf(err, err_size, "gnuplot is not installed (no 'gnuplot' on PATH; "
                 "CHANMIX_GNUPLOT may name it)");
    path[0] = '\0';
    return CHART_NO_GNUPLOT;
}

/* s as one word for sh: in single quotes, a quote written '\''.  Returns 0 or -1 (too long). */
static int shell_quote(char *out, size_t size, const char *s)
{
    size_t n = 0;
    const char *quote = "'\\''";
    if (size < 3)
        return -1;
    out[n++] = '\'';
    for (; *s; s++) {
        const char *piece = *s == '\'' ? quote : NULL;
        size_t len = piece ? 4 : 1;
        if (n + len + 2 > size)
            return -1;
        if (piece)
            memcpy(out + n, piece, len);
        else
            out[n] = *s;
        n += len;
    }
    out[n++] = '\'';
    out[n] = '\0';
    return 0;
}

/* gnuplot's messages on one line, for an error message. */
static void one_line(char *s)
{
    char *w = s;
    int space = 1;
    for (char *r = s; *r; r++) {
        int blank = isspace((unsigned char)*r);
        if (blank && space)
            continue;
        *w++ = blank ? ' ' : *r;
        space = blank;
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

/* Whether an image was written to its end: a PNG's IEND chunk, an SVG's closing tag. */
static int image_complete(const char *path, int png)
{
    FILE *f = fopen(path, "rb");
    char tail[32];
    size_t n = 0;
    if (f && fseek(f, -(long)sizeof tail, SEEK_END) != 0)
        rewind(f);      /* shorter than the tail */
    if (f) {
        n = fread(tail, 1, sizeof tail, f);
        fclose(f);
    }
    if (png)
        return n >= 12 && memcmp(tail + n - 8, "IEND", 4) == 0;
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(tail + i, "</svg>", 6) == 0)
            return 1;
    return 0;
}

/*
 * Whether 64 KiB more can be written in cdir: 0, or the errno that says why
 * not.  gnuplot does not say when its images cannot be written (a full disk,
 * a quota), so a failed chart is first put to this test, and a full disk
 * is not blamed on gnuplot.
 */
static int room_to_write(const char *cdir)
{
    char name[64];
    snprintf(name, sizeof name, ".room.%ld.tmp", (long)getpid());
    char *path = malloc(strlen(cdir) + sizeof name + 2);
    if (!path)
        return ENOMEM;
    sprintf(path, "%s/%s", cdir, name);
    static const char zeros[4096];
    FILE *f = fopen(path, "wb");
    int e = f ? 0 : errno;
    for (int i = 0; f && e == 0 && i < 16; i++)
        if (fwrite(zeros, 1, sizeof zeros, f) != sizeof zeros || fflush(f) != 0)
            e = errno ? errno : EIO;
    if (f && fclose(f) != 0 && e == 0)
        e = errno;
    unlink(path);
    free(path);
    return e;
}

/* Runs gnuplot on NAME.gp in cdir; returns 0 when it exited 0 and wrote both images. */
int chart_gnuplot_run(const char *gnuplot, const char *cdir, const char *name, char *err,
                      size_t size)
{
    char qdir[3 * CHART_PATH_MAX], qprog[3 * CHART_PATH_MAX], qscript[3 * CHART_NAME_MAX];
    char script[CHART_NAME_MAX + 4], cmd[10 * CHART_PATH_MAX];
    snprintf(script, sizeof script, "%s.gp", name);
    if (shell_quote(qdir, sizeof qdir, cdir) || shell_quote(qprog, sizeof qprog, gnuplot) ||
        shell_quote(qscript, sizeof qscript, script)) {
        snprintf(err, size, "path too long for charts in %.300s", cdir);
        return CHART_FAILED;
    }
    snprintf(cmd, sizeof cmd, "cd %s && exec %s %s </dev/null 2>&1", qdir, qprog, qscript);
    fflush(NULL);
    FILE *p = popen(cmd, "r");
    if (!p) {
        snprintf(err, size, "cannot start %.300s: %s", gnuplot, strerror(errno));
        return CHART_FAILED;
    }
    char said[512], chunk[512];
    size_t len = 0, got;
    while ((got = fread(chunk, 1, sizeof chunk, p)) > 0)
        for (size_t i = 0; i < got && len + 1 < sizeof said; i++)
            said[len++] = chunk[i];
    said[len] = '\0';
    int st = pclose(p);
    one_line(said);
    if (st == -1) {
        snprintf(err, size, "gnuplot on charts/%s.gp: %s", name, strerror(errno));
        return CHART_FAILED;
    }
    if (WIFSIGNALED(st)) {
        snprintf(err, size, "gnuplot was stopped by signal %d on charts/%s.gp", WTERMSIG(st), name);
        return CHART_FAILED;
    }
    int code = WEXITSTATUS(st);
    if (code == 126 || code == 127) {
        snprintf(err, size, "%.300s cannot be run%s%s", gnuplot, said[0] ? ": " : "", said);
        return CHART_NO_GNUPLOT;
    }
    const char *ext[2] = { "png", "svg" };
    int complete[2];
    for (int i = 0; i < 2; i++) {
        char path[CHART_PATH_MAX + CHART_NAME_MAX + 8];
        snprintf(path, sizeof path, "%s/%s.%s", cdir, name, ext[i]);
        complete[i] = image_complete(path, i == 0);
    }
    int room = code != 0 || !complete[0] || !complete[1] ? room_to_write(cdir) : 0;
    if (room != 0) {
        snprintf(err, size, "cannot write charts/%s.%s: %s", name, ext[complete[0]],
                 strerror(room));
        return CHART_FAILED;
    }
    if (code != 0) {
        snprintf(err, size, "gnuplot failed on charts/%s.gp (exit status %d)%s%s", name, code,
                 said[0] ? ": " : "", said);
        return CHART_FAILED;
    }
    for (int i = 0; i < 2; i++)
        if (!complete[i]) {
            snprintf(err, size, "gnuplot did not write charts/%s.%s%s%s", name, ext[i],
                     said[0] ? ": " : "", said);
            return CHART_FAILED;
        }
    return 0;
}
