/*
 * chanmix merge: the parts of a sharded run put back together.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cluster.h"
#include "cli/options.h"
#include "cli/sweep_cluster.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix merge PART [PART ...] [--json] [--out DIR]\n"
          "\n"
          "Puts the parts written by `chanmix run|compare|sweep ... --shard K/N --out PART`\n"
          "back together, after checking that they belong to one run (the same scenario files by\n"
          "content, the same seed and replications, every shard once), and prints or writes\n"
          "exactly what the unsharded run would have.\n"
          "\n"
          "  --json      as the command's --json\n"
          "  --out DIR   as the command's --out DIR\n", f);
}

/* Reads every part and merges them; returns 0 or an exit status after saying why. */
static int read_parts(char **files, int n, struct records *whole)
{
    struct records *parts = calloc((size_t)n, sizeof *parts);
    if (!parts) {
        cli_error("merge", "out of memory");
        return EXIT_RUNTIME;
    }
    char err[1400];
    int rc = 0, read = 0;
    for (; read < n && rc == 0; read++)
        if (records_read(files[read], &parts[read], err, sizeof err) != 0) {
            cli_error("merge", "%s", err);
            rc = EXIT_BAD_INPUT;
        }
    if (rc == 0 && records_merge(parts, (const char *const *)files, n, whole, err,
                                 sizeof err) != 0) {
        cli_error("merge", "%s", err);
        rc = EXIT_BAD_INPUT;
    }
    for (int i = 0; i < read; i++)
        records_free(&parts[i]);
    free(parts);
    return rc;
}

/* The comparison (or run) the merged records hold, then its usual output. */
static int finish(const struct cli_options *o, const struct records *whole)
{
    int n = whole->n_blocks;
    struct model **models = calloc((size_t)n, sizeof *models);
    const double **values = calloc((size_t)n, sizeof *values);
    const char(**paths)[METRICS_PATH_MAX] = calloc((size_t)n, sizeof *paths);
    size_t *widths = calloc((size_t)n, sizeof *widths);
    const char **files = calloc((size_t)n, sizeof *files);
    int rc = EXIT_RUNTIME;
    if (!models || !values || !paths || !widths || !files) {
        cli_error("merge", "out of memory");
        goto out;
    }
    if ((rc = cluster_load_inputs("merge", whole, models)) != 0)
        goto out;
    for (int k = 0; k < n; k++) {
        values[k] = whole->blocks[k].values;
        paths[k] = (const char(*)[METRICS_PATH_MAX])whole->blocks[k].paths;
        widths[k] = whole->blocks[k].width;
        files[k] = whole->input_path[k];
    }
    struct cli_out out;
    if (o->out && (rc = cli_out_open(&out, "merge", o->out)) != 0)
        goto out;
    struct comparison cmp;
    int crc = comparison_from_values(&cmp, models, n, values, whole->replications, paths, widths);
    models = NULL;      /* the comparison owns them now */
    if (crc != 0) {
        cli_error("merge", crc == -2 ? "the scenario files no longer give the figures the "
                                       "parts hold" : "out of memory");
        rc = crc == -2 ? EXIT_BAD_INPUT : EXIT_RUNTIME;
        if (o->out)
            rc = cli_out_close(&out, rc);
        goto out;
    }
    if (strcmp(whole->command, "run") == 0)
        rc = cli_run_finish("merge", o, &out, &cmp.runs[0], files[0]);
    else
        rc = cli_compare_finish("merge", o, &out, &cmp, (char **)files);
    comparison_free(&cmp);
out:
    free(models);
    free(values);
    free(paths);
    free(widths);
    free(files);
    return rc;
}

int cmd_merge(int argc, char **argv)
{
    struct cli_options o;
    int prc = cli_options_parse(argc, argv, "merge", OPT_JSON | OPT_OUT | OPT_QUIET, 1, usage, &o);
    if (prc != 0)
        return prc == 1 ? 0 : prc;
    int n = argc - o.first;
    if (n < 1) {
        cli_error("merge", "give the parts to merge");
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    struct records whole;
    int rc = read_parts(argv + o.first, n, &whole);
    if (rc != 0)
        return rc;
    if (strcmp(whole.command, "sweep") == 0) {
        rc = sweep_cluster_merge(&o, &whole);
        records_free(&whole);
        return rc;
    }
    if (strcmp(whole.command, "run") != 0 && strcmp(whole.command, "compare") != 0) {
        cli_error("merge", "%s: parts of '%s', which merge does not know", argv[o.first],
                  whole.command);
        records_free(&whole);
        return EXIT_BAD_INPUT;
    }
    rc = finish(&o, &whole);
    records_free(&whole);
    return rc;
}
