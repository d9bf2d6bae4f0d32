/*
 * output: a run's files in a folder (`chanmix run --out DIR`).
 *
 *   summary.json      the object `--json` prints
 *   channels.csv      one row per channel
 *   segments.csv, types.csv, services.csv   one row per group
 *   intervals.csv     one row per channel and interval of the week
 *   weekdays.csv      one row per channel and day of the week it opens
 *   escalations.csv   one row per pair of channels
 *   costs.csv         one row per channel and the back office
 *   totals.csv        the organisation's total cost and the citizens' time
 *   tables.xlsx       the tables above as a workbook, a sheet each (xlsx.h)
 *
 * Every file is written to a temporary name in DIR and renamed into place
 * only when all of them are complete, so a reader never sees a half-written
 * file and a failed run leaves no new file behind.
 */
#ifndef CHANMIX_PLOTS_OUTPUT_H
#define CHANMIX_PLOTS_OUTPUT_H

#include <stddef.h>
#include <stdio.h>
#include "models/comparison.h"
#include "models/experiment.h"

/* mkdir -p: dir and every missing folder above it; 0, or -1 with errno. */
int output_make_dir(const char *dir);

/* "dir/name" in a new string (free it), or NULL when memory runs out. */
char *output_path(const char *dir, const char *name);

/* Writes file i into f; returns 0, or nonzero when it failed. */
typedef int (*output_writer)(FILE *f, int i, const void *ctx);

/*
 * Files dir/names[0 .. n) by write(f, i, ctx), each through a temporary
 * name, renamed into place once all are written; dir is created as needed.
 * Returns 0, or -1 with a message in err and no temporary left behind.
 */
int output_write_files(const char *dir, int n, const char *const *names, output_writer write,
                       const void *ctx, char *err, size_t size);

/* Returns 0, or -1 with a message in err. */
int output_write_run(const char *dir, const struct experiment *e, char *err, size_t size);

/* DIR/comparison.json, the object `chanmix compare --json` prints, and DIR/comparison.xlsx,
 * its headline differences and figures as a workbook (xlsx.h), both or neither. */
int output_write_comparison(const char *dir, const struct comparison *c, char *err, size_t size);

/*
 * What `compare --out DIR` writes in DIR beside a folder per scenario: a
 * scenario name equal to one of these (in any case) would collide with it.
 */
extern const char *const output_comparison_entries[4];

/* Whether a scenario name can be a folder of `compare --out DIR`: 1 yes, 0 no. */
int output_comparison_name_ok(const char *name);

#endif
