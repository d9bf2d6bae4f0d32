/*
 * chanmix compare: scenarios side by side on common random numbers.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cluster.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "models/comparison.h"
#include "plots/chart.h"
#include "plots/compare_table.h"
#include "plots/json.h"
#include "plots/output.h"
#include "plots/report.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix compare A.cfg B.cfg [C.cfg ...] [--replications N] [--threads N]\n"
          "                       [--seed S] [--equal-service] [--json] [--out DIR] [--quiet]\n"
          "                       [--shard K/N]\n"
          "\n"
          "Runs every scenario with the same seed and replications (common random numbers)\n"
          "and reports each figure's difference from the first scenario, A, with a paired\n"
          "95% confidence interval.\n"
          "\n"
          "  --equal-service  first staff every scenario's channels that have targets to\n"
          "              those norms (as chanmix staff does), then compare them as staffed:\n"
          "              the cost difference is then the policy's saving at the same service\n"
          "  --json      one object: \"scenarios\" and \"differences\", keyed by scenario name\n"
          "  --out DIR   also write comparison.json, comparison.xlsx, charts and report.html\n"
          "              in DIR and, per scenario, its run's files in DIR/NAME\n"
          "  --quiet     no progress bar on stderr\n"
          "  --shard K/N run only shard K of N of the replications and write them raw to the\n"
          "              file --out names; chanmix merge puts the parts together\n", f);
}

/* DIR/charts and DIR/report.html of the comparison; returns 0 or EXIT_RUNTIME. */
static int write_report(const char *dir, const struct comparison *cmp, char **files, int *told)
{
    struct chart_set *set = malloc(sizeof *set);
    struct report_source *src = calloc((size_t)cmp->n, sizeof *src);
    char **questions = calloc((size_t)cmp->n, sizeof *questions), err[1200];
    int rc = EXIT_RUNTIME;
    if (!set || !src || !questions) {
        cli_error("compare", "out of memory");
        goto out;
    }
    chart_draw_comparison(dir, cmp, set);
    rc = cli_charts_outcome("compare", set, told);
    for (int k = 0; k < cmp->n; k++) {
        questions[k] = cli_read_question(files[k]);
        src[k] = (struct report_source){ files[k], questions[k] };
    }
    if (report_write_comparison(dir, cmp, src, set, err, sizeof err) != 0) {
        cli_error("compare", "%s", err);
        rc = EXIT_RUNTIME;
    }
out:
    for (int k = 0; questions && k < cmp->n; k++)
        free(questions[k]);
    free(questions);
    free(src);
    free(set);
    return rc;
}

/*
 * Loads the n files into *models; every error is printed before giving up.
 * Two scenarios of one name are refused since their results would share a
 * folder and a key; with --out (out set), so is a name that would be a
 * folder beside the comparison's own files.
 */
static int load_models(char **files, int n, int out_dir, struct model ***out)
{
    struct model **models = calloc((size_t)n, sizeof *models);
    if (!models)
        return EXIT_RUNTIME;
    int bad = 0;
    for (int k = 0; k < n; k++) {
        if (cli_load_file("compare", files[k], &models[k]) != 0) {
            bad = 1;
            continue;
        }
        for (int i = 0; i < k; i++)
            if (models[i] && strcmp(models[i]->name, models[k]->name) == 0) {
                fprintf(stderr, "%s: name: scenario name '%s' is also the name of %s; "
                        "compared scenarios need different names\n", files[k],
                        models[k]->name, files[i]);
                bad = 1;
            }
        if (out_dir && !output_comparison_name_ok(models[k]->name)) {
            fprintf(stderr, "%s: name: scenario name '%s' would be a folder of --out beside "
                    "the comparison's own %s, %s, %s and %s; give the scenario another name\n",
                    files[k], models[k]->name, output_comparison_entries[0],
                    output_comparison_entries[1], output_comparison_entries[2],
                    output_comparison_entries[3]);
            bad = 1;
        }
    }
    if (bad) {
        for (int k = 0; k < n; k++) {
            if (models[k])
                model_release(models[k]);
            free(models[k]);
        }
        free(models);
        return EXIT_BAD_INPUT;
    }
    *out = models;
    return 0;
}

