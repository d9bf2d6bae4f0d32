/*
 * chanmix calibrate: the choice model's constants (and, with a period, the
 * services' volumes) fitted to observed channel use.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "models/calibrate.h"
#include "plots/calibrate_out.h"
#include "scenarios/observed_csv.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix calibrate FILE.cfg --observed OBSERVED.csv [--out DIR]\n"
          "                         [--period-days D] [--tolerance PP] [--max-rounds N]\n"
          "                         [--replications N] [--threads N] [--quiet]\n"
          "\n"
          "Fits the alternative-specific constants of channel choice so that the simulated\n"
          "use of each channel matches OBSERVED.csv: rows channel,contacts (or share), with\n"
          "optional segment and service columns (docs/data.md).  Each round simulates the\n"
          "scenario on common random numbers and moves each constant by\n"
          "ln(observed share / simulated share), until every share is within its tolerance.\n"
          "\n"
          "  --observed FILE     the observed channel use\n"
          "  --out DIR           calibrated.cfg (FILE.cfg extended by the fitted values, for\n"
          "                      `chanmix run`), fit.csv and report.html\n"
          "  --period-days D     the counts are totals over D days: the services' volumes\n"
          "                      scale so that the simulated totals match\n"
          "  --tolerance PP      a share fits within PP percentage points (default 2), or its\n"
          "                      95% interval where wider; a total within PP percent\n"
          "  --max-rounds N      simulations at most (default 20)\n"
          "  --replications N    per round (default: the scenario's)\n"
          "  --threads N         threads (default: all cores)\n"
          "  --quiet             no line per round on stderr\n"
          "\n"
          "Exit status: 0 fitted, 1 not fitted within the rounds (the files hold the best\n"
          "round) or a failure, 2 bad input or a request that cannot be fitted.\n", f);
}

struct calibrate_args {
    const char *scenario, *observed, *out;
    struct calibrate_options o;
    int quiet;
};

/* A number in [lo, hi] for option `name`; 0 or -1 after saying what is wrong. */
static int number(const char *name, const char *text, double lo, double hi, double *out)
{
    if (cli_parse_double(text, out) == 0 && *out >= lo && *out <= hi)
        return 0;
    cli_error("calibrate", "--%s: must be a number from %g to %g, got '%s'", name, lo, hi, text);
    return -1;
}

static int whole(const char *name, const char *text, long lo, long hi, int *out)
{
    long v;
    if (cli_parse_long(text, &v) == 0 && v >= lo && v <= hi) {
        *out = (int)v;
        return 0;
    }
    cli_error("calibrate", "--%s: must be a whole number from %ld to %ld, got '%s'", name, lo,
              hi, text);
    return -1;
}

