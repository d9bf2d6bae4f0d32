/*
 * Charts and the HTML report: the images are valid PNG and SVG and their
 * data files hold the figures of summary.json and comparison.json; the
 * report links only files that exist and escapes scenario text; without
 * gnuplot the results and the report are still written, with one line on
 * stderr; a failing gnuplot is reported; the staffing chart; the progress bar.
 */
#include <ctype.h>
#include <math.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"
#include "plots/chart.h"

/* The bar's formatting and its sum over stages are tested directly. */
#include "cli/progress.c"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    return testutil_tmpdir(tmpdir, sizeof tmpdir, "report");
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmtree(tmpdir);
}


static char *slurp_in(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return testutil_slurp(path, len);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Runs chanmix with `args` (and an environment prefix); returns the exit status. */
static int chanmix(const char *env, const char *args, const char *name)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "%s '%s' %s >'%s/%s.out' 2>'%s/%s.err'", env ? env : "",
             CHANMIX_BINARY, args, tmpdir, name, tmpdir, name);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *stderr_of(const char *name)
{
    char file[300];
    snprintf(file, sizeof file, "%s.err", name);
    char *text = slurp_in(tmpdir, file, NULL);
    assert_non_null(text);
    return text;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* ---- a small JSON reader: the number at a path of keys ---- */

static const char *ws(const char *s)
{
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    return s;
}

/* Reads a string at s (a quote); copies it unescaped into out; returns what follows. */
static const char *json_string_at(const char *s, char *out, size_t size)
{
    size_t n = 0;
    assert_true(*s == '"');
    for (s++; *s && *s != '"'; s++) {
        if (*s == '\\')
            s++;
        if (n + 1 < size)
            out[n++] = *s;
    }
    out[n] = '\0';
    return s + 1;
}

static const char *json_skip(const char *s)
{
    s = ws(s);
    if (*s == '"') {
        char tmp[1024];
        return json_string_at(s, tmp, sizeof tmp);
    }
    if (*s == '{' || *s == '[') {
        int depth = 0;
        char tmp[1024];
        for (; *s; s++) {
            if (*s == '"') {
                s = json_string_at(s, tmp, sizeof tmp) - 1;
                continue;
            }
            depth += (*s == '{' || *s == '[') - (*s == '}' || *s == ']');
            if (depth == 0)
                return s + 1;
        }
        return s;
    }
    while (*s && *s != ',' && *s != '}' && *s != ']')
        s++;
    return s;
}

/* The number at path ("channels|phone|wait_cdf|20|mean"), '|' separating keys. */
static int json_number_at(const char *json, const char *path, double *out)
{
    const char *s = ws(json);
    char key[1024], want[1024];
    while (*path) {
        size_t len = strcspn(path, "|");
        snprintf(want, sizeof want, "%.*s", (int)len, path);
        path += len + (path[len] == '|');
        if (*s != '{')
            return -1;
        s = ws(s + 1);
        for (;;) {
            if (*s != '"')
                return -1;
            s = ws(json_string_at(s, key, sizeof key));
            assert_true(*s == ':');
            s = ws(s + 1);
            if (strcmp(key, want) == 0)
                break;
            s = ws(json_skip(s));
            if (*s != ',')
                return -1;
            s = ws(s + 1);
        }
    }
    if (strncmp(s, "null", 4) == 0)
        *out = NAN;
    else
        *out = strtod(s, NULL);
    return 0;
}

static double json_at(const char *json, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static double json_at(const char *json, const char *fmt, ...)
{
    char path[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    double v = NAN;
    if (json_number_at(json, path, &v) != 0)
        fail_msg("no figure %s in the JSON", path);
    return v;
}

static void assert_same(double a, double b, const char *what)
{
    if (!(fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b))))
        fail_msg("%s: chart data %.12g, JSON %.12g", what, a, b);
}

/* ---- chart data files ---- */

#define DAT_ROWS 2000
#define DAT_COLS 32

struct dat {
    int ncols, nrows;
    char names[DAT_COLS][64];
    char *cell[DAT_ROWS][DAT_COLS];
};

static struct dat *dat_read(const char *charts, const char *name)
{
    char file[256];
    snprintf(file, sizeof file, "%s.dat", name);
    char *text = slurp_in(charts, file, NULL);
    if (!text)
        fail_msg("charts/%s was not written", file);
    struct dat *d = calloc(1, sizeof *d);
    assert_non_null(d);
    char *lines;
    for (char *line = strtok_r(text, "\n", &lines); line; line = strtok_r(NULL, "\n", &lines)) {
        if (strncmp(line, "# columns:", 10) == 0) {
            char *save, *w = strtok_r(line + 10, " ", &save);
            for (; w && d->ncols < DAT_COLS; w = strtok_r(NULL, " ", &save))
                snprintf(d->names[d->ncols++], sizeof d->names[0], "%s", w);
            continue;
        }
        if (line[0] == '#' || line[0] == '\0')
            continue;
        assert_true(d->nrows < DAT_ROWS);
        int c = 0;
        for (char *s = line; *s && c < DAT_COLS;) {
            while (*s == ' ')
                s++;
            if (!*s)
                break;
            char *start = s, *end;
            if (*s == '"') {
                start = ++s;
                end = strchr(s, '"');
                assert_non_null(end);
                s = end + 1;
            } else {
                end = s + strcspn(s, " ");
                s = end;
            }
            d->cell[d->nrows][c] = strndup(start, (size_t)(end - start));
            c++;
        }
        if (c != d->ncols)
            fail_msg("%s.dat: a row has %d fields for %d columns", name, c, d->ncols);
        d->nrows++;
    }
    free(text);
    assert_true(d->ncols > 0);
    return d;
}

static void dat_free(struct dat *d)
{
    for (int r = 0; r < d->nrows; r++)
        for (int c = 0; c < d->ncols; c++)
            free(d->cell[r][c]);
    free(d);
}

static int dat_col(const struct dat *d, const char *name)
{
    for (int c = 0; c < d->ncols; c++)
        if (strcmp(d->names[c], name) == 0)
            return c;
    fail_msg("no column %s", name);
    return -1;
}

static const char *dat_str(const struct dat *d, int row, const char *col)
{
    return d->cell[row][dat_col(d, col)];
}

static double dat_num(const struct dat *d, int row, const char *col)
{
    const char *s = dat_str(d, row, col);
    return strcmp(s, "?") == 0 ? NAN : strtod(s, NULL);
}

/* ---- images ---- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xffffffffu;
}

/* The 8-byte signature, an IHDR first with its CRC, sensible dimensions, an IEND last. */
static void assert_png(const char *path)
{
    size_t n;
    unsigned char *p = (unsigned char *)testutil_slurp(path, &n);
    if (!p)
        fail_msg("%s was not written", path);
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    assert_true(n > 8 + 25 + 12);
    if (memcmp(p, sig, 8) != 0)
        fail_msg("%s: no PNG signature", path);
    assert_int_equal(be32(p + 8), 13);
    assert_memory_equal(p + 12, "IHDR", 4);
    uint32_t w = be32(p + 16), h = be32(p + 20);
    assert_true(w >= 100 && w <= 4000 && h >= 100 && h <= 4000);
    assert_true(p[24] == 8 || p[24] == 16);          /* bit depth */
    assert_true(p[25] == 2 || p[25] == 3 || p[25] == 6);
    assert_int_equal(be32(p + 29), crc32_of(p + 12, 17));
    assert_memory_equal(p + n - 8, "IEND", 4);
    free(p);
}

static int count_of(const char *s, const char *what)
{
    int n = 0;
    for (const char *at = strstr(s, what); at; at = strstr(at + 1, what))
        n++;
    return n;
}

/* An <svg> root after the prolog, drawn elements and text, closed at the end. */
static void assert_svg(const char *path, const char *text_shown)
{
    char *s = testutil_slurp(path, NULL);
    if (!s)
        fail_msg("%s was not written", path);
    const char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
            p++;
        if (strncmp(p, "<?", 2) == 0)
            p = strstr(p, "?>") + 2;
        else if (strncmp(p, "<!--", 4) == 0)
            p = strstr(p, "-->") + 3;
        else if (strncmp(p, "<!DOCTYPE", 9) == 0)
            p = strchr(p, '>') + 1;
        else
            break;
    }
    if (strncmp(p, "<svg", 4) != 0 || !strchr(" \n\t>", p[4]))
        fail_msg("%s: the root element is not <svg>", path);
    const char *end = strchr(p, '>');
    char root[1024];
    snprintf(root, sizeof root, "%.*s", (int)(end - p), p);
    assert_non_null(strstr(root, "width="));
    assert_non_null(strstr(root, "viewBox="));
    int drawn = count_of(p, "<path") + count_of(p, "<rect") + count_of(p, "<polygon") +
                count_of(p, "<polyline") + count_of(p, "<line") + count_of(p, "<image") +
                count_of(p, "<circle") + count_of(p, "<use");
    if (drawn < 10)
        fail_msg("%s: only %d drawn elements", path, drawn);
    assert_true(count_of(p, "<text") >= 3);
    if (text_shown && !strstr(p, text_shown))
        fail_msg("%s does not show '%s'", path, text_shown);
    assert_non_null(strstr(p, "</svg>"));
    free(s);
}

