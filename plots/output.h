/*
 * output: a run's files in a folder (`chanmix run --out DIR`).
 *
 *   summary.json      the object `--json` prints
 *   channels.csv      one row per channel
 *   segments.csv, types.csv, services.csv   one row per group
 *   intervals.csv     one row per channel and interval of the week
 *   escalations.csv   one row per pair of channels
 *   costs.csv         one row per channel and the back office
 *   totals.csv        the organisation's total cost and the citizens' time
 *
 * Every file is written to a temporary name in DIR and renamed into place
 * only when all of them are complete, so a reader never sees a half-written
 * file and a failed run leaves no new file behind.
 */
#ifndef CHANMIX_PLOTS_OUTPUT_H
#define CHANMIX_PLOTS_OUTPUT_H

#include <stddef.h>
#include "models/comparison.h"
#include "models/experiment.h"

/* Returns 0, or -1 with a message in err. */
int output_write_run(const char *dir, const struct experiment *e, char *err, size_t size);

/* DIR/comparison.json, the object `chanmix compare --json` prints, atomically. */
int output_write_comparison(const char *dir, const struct comparison *c, char *err, size_t size);

#endif
