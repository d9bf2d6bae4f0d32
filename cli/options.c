/*
 * options: shared option parsing, see options.h.
 */
#include "cli/options.h"
#include "cli/cluster.h"

#include <getopt.h>

#include "cli/cli.h"

/* A whole number in [lo, hi] for option `name`; says what is wrong otherwise. */
static int whole(const char *cmd, const char *name, const char *arg, long lo, long hi, long *out)
{
    if (cli_parse_long(arg, out) == 0 && *out >= lo && *out <= hi)
        return 0;
    cli_error(cmd, "--%s: must be a whole number from %ld to %ld, got '%s'", name, lo, hi, arg);
    return -1;
}

int cli_options_parse(int argc, char **argv, const char *cmd, unsigned allowed,
                      long min_replications, void (*usage)(FILE *), struct cli_options *o)
{
    static const struct option all[] = {
        { "replications", required_argument, NULL, 'r' },
        { "threads", required_argument, NULL, 't' },
        { "seed", required_argument, NULL, 's' },
        { "json", no_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "out", required_argument, NULL, 'o' },
        { "equal-service", no_argument, NULL, 'e' },
        { "shard", required_argument, NULL, 'k' },
        { "week", required_argument, NULL, 'w' },
        { "help", no_argument, NULL, 'h' },
    };
    static const unsigned flag[] = { OPT_REPLICATIONS, OPT_THREADS, OPT_SEED, OPT_JSON,
                                     OPT_QUIET, OPT_OUT, OPT_EQUAL_SERVICE, OPT_SHARD, OPT_WEEK,
                                     0 };
    enum { N_OPTS = sizeof all / sizeof all[0] };
    struct option opts[N_OPTS + 1];
    int n = 0;
    for (int i = 0; i < N_OPTS; i++)
        if (!flag[i] || (allowed & flag[i]))
            opts[n++] = all[i];
    opts[n] = (struct option){ NULL, 0, NULL, 0 };

    *o = (struct cli_options){ .seed = -1 };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (whole(cmd, "replications", optarg, min_replications, 100000, &o->replications))
                return EXIT_BAD_INPUT;
            break;
        case 't':
            if (whole(cmd, "threads", optarg, 1, 1024, &o->threads))
                return EXIT_BAD_INPUT;
            break;
        case 's':
            if (whole(cmd, "seed", optarg, 0, 0x7fffffffffffffffL, &o->seed))
                return EXIT_BAD_INPUT;
            break;
        case 'j': o->json = 1; break;
        case 'q': o->quiet = 1; break;
        case 'o': o->out = optarg; break;
        case 'e': o->equal_service = 1; break;
        case 'k':
            if (cluster_parse_shard(cmd, optarg, &o->shard, &o->shards) != 0)
                return EXIT_BAD_INPUT;
            break;
        case 'w':
            if (whole(cmd, "week", optarg, 1, 10000, &o->week))
                return EXIT_BAD_INPUT;
            break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return EXIT_BAD_INPUT;
        }
    }
    o->first = optind;
    if (o->shard && !o->out) {
        cli_error(cmd, "--shard: give --out PART, the file the shard's replications go to");
        return EXIT_BAD_INPUT;
    }
    if (o->shard && o->json) {
        cli_error(cmd, "--shard writes raw replications to --out PART; --json comes with "
                  "chanmix merge");
        return EXIT_BAD_INPUT;
    }
    return 0;
}
