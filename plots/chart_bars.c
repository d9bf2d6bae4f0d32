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
#include <stdlib.h>

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

/* Panel q's groups: [*from, *to) of b, those with figures at slot[g] = 0, 1, ...; returns
 * how many have figures. */
static int panel_groups(const struct bars *b, int q, int *from, int *to, int *slot)
{
    int per = b->per_panel > 1 ? b->per_panel : 1, n = 0;
    *from = q * per;
    *to = *from + per < b->groups ? *from + per : b->groups;
    for (int g = *from; g < *to; g++)
        slot[g] = group_has_figures(b, g) ? n++ : -1;
    return n;
}

/* One panel: its groups side by side (one group: no tics, the title names it), a bar per
 * series, at the panel's place on the canvas. */
static void panel(FILE *f, const struct plot *p, const struct bars *b, int q, const int *slot,
                  int n, const double *place)
{
    int per = b->per_panel > 1 ? b->per_panel : 1, from = q * per;
    double scale = b->panel_scale ? b->panel_scale[q] : b->scale;
    fprintf(f, "set origin %.4f, %.4f\nset size %.4f, %.4f\nset xrange [-0.6:%g]\nset title ",
            place[0], place[1], place[2], place[3], n - 0.4);
    chart_gp_string(f, per > 1 ? b->panel_name[q] : b->group[from]);
    fputs(" font ',11'\nset ylabel ", f);
    chart_gp_string(f, b->panel_ylabel ? b->panel_ylabel[q] : b->ylabel);
    if (per > 1) {
        fputs("\nset xtics (", f);
        for (int g = from, first = 1; g < from + per && g < b->groups; g++)
            if (slot[g] >= 0) {
                fputs(first ? "" : ", ", f);
                chart_gp_string(f, b->group[g]);
                fprintf(f, " %d", slot[g]);
                first = 0;
            }
        fputs(") scale 0", f);
    }
    fputs("\nplot ", f);
    for (int s = 0, first = 1; s < b->series; s++) {
        int rows = 0;
        for (int g = from; g < from + per && g < b->groups; g++)
            rows += isfinite(b->val[s * b->groups + g].mean);
        if (!rows)
            continue;
        fprintf(f, "%s'%s.dat' using 6:(($1 == %d && $4 >= %d && $4 < %d) ? $7 * %.12g : NaN):"
                   "($8 * %.12g) with boxerrorbars lt %d", first ? "" : ", \\\n     ",
                p->entry->name, s, from, from + per, scale, fabs(scale),
                (s + b->first_colour) % 8 + 1);
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

/* The data rows: every figure with its panel's name and its place in the panel. */
static void panels_data(FILE *dat, const struct bars *b, const int *slot, int per)
{
    for (int g = 0; g < b->groups; g++)
        for (int s = 0; s < b->series; s++) {
            const struct estimate *v = &b->val[s * b->groups + g];
            if (!isfinite(v->mean))
                continue;
            double w = 0.8 / b->series;
            fprintf(dat, "%d ", s);
            chart_dat_string(dat, b->series_name[s]);
            fputc(' ', dat);
            chart_dat_string(dat, per > 1 ? b->panel_name[g / per] : b->group[g]);
            fprintf(dat, " %d ", g);
            chart_dat_string(dat, b->group[g]);
            chart_dat_number(dat, slot[g] - 0.4 + w * (s + 0.5));
            chart_dat_number(dat, v->mean);
            chart_dat_number(dat, isfinite(v->ci95) ? v->ci95 : 0.0);
            fputc('\n', dat);
        }
}

void chart_draw_panels(struct charting *cg, const struct bars *b)
{
    int per = b->per_panel > 1 ? b->per_panel : 1, panels = 0, from, to;
    int *slot = malloc(sizeof *slot * (size_t)(b->groups ? b->groups : 1));
    if (!slot) {
        chart_fail(cg, "out of memory");
        return;
    }
    for (int q = 0; q * per < b->groups; q++)
        panels += panel_groups(b, q, &from, &to, slot) > 0;
    struct plot p;
    if (!panels || chart_plot_begin(&p, cg, b->name,
                                    "series_no series panel group_no group x mean ci95", b->title,
                                    b->note) != 0) {
        free(slot);
        return;
    }
    panels_data(p.dat, b, slot, per);
    FILE *f = p.body;
    int rows = panels > 4 ? 2 : 1, cols = (panels + rows - 1) / rows;
    const double key = 0.08, top = 0.93;    /* the key's strip, the title's */
    fputs("unset title\nset multiplot title ", f);
    chart_gp_string(f, b->title);
    /* differences: zero always in view, the range grows either way from it */
    fprintf(f, " font ',13'\nset boxwidth %g absolute\nunset xtics\nset lmargin 10\n%s",
            0.9 * 0.8 / b->series, b->differences ? "set xzeroaxis lt -1 lw 1\n"
                                                    "set yrange [*<0:0<*]\n" : "set yrange [0:*]\n");
    double w = 1.0 / cols, h = (top - key) / rows;
    for (int q = 0, at = 0; q * per < b->groups; q++) {
        int n = panel_groups(b, q, &from, &to, slot);
        if (!n)
            continue;
        double place[4] = { (at % cols) * w, key + (rows - 1 - at / cols) * h, w, h };
        panel(f, &p, b, q, slot, n, place);
        at++;
    }
    panels_key(f, b, key);
    fputs("unset multiplot\n", f);
    free(slot);
    chart_plot_end(&p);
}
