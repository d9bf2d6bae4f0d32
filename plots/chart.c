/*
 * chart: gnuplot charts of runs, comparisons and staffing plans, see chart.h.
 *
 * A chart is made in two steps.  plot_begin opens its data file and starts
 * the plotting commands in memory; the chart's function writes rows and
 * commands; plot_end writes the script, which runs the commands once for
 * the PNG and once for the SVG (multiplot charts cannot be replotted), and
 * runs gnuplot on it through popen with the folder DIR/charts as its working
 * directory, reading what gnuplot says back through the pipe.  One gnuplot
 * process per chart: a failure then names its chart, and a start costs
 * about 20 ms, little beside a simulation.
 *
 * Data files keep figures in the units of summary.json; scripts scale them
 * for people (percentages, minutes).  Bars are placed by x positions that
 * this file computes rather than gnuplot's histogram styles, so a missing
 * figure (a channel one scenario lacks) is a missing bar, not a shifted one.
 */
#include "plots/chart.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "models/choice.h"
#include "models/results.h"

#define CHART_PATH_MAX 1024
#define CHART_WIDTH 960
#define CHART_HEIGHT 540

/* Okabe-Ito colours: told apart with the common colour-vision deficiencies. */
static const char *const colours[] = { "#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                       "#56B4E9", "#D55E00", "#F0E442", "#777777" };
static const char *const day_names[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

/* ---- words and numbers for people ---- */

void chart_format_duration(double seconds, char *buf, size_t size)
{
    double a = fabs(seconds);
    const char *sign = seconds < 0 ? "-" : "";
    if (!isfinite(seconds))
        snprintf(buf, size, "?");
    else if (a < 0.05)
        snprintf(buf, size, "0 s");
    else if (a < 9.95 && fabs(a - round(a)) >= 0.05)
        snprintf(buf, size, "%s%.1f s", sign, a);
    else if (a < 59.5)
        snprintf(buf, size, "%s%.0f s", sign, a);
    else if (a < 3599.5) {
        long t = lround(a);
        if (a >= 600 || t % 60 == 0)
            snprintf(buf, size, "%s%ld min", sign, lround(a / 60.0));
        else
            snprintf(buf, size, "%s%ld min %ld s", sign, t / 60, t % 60);
    } else {
        long t = lround(a / 60.0);
        if (t % 60 == 0)
            snprintf(buf, size, "%s%ld h", sign, t / 60);
        else
            snprintf(buf, size, "%s%ld h %ld min", sign, t / 60, t % 60);
    }
}

const char *chart_currency_words(const char *code)
{
    if (strcmp(code, "EUR") == 0)
        return "euros";
    if (strcmp(code, "GBP") == 0)
        return "pounds";
    if (strcmp(code, "USD") == 0)
        return "dollars";
    return code;
}

void chart_format_money(const char *currency, double value, char *buf, size_t size)
{
    const char *sign = strcmp(currency, "EUR") == 0 ? "€" : strcmp(currency, "GBP") == 0 ? "£"
                     : strcmp(currency, "USD") == 0 ? "$" : NULL;
    if (!isfinite(value)) {
        snprintf(buf, size, "?");
        return;
    }
    char digits[64], grouped[96];
    int decimals = fabs(value) < 100.0 ? 2 : 0;
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(value));
    size_t len = strcspn(digits, "."), n = 0;
    for (size_t i = 0; digits[i] && n + 2 < sizeof grouped; i++) {
        if (i > 0 && i < len && (len - i) % 3 == 0)
            grouped[n++] = ',';
        grouped[n++] = digits[i];
    }
    grouped[n] = '\0';
    snprintf(buf, size, "%s%s%s%s", value < 0 && lround(fabs(value) * 100) ? "-" : "",
             sign ? sign : currency, sign ? "" : " ", grouped);
}

/* "half hour" for "contacts per half hour". */
static void interval_words(double interval_s, char *buf, size_t size)
{
    if (interval_s == 900.0)
        snprintf(buf, size, "quarter hour");
    else if (interval_s == 1800.0)
        snprintf(buf, size, "half hour");
    else if (interval_s == 3600.0)
        snprintf(buf, size, "hour");
    else
        snprintf(buf, size, "%g minutes", interval_s / 60.0);
}

static double measured_days(const struct model *m)
{
    return (m->horizon_s - m->warmup_s) / 86400.0;
}

/* ---- finding and running gnuplot ---- */

const char *chart_gnuplot_command(void)
{
    const char *g = getenv("CHANMIX_GNUPLOT");
    return g && *g ? g : "gnuplot";
}

static int is_executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int chart_find_gnuplot(char *path, size_t size, char *err, size_t err_size)
{
    const char *cmd = chart_gnuplot_command();
    const char *env = getenv("CHANMIX_GNUPLOT");
    int named = env && *env;
    if (strchr(cmd, '/')) {
        if (is_executable(cmd) && (size_t)snprintf(path, size, "%s", cmd) < size)
            return 0;
        snprintf(err, err_size, "CHANMIX_GNUPLOT names %s, which is not a program that can be run",
                 cmd);
        return CHART_NO_GNUPLOT;
    }
    const char *dirs = getenv("PATH");
    if (!dirs)
        dirs = "/usr/bin:/bin";
    while (*dirs) {
        size_t len = strcspn(dirs, ":");
        int n = len ? snprintf(path, size, "%.*s/%s", (int)len, dirs, cmd)
                    : snprintf(path, size, "./%s", cmd);
        if (n > 0 && (size_t)n < size && is_executable(path))
            return 0;
        dirs += len + (dirs[len] == ':');
    }
    if (named)
        snprintf(err, err_size, "CHANMIX_GNUPLOT names '%s', which is not on PATH", cmd);
    else
        snprintf(err, err_size, "gnuplot is not installed (no 'gnuplot' on PATH; "
                 "CHANMIX_GNUPLOT may name it)");
    path[0] = '\0';
    return CHART_NO_GNUPLOT;
}

/* s as one word for sh: in single quotes, a quote written '\''.  Returns 0 or -1 (too long). */
static int shell_quote(char *out, size_t size, const char *s)
{
    size_t n = 0;
    const char *quote = "'\\''";
    if (size < 3)
        return -1;
    out[n++] = '\'';
    for (; *s; s++) {
        const char *piece = *s == '\'' ? quote : NULL;
        size_t len = piece ? 4 : 1;
        if (n + len + 2 > size)
            return -1;
        if (piece)
            memcpy(out + n, piece, len);
        else
            out[n] = *s;
        n += len;
    }
    out[n++] = '\'';
    out[n] = '\0';
    return 0;
}

/* gnuplot's messages on one line, for an error message. */
static void one_line(char *s)
{
    char *w = s;
    int space = 1;
    for (char *r = s; *r; r++) {
        int blank = isspace((unsigned char)*r);
        if (blank && space)
            continue;
        *w++ = blank ? ' ' : *r;
        space = blank;
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

/* Runs gnuplot on NAME.gp in cdir; returns 0 when it exited 0 and wrote both images. */
static int run_gnuplot(const char *gnuplot, const char *cdir, const char *name, char *err,
                       size_t size)
{
    char qdir[3 * CHART_PATH_MAX], qprog[3 * CHART_PATH_MAX], qscript[3 * CHART_NAME_MAX];
    char script[CHART_NAME_MAX + 4], cmd[10 * CHART_PATH_MAX];
    snprintf(script, sizeof script, "%s.gp", name);
    if (shell_quote(qdir, sizeof qdir, cdir) || shell_quote(qprog, sizeof qprog, gnuplot) ||
        shell_quote(qscript, sizeof qscript, script)) {
        snprintf(err, size, "path too long for charts in %.300s", cdir);
        return CHART_FAILED;
    }
    snprintf(cmd, sizeof cmd, "cd %s && exec %s %s </dev/null 2>&1", qdir, qprog, qscript);
    fflush(NULL);
    FILE *p = popen(cmd, "r");
    if (!p) {
        snprintf(err, size, "cannot start %.300s: %s", gnuplot, strerror(errno));
        return CHART_FAILED;
    }
    char said[512], chunk[512];
    size_t len = 0, got;
    while ((got = fread(chunk, 1, sizeof chunk, p)) > 0)
        for (size_t i = 0; i < got && len + 1 < sizeof said; i++)
            said[len++] = chunk[i];
    said[len] = '\0';
    int st = pclose(p);
    one_line(said);
    if (st == -1) {
        snprintf(err, size, "gnuplot on charts/%s.gp: %s", name, strerror(errno));
        return CHART_FAILED;
    }
    if (WIFSIGNALED(st)) {
        snprintf(err, size, "gnuplot was stopped by signal %d on charts/%s.gp", WTERMSIG(st), name);
        return CHART_FAILED;
    }
    int code = WEXITSTATUS(st);
    if (code == 126 || code == 127) {
        snprintf(err, size, "%.300s cannot be run%s%s", gnuplot, said[0] ? ": " : "", said);
        return CHART_NO_GNUPLOT;
    }
    if (code != 0) {
        snprintf(err, size, "gnuplot failed on charts/%s.gp (exit status %d)%s%s", name, code,
                 said[0] ? ": " : "", said);
        return CHART_FAILED;
    }
    const char *ext[2] = { "png", "svg" };
    for (int i = 0; i < 2; i++) {
        char path[CHART_PATH_MAX + CHART_NAME_MAX + 8];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s.%s", cdir, name, ext[i]);
        if (stat(path, &sb) != 0 || sb.st_size == 0) {
            snprintf(err, size, "gnuplot did not write charts/%s.%s%s%s", name, ext[i],
                     said[0] ? ": " : "", said);
            return CHART_FAILED;
        }
    }
    return 0;
}

/* ---- a set of charts, and one chart being made ---- */

struct charting {
    char cdir[CHART_PATH_MAX];      /* DIR/charts */
    char gnuplot[CHART_PATH_MAX];   /* the program; empty when it cannot be run */
    struct chart_set *set;
};

struct plot {
    struct charting *cg;
    struct chart_entry *entry;      /* in the set, or `spare` when the set is full */
    struct chart_entry spare;
    FILE *dat, *body;
    char *text;                     /* the plotting commands, once body is closed */
    size_t len;
};

static void failure(struct charting *cg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void failure(struct charting *cg, const char *fmt, ...)
{
    if (cg->set->failed++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(cg->set->error, sizeof cg->set->error, fmt, ap);
        va_end(ap);
    }
}

/* mkdir -p */
static int make_dir(const char *dir)
{
    char buf[CHART_PATH_MAX];
    if ((size_t)snprintf(buf, sizeof buf, "%s", dir) >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

static int charting_open(struct charting *cg, const char *dir, struct chart_set *set)
{
    memset(set, 0, sizeof *set);
    memset(cg, 0, sizeof *cg);
    cg->set = set;
    if ((size_t)snprintf(cg->cdir, sizeof cg->cdir, "%s/charts", dir) >= sizeof cg->cdir - 64) {
        failure(cg, "folder name too long for charts: %s", dir);
        return CHART_FAILED;
    }
    if (make_dir(cg->cdir) != 0) {
        failure(cg, "cannot create folder %s: %s", cg->cdir, strerror(errno));
        return CHART_FAILED;
    }
    if (chart_find_gnuplot(cg->gnuplot, sizeof cg->gnuplot, set->why_skipped,
                           sizeof set->why_skipped) != 0) {
        cg->gnuplot[0] = '\0';
        set->skipped = 1;
    }
    return 0;
}

static int charting_close(const struct charting *cg)
{
    return cg->set->failed ? CHART_FAILED : cg->set->skipped ? CHART_NO_GNUPLOT : 0;
}

/* A file name from a figure's name: letters, digits, '-' and '_' kept, others '_'. */
static void make_name(char *out, size_t size, const char *prefix, const char *name)
{
    size_t n = (size_t)snprintf(out, size, "%s-", prefix);
    for (const char *s = name; *s && n + 1 < size; s++) {
        unsigned char ch = (unsigned char)*s;
        out[n++] = ch < 128 && (isalnum(ch) || ch == '-' || ch == '_') ? (char)ch : '_';
    }
    out[n < size ? n : size - 1] = '\0';
}

/* A single-quoted gnuplot string: a quote is doubled, nothing else is special. */
static void gp_string(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputc('\'', f);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
    fputc('\'', f);
}

/* A double-quoted word of a data file (gnuplot has no escape there: '"' becomes '\''). */
static void dat_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++)
        fputc(*s == '"' ? '\'' : *s == '\n' || *s == '\r' ? ' ' : *s, f);
    fputc('"', f);
}

static void dat_number(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, " %.12g", v == 0.0 ? 0.0 : v);
    else
        fputs(" ?", f);     /* `set datafile missing '?'` */
}

/* What every chart's commands start with. */
static void preamble(FILE *f, const char *title)
{
    fputs("reset\n"
          "set encoding utf8\n"
          "set datafile missing '?'\n"
          "set border 3 lc rgb '#555555'\n"
          "set tics nomirror\n"
          "set grid ytics lc rgb '#dddddd' lw 1\n"
          "set style fill solid 0.85 border lc rgb '#333333'\n"
          "set key noautotitle\n", f);
    for (int i = 0; i < (int)(sizeof colours / sizeof colours[0]); i++)
        fprintf(f, "set linetype %d lc rgb '%s' lw 2 pt 7 ps 0.8\n", i + 1, colours[i]);
    fputs("set title ", f);
    gp_string(f, title);
    fputs(" font ',13'\n", f);
}

static int plot_begin(struct plot *p, struct charting *cg, const char *name, const char *columns,
                      const char *title, const char *note)
{
    memset(p, 0, sizeof *p);
    p->cg = cg;
    struct chart_set *set = cg->set;
    p->entry = set->n < CHART_MAX ? &set->chart[set->n++] : &p->spare;
    snprintf(p->entry->name, sizeof p->entry->name, "%s", name);
    snprintf(p->entry->title, sizeof p->entry->title, "%s", title);
    snprintf(p->entry->note, sizeof p->entry->note, "%s", note);
    for (char *c = p->entry->title; *c; c++)
        *c = *c == '\n' || *c == '\r' ? ' ' : *c;     /* one line: it is a comment in the files */
    char path[CHART_PATH_MAX + CHART_NAME_MAX + 8];
    snprintf(path, sizeof path, "%s/%s.dat", cg->cdir, p->entry->name);
    p->dat = fopen(path, "w");
    p->body = open_memstream(&p->text, &p->len);
    if (!p->dat || !p->body) {
        failure(cg, "cannot write %s: %s", path, strerror(errno));
        if (p->dat)
            fclose(p->dat);
        if (p->body)
            fclose(p->body);
        free(p->text);
        return -1;
    }
    fprintf(p->dat, "# chanmix chart data: %s\n# figures in the units of summary.json\n"
                    "# columns: %s\n", p->entry->title, columns);
    preamble(p->body, p->entry->title);
    return 0;
}

/* Writes the script, draws the chart and records the outcome; returns 0 or an error. */
static int plot_end(struct plot *p)
{
    struct charting *cg = p->cg;
    const char *name = p->entry->name;
    char path[CHART_PATH_MAX + CHART_NAME_MAX + 8];
    int bad = ferror(p->dat);
    bad |= fclose(p->dat) != 0;
    bad |= fclose(p->body) != 0 || !p->text;
    snprintf(path, sizeof path, "%s/%s.gp", cg->cdir, name);
    FILE *gp = bad ? NULL : fopen(path, "w");
    if (gp) {
        fprintf(gp, "# chanmix chart: ");
        fputs(p->entry->title, gp);
        fprintf(gp, "\n# draws %s.png and %s.svg from %s.dat; run in this folder: "
                    "gnuplot %s.gp\nset encoding utf8\n"
                    "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n"
                    "    set terminal pngcairo size %d,%d font 'sans,10' noenhanced\n"
                    "} else {\n"
                    "    set terminal png size %d,%d noenhanced\n"
                    "}\n"
                    "set output '%s.png'\n",
                name, name, name, name, CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT, name);
        fwrite(p->text, 1, p->len, gp);
        fprintf(gp, "set terminal svg size %d,%d font 'sans,10' noenhanced background '#ffffff'\n"
                    "set output '%s.svg'\n", CHART_WIDTH, CHART_HEIGHT, name);
        fwrite(p->text, 1, p->len, gp);
        fputs("unset output\n", gp);
        bad |= ferror(gp);
        bad |= fclose(gp) != 0;
    } else
        bad = 1;
    free(p->text);
    /* images of an earlier run would not match the new data */
    const char *ext[2] = { "png", "svg" };
    for (int i = 0; i < 2; i++) {
        char img[CHART_PATH_MAX + CHART_NAME_MAX + 8];
        snprintf(img, sizeof img, "%s/%s.%s", cg->cdir, name, ext[i]);
        unlink(img);
    }
    if (bad) {
        failure(cg, "cannot write the files of chart %s in %s", name, cg->cdir);
        return CHART_FAILED;
    }
    if (!cg->gnuplot[0])
        return CHART_NO_GNUPLOT;
    char err[1024];
    int rc = run_gnuplot(cg->gnuplot, cg->cdir, name, err, sizeof err);
    if (rc == 0)
        p->entry->drawn = 1;
    else if (rc == CHART_NO_GNUPLOT) {
        /* found but cannot start: the same as not found, for this and later charts */
        cg->gnuplot[0] = '\0';
        cg->set->skipped = 1;
        snprintf(cg->set->why_skipped, sizeof cg->set->why_skipped, "%.500s", err);
    } else {
        for (int i = 0; i < 2; i++) {
            char img[CHART_PATH_MAX + CHART_NAME_MAX + 8];
            snprintf(img, sizeof img, "%s/%s.%s", cg->cdir, name, ext[i]);
            unlink(img);
        }
        failure(cg, "%s", err);
    }
    return rc;
}

/*
 * Tics for a time axis whose points are intervals in order (closed hours
 * left out): the day and time where a new day starts, and on short axes every
 * two hours.  day[i] counts days from Monday of week 1; minute[i] is the start.
 */
static void time_axis(FILE *f, int n, const int *day, const int *minute)
{
    int days = 1;
    for (int i = 1; i < n; i++)
        days += day[i] != day[i - 1];
    fputs("set xtics (", f);
    int first = 1;
    for (int i = 0; i < n; i++) {
        int new_day = i == 0 || day[i] != day[i - 1];
        int hourly = days <= 2 && minute[i] % 120 == 0;
        if (!new_day && !hourly)
            continue;
        char label[32];
        if (new_day)
            snprintf(label, sizeof label, "%s %02d:%02d", day_names[((day[i] % 7) + 7) % 7],
                     minute[i] / 60, minute[i] % 60);
        else
            snprintf(label, sizeof label, "%02d:%02d", minute[i] / 60, minute[i] % 60);
        fprintf(f, "%s'%s' %d", first ? "" : ", ", label, i);
        first = 0;
    }
    fputs(")\n", f);
    for (int i = 1; i < n; i++)
        if (day[i] != day[i - 1])
            fprintf(f, "set arrow from %g, graph 0 to %g, graph 1 nohead lc rgb '#aaaaaa' "
                       "dt 2 lw 1 back\n", i - 0.5, i - 0.5);
    /* just inside the outer half intervals: histeps' drops to zero at its ends stay hidden */
    fprintf(f, "set xrange [-0.49:%g]\n", n - 0.51);
}

/* ---- bars side by side, with 95% intervals ---- */

struct bars {
    const char *name, *title, *note, *ylabel;
    int groups, series;
    const char *const *group;       /* [groups]: x axis */
    const char *const *series_name; /* [series]: the key */
    const struct estimate *val;     /* [s * groups + g]; a NaN mean is missing */
    double scale;                   /* shown = figure * scale */
    int differences;                /* signed figures: a zero line, no floor */
    int first_colour;               /* linetype of series 0, less one (a scenario keeps its colour) */
};

/* Money on an axis: in thousands or millions when large, so tics stay short.  Returns the scale. */
static double money_axis(const char *currency, const struct estimate *v, int n, double days,
                         char *label, size_t size)
{
    double max = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i].mean))
            max = fmax(max, fabs(v[i].mean) + (isfinite(v[i].ci95) ? v[i].ci95 : 0));
    double scale = max >= 1e7 ? 1e-6 : max >= 1e4 ? 1e-3 : 1.0;
    snprintf(label, size, "%s%s over %g days", scale == 1e-6 ? "millions of "
             : scale == 1e-3 ? "thousands of " : "", chart_currency_words(currency), days);
    return scale;
}