/* --out DIR: each scenario's run files, comparison.json, charts and the report. */
static int write_outputs(const char *out, const struct comparison *cmp, char **files)
{
    int rc = 0, told = 0;
    char err[PATH_MAX + 512];
    for (int k = 0; k < cmp->n; k++) {
        char *dir = output_path(out, cmp->models[k]->name);
        if (!dir || output_write_run(dir, &cmp->runs[k], err, sizeof err) != 0) {
            cli_error("compare", "%s", dir ? err : "out of memory");
            free(dir);
            return EXIT_RUNTIME;    /* a results file could not be written: stop */
        }
        if (cli_write_report_run("compare", dir, &cmp->runs[k], files[k], &told) != 0)
            rc = EXIT_RUNTIME;
        free(dir);
    }
    if (output_write_comparison(out, cmp, err, sizeof err) != 0) {
        cli_error("compare", "%s", err);
        return EXIT_RUNTIME;
    }
    if (write_report(out, cmp, files, &told) != 0)
        rc = EXIT_RUNTIME;
    return rc;
}

/* Equal service: which scenario is being staffed; once all are, the comparison's bar. */
struct staffing_note {
    struct model **models;
    int n, reps;
    const char **names;
    int quiet;
    struct progress *bar;
};

static void say_staffing(void *ctx, int k)
{
    struct staffing_note *note = ctx;
    if (k == note->n) {
        progress_start(note->bar, stderr, note->quiet, note->n * note->reps, note->n,
                       note->names);
        return;
    }
    if (!note->quiet)
        fprintf(stderr, "chanmix compare: staffing '%s' to its norms (Erlang, then rounds of "
                "simulation)\n", note->models[k]->name);
}

int cli_compare_finish(const char *cmd, const struct cli_options *o, struct cli_out *out,
                       const struct comparison *cmp, char **files)
{
    (void)cmd;
    int rc = 0;
    const char *dir;
    if (o->out && (rc = cli_out_begin(out, &dir)) == 0)
        rc = write_outputs(dir, cmp, files);
    if (o->json)
        json_write_comparison(stdout, cmp);
    else
        compare_table_print(stdout, cmp);
    return o->out ? cli_out_close(out, rc) : rc;
}

/* Says why a comparison failed; returns EXIT_RUNTIME. */
static int failed(struct comparison *cmp, int crc)
{
    if (crc == EXPERIMENT_OVERFLOW) {
        cli_report_overflow("compare", cmp->models[cmp->overflow_scenario], &cmp->overflow);
        comparison_free(cmp);
    } else
        cli_error("compare", "out of memory while simulating");
    return EXIT_RUNTIME;
}

/* Shard (1-based) of shards of the comparison, as raw records in *r. */
static int compare_part(const struct cli_options *o, struct model **models, int n, int reps,
                        char **files, int shard, int shards, struct records *r)
{
    struct comparison cmp;
    struct progress bar = { .on = 0 };
    progress_start(&bar, stderr, o->quiet || shard > 1, n * ((reps - shard + shards) / shards),
                   n, NULL);
    int crc = comparison_run_shard(&cmp, models, n, reps, shard, shards, (int)o->threads,
                                   progress_update, &bar);
    progress_finish(&bar);
    if (crc != 0)
        return failed(&cmp, crc);
    int rc = cluster_records("compare", "compare", (const char *const *)files, cmp.runs, n,
                             reps, shard, shards, r);
    comparison_free(&cmp);
    return rc;
}