static void assert_chart(const char *charts, const char *name, const char *text_shown)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", charts, name);
    assert_png(path);
    snprintf(path, sizeof path, "%s/%s.svg", charts, name);
    assert_svg(path, text_shown);
    /* people read the script's labels: no internal figure names in them */
    snprintf(path, sizeof path, "%s/%s.gp", charts, name);
    char *gp = testutil_slurp(path, NULL);
    assert_non_null(gp);
    const char *internal[] = { "wait_mean_s", "queue_mean", "service_level", "p_abandon",
                               "agents_mean", "back_office", "citizen_time_value" };
    for (size_t i = 0; i < sizeof internal / sizeof internal[0]; i++)
        if (strstr(gp, internal[i]))
            fail_msg("%s.gp shows the internal name %s", name, internal[i]);
    free(gp);
}

/* ---- the report ---- */

/* Every src= and href= of report.html names a file beside it that exists; returns the images. */
static int assert_links_exist(const char *dir)
{
    char *html = slurp_in(dir, "report.html", NULL);
    if (!html)
        fail_msg("%s/report.html was not written", dir);
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    assert_null(strstr(html, "<script"));   /* self-contained: no script, no */
    assert_null(strstr(html, "<link"));     /* external style sheet */
    int links = 0, images = 0;
    const char *attrs[2] = { "src=\"", "href=\"" };
    for (int a = 0; a < 2; a++)
        for (const char *s = strstr(html, attrs[a]); s; s = strstr(s + 1, attrs[a])) {
            const char *v = s + strlen(attrs[a]);
            size_t len = strcspn(v, "\"");
            char raw[1024], rel[1024], path[2048];
            snprintf(raw, sizeof raw, "%.*s", (int)len, v);
            if (strstr(raw, ":") || raw[0] == '/')
                fail_msg("%s/report.html links outside its folder: %s", dir, raw);
            size_t n = 0;
            for (const char *c = raw; *c && n + 1 < sizeof rel; c++) {
                unsigned int byte;
                if (*c == '%' && sscanf(c + 1, "%2x", &byte) == 1) {
                    rel[n++] = (char)byte;
                    c += 2;
                } else
                    rel[n++] = *c;
            }
            rel[n] = '\0';
            snprintf(path, sizeof path, "%s/%s", dir, rel);
            if (!file_exists(path))
                fail_msg("%s/report.html links %s, which does not exist", dir, raw);
            links++;
            images += a == 0;
        }
    assert_true(links > 0);
    free(html);
    return images;
}