static void draw_bars(struct charting *cg, const struct bars *b)
{
    int any = 0;
    for (int i = 0; i < b->groups * b->series; i++)
        any |= isfinite(b->val[i].mean);
    struct plot p;
    if (!any || plot_begin(&p, cg, b->name, "series_no series group x mean ci95", b->title,
                           b->note) != 0)
        return;
    double w = 0.8 / b->series;
    for (int s = 0; s < b->series; s++)
        for (int g = 0; g < b->groups; g++) {
            const struct estimate *v = &b->val[s * b->groups + g];
            if (!isfinite(v->mean))
                continue;
            fprintf(p.dat, "%d ", s);
            dat_string(p.dat, b->series_name[s]);
            fputc(' ', p.dat);
            dat_string(p.dat, b->group[g]);
            dat_number(p.dat, g - 0.4 + w * (s + 0.5));
            dat_number(p.dat, v->mean);
            dat_number(p.dat, isfinite(v->ci95) ? v->ci95 : 0.0);
            fputc('\n', p.dat);
        }
    FILE *f = p.body;
    fprintf(f, "set boxwidth %g absolute\nset xrange [-0.6:%g]\n", 0.9 * w, b->groups - 0.4);
    fputs("set xtics (", f);
    for (int g = 0; g < b->groups; g++) {
        fputs(g ? ", " : "", f);
        gp_string(f, b->group[g]);
        fprintf(f, " %d", g);
    }
    fputs(")\n", f);
    if (b->groups > 8)
        fputs("set xtics rotate by -30\n", f);
    fputs("set ylabel ", f);
    gp_string(f, b->ylabel);
    fputc('\n', f);
    fputs(b->differences ? "set xzeroaxis lt -1 lw 1\n" : "set yrange [0:*]\n", f);
    int key = b->series > 1 || b->differences;   /* differences: say which scenario */
    if (key)
        fputs("set key outside bottom center horizontal\n", f);
    fputs("plot ", f);
    int first = 1;
    for (int s = 0; s < b->series; s++) {
        int rows = 0;
        for (int g = 0; g < b->groups; g++)
            rows += isfinite(b->val[s * b->groups + g].mean);
        if (!rows)
            continue;
        fprintf(f, "%s'%s.dat' using 4:(($1 == %d) ? $5 * %.12g : NaN):($6 * %.12g) "
                   "with boxerrorbars lt %d", first ? "" : ", \\\n     ", p.entry->name, s,
                b->scale, fabs(b->scale), (s + b->first_colour) % 8 + 1);
        if (key) {
            fputs(" title ", f);
            gp_string(f, b->series_name[s]);
        }
        first = 0;
    }
    fputc('\n', f);
    plot_end(&p);
}

