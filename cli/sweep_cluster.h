/*
 * sweep_cluster: a sweep split over shards or MPI ranks (cli/sweep_cluster.c).
 *
 * Shard K of N runs the design points p with p % N == K - 1, each on the
 * same common random numbers as ever, and records one row per (point,
 * replication) job, numbered p * R + r, in a block per scenario.  The
 * records' options carry the sweep's own settings, so that merge refuses
 * parts of another sweep and can settle the same plan again.
 */
#ifndef CHANMIX_CLI_SWEEP_CLUSTER_H
#define CHANMIX_CLI_SWEEP_CLUSTER_H

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/sweep_plan.h"
#include "models/sweep_run.h"
#include "sim/records.h"

/* --shard K/N, or this rank's shard under mpirun merged and shown on rank 0. */
int sweep_cluster_run(struct sweep_plan *p, const struct sweep_args *a,
                      const struct cli_options *o, int rank, int ranks);

/* The sweep that merged records hold, shown as the unsharded sweep would. */
int sweep_cluster_merge(const struct cli_options *o, const struct records *whole);

/* Shows a simulated sweep (cli/cmd_sweep.c); out NULL without --out. */
int sweep_show(const char *cmd, struct sweep_plan *p, const struct cli_options *o,
               struct cli_out *out, struct sweep_results *res);

#endif
