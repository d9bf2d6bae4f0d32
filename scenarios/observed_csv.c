/*
 * observed_csv: observed channel use from a CSV file, see observed_csv.h.
 *
 * As for arrival files, the file is fed to libcsv one physical line at a
 * time, so the line a record ends on is known when libcsv hands it over.
 * A file has at most one group per segment, per service and for all
 * citizens, so the groups fill a fixed table as rows come; a group's first
 * row fixes whether it gives counts or shares.
 */
#include "scenarios/observed_csv.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scenarios/volumes_csv.h"

#define FIELDS_MAX 16
#define FIELD_MAX 128
#define SHOWN_ERRORS 20

enum column { COL_CHANNEL, COL_CONTACTS, COL_SHARE, COL_SEGMENT, COL_SERVICE, COLUMNS };
static const char *const column_names[COLUMNS] = { "channel", "contacts", "share", "segment",
                                                   "service" };

struct parse {
    const char *shown;
    const struct model *m;
    struct calibrate_observed *out;
    struct scenario_errors *errors;
    long n_errors;              /* all of them, shown or not */
    long line;                  /* the physical line being fed */
    long record_line;           /* where the current record began */
    int n_fields;
    int too_long[FIELDS_MAX];
    char field[FIELDS_MAX][FIELD_MAX];
    int header, header_bad;
    long header_line, rows;
    int col[COLUMNS];           /* field index of each column, -1 when absent */
    int slot[CALIBRATE_MAX_GROUPS];     /* group by key (0 all, 1+s, 1+S+v) -> out index + 1 */
};

/* A problem with `column` (NULL: the row or file) at line; only the first few are kept. */
__attribute__((format(printf, 4, 5)))
static void row_error(struct parse *p, long line, const char *column, const char *fmt, ...)
{
    if (++p->n_errors > SHOWN_ERRORS)
        return;
    char msg[480];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (column)
        volumes_csv_error(p->errors, "%s:%ld: %s: %s", p->shown, line, column, msg);
    else
        volumes_csv_error(p->errors, "%s:%ld: %s", p->shown, line, msg);
}

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
    if (p->col[COL_CHANNEL] < 0)
        row_error(p, p->record_line, "channel", "missing column (the header must name channel, "
                  "and contacts or share; segment and service are optional)");
    if (p->col[COL_CONTACTS] < 0 && p->col[COL_SHARE] < 0)
        row_error(p, p->record_line, "contacts", "missing column: give contacts (counts) or "
                  "share (of the group's contacts)");
    p->header_bad = p->n_errors > before;
}

/* The value of column c in the current record; NULL when absent or empty. */
static const char *value(struct parse *p, enum column c)
{
    int i = p->col[c];
    if (i < 0 || i >= p->n_fields || i >= FIELDS_MAX || p->field[i][0] == '\0')
        return NULL;
    if (p->too_long[i]) {
        row_error(p, p->record_line, column_names[c], "value longer than %d characters",
                  FIELD_MAX - 1);
        return NULL;
    }
    return p->field[i];
}

/* "a, b, c" of n names spaced `stride` bytes apart. */
static void name_list(const char *first, size_t stride, int n, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int k = 0; k < n; k++) {
        size_t l = strlen(buf);
        snprintf(buf + l, size - l, "%s%s", k ? ", " : "", first + (size_t)k * stride);
    }
}