/* ---- the charts of a run ---- */

static void chart_mix(struct charting *cg, const struct experiment *e)
{
    const struct model *m = e->m;
    if (e->ix.needs < 0 || m->n_segments == 0)
        return;
    char columns[2 * MODEL_MAX_CHANNELS * (MODEL_NAME_MAX + 6) + 16];
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    size_t n = (size_t)snprintf(columns, sizeof columns, "segment");
    for (int pass = 0; pass < 2; pass++)
        for (int c = 0; c < m->n_channels; c++) {
            columns[n++] = ' ';
            for (const char *s = m->channels[c].name; *s; s++)
                columns[n++] = *s == ' ' ? '_' : *s;   /* one word per column */
            n += (size_t)snprintf(columns + n, sizeof columns - n, "%s", pass ? "_ci95" : "");
        }
    snprintf(title, sizeof title, "Channel mix: how each group of citizens reaches the organisation");
    snprintf(note, sizeof note, "Each bar is a segment of citizens; its parts are the shares of the "
             "segment's contacts made on each channel (means over %d replications).",
             e->replications);
    struct plot p;
    if (plot_begin(&p, cg, "mix", columns, title, note) != 0)
        return;
    for (int g = 0; g < m->n_segments; g++) {
        const struct estimate *s = e->summary + e->ix.segment[g] + GS_SHARES;
        dat_string(p.dat, m->segments[g].name);
        for (int c = 0; c < m->n_channels; c++)
            dat_number(p.dat, s[c].mean);
        for (int c = 0; c < m->n_channels; c++)
            dat_number(p.dat, s[c].ci95);
        fputc('\n', p.dat);
    }
    FILE *f = p.body;
    fputs("set style data histograms\nset style histogram rowstacked\nset boxwidth 0.6\n"
          "set yrange [0:100]\nset ylabel 'share of the group''s contacts (%)'\n"
          "set key outside right top vertical reverse Left\nplot ", f);
    for (int c = 0; c < m->n_channels; c++) {
        fprintf(f, "%s'mix.dat' using (100 * $%d)%s lt %d title ", c ? ", \\\n     " : "", c + 2,
                c ? "" : ":xtic(1)", c % 8 + 1);
        gp_string(f, m->channels[c].name);
    }
    fputc('\n', f);
    plot_end(&p);
}

