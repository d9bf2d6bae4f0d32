/*
 * chanmix erlang: queueing formulas for one interval, and the staffing that
 * meets a service level.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "models/erlang.h"
#include "plots/json.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix erlang --calls N --interval SECONDS --aht SECONDS\n"
          "                      [--agents C] [--patience SECONDS] [--target SECONDS]\n"
          "                      [--sl SHARE] [--json]\n"
          "\n"
          "  --calls N           calls offered in the interval\n"
          "  --interval SECONDS  length of the interval (1800 for half an hour)\n"
          "  --aht SECONDS       mean handling time\n"
          "  --agents C          agents on duty; without it, the fewest that meet --sl\n"
          "  --patience SECONDS  mean patience: Erlang A (M/M/c+M); without it, Erlang C\n"
          "  --target SECONDS    service-level threshold (default 20)\n"
          "  --sl SHARE          service level to staff for, 0..1 (default 0.80)\n"
          "  --json              one JSON object on stdout\n"
          "\n"
          "Service level is the share of offered calls answered within the target\n"
          "(abandoned calls count as not answered); mean wait (ASA) is over offered calls.\n", f);
}

#define ERLANG_CLI_MAX_AGENTS 1000000

struct erlang_args {
    double calls, interval, aht, patience, target, sl;
    const char *text[4];    /* --calls, --interval, --aht, --patience as given, for messages */
    long agents;
    int json;
};

/*
 * Required options, their ranges, and the quantities the formulas work with,
 * which must be finite whatever the options: the rate calls / interval, the
 * load rate * aht (no more than the most agents there may be), and the
 * abandonment rate 1 / patience.
 */
static int check_values(const struct erlang_args *a)
{
    const char *missing = a->calls < 0 ? "--calls" : a->interval < 0 ? "--interval"
                        : a->aht < 0 ? "--aht" : NULL;
    if (missing) {
        cli_error("erlang", "%s is required", missing);
        usage(stderr);
        return -1;
    }
    if (a->interval <= 0 || a->aht <= 0) {
        cli_error("erlang", "--%s: must be > 0", a->interval <= 0 ? "interval" : "aht");
        return -1;
    }
    if (a->text[3] && a->patience <= 0) {
        cli_error("erlang", "--patience: must be > 0 (leave it out for Erlang C)");
        return -1;
    }
    if (a->sl <= 0 || a->sl >= 1) {
        cli_error("erlang", "--sl: must lie strictly between 0 and 1, got %g", a->sl);
        return -1;
    }
    double rate = a->calls / a->interval, load = rate * a->aht;
    if (!isfinite(rate) || !isfinite(load) || load > ERLANG_CLI_MAX_AGENTS) {
        cli_error("erlang", "--calls %s in --interval %s s, handled in --aht %s s, "
                "is an offered load of %g Erlang; at most %d can be computed", a->text[0],
                a->text[1], a->text[2], load, ERLANG_CLI_MAX_AGENTS);
        return -1;
    }
    if (a->patience > 0 && !isfinite(1.0 / a->patience)) {
        cli_error("erlang", "--patience: %s s is too short to compute with (the "
                "abandonment rate, 1 / patience, is not a finite number)", a->text[3]);
        return -1;
    }
    return 0;
}

