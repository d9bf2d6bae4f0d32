/*
 * chanmix run: load a scenario, run its replications, report.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "models/experiment.h"
#include "plots/json.h"
#include "plots/output.h"
#include "plots/summary.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix run FILE.cfg [--replications N] [--threads N] [--seed S]\n"
          "                            [--json] [--out DIR] [--quiet]\n"
          "\n"
          "  --replications N  override the scenario's number of replications\n"
          "  --threads N       OpenMP threads (default: all cores); results do not depend on it\n"
          "  --seed S          override the scenario's master seed\n"
          "  --json            print the results as one JSON object on stdout\n"
          "  --out DIR         also write summary.json, CSV tables, charts (with gnuplot,\n"
          "                    or $CHANMIX_GNUPLOT) and report.html into DIR\n"
          "  --quiet           no progress bar on stderr\n", f);
}

int cmd_run(int argc, char **argv)
{
    struct cli_options o;
    int rc = cli_options_parse(argc, argv, "run", OPT_REPLICATIONS | OPT_THREADS | OPT_SEED |
                               OPT_JSON | OPT_QUIET | OPT_OUT, 1, usage, &o);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    struct model *m;
    const char *path;
    if ((rc = cli_load_scenario("run", argc, argv, o.first, usage, &m, &path)) != 0)
        return rc;
    if (o.seed >= 0)
        m->seed = (uint64_t)o.seed;
    struct cli_out out;
    if (o.out && (rc = cli_out_open(&out, "run", o.out)) != 0) {
        model_release(m);
        free(m);
        return rc;
    }

    struct experiment e;
    struct progress bar;
    progress_start(&bar, stderr, o.quiet, o.replications > 0 ? (int)o.replications : m->replications,
                   1, NULL);
    if ((rc = experiment_run(&e, m, (int)o.replications, (int)o.threads, progress_update,
                             &bar)) != 0) {
        progress_finish(&bar);
        if (rc == EXPERIMENT_OVERFLOW)
            cli_report_overflow("run", m, &e.overflow);
        else
            cli_error("run", "out of memory while simulating %s", path);
        model_release(m);
        free(m);
        return o.out ? cli_out_close(&out, EXIT_RUNTIME) : EXIT_RUNTIME;
    }
    progress_finish(&bar);
    int told = 0;
    char err[PATH_MAX + 512];
    const char *dir;
    if (o.out && (rc = cli_out_begin(&out, &dir)) == 0) {
        if (output_write_run(dir, &e, err, sizeof err) != 0) {
            cli_error("run", "%s", err);
            rc = EXIT_RUNTIME;
        } else
            rc = cli_write_report_run("run", dir, &e, path, &told);
    }
    if (o.json)
        json_write_experiment(stdout, &e);
    else
        summary_print(stdout, &e);
    experiment_free(&e);
    model_release(m);
    free(m);
    return o.out ? cli_out_close(&out, rc) : rc;
}