/* Position of t on an axis whose tics are the CDF points 0, 1, 2, ... */
static double cdf_position(double t)
{
    const double *pt = results_cdf_points;
    if (t <= pt[0])
        return 0.0;
    for (int k = 0; k + 1 < RESULTS_CDF_POINTS; k++)
        if (t <= pt[k + 1])
            return k + (t - pt[k]) / (pt[k + 1] - pt[k]);
    return RESULTS_CDF_POINTS - 1;
}

static void chart_waits(struct charting *cg, const struct experiment *e, int c)
{
    const struct channel_params *ch = &e->m->channels[c];
    long base = e->ix.wait_cdf[c];
    if (base < 0)
        return;
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], target[32];
    make_name(name, sizeof name, "waits", ch->name);
    chart_format_duration(ch->target_s, target, sizeof target);
    snprintf(title, sizeof title, "%s: how long people waited (target %s)", ch->name, target);
    snprintf(note, sizeof note, "The share of waits on %s that ended within each time, answered "
             "or given up, with its 95%% interval; the dashed line is the target of %s. The axis "
             "steps through the reported times and is not to scale.", ch->name, target);
    struct plot p;
    if (plot_begin(&p, cg, name, "seconds wait share ci95 low high x", title, note) != 0)
        return;
    FILE *f = p.body;
    fputs("set xtics (", f);
    for (int k = 0; k < RESULTS_CDF_POINTS; k++) {
        const struct estimate *s = &e->summary[base + k];
        char label[32];
        chart_format_duration(results_cdf_points[k], label, sizeof label);
        fprintf(p.dat, "%g ", results_cdf_points[k]);
        dat_string(p.dat, label);
        dat_number(p.dat, s->mean);
        dat_number(p.dat, s->ci95);
        dat_number(p.dat, fmax(0.0, s->mean - s->ci95));
        dat_number(p.dat, fmin(1.0, s->mean + s->ci95));
        fprintf(p.dat, " %d\n", k);
        fprintf(f, "%s'%s' %d", k ? ", " : "", label, k);
    }
    fprintf(f, ")\nset xtics rotate by -35\nset xrange [-0.3:%g]\nset yrange [0:100]\n"
               "set ylabel 'waits that ended within this time (%%)'\n"
               "set xlabel 'wait'\nset key bottom right\n", RESULTS_CDF_POINTS - 0.7);
    if (ch->target_s > 0) {
        double x = cdf_position(ch->target_s);
        fprintf(f, "set arrow from %g, graph 0 to %g, graph 1 nohead dt 2 lw 2 lc rgb '%s' front\n"
                   "set label 'target: %s' at %g, graph 0.08 offset 0.6, 0 tc rgb '%s' front\n",
                x, x, colours[5], target, x, colours[5]);
    }
    fprintf(f, "plot '%s.dat' using 7:(100 * $5):(100 * $6) with filledcurves lc rgb '%s' "
               "fs transparent solid 0.25 noborder title '95%% interval', \\\n"
               "     '' using 7:(100 * $3) with linespoints lt 1 title 'mean over %d replications'\n",
            name, colours[0], e->replications);
    plot_end(&p);
}

