/*
 * Workbooks: run --out writes tables.xlsx with a sheet per CSV table holding
 * the CSV's cells (numbers as numbers, headers bold, the first row frozen);
 * compare --out writes comparison.xlsx whose differences and figures are
 * those of comparison.json.  A workbook is a zip: its parts are read with
 * unzip (scripts/setup installs it); without unzip only the zip's signature
 * and part names are checked.
 */
#include <dirent.h>

#include "chartutil.h"

#define MAX_ROWS 4000
#define MAX_COLS 128

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "xlsx");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}

static int have_unzip(void)
{
    return system("command -v unzip >/dev/null 2>&1") == 0;
}

/* A part of the workbook (an XML file inside the zip), or NULL. */
static char *part(const char *xlsx, const char *name)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s' 2>/dev/null", xlsx, name);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t got;
    while ((got = fread(s + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (n + 1 == cap) {
            s = realloc(s, cap *= 2);
            assert_non_null(s);
        }
    }
    s[n] = '\0';
    pclose(p);
    if (n == 0) {
        free(s);
        return NULL;
    }
    return s;
}

/* The zip's signature and the names of its parts, which a zip keeps uncompressed. */
static void assert_zip(const char *xlsx, int sheets)
{
    size_t n = 0;
    char *raw = testutil_slurp(xlsx, &n);
    if (!raw)
        fail_msg("%s was not written", xlsx);
    assert_true(n > 4 && memcmp(raw, "PK\x03\x04", 4) == 0);
    for (int i = 1; i <= sheets; i++) {
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i);
        size_t len = strlen(name), at = 0;
        while (at + len <= n && memcmp(raw + at, name, len) != 0)
            at++;
        if (at + len > n)
            fail_msg("%s has no part %s", xlsx, name);
    }
    free(raw);
}

/* XML text with its five entities undone. */
static char *unescape(const char *s, size_t len)
{
    static const char *const ent[5][2] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
                                           { "&quot;", "\"" }, { "&apos;", "'" } };
    char *out = malloc(len + 1), *w = out;
    assert_non_null(out);
    for (size_t i = 0; i < len;) {
        int done = 0;
        for (int e = 0; e < 5 && !done; e++)
            if (strncmp(s + i, ent[e][0], strlen(ent[e][0])) == 0) {
                *w++ = ent[e][1][0];
                i += strlen(ent[e][0]);
                done = 1;
            }
        if (!done)
            *w++ = s[i++];
    }
    *w = '\0';
    return out;
}

/* A sheet's cells: text (shared strings resolved), a number, or nothing. */
struct sheet {
    int rows, cols;
    char *text[MAX_ROWS][MAX_COLS];
    double num[MAX_ROWS][MAX_COLS];
    unsigned char is_num[MAX_ROWS][MAX_COLS];
    int style[MAX_ROWS][MAX_COLS];
    int frozen;
};

/* The shared strings of the workbook, in order. */
static char **shared_strings(const char *xlsx, int *n)
{
    char *x = part(xlsx, "xl/sharedStrings.xml");
    char **out = calloc(20000, sizeof *out);
    assert_non_null(out);
    *n = 0;
    for (const char *p = x ? strstr(x, "<si>") : NULL; p; p = strstr(p + 1, "<si>")) {
        const char *t = strstr(p, "<t"), *start = strchr(t, '>') + 1, *end = strstr(start, "</t>");
        assert_true(*n < 20000);
        out[(*n)++] = unescape(start, (size_t)(end - start));
    }
    free(x);
    return out;
}