static int parse(int argc, char **argv, struct erlang_args *a)
{
    static const struct option opts[] = {
        { "calls", required_argument, NULL, 'c' },
        { "interval", required_argument, NULL, 'i' },
        { "aht", required_argument, NULL, 'a' },
        { "agents", required_argument, NULL, 'n' },
        { "patience", required_argument, NULL, 'p' },
        { "target", required_argument, NULL, 't' },
        { "sl", required_argument, NULL, 's' },
        { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    *a = (struct erlang_args){ .calls = -1, .interval = -1, .aht = -1, .patience = 0,
                               .target = 20, .sl = 0.80, .agents = -1 };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        double *target = NULL;
        const char *name = NULL;
        switch (c) {
        case 'c': target = &a->calls; name = "--calls"; a->text[0] = optarg; break;
        case 'i': target = &a->interval; name = "--interval"; a->text[1] = optarg; break;
        case 'a': target = &a->aht; name = "--aht"; a->text[2] = optarg; break;
        case 'p': target = &a->patience; name = "--patience"; a->text[3] = optarg; break;
        case 't': target = &a->target; name = "--target"; break;
        case 's': target = &a->sl; name = "--sl"; break;
        case 'n':
            if (cli_parse_long(optarg, &a->agents) != 0 || a->agents < 0 ||
                a->agents > ERLANG_CLI_MAX_AGENTS) {
                cli_error("erlang", "--agents: must be a whole number from 0 to %d, "
                        "got '%s'", ERLANG_CLI_MAX_AGENTS, optarg);
                return -1;
            }
            continue;
        case 'j': a->json = 1; continue;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
        int parsed = cli_parse_double(optarg, target);
        if (parsed == CLI_TOO_LARGE) {
            cli_error("erlang", "%s: '%s' is too large a number", name, optarg);
            return -1;
        }
        if (parsed != 0 || !(*target >= 0)) {
            cli_error("erlang", "%s: must be a finite number >= 0, got '%s'", name,
                    optarg);
            return -1;
        }
    }
    if (optind != argc) {
        cli_error("erlang", "unexpected argument '%s'", argv[optind]);
        return -1;
    }
    return check_values(a);
}

int cmd_erlang(int argc, char **argv)
{
    struct erlang_args a;
    int rc = parse(argc, argv, &a);
    if (rc != 0)
        return rc > 0 ? 0 : EXIT_BAD_INPUT;

    double rate = a.calls / a.interval;
    struct erlang_result r;
    const char *model = a.patience > 0 ? "erlang_a" : "erlang_c";
    if (a.agents >= 0) {
        int ok = a.patience > 0 ? erlang_a(rate, a.aht, a.patience, (int)a.agents, a.target, &r)
                                : erlang_c(rate, a.aht, (int)a.agents, a.target, &r);
        if (ok != 0) {
            cli_error("erlang", "%ld agents cannot carry %.3f Erlang without "
                    "abandonment: the queue grows without bound (give --patience, or more agents)",
                    a.agents, rate * a.aht);
            return EXIT_BAD_INPUT;
        }
    } else {
        struct erlang_target t = { .target_s = a.target, .service_level = a.sl };
        if (erlang_staff(rate, a.aht, a.patience, &t, &r) < 0) {
            cli_error("erlang", "no staffing meets a service level of %g within %g s",
                    a.sl, a.target);
            return EXIT_BAD_INPUT;
        }
    }

    if (a.json) {
        struct json j;
        json_init(&j, stdout);
        json_begin_object(&j, NULL);
        json_string(&j, "model", model);
        json_number(&j, "calls", a.calls);
        json_number(&j, "interval_s", a.interval);
        json_number(&j, "aht_s", a.aht);
        json_number(&j, "patience_s", a.patience);
        json_number(&j, "target_s", a.target);
        json_number(&j, "load_erlang", r.load);
        json_int(&j, "agents", r.agents);
        json_number(&j, "p_wait", r.p_wait);
        json_number(&j, "service_level", r.service_level);
        json_string(&j, "service_level_definition", "answered within target / offered");
        json_number(&j, "asa_s", r.asa_s);
        json_number(&j, "p_abandon", r.p_abandon);
        json_number(&j, "occupancy", r.occupancy);
        json_number(&j, "mean_queue", r.mean_queue);
        if (a.agents < 0)
            json_number(&j, "service_level_goal", a.sl);
        json_end_object(&j);
        return 0;
    }
    printf("%s: %.0f calls in %.0f s, handling %.0f s: %.3f Erlang offered\n",
           a.patience > 0 ? "Erlang A (M/M/c+M)" : "Erlang C (M/M/c)", a.calls, a.interval, a.aht,
           r.load);
    if (a.agents < 0)
        printf("fewest agents for %.0f%% answered within %.0f s: %d\n", a.sl * 100, a.target,
               r.agents);
    else
        printf("agents: %d\n", r.agents);
    printf("  probability of waiting     %8.4f\n", r.p_wait);
    printf("  service level (%3.0f s)      %8.4f   answered within target / offered\n", a.target,
           r.service_level);
    printf("  mean wait (ASA)            %8.2f s over offered calls\n", r.asa_s);
    if (a.patience > 0)
        printf("  abandonment                %8.4f   (mean patience %.4g s)\n", r.p_abandon,
               a.patience);
    printf("  occupancy                  %8.4f\n", r.occupancy);
    return 0;
}