static void chart_week(struct charting *cg, const struct experiment *e, int c)
{
    const struct model *m = e->m;
    const struct channel_params *ch = &m->channels[c];
    if (e->ix.intervals[c] < 0)
        return;
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], per[32];
    make_name(name, sizeof name, "week", ch->name);
    interval_words(m->interval_s, per, sizeof per);
    snprintf(title, sizeof title, "%s: a week of contacts, agents and queue per %s", ch->name, per);
    snprintf(note, sizeof note, "Top: contacts arriving on %s in each %s the channel is open. "
             "Bottom: agents on duty and contacts waiting. Closed hours are left out; means over "
             "%d replications, intervals in intervals.csv.", ch->name, per, e->replications);
    struct plot p;
    if (plot_begin(&p, cg, name, "interval x arrivals arrivals_ci95 agents queue queue_ci95",
                   title, note) != 0)
        return;
    int n = 0, per_day = (int)lround(86400.0 / m->interval_s);
    int *day = malloc(sizeof *day * (size_t)e->ix.interval_count);
    int *minute = malloc(sizeof *minute * (size_t)e->ix.interval_count);
    if (!day || !minute) {
        free(day);
        free(minute);
        failure(cg, "out of memory");
        fclose(p.dat);
        fclose(p.body);
        free(p.text);
        return;
    }
    for (int k = 0; k < e->ix.interval_count; k++) {
        int rank = e->ix.interval_open[c][k];
        if (rank < 0)
            continue;
        const struct estimate *s = e->summary + e->ix.intervals[c] + (long)rank * IS_COUNT;
        char label[32];
        results_interval_label(m, k, label, sizeof label);
        label[0] = (char)toupper((unsigned char)label[0]);
        dat_string(p.dat, label);
        fprintf(p.dat, " %d", n);
        dat_number(p.dat, s[IS_ARRIVALS].mean);
        dat_number(p.dat, s[IS_ARRIVALS].ci95);
        dat_number(p.dat, s[IS_AGENTS].mean);
        dat_number(p.dat, s[IS_QUEUE_MEAN].mean);
        dat_number(p.dat, s[IS_QUEUE_MEAN].ci95);
        fputc('\n', p.dat);
        day[n] = k / per_day;
        minute[n] = (int)lround((k % per_day) * m->interval_s / 60.0);
        n++;
    }
    FILE *f = p.body;
    fputs("unset title\n", f);
    time_axis(f, n, day, minute);
    free(day);
    free(minute);
    fputs("set multiplot layout 2, 1 title ", f);
    gp_string(f, title);
    fprintf(f, " font ',13'\nset lmargin 10\nset rmargin 4\nset yrange [0:*]\n"
               "set key top right\nset offsets 0, 0, graph 0.25, 0\nset ylabel 'contacts per %s'\nset boxwidth 0.9 relative\n"
               "plot '%s.dat' using 2:3 with boxes lc rgb '%s' fs solid 0.7 noborder "
               "title 'contacts arriving (mean)'\n"
               "set ylabel 'agents, contacts waiting'\n"
               "plot '%s.dat' using 2:5 with histeps lt 1 lw 2 title 'agents on duty', \\\n"
               "     '' using 2:6 with histeps lt 6 lw 2 title 'contacts waiting in the queue (mean)'\n"
               "unset multiplot\n", per, name, colours[4], name);
    plot_end(&p);
}

