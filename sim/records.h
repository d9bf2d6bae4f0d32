/*
 * records: raw per-replication values, written by one shard of a run and
 * merged back into the whole.
 *
 * A run split into N shards gives shard K (1-based) the replications r with
 * r % N == K - 1.  Each shard writes what it computed as a records file: a
 * text header that says which run it belongs to (the command, the master
 * seed, the replications of the whole run, the shard, and a content hash of
 * every input), then, per block of figures (one per scenario), the figures'
 * paths and one row of values per replication, each printed with 17
 * significant digits so that it reads back to the same double.  Merging
 * checks that the parts belong together, that every shard is there once and
 * every replication once, and returns the values in replication order:
 * exactly what the unsharded run had, so its summaries are the same to the
 * bit.  The format is versioned (RECORDS_VERSION) and documented in
 * docs/cluster.md.  Generic: the kernel knows replications, not scenarios.
 */
#ifndef CHANMIX_SIM_RECORDS_H
#define CHANMIX_SIM_RECORDS_H

#include <stdint.h>
#include <stdio.h>

#include "sim/metrics.h"

#define RECORDS_VERSION 1
#define RECORDS_MAX_INPUTS 16
#define RECORDS_TEXT_MAX 4096

struct records_block {
    char name[METRICS_PATH_MAX];
    size_t width;                       /* figures per row */
    char (*paths)[METRICS_PATH_MAX];    /* width paths */
    int rows;
    int *reps;                          /* rows replication numbers */
    double *values;                     /* rows x width */
};

struct records {
    char command[32];                   /* "run", "compare", "sweep" */
    char options[RECORDS_TEXT_MAX];     /* what else fixes the output, as text */
    uint64_t seed;
    int replications;                   /* of the whole run */
    int shard, shards;                  /* this part: shard of shards, 1-based */
    int n_inputs;
    char input_hash[RECORDS_MAX_INPUTS][17];
    char input_path[RECORDS_MAX_INPUTS][RECORDS_TEXT_MAX];
    int n_blocks;
    struct records_block *blocks;
};

/* Whether replication rep belongs to shard (1-based) of shards. */
static inline int records_in_shard(int rep, int shard, int shards)
{
    return rep % shards == shard - 1;
}

/* 64-bit FNV-1a of n bytes, as 16 hex digits: a content hash to compare inputs by. */
void records_hash(const void *bytes, size_t n, char out[17]);

/* Writes r; returns 0, or -1 on a write error. */
int records_write(FILE *f, const struct records *r);

/* Reads a records file; returns 0, or -1 with "path:line: message" in err. */
int records_read(const char *path, struct records *r, char *err, size_t size);

/* The same from an open stream, named `name` in messages. */
int records_read_stream(FILE *f, const char *name, struct records *r, char *err, size_t size);

/*
 * Merges the parts into one records of the whole run (shard 1 of 1, rows in
 * replication order).  Refuses, with a message naming the part, parts of
 * another run (command, options, seed, replications, shards, inputs or
 * figures differ), a shard given twice, a missing shard and a replication
 * missing or given twice.  Returns 0 or -1.
 */
int records_merge(const struct records *parts, const char *const *names, int n,
                  struct records *out, char *err, size_t size);

void records_free(struct records *r);

#endif
