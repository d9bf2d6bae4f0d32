/*
 * merge: reading a chain of extends and merging it, see merge.h.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include "scenarios/merge.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *copy_string(const char *s)
{
    char *c = malloc(strlen(s) + 1);
    if (c)
        strcpy(c, s);
    return c;
}

char *merge_relative_to(const char *file, const char *rel)
{
    if (rel[0] == '/')
        return copy_string(rel);
    const char *slash = strrchr(file, '/');
    size_t dir = slash ? (size_t)(slash - file + 1) : 0;
    char *out = malloc(dir + strlen(rel) + 1);
    if (!out)
        return NULL;
    memcpy(out, file, dir);
    strcpy(out + dir, rel);
    return out;
}

/* Copies setting src (with its source file and line) into group or list dst. */
static int copy_into(config_setting_t *dst, const config_setting_t *src)
{
    int type = config_setting_type(src);
    const char *name = config_setting_is_group(dst) ? config_setting_name(src) : NULL;
    config_setting_t *s = config_setting_add(dst, name, type);
    if (!s)
        return -1;
    s->line = src->line;
    s->file = src->file;
    switch (type) {
    case CONFIG_TYPE_INT:
        config_setting_set_int(s, config_setting_get_int(src));
        break;
    case CONFIG_TYPE_INT64:
        config_setting_set_int64(s, config_setting_get_int64(src));
        break;
    case CONFIG_TYPE_FLOAT:
        config_setting_set_float(s, config_setting_get_float(src));
        break;
    case CONFIG_TYPE_BOOL:
        config_setting_set_bool(s, config_setting_get_bool(src));
        break;
    case CONFIG_TYPE_STRING:
        config_setting_set_string(s, config_setting_get_string(src));
        break;
    default: {   /* group, list, array */
        int n = config_setting_length(src);
        for (int i = 0; i < n; i++)
            if (copy_into(s, config_setting_get_elem(src, (unsigned)i)) != 0)
                return -1;
    }
    }
    return 0;
}

/* Overwrites scalar b with scalar c of the same type, keeping b's place; 0 if not scalars. */
static int set_in_place(config_setting_t *b, const config_setting_t *c)
{
    int type = config_setting_type(c);
    if (config_setting_type(b) != type)
        return 0;
    switch (type) {
    case CONFIG_TYPE_INT: config_setting_set_int(b, config_setting_get_int(c)); break;
    case CONFIG_TYPE_INT64: config_setting_set_int64(b, config_setting_get_int64(c)); break;
    case CONFIG_TYPE_FLOAT: config_setting_set_float(b, config_setting_get_float(c)); break;
    case CONFIG_TYPE_BOOL: config_setting_set_bool(b, config_setting_get_bool(c)); break;
    case CONFIG_TYPE_STRING: config_setting_set_string(b, config_setting_get_string(c)); break;
    default: return 0;
    }
    b->line = c->line;
    b->file = c->file;
    return 1;
}

static const char *item_name(const config_setting_t *s)
{
    const char *name = NULL;
    if (config_setting_is_group(s))
        config_setting_lookup_string(s, "name", &name);
    return name;
}

/* Whether every element of list l is a group with a name. */
static int named_list(const config_setting_t *l)
{
    if (!config_setting_is_list(l))
        return 0;
    int n = config_setting_length(l);
    for (int i = 0; i < n; i++)
        if (!item_name(config_setting_get_elem(l, (unsigned)i)))
            return 0;
    return n > 0;
}

static int merge_group(config_setting_t *base, const config_setting_t *child);

