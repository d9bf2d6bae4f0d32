/*
 * outdir: an output folder written whole, see outdir.h.
 */
#define _GNU_SOURCE     /* renameat2, syscall */
#include "plots/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "plots/output.h"

/* ---- removing a tree, async-signal-safe ---------------------------- */

/* The kernel's record of getdents64. */
struct outdir_dirent {
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

#define OUTDIR_DEPTH_MAX 16     /* deeper than anything chanmix writes */

static int is_dot(const char *s)
{
    return s[0] == '.' && (s[1] == '\0' || (s[1] == '.' && s[2] == '\0'));
}

/* Removes name in folder dirfd and, when it is a folder, what it holds. */
static int remove_at(int dirfd, const char *name, int depth)
{
    if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
        return 0;
    if ((errno != EISDIR && errno != EPERM) || depth >= OUTDIR_DEPTH_MAX)
        return -1;
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    _Alignas(8) char buf[2048];
    int rc = 0;
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0) {
            rc = n < 0 ? -1 : 0;
            break;
        }
        int removed = 0;
        for (long at = 0; at < n && rc == 0;) {
            const struct outdir_dirent *d = (const void *)(buf + at);
            at += d->reclen;
            if (is_dot(d->name))
                continue;
            rc = remove_at(fd, d->name, depth + 1);
            removed = 1;
        }
        if (rc != 0)
            break;
        if (removed)    /* read again from the start: the listing changed under us */
            lseek(fd, 0, SEEK_SET);
    }
    int e = errno;
    close(fd);
    if (rc == 0 && unlinkat(dirfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
        return -1;
    errno = e;
    return rc;
}

int outdir_remove_tree(const char *path)
{
    return remove_at(AT_FDCWD, path, 0);
}

/* ---- the lock ------------------------------------------------------- */

/* The process id written in a lock file, or 0. */
static long lock_owner(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return strtol(buf, NULL, 10);
}

/*
 * Takes the lock file's flock.  The file is removed at the end while
 * locked, so a run that opened it just before may lock a file that is no
 * longer there: it then tries again with the file the path names now.
 */
static int take_lock(struct outdir *o, char *err, size_t size)
{
    for (int tries = 0; tries < 8; tries++) {
        int fd = open(o->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0) {
            snprintf(err, size, "cannot create the lock file %s: %s", o->lock, strerror(errno));
            return -1;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            long pid = e == EWOULDBLOCK ? lock_owner(fd) : 0;
            close(fd);
            if (e == EWOULDBLOCK && pid > 0)
                snprintf(err, size, "%s is being written by another chanmix (process %ld); "
                         "try again when it is done", o->final, pid);
            else if (e == EWOULDBLOCK)
                snprintf(err, size, "%s is being written by another chanmix; try again when "
                         "it is done", o->final);
            else
                snprintf(err, size, "cannot lock %s: %s", o->lock, strerror(e));
            return -1;
        }
        struct stat held, named;
        if (fstat(fd, &held) == 0 && stat(o->lock, &named) == 0 && held.st_dev == named.st_dev &&
            held.st_ino == named.st_ino) {
            char pid[32];
            int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
            if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
                snprintf(err, size, "cannot write the lock file %s: %s", o->lock, strerror(errno));
                unlink(o->lock);
                close(fd);
                return -1;
            }
            o->lock_fd = fd;
            return 0;
        }
        close(fd);
    }
    snprintf(err, size, "cannot lock %s: its lock file keeps changing", o->final);
    return -1;
}

static void release(struct outdir *o)
{
    if (o->lock_fd >= 0) {
        unlink(o->lock);
        close(o->lock_fd);
        o->lock_fd = -1;
    }
}

/* ---- what DIR may be ------------------------------------------------ */

/* 1 when folder dir is empty or holds OUTDIR_MARK, 0 when not, -1 when unreadable. */
static int replaceable(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int empty = 1, marked = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (!is_dot(de->d_name)) {
            empty = 0;
            marked |= strcmp(de->d_name, OUTDIR_MARK) == 0;
        }
    closedir(d);
    return empty || marked;
}

/* 0 when DIR is absent or a folder chanmix may replace; else OUTDIR_BAD or -1 with err. */
static int check_final(const char *final, char *err, size_t size)
{
    struct stat st;
    if (lstat(final, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, size, "cannot look at %s: %s", final, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, size, "%s exists and is not a folder", final);
        return OUTDIR_BAD;
    }
    int ok = replaceable(final);
    if (ok < 0) {
        snprintf(err, size, "cannot read folder %s: %s", final, strerror(errno));
        return -1;
    }
    if (!ok) {
        snprintf(err, size, "%s holds files chanmix did not write (it has no %s); --out "
                 "replaces its folder whole, so give a new or an empty folder", final,
                 OUTDIR_MARK);
        return OUTDIR_BAD;
    }
    return 0;
}

