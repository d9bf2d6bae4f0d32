/*
 * chanmix validate: check a scenario and print it as resolved (after
 * inheritance), so that a user sees exactly what a run would use.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "scenarios/loader.h"

int cmd_validate(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: chanmix validate FILE.cfg\n\n"
             "Checks every setting of the scenario (and of the files it extends), reports\n"
             "every error as file:line: setting: message, and when there is none prints the\n"
             "resolved scenario as libconfig text.");
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: chanmix validate FILE.cfg\n");
        return EXIT_BAD_INPUT;
    }
    struct scenario_errors errors;
    if (scenario_resolve(argv[1], stdout, &errors) != 0)
        return cli_report_errors("validate", argv[1], &errors);
    return 0;
}