static int merge_list(config_setting_t *base, const config_setting_t *child)
{
    int n = config_setting_length(child);
    for (int i = 0; i < n; i++) {
        const config_setting_t *item = config_setting_get_elem(child, (unsigned)i);
        const char *name = item_name(item);
        config_setting_t *match = NULL;
        int bn = config_setting_length(base);
        for (int k = 0; k < bn && !match; k++) {
            config_setting_t *b = config_setting_get_elem(base, (unsigned)k);
            const char *bname = item_name(b);
            if (bname && strcmp(bname, name) == 0)
                match = b;
        }
        int rc = match ? merge_group(match, item) : copy_into(base, item);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int merge_group(config_setting_t *base, const config_setting_t *child)
{
    int n = config_setting_length(child);
    for (int i = 0; i < n; i++) {
        const config_setting_t *c = config_setting_get_elem(child, (unsigned)i);
        const char *name = config_setting_name(c);
        config_setting_t *b = config_setting_get_member(base, name);
        int rc;
        if (b && config_setting_is_group(b) && config_setting_is_group(c))
            rc = merge_group(b, c);
        else if (b && named_list(b) && named_list(c))
            rc = merge_list(b, c);
        else if (b && set_in_place(b, c))
            rc = 0;
        else {
            if (b)
                config_setting_remove(base, name);
            rc = copy_into(base, c);
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* Larger than any scenario a person writes; reading stops there. */
#define MERGE_FILE_MAX (16L << 20)

/*
 * Reads a regular file through once before libconfig does: libconfig's
 * scanner ends the program on a read error ("input in flex scanner
 * failed"), so such a file is refused here, at the line it failed in.
 */
static int read_through(const char *path, char *err, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, size, "%s:0: cannot read the file: %s", path, strerror(errno));
        return -1;
    }
    char buf[8192];
    long total = 0, line = 1;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0 && total <= MERGE_FILE_MAX) {
        total += n;
        for (ssize_t i = 0; i < n; i++)
            line += buf[i] == '\n';
    }
    int e = errno;
    close(fd);
    if (n < 0)
        snprintf(err, size, "%s:%ld: cannot read the file: %s", path, line, strerror(e));
    else if (total > MERGE_FILE_MAX)
        snprintf(err, size, "%s:0: too large for a scenario file (over %ld MiB)", path,
                 MERGE_FILE_MAX >> 20);
    return n < 0 || total > MERGE_FILE_MAX ? -1 : 0;
}

/*
 * What may be read as a scenario: a regular file, read through without an
 * error; the file named on the command line may also be a named pipe,
 * which libconfig reads once.  Anything else, a FIFO named by extends
 * above all (it blocks until someone writes it), is refused.  extended is
 * the extends text that named path, or NULL for the file itself.
 */
static int check_file(const char *path, const char *extended, const char *from_file,
                      int from_line, char *err, size_t size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, size, "%s:0: cannot read the file: %s", path, strerror(errno));
        return -1;
    }
    if (S_ISREG(st.st_mode))
        return read_through(path, err, size);
    if (!extended && S_ISFIFO(st.st_mode))
        return 0;
    const char *what = S_ISDIR(st.st_mode) ? "a folder" : S_ISFIFO(st.st_mode) ? "a FIFO"
                     : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "not a file";
    if (extended)
        snprintf(err, size, "%s:%d: extends: '%s' (%s) is %s, not a regular file", from_file,
                 from_line, extended, path, what);
    else
        snprintf(err, size, "%s:0: cannot read the file: it is %s, not a regular file", path,
                 what);
    return -1;
}

void merge_free(struct merge_chain *chain)
{
    for (int i = 0; i < chain->n; i++) {
        config_destroy(chain->configs[i]);
        free(chain->configs[i]);
        free(chain->paths[i]);
    }
    chain->n = 0;
}

/* The files of a chain as they are read, the newest first. */
struct chain_walk {
    config_t *stack[MERGE_MAX_DEPTH];
    char *paths[MERGE_MAX_DEPTH];
    char real[MERGE_MAX_DEPTH][PATH_MAX];
    int depth;
    const char *from_file;   /* the file whose extends named the next one, and its line */
    int from_line;
};

/* Reads the file next (owned from here on) onto the walk and sets *following to the file
 * it extends, or NULL at the oldest ancestor; returns 0 or -1 with err filled. */