/* o->final from dir: trailing slashes dropped, a link to a folder resolved; checks lengths. */
static int name_final(struct outdir *o, const char *dir, char *err, size_t size)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    if (len > OUTDIR_MAX) {
        snprintf(err, size, "--out: the folder's name is %zu bytes long; at most %d are "
                 "supported", len, OUTDIR_MAX);
        return OUTDIR_BAD;
    }
    memcpy(o->final, dir, len);
    o->final[len] = '\0';
    struct stat st;
    if (lstat(o->final, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(o->final, NULL);
        if (!real || strlen(real) > OUTDIR_MAX) {
            snprintf(err, size, "--out: %s is a link that does not lead to a usable folder",
                     o->final);
            free(real);
            return OUTDIR_BAD;
        }
        strcpy(o->final, real);
        free(real);
    }
    const char *slash = strrchr(o->final, '/');
    const char *base = slash ? slash + 1 : o->final;
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        snprintf(err, size, "--out: give the folder by name, not '%s' (chanmix replaces it "
                 "whole)", dir);
        return OUTDIR_BAD;
    }
    if (strlen(base) > OUTDIR_BASE_MAX) {
        snprintf(err, size, "--out: the folder's last name is %zu bytes long; at most %d are "
                 "supported", strlen(base), OUTDIR_BASE_MAX);
        return OUTDIR_BAD;
    }
    /* the parent: "." for a bare name, "" for a folder in / */
    int plen = slash ? (int)(slash - o->final) : 1;
    const char *parent = slash ? o->final : ".";
    snprintf(o->tmp, sizeof o->tmp, "%.*s/.%s.chanmix-tmp", plen, parent, base);
    snprintf(o->lock, sizeof o->lock, "%.*s/.%s.chanmix-lock", plen, parent, base);
    return 0;
}

int outdir_lock(struct outdir *o, const char *dir, char *err, size_t size)
{
    memset(o, 0, sizeof *o);
    o->lock_fd = -1;
    int rc = name_final(o, dir, err, size);
    if (rc != 0)
        return rc;
    char *parent = malloc(strlen(o->lock) + 1);
    if (!parent) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    strcpy(parent, o->lock);
    *strrchr(parent, '/') = '\0';
    if (parent[0] && output_make_dir(parent) != 0) {     /* "" is / */
        snprintf(err, size, "cannot create folder %s: %s", parent, strerror(errno));
        free(parent);
        return -1;
    }
    free(parent);
    if ((rc = take_lock(o, err, size)) != 0)
        return rc;
    /* a twin left by a run that was killed: the lock says nobody is writing it */
    if (outdir_remove_tree(o->tmp) != 0) {
        snprintf(err, size, "cannot remove %s, left by an earlier run: %s", o->tmp,
                 strerror(errno));
        release(o);
        return -1;
    }
    if ((rc = check_final(o->final, err, size)) != 0)
        release(o);
    return rc;
}

int outdir_begin(struct outdir *o, char *err, size_t size)
{
    if (mkdir(o->tmp, 0777) != 0) {
        snprintf(err, size, "cannot create folder %s: %s", o->tmp, strerror(errno));
        return -1;
    }
    o->made = 1;
    char *mark = output_path(o->tmp, OUTDIR_MARK);
    FILE *f = mark ? fopen(mark, "w") : NULL;
    int ok = f && fputs("Written by chanmix --out; the next --out into this folder replaces it "
                        "whole.\n", f) >= 0;
    int e = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (!ok)
        snprintf(err, size, "cannot write %s: %s", mark ? mark : OUTDIR_MARK, strerror(e));
    free(mark);
    return ok ? 0 : -1;
}

/* Where renameat2 cannot swap (some file systems): aside, in, and the old one removed. */
static int swap_in_steps(struct outdir *o, char *err, size_t size)
{
    char old[PATH_MAX];
    snprintf(old, sizeof old, "%.*s-old", (int)(strlen(o->tmp) - 4), o->tmp);
    outdir_remove_tree(old);
    if (rename(o->final, old) != 0) {
        snprintf(err, size, "cannot replace %s: %s", o->final, strerror(errno));
        return -1;
    }
    if (rename(o->tmp, o->final) != 0) {
        snprintf(err, size, "cannot replace %s: %s", o->final, strerror(errno));
        rename(old, o->final);
        return -1;
    }
    o->made = 0;
    outdir_remove_tree(old);
    return 0;
}

int outdir_commit(struct outdir *o, char *err, size_t size)
{
    /* the user may have put files in DIR meanwhile: they are never removed */
    int rc = check_final(o->final, err, size);
    struct stat st;
    if (rc == 0 && lstat(o->final, &st) != 0) {
        if (rename(o->tmp, o->final) != 0) {
            snprintf(err, size, "cannot create %s: %s", o->final, strerror(errno));
            rc = -1;
        } else
            o->made = 0;
    } else if (rc == 0) {
        if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final, RENAME_EXCHANGE) == 0)
            outdir_remove_tree(o->tmp);     /* now the old folder */
        else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)
            rc = swap_in_steps(o, err, size);
        else {
            snprintf(err, size, "cannot replace %s: %s", o->final, strerror(errno));
            rc = -1;
        }
        if (rc == 0)
            o->made = 0;
    }
    if (rc != 0)
        outdir_abort(o);
    release(o);
    return rc == 0 ? 0 : -1;
}

void outdir_abort(struct outdir *o)
{
    if (o->made)
        outdir_remove_tree(o->tmp);
    o->made = 0;
    release(o);
}

void outdir_discard_now(const struct outdir *o)
{
    if (o->made)
        outdir_remove_tree(o->tmp);
    if (o->lock_fd >= 0)
        unlink(o->lock);
}
