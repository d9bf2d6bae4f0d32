/*
 * chart_bars: bars side by side with 95% intervals (struct bars in
 * chart_internal.h), the one chart type that runs and comparisons share.
 * Bars are placed by x positions that this file computes rather than by
 * gnuplot's histogram styles, so a missing figure (a channel one scenario
 * lacks) is a missing bar, not a shifted one.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <math.h>
#include <stdio.h>

/* Money on an axis: in thousands or millions when large, so tics stay short.  Returns the scale. */
double chart_money_unit(const char *currency, const struct estimate *v, int n, char *words,
                        size_t size)
{
    double max = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i].mean))
            max = fmax(max, fabs(v[i].mean) + (isfinite(v[i].ci95) ? v[i].ci95 : 0));
    double scale = max >= 1e7 ? 1e-6 : max >= 1e4 ? 1e-3 : 1.0;
    snprintf(words, size, "%s%s", scale == 1e-6 ? "millions of " : scale == 1e-3 ? "thousands of "
             : "", chart_currency_words(currency));
    return scale;
}

double chart_money_axis(const char *currency, const struct estimate *v, int n, double days,
                        char *label, size_t size)
{
    char words[96];
    double scale = chart_money_unit(currency, v, n, words, sizeof words);
    snprintf(label, size, "%s over %g days", words, days);
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
    if (b->total_first && b->groups > 1)
        fputs("set arrow from 0.5, graph 0 to 0.5, graph 1 nohead dt 3 lc rgb '#999999' back\n", f);
    fputs("set ylabel ", f);
    chart_gp_string(f, b->ylabel);
    fputc('\n', f);
    /* differences: zero always in view, the range grows either way from it */
    fputs(b->differences ? "set xzeroaxis lt -1 lw 1\nset yrange [*<0:0<*]\n"
                         : "set yrange [0:*]\n", f);
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

/* Whether group g of b has a figure to show. */
static int group_has_figures(const struct bars *b, int g)
{
    for (int s = 0; s < b->series; s++)
        if (isfinite(b->val[s * b->groups + g].mean))
            return 1;
    return 0;
}

/* One panel: group g's bars, a series each, at the panel's place on the canvas. */
static void panel(FILE *f, const struct plot *p, const struct bars *b, int g, double x, double y,
                  double w, double h)
{
    double scale = b->group_scale ? b->group_scale[g] : b->scale;
    fprintf(f, "set origin %.4f, %.4f\nset size %.4f, %.4f\nset title ", x, y, w, h);
    chart_gp_string(f, b->group[g]);
    fputs(" font ',11'\nset ylabel ", f);
    chart_gp_string(f, b->group_ylabel ? b->group_ylabel[g] : b->ylabel);
    fputs("\nplot ", f);
    int first = 1;
    for (int s = 0; s < b->series; s++) {
        if (!isfinite(b->val[s * b->groups + g].mean))
            continue;
        fprintf(f, "%s'%s.dat' using 5:(($1 == %d && $3 == %d) ? $6 * %.12g : NaN):($7 * %.12g) "
                   "with boxerrorbars lt %d", first ? "" : ", \\\n     ", p->entry->name, s, g,
                scale, fabs(scale), (s + b->first_colour) % 8 + 1);
        first = 0;
    }
    fputc('\n', f);
}

/* The key of every panel, once, in a strip across the bottom of the canvas. */
static void panels_key(FILE *f, const struct bars *b, double height)
{
    fprintf(f, "set origin 0, 0\nset size 1, %.4f\nunset border\nunset tics\nunset title\n"
               "unset ylabel\nunset grid\nunset xzeroaxis\nset xrange [0:1]\nset yrange [0:1]\n"
               "set key center center horizontal\nplot ", height);
    for (int s = 0; s < b->series; s++) {
        /* a bar below the range: only its key is seen */
        fprintf(f, "%s-1 with boxes lt %d title ", s ? ", " : "", (s + b->first_colour) % 8 + 1);
        chart_gp_string(f, b->series_name[s]);
    }
    fputc('\n', f);
}

void chart_draw_panels(struct charting *cg, const struct bars *b)
{
    int panels = 0;
    for (int g = 0; g < b->groups; g++)
        panels += group_has_figures(b, g);
    struct plot p;
    if (!panels || chart_plot_begin(&p, cg, b->name, "series_no series group_no group x mean ci95",
                                    b->title, b->note) != 0)
        return;
    for (int g = 0; g < b->groups; g++)
        for (int s = 0; s < b->series; s++) {
            const struct estimate *v = &b->val[s * b->groups + g];
            if (!isfinite(v->mean))
                continue;
            fprintf(p.dat, "%d ", s);
            chart_dat_string(p.dat, b->series_name[s]);
            fprintf(p.dat, " %d ", g);
            chart_dat_string(p.dat, b->group[g]);
            fprintf(p.dat, " %d", s);
            chart_dat_number(p.dat, v->mean);
            chart_dat_number(p.dat, isfinite(v->ci95) ? v->ci95 : 0.0);
            fputc('\n', p.dat);
        }
    FILE *f = p.body;
    int rows = panels > 4 ? 2 : 1, cols = (panels + rows - 1) / rows;
    const double key = 0.08, top = 0.93;    /* the key's strip, the title's */
    fputs("unset title\nset multiplot title ", f);
    chart_gp_string(f, b->title);
    /* differences: zero always in view, the range grows either way from it */
    fprintf(f, " font ',13'\nset boxwidth 0.8 absolute\nset xrange [-0.6:%g]\nunset xtics\n"
               "set lmargin 10\n%s", b->series - 0.4,
            b->differences ? "set xzeroaxis lt -1 lw 1\nset yrange [*<0:0<*]\n"
                           : "set yrange [0:*]\n");
    double w = 1.0 / cols, h = (top - key) / rows;
    int at = 0;
    for (int g = 0; g < b->groups; g++)
        if (group_has_figures(b, g)) {
            panel(f, &p, b, g, (at % cols) * w, key + (rows - 1 - at / cols) * h, w, h);
            at++;
        }
    panels_key(f, b, key);
    fputs("unset multiplot\n", f);
    chart_plot_end(&p);
}