/* ---- tests ---- */

/* The chart tests need gnuplot (scripts/setup installs it). */
static void need_gnuplot(void)
{
    char path[1024], why[512];
    if (chart_find_gnuplot(path, sizeof path, why, sizeof why) != 0)
        fail_msg("this test draws charts and needs gnuplot: %s", why);
}

static void run_citizens(const char *out, const char *env, const char *name, int expect)
{
    char args[1024];
    snprintf(args, sizeof args, "run '%s/tests/scenarios/citizens.cfg' --replications 2 --quiet "
             "--out '%s'", CHANMIX_SOURCE_DIR, out);
    int rc = chanmix(env, args, name);
    if (rc != expect)
        fail_msg("chanmix run exited %d, not %d:\n%s", rc, expect, stderr_of(name));
}

/* A run's charts exist, are valid images and hold the figures of summary.json. */
static void test_run_charts(void **state)
{
    (void)state;
    need_gnuplot();
    char out[512], charts[600];
    snprintf(out, sizeof out, "%s/run", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", out);
    run_citizens(out, NULL, "run", 0);
    char *err = stderr_of("run");
    assert_string_equal(err, "");           /* not a terminal: no progress bar either */
    free(err);
    char *json = slurp_in(out, "summary.json", NULL);
    assert_non_null(json);

    assert_chart(charts, "mix", "share of the group");
    struct dat *d = dat_read(charts, "mix");
    assert_int_equal(d->nrows, 2);
    const char *channels[] = { "desk", "phone", "web", "app" };
    for (int r = 0; r < d->nrows; r++)
        for (int c = 0; c < 4; c++) {
            char col[64];
            const char *seg = dat_str(d, r, "segment");
            assert_same(dat_num(d, r, channels[c]),
                        json_at(json, "segments|%s|shares|%s|mean", seg, channels[c]), "mix");
            snprintf(col, sizeof col, "%s_ci95", channels[c]);
            assert_same(dat_num(d, r, col),
                        json_at(json, "segments|%s|shares|%s|ci95", seg, channels[c]), "mix ci");
        }
    dat_free(d);

    const char *assisted[] = { "desk", "phone" };
    for (int c = 0; c < 2; c++) {
        char name[64];
        snprintf(name, sizeof name, "waits-%s", assisted[c]);
        assert_chart(charts, name, "waits that ended within this time");
        d = dat_read(charts, name);
        assert_int_equal(d->nrows, RESULTS_CDF_POINTS);
        for (int r = 0; r < d->nrows; r++) {
            const char *s = dat_str(d, r, "seconds");
            assert_same(dat_num(d, r, "share"),
                        json_at(json, "channels|%s|wait_cdf|%s|mean", assisted[c], s), name);
            assert_same(dat_num(d, r, "ci95"),
                        json_at(json, "channels|%s|wait_cdf|%s|ci95", assisted[c], s), name);
        }
        dat_free(d);

        snprintf(name, sizeof name, "week-%s", assisted[c]);
        assert_chart(charts, name, "agents on duty");
        d = dat_read(charts, name);
        for (int r = 0; r < d->nrows; r++) {
            char key[32];
            snprintf(key, sizeof key, "%s", dat_str(d, r, "interval"));
            key[0] = (char)tolower((unsigned char)key[0]);   /* "Mon 08:30" is "mon 08:30" */
            assert_same(dat_num(d, r, "arrivals"),
                        json_at(json, "intervals|%s|%s|arrivals|mean", assisted[c], key), name);
            assert_same(dat_num(d, r, "agents"),
                        json_at(json, "intervals|%s|%s|agents|mean", assisted[c], key), name);
            assert_same(dat_num(d, r, "queue"),
                        json_at(json, "intervals|%s|%s|queue_mean|mean", assisted[c], key), name);
        }
        /* one row per interval of intervals.csv */
        char *csv = slurp_in(out, "intervals.csv", NULL);
        char prefix[32];
        snprintf(prefix, sizeof prefix, "\n%s,", assisted[c]);
        assert_int_equal(d->nrows, count_of(csv, prefix));
        free(csv);
        dat_free(d);
    }
    /* the target is marked where it lies: phone 20 s is the fourth point */
    char *gp = slurp_in(charts, "waits-phone.gp", NULL);
    assert_non_null(strstr(gp, "target: 20 s"));
    assert_non_null(strstr(gp, "set arrow from 3, graph 0 to 3, graph 1"));
    free(gp);
    gp = slurp_in(charts, "waits-desk.gp", NULL);
    assert_non_null(strstr(gp, "target: 5 min"));
    free(gp);

    assert_chart(charts, "escalations", "next try on");
    d = dat_read(charts, "escalations");
    assert_int_equal(d->nrows, 4 * 5);
    for (int r = 0; r < d->nrows; r++) {
        const char *to = dat_str(d, r, "to");
        assert_same(dat_num(d, r, "tries"),
                    json_at(json, "escalations|%s->%s|mean", dat_str(d, r, "from"),
                            strcmp(to, "back office") == 0 ? "back_office" : to), "escalations");
    }
    dat_free(d);

    assert_chart(charts, "cost", "euros");
    d = dat_read(charts, "cost");
    assert_int_equal(d->nrows, 4);
    for (int r = 0; r < d->nrows; r++) {
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "cost|%s|organisation|mean", dat_str(d, r, "group")), "cost");
        assert_same(dat_num(d, r, "ci95"),
                    json_at(json, "cost|%s|organisation|ci95", dat_str(d, r, "group")), "cost");
    }
    dat_free(d);
    free(json);

    /* the report shows every chart and links only what exists */
    int images = assert_links_exist(out);
    assert_int_equal(images, 7);
    char *html = slurp_in(out, "report.html", NULL);
    assert_non_null(strstr(html, "<h1>Scenario citizens</h1>"));
    assert_non_null(strstr(html, "95% CI"));
    assert_non_null(strstr(html, "<img src=\"charts/waits-phone.png\""));
    free(html);
}

