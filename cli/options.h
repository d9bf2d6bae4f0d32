/*
 * options: the options run, compare and staff share, parsed in one place so
 * that they mean and check the same everywhere.
 */
#ifndef CHANMIX_CLI_OPTIONS_H
#define CHANMIX_CLI_OPTIONS_H

#include <stdio.h>

/* Which options a command takes. */
#define OPT_REPLICATIONS 0x01
#define OPT_THREADS 0x02
#define OPT_SEED 0x04
#define OPT_JSON 0x08
#define OPT_QUIET 0x10
#define OPT_OUT 0x20
#define OPT_EQUAL_SERVICE 0x40
#define OPT_SHARD 0x80
#define OPT_WEEK 0x100

struct cli_options {
    long replications;      /* 0: the scenario's */
    long threads;           /* 0: all cores */
    long seed;              /* -1: the scenario's */
    int json, quiet;
    int equal_service;      /* compare: staff every scenario to its norms first */
    int shard, shards;      /* --shard K/N; 0 when absent (then --out names the part) */
    const char *out;        /* NULL: no files */
    long week;              /* 0: every week of the horizon */
    int first;              /* argv index of the first file argument */
};

/*
 * Parses argv for command `cmd` taking the options in `allowed`; at least
 * min_replications replications.  Returns 0, 1 when --help printed the
 * usage, or EXIT_BAD_INPUT after saying what is wrong.
 */
int cli_options_parse(int argc, char **argv, const char *cmd, unsigned allowed,
                      long min_replications, void (*usage)(FILE *), struct cli_options *o);

#endif
