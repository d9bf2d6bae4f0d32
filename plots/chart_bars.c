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
