/*
 * out_folder: the `--out DIR` of run, compare and staff, all or nothing.
 *
 * The folder is locked before anything is simulated (a second command aimed
 * at it is refused at once), written in its temporary twin, and put in
 * place only when the command succeeds, its stdout included (see
 * plots/outdir.h).  SIGINT, SIGTERM, SIGHUP and SIGPIPE remove the twin and
 * the lock, then end the program as the signal would have.
 *
 * The handler must find the folder being written, so the one held is named
 * by a file-scope pointer: the only global state of the program, and it
 * exists because a signal handler receives no argument.  A signal that
 * arrives while the twin is being put in place waits for that to finish.
 */
#include "cli/cli.h"

#include <signal.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plots/outdir.h"

static struct outdir *volatile held;
static volatile sig_atomic_t committing, pending;

static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
#define N_CAUGHT (int)(sizeof caught / sizeof caught[0])

static void on_signal(int sig)
{
    if (committing) {
        pending = sig;
        return;
    }
    int e = errno;
    struct outdir *o = held;
    if (o)
        outdir_discard_now(o);
    errno = e;
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);     /* delivered when the handler returns: the program ends by it */
}

static void catch_signals(struct sigaction *saved)
{
    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < N_CAUGHT; i++)
        sigaddset(&sa.sa_mask, caught[i]);
    for (int i = 0; i < N_CAUGHT; i++) {
        sigaction(caught[i], NULL, &saved[i]);
        /* a signal ignored from the start (nohup, a background job) stays ignored */
        if (saved[i].sa_handler != SIG_IGN)
            sigaction(caught[i], &sa, NULL);
    }
}

static void restore_signals(const struct sigaction *saved)
{
    for (int i = 0; i < N_CAUGHT; i++)
        sigaction(caught[i], &saved[i], NULL);
}

int cli_out_open(struct cli_out *o, const char *cmd, const char *dir)
{
    char err[PATH_MAX + 512];
    o->cmd = cmd;
    o->dir = malloc(sizeof *o->dir);
    o->saved = malloc(N_CAUGHT * sizeof *o->saved);
    if (!o->dir || !o->saved) {
        cli_error(cmd, "out of memory");
        free(o->dir);
        free(o->saved);
        return EXIT_RUNTIME;
    }
    int rc = outdir_lock(o->dir, dir, err, sizeof err);
    if (rc != 0) {
        cli_error(cmd, "%s; nothing was run", err);
        free(o->dir);
        free(o->saved);
        return rc == OUTDIR_BAD ? EXIT_BAD_INPUT : EXIT_RUNTIME;
    }
    held = o->dir;
    catch_signals(o->saved);
    return 0;
}

int cli_out_begin(struct cli_out *o, const char **path)
{
    char err[PATH_MAX + 512];
    if (outdir_begin(o->dir, err, sizeof err) != 0) {
        cli_error(o->cmd, "%s", err);
        return EXIT_RUNTIME;
    }
    *path = o->dir->tmp;
    return 0;
}

int cli_out_close(struct cli_out *o, int rc)
{
    char err[PATH_MAX + 512];
    /* what stdout could not take is a failure, said here once (main's check then passes) */
    int flushed = rc != 0 || fflush(stdout) == 0, e = errno;
    if (rc == 0 && (!flushed || ferror(stdout))) {
        cli_error(o->cmd, "cannot write the standard output: %s",
                  flushed ? "a write failed" : strerror(e));
        clearerr(stdout);
        rc = EXIT_RUNTIME;
    }
    if (rc == 0 && !o->dir->made) {
        cli_error(o->cmd, "nothing was written for %s", o->dir->final);
        rc = EXIT_RUNTIME;
    }
    if (rc == 0) {
        committing = 1;
        if (outdir_commit(o->dir, err, sizeof err) != 0) {
            cli_error(o->cmd, "%s", err);
            rc = EXIT_RUNTIME;
        }
        committing = 0;
    } else {
        outdir_abort(o->dir);
        cli_error(o->cmd, "%s was left as it was", o->dir->final);
    }
    held = NULL;
    restore_signals(o->saved);
    free(o->dir);
    free(o->saved);
    if (pending)
        raise(pending);
    return rc;
}
