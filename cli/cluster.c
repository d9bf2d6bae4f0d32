/*
 * cluster: shards, their parts and MPI, see cluster.h.
 */
#define _GNU_SOURCE     /* open_memstream, fmemopen, realpath */
#include "cli/cluster.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef CHANMIX_MPI
#include <mpi.h>
#endif

#include "cli/cli.h"
#include "scenarios/loader.h"

int cluster_parse_shard(const char *cmd, const char *arg, int *shard, int *shards)
{
    int used = 0;
    if (sscanf(arg, "%d/%d%n", shard, shards, &used) != 2 || arg[used] != '\0' || *shards < 1 ||
        *shards > 1000000 || *shard < 1 || *shard > *shards) {
        cli_error(cmd, "--shard: must be K/N with 1 <= K <= N, got '%s'", arg);
        return EXIT_BAD_INPUT;
    }
    return 0;
}

/* The content hash of scenario file `path` as resolved (after inheritance). */
static int hash_input(const char *cmd, const char *path, char hash[17])
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        cli_error(cmd, "out of memory");
        return EXIT_RUNTIME;
    }
    struct scenario_errors errors;
    int rc = scenario_resolve(path, f, &errors);
    fclose(f);
    if (rc != 0) {
        free(text);
        return cli_report_errors(cmd, path, &errors);
    }
    records_hash(text, len, hash);
    free(text);
    return 0;
}

int cluster_records_head(const char *cmd, const char *command, const char *const *files, int n,
                         uint64_t seed, int replications, int shard, int shards,
                         struct records *r)
{
    memset(r, 0, sizeof *r);
    if (n < 1 || n > RECORDS_MAX_INPUTS) {
        cli_error(cmd, "at most %d scenarios can be sharded together", RECORDS_MAX_INPUTS);
        return EXIT_BAD_INPUT;
    }
    snprintf(r->command, sizeof r->command, "%s", command);
    r->seed = seed;
    r->replications = replications;
    r->shard = shard;
    r->shards = shards;
    for (int k = 0; k < n; k++) {
        int rc = hash_input(cmd, files[k], r->input_hash[k]);
        if (rc != 0)
            return rc;
        /* as given: the merge's output names the files as the unsharded run's does */
        snprintf(r->input_path[k], sizeof r->input_path[k], "%s", files[k]);
        r->n_inputs++;
    }
    return 0;
}

int cluster_records(const char *cmd, const char *command, const char *const *files,
                    const struct experiment *runs, int n, int replications, int shard,
                    int shards, struct records *r)
{
    int rc = cluster_records_head(cmd, command, files, n, n > 0 ? runs[0].m->seed : 0,
                                  replications, shard, shards, r);
    if (rc != 0)
        return rc;
    r->blocks = calloc((size_t)n, sizeof *r->blocks);
    if (!r->blocks)
        goto oom;
    for (int k = 0; k < n; k++) {
        const struct experiment *e = &runs[k];
        struct records_block *b = &r->blocks[r->n_blocks++];
        size_t width = e->ix.layout->n;
        snprintf(b->name, sizeof b->name, "%s", e->m->name);
        b->width = width;
        b->rows = e->replications;
        b->paths = malloc(width * sizeof *b->paths);
        b->reps = malloc(((size_t)b->rows + 1) * sizeof *b->reps);
        b->values = malloc(((size_t)b->rows * width + 1) * sizeof *b->values);
        if (!b->paths || !b->reps || !b->values)
            goto oom;
        for (size_t i = 0; i < width; i++)
            snprintf(b->paths[i], sizeof b->paths[i], "%s", e->ix.layout->paths[i]);
        for (int row = 0; row < b->rows; row++)
            b->reps[row] = e->shard - 1 + row * e->shards;
        memcpy(b->values, e->values, (size_t)b->rows * width * sizeof *b->values);
    }
    return 0;
oom:
    records_free(r);
    cli_error(cmd, "out of memory");
    return EXIT_RUNTIME;
}

