/*
 * chanmix run: load a scenario, run its replications, report.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "models/experiment.h"
#include "plots/json.h"
#include "plots/output.h"
#include "plots/summary.h"
#include "scenarios/loader.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix run FILE.cfg [--replications N] [--threads N] [--seed S]\n"
          "                            [--json] [--out DIR] [--quiet]\n"
          "\n"
          "  --replications N  override the scenario's number of replications\n"
          "  --threads N       OpenMP threads (default: all cores); results do not depend on it\n"
          "  --seed S          override the scenario's master seed\n"
          "  --json            print the results as one JSON object on stdout\n"
          "  --out DIR         also write summary.json and CSV tables into DIR\n"
          "  --quiet           no progress on stderr\n", f);
}

static void progress(void *ctx, int done, int total)
{
    (void)ctx;
    fprintf(stderr, "\rchanmix: replication %d of %d", done, total);
    if (done == total)
        fputc('\n', stderr);
}

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "replications", required_argument, NULL, 'r' },
        { "threads", required_argument, NULL, 't' },
        { "seed", required_argument, NULL, 's' },
        { "json", no_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "out", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    long reps = 0, threads = 0, seed = -1;
    int json = 0, quiet = 0, c;
    const char *out = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (cli_parse_long(optarg, &reps) != 0 || reps < 1 || reps > 100000) {
                fprintf(stderr, "chanmix run: --replications: must be an integer in 1..100000, got '%s'\n", optarg);
                return EXIT_BAD_INPUT;
            }
            break;
        case 't':
            if (cli_parse_long(optarg, &threads) != 0 || threads < 1 || threads > 1024) {
                fprintf(stderr, "chanmix run: --threads: must be an integer in 1..1024, got '%s'\n", optarg);
                return EXIT_BAD_INPUT;
            }
            break;
        case 's':
            if (cli_parse_long(optarg, &seed) != 0 || seed < 0) {
                fprintf(stderr, "chanmix run: --seed: must be a non-negative integer, got '%s'\n", optarg);
                return EXIT_BAD_INPUT;
            }
            break;
        case 'j': json = 1; break;
        case 'q': quiet = 1; break;
        case 'o': out = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_BAD_INPUT;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "chanmix run: expected exactly one scenario file\n");
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    const char *path = argv[optind];

    struct model *m = malloc(sizeof *m);
    struct scenario_errors errors;
    if (!m) {
        fprintf(stderr, "chanmix run: out of memory\n");
        return EXIT_RUNTIME;
    }
    if (scenario_load(path, m, &errors) != 0) {
        free(m);
        return cli_report_errors("run", path, &errors);
    }
    if (seed >= 0)
        m->seed = (uint64_t)seed;

    struct experiment e;
    int show_progress = !quiet && isatty(STDERR_FILENO);
    if (experiment_run(&e, m, (int)reps, (int)threads, show_progress ? progress : NULL,
                       NULL) != 0) {
        fprintf(stderr, "chanmix run: out of memory while simulating %s\n", path);
        free(m);
        return EXIT_RUNTIME;
    }
    int rc = 0;
    char err[1200];
    if (out && output_write_run(out, &e, err, sizeof err) != 0) {
        fprintf(stderr, "chanmix run: %s\n", err);
        rc = EXIT_RUNTIME;
    }
    if (json)
        json_write_experiment(stdout, &e);
    else
        summary_print(stdout, &e);
    experiment_free(&e);
    free(m);
    return rc;
}
