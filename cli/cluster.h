/*
 * cluster: runs that go beyond one process.
 *
 * `--shard K/N` runs only the replications r with r % N == K - 1 and writes
 * their raw values as a records file (sim/records.h) instead of results;
 * `chanmix merge` checks that the parts belong together and rebuilds the
 * whole run, whose output is then byte for byte that of the unsharded run.
 * Under mpirun the same happens in one go: every rank runs its shard, the
 * records travel to rank 0 through MPI, and rank 0 writes the output.  The
 * random streams stay keyed by seed, replication and purpose, never by
 * shard, rank or thread.
 */
#ifndef CHANMIX_CLI_CLUSTER_H
#define CHANMIX_CLI_CLUSTER_H

#include "models/comparison.h"
#include "sim/records.h"

/* Parses "K/N"; returns 0, or EXIT_BAD_INPUT after saying what is wrong. */
int cluster_parse_shard(const char *cmd, const char *arg, int *shard, int *shards);

/*
 * The records of runs[0..n) (one block per scenario, named after it) of
 * scenario files files[0..n), shard `shard` of `shards` of a run of
 * `replications`: the inputs hashed as resolved (after inheritance).
 * Returns 0, or EXIT_BAD_INPUT / EXIT_RUNTIME after saying what is wrong.
 */
int cluster_records(const char *cmd, const char *command, const char *const *files,
                    const struct experiment *runs, int n, int replications, int shard,
                    int shards, struct records *r);

/*
 * The header and inputs of a records file (no blocks): command, seed,
 * replications of the whole, shard, and files[0..n) hashed as resolved.
 * Returns 0, or EXIT_BAD_INPUT / EXIT_RUNTIME after saying what is wrong.
 */
int cluster_records_head(const char *cmd, const char *command, const char *const *files, int n,
                         uint64_t seed, int replications, int shard, int shards,
                         struct records *r);

/* Writes r to path (all or nothing); returns 0 or EXIT_RUNTIME after saying why. */
int cluster_write_part(const char *cmd, const char *path, const struct records *r);

/*
 * Checks that the scenario files named by the merged records still have the
 * contents the shards ran, and loads them (seed and all) into models[0..n).
 * Returns 0, or an exit status after saying what is wrong.
 */
int cluster_load_inputs(const char *cmd, const struct records *whole, struct model **models);

/* Whether this process was started by mpirun (and chanmix was built with MPI). */
int cluster_mpi_launched(void);

/*
 * Under MPI: starts MPI and gives this process's rank and the number of
 * ranks; without it, rank 0 of 1.  Returns 0, or EXIT_RUNTIME.
 */
int cluster_mpi_begin(int *argc, char ***argv, int *rank, int *ranks);

/*
 * Every rank's part travels to rank 0, which merges them into *whole
 * (the other ranks get nothing).  Returns 0, or ends every rank with a
 * message when one fails.
 */
int cluster_mpi_gather(const char *cmd, const struct records *mine, int rank, int ranks,
                       struct records *whole);

/* Ends MPI (a no-op without it): status 0 everywhere, or an error that ends all ranks. */
int cluster_mpi_end(int status);

#endif