int cluster_write_part(const char *cmd, const char *path, const struct records *r)
{
    size_t len = strlen(path);
    char *tmp = malloc(len + 32);
    if (!tmp) {
        cli_error(cmd, "out of memory");
        return EXIT_RUNTIME;
    }
    snprintf(tmp, len + 32, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    int ok = f && records_write(f, r) == 0;
    int err = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = 0;
        err = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        err = errno;
    }
    if (!ok) {
        cli_error(cmd, "cannot write %s: %s", path, strerror(err));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : EXIT_RUNTIME;
}

int cluster_load_inputs(const char *cmd, const struct records *whole, struct model **models)
{
    for (int k = 0; k < whole->n_inputs; k++) {
        char hash[17];
        const char *path = whole->input_path[k];
        int rc = hash_input(cmd, path, hash);
        if (rc == 0 && strcmp(hash, whole->input_hash[k]) != 0) {
            cli_error(cmd, "%s has changed since the shards ran (its content hash is %s, the "
                      "parts were run on %s)", path, hash, whole->input_hash[k]);
            rc = EXIT_BAD_INPUT;
        }
        if (rc == 0)
            rc = cli_load_file(cmd, path, &models[k]);
        if (rc != 0) {
            for (int i = 0; i < k; i++) {
                model_release(models[i]);
                free(models[i]);
            }
            return rc;
        }
        models[k]->seed = whole->seed;
        models[k]->replications = whole->replications;
    }
    return 0;
}

#ifdef CHANMIX_MPI

int cluster_mpi_launched(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK");
}

int cluster_mpi_begin(int *argc, char ***argv, int *rank, int *ranks)
{
    *rank = 0;
    *ranks = 1;
    if (!cluster_mpi_launched())
        return 0;
    if (MPI_Init(argc, argv) != MPI_SUCCESS) {
        cli_error("mpi", "MPI_Init failed");
        return EXIT_RUNTIME;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, ranks);
    return 0;
}

int cluster_mpi_gather(const char *cmd, const struct records *mine, int rank, int ranks,
                       struct records *whole)
{
    char *text = NULL, err[1200];
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    long long size = f && records_write(f, mine) == 0 ? 0 : -1;
    if (f && fclose(f) != 0)
        size = -1;
    if (size == 0)
        size = (long long)len;
    long long *sizes = rank == 0 ? calloc((size_t)ranks, sizeof *sizes) : NULL;
    MPI_Gather(&size, 1, MPI_LONG_LONG, sizes, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    int *counts = NULL, *offsets = NULL;
    char *all = NULL;
    long long total = 0;
    if (rank == 0) {
        counts = calloc((size_t)ranks, sizeof *counts);
        offsets = calloc((size_t)ranks, sizeof *offsets);
        for (int i = 0; sizes && i < ranks; i++) {
            if (sizes[i] < 0 || total + sizes[i] > INT_MAX) {
                cli_error(cmd, "rank %d could not send its replications", i);
                MPI_Abort(MPI_COMM_WORLD, EXIT_RUNTIME);
            }
            counts[i] = (int)sizes[i];
            offsets[i] = (int)total;
            total += sizes[i];
        }
        all = malloc((size_t)total + 1);
        if (!sizes || !counts || !offsets || !all) {
            cli_error(cmd, "out of memory");
            MPI_Abort(MPI_COMM_WORLD, EXIT_RUNTIME);
        }
    }
    MPI_Gatherv(text, (int)len, MPI_CHAR, all, counts, offsets, MPI_CHAR, 0, MPI_COMM_WORLD);
    free(text);
    if (rank != 0)
        return 0;
    struct records *parts = calloc((size_t)ranks, sizeof *parts);
    const char **names = calloc((size_t)ranks, sizeof *names);
    char (*labels)[32] = calloc((size_t)ranks, sizeof *labels);
    int rc = parts && names && labels ? 0 : -1;
    for (int i = 0; rc == 0 && i < ranks; i++) {
        snprintf(labels[i], sizeof labels[i], "rank %d", i);
        names[i] = labels[i];
        FILE *in = fmemopen(all + offsets[i], (size_t)counts[i], "r");
        rc = in ? records_read_stream(in, names[i], &parts[i], err, sizeof err) : -1;
        if (in)
            fclose(in);
    }
    if (rc == 0)
        rc = records_merge(parts, names, ranks, whole, err, sizeof err);
    for (int i = 0; parts && i < ranks; i++)
        records_free(&parts[i]);
    free(parts);
    free(names);
    free(labels);
    free(all);
    free(sizes);
    free(counts);
    free(offsets);
    if (rc != 0) {
        cli_error(cmd, "%s", err);
        MPI_Abort(MPI_COMM_WORLD, EXIT_RUNTIME);
    }
    return 0;
}

int cluster_mpi_end(int status)
{
    if (!cluster_mpi_launched())
        return status;
    int ranks = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    if (status != 0 && ranks > 1)
        MPI_Abort(MPI_COMM_WORLD, status);  /* ends every rank, this one's message said */
    MPI_Finalize();
    return status;
}

#else   /* without MPI: one process, rank 0 of 1 */

int cluster_mpi_launched(void)
{
    return 0;
}

int cluster_mpi_begin(int *argc, char ***argv, int *rank, int *ranks)
{
    (void)argc;
    (void)argv;
    *rank = 0;
    *ranks = 1;
    return 0;
}

int cluster_mpi_gather(const char *cmd, const struct records *mine, int rank, int ranks,
                       struct records *whole)
{
    (void)rank;
    (void)ranks;
    const char *name = "this process";
    char err[1200];
    if (records_merge(mine, &name, 1, whole, err, sizeof err) != 0) {
        cli_error(cmd, "%s", err);
        return EXIT_RUNTIME;
    }
    return 0;
}

int cluster_mpi_end(int status)
{
    return status;
}

#endif
