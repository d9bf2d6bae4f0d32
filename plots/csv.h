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

/* One table of a run's files (output.h): its CSV file, the figures under prefix, with
 * `keys` key columns named by key_names, rows whose first key is `skip` left out. */
struct csv_table {
    const char *file, *prefix;
    int keys;
    const char *key_names[2];
    const char *skip;
};

/*
 * Where the cells of a table go, row by row (row 0 the header), each row's
 * cells left to right, every cell given: a header or a key as text, a
 * figure as a number (NaN: an empty cell).  `figure` is the index in the
 * layout of the figure whose mean or ci95 the number is, or -1 (a
 * threshold, an empty cell).  Each returns 0, or -1 to stop.
 */
struct csv_sink {
    int (*text)(void *ctx, int row, int col, const char *s, size_t len);
    int (*number)(void *ctx, int row, int col, double v, long figure);
    int (*end_row)(void *ctx, int row);
    void *ctx;
};

/* Gives the cells of table t to the sink, as csv_write_table writes them; returns 0 or -1
 * (the sink stopped, or memory ran out).  A table without figures gives no cell. */
int csv_table_cells(const struct results_index *ix, const struct estimate *est,
                    const struct csv_table *t, const struct csv_sink *sink);

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
