/*
 * xlsx: workbooks of a run and of a comparison, see xlsx.h.
 */
#include "plots/xlsx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "plots/headline.h"

#define XLSX_COLS 256     /* columns whose width is fitted; wider tables keep the default */

/* A workbook being made in a temporary file, with its formats. */
struct book {
    char path[1024];
    lxw_workbook *wb;
    lxw_format *head, *unit[UNIT_NUMBER + 1];
};

/* One sheet being filled: the widest text of each column, to fit the columns after. */
struct sheet {
    struct book *b;
    lxw_worksheet *ws;
    const struct results_index *ix;     /* a run's sheet: the figures' units */
    int width[XLSX_COLS];
};

struct lxw_workbook *xlsx_temp_open(char *path, size_t size, const char *title)
{
    const char *dir = getenv("TMPDIR");
    if ((size_t)snprintf(path, size, "%s/chanmix-xlsx-XXXXXX", dir && *dir ? dir : "/tmp") >= size)
        return NULL;
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        return NULL;
    }
    /* a fixed date, as the zip entries have: the same results give the same bytes */
    lxw_doc_properties props = { .title = (char *)title, .created = 315532800 };
    workbook_set_properties(wb, &props);
    return wb;
}

int xlsx_temp_close(struct lxw_workbook *wb, const char *path, FILE *f)
{
    int rc = workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
    FILE *in = rc == 0 ? fopen(path, "rb") : NULL;
    if (in) {
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            if (fwrite(buf, 1, n, f) != n)
                rc = -1;
        rc |= ferror(in) ? -1 : 0;
        fclose(in);
    } else {
        rc = -1;
    }
    unlink(path);
    return rc;
}

static int book_open(struct book *b)
{
    memset(b, 0, sizeof *b);
    b->wb = xlsx_temp_open(b->path, sizeof b->path, "chanmix results");
    if (!b->wb)
        return -1;
    b->head = workbook_add_format(b->wb);
    format_set_bold(b->head);
    /* numbers keep the units of summary.json; only their look follows the unit */
    static const char *const look[UNIT_NUMBER + 1] = {
        [UNIT_COUNT] = "#,##0.0", [UNIT_SHARE] = "0.0%", [UNIT_SECONDS] = "#,##0.0",
        [UNIT_MONEY] = "#,##0.00", [UNIT_HOURS] = "#,##0.0", [UNIT_NUMBER] = "0.00",
    };
    for (int u = 0; u <= UNIT_NUMBER; u++) {
        b->unit[u] = workbook_add_format(b->wb);
        format_set_num_format(b->unit[u], look[u]);
    }
    return 0;
}

/* Closes the workbook and copies it into f; the temporary file is removed either way. */
static int book_close(struct book *b, FILE *f)
{
    return xlsx_temp_close(b->wb, b->path, f);
}

static void sheet_begin(struct sheet *s, struct book *b, const char *name,
                        const struct results_index *ix)
{
    memset(s, 0, sizeof *s);
    s->b = b;
    s->ix = ix;
    s->ws = workbook_add_worksheet(b->wb, name);
}

/* Fits the columns to their text and freezes the header row. */
static void sheet_end(struct sheet *s)
{
    for (int c = 0; c < XLSX_COLS; c++)
        if (s->width[c] > 0)
            worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c,
                                 s->width[c] + 2 > 48 ? 48 : s->width[c] + 2, NULL);
    worksheet_freeze_panes(s->ws, 1, 0);
}

static int sheet_text(void *ctx, int row, int col, const char *text, size_t len)
{
    struct sheet *s = ctx;
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), text);
    if (col < XLSX_COLS && (int)len > s->width[col])
        s->width[col] = (int)len;
    return worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, buf,
                                  row == 0 ? s->b->head : NULL) == LXW_NO_ERROR ? 0 : -1;
}

/* A number in the look of its unit; an undefined one is an empty cell. */
static int sheet_number_as(struct sheet *s, int row, int col, double v, int unit)
{
    if (!isfinite(v))
        return 0;
    if (col < XLSX_COLS && s->width[col] < 12)
        s->width[col] = 12;
    return worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v,
                                  unit >= 0 ? s->b->unit[unit] : NULL) == LXW_NO_ERROR ? 0 : -1;
}

