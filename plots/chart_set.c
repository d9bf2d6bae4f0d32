/*
 * chart_set: a set of charts in DIR/charts and one chart being made, see
 * chart_internal.h.  The charts themselves are drawn by chart_bars.c,
 * chart_staffing.c, chart_run.c and chart_compare.c; gnuplot is found and
 * run by chart_gnuplot.c.
 *
 * A chart is made in two steps.  chart_plot_begin opens its data file and
 * starts the plotting commands in memory; the chart's function writes rows
 * and commands; chart_plot_end writes the script, which runs the commands
 * once for the PNG and once for the SVG (multiplot charts cannot be
 * replotted), and runs gnuplot on it with the folder DIR/charts as its
 * working directory.  One gnuplot process per chart: a failure then names
 * its chart, and a start costs about 20 ms, little beside a simulation.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"
#include "plots/output.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/schedule.h"

#define CHART_WIDTH 960
#define CHART_HEIGHT 540

/* Okabe-Ito colours: told apart with the common colour-vision deficiencies. */
const char *const chart_colours[8] = { "#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                       "#56B4E9", "#D55E00", "#F0E442", "#777777" };

void chart_fail(struct charting *cg, const char *fmt, ...)
{
    if (cg->set->failed++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(cg->set->error, sizeof cg->set->error, fmt, ap);
        va_end(ap);
    }
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
    if (output_make_dir(cg->cdir) != 0) {
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
        chart_fail(cg, "cannot write the files of chart %s in %s: %s", name, cg->cdir,
                   strerror(errno));
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
 * Tics for a time axis whose points are intervals in order (hours may be
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
            snprintf(label, sizeof label, "%s %02d:%02d", schedule_days[((day[i] % 7) + 7) % 7].abbrev,
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
