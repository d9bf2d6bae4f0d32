/*
 * volumes_csv: contacts per interval from a CSV file, see volumes_csv.h.
 *
 * csv_rows hands over the rows; they are checked as they come and kept in
 * a growing array; the table is built once the whole file is known to be
 * good, because its first Monday and its length are those of the file.
 */
#include "scenarios/volumes_csv.h"
#include "models/model.h"
#include "scenarios/csv_rows.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    const struct volumes_csv_options *o;
    struct volumes *out;
    int n_seen;
    char seen[MODEL_MAX_CHANNELS][MODEL_NAME_MAX];
    int only;                   /* index in seen of options.only, -1 until seen */
    struct row *rows;
    size_t n_rows, cap_rows;
    long n_good;                /* good rows, of every channel */
    long lo, hi;                /* their first and last day */
    long lo_line, hi_line;
};

static void read_header(struct csv_rows *r, void *data)
{
    (void)data;
    for (int c = 0; c < COL_AHT; c++)
        if (!csv_rows_has(r, c))
            csv_rows_error(r, csv_rows_line(r), column_names[c], "missing column (the header "
                           "must name start, channel and contacts; aht_s is optional)");
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

/* The channel's index among those seen, adding it; -1 (reported) when it may not be. */
static int channel_index(struct csv_rows *r, struct parse *p, const char *name)
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
            char msg[400];      /* a long name and list are cut short */
            snprintf(msg, sizeof msg, "no channel named '%s' in the scenario (%s)", name, list);
            csv_rows_error(r, csv_rows_line(r), "channel", "%s", msg);
            return -1;
        }
    }
    if (strlen(name) >= MODEL_NAME_MAX) {
        csv_rows_error(r, csv_rows_line(r), "channel", "name longer than %d characters",
                       MODEL_NAME_MAX - 1);
        return -1;
    }
    if (p->n_seen == MODEL_MAX_CHANNELS) {
        csv_rows_error(r, csv_rows_line(r), "channel", "more than %d channels",
                       MODEL_MAX_CHANNELS);
        return -1;
    }
    strcpy(p->seen[p->n_seen], name);
    if (p->o->only && strcmp(name, p->o->only) == 0)
        p->only = p->n_seen;
    return p->n_seen++;
}

static void keep_row(struct csv_rows *r, struct parse *p, const struct row *row)
{
    if (p->n_rows == p->cap_rows) {
        size_t cap = p->cap_rows ? p->cap_rows * 2 : 1024;
        struct row *grown = realloc(p->rows, cap * sizeof *grown);
        if (!grown) {
            csv_rows_error(r, row->line, NULL, "out of memory");
            return;
        }
        p->rows = grown;
        p->cap_rows = cap;
    }
    p->rows[p->n_rows++] = *row;
}

/* The row's start into row->day and row->minute; 0, or -1 (reported). */
static int read_start(struct csv_rows *r, const struct parse *p, const char *start,
                      struct row *row)
{
    int second = 0;
    int step = (int)(p->o->interval_s / 60.0);
    if (parse_start(start, &row->day, &row->minute, &second) != 0) {
        csv_rows_error(r, row->line, "start", "'%s' is not a local time like 2026-03-02T08:30",
                       start);
        return -1;
    }
    if (second != 0 || row->minute % step != 0) {
        csv_rows_error(r, row->line, "start", "%s is not on the %d-minute interval grid "
                       "(intervals start at 00:00, 00:%02d, ...)", start + 11, step, step % 60);
        return -1;
    }
    return 0;
}