static int sheet_number(void *ctx, int row, int col, double v, long figure)
{
    struct sheet *s = ctx;
    const struct figure_meta *fm = figure >= 0 ? results_meta(s->ix, figure) : NULL;
    return sheet_number_as(s, row, col, v, fm ? (int)fm->def->unit : -1);
}

static int sheet_end_row(void *ctx, int row)
{
    (void)ctx;
    (void)row;
    return 0;
}

static int put(struct sheet *s, int row, int col, const char *text)
{
    return sheet_text(s, row, col, text, strlen(text));
}

int xlsx_write_run(FILE *f, const struct results_index *ix, const struct estimate *est,
                   const struct csv_table *tables, int n)
{
    struct book b;
    if (book_open(&b) != 0)
        return -1;
    int rc = 0;
    for (int t = 0; t < n; t++) {
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(tables[t].file, "."), tables[t].file);
        struct sheet s;
        sheet_begin(&s, &b, name, ix);
        struct csv_sink k = { sheet_text, sheet_number, sheet_end_row, &s };
        rc |= !s.ws || csv_table_cells(ix, est, &tables[t], &k) != 0 ? -1 : 0;
        if (s.ws)
            sheet_end(&s);
    }
    return book_close(&b, f) | rc;
}

/* The unit of a figure in words, for a column people read. */
static const char *unit_words(enum figure_unit u, const char *currency)
{
    switch (u) {
    case UNIT_COUNT: return "count";
    case UNIT_SHARE: return "share";
    case UNIT_SECONDS: return "seconds";
    case UNIT_MONEY: return currency;
    case UNIT_HOURS: return "hours";
    default: return "number";
    }
}

/* Scenario k's headline differences from the reference, from row *row on. */
static int differences_of(struct sheet *s, const struct comparison *c, int k, int *row)
{
    static const char *const judged[] = { "worse", "", "better", "changed" };
    struct headline *h = malloc(HEADLINE_MAX * sizeof *h);
    if (!h)
        return -1;
    int n = headline_list(&c->runs[k], h), rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        long ia = headline_index(&h[i], &c->runs[0]), ib = headline_index(&h[i], &c->runs[k]);
        if (ia < 0 || ib < 0 || !c->present[k][ib])
            continue;
        const struct estimate *d = &c->diff[k][ib];
        int u = (int)h[i].def->unit, r = (*row)++;
        rc |= put(s, r, 0, c->models[k]->name) | put(s, r, 1, c->models[0]->name);
        rc |= put(s, r, 2, headline_section_title(h[i].section)) | put(s, r, 3, h[i].label);
        rc |= put(s, r, 4, unit_words(h[i].def->unit, c->models[k]->currency));
        rc |= sheet_number_as(s, r, 5, c->runs[0].summary[ia].mean, u);
        rc |= sheet_number_as(s, r, 6, c->runs[k].summary[ib].mean, u);
        rc |= sheet_number_as(s, r, 7, d->mean, u) | sheet_number_as(s, r, 8, d->ci95, u);
        rc |= put(s, r, 9, judged[headline_judge(h[i].def, d) + 1]);
        rc |= put(s, r, 10, c->runs[k].ix.layout->paths[ib]);
    }
    free(h);
    return rc;
}

static int sheet_differences(struct book *b, const struct comparison *c)
{
    static const char *const head[] = { "scenario", "against", "section", "figure", "unit",
                                        "reference_value", "scenario_value", "difference",
                                        "difference_ci95", "change", "path" };
    struct sheet s;
    sheet_begin(&s, b, "differences", NULL);
    if (!s.ws)
        return -1;
    int rc = 0, row = 1;
    for (int i = 0; i < 11; i++)
        rc |= put(&s, 0, i, head[i]);
    for (int k = 1; k < c->n && rc == 0; k++)
        rc |= differences_of(&s, c, k, &row);
    sheet_end(&s);
    return rc;
}

