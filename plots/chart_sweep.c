/*
 * chart_sweep: the charts of a sweep (chart_draw_sweep in chart.h).
 *
 *   shares-NAME     with several scenarios: per headline figure, the share
 *                   of plausible worlds where NAME beats the first, is equal
 *                   or worse, as stacked horizontal bars
 *   tornado-OUTPUT  per output charted, one bar per assumption, the most
 *                   important on top: total Sobol index with the first-order
 *                   one inside it, Morris mu*, or the signed rank correlation,
 *                   each with its 95% bootstrap interval
 *   scatter-OUTPUT  the output against each assumption, one panel each, a
 *                   dot per point
 *
 * One scenario: its metrics are charted; several: each later scenario's
 * difference from the first, which is what a decision turns on.
 */
#include "plots/chart.h"
#include "plots/chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plots/sweep_out.h"

/* The assumptions of output o from the most important down, into order. */
static void by_importance(const struct sweep_view *v, const struct sweep_output *o, int *order)
{
    int k = v->design->k;
    for (int i = 0; i < k; i++)
        order[i] = i;
    for (int i = 1; i < k; i++)     /* insertion sort: k is small; ties keep their order */
        for (int j = i; j > 0; j--) {
            double a = sweep_output_importance(o, v->design->method, order[j]);
            double b = sweep_output_importance(o, v->design->method, order[j - 1]);
            if (!(isfinite(a) && (!isfinite(b) || a > b)))
                break;
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

/* The output's value in the unit people read, and that unit's words. */
static double display_scale(const struct sweep_view *v, const struct sweep_output *o,
                            char *unit, size_t size)
{
    double scale;
    const char *u;
    const struct figure_def *d = v->metrics[o->metric].def;
    figures_display(d, &scale, &u);
    if (d->unit == UNIT_MONEY)
        u = chart_currency_words(v->currency);
    if (d->unit == UNIT_SHARE && o->against >= 0)
        u = "percentage points";
    snprintf(unit, size, "%s", u && *u ? u : "");
    return scale;
}

static void tornado_rows(struct plot *p, const struct sweep_view *v, const struct sweep_output *o,
                         double scale)
{
    int order[SWEEP_MAX_PARAMS], k = v->design->k;
    by_importance(v, o, order);
    for (int r = 0; r < k; r++) {
        int i = order[r];
        struct sensitivity_ci main = v->design->method == SWEEP_SOBOL ? o->total[i]
                                   : v->design->method == SWEEP_MORRIS ? o->mu_star[i] : o->rho[i];
        double s = v->design->method == SWEEP_MORRIS ? scale : 1.0;
        fprintf(p->dat, "%d ", k - 1 - r);
        chart_dat_string(p->dat, v->spec->params[i].path);
        chart_dat_number(p->dat, main.value * s);
        chart_dat_number(p->dat, main.lo * s);
        chart_dat_number(p->dat, main.hi * s);
        chart_dat_number(p->dat, v->design->method == SWEEP_SOBOL ? o->first[i].value : NAN);
        fputc('\n', p->dat);
    }
}

static void chart_tornado(struct charting *cg, const struct sweep_view *v, int oi,
                          const char *tag)
{
    const struct sweep_output *o = &v->an->out[oi];
    static const char *const what[SWEEP_METHOD_COUNT] = {
        "rank correlation with the figure", "share of the spread (Sobol index)",
        "mean absolute change over the assumption's range (Morris mu*)" };
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], label[400];
    char unit[64], xlabel[200];
    double scale = display_scale(v, o, unit, sizeof unit);
    sweep_out_label(v, o, label, sizeof label);
    chart_file_name(name, sizeof name, "tornado", tag);
    snprintf(title, sizeof title, "What drives %.250s", label);
    snprintf(note, sizeof note, "One bar per assumption, the most important on top: %s, with "
             "its 95%% bootstrap interval%s.", what[v->design->method],
             v->design->method == SWEEP_SOBOL ? "; the dark inner bar is the first-order index "
             "(the assumption alone), the outer the total (with its interactions)" : "");
    struct plot p;
    if (!isfinite(o->p5) || o->p5 == o->p95 ||
        chart_plot_begin(&p, cg, name, "row assumption index low high first_order", title,
                         note) != 0)
        return;
    tornado_rows(&p, v, o, scale);
    FILE *f = p.body;
    snprintf(xlabel, sizeof xlabel, "%s%s%s%s", what[v->design->method],
             v->design->method == SWEEP_MORRIS && *unit ? " (" : "",
             v->design->method == SWEEP_MORRIS ? unit : "",
             v->design->method == SWEEP_MORRIS && *unit ? ")" : "");
    fprintf(f, "set ytics scale 0\nset yrange [-0.7:%g]\nset grid xtics noytics\n"
               "set yzeroaxis lt -1 lw 1\nset lmargin 34\nset xlabel ", v->design->k - 0.3);
    chart_gp_string(f, xlabel);
    fprintf(f, "\n%s", v->design->method == SWEEP_LHS ? "set xrange [-1:1]\n" : "");
    static const char *const main_title[SWEEP_METHOD_COUNT] = { "rank correlation",
                                                               "total index", "mu*" };
    fputs("set key outside top right vertical\n", f);
    fprintf(f, "plot '%s.dat' using ($3 / 2):1:(abs($3) / 2):(0.3):ytic(2) with boxxyerror lt 1 "
               "fs solid 0.45 title '%s', \\\n", name, main_title[v->design->method]);
    if (v->design->method == SWEEP_SOBOL)
        fprintf(f, "     '' using ($6 / 2):1:($6 / 2):(0.14) with boxxyerror lt 1 fs solid 0.95 "
                   "title 'first-order index', \\\n");
    fprintf(f, "     '' using 3:1:4:5 with xerrorbars lt 8 pt 7 ps 0.6 title '95%% interval'\n");
    chart_plot_end(&p);
}

/* Panels in a grid of rows x columns for k assumptions. */
static void grid(int k, int *rows, int *cols)
{
    *cols = k <= 2 ? k : k <= 4 ? 2 : k <= 9 ? 3 : 4;
    *rows = (k + *cols - 1) / *cols;
}

static void chart_scatter(struct charting *cg, const struct sweep_view *v, int oi,
                          const char *tag)
{
    const struct sweep_output *o = &v->an->out[oi];
    const struct sweep_design *d = v->design;
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX], label[400];
    char unit[64], columns[SWEEP_MAX_PARAMS * 8 + 32], ylabel[300];
    double scale = display_scale(v, o, unit, sizeof unit);
    sweep_out_label(v, o, label, sizeof label);
    chart_file_name(name, sizeof name, "scatter", tag);
    snprintf(title, sizeof title, "%.250s against each assumption", label);
    snprintf(note, sizeof note, "One dot per simulated point (the mean of its replications); a "
             "clear slope or band says the figure follows that assumption.");
    size_t n = (size_t)snprintf(columns, sizeof columns, "value");
    for (int i = 0; i < d->k; i++)
        n += (size_t)snprintf(columns + n, sizeof columns - n, " a%d", i + 1);
    struct plot p;
    if (chart_plot_begin(&p, cg, name, columns, title, note) != 0)
        return;
    for (int j = 0; j < d->n; j++) {
        chart_dat_number(p.dat, sweep_output_value(v->res, o, j));
        for (int i = 0; i < d->k; i++)
            chart_dat_number(p.dat, d->value[(size_t)j * d->k + i]);
        fputc('\n', p.dat);
    }
    int rows, cols;
    grid(d->k, &rows, &cols);
    FILE *f = p.body;
    snprintf(ylabel, sizeof ylabel, "%.200s%s%s%s", v->metrics[o->metric].def->label,
             *unit ? " (" : "", unit, *unit ? ")" : "");
    fputs("set grid xtics ytics lc rgb '#dddddd'\nset ylabel ", f);
    chart_gp_string(f, ylabel);
    fprintf(f, "\n%sset multiplot layout %d,%d title ", o->against >= 0 ?
            "set xzeroaxis lt -1 lw 1\n" : "", rows, cols);
    chart_gp_string(f, title);
    fputs(" font ',13'\nunset title\n", f);
    for (int i = 0; i < d->k; i++) {
        fputs("set xlabel ", f);
        chart_gp_string(f, v->spec->params[i].path);
        fprintf(f, "\nplot '%s.dat' using %d:($1 * %.12g) with points lt 1 pt 7 ps 0.5\n", name,
                i + 2, scale);
    }
    fputs("unset multiplot\n", f);
    chart_plot_end(&p);
}

