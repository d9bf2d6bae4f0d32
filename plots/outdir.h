/*
 * outdir: the folder of `--out DIR`, which appears whole or not at all.
 *
 * A command writes everything into DIR's temporary twin beside it,
 * PARENT/.BASE.chanmix-tmp, and only when all of it is complete the twin
 * takes DIR's place: renamed when DIR does not exist, else swapped with it
 * in one step (renameat2 RENAME_EXCHANGE) and the old folder removed.  An
 * error or a signal removes the twin and leaves DIR as it was.
 *
 * A lock file beside DIR, PARENT/.BASE.chanmix-lock, is held (flock) from
 * before the simulation to the end, so a second command aimed at the same
 * DIR is refused at once rather than mixing its files in.  The lock file
 * holds the owner's process id, for the message, and is removed at the end.
 *
 * Because DIR is replaced whole, it must be new, empty, or a folder chanmix
 * wrote before (it holds OUTDIR_MARK): a folder of the user's own is never
 * removed.  DIR is at most OUTDIR_MAX bytes and its last part at most
 * OUTDIR_BASE_MAX, so that the deepest file written (a comparison's
 * DIR/NAME/charts/CHART.svg, or its temporary name) fits in PATH_MAX.
 *
 * outdir_discard_now uses only async-signal-safe calls (openat, getdents64,
 * unlinkat), so a signal handler may call it.
 */
#ifndef CHANMIX_PLOTS_OUTDIR_H
#define CHANMIX_PLOTS_OUTDIR_H

#include <limits.h>
#include <stddef.h>

#define OUTDIR_MARK ".chanmix-output"
#define OUTDIR_MAX 3800
#define OUTDIR_BASE_MAX 200

#define OUTDIR_BAD (-2)     /* DIR cannot be an output folder (bad input) */

struct outdir {
    char final[PATH_MAX];   /* DIR, without trailing slashes (a link resolved) */
    char tmp[PATH_MAX];     /* its temporary twin */
    char lock[PATH_MAX];    /* the lock file */
    int lock_fd;            /* -1: not held */
    int made;               /* tmp exists */
};

/*
 * Checks DIR and takes its lock, creating the folders above it as needed;
 * removes a twin a killed run left behind.  Returns 0, OUTDIR_BAD (DIR too
 * long, not a folder, or holding files chanmix did not write) or -1 (another
 * run holds the lock, or the system refused), with a message in err.
 */
int outdir_lock(struct outdir *o, const char *dir, char *err, size_t size);

/* Creates the twin (with OUTDIR_MARK in it); 0, or -1 with err. */
int outdir_begin(struct outdir *o, char *err, size_t size);

/* Puts the twin in DIR's place and releases the lock; 0, or -1 with err (DIR unchanged). */
int outdir_commit(struct outdir *o, char *err, size_t size);

/* Removes the twin and releases the lock; DIR is left as it was. */
void outdir_abort(struct outdir *o);

/* The same from a signal handler: removes the twin and the lock file. */
void outdir_discard_now(const struct outdir *o);

/* rm -rf path without following links; async-signal-safe.  0, or -1 with errno. */
int outdir_remove_tree(const char *path);

#endif