/* The index of name among n names `stride` apart; -1 (reported as column's) when absent. */
static int find_name(struct parse *p, enum column col, const char *name, const char *first,
                     size_t stride, int n)
{
    for (int k = 0; k < n; k++)
        if (strcmp(first + (size_t)k * stride, name) == 0)
            return k;
    char list[400];
    name_list(first, stride, n, list, sizeof list);
    row_error(p, p->record_line, column_names[col], "no %s named '%s' in the scenario (%s)",
              column_names[col], name, n ? list : "it has none");
    return -1;
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

/* The row's count or share into *v (*is_share says which); 0 or -1 (reported). */
static int row_value(struct parse *p, double *v, int *is_share)
{
    const char *contacts = value(p, COL_CONTACTS), *share = value(p, COL_SHARE);
    if (contacts && share) {
        row_error(p, p->record_line, "share", "a row gives contacts or a share, not both");
        return -1;
    }
    if (!contacts && !share) {
        row_error(p, p->record_line, p->col[COL_CONTACTS] >= 0 ? "contacts" : "share",
                  "missing value");
        return -1;
    }
    *is_share = share != NULL;
    if (contacts) {
        if (parse_number(contacts, v) != 0) {
            row_error(p, p->record_line, "contacts", "'%s' is not a number", contacts);
            return -1;
        }
        if (*v < 0) {
            row_error(p, p->record_line, "contacts", "must be >= 0, got %s", contacts);
            return -1;
        }
        return 0;
    }
    char text[FIELD_MAX];
    snprintf(text, sizeof text, "%s", share);
    size_t len = strlen(text);
    int percent = len > 1 && text[len - 1] == '%';
    if (percent)
        text[len - 1] = '\0';
    if (parse_number(text, v) != 0) {
        row_error(p, p->record_line, "share", "'%s' is not a number", share);
        return -1;
    }
    if (percent)
        *v /= 100.0;
    if (*v < 0 || *v > 1) {
        row_error(p, p->record_line, "share", "must be from 0 to 1 (or 0%% to 100%%), got %s",
                  share);
        return -1;
    }
    return 0;
}

/* The row's group, found or added; -1 (reported) when the row names a bad one. */
static int row_group(struct parse *p, int is_share)
{
    const struct model *m = p->m;
    const char *seg = value(p, COL_SEGMENT), *svc = value(p, COL_SERVICE);
    if (seg && svc) {
        row_error(p, p->record_line, "service", "a row gives a segment or a service, not both: "
                  "shares are reported by segment and by service, not by both at once");
        return -1;
    }
    int key = 0, index = -1;
    enum calibrate_level level = CALIBRATE_ALL;
    if (seg) {
        if ((index = find_name(p, COL_SEGMENT, seg, m->segments[0].name, sizeof m->segments[0],
                               m->n_segments)) < 0)
            return -1;
        level = CALIBRATE_SEGMENT;
        key = 1 + index;
    } else if (svc) {
        if ((index = find_name(p, COL_SERVICE, svc, m->services[0].name, sizeof m->services[0],
                               m->n_services)) < 0)
            return -1;
        level = CALIBRATE_SERVICE;
        key = 1 + MODEL_MAX_SEGMENTS + index;
    }
    struct calibrate_observed *o = p->out;
    if (p->slot[key]) {
        const struct calibrate_group *g = &o->g[p->slot[key] - 1];
        if (g->shares != is_share) {
            char name[MODEL_NAME_MAX + 16];
            calibrate_group_name(m, g, name, sizeof name);
            row_error(p, p->record_line, is_share ? "share" : "contacts", "the rows of %s give "
                      "%s (line %ld): a group gives contacts or shares, not both", name,
                      g->shares ? "shares" : "contacts", g->first_line);
            return -1;
        }
        return p->slot[key] - 1;
    }
    struct calibrate_group *g = &o->g[o->n];
    *g = (struct calibrate_group){ .level = level, .index = index, .shares = is_share,
                                   .first_line = p->record_line };
    p->slot[key] = ++o->n;
    return o->n - 1;
}

static void read_row(struct parse *p)
{
    const struct model *m = p->m;
    long before = p->n_errors;
    const char *channel = value(p, COL_CHANNEL);
    int c = -1, is_share = 0;
    double v = 0.0;
    if (!channel)
        row_error(p, p->record_line, "channel", "missing value");
    else
        c = find_name(p, COL_CHANNEL, channel, m->channels[0].name, sizeof m->channels[0],
                      m->n_channels);
    row_value(p, &v, &is_share);
    if (p->n_errors > before)
        return;
    int gi = row_group(p, is_share);
    if (gi < 0)
        return;
    struct calibrate_group *g = &p->out->g[gi];
    if (g->listed[c] && g->shares) {
        char name[MODEL_NAME_MAX + 16];
        calibrate_group_name(m, g, name, sizeof name);
        row_error(p, p->record_line, "share", "a second share of %s on %s (the first is on "
                  "line %ld)", name, m->channels[c].name, g->line[c]);
        return;
    }
    if (!g->listed[c])
        g->line[c] = p->record_line;
    g->listed[c] = 1;
    g->value[c] += v;       /* counts of one channel add up, as exports split by month do */
}

static void on_record(int terminator, void *data)
{
    (void)terminator;
    struct parse *p = data;
    if (!p->header)
        read_header(p);
    else if (!p->header_bad) {
        p->rows++;
        read_row(p);
    }
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

int observed_csv_read(const char *path, const char *shown, const struct model *m,
                      struct calibrate_observed *out, struct scenario_errors *errors)
{
    memset(out, 0, sizeof *out);
    snprintf(out->file, sizeof out->file, "%s", shown);
    FILE *f = fopen(path, "r");
    if (!f)
        return -2;
    struct parse *p = calloc(1, sizeof *p);
    if (!p) {
        fclose(f);
        volumes_csv_error(errors, "%s: out of memory", shown);
        return -1;
    }
    *p = (struct parse){ .shown = shown, .m = m, .out = out, .errors = errors };
    feed(p, f);
    fclose(f);
    if (!p->header)
        row_error(p, 1, NULL, "the file is empty: expected a header line channel,contacts (with "
                  "segment or service columns where rows give them), then one row per channel");
    else if (p->n_errors == 0 && p->rows == 0)
        row_error(p, p->header_line + 1, NULL, "no rows after the header: the file is empty");
    if (p->n_errors > SHOWN_ERRORS)
        volumes_csv_error(errors, "%s: %ld more errors not shown", shown,
                          p->n_errors - SHOWN_ERRORS);
    int rc = p->n_errors ? -1 : 0;
    if (rc != 0)
        out->n = 0;
    free(p);
    return rc;
}