static void chart_shares(struct charting *cg, const struct sweep_view *v, int s)
{
    char name[CHART_NAME_MAX], title[CHART_TEXT_MAX], note[CHART_TEXT_MAX];
    chart_file_name(name, sizeof name, "shares", v->names[s]);
    snprintf(title, sizeof title, "In how many plausible worlds %.100s beats %.100s",
             v->names[s], v->names[0]);
    snprintf(note, sizeof note, "Per headline figure, the share of the %d simulated points "
             "where %.60s is better than %.60s (green), equal (grey) or worse (red). Figures "
             "with no better or worse are left out.", v->design->n, v->names[s], v->names[0]);
    struct plot p;
    if (chart_plot_begin(&p, cg, name, "row figure better equal worse", title, note) != 0)
        return;
    int rows = 0;
    for (int h = v->n_headlines - 1; h >= 0; h--) {
        const struct sweep_share *sh = &v->an->share[(size_t)(s - 1) * v->n_headlines + h];
        if (sh->direction < 0 || !sh->n)
            continue;
        fprintf(p.dat, "%d ", rows++);
        chart_dat_string(p.dat, v->headlines[h].label);
        chart_dat_number(p.dat, 100.0 * sweep_share_better(sh));
        chart_dat_number(p.dat, 100.0 * sh->equal / sh->n);
        chart_dat_number(p.dat, 100.0 * sweep_share_worse(sh));
        fputc('\n', p.dat);
    }
    fprintf(p.body, "set ytics scale 0\nset yrange [-0.7:%g]\nset xrange [0:100]\n"
                    "set grid xtics noytics\nset lmargin 40\n"
                    "set xlabel 'share of plausible worlds (%%)'\n"
                    "set key outside bottom center horizontal\n"
                    "plot '%s.dat' using ($3 / 2):1:($3 / 2):(0.35):ytic(2) with boxxyerror "
                    "lc rgb '#009E73' title 'better', \\\n"
                    "     '' using ($3 + $4 / 2):1:($4 / 2):(0.35) with boxxyerror "
                    "lc rgb '#bbbbbb' title 'equal', \\\n"
                    "     '' using ($3 + $4 + $5 / 2):1:($5 / 2):(0.35) with boxxyerror "
                    "lc rgb '#D55E00' title 'worse'\n", rows - 0.3, name);
    chart_plot_end(&p);
}