static struct sheet *sheet_read(const char *xlsx, int number, char **strings, int nstrings)
{
    char name[64];
    snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", number);
    char *x = part(xlsx, name);
    if (!x)
        fail_msg("%s has no %s", xlsx, name);
    struct sheet *s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->frozen = strstr(x, "ySplit=\"1\"") && strstr(x, "state=\"frozen\"");
    for (const char *p = strstr(x, "<c r=\""); p; p = strstr(p + 1, "<c r=\"")) {
        const char *ref = p + 6, *tag_end = strchr(p, '>');
        int col = 0, row = 0;
        for (; *ref >= 'A' && *ref <= 'Z'; ref++)
            col = col * 26 + (*ref - 'A' + 1);
        row = atoi(ref) - 1;
        col -= 1;
        assert_true(row >= 0 && row < MAX_ROWS && col >= 0 && col < MAX_COLS);
        s->rows = row + 1 > s->rows ? row + 1 : s->rows;
        s->cols = col + 1 > s->cols ? col + 1 : s->cols;
        char tag[256];
        snprintf(tag, sizeof tag, "%.*s", (int)(tag_end - p), p);
        const char *st = strstr(tag, " s=\"");
        s->style[row][col] = st ? atoi(st + 4) : 0;
        if (tag_end[-1] == '/')
            continue;
        const char *v = strstr(tag_end, "<v>");
        double value = strtod(v + 3, NULL);
        if (strstr(tag, " t=\"s\"")) {
            assert_true((int)value >= 0 && (int)value < nstrings);
            s->text[row][col] = strings[(int)value];
        } else {
            s->num[row][col] = value;
            s->is_num[row][col] = 1;
        }
    }
    free(x);
    return s;
}

/* Whether style s of the workbook has a bold font. */
static int style_is_bold(const char *styles, int s)
{
    const char *xfs = strstr(styles, "<cellXfs"), *xf = xfs;
    for (int i = 0; i <= s; i++) {
        xf = strstr(xf + 1, "<xf ");
        assert_non_null(xf);
    }
    int font = atoi(strstr(xf, "fontId=\"") + 8);
    const char *f = strstr(styles, "<fonts");
    for (int i = 0; f && i <= font; i++)
        f = strstr(f + 1, "<font>");
    assert_non_null(f);
    const char *end = strstr(f, "</font>");
    const char *b = strstr(f, "<b/>");
    return b && b < end;
}

/* Splits one CSV line into fields (quoted fields unquoted); returns how many. */
static int csv_fields(char *line, char **field, int max)
{
    int n = 0;
    char *r = line, *w = line;
    while (n < max) {
        field[n++] = w;
        if (*r == '"') {
            for (r++; *r && !(r[0] == '"' && r[1] != '"'); r++, w++)
                *w = *r == '"' ? *++r : *r;
            r++;
        } else {
            while (*r && *r != ',')
                *w++ = *r++;
        }
        char next = *r;
        *w++ = '\0';
        if (next != ',')
            break;
        r++;
    }
    return n;
}

/* The sheet holds the CSV file's cells: texts as texts, numbers as numbers, empty as empty. */
static void assert_sheet_is_csv(const struct sheet *s, const char *csv, const char *styles,
                                const char *file)
{
    char *copy = strdup(csv), *save;
    int row = 0, widest = 0;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save), row++) {
        char *field[MAX_COLS];
        int n = csv_fields(line, field, MAX_COLS);
        widest = n > widest ? n : widest;
        for (int c = 0; c < n; c++) {
            char *end;
            double v = strtod(field[c], &end);
            if (field[c][0] == '\0') {
                if (s->is_num[row][c] || s->text[row][c])
                    fail_msg("%s row %d column %d: empty in the CSV, not in the sheet", file,
                             row, c);
            } else if (*end == '\0') {
                if (!s->is_num[row][c])
                    fail_msg("%s row %d column %d: %s is not a number in the sheet", file, row,
                             c, field[c]);
                assert_same(s->num[row][c], v, file);
            } else {
                if (!s->text[row][c] || strcmp(s->text[row][c], field[c]) != 0)
                    fail_msg("%s row %d column %d: '%s' in the CSV, '%s' in the sheet", file, row,
                             c, field[c], s->text[row][c] ? s->text[row][c] : "");
                if (row == 0 && !style_is_bold(styles, s->style[0][c]))
                    fail_msg("%s: header %s is not bold", file, field[c]);
            }
        }
    }
    assert_int_equal(row, s->rows);
    assert_true(s->cols <= widest);
    free(copy);
}