/* A comparison's charts hold the figures and paired differences of comparison.json. */
static void test_compare_charts(void **state)
{
    (void)state;
    need_gnuplot();
    char cfg[2048], args[4096], out[512], charts[600];
    snprintf(cfg, sizeof cfg,
             "# Fewer phone agents.\n#\n# Policy question: what if the phone line loses half "
             "its agents?\n\nextends = \"%s/tests/scenarios/citizens.cfg\";\n"
             "name = \"fewer-agents\";\n"
             "channels = ( { name = \"phone\"; agents = 3; } );\n", CHANMIX_SOURCE_DIR);
    testutil_write(tmpdir, "fewer.cfg", cfg);
    snprintf(out, sizeof out, "%s/cmp", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", out);
    snprintf(args, sizeof args, "compare '%s/tests/scenarios/citizens.cfg' '%s/fewer.cfg' "
             "--replications 2 --quiet --out '%s'", CHANMIX_SOURCE_DIR, tmpdir, out);
    int rc = chanmix(NULL, args, "cmp");
    if (rc != 0)
        fail_msg("chanmix compare exited %d:\n%s", rc, stderr_of("cmp"));
    char *err = stderr_of("cmp");
    assert_string_equal(err, "");
    free(err);
    char *json = slurp_in(out, "comparison.json", NULL);
    assert_non_null(json);

    assert_chart(charts, "compare-waits", "mean wait (minutes)");
    struct dat *d = dat_read(charts, "compare-waits");
    assert_int_equal(d->nrows, 2 * 2);
    for (int r = 0; r < d->nrows; r++)
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "scenarios|%s|channels|%s|wait_mean_s|mean",
                            dat_str(d, r, "series"), dat_str(d, r, "group")), "waits");
    dat_free(d);

    assert_chart(charts, "compare-gave-up", "needs given up");
    d = dat_read(charts, "compare-gave-up");
    assert_int_equal(d->nrows, 2 * 3);
    for (int r = 0; r < d->nrows; r++) {
        const char *g = dat_str(d, r, "group");
        double v = dat_num(d, r, "mean");
        assert_true(v >= 0 && v <= 1);
        if (strcmp(g, "all citizens") != 0)
            assert_same(v, json_at(json, "scenarios|%s|segments|%s|gave_up|mean",
                                   dat_str(d, r, "series"), g), "gave up");
    }
    dat_free(d);

    assert_chart(charts, "compare-cost", NULL);
    d = dat_read(charts, "compare-cost");
    for (int r = 0; r < d->nrows; r++) {
        int org = strcmp(dat_str(d, r, "series"), "cost to the organisation") == 0;
        assert_same(dat_num(d, r, "mean"),
                    json_at(json, "scenarios|%s|cost|total|%s|mean", dat_str(d, r, "group"),
                            org ? "organisation" : "citizen_time_value"), "cost");
    }
    dat_free(d);

    /* the mix: each scenario's shares add up to one, near the share of contacts offered */
    assert_chart(charts, "compare-mix", "share of all contacts");
    d = dat_read(charts, "compare-mix");
    const char *scen[2] = { "citizens", "fewer-agents" };
    for (int k = 0; k < 2; k++) {
        double sum = 0, offered = 0;
        const char *ch[4] = { "desk", "phone", "web", "app" };
        for (int c = 0; c < 4; c++)
            offered += json_at(json, "scenarios|%s|channels|%s|offered|mean", scen[k], ch[c]);
        for (int r = 0; r < d->nrows; r++) {
            if (strcmp(dat_str(d, r, "series"), scen[k]) != 0)
                continue;
            double share = dat_num(d, r, "mean");
            sum += share;
            double o = json_at(json, "scenarios|%s|channels|%s|offered|mean", scen[k],
                               dat_str(d, r, "group"));
            assert_true(fabs(share - o / offered) < 0.02);
        }
        assert_true(fabs(sum - 1.0) < 1e-9);
    }
    dat_free(d);

    /* who wins and who loses: the paired differences from the first scenario */
    const char *diff[2][2] = { { "compare-segments-gave-up", "gave_up" },
                               { "compare-segments-wait", "wait_mean_s" } };
    for (int q = 0; q < 2; q++) {
        assert_chart(charts, diff[q][0], "fewer-agents");
        d = dat_read(charts, diff[q][0]);
        assert_int_equal(d->nrows, 2);
        for (int r = 0; r < d->nrows; r++) {
            assert_string_equal(dat_str(d, r, "series"), "fewer-agents");
            assert_same(dat_num(d, r, "mean"),
                        json_at(json, "differences|fewer-agents|segments|%s|%s|mean",
                                dat_str(d, r, "group"), diff[q][1]), diff[q][0]);
            assert_same(dat_num(d, r, "ci95"),
                        json_at(json, "differences|fewer-agents|segments|%s|%s|ci95",
                                dat_str(d, r, "group"), diff[q][1]), diff[q][0]);
        }
        dat_free(d);
    }
    free(json);

    /* the comparison's report and each scenario's own */
    assert_int_equal(assert_links_exist(out), 6);
    char sub[700];
    snprintf(sub, sizeof sub, "%s/citizens", out);
    assert_int_equal(assert_links_exist(sub), 7);
    snprintf(sub, sizeof sub, "%s/fewer-agents", out);
    assert_int_equal(assert_links_exist(sub), 7);
    char *html = slurp_in(out, "report.html", NULL);
    assert_non_null(strstr(html, "href=\"fewer-agents/report.html\""));
    assert_non_null(strstr(html, "<strong>Policy question:</strong> what if the phone line "
                                 "loses half its agents?"));
    assert_non_null(strstr(html, "paired differences"));
    free(html);
}