static void chart_escalations(struct charting *cg, const struct experiment *e)
{
    const struct model *m = e->m;
    if (e->ix.needs < 0 || e->ix.escalations < 0)
        return;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    snprintf(title, sizeof title, "Where people went next after a try that did not settle their need");
    snprintf(note, sizeof note, "Rows: the channel of a try that did not settle the citizen's "
             "need. Columns: the channel of the next try, or the back office. Tries over the "
             "%g days, means over %d replications.", measured_days(m), e->replications);
    struct plot p;
    if (plot_begin(&p, cg, "escalations", "from to x y tries ci95", title, note) != 0)
        return;
    int w = m->n_channels + 1;
    for (int a = 0; a < m->n_channels; a++)
        for (int b = 0; b < w; b++) {
            const struct estimate *s = &e->summary[e->ix.escalations + a * w + b];
            dat_string(p.dat, m->channels[a].name);
            fputc(' ', p.dat);
            dat_string(p.dat, b < m->n_channels ? m->channels[b].name : "back office");
            fprintf(p.dat, " %d %d", b, a);
            dat_number(p.dat, s->mean);
            dat_number(p.dat, s->ci95);
            fputc('\n', p.dat);
        }
    FILE *f = p.body;
    fputs("stats 'escalations.dat' using 5 nooutput\nunset grid\n"
          "set palette defined (0 '#ffffff', 1 '#0b4f8a')\n"
          "set cbrange [0:(STATS_max > 0 ? STATS_max : 1)]\nset cblabel 'tries'\n"
          "set xlabel 'next try on'\nset ylabel 'try that did not settle the need, on'\n", f);
    fprintf(f, "set xrange [-0.5:%g]\nset yrange [%g:-0.5]\nset xtics (", w - 0.5,
            m->n_channels - 0.5);
    for (int b = 0; b < w; b++) {
        fputs(b ? ", " : "", f);
        gp_string(f, b < m->n_channels ? m->channels[b].name : "back office");
        fprintf(f, " %d", b);
    }
    fputs(")\nset ytics (", f);
    for (int a = 0; a < m->n_channels; a++) {
        fputs(a ? ", " : "", f);
        gp_string(f, m->channels[a].name);
        fprintf(f, " %d", a);
    }
    fputs(")\nplot 'escalations.dat' using 3:4:5 with image, \\\n"
          "     '' using 3:4:(sprintf('%.0f', $5)):($5 > 0.55 * STATS_max ? 0xffffff : 0x222222) "
          "with labels tc rgb variable\n", f);
    plot_end(&p);
}

static void chart_cost(struct charting *cg, const struct experiment *e)
{
    const struct model *m = e->m;
    const char *group[MODEL_MAX_CHANNELS + 1];
    struct estimate val[MODEL_MAX_CHANNELS + 1];
    int n = 0;
    for (int c = 0; c <= m->n_channels; c++) {
        long i = e->ix.cost_channel[c];
        if (i < 0)
            continue;
        group[n] = c < m->n_channels ? m->channels[c].name : "back office";
        val[n++] = e->summary[i + COST_ORGANISATION];
    }
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], ylabel[128], total[64];
    chart_format_money(m->currency, e->summary[e->ix.cost_total + TC_ORGANISATION].mean, total,
                       sizeof total);
    snprintf(title, sizeof title, "Cost to the organisation per channel over %g days (in all %s)",
             measured_days(m), total);
    snprintf(note, sizeof note, "Agents' scheduled hours (idle time paid) and costs per contact, "
             "with 95%% intervals over %d replications; citizens' own time is not included.",
             e->replications);
    double scale = money_axis(m->currency, val, n, measured_days(m), ylabel, sizeof ylabel);
    const char *series[1] = { "cost" };
    struct bars b = { "cost", title, note, ylabel, n, 1, group, series, val, scale, 0, 0 };
    draw_bars(cg, &b);
}

int chart_draw_run(const char *dir, const struct experiment *e, struct chart_set *set)
{
    struct charting cg;
    if (charting_open(&cg, dir, set) != 0)
        return CHART_FAILED;
    chart_mix(&cg, e);
    for (int c = 0; c < e->m->n_channels; c++)
        chart_waits(&cg, e, c);
    for (int c = 0; c < e->m->n_channels; c++)
        chart_week(&cg, e, c);
    chart_escalations(&cg, e);
    chart_cost(&cg, e);
    return charting_close(&cg);
}