/* 0, 1 after --help, or -1 after saying what is wrong. */
static int parse(int argc, char **argv, struct calibrate_args *a)
{
    static const struct option opts[] = {
        { "observed", required_argument, NULL, 'b' },
        { "out", required_argument, NULL, 'o' },
        { "period-days", required_argument, NULL, 'p' },
        { "tolerance", required_argument, NULL, 'l' },
        { "max-rounds", required_argument, NULL, 'm' },
        { "replications", required_argument, NULL, 'r' },
        { "threads", required_argument, NULL, 't' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    *a = (struct calibrate_args){ .o = { 0.02, 0.0, 20, 0, 0 } };
    int c, bad = 0;
    double pp = 2.0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'b': a->observed = optarg; break;
        case 'o': a->out = optarg; break;
        case 'p': bad |= number("period-days", optarg, 0.01, 3660.0, &a->o.period_days); break;
        case 'l': bad |= number("tolerance", optarg, 0.01, 50.0, &pp); break;
        case 'm': bad |= whole("max-rounds", optarg, 1, CALIBRATE_MAX_ROUNDS, &a->o.max_rounds);
                  break;
        case 'r': bad |= whole("replications", optarg, 2, 100000, &a->o.replications); break;
        case 't': bad |= whole("threads", optarg, 1, 1024, &a->o.threads); break;
        case 'q': a->quiet = 1; break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
    }
    a->o.tolerance = pp / 100.0;
    if (bad)
        return -1;
    if (optind != argc - 1 || !a->observed) {
        cli_error("calibrate", "%s", optind != argc - 1 ? "expected exactly one scenario file"
                                                        : "--observed is required");
        usage(stderr);
        return -1;
    }
    a->scenario = argv[optind];
    return 0;
}

static void on_round(void *ctx, int round, const struct calibrate_round *rd,
                     const struct calibrate_result *r)
{
    (void)r;
    if (*(const int *)ctx)
        return;
    flockfile(stderr);
    fprintf(stderr, "chanmix calibrate: round %d: largest |residual| / tolerance %.2f%s\n",
            round, rd->worst, rd->fits ? ", every figure within" : "");
    funlockfile(stderr);
}

/* Reads and checks the observed file; 0 or an exit status after saying what is wrong. */
static int read_observed(const struct calibrate_args *a, const struct model *m,
                         struct calibrate_observed *obs)
{
    struct scenario_errors errors = { NULL, 0 };
    int rc = observed_csv_read(a->observed, a->observed, m, obs, &errors);
    if (rc == -2) {
        cli_error("calibrate", "cannot read %s: %s", a->observed, strerror(errno));
        return EXIT_BAD_INPUT;
    }
    if (rc != 0) {
        for (size_t i = 0; i < errors.n; i++)
            fprintf(stderr, "%s\n", errors.lines[i]);
        cli_error("calibrate", "%zu error%s in %s; nothing was fitted", errors.n,
                  errors.n == 1 ? "" : "s", a->observed);
        scenario_errors_free(&errors);
        return EXIT_BAD_INPUT;
    }
    char err[800];
    if (calibrate_check(m, obs, &a->o, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        cli_error("calibrate", "this cannot be fitted; nothing was run");
        return EXIT_BAD_INPUT;
    }
    return 0;
}

int cmd_calibrate(int argc, char **argv)
{
    struct calibrate_args a;
    int prc = parse(argc, argv, &a);
    if (prc != 0)
        return prc == 1 ? 0 : EXIT_BAD_INPUT;
    struct model *m;
    if ((prc = cli_load_file("calibrate", a.scenario, &m)) != 0)
        return prc;
    struct calibrate_observed *obs = malloc(sizeof *obs);
    struct calibrate_result r;
    int status = obs ? read_observed(&a, m, obs) : EXIT_RUNTIME;
    if (!obs)
        cli_error("calibrate", "out of memory");
    struct cli_out out;     /* --out DIR: locked before fitting, swapped in whole */
    int held = status == 0 && a.out && (status = cli_out_open(&out, "calibrate", a.out)) == 0;
    int rc = status == 0 ? calibrate_run(m, obs, &a.o, on_round, &a.quiet, &r) : -2;
    if (rc == -1) {
        cli_error("calibrate", "out of memory while fitting");
        status = EXIT_RUNTIME;
    }
    int keep = 0;           /* not fitted: the best round's files are kept, exit 1 all the same */
    if (rc == 0 || rc == 1) {
        struct calibrate_report c = { m, a.scenario, obs, &a.o, &r };
        char err[PATH_MAX + 512];
        const char *dir;
        if (held && ((status = cli_out_begin(&out, &dir)) != 0 ||
                     calibrate_out_write(dir, &c, err, sizeof err) != 0)) {
            if (status == 0)
                cli_error("calibrate", "%s", err);
            status = EXIT_RUNTIME;
        }
        calibrate_out_print(stdout, &c);
        if (rc == 1 && status == 0) {
            cli_error("calibrate", "not fitted in %d rounds%s", r.rounds,
                      a.out ? "; the files hold the best round" : "");
            status = EXIT_RUNTIME;
            keep = 1;
        }
    }
    if (held) {
        int crc = cli_out_close(&out, keep ? 0 : status);
        status = crc != 0 ? crc : status;
    }
    if (rc >= -1)
        calibrate_free(&r);
    free(obs);
    model_release(m);
    free(m);
    return status;
}
