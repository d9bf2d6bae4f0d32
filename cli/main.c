/*
 * chanmix: channel-mix simulation and contact-centre capacity planning.
 */
#include <stdio.h>
#include <string.h>

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
          "  validate FILE.cfg check a scenario and print it as resolved\n"
          "  erlang            Erlang C / Erlang A figures and staffing for one interval\n"
          "\n"
          "'chanmix COMMAND --help' describes a command's options.\n", f);
}

int main(int argc, char **argv)
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
    if (strcmp(cmd, "calibrate") == 0)
        return cmd_calibrate(argc - 1, argv + 1);
    if (strcmp(cmd, "compare") == 0)
        return cmd_compare(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "erlang") == 0)
        return cmd_erlang(argc - 1, argv + 1);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "chanmix: unknown command '%s'\n", cmd);
    usage(stderr);
    return EXIT_BAD_INPUT;
}
