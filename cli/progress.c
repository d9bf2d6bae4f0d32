/*
 * progress: the bar on stderr, see progress.h.
 *
 * The time left is the mean time per replication so far times those still
 * to run: replications of one scenario are alike, and the runner hands them
 * out one by one, so this settles quickly.  Redraws are limited to ten a
 * second so a fast run does not spend its time writing to the terminal.
 */
#include "cli/progress.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_BAR 24

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* "35 s", "4 min 10 s", "1 h 5 min". */
static void format_time(char *buf, size_t size, double s)
{
    long t = (long)(s + 0.5);
    if (t < 60)
        snprintf(buf, size, "%ld s", t);
    else if (t < 3600)
        snprintf(buf, size, "%ld min %ld s", t / 60, t % 60);
    else
        snprintf(buf, size, "%ld h %ld min", t / 3600, t % 3600 / 60);
}

void progress_format(char *buf, size_t size, int done, int total, double elapsed,
                     const char *label)
{
    char bar[PROGRESS_BAR + 1], left[48] = "";
    int filled = total > 0 ? (int)((long long)PROGRESS_BAR * done / total) : 0;
    for (int i = 0; i < PROGRESS_BAR; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[PROGRESS_BAR] = '\0';
    if (done > 0 && done < total) {
        char t[32];
        double left_s = elapsed / done * (total - done);
        format_time(t, sizeof t, left_s < 1 ? 1 : left_s);     /* never "0 s left" */
        snprintf(left, sizeof left, "  about %s left", t);
    }
    snprintf(buf, size, "chanmix: [%s] %d/%d replications%s%.24s%s", bar, done, total,
             label ? "  " : "", label ? label : "", left);
}

static void draw(struct progress *p, int done_all, double t)
{
    char line[160];
    const char *label = p->labels && p->stage < p->stages ? p->labels[p->stage] : NULL;
    progress_format(line, sizeof line, done_all, p->total, t - p->t0, label);
    int len = (int)strlen(line);
    /* pad over what a longer previous line left */
    fprintf(p->f, "\r%s%*s", line, p->width > len ? p->width - len : 0, "");
    fflush(p->f);
    p->width = len;
    p->last_draw = t;
}

void progress_start(struct progress *p, FILE *f, int quiet, int total, int stages,
                    const char *const *labels)
{
    memset(p, 0, sizeof *p);
    p->f = f;
    p->on = !quiet && isatty(fileno(f));
    p->total = total;
    p->stages = stages > 0 ? stages : 1;
    p->labels = labels;
    p->t0 = now();
    if (p->on)
        draw(p, 0, p->t0);
}

void progress_update(void *ctx, int done, int total)
{
    struct progress *p = ctx;
    if (!p->on)
        return;
    if (p->last_total > 0 && p->last_done == p->last_total) {
        /* the previous stage finished: this call is the next one's first */
        p->done_before += p->last_total;
        p->stage++;
    }
    p->last_done = done;
    p->last_total = total;
    double t = now();
    int all = p->done_before + done;
    if (t - p->last_draw >= 0.1 || all == p->total)
        draw(p, all, t);
}

void progress_step(struct progress *p, int done, int total, long run, const char *what,
                   double left_s)
{
    if (!p->on)
        return;
    p->last_done = (int)run + done;
    p->last_total = 0;      /* not the end of a stage */
    double t = now();
    if (t - p->last_draw < 0.1 && done != total)
        return;
    char bar[PROGRESS_BAR + 1], left[48] = "", line[200];
    int filled = total > 0 ? (int)((long long)PROGRESS_BAR * done / total) : 0;
    for (int i = 0; i < PROGRESS_BAR; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[PROGRESS_BAR] = '\0';
    if (left_s >= 0) {
        char w[32];
        format_time(w, sizeof w, left_s < 1 ? 1 : left_s);
        snprintf(left, sizeof left, "  about %s left", w);
    }
    snprintf(line, sizeof line, "chanmix: [%s] %.60s: %d/%d replications (%ld in all)%s", bar,
             what, done, total, run + done, left);
    int len = (int)strlen(line);
    fprintf(p->f, "\r%s%*s", line, p->width > len ? p->width - len : 0, "");
    fflush(p->f);
    p->width = len;
    p->last_draw = t;
}

void progress_finish(struct progress *p)
{
    if (!p->on)
        return;
    char t[32];
    double s = now() - p->t0;
    if (s < 10)
        snprintf(t, sizeof t, "%.1f s", s);
    else
        format_time(t, sizeof t, s);
    char line[160];
    snprintf(line, sizeof line, "chanmix: %d replications in %s", p->done_before + p->last_done, t);
    int len = (int)strlen(line);
    fprintf(p->f, "\r%s%*s\n", line, p->width > len ? p->width - len : 0, "");
    fflush(p->f);
    p->on = 0;
}