/* The question from the scenario file is escaped (scenario names are
 * restricted by the loader to letters, digits, '-', '_' and '.'). */
static void test_report_escapes(void **state)
{
    (void)state;
    char cfg[2048], out[512];
    snprintf(cfg, sizeof cfg,
             "# Policy question: is <script>alert('x')</script> & \"this\" shown as text?\n"
             "extends = \"%s/tests/scenarios/citizens.cfg\";\n"
             "name = \"odd.one\";\n", CHANMIX_SOURCE_DIR);
    testutil_write(tmpdir, "odd.cfg", cfg);
    snprintf(out, sizeof out, "%s/odd", tmpdir);
    char args[2048];
    snprintf(args, sizeof args, "run '%s/odd.cfg' --replications 2 --quiet --out '%s'", tmpdir, out);
    assert_int_equal(chanmix(NULL, args, "odd"), 0);
    char *html = slurp_in(out, "report.html", NULL);
    assert_non_null(html);
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                                 "&quot;this&quot;"));
    assert_non_null(strstr(html, "<h1>Scenario odd.one</h1>"));
    free(html);
    assert_links_exist(out);
}

/* Without gnuplot: JSON, CSV and a report without images, one line on stderr, exit 0. */
static void test_without_gnuplot(void **state)
{
    (void)state;
    const char *envs[2] = { "CHANMIX_GNUPLOT=/nonexistent", "PATH=/nonexistent-chanmix-dir" };
    for (int i = 0; i < 2; i++) {
        char out[512], name[32];
        snprintf(out, sizeof out, "%s/nognuplot%d", tmpdir, i);
        snprintf(name, sizeof name, "nognuplot%d", i);
        run_citizens(out, envs[i], name, 0);
        char *err = stderr_of(name);
        if (count_lines(err) != 1 || !strstr(err, "charts skipped"))
            fail_msg("with %s, stderr is not one line about skipped charts:\n%s", envs[i], err);
        assert_non_null(strstr(err, i == 0 ? "/nonexistent" : "gnuplot is not installed"));
        free(err);
        const char *files[] = { "summary.json", "channels.csv", "segments.csv", "intervals.csv",
                                "escalations.csv", "costs.csv", "totals.csv", "report.html" };
        for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", out, files[f]);
            if (!file_exists(path))
                fail_msg("with %s, %s was not written", envs[i], files[f]);
        }
        char path[1024];
        snprintf(path, sizeof path, "%s/charts/mix.png", out);
        assert_false(file_exists(path));
        snprintf(path, sizeof path, "%s/charts/mix.dat", out);
        assert_true(file_exists(path));             /* the data, to draw later */
        assert_int_equal(assert_links_exist(out), 0);
        char *html = slurp_in(out, "report.html", NULL);
        assert_non_null(strstr(html, "The charts were not drawn"));
        free(html);
    }
    /* a comparison makes three sets of charts and still says it once */
    char args[4096], out[512];
    snprintf(out, sizeof out, "%s/nognuplot-cmp", tmpdir);
    snprintf(args, sizeof args, "compare '%s/tests/scenarios/citizens.cfg' '%s/tests/scenarios/"
             "citizens.cfg' --replications 2 --quiet --out '%s'", CHANMIX_SOURCE_DIR,
             CHANMIX_SOURCE_DIR, out);
    /* the same file twice has one name: compared scenarios need two */
    assert_int_equal(chanmix("CHANMIX_GNUPLOT=/nonexistent", args, "nognuplot-cmp"), 2);
    char cfg[1024];
    snprintf(cfg, sizeof cfg, "extends = \"%s/tests/scenarios/citizens.cfg\";\nname = \"copy\";\n",
             CHANMIX_SOURCE_DIR);
    testutil_write(tmpdir, "copy.cfg", cfg);
    snprintf(args, sizeof args, "compare '%s/tests/scenarios/citizens.cfg' '%s/copy.cfg' "
             "--replications 2 --quiet --out '%s'", CHANMIX_SOURCE_DIR, tmpdir, out);
    assert_int_equal(chanmix("CHANMIX_GNUPLOT=/nonexistent", args, "nognuplot-cmp"), 0);
    char *err = stderr_of("nognuplot-cmp");
    if (count_lines(err) != 1 || !strstr(err, "charts skipped"))
        fail_msg("compare without gnuplot: stderr is not one line:\n%s", err);
    free(err);
    assert_int_equal(assert_links_exist(out), 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/comparison.json", out);
    assert_true(file_exists(path));
}

