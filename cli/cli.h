/*
 * cli: the chanmix program's subcommands, and the helpers they share
 * (cli/common.c).  Each subcommand returns the process exit status: 0
 * success, 1 a failure while running, 2 bad input (usage, a scenario file
 * with errors).
 */
#ifndef CHANMIX_CLI_H
#define CHANMIX_CLI_H

#include <stdio.h>

#define EXIT_RUNTIME 1
#define EXIT_BAD_INPUT 2

struct scenario_errors;
struct chart_set;
struct experiment;
struct model;

int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_staff(int argc, char **argv);
int cmd_erlang(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_merge(int argc, char **argv);

struct cli_options;
struct cli_out;
struct comparison;

/*
 * What run (or merge of a run) writes once the replications are done: --out
 * DIR's files through `out` (opened before), and the table or JSON on
 * stdout.  Returns the exit status.
 */
int cli_run_finish(const char *cmd, const struct cli_options *o, struct cli_out *out,
                   const struct experiment *e, const char *path);

/* The same for compare, with files[k] the scenario files. */
int cli_compare_finish(const char *cmd, const struct cli_options *o, struct cli_out *out,
                       const struct comparison *cmp, char **files);
int cmd_calibrate(int argc, char **argv);
int cmd_sweep(int argc, char **argv);

/* "chanmix CMD: " and the message, one line on stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Parses a whole string as a finite number; returns 0, -1 (not a finite
 * number) or CLI_TOO_LARGE (beyond the range of a double, as "1e400").
 * A number too small to represent ("1e-320") is parsed as strtod rounds it.
 */
#define CLI_TOO_LARGE (-2)
int cli_parse_double(const char *s, double *out);
int cli_parse_long(const char *s, long *out);

/* Prints a scenario's errors and a closing line; frees them; returns EXIT_BAD_INPUT. */
int cli_report_errors(const char *cmd, const char *path, struct scenario_errors *errors);

/*
 * Loads the scenario file path into a new model (the caller frees it).
 * Returns 0, or an exit status after printing the errors (*m is then NULL).
 */
int cli_load_file(const char *cmd, const char *path, struct model **m);

/*
 * The one scenario file a command takes (argv[first], and nothing after),
 * loaded as by cli_load_file.  Returns 0 with *m and *path set, or an exit
 * status after saying what is wrong.
 */
int cli_load_scenario(const char *cmd, int argc, char **argv, int first, void (*usage)(FILE *),
                      struct model **m, const char **path);

/* The question of scenario file `file` for its report (the caller frees it); NULL when none. */
char *cli_read_question(const char *file);

/*
 * Charts and report.html of a run in dir (its JSON and CSV already there);
 * file is the scenario file, for its question.  Says once, through *told,
 * that charts were skipped.  Returns 0 or EXIT_RUNTIME (a chart or the report failed).
 */
int cli_write_report_run(const char *cmd, const char *dir, const struct experiment *e,
                         const char *file, int *told);

/*
 * Says on stderr which line of which replication passed max_in_system, when,
 * and the load it was offered; returns EXIT_RUNTIME.
 */
struct world_overflow;
int cli_report_overflow(const char *cmd, const struct model *m, const struct world_overflow *o);

/* Says on stderr why charts were skipped (once) or failed; returns 0 or EXIT_RUNTIME. */
int cli_charts_outcome(const char *cmd, const struct chart_set *set, int *told);

/* The --out folder of a command, while it is held (out_folder.c). */
struct outdir;
struct sigaction;
struct cli_out {
    const char *cmd;
    struct outdir *dir;
    struct sigaction *saved;    /* the signal actions before */
};

/*
 * Checks DIR and locks it, before anything is simulated; catches the
 * signals that would end the program, so that they leave DIR as it was.
 * Returns 0, or an exit status after saying why.
 */
int cli_out_open(struct cli_out *o, const char *cmd, const char *dir);

/* Creates the temporary folder to write in, *path; returns 0 or EXIT_RUNTIME after saying why. */
int cli_out_begin(struct cli_out *o, const char **path);

/*
 * Ends the command's use of the folder: when rc is 0 and stdout took
 * everything, the temporary folder takes DIR's place; otherwise it is
 * removed and DIR left as it was.  Returns the command's exit status.
 */
int cli_out_close(struct cli_out *o, int rc);

#endif
