/*
 * volumes_csv: contacts per interval from a CSV file, see volumes_csv.h.
 *
 * The file is fed to libcsv one physical line at a time, so that the line
 * a record ends on is known when libcsv hands it over.  Fields go into
 * fixed buffers (a longer value is an error anyway); rows are checked as
 * they come and kept in a growing array; the table is built once the
 * whole file is known to be good, because its first Monday and its length
 * are those of the file.
 */
#include "scenarios/volumes_csv.h"
#include "models/model.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FIELDS_MAX 16
#define FIELD_MAX 128
#define SHOWN_ERRORS 20
#define MAX_WEEKS 520           /* ten years: more is a typo in a year */

enum column { COL_START, COL_CHANNEL, COL_CONTACTS, COL_AHT, COLUMNS };
static const char *const column_names[COLUMNS] = { "start", "channel", "contacts", "aht_s" };

struct row {
    long day;
    int minute;                 /* of the day */
    int channel;                /* in parse.seen */
    double contacts;
    double aht;                 /* NAN when the row gives none */
    long line;
};

struct parse {
    const char *shown;
    const struct volumes_csv_options *o;
    struct scenario_errors *errors;
    long n_errors;              /* all of them, shown or not */
    long line;                  /* the physical line being fed */
    long record_line;           /* where the current record's first field ended */
    int n_fields;
    int too_long[FIELDS_MAX];
    char field[FIELDS_MAX][FIELD_MAX];
    int header;                 /* read */
    int header_bad;             /* rows are not read against a broken header */
    long header_line;
    int col[COLUMNS];           /* field index of each column, -1 when absent */
    int n_seen;
    char seen[MODEL_MAX_CHANNELS][MODEL_NAME_MAX];
    int only;                   /* index in seen of options.only, -1 until seen */
    struct row *rows;
    size_t n_rows, cap_rows;
    long n_good;                /* good rows, of every channel */
    long lo, hi;                /* their first and last day */
    long lo_line, hi_line;
};

int volumes_csv_error(struct scenario_errors *errors, const char *fmt, ...)
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

/* A problem with `column` (NULL: the row or file) at line; only the first few are kept. */
__attribute__((format(printf, 4, 5)))
static void row_error(struct parse *p, long line, const char *column, const char *fmt, ...)
{
    if (++p->n_errors > SHOWN_ERRORS)
        return;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (column)
        volumes_csv_error(p->errors, "%s:%ld: %s: %s", p->shown, line, column, msg);
    else
        volumes_csv_error(p->errors, "%s:%ld: %s", p->shown, line, msg);
}

/* ---- fields and records from libcsv -------------------------------- */

static void on_field(void *text, size_t len, void *data)
{
    struct parse *p = data;
    if (p->n_fields == 0)
        p->record_line = p->line;
    if (p->n_fields >= FIELDS_MAX) {
        p->n_fields++;
        return;
    }
    int i = p->n_fields++;
    p->too_long[i] = len >= FIELD_MAX;
    size_t n = len < FIELD_MAX ? len : FIELD_MAX - 1;
    if (n)
        memcpy(p->field[i], text, n);
    p->field[i][n] = '\0';
}

static void read_header(struct parse *p)
{
    p->header = 1;
    p->header_line = p->record_line;
    for (int c = 0; c < COLUMNS; c++)
        p->col[c] = -1;
    int n = p->n_fields < FIELDS_MAX ? p->n_fields : FIELDS_MAX;
    for (int i = 0; i < n; i++)
        for (int c = 0; c < COLUMNS; c++)
            if (strcasecmp(p->field[i], column_names[c]) == 0) {
                if (p->col[c] >= 0)
                    row_error(p, p->record_line, column_names[c], "column given twice");
                p->col[c] = i;
            }
    long before = p->n_errors;
    for (int c = 0; c < COL_AHT; c++)
        if (p->col[c] < 0)
            row_error(p, p->record_line, column_names[c], "missing column (the header must "
                      "name start, channel and contacts; aht_s is optional)");
    p->header_bad = p->n_errors > before;
}

