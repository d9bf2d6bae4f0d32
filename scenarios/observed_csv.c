/*
 * observed_csv: observed channel use from a CSV file, see observed_csv.h.
 *
 * The rows come from csv_rows, as for arrival files.  A file has at most
 * one group per segment, per service and for all citizens, so the groups
 * fill a fixed table as rows come; a group's first row fixes whether it
 * gives counts or shares.
 */
#include "scenarios/observed_csv.h"
#include "scenarios/csv_rows.h"

#include <stdio.h>
#include <string.h>

enum column { COL_CHANNEL, COL_CONTACTS, COL_SHARE, COL_SEGMENT, COL_SERVICE, COLUMNS };
static const char *const column_names[COLUMNS] = { "channel", "contacts", "share", "segment",
                                                   "service" };

struct parse {
    const struct model *m;
    struct calibrate_observed *out;
    int slot[CALIBRATE_MAX_GROUPS];     /* group by key (0 all, 1+s, 1+S+v) -> out index + 1 */
};

static void read_header(struct csv_rows *r, void *data)
{
    (void)data;
    if (!csv_rows_has(r, COL_CHANNEL))
        csv_rows_error(r, csv_rows_line(r), "channel", "missing column (the header must name "
                       "channel, and contacts or share; segment and service are optional)");
    if (!csv_rows_has(r, COL_CONTACTS) && !csv_rows_has(r, COL_SHARE))
        csv_rows_error(r, csv_rows_line(r), "contacts", "missing column: give contacts "
                       "(counts) or share (of the group's contacts)");
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
static int find_name(struct csv_rows *r, enum column col, const char *name, const char *first,
                     size_t stride, int n)
{
    for (int k = 0; k < n; k++)
        if (strcmp(first + (size_t)k * stride, name) == 0)
            return k;
    char list[400];
    name_list(first, stride, n, list, sizeof list);
    csv_rows_error(r, csv_rows_line(r), column_names[col], "no %s named '%s' in the scenario "
                   "(%s)", column_names[col], name, n ? list : "it has none");
    return -1;
}

/* A share, "0.25" or "25%", into *v; 0 or -1 (reported). */
static int read_share(struct csv_rows *r, const char *share, double *v)
{
    char text[CSV_ROWS_FIELD_MAX];
    snprintf(text, sizeof text, "%s", share);
    size_t len = strlen(text);
    int percent = len > 1 && text[len - 1] == '%';
    if (percent)
        text[len - 1] = '\0';
    if (csv_rows_number(text, v) != 0) {
        csv_rows_error(r, csv_rows_line(r), "share", "'%s' is not a number", share);
        return -1;
    }
    if (percent)
        *v /= 100.0;
    if (*v < 0 || *v > 1) {
        csv_rows_error(r, csv_rows_line(r), "share", "must be from 0 to 1 (or 0%% to 100%%), "
                       "got %s", share);
        return -1;
    }
    return 0;
}

/* The row's count or share into *v (*is_share says which); 0 or -1 (reported). */
static int row_value(struct csv_rows *r, double *v, int *is_share)
{
    const char *contacts = csv_rows_value(r, COL_CONTACTS, 0);
    const char *share = csv_rows_value(r, COL_SHARE, 0);
    long line = csv_rows_line(r);
    if (contacts && share) {
        csv_rows_error(r, line, "share", "a row gives contacts or a share, not both");
        return -1;
    }
    if (!contacts && !share) {
        csv_rows_error(r, line, csv_rows_has(r, COL_CONTACTS) ? "contacts" : "share",
                       "missing value");
        return -1;
    }
    *is_share = share != NULL;
    if (share)
        return read_share(r, share, v);
    if (csv_rows_number(contacts, v) != 0) {
        csv_rows_error(r, line, "contacts", "'%s' is not a number", contacts);
        return -1;
    }
    if (*v < 0) {
        csv_rows_error(r, line, "contacts", "must be >= 0, got %s", contacts);
        return -1;
    }
    return 0;
}

/* The row's group as a key in parse.slot, with its level and index; -1 (reported) when bad. */
static int group_key(struct csv_rows *r, const struct model *m, enum calibrate_level *level,
                     int *index)
{
    const char *seg = csv_rows_value(r, COL_SEGMENT, 0);
    const char *svc = csv_rows_value(r, COL_SERVICE, 0);
    *level = CALIBRATE_ALL;
    *index = -1;
    if (seg && svc) {
        csv_rows_error(r, csv_rows_line(r), "service", "a row gives a segment or a service, not "
                       "both: shares are reported by segment and by service, not by both at "
                       "once");
        return -1;
    }
    if (seg) {
        if ((*index = find_name(r, COL_SEGMENT, seg, m->segments[0].name,
                                sizeof m->segments[0], m->n_segments)) < 0)
            return -1;
        *level = CALIBRATE_SEGMENT;
        return 1 + *index;
    }
    if (svc) {
        if ((*index = find_name(r, COL_SERVICE, svc, m->services[0].name,
                                sizeof m->services[0], m->n_services)) < 0)
            return -1;
        *level = CALIBRATE_SERVICE;
        return 1 + MODEL_MAX_SEGMENTS + *index;
    }
    return 0;
}

/* The row's group, found or added; -1 (reported) when the row names a bad one. */
static int row_group(struct csv_rows *r, struct parse *p, int is_share)
{
    enum calibrate_level level;
    int index;
    int key = group_key(r, p->m, &level, &index);
    if (key < 0)
        return -1;
    struct calibrate_observed *o = p->out;
    if (p->slot[key]) {
        const struct calibrate_group *g = &o->g[p->slot[key] - 1];
        if (g->shares != is_share) {
            char name[MODEL_NAME_MAX + 16];
            calibrate_group_name(p->m, g, name, sizeof name);
            csv_rows_error(r, csv_rows_line(r), is_share ? "share" : "contacts", "the rows of "
                           "%s give %s (line %ld): a group gives contacts or shares, not both",
                           name, g->shares ? "shares" : "contacts", g->first_line);
            return -1;
        }
        return p->slot[key] - 1;
    }
    struct calibrate_group *g = &o->g[o->n];
    *g = (struct calibrate_group){ .level = level, .index = index, .shares = is_share,
                                   .first_line = csv_rows_line(r) };
    p->slot[key] = ++o->n;
    return o->n - 1;
}

static void read_row(struct csv_rows *r, void *data)
{
    struct parse *p = data;
    const struct model *m = p->m;
    long before = csv_rows_errors(r), line = csv_rows_line(r);
    const char *channel = csv_rows_value(r, COL_CHANNEL, 0);
    int c = -1, is_share = 0;
    double v = 0.0;
    if (!channel)           /* empty, or too long (then reported twice) */
        csv_rows_error(r, line, "channel", "missing value");
    else
        c = find_name(r, COL_CHANNEL, channel, m->channels[0].name, sizeof m->channels[0],
                      m->n_channels);
    row_value(r, &v, &is_share);
    if (csv_rows_errors(r) > before)
        return;
    int gi = row_group(r, p, is_share);
    if (gi < 0)
        return;
    struct calibrate_group *g = &p->out->g[gi];
    if (g->listed[c] && g->shares) {
        char name[MODEL_NAME_MAX + 16];
        calibrate_group_name(m, g, name, sizeof name);
        csv_rows_error(r, line, "share", "a second share of %s on %s (the first is on line "
                       "%ld)", name, m->channels[c].name, g->line[c]);
        return;
    }
    if (!g->listed[c])
        g->line[c] = line;
    g->listed[c] = 1;
    g->value[c] += v;       /* counts of one channel add up, as exports split by month do */
}

int observed_csv_read(const char *path, const char *shown, const struct model *m,
                      struct calibrate_observed *out, struct scenario_errors *errors)
{
    memset(out, 0, sizeof *out);
    snprintf(out->file, sizeof out->file, "%s", shown);
    struct parse p = { .m = m, .out = out };
    const struct csv_rows_spec spec = {
        .columns = column_names, .n_columns = COLUMNS,
        .expected = "channel,contacts (with segment or service columns where rows give them), "
                    "then one row per channel",
        .header = read_header, .row = read_row, .data = &p,
    };
    int rc = csv_rows_read(path, shown, &spec, errors);
    if (rc == -1)
        out->n = 0;
    return rc;
}