/* The headline figures of every scenario, each once, in the order of their sections. */
static int headline_union(const struct comparison *c, struct headline *all)
{
    int n = 0;
    for (int k = 0; k < c->n; k++) {
        int from = n, to = n + headline_list(&c->runs[k], all + n);
        for (int i = from; i < to; i++) {
            int seen = 0;
            for (int j = 0; j < n && !seen; j++)
                seen = strcmp(all[j].label, all[i].label) == 0;
            if (!seen)
                all[n++] = all[i];   /* i >= n: a move down, or in place */
        }
    }
    for (int i = 1; i < n; i++)      /* stable: the first scenario's order within a section */
        for (int j = i; j > 0 && all[j - 1].section > all[j].section; j--) {
            struct headline t = all[j];
            all[j] = all[j - 1];
            all[j - 1] = t;
        }
    return n;
}

static int sheet_scenarios(struct book *b, const struct comparison *c)
{
    struct headline *all = malloc((size_t)(c->n + 1) * HEADLINE_MAX * sizeof *all);
    struct sheet s;
    sheet_begin(&s, b, "scenarios", NULL);
    if (!all || !s.ws) {
        free(all);
        return -1;
    }
    int n = headline_union(c, all), rc = put(&s, 0, 0, "section") | put(&s, 0, 1, "figure");
    rc |= put(&s, 0, 2, "unit") | put(&s, 0, 3 + 2 * c->n, "path");
    for (int k = 0; k < c->n; k++) {
        char ci[MODEL_NAME_MAX + 8];
        snprintf(ci, sizeof ci, "%s_ci95", c->models[k]->name);
        rc |= put(&s, 0, 3 + 2 * k, c->models[k]->name) | put(&s, 0, 4 + 2 * k, ci);
    }
    for (int i = 0; i < n; i++) {
        int u = (int)all[i].def->unit;
        rc |= put(&s, i + 1, 0, headline_section_title(all[i].section));
        rc |= put(&s, i + 1, 1, all[i].label);
        rc |= put(&s, i + 1, 2, unit_words(all[i].def->unit, c->models[0]->currency));
        const char *path = NULL;
        for (int k = 0; k < c->n; k++) {
            long at = headline_index(&all[i], &c->runs[k]);
            const struct estimate *e = at >= 0 ? &c->runs[k].summary[at] : NULL;
            rc |= sheet_number_as(&s, i + 1, 3 + 2 * k, e ? e->mean : NAN, u);
            rc |= sheet_number_as(&s, i + 1, 4 + 2 * k, e ? e->ci95 : NAN, u);
            if (at >= 0 && !path)
                path = c->runs[k].ix.layout->paths[at];
        }
        rc |= put(&s, i + 1, 3 + 2 * c->n, path ? path : "");
    }
    sheet_end(&s);
    free(all);
    return rc;
}

static int sheet_about(struct book *b, const struct comparison *c)
{
    struct sheet s;
    sheet_begin(&s, b, "about", NULL);
    if (!s.ws)
        return -1;
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)c->models[0]->seed);
    int rc = put(&s, 0, 0, "setting") | put(&s, 0, 1, "value");
    rc |= put(&s, 1, 0, "reference") | put(&s, 1, 1, c->models[0]->name);
    rc |= put(&s, 2, 0, "mode") | put(&s, 2, 1, comparison_mode_name(c->mode));
    rc |= put(&s, 3, 0, "replications") | sheet_number_as(&s, 3, 1, c->runs[0].replications, -1);
    rc |= put(&s, 4, 0, "seed") | put(&s, 4, 1, seed);
    rc |= put(&s, 5, 0, "differences") |
          put(&s, 5, 1, "each scenario minus the reference, with paired 95% intervals over "
                        "replications on common random numbers");
    sheet_end(&s);
    return rc;
}

int xlsx_write_comparison(FILE *f, const struct comparison *c)
{
    struct book b;
    if (book_open(&b) != 0)
        return -1;
    int rc = sheet_differences(&b, c);
    rc |= sheet_scenarios(&b, c);
    rc |= sheet_about(&b, c);
    return book_close(&b, f) | rc;
}