/* tables.xlsx: a sheet per CSV file, in order, each holding that file's cells. */
static void test_run_workbook(void **state)
{
    (void)state;
    char out[512], xlsx[600];
    snprintf(out, sizeof out, "%s/run", tmpdir);
    run_citizens(out, NULL, "run", 0);
    snprintf(xlsx, sizeof xlsx, "%s/tables.xlsx", out);
    static const char *const tables[] = { "channels", "segments", "types", "services",
                                          "intervals", "weekdays", "escalations", "costs",
                                          "totals" };
    enum { SHEETS = sizeof tables / sizeof tables[0] };
    assert_zip(xlsx, SHEETS);
    if (!have_unzip()) {
        print_message("  unzip is not installed (scripts/setup): only the zip was checked\n");
        return;
    }
    char *book = part(xlsx, "xl/workbook.xml"), *styles = part(xlsx, "xl/styles.xml");
    assert_non_null(book);
    assert_non_null(styles);
    int nstrings;
    char **strings = shared_strings(xlsx, &nstrings);
    const char *at = book;
    for (int t = 0; t < SHEETS; t++) {
        char want[64], file[64];
        snprintf(want, sizeof want, "<sheet name=\"%s\"", tables[t]);
        at = strstr(at, want);
        if (!at)
            fail_msg("tables.xlsx: no sheet %s in its place", tables[t]);
        snprintf(file, sizeof file, "%s.csv", tables[t]);
        char *csv = slurp_in(out, file, NULL);
        assert_non_null(csv);
        struct sheet *s = sheet_read(xlsx, t + 1, strings, nstrings);
        if (s->rows > 0)
            assert_true(s->frozen);
        assert_sheet_is_csv(s, csv, styles, file);
        free(s);
        free(csv);
    }
    for (int i = 0; i < nstrings; i++)
        free(strings[i]);
    free(strings);
    free(book);
    free(styles);
}

/* A workbook that cannot be made (no folder for its temporary file) fails the run's folder
 * all together: an error naming it, and nothing left behind, not even a temporary folder. */
static void test_workbook_all_or_nothing(void **state)
{
    (void)state;
    char out[512], env[600];
    snprintf(out, sizeof out, "%s/failed", tmpdir);
    snprintf(env, sizeof env, "TMPDIR='%s/no such folder'", tmpdir);
    run_citizens(out, env, "failed", 1);
    char *err = stderr_of("failed");
    assert_non_null(strstr(err, "tables.xlsx"));
    free(err);
    assert_false(file_exists(out));
    DIR *d = opendir(tmpdir);     /* nor the temporary folder beside it */
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));)
        if (strstr(e->d_name, "failed") && strstr(e->d_name, "tmp"))
            fail_msg("%s was left in %s", e->d_name, tmpdir);
    closedir(d);
}

/* "channels.phone.service_level" as the JSON reader's "channels|phone|service_level". */
static void json_path(const char *path, char *out, size_t size)
{
    snprintf(out, size, "%s", path);
    for (char *c = out; *c; c++)
        *c = *c == '.' ? '|' : *c;
}

/* The differences sheet: every row's figures and paired differences are comparison.json's. */
static void check_differences(const struct sheet *s, const char *json)
{
    assert_string_equal(s->text[0][10], "path");
    int halved = 0;
    for (int r = 1; r < s->rows; r++) {
        char path[512];
        json_path(s->text[r][10], path, sizeof path);
        assert_string_equal(s->text[r][0], "fewer-agents");
        assert_string_equal(s->text[r][1], "citizens");
        assert_same(s->num[r][5], json_at(json, "scenarios|citizens|%s|mean", path), path);
        assert_same(s->num[r][6], json_at(json, "scenarios|fewer-agents|%s|mean", path), path);
        assert_same(s->num[r][7], json_at(json, "differences|fewer-agents|%s|mean", path), path);
        assert_same(s->num[r][8], json_at(json, "differences|fewer-agents|%s|ci95", path), path);
        if (strcmp(s->text[r][10], "channels.phone.agent_hours_per_year") == 0)
            halved = s->num[r][6] * 2 == s->num[r][5] && s->text[r][9] &&
                     strcmp(s->text[r][9], "changed") == 0;
    }
    assert_true(s->rows > 20);
    assert_true(halved);    /* half the agents: half the agent-hours, a change with no side */
}

