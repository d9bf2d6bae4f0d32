/*
 * cli: the chanmix program's subcommands.  Each returns the process exit
 * status: 0 success, 1 a failure while running, 2 bad input (usage, a
 * scenario file with errors).
 */
#ifndef CHANMIX_CLI_H
#define CHANMIX_CLI_H

#define EXIT_RUNTIME 1
#define EXIT_BAD_INPUT 2

struct scenario_errors;

int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_staff(int argc, char **argv);

/* Prints a scenario's errors and a closing line; frees them; returns EXIT_BAD_INPUT. */
int cli_report_errors(const char *cmd, const char *path, struct scenario_errors *errors);
int cmd_erlang(int argc, char **argv);

/* Parses a whole string as a number; returns 0 or -1. */
int cli_parse_double(const char *s, double *out);
int cli_parse_long(const char *s, long *out);

#endif
