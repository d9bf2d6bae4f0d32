/*
 * common: what the subcommands share (see cli.h): saying what went wrong,
 * reading numbers from arguments, loading scenario files with their errors
 * printed, writing a run's charts and report, and saying where a run
 * overflowed.  Each subcommand's file then holds only its own flow.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "models/experiment.h"
#include "models/world.h"
#include "plots/chart.h"
#include "plots/report.h"
#include "scenarios/loader.h"

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    flockfile(stderr);      /* one line, even beside a progress bar's thread */
    fprintf(stderr, "chanmix %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
    va_end(ap);
}

int cli_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || isnan(v))
        return -1;
    /* an underflow is a number (the nearest one strtod has); an overflow is not */
    if (isinf(v))
        return errno == ERANGE ? CLI_TOO_LARGE : -1;
    *out = v;
    return 0;
}

int cli_parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end)
        return -1;
    *out = v;
    return 0;
}

int cli_report_errors(const char *cmd, const char *path, struct scenario_errors *errors)
{
    if (errors->n == 0)
        cli_error(cmd, "out of memory while reading %s", path);
    for (size_t i = 0; i < errors->n; i++)
        fprintf(stderr, "%s\n", errors->lines[i]);
    if (errors->n)
        cli_error(cmd, "%zu error%s in %s; nothing was run", errors->n,
                  errors->n == 1 ? "" : "s", path);
    scenario_errors_free(errors);
    return EXIT_BAD_INPUT;
}

int cli_load_file(const char *cmd, const char *path, struct model **m)
{
    *m = malloc(sizeof **m);
    if (!*m) {
        cli_error(cmd, "out of memory");
        return EXIT_RUNTIME;
    }
    struct scenario_errors errors;
    if (scenario_load(path, *m, &errors) != 0) {
        free(*m);
        *m = NULL;
        return cli_report_errors(cmd, path, &errors);
    }
    return 0;
}

int cli_load_scenario(const char *cmd, int argc, char **argv, int first, void (*usage)(FILE *),
                      struct model **m, const char **path)
{
    if (first != argc - 1) {
        cli_error(cmd, "expected exactly one scenario file");
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    *path = argv[first];
    return cli_load_file(cmd, *path, m);
}

char *cli_read_question(const char *file)
{
    char *question = NULL, err[1200];
    if (file && scenario_read_question(file, &question, err, sizeof err) != 0)
        question = NULL;    /* the report then says the file has no question */
    return question;
}

int cli_charts_outcome(const char *cmd, const struct chart_set *set, int *told)
{
    if (set->skipped && !*told) {
        cli_error(cmd, "charts skipped: %s; results and report.html are written without images",
                  set->why_skipped);
        *told = 1;
    }
    if (set->failed) {
        cli_error(cmd, "%d chart%s not drawn: %s", set->failed, set->failed == 1 ? "" : "s",
                  set->error);
        return EXIT_RUNTIME;
    }
    return 0;
}

int cli_write_report_run(const char *cmd, const char *dir, const struct experiment *e,
                         const char *file, int *told)
{
    struct chart_set *set = malloc(sizeof *set);
    char err[PATH_MAX + 512];
    if (!set) {
        cli_error(cmd, "out of memory");
        return EXIT_RUNTIME;
    }
    chart_draw_run(dir, e, set);
    int rc = cli_charts_outcome(cmd, set, told);
    char *question = cli_read_question(file);
    struct report_source src = { file, question };
    if (report_write_run(dir, e, &src, set, err, sizeof err) != 0) {
        cli_error(cmd, "%s", err);
        rc = EXIT_RUNTIME;
    }
    free(question);
    free(set);
    return rc;
}

/* "day 3 (Wed) 14:05" for a simulated time; day 1 is the first Monday. */
static void when(double t, char *buf, size_t size)
{
    static const char *const days[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    long minute = (long)(t / 60.0);
    long day = minute / 1440;
    snprintf(buf, size, "day %ld (%s) %02ld:%02ld", day + 1, days[day % 7], minute % 1440 / 60,
             minute % 60);
}

int cli_report_overflow(const char *cmd, const struct model *m, const struct world_overflow *o)
{
    char at[48];
    when(o->time_s, at, sizeof at);
    flockfile(stderr);      /* one message, even beside a progress bar's thread */
    const char *place = o->channel >= 0 ? m->channels[o->channel].name : "back office";
    fprintf(stderr, "chanmix %s: scenario '%s', replication %d, stopped at %s (%.3g days "
            "simulated): the %s%s%s held %llu %s at once, beyond max_in_system = %ld", cmd,
            m->name, o->rep + 1, at, o->time_s / 86400.0, o->channel >= 0 ? "channel '" : "",
            place, o->channel >= 0 ? "'" : "", (unsigned long long)o->in_system,
            o->channel < 0 ? "open cases" : o->load_erlang == o->load_erlang ? "contacts"
                                                                              : "sessions",
            o->bound);
    if (o->needs)
        fprintf(stderr, " (open needs, %s)", o->channel < 0 ? "its cases" : "elsewhere");
    /* whole numbers while they read well; a flood of chases may come at 1e12 an hour */
    if (o->arrivals_per_hour == o->arrivals_per_hour)
        fprintf(stderr, ".\nThey arrived at %.*g an hour", o->arrivals_per_hour < 1e9 ? 9 : 3,
                round(o->arrivals_per_hour));
    if (o->load_erlang == o->load_erlang)
        fprintf(stderr, ", an offered load of %.*g Erlang against %d %s on duty",
                o->load_erlang < 1e9 ? 9 : 3, round(o->load_erlang * 10.0) / 10.0, o->agents,
                o->channel < 0 ? "officers" : "agents");
    fprintf(stderr, ".\nThe line grows without bound: give it more agents or less demand, or "
            "raise max_in_system (about 100 bytes a contact per replication running).\n");
    funlockfile(stderr);
    return EXIT_RUNTIME;
}
