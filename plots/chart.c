/*
 * chart: gnuplot charts of runs, comparisons and staffing plans, see chart.h.
 * This file holds what every chart uses (words and numbers, chart sets, one
 * chart being made, bars side by side) and the staffing chart; the charts of
 * a run are in chart_run.c, those of a comparison in chart_compare.c, and
 * finding and running gnuplot in chart_gnuplot.c.
 *
 * A chart is made in two steps.  chart_plot_begin opens its data file and
 * starts the plotting commands in memory; the chart's function writes rows
 * and commands; chart_plot_end writes the script, which runs the commands
 * once for the PNG and once for the SVG (multiplot charts cannot be
 * replotted), and runs gnuplot on it with the folder DIR/charts as its
 * working directory.  One gnuplot process per chart: a failure then names
 * its chart, and a start costs about 20 ms, little beside a simulation.
 *
 * Data files keep figures in the units of summary.json; scripts scale them
 * for people (percentages, minutes).  Bars are placed by x positions that
 * this file computes rather than gnuplot's histogram styles, so a missing
 * figure (a channel one scenario lacks) is a missing bar, not a shifted one.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHART_WIDTH 960
#define CHART_HEIGHT 540

/* Okabe-Ito colours: told apart with the common colour-vision deficiencies. */
const char *const chart_colours[8] = { "#0072B2", "#E69F00", "#009E73", "#CC79A7",
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
void chart_interval_words(double interval_s, char *buf, size_t size)
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

double chart_measured_days(const struct model *m)
{
    return (m->horizon_s - m->warmup_s) / 86400.0;
}

/* ---- a set of charts, and one chart being made ---- */

void chart_fail(struct charting *cg, const char *fmt, ...)
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

int chart_set_begin(struct charting *cg, const char *dir, struct chart_set *set)
{
    memset(set, 0, sizeof *set);
    memset(cg, 0, sizeof *cg);
    cg->set = set;
    if ((size_t)snprintf(cg->cdir, sizeof cg->cdir, "%s/charts", dir) >= sizeof cg->cdir - 64) {
        chart_fail(cg, "folder name too long for charts: %s", dir);
        return CHART_FAILED;
    }
    if (make_dir(cg->cdir) != 0) {
        chart_fail(cg, "cannot create folder %s: %s", cg->cdir, strerror(errno));
        return CHART_FAILED;
    }
    if (chart_find_gnuplot(cg->gnuplot, sizeof cg->gnuplot, set->why_skipped,
                           sizeof set->why_skipped) != 0) {
        cg->gnuplot[0] = '\0';
        set->skipped = 1;
    }
    return 0;
}

int chart_set_end(const struct charting *cg)
{
    return cg->set->failed ? CHART_FAILED : cg->set->skipped ? CHART_NO_GNUPLOT : 0;
}

/* A file name from a figure's name: letters, digits, '-' and '_' kept, others '_'. */
void chart_file_name(char *out, size_t size, const char *prefix, const char *name)
{
    size_t n = (size_t)snprintf(out, size, "%s-", prefix);
    for (const char *s = name; *s && n + 1 < size; s++) {
        unsigned char ch = (unsigned char)*s;
        out[n++] = ch < 128 && (isalnum(ch) || ch == '-' || ch == '_') ? (char)ch : '_';
    }
    out[n < size ? n : size - 1] = '\0';
}

/* A single-quoted gnuplot string: a quote is doubled, nothing else is special. */
void chart_gp_string(FILE *f, const char *s)
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
void chart_dat_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++)
        fputc(*s == '"' ? '\'' : *s == '\n' || *s == '\r' ? ' ' : *s, f);
    fputc('"', f);
}

void chart_dat_number(FILE *f, double v)
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
    for (int i = 0; i < (int)(sizeof chart_colours / sizeof chart_colours[0]); i++)
        fprintf(f, "set linetype %d lc rgb '%s' lw 2 pt 7 ps 0.8\n", i + 1, chart_colours[i]);
    fputs("set title ", f);
    chart_gp_string(f, title);
    fputs(" font ',13'\n", f);
}