/* --shard K/N, or this rank's shard under mpirun, merged on rank 0. */
static int compare_sharded(const struct cli_options *o, struct model **models, int n, int reps,
                           char **files, int rank, int ranks)
{
    struct records mine, whole;
    int shard = o->shard ? o->shard : rank + 1, shards = o->shard ? o->shards : ranks;
    struct cli_out out;
    int rc;
    if (!o->shard && rank == 0 && o->out && (rc = cli_out_open(&out, "compare", o->out)) != 0) {
        comparison_free(&(struct comparison){ .n = n, .models = models });
        return rc;
    }
    rc = compare_part(o, models, n, reps, files, shard, shards, &mine);
    if (rc != 0 || o->shard) {
        if (rc == 0)
            rc = cluster_write_part("compare", o->out, &mine);
        records_free(&mine);
        return !o->shard && rank == 0 && o->out ? cli_out_close(&out, rc) : rc;
    }
    rc = cluster_mpi_gather("compare", &mine, rank, ranks, &whole);
    records_free(&mine);
    if (rank != 0 || rc != 0)
        return rc;
    struct model **again = calloc((size_t)n, sizeof *again);
    struct comparison cmp;
    const double *values[RECORDS_MAX_INPUTS];
    const char(*paths[RECORDS_MAX_INPUTS])[METRICS_PATH_MAX];
    size_t widths[RECORDS_MAX_INPUTS];
    for (int k = 0; k < n; k++) {
        values[k] = whole.blocks[k].values;
        paths[k] = (const char(*)[METRICS_PATH_MAX])whole.blocks[k].paths;
        widths[k] = whole.blocks[k].width;
    }
    if (!again || (rc = cluster_load_inputs("compare", &whole, again)) != 0 ||
        comparison_from_values(&cmp, again, n, values, whole.replications, paths, widths) != 0) {
        cli_error("compare", "cannot rebuild the comparison from the ranks' replications");
        rc = EXIT_RUNTIME;
    } else {
        rc = cli_compare_finish("compare", o, o->out ? &out : NULL, &cmp, files);
        comparison_free(&cmp);
    }
    records_free(&whole);
    return rc;
}

int cmd_compare(int argc, char **argv)
{
    struct cli_options o;
    int prc = cli_options_parse(argc, argv, "compare", OPT_REPLICATIONS | OPT_THREADS | OPT_SEED |
                                OPT_JSON | OPT_QUIET | OPT_OUT | OPT_EQUAL_SERVICE | OPT_SHARD,
                                2, usage, &o);
    if (prc != 0)
        return prc == 1 ? 0 : prc;
    int n = argc - o.first;
    if (n < 2) {
        cli_error("compare", "give at least two scenario files");
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    int rank, ranks;
    if ((prc = cluster_mpi_begin(&argc, &argv, &rank, &ranks)) != 0)
        return prc;
    if (o.equal_service && (o.shard || ranks > 1)) {
        cli_error("compare", "--equal-service staffs every scenario before the replications and "
                  "cannot be sharded yet; run it on one machine");
        return cluster_mpi_end(EXIT_BAD_INPUT);
    }
    struct model **models;
    int lrc = load_models(argv + o.first, n, o.out != NULL && !o.shard, &models);
    if (lrc != 0)
        return cluster_mpi_end(lrc);
    if (o.seed >= 0)
        models[0]->seed = (uint64_t)o.seed;
    int reps = o.replications > 0 ? (int)o.replications : models[0]->replications;
    if (o.shard || ranks > 1)
        return cluster_mpi_end(compare_sharded(&o, models, n, reps, argv + o.first, rank, ranks));
    struct cli_out out;
    if (o.out && (lrc = cli_out_open(&out, "compare", o.out)) != 0) {
        for (int k = 0; k < n; k++) {
            model_release(models[k]);
            free(models[k]);
        }
        free(models);
        return lrc;
    }

    struct comparison cmp;
    struct progress bar = { .on = 0 };
    const char **names = calloc((size_t)n, sizeof *names);
    for (int k = 0; names && k < n; k++)
        names[k] = models[k]->name;
    struct staffing_note note = { models, n, reps, names, o.quiet, &bar };
    int crc;
    if (o.equal_service) {
        crc = comparison_run_equal_service(&cmp, models, n, reps, (int)o.threads, progress_update,
                                           &bar, say_staffing, &note);
    } else {
        progress_start(&bar, stderr, o.quiet, n * reps, n, names);
        crc = comparison_run(&cmp, models, n, reps, (int)o.threads, progress_update, &bar);
    }
    progress_finish(&bar);
    free(names);
    if (crc != 0) {
        failed(&cmp, crc);
        return o.out ? cli_out_close(&out, EXIT_RUNTIME) : EXIT_RUNTIME;
    }
    int rc = cli_compare_finish("compare", &o, &out, &cmp, argv + o.first);
    comparison_free(&cmp);
    return rc;
}
