/*
 * csv_rows: the rows of a CSV file with a header line, for the readers of
 * users' data (volumes_csv.h, observed_csv.h).
 *
 * libcsv splits the fields (quotes, embedded commas, CRLF; a byte-order
 * mark is skipped).  The header is searched for the caller's column names,
 * in any case and any order; other columns are ignored.  The caller checks
 * each row through callbacks and reports its problems with csv_rows_error,
 * which keeps them as "file:line: column: message", up to a limit, and
 * counts the rest.
 */
#ifndef CHANMIX_SCENARIOS_CSV_ROWS_H
#define CHANMIX_SCENARIOS_CSV_ROWS_H

#include "scenarios/loader.h"

#define CSV_ROWS_FIELD_MAX 128      /* a value, with its '\0'; longer is an error */
#define CSV_ROWS_COLUMNS_MAX 16     /* columns a caller may look for */

struct csv_rows;

struct csv_rows_spec {
    const char *const *columns;     /* looked for in the header: column c is columns[c] */
    int n_columns;
    /* "the file is empty: expected a header line <expected>" */
    const char *expected;
    /* Checks the columns the header gave; when it reports an error, rows are not read. */
    void (*header)(struct csv_rows *r, void *data);
    void (*row)(struct csv_rows *r, void *data);
    /* Once the file is read, with or without errors (NULL: nothing to do). */
    void (*end)(struct csv_rows *r, void *data);
    void *data;
};

/*
 * Reads path, calling spec's callbacks with spec->data; messages name the
 * file as `shown`.  Returns 0; -1 with lines appended to errors; -2 when
 * the file cannot be opened (errno tells why, nothing appended).
 */
int csv_rows_read(const char *path, const char *shown, const struct csv_rows_spec *spec,
                  struct scenario_errors *errors);

/* Records a problem with `column` (NULL: the row or the file) at line. */
void csv_rows_error(struct csv_rows *r, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * The value of column c in the current row; NULL when it is absent or
 * empty (an error when required) or too long (an error).
 */
const char *csv_rows_value(struct csv_rows *r, int c, int required);

/* A finite number that is the whole of s into *out; 0 or -1. */
int csv_rows_number(const char *s, double *out);

int csv_rows_has(const struct csv_rows *r, int c);          /* the header gives column c */
long csv_rows_line(const struct csv_rows *r);               /* the current row's line */
long csv_rows_header_line(const struct csv_rows *r);        /* 0 before the header */
long csv_rows_errors(const struct csv_rows *r);             /* recorded so far, shown or not */

#endif
