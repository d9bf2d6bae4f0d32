/*
 * csv: figures of a run as tables for spreadsheets and charts.
 *
 * A table takes the figures under a path prefix and turns the next one or
 * two path segments into key columns: "channels/phone/offered" under
 * "channels/" becomes the row (phone) and the columns offered_mean and
 * offered_ci95.  Text is quoted where it must be; numbers use %.12g.
 */
#ifndef CHANMIX_PLOTS_CSV_H
#define CHANMIX_PLOTS_CSV_H

#include <stdio.h>
#include "sim/metrics.h"

/*
 * Writes the figures under prefix with `keys` key columns named by
 * key_names (1 or 2), leaving out rows whose first key is `skip` (may be
 * NULL).  With keys = 0 the table is long: one row per figure, named in the
 * column key_names[0], with its mean and ci95.  Returns 0, or -1 on a
 * write error.
 */
int csv_write_table(FILE *f, const struct metrics_layout *l, const struct estimate *est,
                    const char *prefix, int keys, const char *const *key_names,
                    const char *skip);

#endif