/* The value of column c in the current record; NULL (and an error) when absent. */
static const char *value(struct parse *p, enum column c, int required)
{
    int i = p->col[c];
    if (i < 0 || i >= p->n_fields || i >= FIELDS_MAX || p->field[i][0] == '\0') {
        if (required)
            row_error(p, p->record_line, column_names[c], "missing value");
        return NULL;
    }
    if (p->too_long[i]) {
        row_error(p, p->record_line, column_names[c], "value longer than %d characters",
                  FIELD_MAX - 1);
        return NULL;
    }
    return p->field[i];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* "YYYY-MM-DDTHH:MM[:SS]" (or a space for the T); returns 0 or -1. */
static int parse_start(const char *s, long *day, int *minute, int *second)
{
    size_t len = strlen(s);
    int y, mo, d, h, mi, sec = 0;
    if ((len != 16 && len != 19) || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
        digits(s + 11, 2, &h) || digits(s + 14, 2, &mi))
        return -1;
    if (len == 19 && (s[16] != ':' || digits(s + 17, 2, &sec)))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59)
        return -1;
    int yy, mm, dd;
    *day = volumes_day(y, mo, d);
    volumes_date(*day, &yy, &mm, &dd);
    if (dd != d || mm != mo)
        return -1;              /* 31 April, 29 February of a common year */
    *minute = h * 60 + mi;
    *second = sec;
    return 0;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* The channel's index among those seen, adding it; -1 (reported) when it may not be. */
static int channel_index(struct parse *p, const char *name)
{
    for (int c = 0; c < p->n_seen; c++)
        if (strcmp(p->seen[c], name) == 0)
            return c;
    if (p->o->known) {
        int known = 0;
        char list[256] = "";
        for (int k = 0; k < p->o->n_known; k++) {
            known |= strcmp(p->o->known[k], name) == 0;
            size_t l = strlen(list);
            snprintf(list + l, sizeof list - l, "%s%s", k ? ", " : "", p->o->known[k]);
        }
        if (!known) {
            row_error(p, p->record_line, "channel", "no channel named '%s' in the scenario (%s)",
                      name, list);
            return -1;
        }
    }
    if (strlen(name) >= MODEL_NAME_MAX) {
        row_error(p, p->record_line, "channel", "name longer than %d characters",
                  MODEL_NAME_MAX - 1);
        return -1;
    }
    if (p->n_seen == MODEL_MAX_CHANNELS) {
        row_error(p, p->record_line, "channel", "more than %d channels", MODEL_MAX_CHANNELS);
        return -1;
    }
    strcpy(p->seen[p->n_seen], name);
    if (p->o->only && strcmp(name, p->o->only) == 0)
        p->only = p->n_seen;
    return p->n_seen++;
}

static void keep_row(struct parse *p, const struct row *r)
{
    if (p->n_rows == p->cap_rows) {
        size_t cap = p->cap_rows ? p->cap_rows * 2 : 1024;
        struct row *grown = realloc(p->rows, cap * sizeof *grown);
        if (!grown) {
            row_error(p, r->line, NULL, "out of memory");
            return;
        }
        p->rows = grown;
        p->cap_rows = cap;
    }
    p->rows[p->n_rows++] = *r;
}

static void read_row(struct parse *p)
{
    struct row r = { .line = p->record_line, .aht = NAN };
    long before = p->n_errors;
    const char *start = value(p, COL_START, 1);
    const char *channel = value(p, COL_CHANNEL, 1);
    const char *contacts = value(p, COL_CONTACTS, 1);
    const char *aht = value(p, COL_AHT, 0);
    int second = 0;
    int step = (int)(p->o->interval_s / 60.0);
    if (start && parse_start(start, &r.day, &r.minute, &second) != 0)
        row_error(p, r.line, "start", "'%s' is not a local time like 2026-03-02T08:30", start);
    else if (start && (second != 0 || r.minute % step != 0))
        row_error(p, r.line, "start", "%s is not on the %d-minute interval grid (intervals "
                  "start at 00:00, 00:%02d, ...)", start + 11, step, step % 60);
    if (channel)
        r.channel = channel_index(p, channel);
    if (contacts && parse_number(contacts, &r.contacts) != 0)
        row_error(p, r.line, "contacts", "'%s' is not a number", contacts);
    else if (contacts && r.contacts < 0)
        row_error(p, r.line, "contacts", "must be >= 0, got %s", contacts);
    else if (contacts && r.contacts > MODEL_MAX_PER_INTERVAL)   /* docs/scenarios.md, Bounds */
        row_error(p, r.line, "contacts", "must be at most %.0f an interval (over 55 a second: "
                  "beyond any one line), got %s", MODEL_MAX_PER_INTERVAL, contacts);
    if (aht && parse_number(aht, &r.aht) != 0)
        row_error(p, r.line, "aht_s", "'%s' is not a number", aht);
    else if (aht && !(r.aht > 0))
        row_error(p, r.line, "aht_s", "must be > 0 seconds, got %s", aht);
    if (p->n_errors > before)
        return;
    /* the file's span, over every channel: streams of one file share their Monday */
    if (!p->n_good || r.day < p->lo) {
        p->lo = r.day;
        p->lo_line = r.line;
    }
    if (!p->n_good || r.day > p->hi) {
        p->hi = r.day;
        p->hi_line = r.line;
    }
    p->n_good++;
    if (!p->o->only || r.channel == p->only)
        keep_row(p, &r);
}

static void on_record(int terminator, void *data)
{
    (void)terminator;
    struct parse *p = data;
    if (!p->header)
        read_header(p);
    else if (!p->header_bad)
        read_row(p);
    p->n_fields = 0;
}

/* Feeds the file to libcsv line by line; returns 0, or -1 with an error recorded. */
static int feed(struct parse *p, FILE *f)
{
    struct csv_parser csv;
    if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        row_error(p, 1, NULL, "out of memory");
        return -1;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&buf, &cap, f)) > 0) {
        p->line++;
        const char *text = buf;
        if (p->line == 1 && len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
            text += 3;          /* the byte-order mark spreadsheets put first */
            len -= 3;
        }
        if (csv_parse(&csv, text, (size_t)len, on_field, on_record, p) != (size_t)len) {
            row_error(p, p->line, NULL, "not valid CSV (%s): a stray or unclosed quote?",
                      csv_strerror(csv_error(&csv)));
            rc = -1;
            break;
        }
    }
    if (rc == 0 && csv_fini(&csv, on_field, on_record, p) != 0) {
        row_error(p, p->line, NULL, "not valid CSV: a quote is never closed");
        rc = -1;
    }
    free(buf);
    csv_free(&csv);
    return rc;
}