/* gnuplot that fails is reported, with exit status 1; the rest is still written. */
static void test_gnuplot_failure(void **state)
{
    (void)state;
    const char *fakes[2] = { "/bin/false", "/bin/true" };   /* fails; writes no image */
    const char *says[2] = { "gnuplot failed", "did not write" };
    for (int i = 0; i < 2; i++) {
        char out[512], env[64], name[32];
        snprintf(out, sizeof out, "%s/badgnuplot%d", tmpdir, i);
        snprintf(env, sizeof env, "CHANMIX_GNUPLOT=%s", fakes[i]);
        snprintf(name, sizeof name, "badgnuplot%d", i);
        run_citizens(out, env, name, 1);
        char *err = stderr_of(name);
        if (!strstr(err, says[i]) || !strstr(err, "not drawn"))
            fail_msg("with %s, stderr does not report the failure:\n%s", env, err);
        free(err);
        char path[1024];
        snprintf(path, sizeof path, "%s/summary.json", out);
        assert_true(file_exists(path));
        assert_int_equal(assert_links_exist(out), 0);
    }
}

/* The staffing chart from synthetic data: images, and the data read back. */
static void test_staffing_chart(void **state)
{
    (void)state;
    need_gnuplot();
    enum { N = 40 };
    double start[N], required[N], erlang[N], shifts[N];
    for (int i = 0; i < N; i++) {
        start[i] = 86400.0 + 8 * 3600.0 + i * 900.0;     /* Tuesday from 08:00 */
        required[i] = 4 + (i % 7) + (i > 12 && i < 30 ? 3 : 0);
        erlang[i] = i == 5 ? NAN : required[i] - 1;
        shifts[i] = i < 16 ? 8 : 11;
    }
    char dir[512], charts[600], err[512];
    snprintf(dir, sizeof dir, "%s/staffing", tmpdir);
    snprintf(charts, sizeof charts, "%s/charts", dir);
    int rc = chart_staffing(dir, "phone", N, start, required, erlang, shifts, err, sizeof err);
    if (rc != 0)
        fail_msg("chart_staffing: %d: %s", rc, err);
    assert_chart(charts, "staffing-phone", "required (simulation)");
    struct dat *d = dat_read(charts, "staffing-phone");
    assert_int_equal(d->nrows, N);
    for (int i = 0; i < N; i++) {
        assert_same(dat_num(d, i, "start_s"), start[i], "start");
        assert_same(dat_num(d, i, "required"), required[i], "required");
        assert_same(dat_num(d, i, "shifts"), shifts[i], "shifts");
        if (i == 5)
            assert_true(isnan(dat_num(d, i, "erlang")));
        else
            assert_same(dat_num(d, i, "erlang"), erlang[i], "erlang");
    }
    assert_string_equal(dat_str(d, 0, "interval"), "Tue 08:00");
    assert_string_equal(dat_str(d, 6, "interval"), "Tue 09:30");
    dat_free(d);

    /* a series may be left out */
    rc = chart_staffing(dir, "chat desk", N, start, required, NULL, shifts, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_chart(charts, "staffing-chat_desk", NULL);
    d = dat_read(charts, "staffing-chat_desk");
    assert_true(isnan(dat_num(d, 0, "erlang")));
    dat_free(d);

    /* nothing to draw */
    assert_int_equal(chart_staffing(dir, "phone", 0, start, required, erlang, shifts, err,
                                    sizeof err), CHART_FAILED);
    assert_int_equal(chart_staffing(dir, "phone", N, start, NULL, NULL, NULL, err, sizeof err),
                     CHART_FAILED);

    /* without gnuplot: the data and script, no image, and why */
    snprintf(dir, sizeof dir, "%s/staffing-nognuplot", tmpdir);
    setenv("CHANMIX_GNUPLOT", "/nonexistent", 1);
    rc = chart_staffing(dir, "phone", N, start, required, erlang, shifts, err, sizeof err);
    unsetenv("CHANMIX_GNUPLOT");
    assert_int_equal(rc, CHART_NO_GNUPLOT);
    assert_non_null(strstr(err, "CHANMIX_GNUPLOT"));
    char path[1024];
    snprintf(path, sizeof path, "%s/charts/staffing-phone.dat", dir);
    assert_true(file_exists(path));
    snprintf(path, sizeof path, "%s/charts/staffing-phone.gp", dir);
    assert_true(file_exists(path));
    snprintf(path, sizeof path, "%s/charts/staffing-phone.png", dir);
    assert_false(file_exists(path));
}

/* The bar: its text, its sum over the stages of a comparison, and silence when not a terminal. */
static void test_progress(void **state)
{
    (void)state;
    char line[200];
    progress_format(line, sizeof line, 5, 10, 10.0, "baseline");
    assert_string_equal(line, "chanmix: [############............] 5/10 replications  baseline"
                              "  about 10 s left");
    progress_format(line, sizeof line, 10, 10, 130.0, NULL);
    assert_string_equal(line, "chanmix: [########################] 10/10 replications");
    progress_format(line, sizeof line, 1, 40, 100.0, NULL);
    assert_non_null(strstr(line, "about 1 h 5 min left"));

    FILE *f = tmpfile();
    assert_non_null(f);
    struct progress p;
    const char *labels[2] = { "first", "second" };
    progress_start(&p, f, 0, 6, 2, labels);
    assert_int_equal(p.on, 0);                  /* a file is not a terminal */
    progress_update(&p, 1, 3);
    progress_finish(&p);
    assert_int_equal(ftell(f), 0);
    p.on = 1;                                   /* as if it were */
    for (int stage = 0; stage < 2; stage++)
        for (int done = 1; done <= 3; done++)
            progress_update(&p, done, 3);
    assert_int_equal(p.stage, 1);
    assert_int_equal(p.done_before + p.last_done, 6);
    progress_finish(&p);
    fflush(f);
    rewind(f);
    char text[4096] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "6/6 replications  second"));
    assert_non_null(strstr(text, "chanmix: 6 replications in "));

    /* on a terminal (a pseudo-terminal from script(1)) the bar shows, unless --quiet */
    if (access("/usr/bin/script", X_OK) != 0) {
        print_message("  no script(1): the terminal check is skipped\n");
        return;
    }
    for (int quiet = 0; quiet < 2; quiet++) {
        char cmd[4096];
        snprintf(cmd, sizeof cmd, "/usr/bin/script -qec \"'%s' run '%s/tests/scenarios/"
                 "citizens.cfg' --replications 3 --json%s >/dev/null\" /dev/null",
                 CHANMIX_BINARY, CHANMIX_SOURCE_DIR, quiet ? " --quiet" : "");
        int status;
        char *tty = testutil_capture(cmd, &status);
        assert_int_equal(status, 0);
        if (quiet)
            assert_null(strstr(tty, "chanmix: ["));
        else {
            assert_non_null(strstr(tty, "chanmix: ["));
            assert_non_null(strstr(tty, "3/3 replications"));
            assert_non_null(strstr(tty, "chanmix: 3 replications in "));
        }
        free(tty);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_charts),
        cmocka_unit_test(test_compare_charts),
        cmocka_unit_test(test_report_escapes),
        cmocka_unit_test(test_without_gnuplot),
        cmocka_unit_test(test_gnuplot_failure),
        cmocka_unit_test(test_staffing_chart),
        cmocka_unit_test(test_progress),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