/* comparison.xlsx: the differences and figures of comparison.json, and what was compared. */
static void test_compare_workbook(void **state)
{
    (void)state;
    char cfg[1024], args[2048], out[512], xlsx[600];
    snprintf(cfg, sizeof cfg, "extends = \"%s/tests/scenarios/citizens.cfg\";\n"
             "name = \"fewer-agents\";\nchannels = ( { name = \"phone\"; agents = 3; } );\n",
             CHANMIX_SOURCE_DIR);
    testutil_write(tmpdir, "fewer.cfg", cfg);
    snprintf(out, sizeof out, "%s/cmp", tmpdir);
    snprintf(args, sizeof args, "compare '%s/tests/scenarios/citizens.cfg' '%s/fewer.cfg' "
             "--replications 2 --quiet --out '%s'", CHANMIX_SOURCE_DIR, tmpdir, out);
    setenv("CHANMIX_GNUPLOT", "/nonexistent", 1);   /* no charts needed here */
    int rc = chanmix(NULL, args, "cmp");
    unsetenv("CHANMIX_GNUPLOT");
    if (rc != 0 && rc != 1)
        fail_msg("chanmix compare exited %d:\n%s", rc, stderr_of("cmp"));
    snprintf(xlsx, sizeof xlsx, "%s/comparison.xlsx", out);
    assert_zip(xlsx, 3);
    /* each scenario's own folder has its workbook too */
    snprintf(xlsx, sizeof xlsx, "%s/fewer-agents/tables.xlsx", out);
    assert_zip(xlsx, 9);
    snprintf(xlsx, sizeof xlsx, "%s/comparison.xlsx", out);
    if (!have_unzip()) {
        print_message("  unzip is not installed (scripts/setup): only the zip was checked\n");
        return;
    }
    char *book = part(xlsx, "xl/workbook.xml"), *json = slurp_in(out, "comparison.json", NULL);
    assert_non_null(strstr(book, "<sheet name=\"differences\""));
    assert_true(strstr(book, "<sheet name=\"scenarios\"") > strstr(book, "\"differences\""));
    assert_true(strstr(book, "<sheet name=\"about\"") > strstr(book, "\"scenarios\""));
    int nstrings;
    char **strings = shared_strings(xlsx, &nstrings);
    struct sheet *s = sheet_read(xlsx, 1, strings, nstrings);
    assert_true(s->frozen);
    check_differences(s, json);
    free(s);
    /* scenarios: each scenario's mean and ci95 beside the others, then the path */
    s = sheet_read(xlsx, 2, strings, nstrings);
    assert_string_equal(s->text[0][3], "citizens");
    assert_string_equal(s->text[0][5], "fewer-agents");
    for (int r = 1; r < s->rows; r++) {
        char path[512];
        json_path(s->text[r][7], path, sizeof path);
        assert_same(s->num[r][3], json_at(json, "scenarios|citizens|%s|mean", path), path);
        assert_same(s->num[r][4], json_at(json, "scenarios|citizens|%s|ci95", path), path);
        assert_same(s->num[r][5], json_at(json, "scenarios|fewer-agents|%s|mean", path), path);
    }
    free(s);
    s = sheet_read(xlsx, 3, strings, nstrings);
    assert_string_equal(s->text[2][1], "fixed_staffing");
    assert_true(s->is_num[3][1] && s->num[3][1] == 2);     /* replications */
    free(s);
    for (int i = 0; i < nstrings; i++)
        free(strings[i]);
    free(strings);
    free(book);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_workbook),
        cmocka_unit_test(test_workbook_all_or_nothing),
        cmocka_unit_test(test_compare_workbook),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
