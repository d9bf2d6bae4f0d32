/*
 * chanmix: channel-mix simulation and contact-centre capacity planning.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "cli/cli.h"

static void usage(FILE *f)
{
    fputs("usage: chanmix COMMAND [options]\n"
          "\n"
          "commands:\n"
          "  run FILE.cfg      simulate a scenario and report per channel\n"
          "  compare A.cfg B.cfg ...  scenarios on common random numbers, differences from A\n"
          "  staff FILE.cfg    staffing per interval that meets the targets, and shifts\n"
          "  forecast HISTORY.csv  contacts per channel and interval for the coming weeks\n"
          "  calibrate FILE.cfg --observed OBSERVED.csv  choice constants fitted to observed use\n"
          "  merge PART ...    put the parts of a sharded run (--shard K/N) back together\n"
          "  sweep FILE.cfg [B.cfg ...] --vary PATH=LOW:HIGH  results over uncertain\n"
          "                    assumptions: their spread, what drives them, who wins where\n"
          "  validate FILE.cfg check a scenario and print it as resolved\n"
          "  erlang            Erlang C / Erlang A figures and staffing for one interval\n"
          "\n"
          "'chanmix COMMAND --help' describes a command's options.\n", f);
}

/*
 * What a command printed must have reached stdout: a full disk or a closed
 * descriptor turns success into EXIT_RUNTIME.  stdio keeps what it could not
 * write and says so only through ferror and the final flush.
 */
static int finish_stdout(int rc)
{
    int flushed = fflush(stdout) == 0;
    int err = errno, earlier = ferror(stdout);
    if (fclose(stdout) != 0 && flushed) {
        flushed = 0;
        err = errno;
    }
    if (flushed && !earlier)
        return rc;
    fprintf(stderr, "chanmix: cannot write the standard output: %s\n",
            flushed ? "a write failed" : strerror(err));
    return rc == 0 ? EXIT_RUNTIME : rc;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 1, argv + 1);
    if (strcmp(cmd, "staff") == 0)
        return cmd_staff(argc - 1, argv + 1);
    if (strcmp(cmd, "forecast") == 0)
        return cmd_forecast(argc - 1, argv + 1);
    if (strcmp(cmd, "merge") == 0)
        return cmd_merge(argc - 1, argv + 1);
    if (strcmp(cmd, "calibrate") == 0)
        return cmd_calibrate(argc - 1, argv + 1);
    if (strcmp(cmd, "compare") == 0)
        return cmd_compare(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "erlang") == 0)
        return cmd_erlang(argc - 1, argv + 1);
    if (strcmp(cmd, "sweep") == 0)
        return cmd_sweep(argc - 1, argv + 1);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "chanmix: unknown command '%s'\n", cmd);
    usage(stderr);
    return EXIT_BAD_INPUT;
}

int main(int argc, char **argv)
{
    /* GSL's default handler aborts; every GSL status is checked where it is returned */
    gsl_set_error_handler_off();
    return finish_stdout(dispatch(argc, argv));
}