/* ---- the charts of a comparison ---- */

/* Adds name to a list of distinct names; returns its index. */
static int name_index(const char **names, int *n, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    names[*n] = name;
    return (*n)++;
}

static const struct estimate *figure(const struct experiment *e, const char *fmt, const char *a,
                                     const char *b)
{
    char path[METRICS_PATH_MAX * 2];
    snprintf(path, sizeof path, fmt, a, b);
    return experiment_get(e, path);
}

/* The mean and interval over replications of num / den, each per replication (0 when den is 0). */
static struct estimate ratio_estimate(const struct experiment *e, const long *num, int n_num,
                                      const long *den, int n_den, double *work)
{
    size_t n = e->ix.layout->n;
    for (int r = 0; r < e->replications; r++) {
        const double *v = e->values + (size_t)r * n;
        double a = 0, b = 0;
        for (int i = 0; i < n_num; i++)
            a += v[num[i]];
        for (int i = 0; i < n_den; i++)
            b += v[den[i]];
        work[r] = b > 0 ? a / b : 0.0;
    }
    return stats_estimate(work, 1, (size_t)e->replications);
}

static const struct estimate missing = { NAN, NAN };

int chart_draw_comparison(const char *dir, const struct comparison *c, struct chart_set *set)
{
    struct charting cg;
    if (charting_open(&cg, dir, set) != 0)
        return CHART_FAILED;
    int ns = c->n, reps = c->runs[0].replications;
    const struct model *ref = c->models[0];
    size_t cap = (size_t)ns * (MODEL_MAX_CHANNELS + MODEL_MAX_SEGMENTS + 1);
    const char **names = calloc(cap, sizeof *names), **scen = calloc((size_t)ns, sizeof *scen);
    struct estimate *val = calloc(cap * (size_t)ns + 2 * (size_t)ns, sizeof *val);
    double *work = calloc((size_t)reps + 1, sizeof *work);
    if (!names || !scen || !val || !work) {
        failure(&cg, "out of memory");
        goto out;
    }
    for (int k = 0; k < ns; k++)
        scen[k] = c->models[k]->name;
    char title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], ylabel[160];
    double days = measured_days(ref);

    /* the channel mix: each channel's share of all contacts */
    int g = 0;
    for (int k = 0; k < ns; k++)
        for (int ch = 0; ch < c->models[k]->n_channels; ch++)
            name_index(names, &g, c->models[k]->channels[ch].name);
    for (int k = 0; k < ns; k++) {
        const struct experiment *e = &c->runs[k];
        long all[MODEL_MAX_CHANNELS];
        for (int ch = 0; ch < e->m->n_channels; ch++)
            all[ch] = e->ix.channel[ch] + CS_OFFERED;
        for (int i = 0; i < g; i++) {
            int ch = model_find_channel(e->m, names[i]);
            val[k * g + i] = ch < 0 ? missing
                           : ratio_estimate(e, &all[ch], 1, all, e->m->n_channels, work);
        }
    }
    snprintf(title, sizeof title, "Channel mix per scenario: share of all contacts on each channel");
    snprintf(note, sizeof note, "Bars are scenarios; whiskers are 95%% intervals over %d "
             "replications run on common random numbers.", reps);
    struct bars b = { "compare-mix", title, note, "share of all contacts (%)", g, ns, names, scen,
                      val, 100.0, 0, 0 };
    draw_bars(&cg, &b);

    /* mean waits of assisted channels */
    g = 0;
    for (int k = 0; k < ns; k++)
        for (int ch = 0; ch < c->models[k]->n_channels; ch++)
            if (choice_is_assisted(c->models[k]->channels[ch].kind))
                name_index(names, &g, c->models[k]->channels[ch].name);
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < g; i++) {
            const struct estimate *s = figure(&c->runs[k], "channels/%s/%s", names[i], "wait_mean_s");
            val[k * g + i] = s ? *s : missing;
        }
    snprintf(title, sizeof title, "Mean wait per channel and scenario");
    snprintf(note, sizeof note, "Mean wait of answered and abandoned contacts, in minutes, with "
             "95%% intervals over %d replications.", reps);
    b = (struct bars){ "compare-waits", title, note, "mean wait (minutes)", g, ns, names, scen,
                       val, 1.0 / 60.0, 0, 0 };
    draw_bars(&cg, &b);

    /* needs given up: all citizens and each segment */
    if (c->runs[0].ix.needs >= 0) {
        g = 0;
        name_index(names, &g, "all citizens");
        for (int k = 0; k < ns; k++)
            for (int s = 0; s < c->models[k]->n_segments; s++)
                name_index(names, &g, c->models[k]->segments[s].name);
        for (int k = 0; k < ns; k++) {
            const struct experiment *e = &c->runs[k];
            if (e->ix.needs < 0) {
                for (int i = 0; i < g; i++)
                    val[k * g + i] = missing;
                continue;
            }
            long gave = e->ix.needs + NS_GAVE_UP, ended[2] = { e->ix.needs + NS_RESOLVED, gave };
            val[k * g] = ratio_estimate(e, &gave, 1, ended, 2, work);
            for (int i = 1; i < g; i++) {
                const struct estimate *s = figure(e, "segments/%s/%s", names[i], "gave_up");
                val[k * g + i] = s ? *s : missing;
            }
        }
        snprintf(title, sizeof title, "Needs given up per group of citizens and scenario");
        snprintf(note, sizeof note, "The share of needs that ended without being resolved, with "
                 "95%% intervals over %d replications.", reps);
        b = (struct bars){ "compare-gave-up", title, note, "needs given up (% of needs that ended)",
                           g, ns, names, scen, val, 100.0, 0, 0 };
        draw_bars(&cg, &b);
    }

    /* cost to the organisation, and citizens' time valued apart */
    for (int k = 0; k < ns; k++) {
        const struct estimate *o = experiment_get(&c->runs[k], "cost/total/organisation");
        const struct estimate *t = experiment_get(&c->runs[k], "cost/total/citizen_time_value");
        val[k] = o ? *o : missing;
        val[ns + k] = t ? *t : missing;
    }
    const char *cost_series[2] = { "cost to the organisation", "citizens' time, valued" };
    snprintf(title, sizeof title, "Cost per scenario over %g days", days);
    snprintf(note, sizeof note, "The organisation's cost and, apart, the value of citizens' "
             "waiting and travelling time, with 95%% intervals over %d replications.", reps);
    double scale = money_axis(ref->currency, val, 2 * ns, days, ylabel, sizeof ylabel);
    b = (struct bars){ "compare-cost", title, note, ylabel, ns, 2, scen, cost_series, val, scale,
                       0, 0 };
    draw_bars(&cg, &b);

    /* who wins and who loses: paired differences per segment */
    static const struct {
        const char *figure, *name, *title, *ylabel;
        double scale;
    } change[2] = {
        { "gave_up", "compare-segments-gave-up", "Who wins, who loses: change in needs given up",
          "change in needs given up (percentage points)", 100.0 },
        { "wait_mean_s", "compare-segments-wait", "Who wins, who loses: change in mean wait",
          "change in mean wait (minutes)", 1.0 / 60.0 },
    };
    g = 0;
    for (int k = 1; k < ns; k++)
        for (int s = 0; s < c->models[k]->n_segments; s++)
            name_index(names, &g, c->models[k]->segments[s].name);
    for (int q = 0; q < 2 && g > 0 && ns > 1; q++) {
        for (int k = 1; k < ns; k++)
            for (int i = 0; i < g; i++) {
                char path[METRICS_PATH_MAX * 2];
                snprintf(path, sizeof path, "segments/%s/%s", names[i], change[q].figure);
                long at = metrics_find(c->runs[k].ix.layout, path);
                val[(k - 1) * g + i] = at >= 0 && c->present[k][at] ? c->diff[k][at] : missing;
            }
        snprintf(note, sizeof note, "Each scenario minus %s for each segment of citizens: below "
                 "zero the group is better off. Whiskers are paired 95%% intervals over %d "
                 "replications; a whisker across zero means no measurable change.", ref->name,
                 reps);
        char t[CHART_TEXT_MAX];
        snprintf(t, sizeof t, "%s (against %s)", change[q].title, ref->name);
        b = (struct bars){ change[q].name, t, note, change[q].ylabel, g, ns - 1, names, scen + 1,
                           val, change[q].scale, 1, 1 };
        draw_bars(&cg, &b);
    }
