/*
 * chanmix run: load a scenario, run its replications, report.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cluster.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "models/experiment.h"
#include "plots/json.h"
#include "plots/output.h"
#include "plots/summary.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix run FILE.cfg [--replications N] [--threads N] [--seed S]\n"
          "                            [--json] [--out DIR] [--quiet] [--shard K/N]\n"
          "\n"
          "  --replications N  override the scenario's number of replications\n"
          "  --threads N       OpenMP threads (default: all cores); results do not depend on it\n"
          "  --seed S          override the scenario's master seed\n"
          "  --json            print the results as one JSON object on stdout\n"
          "  --out DIR         also write summary.json, CSV tables and their workbook\n"
          "                    (tables.xlsx), charts (with gnuplot, or $CHANMIX_GNUPLOT)\n"
          "                    and report.html into DIR\n"
          "  --quiet           no progress bar on stderr\n"
          "  --shard K/N       run only shard K of N of the replications and write them\n"
          "                    raw to the file --out names; chanmix merge puts the parts\n"
          "                    back together (docs/cluster.md)\n", f);
}

int cli_run_finish(const char *cmd, const struct cli_options *o, struct cli_out *out,
                   const struct experiment *e, const char *path)
{
    int rc = 0, told = 0;
    char err[PATH_MAX + 512];
    const char *dir;
    if (o->out && (rc = cli_out_begin(out, &dir)) == 0) {
        if (output_write_run(dir, e, err, sizeof err) != 0) {
            cli_error(cmd, "%s", err);
            rc = EXIT_RUNTIME;
        } else
            rc = cli_write_report_run(cmd, dir, e, path, &told);
    }
    if (o->json)
        json_write_experiment(stdout, e);
    else
        summary_print(stdout, e);
    return o->out ? cli_out_close(out, rc) : rc;
}

/* Runs this process's replications: all of them, a --shard, or this rank's. */
static int simulate(const struct cli_options *o, struct model *m, const char *path, int shard,
                    int shards, struct experiment *e)
{
    int reps = o->replications > 0 ? (int)o->replications : m->replications;
    struct progress bar;
    progress_start(&bar, stderr, o->quiet || shard > 1, (reps - shard + shards) / shards, 1,
                   NULL);
    int rc = experiment_run_shard(e, m, reps, shard, shards, (int)o->threads, progress_update,
                                  &bar, NULL);
    progress_finish(&bar);
    if (rc == 0)
        return 0;
    if (rc == EXPERIMENT_OVERFLOW)
        cli_report_overflow("run", m, &e->overflow);
    else
        cli_error("run", "out of memory while simulating %s", path);
    return EXIT_RUNTIME;
}

/* --shard K/N: the shard's replications, raw, to the part file --out names. */
static int run_shard(const struct cli_options *o, struct model *m, const char *path)
{
    struct experiment e;
    int rc = simulate(o, m, path, o->shard, o->shards, &e);
    if (rc != 0)
        return rc;
    struct records r;
    int reps = o->replications > 0 ? (int)o->replications : m->replications;
    rc = cluster_records("run", "run", &path, &e, 1, reps, o->shard, o->shards, &r);
    if (rc == 0)
        rc = cluster_write_part("run", o->out, &r);
    records_free(&r);
    experiment_free(&e);
    return rc;
}

/* Under mpirun: each rank its shard; rank 0 merges and writes as a single process would. */
static int run_ranks(const struct cli_options *o, struct model *m, const char *path, int rank,
                     int ranks)
{
    struct cli_out out;
    int rc;
    if (rank == 0 && o->out && (rc = cli_out_open(&out, "run", o->out)) != 0)
        return rc;
    struct experiment e, whole_e;
    struct records mine, whole;
    int reps = o->replications > 0 ? (int)o->replications : m->replications;
    if ((rc = simulate(o, m, path, rank + 1, ranks, &e)) != 0 ||
        (rc = cluster_records("run", "run", &path, &e, 1, reps, rank + 1, ranks, &mine)) != 0)
        return rank == 0 && o->out ? cli_out_close(&out, rc) : rc;
    experiment_free(&e);
    rc = cluster_mpi_gather("run", &mine, rank, ranks, &whole);
    records_free(&mine);
    if (rank != 0 || rc != 0)
        return rc;
    if (experiment_from_values(&whole_e, m, whole.blocks[0].values, whole.replications,
                               (const char(*)[METRICS_PATH_MAX])whole.blocks[0].paths,
                               whole.blocks[0].width) != 0) {
        cli_error("run", "out of memory");
        rc = EXIT_RUNTIME;
    } else {
        rc = cli_run_finish("run", o, &out, &whole_e, path);
        experiment_free(&whole_e);
    }
    records_free(&whole);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    struct cli_options o;
    int rc = cli_options_parse(argc, argv, "run", OPT_REPLICATIONS | OPT_THREADS | OPT_SEED |
                               OPT_JSON | OPT_QUIET | OPT_OUT | OPT_SHARD, 1, usage, &o);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    int rank, ranks;
    if ((rc = cluster_mpi_begin(&argc, &argv, &rank, &ranks)) != 0)
        return rc;
    struct model *m;
    const char *path;
    if ((rc = cli_load_scenario("run", argc, argv, o.first, usage, &m, &path)) != 0)
        return cluster_mpi_end(rc);
    if (o.seed >= 0)
        m->seed = (uint64_t)o.seed;
    if (o.shard)
        rc = run_shard(&o, m, path);
    else if (ranks > 1)
        rc = run_ranks(&o, m, path, rank, ranks);
    else {
        struct cli_out out;
        struct experiment e;
        if (!(o.out && (rc = cli_out_open(&out, "run", o.out)) != 0)) {
            if ((rc = simulate(&o, m, path, 1, 1, &e)) != 0)
                rc = o.out ? cli_out_close(&out, rc) : rc;
            else {
                rc = cli_run_finish("run", &o, &out, &e, path);
                experiment_free(&e);
            }
        }
    }
    model_release(m);
    free(m);
    return cluster_mpi_end(rc);
}
