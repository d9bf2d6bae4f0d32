/*
 * records: one shard's raw values and their merge, see records.h.
 *
 *   chanmix-records 1
 *   command run
 *   options <text>
 *   seed 20261123
 *   replications 10
 *   shard 2 3
 *   input 9f2c...e1 scenarios/baseline.cfg      (one line per input)
 *   block 1234 baseline                         (width, name)
 *   path channels.desk.offered                  (width lines)
 *   row 1 6239 5576 ...                         (one line per replication)
 *   end
 */
#define _POSIX_C_SOURCE 200809L
#include "sim/records.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void records_hash(const void *bytes, size_t n, char out[17])
{
    const unsigned char *p = bytes;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int records_write(FILE *f, const struct records *r)
{
    fprintf(f, "chanmix-records %d\ncommand %s\noptions %s\nseed %llu\nreplications %d\n"
               "shard %d %d\n", RECORDS_VERSION, r->command, r->options,
            (unsigned long long)r->seed, r->replications, r->shard, r->shards);
    for (int i = 0; i < r->n_inputs; i++)
        fprintf(f, "input %s %s\n", r->input_hash[i], r->input_path[i]);
    for (int b = 0; b < r->n_blocks; b++) {
        const struct records_block *k = &r->blocks[b];
        fprintf(f, "block %zu %s\n", k->width, k->name);
        for (size_t i = 0; i < k->width; i++)
            fprintf(f, "path %s\n", k->paths[i]);
        for (int row = 0; row < k->rows; row++) {
            fprintf(f, "row %d", k->reps[row]);
            for (size_t i = 0; i < k->width; i++)
                fprintf(f, " %.17g", k->values[(size_t)row * k->width + i]);
            fputc('\n', f);
        }
    }
    fputs("end\n", f);
    return ferror(f) ? -1 : 0;
}

struct reader {
    FILE *f;
    const char *path;
    char *line;
    size_t cap;
    int lineno;
    char *err;
    size_t size;
};

/* The next line without its newline, or NULL at the end. */
static char *next_line(struct reader *rd)
{
    ssize_t n = getline(&rd->line, &rd->cap, rd->f);
    if (n < 0)
        return NULL;
    rd->lineno++;
    if (n > 0 && rd->line[n - 1] == '\n')
        rd->line[n - 1] = '\0';
    return rd->line;
}

static int fail(struct reader *rd, const char *what)
{
    snprintf(rd->err, rd->size, "%s:%d: %s", rd->path, rd->lineno, what);
    return -1;
}

/* The rest of the line after "key ", or NULL when the line is not that key. */
static const char *value_of(const char *line, const char *key)
{
    size_t n = strlen(key);
    return line && strncmp(line, key, n) == 0 && line[n] == ' ' ? line + n + 1 : NULL;
}

static int read_header(struct reader *rd, struct records *r)
{
    const char *v;
    int version;
    char *line = next_line(rd);
    if (!line || sscanf(line, "chanmix-records %d", &version) != 1)
        return fail(rd, "not a chanmix records file");
    if (version != RECORDS_VERSION)
        return fail(rd, "written by another version of chanmix (records version differs)");
    unsigned long long seed;
    if (!(v = value_of(next_line(rd), "command")) ||
        snprintf(r->command, sizeof r->command, "%s", v) >= (int)sizeof r->command)
        return fail(rd, "expected 'command'");
    if (!(v = value_of(next_line(rd), "options")))
        return fail(rd, "expected 'options'");
    snprintf(r->options, sizeof r->options, "%s", v);
    if (!(v = value_of(next_line(rd), "seed")) || sscanf(v, "%llu", &seed) != 1)
        return fail(rd, "expected 'seed N'");
    r->seed = seed;
    if (!(v = value_of(next_line(rd), "replications")) || sscanf(v, "%d", &r->replications) != 1 ||
        r->replications < 1)
        return fail(rd, "expected 'replications N'");
    if (!(v = value_of(next_line(rd), "shard")) ||
        sscanf(v, "%d %d", &r->shard, &r->shards) != 2 || r->shards < 1 || r->shard < 1 ||
        r->shard > r->shards)
        return fail(rd, "expected 'shard K N' with 1 <= K <= N");
    return 0;
}

static int read_block(struct reader *rd, struct records_block *k, const char *v)
{
    int used = 0;
    if (sscanf(v, "%zu %n", &k->width, &used) != 1 || used == 0 || k->width == 0 ||
        k->width > 100000000)
        return fail(rd, "expected 'block WIDTH NAME'");
    snprintf(k->name, sizeof k->name, "%s", v + used);
    k->paths = calloc(k->width, sizeof *k->paths);
    if (!k->paths)
        return fail(rd, "out of memory");
    for (size_t i = 0; i < k->width; i++) {
        const char *p = value_of(next_line(rd), "path");
        if (!p)
            return fail(rd, "expected 'path P'");
        snprintf(k->paths[i], sizeof k->paths[i], "%s", p);
    }
    return 0;
}

static int read_row(struct reader *rd, struct records_block *k, const char *v)
{
    int cap = k->rows + 1;
    int *reps = realloc(k->reps, (size_t)cap * sizeof *reps);
    if (reps)
        k->reps = reps;
    double *values = realloc(k->values, (size_t)cap * k->width * sizeof *values);
    if (!reps || !values)
        return fail(rd, "out of memory");
    k->values = values;
    char *end;
    errno = 0;
    long rep = strtol(v, &end, 10);
    if (end == v || rep < 0 || rep > 100000000)
        return fail(rd, "expected 'row REP values'");
    double *row = k->values + (size_t)k->rows * k->width;
    for (size_t i = 0; i < k->width; i++) {
        const char *s = end;
        row[i] = strtod(s, &end);
        if (end == s)
            return fail(rd, "a row has fewer values than its block has paths");
    }
    while (*end == ' ')
        end++;
    if (*end)
        return fail(rd, "a row has more values than its block has paths");
    k->reps[k->rows++] = (int)rep;
    return 0;
}

int records_read(const char *path, struct records *r, char *err, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        memset(r, 0, sizeof *r);
        snprintf(err, size, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    int rc = records_read_stream(f, path, r, err, size);
    fclose(f);
    return rc;
}

int records_read_stream(FILE *f, const char *name, struct records *r, char *err, size_t size)
{
    memset(r, 0, sizeof *r);
    struct reader rd = { f, name, NULL, 0, 0, err, size };
    int rc = read_header(&rd, r), ended = 0;
    const char *line, *v;
    while (rc == 0 && (line = next_line(&rd))) {
        if ((v = value_of(line, "input"))) {
            if (r->n_blocks || r->n_inputs == RECORDS_MAX_INPUTS || strlen(v) < 18 || v[16] != ' ')
                rc = fail(&rd, "expected 'input HASH PATH' before the blocks");
            else {
                snprintf(r->input_hash[r->n_inputs], 17, "%.16s", v);
                snprintf(r->input_path[r->n_inputs++], RECORDS_TEXT_MAX, "%s", v + 17);
            }
        } else if ((v = value_of(line, "block"))) {
            struct records_block *b = realloc(r->blocks, (size_t)(r->n_blocks + 1) * sizeof *b);
            if (!b) {
                rc = fail(&rd, "out of memory");
                break;
            }
            r->blocks = b;
            memset(&b[r->n_blocks], 0, sizeof *b);
            rc = read_block(&rd, &r->blocks[r->n_blocks++], v);
        } else if ((v = value_of(line, "row")) && r->n_blocks) {
            rc = read_row(&rd, &r->blocks[r->n_blocks - 1], v);
        } else if (strcmp(line, "end") == 0) {
            ended = 1;
            break;
        } else {
            rc = fail(&rd, "unexpected line");
        }
    }
    if (rc == 0 && !ended)
        rc = fail(&rd, "the file ends early (no 'end': was the shard interrupted?)");
    free(rd.line);
    if (rc != 0)
        records_free(r);
    return rc;
}

/* Whether part p belongs to the same run as part 0 (err says why not). */
static int same_run(const struct records *a, const struct records *p, const char *name,
                    char *err, size_t size)
{
    const char *what = strcmp(a->command, p->command) ? "another command"
                     : strcmp(a->options, p->options) ? "other options"
                     : a->seed != p->seed ? "another seed"
                     : a->replications != p->replications ? "another number of replications"
                     : a->shards != p->shards ? "another number of shards"
                     : a->n_inputs != p->n_inputs || a->n_blocks != p->n_blocks ? "other inputs"
                     : NULL;
    for (int i = 0; !what && i < a->n_inputs; i++)
        if (strcmp(a->input_hash[i], p->input_hash[i]) != 0)
            what = "scenario files whose contents differ";
    for (int b = 0; !what && b < a->n_blocks; b++) {
        const struct records_block *x = &a->blocks[b], *y = &p->blocks[b];
        int same = strcmp(x->name, y->name) == 0 && x->width == y->width;
        for (size_t i = 0; same && i < x->width; i++)
            same = strcmp(x->paths[i], y->paths[i]) == 0;
        if (!same)
            what = "other figures";
    }
    if (what)
        snprintf(err, size, "%s: not a part of the same run as the first part: %s", name, what);
    return what == NULL;
}

/* Copies block `from`'s rows into the merged block `to`, by replication number. */
static int gather(const struct records_block *from, struct records_block *to, int reps,
                  const char *name, char *err, size_t size)
{
    for (int row = 0; row < from->rows; row++) {
        int rep = from->reps[row];
        if (rep >= reps) {
            snprintf(err, size, "%s: replication %d is beyond the run's %d", name, rep, reps);
            return -1;
        }
        if (to->reps[rep] >= 0) {
            snprintf(err, size, "%s: replication %d is given twice", name, rep);
            return -1;
        }
        to->reps[rep] = rep;
        memcpy(to->values + (size_t)rep * to->width, from->values + (size_t)row * from->width,
               to->width * sizeof *to->values);
    }
    return 0;
}

int records_merge(const struct records *parts, const char *const *names, int n,
                  struct records *out, char *err, size_t size)
{
    memset(out, 0, sizeof *out);
    if (n < 1) {
        snprintf(err, size, "no parts to merge");
        return -1;
    }
    const struct records *a = &parts[0];
    int shards = a->shards, *seen = calloc((size_t)shards + 1, sizeof *seen);
    if (!seen) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    for (int p = 0; p < n; p++) {
        if (!same_run(a, &parts[p], names[p], err, size))
            goto fail;
        if (seen[parts[p].shard]) {
            snprintf(err, size, "%s: shard %d/%d is given twice (also %s)", names[p],
                     parts[p].shard, shards, names[seen[parts[p].shard] - 1]);
            goto fail;
        }
        seen[parts[p].shard] = p + 1;
    }
    for (int k = 1; k <= shards; k++)
        if (!seen[k]) {
            snprintf(err, size, "shard %d/%d is missing", k, shards);
            goto fail;
        }
    *out = *a;
    out->shard = out->shards = 1;
    out->blocks = calloc((size_t)a->n_blocks, sizeof *out->blocks);
    if (!out->blocks) {
        out->n_blocks = 0;
        goto oom;
    }
    for (int b = 0; b < a->n_blocks; b++) {
        struct records_block *to = &out->blocks[b];
        *to = (struct records_block){ .width = a->blocks[b].width, .rows = a->replications };
        snprintf(to->name, sizeof to->name, "%s", a->blocks[b].name);
        to->paths = malloc(to->width * sizeof *to->paths);
        to->reps = malloc((size_t)to->rows * sizeof *to->reps);
        to->values = malloc((size_t)to->rows * to->width * sizeof *to->values);
        if (!to->paths || !to->reps || !to->values)
            goto oom;
        memcpy(to->paths, a->blocks[b].paths, to->width * sizeof *to->paths);
        for (int r = 0; r < to->rows; r++)
            to->reps[r] = -1;
        for (int p = 0; p < n; p++)
            if (gather(&parts[p].blocks[b], to, to->rows, names[p], err, size) != 0)
                goto fail;
        for (int r = 0; r < to->rows; r++)
            if (to->reps[r] < 0) {
                snprintf(err, size, "replication %d of block '%s' is in no part", r, to->name);
                goto fail;
            }
    }
    free(seen);
    return 0;
oom:
    snprintf(err, size, "out of memory");
fail:
    free(seen);
    records_free(out);
    return -1;
}

void records_free(struct records *r)
{
    for (int b = 0; b < r->n_blocks; b++) {
        free(r->blocks[b].paths);
        free(r->blocks[b].reps);
        free(r->blocks[b].values);
    }
    free(r->blocks);
    memset(r, 0, sizeof *r);
}