out:
    free(names);
    free(scen);
    free(val);
    free(work);
    return charting_close(&cg);
}

/* ---- a staffing plan ---- */

int chart_staffing(const char *dir, const char *channel, int n, const double *start_s,
                   const double *required, const double *erlang, const double *shifts,
                   char *err, size_t size)
{
    struct chart_set *set = malloc(sizeof *set);
    int *day = malloc(sizeof *day * (size_t)(n > 0 ? n : 1));
    int *minute = malloc(sizeof *minute * (size_t)(n > 0 ? n : 1));
    struct charting cg;
    int rc = CHART_FAILED;
    if (!set || !day || !minute) {
        snprintf(err, size, "out of memory");
        goto out;
    }
    if (n <= 0 || !start_s || (!required && !erlang && !shifts)) {
        snprintf(err, size, "a staffing chart needs intervals and at least one series");
        goto out;
    }
    if (charting_open(&cg, dir, set) != 0) {
        snprintf(err, size, "%s", set->error);
        goto out;
    }
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    make_name(name, sizeof name, "staffing", channel);
    snprintf(title, sizeof title, "%s: agents required per interval, by simulation, by Erlang "
             "and on shifts", channel);
    snprintf(note, sizeof note, "Agents needed in each interval to meet the service level, as "
             "found by simulation and by the Erlang formula, against the agents the shift plan "
             "puts on duty.");
    struct plot p;
    if (plot_begin(&p, &cg, name, "interval start_s x required erlang shifts", title, note) == 0) {
        for (int i = 0; i < n; i++) {
            double s = start_s[i];
            long d = (long)floor(s / 86400.0);
            day[i] = (int)d;
            minute[i] = (int)lround((s - d * 86400.0) / 60.0);
            char label[32];
            snprintf(label, sizeof label, "%s %02d:%02d", day_names[((d % 7) + 7) % 7],
                     minute[i] / 60, minute[i] % 60);
            dat_string(p.dat, label);
            dat_number(p.dat, s);
            fprintf(p.dat, " %d", i);
            dat_number(p.dat, required ? required[i] : NAN);
            dat_number(p.dat, erlang ? erlang[i] : NAN);
            dat_number(p.dat, shifts ? shifts[i] : NAN);
            fputc('\n', p.dat);
        }
        time_axis(p.body, n, day, minute);
        fprintf(p.body, "set yrange [0:*]\nset offsets 0, 0, graph 0.1, 0\nset ylabel 'agents'\n"
                        "set key outside bottom center horizontal\nplot ");
        const struct { const double *v; int col; const char *how; } series[3] = {
            { required, 4, "lt 1 lw 3 title 'required (simulation)'" },
            { erlang, 5, "lt 2 lw 2 dt 2 title 'Erlang formula'" },
            { shifts, 6, "lt 3 lw 2 title 'agents on shifts'" },
        };
        int first = 1;
        for (int s = 0; s < 3; s++)
            if (series[s].v) {
                fprintf(p.body, "%s'%s.dat' using 3:%d with histeps %s", first ? "" : ", \\\n     ",
                        name, series[s].col, series[s].how);
                first = 0;
            }
        fputc('\n', p.body);
        plot_end(&p);
    }
    rc = charting_close(&cg);
    if (rc == CHART_FAILED)
        snprintf(err, size, "%s", set->error);
    else if (rc == CHART_NO_GNUPLOT)
        snprintf(err, size, "%s", set->why_skipped);
out:
    free(set);
    free(day);
    free(minute);
    return rc;
}
