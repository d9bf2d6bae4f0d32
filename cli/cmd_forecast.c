/*
 * chanmix forecast: contacts per channel and interval for the coming weeks
 * from a history in the arrivals-file format, with a backtest that picks
 * the method.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "models/forecast.h"
#include "plots/forecast_out.h"
#include "scenarios/volumes_csv.h"

#define MAX_WEEKS 104

static void usage(FILE *f)
{
    fputs("usage: chanmix forecast HISTORY.csv --weeks N --out FORECAST.csv\n"
          "                        [--method auto|average|holt-winters] [--holdout W]\n"
          "                        [--average-weeks K] [--interval-minutes M]\n"
          "\n"
          "Forecasts N weeks of contacts per channel and interval from a history of\n"
          "start,channel,contacts[,aht_s] rows (docs/data.md), starting the Monday after\n"
          "the history's last week.  The output is an arrivals file for a scenario.\n"
          "\n"
          "  --weeks N             weeks to forecast (1 to 104)\n"
          "  --out FILE            the forecast, in the history's format\n"
          "  --method M            average: the same weekday and interval over the last K\n"
          "                        weeks, scaled to the last 2 weeks' level; holt-winters:\n"
          "                        double-seasonal Holt-Winters; auto (default): the one\n"
          "                        with the lower MAPE in the backtest\n"
          "  --holdout W           weeks held out for the backtest (default 4, fewer when\n"
          "                        the history is short)\n"
          "  --average-weeks K     weeks the average method averages (default 8)\n"
          "  --interval-minutes M  length of the history's intervals: 15, 30 (default) or 60\n", f);
}

struct forecast_args {
    const char *history, *out;
    long weeks, holdout, average_weeks, interval_min;
    int method;                 /* -1: auto */
};

/* A whole number in [lo, hi] for option `name`; 0 or -1 after saying what is wrong. */
static int whole(const char *name, const char *text, long lo, long hi, long *out)
{
    if (cli_parse_long(text, out) == 0 && *out >= lo && *out <= hi)
        return 0;
    cli_error("forecast", "--%s: must be a whole number from %ld to %ld, got '%s'",
            name, lo, hi, text);
    return -1;
}