static void read_row(struct csv_rows *r, void *data)
{
    struct parse *p = data;
    struct row row = { .line = csv_rows_line(r), .aht = NAN };
    long before = csv_rows_errors(r);
    const char *start = csv_rows_value(r, COL_START, 1);
    const char *channel = csv_rows_value(r, COL_CHANNEL, 1);
    const char *contacts = csv_rows_value(r, COL_CONTACTS, 1);
    const char *aht = csv_rows_value(r, COL_AHT, 0);
    if (start)
        read_start(r, p, start, &row);
    if (channel)
        row.channel = channel_index(r, p, channel);
    if (contacts && csv_rows_number(contacts, &row.contacts) != 0)
        csv_rows_error(r, row.line, "contacts", "'%s' is not a number", contacts);
    else if (contacts && row.contacts < 0)
        csv_rows_error(r, row.line, "contacts", "must be >= 0, got %s", contacts);
    else if (contacts && row.contacts > MODEL_MAX_PER_INTERVAL)   /* docs/scenarios.md, Bounds */
        csv_rows_error(r, row.line, "contacts", "must be at most %.0f an interval (over 55 a "
                       "second: beyond any one line), got %s", MODEL_MAX_PER_INTERVAL, contacts);
    if (aht && csv_rows_number(aht, &row.aht) != 0)
        csv_rows_error(r, row.line, "aht_s", "'%s' is not a number", aht);
    else if (aht && !(row.aht > 0))
        csv_rows_error(r, row.line, "aht_s", "must be > 0 seconds, got %s", aht);
    if (csv_rows_errors(r) > before)
        return;
    /* the file's span, over every channel: streams of one file share their Monday */
    if (!p->n_good || row.day < p->lo) {
        p->lo = row.day;
        p->lo_line = row.line;
    }
    if (!p->n_good || row.day > p->hi) {
        p->hi = row.day;
        p->hi_line = row.line;
    }
    p->n_good++;
    if (!p->o->only || row.channel == p->only)
        keep_row(r, p, &row);
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
static void check_grid(struct csv_rows *r, const struct parse *p, int step)
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
        csv_rows_error(r, csv_rows_header_line(r), "start", "every row starts on a %ld-minute "
                       "boundary, but the intervals are %d minutes: give one row per %d "
                       "minutes, or make the intervals %ld minutes", g, step, step, g);
}

/* The first Monday and the number of weeks to the last row; -1 (reported) when there are none. */
static int span(struct csv_rows *r, const struct parse *p, long *first, int *weeks)
{
    *first = p->lo + (7 - volumes_weekday(p->lo)) % 7;
    if (p->hi < *first) {
        csv_rows_error(r, p->lo_line, "start", "no row falls on or after a Monday: the table "
                       "starts on the file's first Monday");
        return -1;
    }
    long w = (p->hi - *first) / 7 + 1;
    if (w > MAX_WEEKS) {
        csv_rows_error(r, p->hi_line, "start", "lies %ld weeks after the file's first Monday; "
                       "at most %d weeks", w - 1, MAX_WEEKS);
        return -1;
    }
    *weeks = (int)w;
    return 0;
}

/* Sums the rows into out; handling times are weighted by contacts. */
static int fill(struct csv_rows *r, const struct parse *p, struct volumes *out)
{
    int only = p->o->only != NULL;
    int n_ch = only ? 1 : p->n_seen;
    int with_aht = csv_rows_has(r, COL_AHT);
    long first;
    int weeks;
    if (span(r, p, &first, &weeks) != 0)
        return -1;
    if (volumes_alloc(out, n_ch, weeks, (int)(86400.0 / p->o->interval_s), with_aht) != 0) {
        csv_rows_error(r, csv_rows_header_line(r), NULL, "out of memory for %d weeks", weeks);
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
        csv_rows_error(r, csv_rows_header_line(r), NULL, "out of memory");
        return -1;
    }
    int step = (int)(p->o->interval_s / 60.0);
    for (size_t i = 0; i < p->n_rows; i++) {
        const struct row *row = &p->rows[i];
        if (row->day < first)
            continue;
        size_t k = (size_t)(only ? 0 : row->channel) * (size_t)len +
                   (size_t)((row->day - first) * out->per_day + row->minute / step);
        out->contacts[k] += row->contacts;
        if (acc && !isnan(row->aht)) {
            acc[4 * k] += row->aht * row->contacts;
            acc[4 * k + 1] += row->contacts;
            acc[4 * k + 2] += row->aht;
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

/* Once the file is read: the table, when every row is good. */
static void read_end(struct csv_rows *r, void *data)
{
    struct parse *p = data;
    if (csv_rows_errors(r) == 0 && p->n_rows == 0)
        csv_rows_error(r, csv_rows_header_line(r), "channel", "no rows for channel '%s'",
                       p->o->only);
    if (csv_rows_errors(r) == 0)
        check_grid(r, p, (int)(p->o->interval_s / 60.0));
    if (csv_rows_errors(r) == 0)
        fill(r, p, p->out);
}

int volumes_csv_read(const char *path, const char *shown, const struct volumes_csv_options *o,
                     struct volumes *out, struct scenario_errors *errors)
{
    memset(out, 0, sizeof *out);
    struct parse p = { .o = o, .out = out, .only = -1 };
    const struct csv_rows_spec spec = {
        .columns = column_names, .n_columns = COLUMNS,
        .expected = "start,channel,contacts (and optionally aht_s), then one row per interval",
        .header = read_header, .row = read_row, .end = read_end, .data = &p,
    };
    int rc = csv_rows_read(path, shown, &spec, errors);
    free(p.rows);
    return rc;
}
