/*
 * chartutil: reading what a chart is made of, for the tests that check
 * charts against the JSON results: numbers in the JSON by a path of keys,
 * the columns of a chart's .dat file, and valid PNG and SVG images.
 */
#ifndef CHANMIX_TESTS_CHARTUTIL_H
#define CHANMIX_TESTS_CHARTUTIL_H

#include "reportutil.h"

/* ---- a small JSON reader: the number at a path of keys ---- */

static inline const char *ws(const char *s)
{
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    return s;
}

/* Reads a string at s (a quote); copies it unescaped into out; returns what follows. */
static inline const char *json_string_at(const char *s, char *out, size_t size)
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

static inline const char *json_skip(const char *s)
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
static inline int json_number_at(const char *json, const char *path, double *out)
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

static inline double json_at(const char *json, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline double json_at(const char *json, const char *fmt, ...)
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

static inline void assert_same(double a, double b, const char *what)
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

static inline struct dat *dat_read(const char *charts, const char *name)
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

static inline void dat_free(struct dat *d)
{
    for (int r = 0; r < d->nrows; r++)
        for (int c = 0; c < d->ncols; c++)
            free(d->cell[r][c]);
    free(d);
}

static inline int dat_col(const struct dat *d, const char *name)
{
    for (int c = 0; c < d->ncols; c++)
        if (strcmp(d->names[c], name) == 0)
            return c;
    fail_msg("no column %s", name);
    return -1;
}

static inline const char *dat_str(const struct dat *d, int row, const char *col)
{
    return d->cell[row][dat_col(d, col)];
}

static inline double dat_num(const struct dat *d, int row, const char *col)
{
    const char *s = dat_str(d, row, col);
    return strcmp(s, "?") == 0 ? NAN : strtod(s, NULL);
}

/* ---- images ---- */

static inline uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t crc32_of(const unsigned char *p, size_t n)
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
static inline void assert_png(const char *path)
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

/* An <svg> root after the prolog, drawn elements and text, closed at the end. */
static inline void assert_svg(const char *path, const char *text_shown)
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

/* The chart's PNG and SVG are valid images, and its script shows no internal names. */
static inline void assert_chart(const char *charts, const char *name,
                                const char *text_shown)
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

#endif
