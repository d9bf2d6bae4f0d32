/*
 * csv_rows: the rows of a CSV file with a header line, see csv_rows.h.
 *
 * The file is fed to libcsv one physical line at a time, so that the line
 * a record ends on is known when libcsv hands it over.  Fields go into
 * fixed buffers (a longer value is an error anyway, reported only when a
 * caller asks for it), so a row costs no allocation.
 */
#include "scenarios/csv_rows.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FIELDS_MAX 16
#define SHOWN_ERRORS 20

struct csv_rows {
    const char *shown;
    const struct csv_rows_spec *spec;
    struct scenario_errors *errors;
    long n_errors;              /* all of them, shown or not */
    long line;                  /* the physical line being fed */
    long record_line;           /* where the current record's first field ended */
    int n_fields;
    int too_long[FIELDS_MAX];
    char field[FIELDS_MAX][CSV_ROWS_FIELD_MAX];
    int header;                 /* read */
    int header_bad;             /* rows are not read against a broken header */
    long header_line;
    long rows;                  /* read against a good header */
    int col[CSV_ROWS_COLUMNS_MAX];      /* field index of each column, -1 when absent */
};

/* Appends one formatted line to errors; returns 0 or -1 when memory runs out. */
__attribute__((format(printf, 2, 3)))
static int append(struct scenario_errors *errors, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *line = malloc(strlen(buf) + 1);
    char **grown = realloc(errors->lines, (errors->n + 1) * sizeof *grown);
    if (!line || !grown) {
        free(line);
        if (grown)
            errors->lines = grown;
        return -1;
    }
    strcpy(line, buf);
    errors->lines = grown;
    errors->lines[errors->n++] = line;
    return 0;
}

void csv_rows_error(struct csv_rows *r, long line, const char *column, const char *fmt, ...)
{
    if (++r->n_errors > SHOWN_ERRORS)
        return;
    char msg[480];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (column)
        append(r->errors, "%s:%ld: %s: %s", r->shown, line, column, msg);
    else
        append(r->errors, "%s:%ld: %s", r->shown, line, msg);
}

const char *csv_rows_value(struct csv_rows *r, int c, int required)
{
    int i = r->col[c];
    if (i < 0 || i >= r->n_fields || i >= FIELDS_MAX || r->field[i][0] == '\0') {
        if (required)
            csv_rows_error(r, r->record_line, r->spec->columns[c], "missing value");
        return NULL;
    }
    if (r->too_long[i]) {
        csv_rows_error(r, r->record_line, r->spec->columns[c], "value longer than %d characters",
                       CSV_ROWS_FIELD_MAX - 1);
        return NULL;
    }
    return r->field[i];
}

int csv_rows_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int csv_rows_has(const struct csv_rows *r, int c)
{
    return r->col[c] >= 0;
}

long csv_rows_line(const struct csv_rows *r)
{
    return r->record_line;
}

long csv_rows_header_line(const struct csv_rows *r)
{
    return r->header ? r->header_line : 0;
}

long csv_rows_errors(const struct csv_rows *r)
{
    return r->n_errors;
}

/* ---- fields and records from libcsv -------------------------------- */

static void on_field(void *text, size_t len, void *data)
{
    struct csv_rows *r = data;
    if (r->n_fields == 0)
        r->record_line = r->line;
    if (r->n_fields >= FIELDS_MAX) {
        r->n_fields++;
        return;
    }
    int i = r->n_fields++;
    r->too_long[i] = len >= CSV_ROWS_FIELD_MAX;
    size_t n = len < CSV_ROWS_FIELD_MAX ? len : CSV_ROWS_FIELD_MAX - 1;
    if (n)
        memcpy(r->field[i], text, n);
    r->field[i][n] = '\0';
}

static void read_header(struct csv_rows *r)
{
    const struct csv_rows_spec *s = r->spec;
    r->header = 1;
    r->header_line = r->record_line;
    for (int c = 0; c < s->n_columns; c++)
        r->col[c] = -1;
    int n = r->n_fields < FIELDS_MAX ? r->n_fields : FIELDS_MAX;
    for (int i = 0; i < n; i++)
        for (int c = 0; c < s->n_columns; c++)
            if (strcasecmp(r->field[i], s->columns[c]) == 0) {
                if (r->col[c] >= 0)
                    csv_rows_error(r, r->record_line, s->columns[c], "column given twice");
                r->col[c] = i;
            }
    long before = r->n_errors;
    s->header(r, s->data);
    r->header_bad = r->n_errors > before;
}

static void on_record(int terminator, void *data)
{
    (void)terminator;
    struct csv_rows *r = data;
    if (!r->header)
        read_header(r);
    else if (!r->header_bad) {
        r->rows++;
        r->spec->row(r, r->spec->data);
    }
    r->n_fields = 0;
}

/* Feeds the file to libcsv line by line; returns 0, or -1 with an error recorded. */
static int feed(struct csv_rows *r, FILE *f)
{
    struct csv_parser csv;
    if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        csv_rows_error(r, 1, NULL, "out of memory");
        return -1;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&buf, &cap, f)) > 0) {
        r->line++;
        const char *text = buf;
        if (r->line == 1 && len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
            text += 3;          /* the byte-order mark spreadsheets put first */
            len -= 3;
        }
        if (csv_parse(&csv, text, (size_t)len, on_field, on_record, r) != (size_t)len) {
            csv_rows_error(r, r->line, NULL, "not valid CSV (%s): a stray or unclosed quote?",
                           csv_strerror(csv_error(&csv)));
            rc = -1;
            break;
        }
    }
    if (rc == 0 && csv_fini(&csv, on_field, on_record, r) != 0) {
        csv_rows_error(r, r->line, NULL, "not valid CSV: a quote is never closed");
        rc = -1;
    }
    free(buf);
    csv_free(&csv);
    return rc;
}

int csv_rows_read(const char *path, const char *shown, const struct csv_rows_spec *spec,
                  struct scenario_errors *errors)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -2;
    struct csv_rows *r = calloc(1, sizeof *r);
    if (!r) {
        fclose(f);
        append(errors, "%s: out of memory", shown);
        return -1;
    }
    r->shown = shown;
    r->spec = spec;
    r->errors = errors;
    feed(r, f);
    fclose(f);
    if (!r->header)
        csv_rows_error(r, 1, NULL, "the file is empty: expected a header line %s",
                       spec->expected);
    else if (r->n_errors == 0 && r->rows == 0)
        csv_rows_error(r, r->header_line + 1, NULL,
                       "no rows after the header: the file is empty");
    if (spec->end)
        spec->end(r, spec->data);
    if (r->n_errors > SHOWN_ERRORS)
        append(errors, "%s: %ld more errors not shown", shown, r->n_errors - SHOWN_ERRORS);
    int rc = r->n_errors ? -1 : 0;
    free(r);
    return rc;
}
