/*
 * progress: a progress bar on stderr while replications run.
 *
 *   chanmix: [##########..............]  12/40 replications  baseline  about 35 s left
 *
 * Shown only when stderr is a terminal and not asked to be quiet, so logs
 * and pipes stay clean.  progress_update is the runner's progress callback
 * (sim/runner.h): it is called from one thread at a time.  A comparison runs
 * its scenarios one after the other, each counting its replications from 1;
 * the bar adds them up and names the scenario running.
 */
#ifndef CHANMIX_CLI_PROGRESS_H
#define CHANMIX_CLI_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

struct progress {
    FILE *f;
    int on;
    int total;                  /* replications of all stages */
    int stages, stage;          /* scenarios of a comparison; 1 for a run */
    const char *const *labels;  /* stages' names, or NULL */
    int done_before;            /* replications of the stages already finished */
    int last_done, last_total;  /* the last call's figures */
    double t0, last_draw;       /* seconds, monotonic clock */
    int width;                  /* characters drawn on the line */
};

/*
 * Starts a bar for `total` replications in `stages` stages named by labels
 * (may be NULL); draws nothing when quiet or when f is not a terminal.
 */
void progress_start(struct progress *p, FILE *f, int quiet, int total, int stages,
                    const char *const *labels);

/* The runner's callback: ctx is the struct progress. */
void progress_update(void *ctx, int done, int total);

/*
 * For work whose total is not known ahead (the staffing search): draws the
 * bar for `done` of `total` replications of the simulation running now,
 * named by `what`, with `run` replications finished before it and left_s
 * seconds left by the caller's estimate (< 0: none).
 */
void progress_step(struct progress *p, int done, int total, long run, const char *what,
                   double left_s);
/* Clears the bar and says how long it took. */
void progress_finish(struct progress *p);

/* The bar's text for `done` of `total` after `elapsed` seconds (no newline). */
void progress_format(char *buf, size_t size, int done, int total, double elapsed,
                     const char *label);

#endif