static int parse(int argc, char **argv, struct forecast_args *a)
{
    static const struct option opts[] = {
        { "weeks", required_argument, NULL, 'w' },
        { "out", required_argument, NULL, 'o' },
        { "method", required_argument, NULL, 'm' },
        { "holdout", required_argument, NULL, 'b' },
        { "average-weeks", required_argument, NULL, 'k' },
        { "interval-minutes", required_argument, NULL, 'i' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    *a = (struct forecast_args){ NULL, NULL, 0, -1, 8, 30, -1 };
    int c, bad = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        enum forecast_method m;
        switch (c) {
        case 'w': bad |= whole("weeks", optarg, 1, MAX_WEEKS, &a->weeks); break;
        case 'o': a->out = optarg; break;
        case 'b': bad |= whole("holdout", optarg, 1, MAX_WEEKS, &a->holdout); break;
        case 'k': bad |= whole("average-weeks", optarg, 1, 520, &a->average_weeks); break;
        case 'i': bad |= whole("interval-minutes", optarg, 15, 60, &a->interval_min); break;
        case 'm':
            if (strcmp(optarg, "auto") == 0)
                a->method = -1;
            else if (forecast_method_from_name(optarg, &m) == 0)
                a->method = (int)m;
            else {
                cli_error("forecast", "--method: 'auto', 'average' or "
                        "'holt-winters', got '%s'", optarg);
                bad = 1;
            }
            break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
    }
    if (bad)
        return -1;
    if (a->interval_min != 15 && a->interval_min != 30 && a->interval_min != 60) {
        cli_error("forecast", "--interval-minutes: must be 15, 30 or 60");
        return -1;
    }
    if (optind != argc - 1 || !a->weeks || !a->out) {
        cli_error("forecast", "%s", optind != argc - 1 ? "expected exactly one "
                "history file" : !a->weeks ? "--weeks is required" : "--out is required");
        usage(stderr);
        return -1;
    }
    a->history = argv[optind];
    return 0;
}

/* Writes the forecast to path through a temporary file: all of it or nothing. */
static long write_forecast(const char *path, const struct volumes *fc)
{
    size_t n = strlen(path) + 8;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%s.part", path);
    FILE *f = fopen(tmp, "w");
    long rows = f ? forecast_out_csv(f, fc) : -1;
    if (f && fclose(f) != 0)
        rows = -1;
    if (rows >= 0 && rename(tmp, path) != 0)
        rows = -1;
    if (rows < 0) {
        cli_error("forecast", "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return rows;
}

/* The backtest (when the history allows one) and the method to use; an exit status. */
static int choose(const struct forecast_args *a, const struct volumes *h,
                  const struct forecast_options *o, struct forecast_backtest *bt, int *has_bt,
                  enum forecast_method *method)
{
    long holdout = a->holdout > 0 ? a->holdout : (h->weeks - 2 < 4 ? h->weeks - 2 : 4);
    *has_bt = 0;
    if (holdout >= 1 && h->weeks - holdout >= 2) {
        if (forecast_backtest(h, (int)holdout, o, bt) != 0) {
            cli_error("forecast", "out of memory in the backtest");
            return EXIT_RUNTIME;
        }
        *has_bt = 1;
    } else if (a->method < 0 || a->holdout > 0) {
        fprintf(stderr, "%s: the history has %d whole week%s from its first Monday: the "
                "backtest needs %ld held out and 2 before them%s\n", a->history, h->weeks,
                h->weeks == 1 ? "" : "s", holdout < 1 ? 1 : holdout,
                a->method < 0 ? "; give --method to forecast without one" : "");
        return EXIT_BAD_INPUT;
    }
    *method = a->method >= 0 ? (enum forecast_method)a->method : forecast_better(bt);
    return 0;
}

int cmd_forecast(int argc, char **argv)
{
    struct forecast_args a;
    int rc = parse(argc, argv, &a);
    if (rc != 0)
        return rc > 0 ? 0 : EXIT_BAD_INPUT;
    struct volumes_csv_options ro = { a.interval_min * 60.0, NULL, 0, NULL };
    struct scenario_errors errors = { NULL, 0 };
    struct volumes h;
    rc = volumes_csv_read(a.history, a.history, &ro, &h, &errors);
    if (rc == -2) {
        cli_error("forecast", "cannot read %s: %s", a.history, strerror(errno));
        return EXIT_BAD_INPUT;
    }
    if (rc != 0)
        return cli_report_errors("forecast", a.history, &errors);
    if (h.weeks < 2) {
        fprintf(stderr, "%s: the history has 1 whole week from its first Monday; forecasting "
                "needs at least 2\n", a.history);
        volumes_free(&h);
        return EXIT_BAD_INPUT;
    }
    struct forecast_options o = { (int)a.average_weeks, 2 };
    struct forecast_backtest bt;
    struct forecast_fit fit;
    struct volumes fc;
    enum forecast_method method;
    int has_bt;
    rc = choose(&a, &h, &o, &bt, &has_bt, &method);
    if (rc == 0 && forecast_run(&h, (int)a.weeks, method, &o, &fc, &fit) != 0) {
        cli_error("forecast", "out of memory");
        rc = EXIT_RUNTIME;
    }
    if (rc != 0) {
        volumes_free(&h);
        return rc;
    }
    long rows = write_forecast(a.out, &fc);
    if (rows >= 0) {
        struct forecast_report r = { &h, &fc, &fit, has_bt ? &bt : NULL, a.method < 0, a.out,
                                     rows };
        forecast_out_print(stdout, &r);
    }
    volumes_free(&fc);
    volumes_free(&h);
    return rows >= 0 ? 0 : EXIT_RUNTIME;
}