static int walk_read(struct chain_walk *w, char *next, char **following, char *err, size_t size)
{
    *following = NULL;
    if (w->depth == MERGE_MAX_DEPTH) {
        snprintf(err, size, "%s:%d: extends: chains of more than %d files are not supported",
                 w->from_file, w->from_line, MERGE_MAX_DEPTH);
        free(next);
        return -1;
    }
    if (!realpath(next, w->real[w->depth])) {
        if (w->from_file)
            snprintf(err, size, "%s:%d: extends: cannot read '%s' (%s)", w->from_file,
                     w->from_line, config_setting_get_string(config_setting_get_member(
                         config_root_setting(w->stack[w->depth - 1]), "extends")), next);
        else
            snprintf(err, size, "%s:0: cannot read the file", next);
        free(next);
        return -1;
    }
    for (int k = 0; k < w->depth; k++)
        if (strcmp(w->real[k], w->real[w->depth]) == 0) {
            snprintf(err, size, "%s:%d: extends: '%s' is already in the chain (a cycle)",
                     w->from_file, w->from_line, next);
            free(next);
            return -1;
        }
    const char *extended = w->depth == 0 ? NULL : config_setting_get_string(
        config_setting_get_member(config_root_setting(w->stack[w->depth - 1]), "extends"));
    if (check_file(next, extended, w->from_file, w->from_line, err, size) != 0) {
        free(next);
        return -1;
    }
    config_t *cfg = malloc(sizeof *cfg);
    if (!cfg) {
        snprintf(err, size, "%s:0: out of memory", next);
        free(next);
        return -1;
    }
    config_init(cfg);
    w->paths[w->depth] = next;
    w->stack[w->depth++] = cfg;
    if (config_read_file(cfg, next) != CONFIG_TRUE) {
        if (config_error_type(cfg) == CONFIG_ERR_FILE_IO)
            snprintf(err, size, "%s:0: cannot read the file", next);
        else
            snprintf(err, size, "%s:%d: syntax: %s",
                     config_error_file(cfg) ? config_error_file(cfg) : next,
                     config_error_line(cfg), config_error_text(cfg));
        return -1;
    }
    config_setting_t *ext = config_setting_get_member(config_root_setting(cfg), "extends");
    if (!ext)
        return 0;
    w->from_file = w->paths[w->depth - 1];
    w->from_line = (int)ext->line;
    if (config_setting_type(ext) != CONFIG_TYPE_STRING) {
        snprintf(err, size, "%s:%d: extends: must be a string naming a scenario file",
                 w->from_file, w->from_line);
        return -1;
    }
    *following = merge_relative_to(w->paths[w->depth - 1], config_setting_get_string(ext));
    return 0;
}

int merge_load(struct merge_chain *chain, const char *path, char *err, size_t size)
{
    struct chain_walk w;
    int rc = -1;
    char *next = copy_string(path);
    w.depth = 0;
    w.from_file = NULL;
    w.from_line = 0;
    memset(chain, 0, sizeof *chain);
    err[0] = '\0';

    while (next)
        if (walk_read(&w, next, &next, err, size) != 0)
            goto out;
    /* merge from the oldest ancestor down */
    config_setting_t *root = config_root_setting(w.stack[w.depth - 1]);
    config_setting_remove(root, "extends");
    for (int k = w.depth - 2; k >= 0; k--) {
        config_setting_t *child = config_root_setting(w.stack[k]);
        config_setting_remove(child, "extends");
        if (merge_group(root, child) != 0) {
            snprintf(err, size, "%s:0: out of memory while merging", w.paths[k]);
            goto out;
        }
    }
    rc = 0;
out:
    /* chain->configs[0] is the ancestor that holds the result; every file
     * stays loaded because merged settings point at their file names */
    for (int k = 0; k < w.depth; k++) {
        chain->configs[k] = w.stack[w.depth - 1 - k];
        chain->paths[k] = w.paths[w.depth - 1 - k];
    }
    chain->n = w.depth;
    return rc;
}
