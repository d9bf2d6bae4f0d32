/*
 * chanmix compare: scenarios side by side on common random numbers.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "models/comparison.h"
#include "plots/compare_table.h"
#include "plots/json.h"
#include "plots/output.h"
#include "scenarios/loader.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix compare A.cfg B.cfg [C.cfg ...] [--replications N] [--threads N]\n"
          "                       [--seed S] [--json] [--out DIR] [--quiet]\n"
          "\n"
          "Runs every scenario with the same seed and replications (common random numbers)\n"
          "and reports each figure's difference from the first scenario, A, with a paired\n"
          "95% confidence interval.\n"
          "\n"
          "  --json      one object: \"scenarios\" and \"differences\", keyed by scenario name\n"
          "  --out DIR   also write comparison.json and, per scenario, its run's files in DIR/NAME\n", f);
}

static void progress(void *ctx, int done, int total)
{
    const char *name = ctx;
    fprintf(stderr, "\rchanmix: %s: replication %d of %d", name, done, total);
    if (done == total)
        fputc('\n', stderr);
}

int cmd_compare(int argc, char **argv)
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
            if (cli_parse_long(optarg, &reps) != 0 || reps < 2 || reps > 100000) {
                fprintf(stderr, "chanmix compare: --replications: must be an integer in 2..100000, got '%s'\n", optarg);
                return EXIT_BAD_INPUT;
            }
            break;
        case 't':
            if (cli_parse_long(optarg, &threads) != 0 || threads < 1 || threads > 1024) {
                fprintf(stderr, "chanmix compare: --threads: must be an integer in 1..1024, got '%s'\n", optarg);
                return EXIT_BAD_INPUT;
            }
            break;
        case 's':
            if (cli_parse_long(optarg, &seed) != 0 || seed < 0) {
                fprintf(stderr, "chanmix compare: --seed: must be a non-negative integer, got '%s'\n", optarg);
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
    int n = argc - optind;
    if (n < 2) {
        fprintf(stderr, "chanmix compare: give at least two scenario files\n");
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    struct model **models = calloc((size_t)n, sizeof *models);
    if (!models)
        return EXIT_RUNTIME;
    int bad = 0;
    for (int k = 0; k < n; k++) {
        struct scenario_errors errors;
        models[k] = malloc(sizeof **models);
        if (!models[k] || scenario_load(argv[optind + k], models[k], &errors) != 0) {
            if (models[k])
                cli_report_errors("compare", argv[optind + k], &errors);
            bad = 1;
            continue;
        }
        for (int i = 0; i < k; i++)
            if (models[i] && strcmp(models[i]->name, models[k]->name) == 0) {
                fprintf(stderr, "%s: name: scenario name '%s' is also the name of %s; "
                        "compared scenarios need different names\n", argv[optind + k],
                        models[k]->name, argv[optind + i]);
                bad = 1;
            }
    }
    if (bad) {
        for (int k = 0; k < n; k++)
            free(models[k]);
        free(models);
        return EXIT_BAD_INPUT;
    }
    if (seed >= 0)
        models[0]->seed = (uint64_t)seed;

    struct comparison cmp;
    int show = !quiet && isatty(STDERR_FILENO);
    if (comparison_run(&cmp, models, n, (int)reps, (int)threads, show ? progress : NULL,
                       (void *)"compare") != 0) {
        fprintf(stderr, "chanmix compare: out of memory while simulating\n");
        return EXIT_RUNTIME;
    }
    int rc = 0;
    if (out) {
        char err[1200], dir[1024];
        for (int k = 0; k < n && rc == 0; k++) {
            snprintf(dir, sizeof dir, "%s/%s", out, cmp.models[k]->name);
            if (output_write_run(dir, &cmp.runs[k], err, sizeof err) != 0) {
                fprintf(stderr, "chanmix compare: %s\n", err);
                rc = EXIT_RUNTIME;
            }
        }
        if (rc == 0 && output_write_comparison(out, &cmp, err, sizeof err) != 0) {
            fprintf(stderr, "chanmix compare: %s\n", err);
            rc = EXIT_RUNTIME;
        }
    }
    if (json)
        json_write_comparison(stdout, &cmp);
    else
        compare_table_print(stdout, &cmp);
    comparison_free(&cmp);
    return rc;
}