/* ---- the table ------------------------------------------------------ */

static long gcd(long a, long b)
{
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/*
 * Rows all on a coarser grid than the intervals (every 30 minutes when
 * intervals are 15) would replay as half the volume with gaps: refused,
 * once the file has enough distinct times of day to tell.
 */
static void check_grid(struct parse *p, int step)
{
    static const int enough = 4;
    char seen[1440] = { 0 };
    int distinct = 0;
    long g = 1440;
    for (size_t i = 0; i < p->n_rows; i++) {
        distinct += !seen[p->rows[i].minute];
        seen[p->rows[i].minute] = 1;
        g = gcd(g, p->rows[i].minute);
    }
    if (distinct >= enough && g > step)
        row_error(p, p->header_line, "start", "every row starts on a %ld-minute boundary, but "
                  "the intervals are %d minutes: give one row per %d minutes, or make the "
                  "intervals %ld minutes", g, step, step, g);
}

/* The first Monday and the number of weeks to the last row; -1 (reported) when there are none. */
static int span(struct parse *p, long *first, int *weeks)
{
    *first = p->lo + (7 - volumes_weekday(p->lo)) % 7;
    if (p->hi < *first) {
        row_error(p, p->lo_line, "start", "no row falls on or after a Monday: the table "
                  "starts on the file's first Monday");
        return -1;
    }
    long w = (p->hi - *first) / 7 + 1;
    if (w > MAX_WEEKS) {
        row_error(p, p->hi_line, "start", "lies %ld weeks after the file's first Monday; at "
                  "most %d weeks", w - 1, MAX_WEEKS);
        return -1;
    }
    *weeks = (int)w;
    return 0;
}

/* Sums the rows into out; handling times are weighted by contacts. */
static int fill(struct parse *p, struct volumes *out)
{
    int only = p->o->only != NULL;
    int n_ch = only ? 1 : p->n_seen;
    int with_aht = p->col[COL_AHT] >= 0;
    long first;
    int weeks;
    if (span(p, &first, &weeks) != 0)
        return -1;
    if (volumes_alloc(out, n_ch, weeks, (int)(86400.0 / p->o->interval_s), with_aht) != 0) {
        row_error(p, p->header_line, NULL, "out of memory for %d weeks", weeks);
        return -1;
    }
    out->first_day = first;
    for (int c = 0; c < n_ch; c++)
        strcpy(out->names[c], p->seen[only ? p->only : c]);
    long len = volumes_length(out);
    size_t cells = (size_t)n_ch * (size_t)len;
    /* aht: sum of aht * contacts and of contacts, and a plain mean where contacts are 0 */
    double *acc = with_aht ? calloc(cells * 4, sizeof *acc) : NULL;
    if (with_aht && !acc) {
        volumes_free(out);
        row_error(p, p->header_line, NULL, "out of memory");
        return -1;
    }
    int step = (int)(p->o->interval_s / 60.0);
    for (size_t i = 0; i < p->n_rows; i++) {
        const struct row *r = &p->rows[i];
        if (r->day < first)
            continue;
        size_t k = (size_t)(only ? 0 : r->channel) * (size_t)len +
                   (size_t)((r->day - first) * out->per_day + r->minute / step);
        out->contacts[k] += r->contacts;
        if (acc && !isnan(r->aht)) {
            acc[4 * k] += r->aht * r->contacts;
            acc[4 * k + 1] += r->contacts;
            acc[4 * k + 2] += r->aht;
            acc[4 * k + 3] += 1.0;
        }
    }
    for (size_t k = 0; acc && k < cells; k++)
        if (acc[4 * k + 3] > 0)
            out->aht_s[k] = acc[4 * k + 1] > 0 ? acc[4 * k] / acc[4 * k + 1]
                                               : acc[4 * k + 2] / acc[4 * k + 3];
    free(acc);
    return 0;
}

int volumes_csv_read(const char *path, const char *shown, const struct volumes_csv_options *o,
                     struct volumes *out, struct scenario_errors *errors)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "r");
    if (!f)
        return -2;
    struct parse *p = calloc(1, sizeof *p);
    if (!p) {
        fclose(f);
        volumes_csv_error(errors, "%s: out of memory", shown);
        return -1;
    }
    p->shown = shown;
    p->o = o;
    p->errors = errors;
    p->only = -1;
    feed(p, f);
    fclose(f);
    if (!p->header)
        row_error(p, 1, NULL, "the file is empty: expected a header line "
                  "start,channel,contacts (and optionally aht_s), then one row per interval");
    else if (p->n_errors == 0 && p->n_seen == 0)
        row_error(p, p->header_line + 1, NULL, "no rows after the header: the file is empty");
    else if (p->n_errors == 0 && p->n_rows == 0)
        row_error(p, p->header_line, "channel", "no rows for channel '%s'", o->only);
    if (p->n_errors == 0)
        check_grid(p, (int)(o->interval_s / 60.0));
    if (p->n_errors == 0)
        fill(p, out);
    if (p->n_errors > SHOWN_ERRORS)
        volumes_csv_error(errors, "%s: %ld more errors not shown", shown,
                          p->n_errors - SHOWN_ERRORS);
    int rc = p->n_errors ? -1 : 0;
    free(p->rows);
    free(p);
    return rc;
}