int chart_plot_begin(struct plot *p, struct charting *cg, const char *name, const char *columns,
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
        chart_fail(cg, "cannot write %s: %s", path, strerror(errno));
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
int chart_plot_end(struct plot *p)
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
        chart_fail(cg, "cannot write the files of chart %s in %s", name, cg->cdir);
        return CHART_FAILED;
    }
    if (!cg->gnuplot[0])
        return CHART_NO_GNUPLOT;
    char err[1024];
    int rc = chart_gnuplot_run(cg->gnuplot, cg->cdir, name, err, sizeof err);
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
        chart_fail(cg, "%s", err);
    }
    return rc;
}

/*
 * Tics for a time axis whose points are intervals in order (closed hours
 * left out): the day and time where a new day starts, and on short axes every
 * two hours.  day[i] counts days from Monday of week 1; minute[i] is the start.
 */
void chart_time_axis(FILE *f, int n, const int *day, const int *minute)
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

/* Money on an axis: in thousands or millions when large, so tics stay short.  Returns the scale. */
double chart_money_axis(const char *currency, const struct estimate *v, int n, double days,
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

void chart_draw_bars(struct charting *cg, const struct bars *b)
{
    int any = 0;
    for (int i = 0; i < b->groups * b->series; i++)
        any |= isfinite(b->val[i].mean);
    struct plot p;
    if (!any || chart_plot_begin(&p, cg, b->name, "series_no series group x mean ci95",
                                 b->title, b->note) != 0)
        return;
    double w = 0.8 / b->series;
    for (int s = 0; s < b->series; s++)
        for (int g = 0; g < b->groups; g++) {
            const struct estimate *v = &b->val[s * b->groups + g];
            if (!isfinite(v->mean))
                continue;
            fprintf(p.dat, "%d ", s);
            chart_dat_string(p.dat, b->series_name[s]);
            fputc(' ', p.dat);
            chart_dat_string(p.dat, b->group[g]);
            chart_dat_number(p.dat, g - 0.4 + w * (s + 0.5));
            chart_dat_number(p.dat, v->mean);
            chart_dat_number(p.dat, isfinite(v->ci95) ? v->ci95 : 0.0);
            fputc('\n', p.dat);
        }
    FILE *f = p.body;
    fprintf(f, "set boxwidth %g absolute\nset xrange [-0.6:%g]\n", 0.9 * w, b->groups - 0.4);
    fputs("set xtics (", f);
    for (int g = 0; g < b->groups; g++) {
        fputs(g ? ", " : "", f);
        chart_gp_string(f, b->group[g]);
        fprintf(f, " %d", g);
    }
    fputs(")\n", f);
    if (b->groups > 8)
        fputs("set xtics rotate by -30\n", f);
    fputs("set ylabel ", f);
    chart_gp_string(f, b->ylabel);
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
            chart_gp_string(f, b->series_name[s]);
        }
        first = 0;
    }
    fputc('\n', f);
    chart_plot_end(&p);
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
    if (chart_set_begin(&cg, dir, set) != 0) {
        snprintf(err, size, "%s", set->error);
        goto out;
    }
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    chart_file_name(name, sizeof name, "staffing", channel);
    snprintf(title, sizeof title, "%s: agents required per interval, by simulation, by Erlang "
             "and on shifts", channel);
    snprintf(note, sizeof note, "Agents needed in each interval to meet the service level, as "
             "found by simulation and by the Erlang formula, against the agents the shift plan "
             "puts on duty.");
    struct plot p;
    if (chart_plot_begin(&p, &cg, name, "interval start_s x required erlang shifts", title,
                         note) == 0) {
        for (int i = 0; i < n; i++) {
            double s = start_s[i];
            long d = (long)floor(s / 86400.0);
            day[i] = (int)d;
            minute[i] = (int)lround((s - d * 86400.0) / 60.0);
            char label[32];
            snprintf(label, sizeof label, "%s %02d:%02d", day_names[((d % 7) + 7) % 7],
                     minute[i] / 60, minute[i] % 60);
            chart_dat_string(p.dat, label);
            chart_dat_number(p.dat, s);
            fprintf(p.dat, " %d", i);
            chart_dat_number(p.dat, required ? required[i] : NAN);
            chart_dat_number(p.dat, erlang ? erlang[i] : NAN);
            chart_dat_number(p.dat, shifts ? shifts[i] : NAN);
            fputc('\n', p.dat);
        }
        chart_time_axis(p.body, n, day, minute);
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
        chart_plot_end(&p);
    }
    rc = chart_set_end(&cg);
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
