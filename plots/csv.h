/*
 * csv: figures of a run as tables for spreadsheets and charts.
 *
 * A table takes the figures under a path prefix and turns the next one or
 * two path parts into key columns: "channels.phone.offered" under
 * "channels." becomes the row (phone) and the columns offered_mean and
 * offered_ci95.  The columns are every figure any row has, in the order
 * they first appear; a row without one leaves its cells empty.  A service
 * level adds a column with the threshold it counts against
 * (service_level_threshold_s).  Text is quoted where it must be; numbers
 * use %.12g; an undefined number is an empty cell.
 */
#ifndef CHANMIX_PLOTS_CSV_H
#define CHANMIX_PLOTS_CSV_H

#include <stdio.h>
#include "models/results.h"
#include "sim/stats.h"

/*
 * Writes the figures under prefix with `keys` key columns named by
 * key_names (1 or 2), leaving out rows whose first key is `skip` (may be
 * NULL).  With keys = 0 the table is long: one row per figure, named in the
 * column key_names[0], with its mean and ci95.  Returns 0, or -1 on a
 * write error or when memory runs out.
 */
int csv_write_table(FILE *f, const struct results_index *ix, const struct estimate *est,
                    const char *prefix, int keys, const char *const *key_names,
                    const char *skip);

#endif