int chart_draw_sweep(const char *dir, const struct sweep_view *v, struct chart_set *set)
{
    struct charting cg;
    if (chart_set_begin(&cg, dir, set) != 0)
        return CHART_FAILED;
    for (int s = 1; s < v->n_scenarios; s++)
        chart_shares(&cg, v, s);
    /* the metrics (one scenario) or differences (several), the answer's lead first */
    int from = v->n_scenarios > 1 ? v->n_metrics * v->n_scenarios : 0;
    int room = (CHART_MAX - (v->n_scenarios - 1)) / 2, lead, charted = 0;
    int has_lead = sweep_out_lead(v, &lead, 1) == 1;
    for (int pass = 0; pass < 2; pass++)
        for (int o = from; o < v->an->n_outputs && charted < room; o++) {
            const struct sweep_output *out = &v->an->out[o];
            if ((pass == 0) != (has_lead && out->metric == lead))
                continue;
            char tag[2 * SWEEP_PATH_MAX];
            if (out->against >= 0 && v->n_scenarios > 2)
                snprintf(tag, sizeof tag, "%s-%s", v->names[out->scenario],
                         v->metrics[out->metric].path);
            else
                snprintf(tag, sizeof tag, "%s", v->metrics[out->metric].path);
            chart_tornado(&cg, v, o, tag);
            chart_scatter(&cg, v, o, tag);
            charted++;
        }
    return chart_set_end(&cg);
}
